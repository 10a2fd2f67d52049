// FUZZ_CHECK(condition): in a fuzz target, a property that must hold for every input. A violation
// prints where and aborts, which libFuzzer (and the corpus replay) reports as a finding.
#ifndef WPS_TESTS_FUZZ_FUZZ_CHECK_H_
#define WPS_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                 \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (false)

#endif  // WPS_TESTS_FUZZ_FUZZ_CHECK_H_

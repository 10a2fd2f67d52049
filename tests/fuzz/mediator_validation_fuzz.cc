// Request validation on arbitrary records: the bytes parsed as a CreateMediatorRequest (as gRPC
// would hand it to the server), the record and the network checked as the roster checks them.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "services/common/field_violations.h"
#include "services/roster/mediator_validation.h"
#include "tests/fuzz/fuzz_check.h"
#include "wps/roster/v1/roster_service.pb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wps::roster::v1::CreateMediatorRequest request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return 0;
  std::vector<wps::common::FieldViolation> violations;
  wps::roster::ValidateMediator(request.mediator(), nullptr, "mediator", violations);
  wps::roster::v1::Network network;
  network.add_chapters("NO");
  network.add_chapters("SE");
  network.set_display_name("Nordic");
  wps::roster::ValidateMediator(request.mediator(), &network, "mediator", violations);
  for (const wps::common::FieldViolation& violation : violations)
    FUZZ_CHECK(!violation.description.empty());
  return 0;
}

# Helpers that give every target of ours the same warnings, include root and alias.
#
#   wps_cc_library(NAME name ALIAS wps::name SRCS ... DEPS ... [PRIVATE_DEPS ...])
#   wps_cc_binary(NAME name SRCS ... DEPS ...)
#   wps_cc_test(NAME name SRCS ... DEPS ... [LABELS ...] [TIMEOUT seconds])

set(WPS_WARNINGS -Wall -Wextra -Werror)

function(wps_cc_library)
  cmake_parse_arguments(ARG "" "NAME;ALIAS" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${ARG_NAME} STATIC ${ARG_SRCS})
  target_compile_options(${ARG_NAME} PRIVATE ${WPS_WARNINGS})
  target_include_directories(${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  if(ARG_ALIAS)
    add_library(${ARG_ALIAS} ALIAS ${ARG_NAME})
  endif()
endfunction()

function(wps_cc_binary)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_compile_options(${ARG_NAME} PRIVATE ${WPS_WARNINGS})
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS})
endfunction()

function(wps_cc_test)
  cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_compile_options(${ARG_NAME} PRIVATE ${WPS_WARNINGS})
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR})
  # Tests that run the repository's scripts (deploy/tls/make-test-certs.sh) find them here.
  target_compile_definitions(${ARG_NAME} PRIVATE WPS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} wps::testing GTest::gmock_main)
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}"
    ENVIRONMENT "WPS_BIN_DIR=${PROJECT_BINARY_DIR}/bin")
endfunction()

# Registers the Node.js test files (node --test) and the layering check with CTest, so one
# `ctest` runs the whole suite. Included from the top-level CMakeLists.txt.
#
# Each test gets the server binary, the source tree and a folder for its artefacts
# (screenshots, server logs) through the environment.

find_program(BANK_NODE_EXECUTABLE node)

set(bank_node_test_environment
    "BANK_BINARY=$<TARGET_FILE:bank>"
    "BANK_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
    "BANK_TEST_OUTPUT=${CMAKE_BINARY_DIR}/test-output"
    # Passwords hashed at bcrypt's cost 4, not 12 (docs/TESTING.md): at 12 the suite's
    # registrations and sign-ins took several CPU-minutes of CI. tests/http/bcrypt_cost checks
    # the servers started without it.
    "BANK_TEST_BCRYPT_COST=4")

# Every file runs through tests/support/run_node_test.mjs, which exits 77 (SKIP_RETURN_CODE)
# when the file ran no test or every test in it skipped: such an entry is reported Skipped,
# never Passed. scripts/dev test lists the skipped entries and, in CI, fails on any.
set(bank_node_test_runner ${CMAKE_SOURCE_DIR}/tests/support/run_node_test.mjs)

# The files that only mean something on DynamoDB (two servers sharing one store, the DynamoDB
# workload and its faults): registered only by bank_add_dynamodb_node_tests.
set(bank_dynamodb_only_node_tests two_servers workload_dynamodb two_servers_workload dynamodb_faults)
# The files that only run on SQLite: the CSV export under shutdown needs 80,000 postings, which
# take too long to write into DynamoDB Local (on DynamoDB the export's chunks are proved to run
# on the blocking-read pool by tests/http/streamed_body_test.cpp). Not registered by
# bank_add_dynamodb_node_tests.
# The outside judges of the pages and the OpenAPI document (the Nu Html Checker, Spectral) run
# once: what they read does not depend on the store; so does the mail over TLS (mail_tls).
set(bank_sqlite_only_node_tests csv_export_shutdown html_validity openapi_lint mail_tls bcrypt_cost)

# bank_add_node_tests(<prefix> <folder> [RUN_SERIAL] [ONE_BROWSER]): the files of tests/<folder>
# on SQLite, but for the DynamoDB-only ones.
function(bank_add_node_tests prefix folder)
  file(GLOB test_files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${folder}/*.test.mjs)
  list(SORT test_files)
  foreach(test_file IN LISTS test_files)
    get_filename_component(file_name ${test_file} NAME)
    string(REGEX REPLACE "\\.test\\.mjs$" "" test_name ${file_name})
    if(test_name IN_LIST bank_dynamodb_only_node_tests)
      continue()
    endif()
    add_test(NAME ${prefix}_${test_name}
             COMMAND ${BANK_NODE_EXECUTABLE} ${bank_node_test_runner} ${test_file}
             WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(${prefix}_${test_name} PROPERTIES
                         ENVIRONMENT "${bank_node_test_environment}"
                         SKIP_RETURN_CODE 77
                         TIMEOUT 600
                         LABELS ${prefix})
    if("RUN_SERIAL" IN_LIST ARGN)
      set_tests_properties(${prefix}_${test_name} PROPERTIES RUN_SERIAL TRUE)
    endif()
    if("ONE_BROWSER" IN_LIST ARGN)
      # One Chromium at a time (it takes a core of its own), but beside another test: run
      # alone, the browser tests kept one of CI's two CTest slots idle for over four minutes.
      set_tests_properties(${prefix}_${test_name} PROPERTIES RESOURCE_LOCK chromium)
    endif()
  endforeach()
endfunction()

# bank_add_dynamodb_node_tests(<prefix> <folder>): the same files once more with
# BANK_STORE=dynamodb (tests/support/server.mjs then gives each server fresh tables under a
# table prefix of its own). Whether DynamoDB is there is decided when ctest runs: without
# BANK_TEST_DYNAMODB_ENDPOINT (scripts/dev test starts DynamoDB Local and sets it) these
# tests are reported as skipped. Options: FILES <name>... registers only those files (names
# without .test.mjs); RUN_SERIAL runs them one at a time.
function(bank_add_dynamodb_node_tests prefix folder)
  cmake_parse_arguments(arg "RUN_SERIAL" "" "FILES" ${ARGN})
  file(GLOB test_files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${folder}/*.test.mjs)
  list(SORT test_files)
  foreach(test_file IN LISTS test_files)
    get_filename_component(file_name ${test_file} NAME)
    string(REGEX REPLACE "\\.test\\.mjs$" "" test_name ${file_name})
    if((arg_FILES AND NOT test_name IN_LIST arg_FILES) OR test_name IN_LIST bank_sqlite_only_node_tests)
      continue()
    endif()
    add_test(NAME ${prefix}_${test_name}
             COMMAND ${BANK_NODE_EXECUTABLE} ${bank_node_test_runner} --needs-dynamodb ${test_file}
             WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(${prefix}_${test_name} PROPERTIES
                         ENVIRONMENT "${bank_node_test_environment};BANK_STORE=dynamodb"
                         SKIP_RETURN_CODE 77
                         TIMEOUT 600
                         LABELS "${prefix};dynamodb")
    if(arg_RUN_SERIAL)
      set_tests_properties(${prefix}_${test_name} PROPERTIES RUN_SERIAL TRUE)
    endif()
  endforeach()
endfunction()

if(BANK_NODE_EXECUTABLE)
  bank_add_node_tests(http http)
  bank_add_dynamodb_node_tests(http_dynamodb http)
  bank_add_node_tests(browser browser ONE_BROWSER)
  # tests/prove: the workload with its auditor, crashes, a full disk and HTTP abuse; each
  # takes the machine's cores for up to a minute, so they run one at a time.
  bank_add_node_tests(prove prove RUN_SERIAL)
  # The prove files about DynamoDB (the workload, two servers on one DynamoDB, DynamoDB down
  # or throttling); crash and disk_full are about SQLite's files, and workload and abuse do not
  # depend on the store.
  bank_add_dynamodb_node_tests(prove_dynamodb prove RUN_SERIAL
                               FILES workload_dynamodb two_servers_workload dynamodb_faults)
else()
  message(WARNING "node not found: the HTTP and browser tests are not registered "
                  "(scripts/dev setup installs Node.js)")
endif()

add_test(NAME check_levels
         COMMAND bash ${CMAKE_SOURCE_DIR}/tools/check_levels.sh
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(check_levels PROPERTIES TIMEOUT 60 LABELS lint)

# clang-format of every C++ file (tools/format_pending.txt: reported only) and clang-tidy of
# every translation unit of src/ as compiled in this build folder.
add_test(NAME check_format
         COMMAND bash ${CMAKE_SOURCE_DIR}/tools/check_format.sh
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(check_format PROPERTIES TIMEOUT 300 LABELS lint)
add_test(NAME check_tidy
         COMMAND bash ${CMAKE_SOURCE_DIR}/tools/check_tidy.sh ${CMAKE_BINARY_DIR}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# The longest lint entry when its cache is cold: on 2026-12-07 a fresh machine's first run took
# 2,583 s beside the suite and three other builds, unit by unit. It now checks units in bundles
# (tools/tidy_bundles.py): all 292 units of src/ in 117 s on two idle cores. A high COST makes
# ctest start it first, so the node tests, which mostly wait on their servers, run beside it
# instead of after it (without timings from an earlier run, ctest would start it last).
set_tests_properties(check_tidy PROPERTIES TIMEOUT 1200 COST 10000 LABELS lint)

# deploy/nginx-bank.conf and deploy/bank.env, run as written in front of the real server.
add_test(NAME deploy_nginx COMMAND bash ${CMAKE_SOURCE_DIR}/tests/deploy_nginx.sh)
set_tests_properties(deploy_nginx PROPERTIES
  ENVIRONMENT "BANK_BINARY=$<TARGET_FILE:bank>;BANK_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
  SKIP_RETURN_CODE 77 TIMEOUT 120 LABELS deploy)

# The benchmark helper and the CI smoke run of every benchmark scenario. Included from the
# top-level CMakeLists.txt. bench/run itself is a shell script; it finds the binaries through
# BANK_BINARY and BANK_BENCH_BINARY.

# The open-loop load driver of `bank_bench rate`, a library of its own so bank_tests can test
# its schedule and percentiles.
file(GLOB open_loop_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/bench/open_loop/*.cpp)
add_library(bank_bench_open_loop STATIC ${open_loop_sources})
target_include_directories(bank_bench_open_loop PUBLIC ${CMAKE_SOURCE_DIR}/bench)
target_link_libraries(bank_bench_open_loop PUBLIC Boost::headers Boost::url Threads::Threads)

add_executable(bank_bench ${CMAKE_SOURCE_DIR}/bench/bank_bench.cpp ${CMAKE_SOURCE_DIR}/bench/seed_orders.cpp)
target_link_libraries(bank_bench PRIVATE bank_service bank_storage_sqlite bank_bench_open_loop CLI11::CLI11)

if(BANK_BUILD_TESTS)
  # tests/bench/*.cpp test the driver's logic.
  target_link_libraries(bank_tests PRIVATE bank_bench_open_loop)
  # Tiny sizes, a few seconds per scenario: checks that each runs and that its result stays
  # correct (verify passes, counts match); no time thresholds, so it runs beside other tests
  # (alone, it held one of CI's two CTest slots idle for 80 s). Exit 77: a tool could not be
  # installed, reported as skipped.
  add_test(NAME bench_smoke
           COMMAND bash ${CMAKE_SOURCE_DIR}/bench/run all --smoke
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(bench_smoke PROPERTIES
                       ENVIRONMENT "BANK_BINARY=$<TARGET_FILE:bank>;BANK_BENCH_BINARY=$<TARGET_FILE:bank_bench>;BANK_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
                       SKIP_RETURN_CODE 77
                       TIMEOUT 300
                       LABELS bench)
endif()

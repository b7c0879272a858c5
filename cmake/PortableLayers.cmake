# The portable layers' build (STAGEHAND_PORTABLE_LAYERS_ONLY): plugin/core's portable library,
# plugin/control and their unit tests, nothing that needs OBS, Qt, FreeType or fontconfig.
# Natively it checks that these layers stand without the text stack (label portable); with
# cmake/Toolchain-mingw-w64.cmake it is the Windows build, tests run under Wine (label windows).
#
# Cross-compiled, the two libraries MinGW has no package of come from Debian's own:
# nlohmann/json's headers (nlohmann-json3-dev) and GoogleTest's sources (googletest), built here
# with the cross compiler. Nothing is copied into the repository.

if(NOT CMAKE_CROSSCOMPILING)
  set(STAGEHAND_PORTABLE_TEST_LABEL portable)
  find_package(GTest REQUIRED)
  return()
endif()

if(WIN32)
  set(STAGEHAND_PORTABLE_TEST_LABEL windows)
else()
  set(STAGEHAND_PORTABLE_TEST_LABEL portable)
endif()
# MinGW's GCC 12 reports two warnings inside its own libstdc++ string code and inside
# nlohmann/json once inlined into ours (-Wrestrict: GCC bug 105329; -Wnull-dereference), where
# the native GCC 12 build, which keeps both on, reports none: off here, so that -Werror stays on.
list(APPEND STAGEHAND_WARNINGS -Wno-restrict -Wno-null-dereference)

# MinGW has no ICU: highlight queries' #match? patterns use the C++ library's engine.
set(STAGEHAND_QUERY_REGEX std CACHE STRING "" FORCE)

# nlohmann/json, header-only: the host's headers through a folder that holds nothing else (the
# host's /usr/include itself would put Linux's C library in front of MinGW's).
find_path(STAGEHAND_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include /usr/local/include
          NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(shim "${CMAKE_BINARY_DIR}/_deps/nlohmann-include")
file(MAKE_DIRECTORY "${shim}")
if(NOT EXISTS "${shim}/nlohmann")
  file(CREATE_LINK "${STAGEHAND_NLOHMANN_DIR}/nlohmann" "${shim}/nlohmann" SYMBOLIC)
endif()
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE "${shim}")

# GoogleTest from Debian's source package, with the cross compiler and without our warnings.
set(STAGEHAND_GOOGLETEST_SOURCE /usr/src/googletest CACHE PATH "GoogleTest's sources (Debian: googletest)")
if(NOT EXISTS "${STAGEHAND_GOOGLETEST_SOURCE}/googletest/CMakeLists.txt")
  message(FATAL_ERROR "GoogleTest's sources are not in ${STAGEHAND_GOOGLETEST_SOURCE}: "
                      "apt-get install googletest (scripts/install-deps.sh does)")
endif()
set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
add_subdirectory("${STAGEHAND_GOOGLETEST_SOURCE}/googletest" "${CMAKE_BINARY_DIR}/_deps/googletest"
                 EXCLUDE_FROM_ALL)
if(NOT TARGET GTest::gtest_main) # GoogleTest 1.11+ names it itself
  add_library(GTest::gtest_main ALIAS gtest_main)
endif()

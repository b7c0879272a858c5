# Cross-compiles for 64-bit Windows with Debian's MinGW-w64 (package g++-mingw-w64-x86-64-posix:
# the POSIX thread model, which std::thread and std::mutex need) and runs what it built under
# Debian's Wine (package wine64) through scripts/lib/wine-run.sh. Used with
# -DSTAGEHAND_PORTABLE_LAYERS_ONLY=ON: only the layers that need no OBS, Qt or system fonts.
#   cmake -S . -B build-windows -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/Toolchain-mingw-w64.cmake \
#         -DSTAGEHAND_PORTABLE_LAYERS_ONLY=ON
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(STAGEHAND_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${STAGEHAND_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${STAGEHAND_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER ${STAGEHAND_MINGW_TRIPLE}-windres)

set(CMAKE_FIND_ROOT_PATH /usr/${STAGEHAND_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# One self-contained .exe per program: the C++ runtime and winpthreads linked in, so Wine (or a
# Windows machine) needs no MinGW DLLs beside it.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/../scripts/lib/wine-run.sh")

# Release at -O2, as the native RelWithDebInfo build, without its debug information (the grammar
# tables make large enough programs as it is).
set(CMAKE_C_FLAGS_RELEASE_INIT "-O2 -DNDEBUG")
set(CMAKE_CXX_FLAGS_RELEASE_INIT "-O2 -DNDEBUG")

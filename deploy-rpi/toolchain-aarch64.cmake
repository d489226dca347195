# Cross-build for arm64 (Raspberry Pi 4/5 with Raspberry Pi OS Bookworm, or any Debian 12 arm64)
# on a Debian 12 amd64 machine. Used by the presets arm64-release and arm64-tests.
#
# Needs Debian's cross compiler and the arm64 libraries as multiarch packages, no sysroot:
#   dpkg --add-architecture arm64 && apt-get update
#   apt-get install crossbuild-essential-arm64 libsqlite3-dev:arm64 …   (deploy-rpi/packages-dev.txt)
# deploy-rpi/dev.sh does both. Test programs run under qemu-aarch64-static (CMake's
# CMAKE_CROSSCOMPILING_EMULATOR, so `ctest` runs them through qemu without binfmt_misc).
#
# Deliberately not here: a Raspberry Pi OS sysroot. Raspberry Pi OS Bookworm uses Debian 12's
# libraries, so Debian's arm64 packages link exactly as the Pi's do.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# No sysroot and no CMAKE_FIND_ROOT_PATH: with CMAKE_LIBRARY_ARCHITECTURE set, find_library and
# find_package look in /usr/lib/aarch64-linux-gnu (never in the host's x86_64 directory), and
# headers and CMake config files that are the same for every architecture are shared.

# pkg-config: the arm64 .pc files, then the architecture-independent ones.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# libical (only the schedule oracle test links it): Debian 12 cannot install libical-dev:arm64
# next to libical-dev:amd64, because its dependency libdb5.3-dev is not Multi-Arch: same. So
# the cross-build links the runtime package libical3:arm64 with the host's headers (libical-dev
# is Multi-Arch: same, its headers are identical for every architecture) through a small
# libical.pc and unversioned links, made here in the build directory and found through
# CMAKE_PREFIX_PATH (not the environment, which try_compile runs of this file would change).
set(_tp_arm64_libdir /usr/lib/aarch64-linux-gnu)
get_property(_tp_in_try_compile GLOBAL PROPERTY IN_TRY_COMPILE)
if(NOT _tp_in_try_compile AND NOT EXISTS "${_tp_arm64_libdir}/pkgconfig/libical.pc"
   AND EXISTS "${_tp_arm64_libdir}/libical.so.3")
    set(_tp_shim "${CMAKE_BINARY_DIR}/cross-libical")
    file(MAKE_DIRECTORY "${_tp_shim}/lib/pkgconfig")
    foreach(_tp_lib ical icalss icalvcal)
        file(CREATE_LINK "${_tp_arm64_libdir}/lib${_tp_lib}.so.3" "${_tp_shim}/lib/lib${_tp_lib}.so"
             SYMBOLIC)
    endforeach()
    file(WRITE "${_tp_shim}/lib/pkgconfig/libical.pc"
        "Name: libical\n"
        "Description: libical3:arm64 runtime libraries with the host's headers (cross-build)\n"
        "Version: 3.0.16\n"
        "Libs: -L${_tp_shim}/lib -lical -licalss -licalvcal\n"
        "Cflags: -I/usr/include\n")
    list(APPEND CMAKE_PREFIX_PATH "${_tp_shim}")
endif()

# Run target programs (tests) through qemu. -L /: the arm64 dynamic loader and libc are the
# multiarch libc6:arm64 (/lib/ld-linux-aarch64.so.1, /lib/aarch64-linux-gnu), the same build as
# every other arm64 library. Not /usr/aarch64-linux-gnu: that libc6-arm64-cross is a different
# glibc build, and its loader with libc6:arm64's libc hangs in the first pthread_create.
find_program(TREFFPUNKT_QEMU_AARCH64 qemu-aarch64-static)
if(TREFFPUNKT_QEMU_AARCH64)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${TREFFPUNKT_QEMU_AARCH64};-L;/")
endif()

# The Debian package architecture for CPack (deploy-rpi/packaging.cmake).
set(TREFFPUNKT_DEB_ARCHITECTURE arm64)

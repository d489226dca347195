#!/usr/bin/env bash
# Builds the Debian packages treffpunkt-kiosk and treffpunkt-hub for amd64 and arm64 (cross)
# into build/packages/. Usually run as `deploy-rpi/dev.sh packages`, which first installs the
# build dependencies (deploy-rpi/packages-dev.txt, arm64 section included).
#
#   deploy-rpi/build-packages.sh [amd64|arm64]...   (default: both)
#
# Each architecture is a CMake workflow preset (configure, build, package): deb-amd64 and
# deb-arm64 in CMakePresets.json; the package contents are in deploy-rpi/packaging.cmake.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

archs=("$@")
if [ ${#archs[@]} -eq 0 ]; then
    archs=(amd64 arm64)
fi
for arch in "${archs[@]}"; do
    case "$arch" in
        amd64 | arm64) ;;
        *) echo "error: unknown architecture '$arch' (amd64 or arm64)" >&2; exit 2 ;;
    esac
done

mkdir -p build/packages
for arch in "${archs[@]}"; do
    printf '\033[1m== Debian packages for %s\033[0m\n' "$arch" >&2
    cmake --workflow --preset "deb-$arch"
done
ls -l build/packages/*.deb

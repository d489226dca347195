#!/usr/bin/env bash
# Treffpunkt developer entry point for a fresh Debian 12 machine (see README.md).
#
#   deploy-rpi/dev.sh run    install missing packages, build (release), start the kiosk on the
#                            built-in sample data
#   deploy-rpi/dev.sh test   install missing packages, build (dev + sanitizers), run every test
#   deploy-rpi/dev.sh demo   install, build (release), start a hub and two kiosks syncing with it
#                            (deploy-rpi/demo.sh)
#   deploy-rpi/dev.sh bench  install, build (release), run every benchmark: JSON lines
#                            (tests/bench/run_all.sh; QUICK=1 for a short run)
#   deploy-rpi/dev.sh deps   only install missing packages
#   deploy-rpi/dev.sh packages  install missing packages (arm64 too), build the Debian packages
#                            for amd64 and arm64 into build/packages (deploy-rpi/build-packages.sh)
#
# Packages come from deploy-rpi/packages-dev.txt. apt runs through sudo unless we are root.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

install_deps() {
    local wanted=() missing=()
    mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$here/packages-dev.txt" | grep -v '^$')
    local pkg
    for pkg in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        log "All ${#wanted[@]} Debian packages are installed"
        return
    fi
    log "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: run as root or install sudo" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
    local preset=$1
    log "Configuring and building preset '$preset'"
    cmake --preset "$preset" -S "$repo" >/dev/null
    cmake --build --preset "$preset"
}

check_format() {
    log "Checking clang-format"
    local files
    mapfile -t files < <(cd "$repo" && git ls-files -co --exclude-standard -- '*.cpp' '*.hpp')
    (cd "$repo" && clang-format --dry-run --Werror "${files[@]}")
}

# --- arm64: cross-build and its tests under qemu (amd64 build machines) -------------------
# The packages are the "#arm64-host" and "#arm64-target" lines of packages-dev.txt (comments to
# install_deps, so that a Raspberry Pi never installs them).
install_arm64_deps() {
    local host=() target=() missing=() pkg
    mapfile -t host < <(sed -n 's/^#arm64-host[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' "$here/packages-dev.txt")
    mapfile -t target < <(sed -n 's/^#arm64-target[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' "$here/packages-dev.txt")
    for pkg in "${host[@]}" "${target[@]/%/:arm64}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        log "All $(( ${#host[@]} + ${#target[@]} )) packages for the arm64 cross-build are installed"
        return 0
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: run as root or install sudo" >&2; return 1; }
        sudo=(sudo)
    fi
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        log "Adding the arm64 architecture to dpkg (multiarch)"
        "${sudo[@]}" dpkg --add-architecture arm64 || return 1
    fi
    log "Installing ${#missing[@]} packages for the arm64 cross-build: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends --no-remove "${missing[@]}" || return 1
}

arm64_tests() {
    local arch
    arch=$(dpkg --print-architecture)
    if [ "$arch" != amd64 ]; then
        log "No arm64 cross-build on this $arch machine: the tests above ran natively"
        return 0
    fi
    if ! install_arm64_deps; then
        log "SKIPPED: the arm64 tests under qemu. qemu-user-static or the arm64 packages could not be installed (see the apt messages above)"
        return 0
    fi
    log "Cross-building the unit and database tests for arm64, running them under qemu-aarch64-static"
    "$here/arm64-tests.sh"
}

cmd=${1:-}
case "$cmd" in
    deps)
        install_deps
        ;;
    run)
        install_deps
        build release
        shift
        log "Starting the kiosk on the sample data"
        # Without --config, the demo configuration: a 7" panel's window in the sample's place.
        if [[ " $* " != *" --config "* ]]; then
            set -- --config "$repo/assets/sample/kiosk-demo.toml" "$@"
        fi
        exec "$repo/build/release/kiosk/treffpunkt-kiosk" "$@"
        ;;
    bench)
        install_deps
        build release
        exec "$repo/tests/bench/run_all.sh" "$repo/build/release"
        ;;
    demo)
        install_deps
        build release
        shift
        exec "$here/demo.sh" "$@"
        ;;
    test)
        install_deps
        cd "$repo"
        check_format
        build dev
        log "Running every test (dev build)"
        ctest --preset dev
        build asan
        log "Running the tests under AddressSanitizer + UndefinedBehaviorSanitizer"
        ctest --preset asan
        build tsan
        log "Running the sync engine's and the hub's tests under ThreadSanitizer"
        ctest --preset tsan
        arm64_tests
        log "All tests passed"
        ;;
    packages)
        install_deps
        install_arm64_deps || { echo "error: the arm64 cross-build packages could not be installed" >&2; exit 1; }
        "$here/build-packages.sh"
        ;;
    *)
        sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac

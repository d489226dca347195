#!/usr/bin/env bash
# Treffpunkt developer entry point for a fresh Debian 12 machine (see README.md).
#
#   deploy-rpi/dev.sh run    install missing packages, build (release), start the kiosk on the
#                            built-in sample data
#   deploy-rpi/dev.sh test   install missing packages, build (dev + sanitizers), run every test
#   deploy-rpi/dev.sh deps   only install missing packages
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
        exec "$repo/build/release/kiosk/treffpunkt-kiosk" "$@"
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
        log "All tests passed"
        ;;
    *)
        sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac

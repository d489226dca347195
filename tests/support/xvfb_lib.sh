# Sourced by the tests that run the real kiosk under Xvfb (tests/kiosk/*/xvfb_*_test.sh):
#   source "$src/tests/support/xvfb_lib.sh"   # sets $work and pids=(), cleans up on exit
#   start_xvfb 1920x1080 [-extension MIT-SHM]  # a private X server; exports DISPLAY
#   port=$(free_port 20000)                    # a TCP port on 127.0.0.1 nothing listens on
# Every pid added to "pids" is killed on exit; $work is removed unless KEEP_WORK=1.
# shellcheck shell=bash

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

start_xvfb() {  # start_xvfb WIDTHxHEIGHT [XVFB_ARGS...]
    local size=$1 display_no=$(( 100 + $$ % 400 ))
    shift
    while [ -e "/tmp/.X11-unix/X$display_no" ]; do display_no=$(( display_no + 1 )); done
    Xvfb ":$display_no" -screen 0 "${size}x24" -nolisten tcp "$@" >>"$work/xvfb.log" 2>&1 &
    pids+=("$!")
    for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$display_no" ] && break; sleep 0.05; done
    export DISPLAY=":$display_no"
}

free_port() {  # free_port BASE: from BASE + a per-process offset, the first port not in use
    local port=$(( $1 + $$ % 20000 ))
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$(( port + 1 )); done
    echo "$port"
}

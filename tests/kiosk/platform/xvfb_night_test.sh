#!/usr/bin/env bash
# The real kiosk under Xvfb, started by a stand-in for systemd (a notify socket and a watchdog
# interval, as in treffpunkt-kiosk.service) with a night schedule that is off all day:
#   - it goes dark at once (reset, black frame, `power_command off`) and still tells systemd
#     READY=1, then WATCHDOG=1 every third of WatchdogSec while nothing is drawn;
#   - the first touch wakes it (`power_command on`) and does nothing else; the next one works;
#   - wake_s without touch later it goes dark again; on exit it says STOPPING=1.
# Usage: xvfb_night_test.sh KIOSK_BINARY NOTIFY_LISTEN PNG_CHECK SOURCE_DIR
# (KEEP_WORK=1 keeps the work directory with the logs and screenshots.)
set -euo pipefail
kiosk=$1; notify_listen=$2; png_check=$3; src=$4
if ! command -v Xvfb >/dev/null; then
    echo "SKIP: Xvfb is not installed (apt-get install xvfb xauth)"
    exit 77
fi
# shellcheck source=tests/support/xvfb_lib.sh
source "$src/tests/support/xvfb_lib.sh"
start_xvfb 800x480

"$kiosk" --db "$work/sample.db" import "$src/assets/sample/saarlouis.json" >/dev/null
# The power command records what it was asked; exit 3 = "no method" (black frame only).
cat >"$work/display-power" <<EOF
#!/bin/sh
echo "\$1" >>"$work/power.log"
exit 3
EOF
chmod +x "$work/display-power"
days=""
for day in monday tuesday wednesday thursday friday saturday sunday; do
    days+="$day = []"$'\n'
done
cat >"$work/kiosk.toml" <<EOF
[display]
diagonal_in = 7.0
[screen_schedule]
enabled = true
$days
wake_s = 10
power_command = "$work/display-power"
EOF
cat >"$work/night.script" <<EOF
# Dark from the start (no frame drawn yet): a touch where "Angebote" will be only wakes the
# display; home stays.
wait 1500
tap 130 185
wait 800
expect Wonach suchen Sie?
screenshot $work/woken.png
# Awake: the next touch works.
tap Angebote
expect Kostenlos
screenshot $work/results.png
# 10 s without touch: dark again (and back on a clean home).
wait 12000
quit
EOF

"$notify_listen" "$work/notify.sock" >"$work/notify.log" &
pids+=("$!")
for _ in $(seq 100); do [ -S "$work/notify.sock" ] && break; sleep 0.05; done
NOTIFY_SOCKET="$work/notify.sock" WATCHDOG_USEC=3000000 \
    "$kiosk" --db "$work/sample.db" --config "$work/kiosk.toml" --window 800x480 \
    --script "$work/night.script" --stats "$work/stats.json" 2>"$work/kiosk.log" ||
    { echo "FAIL: the kiosk's script failed:"; cat "$work/kiosk.log"; exit 1; }
sleep 0.3  # the last datagram

fail() { echo "FAIL: $*"; echo "--- notify:"; cat "$work/notify.log"; echo "--- power:";
    cat "$work/power.log" 2>/dev/null; echo "--- kiosk:"; cat "$work/kiosk.log"; exit 1; }
[ "$(tr '\n' ' ' <"$work/power.log")" = "off on off " ] ||
    fail "the display was not switched off, on, off"
grep -q '"night_darkenings": 2' "$work/stats.json" || fail "not dark twice: $(cat "$work/stats.json")"
# READY=1 once (watchdog pings may come before it: systemd accepts them while starting).
if [ "$(grep -vc '^WATCHDOG=1$' "$work/notify.log")" != 2 ] ||
    ! grep -q '^READY=1$' "$work/notify.log"; then
    fail "not exactly READY=1 and STOPPING=1 besides the watchdog"
fi
[ "$(tail -1 "$work/notify.log")" = "STOPPING=1" ] || fail "STOPPING=1 did not come last"
watchdogs=$(grep -c '^WATCHDOG=1$' "$work/notify.log")
# About 15 s at one a second; dark or not, the loop keeps reporting.
[ "$watchdogs" -ge 8 ] || fail "only $watchdogs WATCHDOG=1 in about 15 s (WatchdogSec 3 s)"
grep -q "no method could switch it" "$work/kiosk.log" || fail "exit 3 of the power command not logged"
"$png_check" "$work/woken.png" "$work/results.png"
echo "OK: dark at night, woken by a touch that did nothing else, dark again; $watchdogs watchdog pings"

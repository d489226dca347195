#!/usr/bin/env bash
# deploy-rpi/session/display-power (the night schedule's helper) against a fake sysfs:
# off/on write bl_power, no method gives exit 3, wrong use exit 2, status lists the backlight.
#
#   display_power_test.sh SOURCE_DIR
set -euo pipefail

src=${1:?usage: display_power_test.sh SOURCE_DIR}
tool="$src/deploy-rpi/session/display-power"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$work/sys/class/backlight/10-0045" "$work/sys/class/backlight/rpi_backlight"
echo 0 >"$work/sys/class/backlight/10-0045/bl_power"
echo 0 >"$work/sys/class/backlight/rpi_backlight/bl_power"
export TREFFPUNKT_SYSFS="$work/sys" TREFFPUNKT_CEC_DEVICES="$work/no-cec*"

out=$("$tool" off) || fail "off: exit $?"
[ "$out" = "display off (backlight)" ] || fail "off printed: $out"
for bl in 10-0045 rpi_backlight; do
    [ "$(cat "$work/sys/class/backlight/$bl/bl_power")" = 4 ] || fail "$bl not powered down"
done
"$tool" on >/dev/null || fail "on: exit $?"
[ "$(cat "$work/sys/class/backlight/10-0045/bl_power")" = 0 ] || fail "backlight not powered up"
status=$("$tool" status)
grep -q "^backlight 10-0045: writable (bl_power=0)" <<<"$status" || fail "status: $status"

rc=0
TREFFPUNKT_DISPLAY_POWER="" "$tool" off 2>/dev/null || rc=$?
[ "$rc" -eq 3 ] || fail "no methods: exit $rc, want 3"
rc=0
TREFFPUNKT_SYSFS="$work/empty" "$tool" off 2>/dev/null || rc=$?
[ "$rc" -eq 3 ] || fail "no backlight, no CEC: exit $rc, want 3"
rc=0
"$tool" sideways 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || fail "wrong use: exit $rc, want 2"
echo "ok"

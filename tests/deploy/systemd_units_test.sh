#!/usr/bin/env bash
# The systemd units of deploy-rpi/systemd: `systemd-analyze verify` finds no error or warning,
# and `systemd-analyze security` rates each unit's exposure at 2.0 or lower.
#
#   systemd_units_test.sh SOURCE_DIR
#
# systemd need not run (CI has no systemd as PID 1): verify and security work offline on a
# throwaway root that holds the host's unit files (for the targets ours refer to), our units
# and stand-ins for the programs they start (verify checks that those exist).
set -euo pipefail

src=${1:?usage: systemd_units_test.sh SOURCE_DIR}
units=(treffpunkt-kiosk.service treffpunkt-hub.service)
max_exposure=20  # systemd-analyze's scale: 20 = exposure 2.0

command -v systemd-analyze >/dev/null || {
    echo "FAIL: systemd-analyze is missing (apt-get install systemd; deploy-rpi/packages-dev.txt)"
    exit 1
}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/lib/systemd/system" "$root/usr/bin" "$root/etc/systemd/system"
cp -a /lib/systemd/system/. "$root/lib/systemd/system/"
for unit in "${units[@]}"; do
    cp "$src/deploy-rpi/systemd/$unit" "$root/lib/systemd/system/$unit"
done
# Every program in an Exec*= line gets an executable stand-in.
while read -r program; do
    mkdir -p "$root$(dirname "$program")"
    printf '#!/bin/sh\n' >"$root$program"
    chmod 0755 "$root$program"
done < <(sed -n 's/^Exec[A-Za-z]*=[-+!@:]*\(\/[^ ]*\).*/\1/p' "${units[@]/#/$src/deploy-rpi/systemd/}" | sort -u)

failed=0
for unit in "${units[@]}"; do
    out=$(systemd-analyze --root="$root" verify "$root/lib/systemd/system/$unit" 2>&1) || {
        echo "FAIL: systemd-analyze verify $unit:"
        echo "$out"
        failed=1
        continue
    }
    if [ -n "$out" ]; then
        echo "FAIL: systemd-analyze verify $unit warns:"
        echo "$out"
        failed=1
    fi
    report=$(systemd-analyze --root="$root" security --offline=true --no-pager \
        --threshold="$max_exposure" "$root/lib/systemd/system/$unit" 2>&1) || {
        echo "FAIL: $unit is exposed more than allowed (${max_exposure} = 2.0):"
        echo "$report" | grep -v '^✓'
        failed=1
        continue
    }
    echo "ok: $unit: $(echo "$report" | grep 'Overall exposure level')"
done
exit "$failed"

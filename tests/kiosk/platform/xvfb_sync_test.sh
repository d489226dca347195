#!/usr/bin/env bash
# Two real kiosks under Xvfb and a real hub on loopback HTTPS (made by deploy-rpi/demo.sh
# --setup-only, with a CA made here): both show the hub's data after their first sync; a change
# imported on the hub appears on both; with the hub stopped both stay usable and say "offline";
# a change made meanwhile arrives once the hub is back. The kiosks' --script waits for what
# the sync brings (await) and leaves a screenshot at each step, which this script waits for.
# Usage: xvfb_sync_test.sh HUB_BINARY KIOSK_BINARY PNG_CHECK SOURCE_DIR [OUT_DIR]
set -euo pipefail
hub=$(realpath "$1"); kiosk=$(realpath "$2"); png_check=$3; src=$(realpath "$4"); out=${5:-}
if ! command -v Xvfb >/dev/null; then
    echo "SKIP: Xvfb is not installed (apt-get install xvfb xauth)"
    exit 77
fi
# shellcheck source=tests/support/xvfb_lib.sh
source "$src/tests/support/xvfb_lib.sh"
start_xvfb 1700x600
shots=${out:-$work/shots}
mkdir -p "$shots"

# A free port on 127.0.0.1: the hub reports the one it got when asked for port 0, but the
# kiosks' configs need it first, so pick one that nothing listens on.
port=$(free_port 20000)

# The demo's set-up: CA, hub with the sample, two kiosks with device tokens.
bindir=$work/bin
mkdir -p "$bindir/sync/hub" "$bindir/kiosk"
ln -s "$hub" "$bindir/sync/hub/treffpunkt-hub"
ln -s "$kiosk" "$bindir/kiosk/treffpunkt-kiosk"
"$src/deploy-rpi/demo.sh" --setup-only --dir "$work/demo" --port "$port" --build "$bindir" \
    --poll 10 >"$work/setup.log"
hubcmd=("$hub" --config "$work/demo/hub/hub.toml")
for name in innenstadt roden; do
    # Quick retries once the hub is back (the defaults wait 30 s and more).
    printf 'retry_min_s = 2\nretry_max_s = 4\n' >>"$work/demo/kiosk-$name/kiosk.toml"
done

start_hub() {
    "${hubcmd[@]}" serve >>"$work/hub.log" 2>&1 &
    hub_pid=$!
    pids+=("$hub_pid")
    for _ in $(seq 100); do
        grep -q "listening on" "$work/hub.log" && return 0
        sleep 0.1
    done
    echo "FAIL: the hub did not start:"; cat "$work/hub.log"; exit 1
}
wait_for() {  # wait_for FILE SECONDS WHAT
    for _ in $(seq $(( $2 * 10 ))); do
        [ -s "$1" ] && return 0
        sleep 0.1
    done
    echo "FAIL: $3 (no $1 after $2 s)"
    for name in innenstadt roden; do echo "--- kiosk $name:"; cat "$work/kiosk-$name.log"; done
    echo "--- hub:"; tail -20 "$work/hub.log"
    exit 1
}
rename() {  # rename SUFFIX: the sample with "Offenes Begegnungscafé" renamed, imported on the hub
    sed "s/Offenes Begegnungscafé/Offenes Begegnungscafé $1/" \
        "$src/assets/sample/saarlouis.json" >"$work/changed.json"
    "${hubcmd[@]}" import "$work/changed.json"
}

cat >"$work/kiosk.script" <<'EOF'
# The first sync brings the data: home says "Stand: heute, … · online".
await 30000 online
screenshot SHOT/NAME-1-synced.png
# A change on the hub: found by search once it has arrived.
tap Wonach suchen Sie?
type Kuchen
await 40000 Begegnungscafé (mit Kuchen)
screenshot SHOT/NAME-2-changed.png
tap Fertig
tap Start
# The hub is gone: home says so, and everything still works from the kiosk's own data.
await 40000 offline
screenshot SHOT/NAME-3-offline.png
tap Orte der Begegnung
tap Ort der Begegnung Beaumarais
expect Wo?
tap Start
# The hub is back with a change made meanwhile: the kiosk catches up.
await 40000 online
tap Wonach suchen Sie?
await 20000 Begegnungscafé (mit Kuchen und Tee)
screenshot SHOT/NAME-4-caught-up.png
quit
EOF

start_hub
kiosk_pids=()
for name in innenstadt roden; do
    sed -e "s|SHOT/|$shots/|g" -e "s|NAME|$name|g" "$work/kiosk.script" >"$work/$name.script"
    "$kiosk" --config "$work/demo/kiosk-$name/kiosk.toml" --script "$work/$name.script" \
        >"$work/kiosk-$name.log" 2>&1 &
    kiosk_pids+=("$!")
    pids+=("$!")
done

for name in innenstadt roden; do
    wait_for "$shots/$name-1-synced.png" 60 "kiosk $name did not sync at start"
done
"${hubcmd[@]}" status | tee "$work/status.txt"
for name in Innenstadt Roden; do
    grep -q "Demo $name" "$work/status.txt" || { echo "FAIL: hub status lacks kiosk $name"; exit 1; }
done

rename "(mit Kuchen)"
for name in innenstadt roden; do
    wait_for "$shots/$name-2-changed.png" 60 "kiosk $name did not show the change"
done

kill "$hub_pid"
wait "$hub_pid" 2>/dev/null || true
for name in innenstadt roden; do
    wait_for "$shots/$name-3-offline.png" 60 "kiosk $name did not notice the hub is gone"
done
rename "(mit Kuchen und Tee)"
start_hub
for name in innenstadt roden; do
    wait_for "$shots/$name-4-caught-up.png" 60 "kiosk $name did not catch up"
done

status=0
for i in 0 1; do
    wait "${kiosk_pids[$i]}" || status=$?
done
if [ "$status" -ne 0 ]; then
    echo "FAIL: a kiosk's script failed ($status)"
    for name in innenstadt roden; do echo "--- kiosk $name:"; cat "$work/kiosk-$name.log"; done
    exit 1
fi
"$png_check" "$shots"/*.png
echo "OK: two kiosks synced, showed a change, stayed usable offline and caught up"

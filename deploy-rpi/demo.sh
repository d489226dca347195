#!/usr/bin/env bash
# Two kiosks and a hub on one machine: the sync demo (README "Demo: two kiosks and a hub").
#
#   deploy-rpi/demo.sh [--dir DIR] [--port PORT] [--build DIR] [--poll SECONDS] [--setup-only]
#
# Makes (once) a small CA and a certificate for 127.0.0.1, a hub with the sample data, and two
# kiosks paired with it: "Innenstadt" and "Roden", each with its own database, in windows of a
# 7" panel's size. Then it starts the hub and both kiosks; closing both windows (or Ctrl-C)
# stops everything. Run it again to continue with the same data; --dir elsewhere (or deleting
# DIR) starts afresh. Try, while it runs, in another terminal (the script prints the commands):
#   - change the sample and import it on the hub: both kiosks show it within --poll seconds;
#   - stop the hub (kill its pid): both kiosks stay usable ("offline"), and catch up once it is
#     back (run this script again, or `treffpunkt-hub --config DIR/hub/hub.toml serve`).
# A volunteer "Anna" (PIN 246810) of the Innenstadt place exists for trying edits.
# --setup-only makes DIR (hub/hub.toml, kiosk-innenstadt/kiosk.toml, kiosk-roden/kiosk.toml)
# and starts nothing: the sync test (tests/kiosk/platform/xvfb_sync_test.sh) runs them itself.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
dir=${TMPDIR:-/tmp}/treffpunkt-demo
port=18443
build="$repo/build/release"
poll=10
setup_only=false
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) dir=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --build) build=$2; shift 2 ;;
        --poll) poll=$2; shift 2 ;;
        --setup-only) setup_only=true; shift ;;
        *) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
hub="$build/sync/hub/treffpunkt-hub"
kiosk="$build/kiosk/treffpunkt-kiosk"
for program in "$hub" "$kiosk"; do
    if [ ! -x "$program" ]; then
        echo "demo.sh: $program is missing; build first (deploy-rpi/dev.sh demo does)" >&2
        exit 1
    fi
done
command -v openssl >/dev/null || { echo "demo.sh: openssl is needed (apt-get install openssl)" >&2; exit 1; }

innenstadt=35103f5d-6bce-5f7b-8737-ada9a8988195
roden=ddbde832-f039-595a-b09b-05c1296565d4
mkdir -p "$dir"/tls "$dir"/hub "$dir"/kiosk-innenstadt "$dir"/kiosk-roden
chmod 0700 "$dir"
hubcmd=("$hub" --config "$dir/hub/hub.toml")

# --- Certificates: a CA made here, for this demo only ----------------------------------------
if [ ! -f "$dir/tls/ca.pem" ]; then
    (
        cd "$dir/tls"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
            -subj "/CN=Treffpunkt demo CA" -keyout ca-key.pem -out ca.pem 2>/dev/null
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
            -keyout hub-key.pem -out hub.csr 2>/dev/null
        openssl x509 -req -in hub.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 365 \
            -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth') \
            -out hub.pem 2>/dev/null
        chmod 0600 ca-key.pem hub-key.pem
    )
fi

# --- The hub, with the sample data -----------------------------------------------------------
cat >"$dir/hub/hub.toml" <<EOF
# The demo hub (deploy-rpi/demo.sh). Paths are relative to this file.
[database]
path = "hub.db"
[server]
listen_address = "127.0.0.1"
port = $port
log_requests = false
[tls]
certificate = "../tls/hub.pem"
private_key = "../tls/hub-key.pem"
EOF
if [ ! -f "$dir/hub/hub.db" ]; then
    "${hubcmd[@]}" init >/dev/null
    "${hubcmd[@]}" import "$repo/assets/sample/saarlouis.json"
    "${hubcmd[@]}" kiosk add --place "$innenstadt" --name "Demo Innenstadt" \
        2>/dev/null >"$dir/kiosk-innenstadt/token"
    "${hubcmd[@]}" kiosk add --place "$roden" --name "Demo Roden" \
        2>/dev/null >"$dir/kiosk-roden/token"
    echo 246810 | "${hubcmd[@]}" volunteer add Anna --place "$innenstadt" --role volunteer \
        --pin-stdin >/dev/null
fi

# --- Two kiosks --------------------------------------------------------------------------
write_kiosk_config() {
    local name=$1 place=$2
    cat >"$dir/kiosk-$name/kiosk.toml" <<EOF
# A demo kiosk (deploy-rpi/demo.sh).
[kiosk]
place_id = "$place"
data_dir = "$dir/kiosk-$name"
[display]
fullscreen = false
window_width = 800
window_height = 480
diagonal_in = 7.0
[sync]
hub_url = "https://127.0.0.1:$port"
ca_file = "$dir/tls/ca.pem"
device_token = "$(cat "$dir/kiosk-$name/token")"
kiosk_name = "Demo $name"
poll_interval_s = $poll
EOF
}
write_kiosk_config innenstadt "$innenstadt"
write_kiosk_config roden "$roden"
if $setup_only; then
    exit 0
fi

pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

"${hubcmd[@]}" serve &
hub_pid=$!
pids+=("$hub_pid")
"$kiosk" --config "$dir/kiosk-innenstadt/kiosk.toml" &
pids+=("$!")
"$kiosk" --config "$dir/kiosk-roden/kiosk.toml" &
pids+=("$!")

cat <<EOF

Treffpunkt demo: the hub (pid $hub_pid) serves https://127.0.0.1:$port; two kiosks sync every
$poll s. In another terminal, try:
  # a change on the hub reaches both kiosks:
  sed 's/Offenes Begegnungscafé/Offenes Begegnungscafé (jetzt mit Kuchen)/' \\
      $repo/assets/sample/saarlouis.json > $dir/changed.json
  ${hubcmd[*]} import $dir/changed.json
  # the network goes away: both kiosks stay usable, and catch up when it comes back
  kill $hub_pid        (then run this script again)
  ${hubcmd[*]} status
Volunteer login on the Innenstadt kiosk: "Für Ehrenamtliche", PIN 246810.
Close both kiosk windows or press Ctrl-C to stop.

EOF
# Until both kiosks have been closed (the hub goes with them).
wait "${pids[1]}" "${pids[2]}" 2>/dev/null || true

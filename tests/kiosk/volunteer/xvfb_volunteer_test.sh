#!/usr/bin/env bash
# Issue 6 end to end: real kiosks under Xvfb, a real hub on loopback HTTPS (deploy-rpi/demo.sh
# --setup-only), driven with --script like a finger.
#   1. Kiosk "Roden" syncs once (data and its volunteers), then the hub goes away.
#   2. Offline, volunteer Maria logs in with the PIN pad, moves the Seniorentreff from Thursday
#      to Friday and adds a one-off closure; right after "Gespeichert" the kiosk is killed
#      (SIGKILL). The edit is in its outbox (sqlite3).
#   3. The hub is back, the kiosk restarts: the edit is delivered; the hub has it (export).
#   4. A second kiosk ("Innenstadt") shows Friday after its first sync.
#   5. Two Roden kiosks edit the same offer from the same revision while the hub is away: one
#      changes the time, the other the title and the same time differently. Different fields
#      merge; the same field is a conflict, listed by `treffpunkt-hub conflicts list` and shown
#      on the second kiosk with both versions.
# Screenshots of every volunteer screen are left in OUT_DIR (default: a temporary directory).
# Usage: xvfb_volunteer_test.sh HUB_BINARY KIOSK_BINARY PNG_CHECK SOURCE_DIR [OUT_DIR]
set -euo pipefail
hub=$(realpath "$1"); kiosk=$(realpath "$2"); png_check=$(realpath "$3"); src=$(realpath "$4")
out=${5:-}
if ! command -v Xvfb >/dev/null || ! command -v sqlite3 >/dev/null; then
    echo "SKIP: Xvfb and sqlite3 are needed (apt-get install xvfb xauth sqlite3)"
    exit 77
fi
# shellcheck source=tests/support/xvfb_lib.sh
source "$src/tests/support/xvfb_lib.sh"
start_xvfb 1700x600
shots=${out:-$work/shots}
mkdir -p "$shots"

port=$(free_port 27919)

bindir=$work/bin
mkdir -p "$bindir/sync/hub" "$bindir/kiosk"
ln -s "$hub" "$bindir/sync/hub/treffpunkt-hub"
ln -s "$kiosk" "$bindir/kiosk/treffpunkt-kiosk"
"$src/deploy-rpi/demo.sh" --setup-only --dir "$work/demo" --port "$port" --build "$bindir" \
    --poll 10 >"$work/setup.log"
demo=$work/demo
hubcmd=("$hub" --config "$demo/hub/hub.toml")
roden=ddbde832-f039-595a-b09b-05c1296565d4
offer=cfbe5466-fd31-5e2f-8729-baa1ffb9f74b  # "Seniorentreff Roden", Thursdays
echo 482915 | "${hubcmd[@]}" volunteer add Maria --place "$roden" --role coordinator \
    --pin-stdin >/dev/null
# A second kiosk at Roden, for the conflict.
mkdir -p "$demo/kiosk-roden2"
"${hubcmd[@]}" kiosk add --place "$roden" --name "Demo Roden 2" 2>/dev/null >"$demo/kiosk-roden2/token"
sed -e "s|kiosk-roden|kiosk-roden2|g" -e "s|device_token = .*|device_token = \"$(cat "$demo/kiosk-roden2/token")\"|" \
    -e 's|kiosk_name = .*|kiosk_name = "Demo Roden 2"|' "$demo/kiosk-roden/kiosk.toml" \
    >"$demo/kiosk-roden2/kiosk.toml"
for name in innenstadt roden roden2; do
    printf 'retry_min_s = 2\nretry_max_s = 4\n' >>"$demo/kiosk-$name/kiosk.toml"
done

start_hub() {
    : >"$work/hub.log"
    "${hubcmd[@]}" serve >>"$work/hub.log" 2>&1 &
    hub_pid=$!
    pids+=("$hub_pid")
    for _ in $(seq 100); do
        grep -q "listening on" "$work/hub.log" && return 0
        sleep 0.1
    done
    echo "FAIL: the hub did not start:"; cat "$work/hub.log"; exit 1
}
stop_hub() { kill "$hub_pid"; wait "$hub_pid" 2>/dev/null || true; }
fail() {
    echo "FAIL: $1"
    for log in "$work"/kiosk-*.log; do echo "--- $log:"; tail -30 "$log"; done
    echo "--- hub:"; tail -20 "$work/hub.log"
    exit 1
}
# run_kiosk NAME STEP: runs kiosk NAME with $work/STEP.script (SHOT/ -> the screenshots) to
# its end; the script's failure is the test's.
run_kiosk() {
    sed "s|SHOT/|$shots/|g" "$work/$2.script" >"$work/$2.run.script"
    "$kiosk" --config "$demo/kiosk-$1/kiosk.toml" --script "$work/$2.run.script" \
        >"$work/kiosk-$1-$2.log" 2>&1 || fail "kiosk $1, script $2"
}
outbox() {  # outbox NAME: the pending edits in kiosk NAME's database
    sqlite3 "$demo/kiosk-$1/replica.db" "SELECT count(*) FROM outbox WHERE state = 'pending'"
}
hub_schedule() {  # the offer's schedule as the hub exports it
    "${hubcmd[@]}" export "$work/hub-export.json" >/dev/null
    python3 -c "import json,sys; d=json.load(open('$work/hub-export.json'))
o=[o for o in d['offers'] if o['id']=='$offer'][0]; print(json.dumps(o.get('schedule')), o['title']['de'])"
}

# --- 1. First sync ---------------------------------------------------------------------------
cat >"$work/sync.script" <<'EOF'
await 30000 online
quit
EOF
start_hub
run_kiosk roden sync
run_kiosk roden2 sync
[ "$(sqlite3 "$demo/kiosk-roden/replica.db" 'SELECT name FROM volunteers')" = Maria ] ||
    fail "the Roden kiosk did not get its volunteer"
stop_hub

# --- 2. Offline: log in, Thursday -> Friday, a closure, save; then SIGKILL --------------------
cat >"$work/edit.script" <<'EOF'
expect Angebote
drag 400 330 400 60 600
wait 1500
tap Für Ehrenamtliche
expect Anmeldung für Ehrenamtliche
screenshot SHOT/v01-pin-pad.png
tap 4
tap 8
tap 2
tap 9
tap 1
screenshot SHOT/v02-pin-typed.png
tap 5
tap OK
await 10000 Angemeldet: Maria
screenshot SHOT/v03-volunteer-home.png
tap Start
tap Wonach suchen Sie?
type Seniorentreff
tap Fertig
tap Seniorentreff Roden
expect Bearbeiten
screenshot SHOT/v04-offer-for-volunteer.png
tap Bearbeiten
expect Titel (Deutsch)
screenshot SHOT/v05-form.png
tap Donnerstag
tap Freitag

screenshot SHOT/v06-friday.png
drag 400 330 400 80 600
wait 1500
screenshot SHOT/v07-form-times.png
drag 400 300 400 180 1000
wait 1500
tap Von: bitte wählen
tap Nächster Monat
drag 400 330 400 100 1000
wait 1500
screenshot SHOT/v08-calendar.png
tap 10
tap Ausfall hinzufügen
screenshot SHOT/v09-closure.png
drag 400 330 400 80 600
wait 1500
screenshot SHOT/v10-form-preview.png
tap Speichern
await 5000 Gespeichert
screenshot SHOT/v11-saved.png
wait 60000
EOF
sed "s|SHOT/|$shots/|g" "$work/edit.script" >"$work/edit.run.script"
rm -f "$shots/v11-saved.png"
"$kiosk" --config "$demo/kiosk-roden/kiosk.toml" --script "$work/edit.run.script" \
    >"$work/kiosk-roden-edit.log" 2>&1 &
edit_pid=$!
pids+=("$edit_pid")
for _ in $(seq 900); do
    [ -s "$shots/v11-saved.png" ] && break
    kill -0 "$edit_pid" 2>/dev/null || fail "the editing kiosk stopped before saving"
    sleep 0.1
done
[ -s "$shots/v11-saved.png" ] || fail "no save within 90 s"
kill -KILL "$edit_pid"
wait "$edit_pid" 2>/dev/null || true
[ "$(outbox roden)" = 1 ] || fail "the edit is not in the outbox after SIGKILL ($(outbox roden))"
sqlite3 "$demo/kiosk-roden/replica.db" "PRAGMA integrity_check" | grep -qx ok ||
    fail "the kiosk's database is damaged after SIGKILL"
made=$(sqlite3 "$demo/kiosk-roden/replica.db" "SELECT made_at FROM outbox")
echo "after SIGKILL: 1 edit waits in the outbox (made $made)"
sleep 2  # so that the hub's time of applying differs from the time the edit was made

# --- 3. The hub is back; the restarted kiosk delivers the edit -------------------------------
start_hub
cat >"$work/deliver.script" <<'EOF'
await 30000 online
tap Wonach suchen Sie?
type Seniorentreff
tap Fertig
tap Seniorentreff Roden
expect jeden Freitag
screenshot SHOT/v12-after-restart.png
quit
EOF
run_kiosk roden deliver
for _ in $(seq 100); do
    [ "$(outbox roden)" = 0 ] && break
    sleep 0.2
done
[ "$(outbox roden)" = 0 ] || fail "the edit was not delivered after the restart"
schedule=$(hub_schedule)
echo "on the hub: $schedule"
echo "$schedule" | grep -q 'BYDAY=FR' || fail "the hub does not have Friday"
# The one-off closure: the 10th of next month (the kiosk's calendar opened on this month).
closure=$(date -d "$(date +%Y-%m-01) +1 month" +%Y-%m-10)
echo "$schedule" | grep -q "\"from\": \"$closure\", \"until\": \"$closure\"" ||
    fail "the hub does not have the closure on $closure"
# Who, where, when: the audit names the volunteer, the kiosk and the time the edit was made.
maria=$("${hubcmd[@]}" volunteer list | awk '/Maria/ {print $1}')
"${hubcmd[@]}" audit --record "$offer" | tee "$work/audit.txt" | head -3
grep "by .*${maria:0:8}.* on kiosk .* (made " "$work/audit.txt" >/dev/null ||
    fail "the audit does not show volunteer, kiosk and time"
applied_at=$(head -1 "$work/audit.txt" | awk '{print $2}')
made_at=$(head -1 "$work/audit.txt" | sed 's/.*(made \([^)]*\)).*/\1/')
[ "$made_at" \< "$applied_at" ] ||
    fail "the audit's time is not when the volunteer saved ($made_at, applied $applied_at)"

# --- 4. A second kiosk shows it after its sync -----------------------------------------------
cat >"$work/other.script" <<'EOF'
await 30000 online
tap Wonach suchen Sie?
type Seniorentreff
tap Fertig
tap Seniorentreff Roden
expect jeden Freitag
screenshot SHOT/v13-second-kiosk.png
quit
EOF
run_kiosk innenstadt other

# --- 5. Two kiosks, one offer: merge and conflict --------------------------------------------
run_kiosk roden sync
run_kiosk roden2 sync
stop_hub
login_and_edit() {  # the PIN, the Seniorentreff's form
    cat <<'EOF'
expect Angebote
drag 400 330 400 60 600
wait 1500
tap Für Ehrenamtliche
tap 4
tap 8
tap 2
tap 9
tap 1
tap 5
tap OK
await 10000 Angemeldet: Maria
tap Start
tap Wonach suchen Sie?
type Seniorentreff
tap Fertig
tap Seniorentreff Roden
tap Bearbeiten
expect Titel (Deutsch)
EOF
}
{   # kiosk 1: only the start time, an hour later
    login_and_edit
    cat <<'EOF'
drag 400 330 400 80 600
wait 1500
tap start+1:00
screenshot SHOT/v14-kiosk1-time.png
EOF
    cat <<'EOF'
wait 800
tap Speichern
await 5000 Gespeichert
quit
EOF
} >"$work/k1.script"
{   # kiosk 2: the title, and the start time half an hour earlier (the same field)
    login_and_edit
    cat <<'EOF'
tap Titel (Deutsch)
type  am Freitag
tap Fertig
drag 400 330 400 80 600
wait 1500
tap start-0:15
tap start-0:15
EOF
    cat <<'EOF'
wait 800
tap Speichern
await 5000 Gespeichert
quit
EOF
} >"$work/k2.script"
run_kiosk roden k1
run_kiosk roden2 k2
if [ "$(outbox roden)" != 1 ] || [ "$(outbox roden2)" != 1 ]; then
    fail "both edits should wait"
fi
start_hub
cat >"$work/push1.script" <<'EOF'
await 30000 online
wait 3000
quit
EOF
run_kiosk roden push1
cat >"$work/answers.script" <<'EOF'
await 30000 online
wait 3000
drag 400 330 400 60 600
wait 1500
tap Für Ehrenamtliche
tap 4
tap 8
tap 2
tap 9
tap 1
tap 5
tap OK
await 10000 Antworten der Zentrale (1)
tap Antworten der Zentrale (1)
expect Ihre Version
expect Version der Zentrale
screenshot SHOT/v15-conflict.png
tap Version der Zentrale übernehmen
expect Keine offenen Antworten
wait 3000
quit
EOF
run_kiosk roden2 answers
"${hubcmd[@]}" conflicts list --all | tee "$work/conflicts.txt"
grep -q "$offer\|Seniorentreff" "$work/conflicts.txt" || fail "the hub lists no conflict for the offer"
final=$(hub_schedule)
echo "on the hub after both: $final"
echo "$final" | grep -q 'am Freitag' || fail "the title from kiosk 2 did not merge"
"$png_check" "$shots"/v*.png
echo "OK: login, Thursday to Friday with a closure, kept across SIGKILL, delivered, shown on a second kiosk; merge and conflict"

#!/usr/bin/env bash
# deploy-rpi/install.sh against a throwaway directory (TREFFPUNKT_ROOT) with stand-ins for
# apt-get, systemctl, dpkg-query, getent, id, usermod and sysctl: the first run changes what a
# fresh Raspberry Pi OS needs changed, a second run changes nothing (idempotent),
# --keep-console undoes the console lock-down, a desktop's display manager stops it unless
# --disable-display-manager is given, and a .deb argument is handed to apt-get.
#
# Usage: install_test.sh SOURCE_DIR

# The stand-ins' code and the sample files are written in single quotes on purpose.
# shellcheck disable=SC2016
set -euo pipefail

src=${1:?usage: install_test.sh SOURCE_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/root"
bin="$work/bin"
state="$work/state"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# --- A fresh Raspberry Pi OS Lite, as far as install.sh looks at it ---------------------------
mkdir -p "$root/etc" "$root/boot/firmware" "$root/run/systemd/system" \
    "$root/usr/share/treffpunkt/kiosk-setup" "$root/etc/systemd/system/getty@tty1.service.d" \
    "$bin" "$state"
printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_CODENAME=bookworm\n' >"$root/etc/os-release"
echo "console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait" \
    >"$root/boot/firmware/cmdline.txt"
printf '[all]\ndtoverlay=vc4-kms-v3d\n' >"$root/boot/firmware/config.txt"
printf '[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin admin --noclear %%I $TERM\n' \
    >"$root/etc/systemd/system/getty@tty1.service.d/autologin.conf"
cp "$src/deploy-rpi/systemd/journald-treffpunkt-kiosk.conf" "$src/deploy-rpi/systemd/logind-treffpunkt-kiosk.conf" \
    "$src/deploy-rpi/systemd/sysctl-treffpunkt-kiosk.conf" "$root/usr/share/treffpunkt/kiosk-setup/"
# systemctl's view: one "UNIT STATE" line per unit; the default target.
printf 'getty@tty1.service enabled\nseatd.service enabled\ntreffpunkt-kiosk.service enabled\nctrl-alt-del.target static\n' \
    >"$state/units"
echo multi-user.target >"$state/default"
echo "video" >"$state/groups"  # the package put treffpunkt in video, not yet in render

# --- Stand-ins --------------------------------------------------------------------------------
stub() { printf '#!/usr/bin/env bash\nset -euo pipefail\nstate=%q\n%s\n' "$state" "$2" >"$bin/$1"; chmod +x "$bin/$1"; }
stub apt-get 'echo "apt-get $*" >>"$state/calls"'
stub sysctl 'echo "sysctl $*" >>"$state/calls"'
stub sleep ':'
stub dpkg-query 'case "$*" in *Status*) echo "install ok installed" ;; *Version*) echo 0.1.0-1 ;; esac'
stub getent '[ "$*" = "passwd treffpunkt" ] && echo "treffpunkt:x:997:997:Treffpunkt kiosk:/var/lib/treffpunkt:/usr/sbin/nologin"'
stub id 'case "$*" in
    -u) echo 0 ;;
    "-nG treffpunkt") echo "treffpunkt $(tr "\n" " " <"$state/groups")" ;;
    *) echo "uid=997(treffpunkt) gid=997(treffpunkt)" ;;
esac'
stub usermod '[ "$1" = -aG ] && echo "$2" >>"$state/groups"; echo "usermod $*" >>"$state/calls"'
stub systemctl 'echo "systemctl $*" >>"$state/calls"
get() { awk -v u="$1" '"'"'$1 == u {print $2}'"'"' "$state/units"; }
set_state() { grep -v "^$1 " "$state/units" >"$state/units.new" || true; echo "$1 $2" >>"$state/units.new"; mv "$state/units.new" "$state/units"; }
quiet=0
args=()
for a in "$@"; do case "$a" in --quiet) quiet=1 ;; --*) ;; *) args+=("$a") ;; esac; done
case "${args[0]}" in
    is-enabled) s=$(get "${args[1]}"); [ "$quiet" = 1 ] || echo "${s:-disabled}"; [ "$s" = enabled ] ;;
    is-active) [ "$(get "${args[1]}")" = enabled ] ;;
    enable) set_state "${args[1]}" enabled ;;
    disable) set_state "${args[1]}" disabled ;;
    mask) set_state "${args[1]}" masked ;;
    unmask) set_state "${args[1]}" static ;;
    get-default) cat "$state/default" ;;
    set-default) echo "${args[1]}" >"$state/default" ;;
    start | restart | status) ;;
    *) echo "systemctl stand-in: ${args[0]}?" >&2; exit 1 ;;
esac'

run() {  # LOG ARGS...: runs install.sh, output in $work/LOG
    local log=$1
    shift
    : >"$state/calls"
    PATH="$bin:$PATH" TREFFPUNKT_ROOT="$root" bash "$src/deploy-rpi/install.sh" "$@" >"$work/$log" 2>&1
}
snapshot() { (cd "$root" && find . -type f -exec sha256sum {} + | sort) >"$work/$1"; cat "$state/units" "$state/default" >>"$work/$1"; }
has() { grep -q -- "$2" "$work/$1" || fail "$1: no \"$2\" in: $(cat "$work/$1")"; }
lacks() { grep -q -- "$2" "$work/$1" && fail "$1: unexpected \"$2\" in: $(cat "$work/$1")"; return 0; }

# --- First run: everything changes ------------------------------------------------------------
run first.log || fail "first run: exit $? ($(cat "$work/first.log"))"
for f in etc/systemd/journald.conf.d/treffpunkt-kiosk.conf etc/systemd/logind.conf.d/treffpunkt-kiosk.conf \
    etc/sysctl.d/90-treffpunkt-kiosk.conf; do
    [ -f "$root/$f" ] || fail "first run: no /$f"
done
grep -q '^Storage=volatile' "$root/etc/systemd/journald.conf.d/treffpunkt-kiosk.conf" || fail "journal not in RAM"
[ -e "$root/etc/systemd/system/getty@tty1.service.d/autologin.conf" ] && fail "console autologin left"
cmdline=$(cat "$root/boot/firmware/cmdline.txt")
[ "$cmdline" = "console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait consoleblank=0 vt.global_cursor_default=0" ] ||
    fail "cmdline.txt: $cmdline"
[ "$(wc -l <"$root/boot/firmware/cmdline.txt")" = 1 ] || fail "cmdline.txt is no longer one line"
[ -f "$root/boot/firmware/cmdline.txt.treffpunkt-orig" ] || fail "no backup of cmdline.txt"
grep -qx 'getty@tty1.service disabled' "$state/units" || fail "getty on tty1 still enabled"
grep -qx 'ctrl-alt-del.target masked' "$state/units" || fail "Ctrl+Alt+Del not masked"
[ "$(cat "$state/default")" = graphical.target ] || fail "default target: $(cat "$state/default")"
grep -qx render "$state/groups" || fail "treffpunkt not added to group render"
has first.log "reboot once"
has first.log "Restarting the kiosk"
grep -q 'systemctl restart systemd-journald.service' "$state/calls" || fail "journald not restarted"
grep -q 'sysctl -q -p' "$state/calls" || fail "sysctl not applied"
grep -q 'apt-get' "$state/calls" && fail "first run installed although the package is there"
ok "first run sets everything up"

# --- Second run: nothing changes --------------------------------------------------------------
snapshot before
run second.log || fail "second run: exit $? ($(cat "$work/second.log"))"
snapshot after
diff "$work/before" "$work/after" >/dev/null || fail "second run changed files or units: $(diff "$work/before" "$work/after")"
lacks second.log "wrote \|removed \|added \|reboot once"
grep -qE 'systemctl (restart systemd-journald|disable|mask|set-default)|sysctl|usermod' "$state/calls" &&
    fail "second run changed something: $(cat "$state/calls")"
ok "second run changes nothing"

# --- --keep-console undoes the lock-down, and is idempotent too -------------------------------
run keep.log --keep-console || fail "--keep-console: exit $?"
[ -e "$root/etc/sysctl.d/90-treffpunkt-kiosk.conf" ] && fail "--keep-console left the sysctl drop-in"
[ -e "$root/etc/systemd/logind.conf.d/treffpunkt-kiosk.conf" ] && fail "--keep-console left the logind drop-in"
grep -qx 'ctrl-alt-del.target static' "$state/units" || fail "--keep-console left Ctrl+Alt+Del masked"
grep -qx 'getty@tty1.service enabled' "$state/units" || fail "--keep-console did not enable getty on tty1"
snapshot before
run keep2.log --keep-console || fail "--keep-console again: exit $?"
snapshot after
diff "$work/before" "$work/after" >/dev/null || fail "--keep-console twice changed something"
ok "--keep-console undoes the lock-down, twice changes nothing"

# --- Without systemd running (preparing an image in a chroot): nothing is (re)started ----------
rmdir "$root/run/systemd/system"
rm "$root/etc/systemd/journald.conf.d/treffpunkt-kiosk.conf"
run chroot.log --persistent-journal || fail "without systemd: exit $?"
grep -Eq 'systemctl (restart|start)' "$state/calls" && fail "without systemd, services were (re)started: $(cat "$state/calls")"
grep -q '^Storage=persistent' "$root/etc/systemd/journald.conf.d/treffpunkt-kiosk.conf" || fail "--persistent-journal"
has chroot.log "starts at the next boot"
mkdir -p "$root/run/systemd/system"
ok "without systemd running: files only; --persistent-journal"

# --- A desktop, a package file, bad use ----------------------------------------------------------
touch "$root/etc/systemd/system/display-manager.service"
rc=0
run desktop.log || rc=$?
[ "$rc" -eq 1 ] || fail "a desktop: exit $rc, want 1"
has desktop.log "disable-display-manager"
rm "$root/etc/systemd/system/display-manager.service"
touch "$work/treffpunkt-kiosk_0.1.0-1_arm64.deb"
(cd "$work" && run deb.log treffpunkt-kiosk_0.1.0-1_arm64.deb) || fail "with a .deb: exit $?"
grep -q 'apt-get install -y -q ./treffpunkt-kiosk_0.1.0-1_arm64.deb' "$state/calls" || fail "the .deb was not installed: $(cat "$state/calls")"
rc=0
run bad.log --frobnicate || rc=$?
[ "$rc" -eq 2 ] || fail "bad option: exit $rc, want 2"
ok "desktop refused, .deb handed to apt-get, bad use exits 2"

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "all checks passed"

#!/usr/bin/env bash
# Turns a fresh Raspberry Pi OS Lite (Bookworm) - or any Debian 12 machine with a touch screen -
# into a Treffpunkt kiosk that boots straight into the app. Idempotent: run it again to repair
# or after changing options; what is already right is left alone.
#
#   sudo ./install.sh [OPTIONS] [treffpunkt-kiosk_VERSION_ARCH.deb]
#
#   PACKAGE.deb                 install (or update to) this package; without it, the package
#                               from the apt sources is installed if it is not there yet
#   --keep-console              keep login prompts on the text consoles and Ctrl+Alt+Del
#   --persistent-journal        keep the journal on the SD card (default: in RAM only)
#   --disable-display-manager   turn off a desktop's login screen (Raspberry Pi OS with desktop)
#   --no-start                  set everything up, but do not (re)start the kiosk now
#   -h, --help                  this text
#
# What it does (docs/operations.md explains each step): installs treffpunkt-kiosk with
# cage, Xwayland and seatd; checks the user "treffpunkt" the package creates; starts the kiosk
# at boot (graphical.target) without waiting for the network; keeps the screen from blanking
# (kernel console) and the journal in RAM; closes the ways out of the kiosk from an attached
# keyboard (no login prompts on the consoles, no Magic SysRq, no Ctrl+Alt+Del).
set -euo pipefail

# TREFFPUNKT_ROOT: only for tests/deploy/install_test.sh, which runs this script against a
# directory instead of / (with stand-ins for apt-get, systemctl and friends).
root=${TREFFPUNKT_ROOT:-}
setup_dir=$root/usr/share/treffpunkt/kiosk-setup
unit=treffpunkt-kiosk.service
changed=0

log() { printf '\033[1m== %s\033[0m\n' "$*"; }
# True when systemd runs this machine (not when preparing an image in a chroot): only then are
# services restarted; otherwise every change applies at the next boot.
live() { [ -d "$root/run/systemd/system" ]; }
note() { printf '   %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '6,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

# Copies SRC to DEST (mode 0644) unless DEST already has that content. Returns 0 if it changed.
put_file() {
    local src=$1 dest=$2
    if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
        return 1
    fi
    install -D -m 0644 "$src" "$dest"
    note "wrote $dest"
    changed=1
}

deb=""
keep_console=0
persistent_journal=0
disable_dm=0
start=1
while [ $# -gt 0 ]; do
    case "$1" in
        --keep-console) keep_console=1 ;;
        --persistent-journal) persistent_journal=1 ;;
        --disable-display-manager) disable_dm=1 ;;
        --no-start) start=0 ;;
        -h | --help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *)
            [ -z "$deb" ] || die "only one package file, please"
            deb=$1
            ;;
    esac
    shift
done

[ "$(id -u)" -eq 0 ] || die "run as root: sudo $0 $*"
[ -z "$deb" ] || [ -f "$deb" ] || die "no such file: $deb"
if ! grep -q '^VERSION_CODENAME=bookworm' "$root/etc/os-release" 2>/dev/null; then
    note "warning: made for Debian 12 / Raspberry Pi OS Bookworm; this is $(sed -n 's/^PRETTY_NAME=//p' "$root/etc/os-release" 2>/dev/null)"
fi

# --- 1. A desktop's login screen would fight the kiosk for the display ----------------------
if [ -e "$root/etc/systemd/system/display-manager.service" ]; then
    if [ "$disable_dm" -eq 1 ]; then
        log "Turning off the desktop login screen"
        systemctl disable display-manager.service
        changed=1
    else
        die "this machine starts a desktop (display-manager.service). Use Raspberry Pi OS Lite, or run again with --disable-display-manager"
    fi
fi

# --- 2. The package (cage, Xwayland, seatd, fonts come as its dependencies) ------------------
export DEBIAN_FRONTEND=noninteractive
if [ -n "$deb" ]; then
    log "Installing $(basename "$deb")"
    apt-get update -q
    # apt needs a path with a slash to take a file.
    case "$deb" in /* | ./* | ../*) ;; *) deb=./$deb ;; esac
    apt-get install -y -q "$deb"
elif ! dpkg-query -W -f='${Status}' treffpunkt-kiosk 2>/dev/null | grep -q 'install ok installed'; then
    log "Installing treffpunkt-kiosk from the apt sources"
    apt-get update -q
    apt-get install -y -q treffpunkt-kiosk ||
        die "treffpunkt-kiosk is not in the apt sources; pass the .deb file (deploy-rpi/dev.sh packages builds it)"
else
    log "treffpunkt-kiosk $(dpkg-query -W -f='${Version}' treffpunkt-kiosk) is installed"
fi
[ -d "$setup_dir" ] || die "$setup_dir is missing: reinstall treffpunkt-kiosk"

# --- 3. The kiosk's unprivileged user (made by the package: no shell, no password) -----------
log "Checking the kiosk user"
getent passwd treffpunkt >/dev/null || die "user 'treffpunkt' is missing: dpkg-reconfigure treffpunkt-kiosk"
[ "$(getent passwd treffpunkt | cut -d: -f7)" = /usr/sbin/nologin ] ||
    die "user 'treffpunkt' has a login shell; it must not (usermod -s /usr/sbin/nologin treffpunkt)"
for group in video render; do
    if ! id -nG treffpunkt | tr ' ' '\n' | grep -qx "$group"; then
        usermod -aG "$group" treffpunkt
        note "added treffpunkt to group $group"
        changed=1
    fi
done
note "treffpunkt: $(id treffpunkt)"

# --- 4. The journal: in RAM (SD cards wear out), or on the card if asked ---------------------
log "Journal: $([ "$persistent_journal" -eq 1 ] && echo "on the SD card" || echo "in RAM")"
journal_conf=$root/etc/systemd/journald.conf.d/treffpunkt-kiosk.conf
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if [ "$persistent_journal" -eq 1 ]; then
    sed -e 's/^Storage=volatile/Storage=persistent/' \
        -e 's/^RuntimeMaxUse=.*/SystemMaxUse=64M\nSyncIntervalSec=15min/' \
        "$setup_dir/journald-treffpunkt-kiosk.conf" >"$tmp"
else
    cp "$setup_dir/journald-treffpunkt-kiosk.conf" "$tmp"
fi
if put_file "$tmp" "$journal_conf" && live; then
    systemctl restart systemd-journald.service
fi

# --- 5. No way out from an attached keyboard -------------------------------------------------
# cage runs without -s: no VT switching. Below the compositor, these remain and are closed here.
sysctl_conf=$root/etc/sysctl.d/90-treffpunkt-kiosk.conf
logind_conf=$root/etc/systemd/logind.conf.d/treffpunkt-kiosk.conf
autologin=$root/etc/systemd/system/getty@tty1.service.d/autologin.conf
if [ "$keep_console" -eq 0 ]; then
    log "Closing the ways out: consoles, Magic SysRq, Ctrl+Alt+Del"
    if put_file "$setup_dir/sysctl-treffpunkt-kiosk.conf" "$sysctl_conf" && live; then
        sysctl -q -p "$sysctl_conf"
    fi
    put_file "$setup_dir/logind-treffpunkt-kiosk.conf" "$logind_conf" || true
    if [ -e "$autologin" ]; then
        rm -f "$autologin"
        note "removed the console autologin ($autologin)"
        changed=1
    fi
    if systemctl is-enabled --quiet getty@tty1.service 2>/dev/null; then
        systemctl disable getty@tty1.service
        changed=1
    fi
    if [ "$(systemctl is-enabled ctrl-alt-del.target 2>/dev/null || true)" != masked ]; then
        systemctl mask ctrl-alt-del.target
        changed=1
    fi
else
    log "Keeping the text consoles (--keep-console)"
    for file in "$sysctl_conf" "$logind_conf"; do
        if [ -e "$file" ]; then
            rm -f "$file"
            note "removed $file"
            changed=1
        fi
    done
    if [ "$(systemctl is-enabled ctrl-alt-del.target 2>/dev/null || true)" = masked ]; then
        systemctl unmask ctrl-alt-del.target
        changed=1
    fi
    systemctl enable getty@tty1.service 2>/dev/null || true
fi

# --- 6. The screen never blanks: kernel console (cage itself never blanks) -------------------
cmdline=""
for candidate in "$root/boot/firmware/cmdline.txt" "$root/boot/cmdline.txt"; do
    if [ -f "$candidate" ]; then
        cmdline=$candidate
        break
    fi
done
if [ -n "$cmdline" ]; then
    log "Kernel command line ($cmdline): no console blanking, no blinking text cursor"
    for arg in consoleblank=0 vt.global_cursor_default=0; do
        if ! tr ' ' '\n' <"$cmdline" | grep -qx "$arg"; then
            [ -e "$cmdline.treffpunkt-orig" ] || cp -p "$cmdline" "$cmdline.treffpunkt-orig"
            # One line; append the argument to it.
            sed -i "1 s/[[:space:]]*\$/ $arg/" "$cmdline"
            note "added $arg (takes effect at the next boot)"
            changed=1
        fi
    done
    config=$(dirname "$cmdline")/config.txt
    if [ -f "$config" ] && ! grep -Eq '^[[:space:]]*dtoverlay=vc4-(f)?kms-v3d' "$config"; then
        note "warning: $config has no dtoverlay=vc4-kms-v3d; cage needs KMS (the Bookworm default)"
    fi
else
    note "no Raspberry Pi cmdline.txt: add consoleblank=0 to the kernel command line by hand if the console blanks"
fi

# --- 7. Boot into the kiosk, without waiting for the network ---------------------------------
log "Starting the kiosk at boot"
if [ "$(systemctl get-default)" != graphical.target ]; then
    systemctl set-default graphical.target
    changed=1
fi
systemctl enable --quiet seatd.service
if live && ! systemctl is-active --quiet seatd.service; then
    systemctl start seatd.service
fi
if ! systemctl is-enabled --quiet "$unit"; then
    systemctl enable "$unit"
    changed=1
fi
if systemctl is-enabled --quiet systemd-networkd-wait-online.service 2>/dev/null ||
    systemctl is-enabled --quiet NetworkManager-wait-online.service 2>/dev/null; then
    note "network-online waits at boot are enabled, but $unit does not wait for them"
fi

if [ "$start" -eq 1 ] && ! live; then
    note "systemd is not running here (a chroot?): the kiosk starts at the next boot"
elif [ "$start" -eq 1 ]; then
    log "Restarting the kiosk"
    systemctl restart "$unit"
    sleep 2
    systemctl --no-pager --lines=5 status "$unit" || true
fi

log "Done$([ "$changed" -eq 1 ] && echo "; reboot once to apply every change: sudo reboot")"
note "configuration: /etc/treffpunkt/kiosk.toml (then: sudo systemctl restart $unit)"
note "logs: journalctl -u $unit -b"
note "display power at night: sudo -u treffpunkt /usr/libexec/treffpunkt/display-power status"

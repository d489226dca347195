#!/usr/bin/env bash
# The Debian packages from this build tree: builds them with CPack, inspects them with dpkg-deb
# (files, owners and modes, dependencies, conffiles, maintainer scripts), then installs them
# into a throwaway root and checks what the maintainer scripts did there: users, directories
# with owners and modes, enabled units; again on reinstallation (idempotent, and an
# administrator's "disable" survives); then remove and purge.
#
# Usage: deb_package_test.sh BUILD_DIR EXPECT_HUB(0|1)
#
# The throwaway root: `dpkg --root=DIR --force-script-chrootless`. dpkg unpacks into DIR and
# runs the maintainer scripts on the host with DPKG_ROOT=DIR; systemd-sysusers,
# systemd-tmpfiles and deb-systemd-helper all take that root. It needs root (file owners) but
# no network, no debootstrap and no chroot, so it is quick and does not flake. The test also
# checks that nothing on the host changed.
set -euo pipefail

build=${1:?usage: deb_package_test.sh BUILD_DIR EXPECT_HUB}
expect_hub=${2:?usage: deb_package_test.sh BUILD_DIR EXPECT_HUB}

if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: needs root (dpkg --root sets file owners); CI runs the tests as root"
    exit 77
fi
for tool in cpack dpkg-deb dpkg systemd-sysusers systemd-tmpfiles deb-systemd-helper file; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (deploy-rpi/packages-dev.txt)"; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# The host must stay untouched: the scripts run outside any chroot.
host_state() {
    sha256sum /etc/passwd /etc/group /etc/shadow 2>/dev/null
    ls -d /var/lib/treffpunkt /var/lib/treffpunkt-hub /etc/treffpunkt /etc/treffpunkt-hub \
        /etc/systemd/system/graphical.target.wants/treffpunkt-kiosk.service \
        /etc/systemd/system/multi-user.target.wants/treffpunkt-hub.service 2>/dev/null || true
}
host_state >"$work/host.before"

# --- Build the packages -----------------------------------------------------------------------
if ! cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    echo "FAIL: cpack (is the build complete? cmake --build first)"
    exit 1
fi
arch=$(dpkg --print-architecture)
kiosk_deb=$(echo "$work"/out/treffpunkt-kiosk_*_"$arch".deb)
hub_deb=$(echo "$work"/out/treffpunkt-hub_*_"$arch".deb)
[ -f "$kiosk_deb" ] || { ls "$work/out"; echo "FAIL: no treffpunkt-kiosk_*_$arch.deb"; exit 1; }
debs=("$kiosk_deb")
if [ "$expect_hub" = 1 ]; then
    [ -f "$hub_deb" ] || { ls "$work/out"; echo "FAIL: no treffpunkt-hub_*_$arch.deb"; exit 1; }
    debs+=("$hub_deb")
fi
for deb in "$work"/out/*.deb; do
    case "${deb##*/}" in treffpunkt-kiosk_* | treffpunkt-hub_*) ;; *) fail "unexpected package ${deb##*/}" ;; esac
done
ok "built ${debs[*]##*/}"

# --- Inspect ----------------------------------------------------------------------------------
# "PERMS OWNER PATH" for every entry, e.g. "-rwxr-xr-x root/root ./usr/bin/treffpunkt-kiosk".
listing() { dpkg-deb --contents "$1" | awk '{print $1, $2, $6}'; }
expect_entry() {  # DEB PERMS PATH
    grep -qx -- "$2 root/root $3" "$work/$(basename "$1").list" || fail "$(basename "$1"): want $2 root/root $3"
}
field() { dpkg-deb --field "$1" "$2"; }

check_common() {  # DEB PACKAGE
    local deb=$1 package=$2 list
    list="$work/$(basename "$deb").list"
    listing "$deb" >"$list"
    [ "$(field "$deb" Package)" = "$package" ] || fail "$package: Package is $(field "$deb" Package)"
    [ "$(field "$deb" Architecture)" = "$arch" ] || fail "$package: Architecture is $(field "$deb" Architecture)"
    # Owners: root only (the scripts hand directories to the service users). Modes: no setuid,
    # nothing writable by others.
    awk '$2 != "root/root"' "$list" | grep -q . && fail "$package: files not owned by root: $(awk '$2 != "root/root"' "$list")"
    awk '$1 ~ /^-..[sS]|^-.....[sS]/' "$list" | grep -q . && fail "$package: setuid/setgid files"
    awk '$1 ~ /^[-d].......w/' "$list" | grep -q . && fail "$package: world-writable entries"
    # Maintainer scripts and conffiles.
    mkdir -p "$work/$package.control"
    dpkg-deb --control "$deb" "$work/$package.control"
    local script
    for script in postinst prerm postrm; do
        [ -x "$work/$package.control/$script" ] || fail "$package: no executable $script"
        [ "$(stat -c %a "$work/$package.control/$script")" = 755 ] || fail "$package: $script is not 0755"
        bash -n "$work/$package.control/$script" || fail "$package: $script does not parse"
    done
    echo "   $package Depends: $(field "$deb" Depends)"
    expect_depends "$deb" libc6 libstdc++6 systemd init-system-helpers
}
expect_depends() {  # DEB PACKAGE...
    local deb=$1 names dep
    shift
    # The package names in Depends, one a line (alternatives and versions dropped).
    names=$(field "$deb" Depends | sed 's/[,|]/\n/g' | awk '{print $1}')
    for dep in "$@"; do
        grep -qxF -- "$dep" <<<"$names" || fail "$(field "$deb" Package): Depends lacks $dep"
    done
}

check_common "$kiosk_deb" treffpunkt-kiosk
expect_depends "$kiosk_deb" cage xwayland seatd libgl1 fonts-noto-core libsqlite3-0 libglfw3 libx11-6 libxext6
kl="$work/$(basename "$kiosk_deb").list"
expect_entry "$kiosk_deb" -rwxr-xr-x ./usr/bin/treffpunkt-kiosk
expect_entry "$kiosk_deb" -rwxr-xr-x ./usr/libexec/treffpunkt/display-power
expect_entry "$kiosk_deb" -rwxr-xr-x ./usr/share/treffpunkt/kiosk-setup/install.sh
for file in ./usr/share/treffpunkt/i18n/de.json ./usr/share/treffpunkt/sample/saarlouis.json \
    ./etc/treffpunkt/kiosk.toml ./etc/default/treffpunkt-kiosk \
    ./lib/systemd/system/treffpunkt-kiosk.service ./usr/lib/sysusers.d/treffpunkt-kiosk.conf \
    ./usr/lib/tmpfiles.d/treffpunkt-kiosk.conf ./lib/udev/rules.d/70-treffpunkt-backlight.rules \
    ./usr/share/treffpunkt/cursors/treffpunkt-blank/cursors/left_ptr \
    ./usr/share/treffpunkt/kiosk-setup/journald-treffpunkt-kiosk.conf; do
    expect_entry "$kiosk_deb" -rw-r--r-- "$file"
done
grep -q '/migrations' "$kl" && fail "treffpunkt-kiosk: ships the SQL migrations (they are compiled in)"
grep -q './var/lib' "$kl" && fail "treffpunkt-kiosk: ships /var/lib (postinst makes it)"
[ "$(cat "$work/treffpunkt-kiosk.control/conffiles")" = "$(printf '/etc/treffpunkt/kiosk.toml\n/etc/default/treffpunkt-kiosk')" ] ||
    fail "treffpunkt-kiosk: conffiles are: $(cat "$work/treffpunkt-kiosk.control/conffiles")"
mkdir -p "$work/kiosk-files"
dpkg-deb -x "$kiosk_deb" "$work/kiosk-files"
file "$work/kiosk-files/usr/bin/treffpunkt-kiosk" | grep -q 'stripped' || fail "treffpunkt-kiosk: program not stripped"
file "$work/kiosk-files/usr/bin/treffpunkt-kiosk" | grep -q 'not stripped' && fail "treffpunkt-kiosk: program not stripped"
[ "$(head -c 4 "$work/kiosk-files/usr/share/treffpunkt/cursors/treffpunkt-blank/cursors/left_ptr")" = Xcur ] ||
    fail "treffpunkt-kiosk: the blank cursor is not an Xcursor file"

if [ "$expect_hub" = 1 ]; then
    check_common "$hub_deb" treffpunkt-hub
    expect_depends "$hub_deb" libsqlite3-0 libssl3 libsodium23
    expect_entry "$hub_deb" -rwxr-xr-x ./usr/bin/treffpunkt-hub
    for file in ./etc/treffpunkt-hub/hub.toml ./lib/systemd/system/treffpunkt-hub.service \
        ./usr/lib/sysusers.d/treffpunkt-hub.conf ./usr/lib/tmpfiles.d/treffpunkt-hub.conf; do
        expect_entry "$hub_deb" -rw-r--r-- "$file"
    done
    [ "$(cat "$work/treffpunkt-hub.control/conffiles")" = /etc/treffpunkt-hub/hub.toml ] ||
        fail "treffpunkt-hub: conffiles are: $(cat "$work/treffpunkt-hub.control/conffiles")"
fi
ok "package contents, modes, dependencies, conffiles, maintainer scripts"

# --- Install into a throwaway root --------------------------------------------------------------
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/etc" "$root/var/log"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
in_root_dpkg() {
    dpkg --root="$root" --force-script-chrootless --force-depends --log="$work/dpkg.log" "$@" \
        >>"$work/dpkg.out" 2>&1 || { cat "$work/dpkg.out"; echo "FAIL: dpkg $*"; exit 1; }
}
uid_of() { awk -F: -v n="$1" '$1 == n {print $3}' "$root/etc/passwd"; }
gid_of() { awk -F: -v n="$1" '$1 == n {print $3}' "$root/etc/group"; }
# "MODE UID GID" of a path in the root.
stat_of() { stat -c '%a %u %g' "$root$1" 2>/dev/null || echo missing; }

check_installed() {  # WHEN
    local when=$1 uid gid
    grep -q '^treffpunkt:' "$root/etc/passwd" || fail "$when: no user treffpunkt"
    [ "$(grep -c '^treffpunkt:' "$root/etc/passwd")" = 1 ] || fail "$when: user treffpunkt twice"
    [ "$(awk -F: '$1 == "treffpunkt" {print $6 ":" $7}' "$root/etc/passwd")" = /var/lib/treffpunkt:/usr/sbin/nologin ] ||
        fail "$when: treffpunkt's home/shell: $(grep '^treffpunkt:' "$root/etc/passwd")"
    [ "$(uid_of treffpunkt)" -lt 1000 ] || fail "$when: treffpunkt is not a system user"
    for group in video render; do
        grep -Eq "^$group:[^:]*:[0-9]+:(.*,)?treffpunkt(,|$)" "$root/etc/group" || fail "$when: treffpunkt not in group $group"
    done
    uid=$(uid_of treffpunkt)
    gid=$(gid_of treffpunkt)
    [ "$(stat_of /var/lib/treffpunkt)" = "750 $uid $gid" ] || fail "$when: /var/lib/treffpunkt is $(stat_of /var/lib/treffpunkt)"
    [ "$(stat_of /etc/treffpunkt/kiosk.toml)" = "644 0 0" ] || fail "$when: kiosk.toml is $(stat_of /etc/treffpunkt/kiosk.toml)"
    [ "$(readlink "$root/etc/systemd/system/graphical.target.wants/treffpunkt-kiosk.service")" = /lib/systemd/system/treffpunkt-kiosk.service ] ||
        fail "$when: treffpunkt-kiosk.service is not enabled"
    if [ "$expect_hub" = 1 ]; then
        grep -q '^treffpunkt-hub:' "$root/etc/passwd" || fail "$when: no user treffpunkt-hub"
        [ "$(awk -F: '$1 == "treffpunkt-hub" {print $7}' "$root/etc/passwd")" = /usr/sbin/nologin ] ||
            fail "$when: treffpunkt-hub has a login shell"
        uid=$(uid_of treffpunkt-hub)
        gid=$(gid_of treffpunkt-hub)
        [ "$(stat_of /var/lib/treffpunkt-hub)" = "750 $uid $gid" ] || fail "$when: /var/lib/treffpunkt-hub is $(stat_of /var/lib/treffpunkt-hub)"
        [ "$(stat_of /etc/treffpunkt-hub)" = "750 0 $gid" ] || fail "$when: /etc/treffpunkt-hub is $(stat_of /etc/treffpunkt-hub)"
        [ "$(stat_of /etc/treffpunkt-hub/tls)" = "750 0 $gid" ] || fail "$when: /etc/treffpunkt-hub/tls is $(stat_of /etc/treffpunkt-hub/tls)"
        [ "$(stat_of /etc/treffpunkt-hub/hub.toml)" = "640 0 $gid" ] || fail "$when: hub.toml is $(stat_of /etc/treffpunkt-hub/hub.toml)"
        [ "$(readlink "$root/etc/systemd/system/multi-user.target.wants/treffpunkt-hub.service")" = /lib/systemd/system/treffpunkt-hub.service ] ||
            fail "$when: treffpunkt-hub.service is not enabled"
    fi
    for package in treffpunkt-kiosk $([ "$expect_hub" = 1 ] && echo treffpunkt-hub); do
        [ "$(dpkg --root="$root" -s "$package" 2>/dev/null | sed -n 's/^Status: //p')" = "install ok installed" ] ||
            fail "$when: $package is not installed"
    done
    dpkg --root="$root" -s treffpunkt-kiosk | grep -q '^ /etc/treffpunkt/kiosk.toml [0-9a-f]\{32\}$' ||
        fail "$when: kiosk.toml not registered as a conffile"
}

in_root_dpkg -i "${debs[@]}"
check_installed "first installation"
sha256sum "$root/etc/passwd" "$root/etc/group" >"$work/users.first"
ok "installed: users, directories, modes, enabled units, conffiles"

# Again: nothing changes, nothing fails.
in_root_dpkg -i "${debs[@]}"
check_installed "reinstallation"
sed "s|$root||" "$work/users.first" | diff -q - <(sed "s|$root||" <(sha256sum "$root/etc/passwd" "$root/etc/group")) >/dev/null ||
    fail "reinstallation changed /etc/passwd or /etc/group"
ok "reinstallation changes nothing"

# An administrator disables the kiosk; an upgrade (here: reinstallation) must not enable it again.
rm "$root/etc/systemd/system/graphical.target.wants/treffpunkt-kiosk.service"
in_root_dpkg -i "$kiosk_deb"
[ -e "$root/etc/systemd/system/graphical.target.wants/treffpunkt-kiosk.service" ] &&
    fail "reinstallation enabled the kiosk an administrator had disabled"
ok "an administrator's disable survives reinstallation"

# --- Remove and purge ---------------------------------------------------------------------------
echo "local data" >"$root/var/lib/treffpunkt/replica.db"
in_root_dpkg -r treffpunkt-kiosk
[ -e "$root/usr/bin/treffpunkt-kiosk" ] && fail "remove left /usr/bin/treffpunkt-kiosk"
[ -f "$root/etc/treffpunkt/kiosk.toml" ] || fail "remove deleted the configuration (conffile)"
[ -f "$root/var/lib/treffpunkt/replica.db" ] || fail "remove deleted the data"
in_root_dpkg -P treffpunkt-kiosk
for path in /var/lib/treffpunkt /etc/treffpunkt /etc/default/treffpunkt-kiosk \
    /etc/systemd/system/treffpunkt-kiosk.service /lib/systemd/system/treffpunkt-kiosk.service; do
    [ -e "$root$path" ] || [ -L "$root$path" ] && fail "purge left $path"
done
grep -q '^treffpunkt:' "$root/etc/passwd" || fail "purge removed the user treffpunkt (it stays, by Debian practice)"
ok "remove keeps configuration and data; purge removes them, keeps the user"

if [ "$expect_hub" = 1 ]; then
    echo "the city's data" >"$root/var/lib/treffpunkt-hub/hub.db"
    in_root_dpkg -P treffpunkt-hub
    [ -f "$root/var/lib/treffpunkt-hub/hub.db" ] || fail "purge deleted the hub's database"
    [ -e "$root/usr/bin/treffpunkt-hub" ] && fail "purge left /usr/bin/treffpunkt-hub"
    [ -L "$root/etc/systemd/system/multi-user.target.wants/treffpunkt-hub.service" ] && fail "purge left the hub enabled"
    ok "hub purge keeps the database"
fi

host_state >"$work/host.after"
diff "$work/host.before" "$work/host.after" || fail "the host changed (scripts did not stay in DPKG_ROOT)"

if [ "$failures" -ne 0 ]; then
    echo "--- dpkg output"
    cat "$work/dpkg.out"
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"

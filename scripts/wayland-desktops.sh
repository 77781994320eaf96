#!/usr/bin/env bash
# wayland-desktops.sh [gnome] [kde]: `authdesk scan --screen` against real
# headless GNOME Shell and KWin with their own desktop portals. Not run in
# CI: it installs both desktops (about 350 MB, 490 Debian packages).
#   GNOME: gnome-shell --headless --virtual-monitor 1920x1080 with
#     xdg-desktop-portal-gnome. The screenshot permission is preset in the
#     portal's PermissionStore (table "screenshot"): "yes" gives a capture,
#     "no" (as after a click on "Deny") must give GNOME's one-line advice
#     and exit 1; no answer at all (the first-scan question that nobody
#     answers here) must give up within 10 s.
#   KDE: kwin_wayland --virtual with xdg-desktop-portal-kde, with and
#     without a Pictures folder (where KDE's portal saves its capture).
#   AUTHDESK_KDE_LOG=RULES: Qt logging rules for KWin and KDE's portal
#     (e.g. 'xdp-kde-*=true'), and a dbus-monitor log, kept with
#     AUTHDESK_KEEP=1.
# Each case prints its time; where the code is found, the wizard's "Scan my
# screen" (screens.TestWizardScanLive) prints the time from the click to the
# code in the wizard. After each, no capture may be left in /tmp or the
# home folder. Everything runs as an unprivileged user (authdesk-wl when run
# as root), in a D-Bus session of its own; every process started on that
# bus is ended by its id at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(gnome kde)
start=$(date +%s%N)
stage() { echo "-- $1 ($(( ($(date +%s%N) - start) / 1000000 )) ms)"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

pkgs="dbus-daemon dbus-bin procps qrencode swayimg libglib2.0-bin"
for d in "${want[@]}"; do
	case "$d" in
	gnome) pkgs="$pkgs gnome-shell xdg-desktop-portal xdg-desktop-portal-gnome" ;;
	kde) pkgs="$pkgs kwin-wayland xdg-desktop-portal xdg-desktop-portal-kde qtwayland5 plasma-workspace qml-module-qtquick-controls2 qml-module-qtquick-layouts qml-module-org-kde-kirigami2" ;;
	*) echo "usage: wayland-desktops.sh [gnome] [kde]" >&2; exit 2 ;;
	esac
done
missing=""
for p in $pkgs; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
	[ "$(id -u)" -eq 0 ] || fail "install as root:$missing"
	echo "installing$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
stage "packages"

user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
	user=authdesk-wl
	id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh "$user"
fi
home=$(getent passwd "$user" | cut -d: -f6)
work=$(mktemp -d /tmp/authdesk-desktops.XXXXXX)
cleanup() { if [ -n "${AUTHDESK_KEEP:-}" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
if [ -n "${AUTHDESK_BIN:-}" ]; then cp "$AUTHDESK_BIN" "$work/authdesk"; else go build -o "$work/authdesk" .; fi
go test -c -o "$work/screens.test" ./screens # the wizard's scan (TestWizardScanLive)
uri='otpauth://totp/Desktop:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Desktop'
qrencode -s 8 -m 4 -o "$work/qr.png" "$uri"
stage "built"

cat >"$work/session.sh" <<'SESSION'
set -uo pipefail
work=$1 uri=$2 desk=$3
pids=()
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# stop: every process on this bus (started by us or activated for us),
# then ours, by their ids.
stop() {
	for name in $(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.ListNames 2>/dev/null | sed -n 's/.*string "\(:[^"]*\)".*/\1/p'); do
		pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID "string:$name" 2>/dev/null | sed -n 's/.*uint32 \([0-9]*\).*/\1/p')
		[ -n "$pid" ] && [ "$pid" != $$ ] && kill "$pid" 2>/dev/null
	done
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
}
trap stop EXIT
result() { echo "RESULT $desk: $*"; }
captures() { find /tmp "$HOME" -maxdepth 3 -newer "$work/qr.png" \( -name '*.png' -o -name '*.jpg' \) -user "$(id -u)" 2>/dev/null | grep -v "^$work" | sort; }
scan() { # scan CASE: exit code, time, first line of stderr; no capture left
	local t0 code
	t0=$(date +%s%N)
	out=$(timeout 20 "$work/authdesk" scan --screen --json 2>"$work/err")
	code=$?
	local took
	took=$(ms "$t0")
	local left
	left=$(captures)
	if [ "$code" = 0 ] && grep -qF "\"text\":\"$uri\"" <<<"$out"; then
		result "$1: code found in $took ms at $(sed -n 's/.*"position":\({[^}]*}\).*/\1/p' <<<"$out" | head -1)"
	else
		result "$1: exit $code in $took ms: $(head -c 600 "$work/err")"
	fi
	[ -z "$left" ] && result "$1: no capture left" || result "$1: CAPTURE LEFT: $left"
}
wizard() { # the wizard's "Scan my screen" with this desktop's capture
	if (cd "$work" && AUTHDESK_LIVE_SCAN="Desktop: alice@example.com" ./screens.test -test.run '^TestWizardScanLive$' -test.count=1 >"$work/live.log" 2>&1); then
		grep "^wizard:" "$work/live.log" | while read -r line; do result "$line"; done
	else
		result "the wizard's scan FAILED: $(grep -v '^20[0-9][0-9]/' "$work/live.log" | grep -m3 -E 'FAIL|does not say|no button')"
	fi
	[ -z "$(captures)" ] && result "the wizard's scan: no capture left" || result "the wizard's scan: CAPTURE LEFT: $(captures)"
}
wait_wayland() {
	for _ in $(seq 1 200); do
		WAYLAND_DISPLAY=$(cd "$XDG_RUNTIME_DIR" && ls wayland-? 2>/dev/null | head -1) && [ -n "$WAYLAND_DISPLAY" ] && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
has() { dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true; }
wait_name() { for _ in $(seq 1 150); do has "$1" && return 0; sleep 0.1; done; return 1; }
show_qr() {
	swayimg "$work/qr.png" >"$work/viewer.log" 2>&1 &
	pids+=($!)
	sleep 2
}
permission() { # permission APP yes|no: the screenshot answer GNOME keeps
	gdbus call --session --dest org.freedesktop.impl.portal.PermissionStore \
		--object-path /org/freedesktop/impl/portal/PermissionStore \
		--method org.freedesktop.impl.portal.PermissionStore.SetPermission \
		screenshot true screenshot "$1" "['$2']" >/dev/null
}
forget() { # forget APP: what the README tells a person who clicked Deny
	gdbus call --session --dest org.freedesktop.impl.portal.PermissionStore \
		--object-path /org/freedesktop/impl/portal/PermissionStore \
		--method org.freedesktop.impl.portal.PermissionStore.DeletePermission \
		screenshot screenshot "$1" >/dev/null
}
export XDG_SESSION_TYPE=wayland AUTHDESK_HOME=$work/home-$desk
mkdir -p "$AUTHDESK_HOME"
unset DISPLAY

case "$desk" in
gnome)
	export XDG_CURRENT_DESKTOP=GNOME
	# GNOME Shell connects to the system bus (logind, UPower) and dies
	# without one: a private, empty one stands in.
	printf '%s\n' "<busconfig><type>system</type><listen>unix:dir=$XDG_RUNTIME_DIR</listen>" \
		'<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>' >"$work/system-bus.conf"
	dbus-daemon --config-file="$work/system-bus.conf" --nofork --nopidfile --print-address=1 >"$work/system-bus.address" &
	pids+=($!)
	for _ in $(seq 1 50); do [ -s "$work/system-bus.address" ] && break; sleep 0.1; done
	read -r DBUS_SYSTEM_BUS_ADDRESS <"$work/system-bus.address"
	export DBUS_SYSTEM_BUS_ADDRESS
	gnome-shell --headless --virtual-monitor 1920x1080 --wayland --no-x11 >"$work/gnome.log" 2>&1 &
	pids+=($!)
	wait_wayland "${pids[-1]}" || { result "gnome-shell did not start: $(tail -5 "$work/gnome.log" | tr '\n' ' ')"; exit 0; }
	export WAYLAND_DISPLAY
	dbus-update-activation-environment WAYLAND_DISPLAY XDG_CURRENT_DESKTOP XDG_SESSION_TYPE
	wait_name org.gnome.Shell.Screenshot || result "note: org.gnome.Shell.Screenshot not on the bus"
	/usr/libexec/xdg-desktop-portal-gnome -r >"$work/portal-gnome.log" 2>&1 &
	pids+=($!)
	wait_name org.freedesktop.impl.portal.desktop.gnome || result "note: xdg-desktop-portal-gnome not on the bus"
	/usr/libexec/xdg-desktop-portal -r >"$work/portal.log" 2>&1 &
	pids+=($!)
	wait_name org.freedesktop.portal.Desktop || { result "xdg-desktop-portal did not start"; exit 0; }
	show_qr
	# The portal knows a host application by its systemd scope or, from
	# 1.19, by what it registers; without either the id is "" and the
	# answer is kept for "": both are preset.
	permission io.github.authdesk.authdesk yes
	permission "" yes
	scan "permission yes"
	wizard
	permission io.github.authdesk.authdesk no
	permission "" no
	scan "permission no (Deny)"
	forget io.github.authdesk.authdesk
	forget ""
	scan "no answer yet (the first-scan question, unanswered)"
	;;
kde)
	export XDG_CURRENT_DESKTOP=KDE KDE_FULL_SESSION=true KDE_SESSION_VERSION=5
	# kwin_wayland carries the file capability cap_sys_resource, which a
	# container's bounding set may lack (exec then fails): a copy without
	# it runs the same.
	kwin=kwin_wayland
	if ! "$kwin" --version >/dev/null 2>&1; then cp /usr/bin/kwin_wayland "$work/kwin_wayland"; kwin=$work/kwin_wayland; fi
	QT_LOGGING_RULES="${AUTHDESK_KDE_LOG:-}" "$kwin" --virtual --width 1920 --height 1080 --no-lockscreen --socket wayland-9 >"$work/kwin.log" 2>&1 &
	pids+=($!)
	wait_wayland "${pids[-1]}" || { result "kwin_wayland did not start: $(tail -5 "$work/kwin.log" | tr '\n' ' ')"; exit 0; }
	export WAYLAND_DISPLAY QT_QPA_PLATFORM=wayland
	dbus-update-activation-environment WAYLAND_DISPLAY XDG_CURRENT_DESKTOP XDG_SESSION_TYPE KDE_FULL_SESSION QT_QPA_PLATFORM
	QT_LOGGING_RULES="${AUTHDESK_KDE_LOG:-}" /usr/lib/x86_64-linux-gnu/libexec/xdg-desktop-portal-kde >"$work/portal-kde.log" 2>&1 &
	pids+=($!)
	wait_name org.freedesktop.impl.portal.desktop.kde || result "note: xdg-desktop-portal-kde not on the bus"
	/usr/libexec/xdg-desktop-portal -r >"$work/portal.log" 2>&1 &
	pids+=($!)
	wait_name org.freedesktop.portal.Desktop || { result "xdg-desktop-portal did not start"; exit 0; }
	show_qr
	# KDE's portal saves into the Pictures folder and answers "cancelled"
	# when there is none (a new account before xdg-user-dirs ran): authdesk
	# makes it for the scan and removes it after.
	rm -rf "$HOME/Pictures"
	if [ -n "${AUTHDESK_KDE_LOG:-}" ]; then dbus-monitor --session >"$work/dbus.log" 2>&1 & pids+=($!); sleep 0.5; fi
	scan "one virtual output, no Pictures folder"
	[ -e "$HOME/Pictures" ] && result "Pictures folder LEFT after the scan" || result "no Pictures folder left"
	mkdir -p "$HOME/Pictures"
	scan "one virtual output, with a Pictures folder"
	wizard
	[ -z "$(ls -A "$HOME/Pictures")" ] && result "Pictures folder empty after the scan" || result "Pictures NOT EMPTY: $(ls -A "$HOME/Pictures")"
	;;
esac
for f in "$work"/*.log; do echo "== $(basename "$f") (last lines)"; tail -n 4 "$f"; done
SESSION

chown -R "$user" "$work"
for d in "${want[@]}"; do
	rt=$(mktemp -d /tmp/authdesk-desktops-rt.XXXXXX)
	chown "$user" "$rt"
	chmod 700 "$rt"
	run=(dbus-run-session -- bash "$work/session.sh" "$work" "$uri" "$d")
	if [ "$(id -u)" -eq 0 ]; then
		# GNOME Shell takes /run/systemd/seats for a running logind and
		# dies without a system bus: hide it, in a mount namespace of
		# this run only.
		unshare -m --propagation private sh -c 'mount -t tmpfs none /run/systemd 2>/dev/null; exec "$@"' sh \
			runuser -u "$user" -- env -i AUTHDESK_KDE_LOG="${AUTHDESK_KDE_LOG:-}" HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$rt" "${run[@]}" || true
	else
		env -i AUTHDESK_KDE_LOG="${AUTHDESK_KDE_LOG:-}" HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$rt" "${run[@]}" || true
	fi
	rm -rf "$rt"
	stage "$d"
done
if [ "$(id -u)" -eq 0 ]; then # zombies (Z) are ended, only not reaped
	left=$(ps -u "$user" -o pid=,stat=,comm= | awk '$2 !~ /^Z/' || true)
	[ -z "$left" ] || echo "WARNING: processes of $user still running: $left"
fi

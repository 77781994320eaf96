#!/usr/bin/env bash
# in-session.sh CMD...: run CMD inside the current D-Bus session with a real,
# unlocked Secret Service (gnome-keyring-daemon) and a virtual X display.
# Call it through dbus-run-session so that every daemon ends with CMD:
#   dbus-run-session -- scripts/in-session.sh go test ./...
set -euo pipefail

# A throw-away keyring in a temporary data folder: never the user's own
# login keyring. Its password protects only this test keyring.
export XDG_DATA_HOME
XDG_DATA_HOME=$(mktemp -d)
cleanup_data() { rm -rf "$XDG_DATA_HOME"; }
trap cleanup_data EXIT
eval "$(printf 'authdesk-test-keyring\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
for _ in $(seq 1 100); do
	if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
		break
	fi
	sleep 0.1
done
export AUTHDESK_TEST_KEYRING=1

if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null 2>&1; then
	disp=":$((90 + RANDOM % 400))"
	Xvfb "$disp" -screen 0 3840x2160x24 -nolisten tcp >/dev/null 2>&1 &
	xvfb_pid=$!
	trap 'kill $xvfb_pid 2>/dev/null || true; cleanup_data' EXIT
	export DISPLAY="$disp"
	for _ in $(seq 1 100); do
		xdpyinfo >/dev/null 2>&1 && break
		sleep 0.1
	done
	export AUTHDESK_TEST_DISPLAY=1
fi
"$@"

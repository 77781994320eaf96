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
	# -displayfd: Xvfb picks a free display number and writes it to fd 3.
	# -noreset: without it the server resets when its last client leaves,
	# and a client connecting at that moment is refused.
	dispfile="$XDG_DATA_HOME/display"
	Xvfb -displayfd 3 -screen 0 3840x2160x24 -nolisten tcp -noreset 3>"$dispfile" >/dev/null 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 1 100); do
		[ -s "$dispfile" ] && break
		sleep 0.1
	done
	disp=":$(head -1 "$dispfile")"
	trap 'kill $xvfb_pid 2>/dev/null || true; cleanup_data' EXIT
	export DISPLAY="$disp"
	for _ in $(seq 1 100); do
		xdpyinfo >/dev/null 2>&1 && break
		sleep 0.1
	done
	export AUTHDESK_TEST_DISPLAY=1
fi
"$@"

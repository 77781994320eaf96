#!/usr/bin/env bash
# itest-wayland.sh: `authdesk scan --screen` on a real Wayland compositor,
# through the real desktop portal, without XWayland.
#   sway (headless, pixman) + pipewire + xdg-desktop-portal with its wlr
#   (Screenshot, through grim) and gtk (Access) backends, all in a D-Bus
#   session of their own, as an unprivileged user (sway refuses root).
#   A QR code is shown in a swayimg window; the cases:
#     1. one 1920x1080 output: the code is found; the time of the whole
#        `scan --screen` is printed (target: under 1 s); then the wizard's
#        "Scan my screen" (screens.TestWizardScanLive) finds it, and the
#        time from the click to the code in the wizard is printed;
#     2. two outputs, the code on the one placed left of the first: found,
#        at its place in the portal's image (left half);
#     3. one output at scale 2: found;
#     4. the portal failing (grim not on its PATH: Response 2): one clear
#        line, exit 1, within 10 s;
#   and after each: no capture file left (/tmp/out.png, ~/Pictures).
# Run as root (CI) it creates the user authdesk-wl; run as another user it
# runs everything as that user. Installs what it needs through
# scripts/deps.sh wayland. AUTHDESK_BIN overrides the binary it builds.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s%N)
stage() { echo "-- $1 ($(( ($(date +%s%N) - start) / 1000000 )) ms)"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

scripts/deps.sh wayland
stage "packages"

user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
	user=authdesk-wl
	id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh "$user"
fi
home=$(getent passwd "$user" | cut -d: -f6)

work=$(mktemp -d /tmp/authdesk-wayland.XXXXXX)
rt=$(mktemp -d /tmp/authdesk-wayland-rt.XXXXXX) # the user's XDG_RUNTIME_DIR
cleanup() { rm -rf "$work" "$rt"; }
trap cleanup EXIT
chmod 755 "$work"
# xdg-desktop-portal-wlr always writes /tmp/out.png: one left by an
# earlier run (a secret) would make case 1 fail for nothing.
if [ -e /tmp/out.png ]; then
	echo "removing a capture left by an earlier run: /tmp/out.png"
	rm -f /tmp/out.png || fail "cannot remove /tmp/out.png"
fi
if [ -n "${AUTHDESK_BIN:-}" ]; then
	cp "$AUTHDESK_BIN" "$work/authdesk"
else
	go build -o "$work/authdesk" .
fi
chmod 755 "$work/authdesk"
# The wizard's "Scan my screen", with the real capture, in Fyne's test
# window (screens.TestWizardScanLive).
go test -c -o "$work/screens.test" ./screens
chmod 755 "$work/screens.test"
uri='otpauth://totp/Wayland:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Wayland'
qrencode -s 6 -m 4 -o "$work/qr.png" "$uri"
chmod 644 "$work/qr.png"
# The portal runs grim through the shell with this PATH: case 4 removes it.
mkdir "$work/tools"
ln -s "$(command -v grim)" "$work/tools/grim"
chown -R "$user" "$work" "$rt"
chmod 700 "$rt"
stage "built"

# The session, as $user: everything it starts ends with it.
cat >"$work/session.sh" <<'SESSION'
set -euo pipefail
work=$1 uri=$2
pids=()
stop() {
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop EXIT
fail() { echo "FAIL: $*" >&2; for f in sway portal wlr gtk pipewire store; do echo "== $f.log" >&2; tail -n 15 "$work/$f.log" >&2 || true; done; exit 1; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# A session bus of our own, without service files: nothing is started on
# it behind our back, so everything ends with this script.
cat >"$work/bus.conf" <<EOF
<busconfig><type>session</type><listen>unix:dir=$XDG_RUNTIME_DIR</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>
EOF
dbus-daemon --config-file="$work/bus.conf" --nofork --nopidfile --print-address=1 >"$work/bus.address" &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/bus.address" ] && break; sleep 0.1; done
read -r DBUS_SESSION_BUS_ADDRESS <"$work/bus.address"
export DBUS_SESSION_BUS_ADDRESS
export NO_AT_BRIDGE=1 GTK_A11Y=none

export XDG_CURRENT_DESKTOP=sway XDG_SESSION_TYPE=wayland
export WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 WLR_HEADLESS_OUTPUTS=1
unset DISPLAY
cat >"$work/sway.conf" <<EOF
xwayland disable
default_border none
output HEADLESS-1 mode 1920x1080 position 0 0 scale 1
EOF
sway -c "$work/sway.conf" >"$work/sway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
	sock=$(ls "$XDG_RUNTIME_DIR"/sway-ipc.*.sock 2>/dev/null | head -1) || true
	way=$(cd "$XDG_RUNTIME_DIR" && ls wayland-? 2>/dev/null | head -1) || true
	[ -n "$sock" ] && [ -n "$way" ] && break
	sleep 0.1
done
[ -n "$sock" ] && [ -n "$way" ] || fail "sway did not start"
export SWAYSOCK=$sock WAYLAND_DISPLAY=$way
/usr/libexec/xdg-permission-store -r >"$work/store.log" 2>&1 &
pids+=($!)
pipewire >"$work/pipewire.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -S "$XDG_RUNTIME_DIR/pipewire-0" ] && break; sleep 0.1; done
PATH=$work/tools /usr/libexec/xdg-desktop-portal-wlr -r >"$work/wlr.log" 2>&1 &
pids+=($!)
GDK_BACKEND=wayland /usr/libexec/xdg-desktop-portal-gtk -r >"$work/gtk.log" 2>&1 &
pids+=($!)
has() { dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true; }
for _ in $(seq 1 100); do
	has org.freedesktop.impl.portal.desktop.wlr && has org.freedesktop.impl.portal.desktop.gtk && break
	sleep 0.1
done
/usr/libexec/xdg-desktop-portal -r >"$work/portal.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do has org.freedesktop.portal.Desktop && break; sleep 0.1; done
has org.freedesktop.portal.Desktop || fail "xdg-desktop-portal did not start"

viewer=""
show_qr() { # show_qr OUTPUT: the QR code in a window on OUTPUT
	[ -n "$viewer" ] && { kill "$viewer" 2>/dev/null || true; wait "$viewer" 2>/dev/null || true; }
	swaymsg -q focus output "$1"
	swayimg "$work/qr.png" >"$work/swayimg.log" 2>&1 &
	viewer=$!
	pids+=("$viewer")
	for _ in $(seq 1 50); do
		swaymsg -t get_tree | grep -q '"app_id": "swayimg"' && break
		sleep 0.1
	done
	sleep 0.5 # drawn
}
no_capture_left() {
	[ ! -e /tmp/out.png ] || fail "$1: the capture file /tmp/out.png was left behind"
	if [ -d "$HOME/Pictures" ] && [ -n "$(ls -A "$HOME/Pictures")" ]; then fail "$1: a capture was left in ~/Pictures"; fi
}
scan() { # scan NAME: runs `scan --screen --json`, sets out, code, took
	local t0
	t0=$(date +%s%N)
	set +e
	out=$(timeout 20 "$work/authdesk" scan --screen --json 2>"$work/err")
	code=$?
	set -e
	took=$(ms "$t0")
	no_capture_left "$1"
}
found_at() { # found_at NAME: the code was found; prints its x
	[ "$code" = 0 ] || fail "$1: exit $code: $(cat "$work/err")"
	grep -qF "\"text\":\"$uri\"" <<<"$out" || fail "$1: the code was not read: $out"
	sed -n 's/.*"position":{"x":\([0-9]*\).*/\1/p' <<<"$out" | head -1
}

export AUTHDESK_HOME=$work/home
mkdir -p "$AUTHDESK_HOME"

# 1. One output.
show_qr HEADLESS-1
scan "one output"
found_at "one output" >/dev/null
echo "one output 1920x1080: found in $took ms (scan --screen, portal round trip included)"
for i in 1 2 3; do scan "one output, again"; found_at "one output, again" >/dev/null; echo "  again: $took ms"; done
(cd "$work" && AUTHDESK_LIVE_SCAN="Wayland: alice@example.com" ./screens.test -test.run '^TestWizardScanLive$' -test.count=1 >"$work/live.log" 2>&1) ||
	fail "the wizard's scan: $(grep -v '^20[0-9][0-9]/' "$work/live.log" | tail -n 20)"
grep "^wizard:" "$work/live.log" || fail "the wizard's scan printed no time"
no_capture_left "the wizard's scan"

# 2. Two outputs, the code on the one placed left.
swaymsg -q create_output
swaymsg -q output HEADLESS-2 mode 1920x1080 position 0 0 scale 1
swaymsg -q output HEADLESS-1 position 1920 0
swaymsg -t get_outputs | grep -q HEADLESS-2 || fail "no second output"
show_qr HEADLESS-2
scan "two outputs"
x=$(found_at "two outputs")
[ "$x" -lt 1920 ] || fail "two outputs: the code is at x=$x, want the left output (under 1920)"
echo "two outputs (3840x1080, code on the left one): found at x=$x in $took ms"
swaymsg -q output HEADLESS-2 disable

# 3. One output at scale 2.
swaymsg -q output HEADLESS-1 position 0 0 scale 2
show_qr HEADLESS-1
scan "scale 2"
found_at "scale 2" >/dev/null
echo "one output at scale 2: found in $took ms"
t0=$(date +%s%N)
grim "$work/parts.png"
echo "  of which grim alone: $(ms "$t0") ms ($(file -b "$work/parts.png" | cut -d, -f2))"
t0=$(date +%s%N)
"$work/authdesk" scan "$work/parts.png" >/dev/null || fail "scale 2: the capture does not decode"
echo "  and decoding its PNG alone: $(ms "$t0") ms"
rm -f "$work/parts.png"

# 4. The portal fails: grim is not on its PATH.
rm "$work/tools/grim"
scan "portal failing"
[ "$code" = 1 ] || fail "portal failing: exit $code, want 1: $(cat "$work/err")"
[ "$(wc -l <"$work/err")" = 1 ] || fail "portal failing: not one line: $(cat "$work/err")"
grep -q "screen capture refused: .*install grim" "$work/err" || fail "portal failing: unclear: $(cat "$work/err")"
[ "$took" -lt 10000 ] || fail "portal failing: took $took ms, want under 10 s"
echo "portal failing (no grim): exit 1 in $took ms: $(cat "$work/err")"
SESSION

cat >"$work/run.sh" <<'RUN'
exec bash "$1/session.sh" "$1" "$2"
RUN

run=(bash "$work/run.sh" "$work" "$uri")
if [ "$(id -u)" -eq 0 ]; then
	runuser -u "$user" -- env -i HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$rt" "${run[@]}"
else
	env -i HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$rt" "${run[@]}"
fi
stage "cases"
if [ "$(id -u)" -eq 0 ]; then # zombies (Z) are ended, only not reaped
	left=$(ps -u "$user" -o pid=,stat=,comm= | awk '$2 !~ /^Z/' || true)
	[ -z "$left" ] || fail "processes of $user are still running: $left"
fi
echo "itest-wayland: ok"

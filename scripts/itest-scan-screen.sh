#!/usr/bin/env bash
# itest-scan-screen.sh: `authdesk scan --screen` reads a real QR code shown on
# a real X display.
#   1. one head: an Xvfb of 3840x2160, a busy background, a code of 3-pixel
#      modules shown with feh; the URI and its position are checked, then the
#      message when no code is on screen.
#   2. two heads: Xorg with the dummy driver, two 1920x1080 heads side by side
#      (Xinerama); the code on the second head must come back as screen 2 at
#      its place in the virtual desktop.
# Needs Xvfb, Xorg + xserver-xorg-video-dummy (as root), qrencode, feh,
# xdotool, imagemagick, x11-utils (scripts/deps.sh test installs them).
# AUTHDESK_BIN overrides bin/authdesk; AUTHDESK_ITEST_OUT keeps screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${AUTHDESK_BIN:-bin/authdesk}
if [ ! -x "$bin" ]; then go build -o "$bin" .; fi
bin=$(realpath "$bin")

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT
out=${AUTHDESK_ITEST_OUT:-$tmp}
mkdir -p "$out"

fail() { echo "FAIL: $*" >&2; exit 1; }

free_display() {
	for n in $(seq 140 400); do
		if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then echo "$n"; return; fi
	done
	fail "no free X display number"
}

wait_display() {
	for _ in $(seq 1 150); do
		xdpyinfo -display "$1" >/dev/null 2>&1 && return 0
		kill -0 "$2" 2>/dev/null || return 1 # the server gave up (display taken?)
		sleep 0.1
	done
	return 1
}

# start_server LOG CMD...: start an X server on a free display (":N" stands
# for it in CMD), up to three numbers; sets DISPLAY.
start_server() {
	local log=$1
	shift
	for _ in 1 2 3; do
		local n
		n=$(free_display)
		"${@//:N/:$n}" >"$log" 2>&1 &
		local pid=$!
		pids+=("$pid")
		if wait_display ":$n" "$pid"; then
			export DISPLAY=":$n"
			return 0
		fi
		kill "$pid" 2>/dev/null || true
	done
	return 1
}

# scan_json: `authdesk scan --screen --json`, again for up to 5 s until it
# finds a code (a window may take a moment to paint under load).
scan_json() {
	local out
	for _ in $(seq 1 10); do
		if out=$("$bin" scan --screen --json 2>/dev/null); then
			printf '%s\n' "$out"
			return 0
		fi
		sleep 0.5
	done
	"$bin" scan --screen --json
}

# show FILE X Y: show an image at X,Y (no window manager: no frame) and wait
# until its window is mapped; sets shown to feh's pid.
show() {
	feh --no-menus --borderless --geometry "+$2+$3" "$1" >/dev/null 2>&1 &
	local pid=$!
	pids+=("$pid")
	timeout 10 xdotool search --sync --onlyvisible --pid "$pid" >/dev/null ||
		fail "feh did not show $1"
	sleep 0.3 # let it paint
	shown=$pid
}

# check_found OUT SCREEN X Y: one JSON line for $uri on SCREEN at X,Y (+-3).
check_found() {
	local json=$1 screen=$2 x=$3 y=$4
	[ "$(printf '%s\n' "$json" | wc -l)" -eq 1 ] || fail "want one code, got: $json"
	printf '%s' "$json" | grep -qF "\"uri\":\"$uri\"" || fail "URI not found in: $json"
	printf '%s' "$json" | grep -qF "\"screen\":$screen," || fail "want screen $screen in: $json"
	local gx gy
	gx=$(printf '%s' "$json" | sed -n 's/.*"position":{"x":\(-\{0,1\}[0-9]*\),"y":\(-\{0,1\}[0-9]*\).*/\1/p')
	gy=$(printf '%s' "$json" | sed -n 's/.*"position":{"x":\(-\{0,1\}[0-9]*\),"y":\(-\{0,1\}[0-9]*\).*/\2/p')
	[ -n "$gx" ] && [ $((gx - x)) -le 3 ] && [ $((x - gx)) -le 3 ] &&
		[ $((gy - y)) -le 3 ] && [ $((y - gy)) -le 3 ] ||
		fail "code at $gx,$gy, want $x,$y: $json"
}

ms() { echo $(($(date +%s%N) / 1000000)); }

# The account a portal would show; printed back as authdesk exports it.
uri='otpauth://totp/Portal:bob@example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Portal&algorithm=SHA1&digits=6&period=30'
module=3
qrencode -s "$module" -m 4 -o "$tmp/qr.png" "$uri"
quiet=$((4 * module))
# A busy desktop: 8-pixel blocks of random colours.
convert -size 480x270 xc: +noise Random -scale 800% "$tmp/bg.png"

echo "== one head: Xvfb 3840x2160"
start_server "$tmp/xvfb.log" Xvfb :N -screen 0 3840x2160x24 -nolisten tcp ||
	fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
show "$tmp/bg.png" 0 0
show "$tmp/qr.png" 2900 1500
qr_pid=$shown
import -window root "$out/scan-screen-xvfb.png"

json=$(scan_json) || fail "scan --screen --json exited $? (want 0): $json"
check_found "$json" 1 $((2900 + quiet)) $((1500 + quiet))
t0=$(ms)
got=$("$bin" scan --screen) || fail "scan --screen exited $? (want 0)"
t1=$(ms)
[ "$got" = "$uri" ] || fail "scan --screen printed '$got', want '$uri'"
echo "ok: found on screen 1 at $((2900 + quiet)),$((1500 + quiet)) ($((t1 - t0)) ms for the whole command)"

kill "$qr_pid"
for _ in $(seq 1 50); do # until the window is gone
	xdotool search --onlyvisible --pid "$qr_pid" >/dev/null 2>&1 || break
	sleep 0.1
done
sleep 0.3
set +e
msg=$("$bin" scan --screen 2>&1 >/dev/null)
code=$?
set -e
[ "$code" -eq 1 ] || fail "no code on screen: exit $code, want 1 ($msg)"
case "$msg" in
"authdesk scan: no QR code found on 1 screen: is the portal window visible"*) echo "ok: $msg" ;;
*) fail "no code on screen: message '$msg'" ;;
esac

echo "== two heads: Xorg, dummy driver, 2 x 1920x1080 side by side"
if [ "$(id -u)" -ne 0 ]; then
	fail "the two-head test runs Xorg with its own config, which needs root"
fi
command -v Xorg >/dev/null || fail "Xorg is missing (xserver-xorg-core)"
[ -e /usr/lib/xorg/modules/drivers/dummy_drv.so ] || fail "the dummy driver is missing (xserver-xorg-video-dummy)"
mkdir -p "$tmp/xorg.conf.d"
cat >"$tmp/xorg.conf.d/10-flags.conf" <<'EOF'
Section "ServerFlags"
	Option "DontVTSwitch" "true"
	Option "AutoAddDevices" "false"
	Option "AutoEnableDevices" "false"
EndSection
EOF
{
	cat <<'EOF'
Section "ServerFlags"
	Option "Xinerama" "on"
	Option "PciForceNone" "true"
	Option "AllowMouseOpenFail" "true"
EndSection
EOF
	for i in 0 1; do
		cat <<EOF
Section "Monitor"
	Identifier "mon$i"
	HorizSync 5.0-1000.0
	VertRefresh 5.0-200.0
	Modeline "1920x1080" 148.50 1920 2008 2052 2200 1080 1084 1089 1125 +hsync +vsync
EndSection
Section "Device"
	Identifier "card$i"
	Driver "dummy"
	VideoRam 65536
EndSection
Section "Screen"
	Identifier "head$i"
	Device "card$i"
	Monitor "mon$i"
	DefaultDepth 24
	SubSection "Display"
		Depth 24
		Modes "1920x1080"
		Virtual 1920 1080
	EndSubSection
EndSection
EOF
	done
	cat <<'EOF'
Section "ServerLayout"
	Identifier "two-heads"
	Screen 0 "head0" 0 0
	Screen 1 "head1" RightOf "head0"
EndSection
EOF
} >"$tmp/xorg.conf"
start_server "$tmp/xorg.out" Xorg :N -config "$tmp/xorg.conf" -configdir "$tmp/xorg.conf.d" \
	-noreset -nolisten tcp -logfile "$tmp/Xorg.log" ||
	fail "Xorg did not start: $(grep '(EE)' "$tmp/Xorg.log" "$tmp/xorg.out" 2>/dev/null | head -5)"
grep -q "Using config directory: \"$tmp/xorg.conf.d\"" "$tmp/Xorg.log" ||
	fail "Xorg did not read $tmp/xorg.conf.d: $(grep -i 'config dir' "$tmp/Xorg.log")"
heads=$(xdpyinfo -ext XINERAMA | grep -c '^  head #') || true
[ "$heads" -eq 2 ] || fail "Xorg shows $heads heads, want 2: $(xdpyinfo -ext XINERAMA | grep -A3 XINERAMA)"
show "$tmp/bg.png" 0 0
show "$tmp/bg.png" 1920 0
show "$tmp/qr.png" 2500 400
import -window root "$out/scan-screen-xorg-two-heads.png"

json=$(scan_json) || fail "scan --screen on two heads exited $?: $json"
check_found "$json" 2 $((2500 + quiet)) $((400 + quiet))
echo "ok: found on screen 2 at $((2500 + quiet)),$((400 + quiet)) of the virtual desktop"
echo "itest-scan-screen: all passed"

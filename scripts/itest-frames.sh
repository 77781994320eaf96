#!/usr/bin/env bash
# itest-frames.sh: frames drawn in part look exactly like frames drawn whole.
# The Fyne fork draws only what changed since the last frame where the back
# buffer can be kept (docs/fyne-fork.md). With 20 accounts unlocked, at
# moments where the screen has just changed in part (the countdown each
# second, new codes at the 30 s roll-over, after a scroll, after typing a
# search and clearing it), the window's pixels must equal the pixels of a
# whole frame, forced right after by unmapping and mapping the window, in the same second
# (scripts/frames-check.sh):
#   1. under Xvfb (Mesa's software GLX: frames shown with glXCopySubBufferMESA);
#   2. under XWayland in headless sway (pixman), as GNOME and KDE users run
#      authdesk, as an unprivileged user (sway refuses root; as root the
#      user authdesk-wl is created, as in itest-wayland.sh). Skipped with a
#      line when sway or Xwayland is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d /tmp/authdesk-frames.XXXXXX)
pids=()
xdisp=""
cleanup() {
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
	# What runs as the other user (sway, authdesk) is not a child of ours to
	# kill: everything started from $tmp, then sway's Xwayland.
	pkill -TERM -f "$tmp/" 2>/dev/null || true
	if [ -n "$xdisp" ]; then
		pkill -TERM -f "Xwayland :$xdisp " 2>/dev/null || true
		sleep 0.5
		rm -f "/tmp/.X11-unix/X$xdisp" "/tmp/.X$xdisp-lock"
	fi
	rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp"; }
}
trap cleanup EXIT
chmod 755 "$tmp"
go build -o "$tmp/authdesk" .
go build -o "$tmp/demo" ./scripts/measure/demo
cp scripts/frames-check.sh "$tmp/"
printf 'frames-password\n' >"$tmp/pw"
chmod 644 "$tmp/pw"

# 1. Xvfb
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$tmp/display" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
disp=":$(head -1 "$tmp/display")"
for _ in $(seq 1 100); do DISPLAY=$disp xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
"$tmp/demo" -home "$tmp/home-x" -n 20 -password-file "$tmp/pw"
DISPLAY=$disp "$tmp/frames-check.sh" "$tmp/authdesk" "$tmp/home-x" "$tmp/pw" full

# 2. XWayland in sway
if ! command -v sway >/dev/null || ! command -v Xwayland >/dev/null; then
	echo "itest-frames: XWayland skipped (no sway or Xwayland: bash scripts/deps.sh test installs them)"
	exit 0
fi
user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
	user=authdesk-wl
	id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh "$user"
fi
as_user() { if [ "$(id -un)" = "$user" ]; then "$@"; else runuser -u "$user" -- "$@"; fi; }
rt="$tmp/rt"
mkdir -m 700 "$rt" "$tmp/user"
"$tmp/demo" -home "$tmp/home-w" -n 20 -password-file "$tmp/pw"
printf 'xwayland enable\ndefault_border none\noutput HEADLESS-1 mode 1280x1024 position 0 0 scale 1\n' >"$tmp/sway.conf"
chown -R "$user" "$tmp/rt" "$tmp/user" "$tmp/home-w"
chmod 644 "$tmp/sway.conf"
ls /tmp/.X11-unix/ 2>/dev/null | sort >"$tmp/x-before" || true
as_user env -i PATH="$PATH" HOME="$tmp/user" XDG_RUNTIME_DIR="$rt" WLR_BACKENDS=headless WLR_RENDERER=pixman \
	WLR_LIBINPUT_NO_DEVICES=1 WLR_HEADLESS_OUTPUTS=1 sway -c "$tmp/sway.conf" >"$tmp/sway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do ls "$rt"/wayland-? >/dev/null 2>&1 && break; sleep 0.1; done
# sway's Xwayland listens on a new X socket of the user's (and starts on the
# first client).
for _ in $(seq 1 100); do
	for s in $(ls /tmp/.X11-unix/ 2>/dev/null | sort | comm -13 "$tmp/x-before" -); do
		[ "$(stat -c %U "/tmp/.X11-unix/$s")" = "$user" ] && xdisp=${s#X} && break
	done
	[ -n "$xdisp" ] && break
	sleep 0.1
done
[ -n "$xdisp" ] || { echo "itest-frames: sway started no Xwayland" >&2; tail -20 "$tmp/sway.log" >&2; exit 1; }
as_user env -i PATH="$PATH" HOME="$tmp/user" XDG_RUNTIME_DIR="$rt" DISPLAY=":$xdisp" TMPDIR=/tmp \
	"$tmp/frames-check.sh" "$tmp/authdesk" "$tmp/home-w" "$tmp/pw" short

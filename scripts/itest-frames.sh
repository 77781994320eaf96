#!/usr/bin/env bash
# itest-frames.sh: frames drawn in part look exactly like frames drawn whole.
# The Fyne fork draws only what changed since the last frame when the back
# buffer is kept (docs/fyne-fork.md). Under Xvfb, with 20 accounts unlocked,
# at moments where the screen has just changed in part (the countdown each
# second, new codes at the 30 s roll-over, after a scroll, after typing a
# search and clearing it), the window's pixels must equal the pixels of a
# whole frame, forced right after by an Expose (xrefresh), in the same second.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
go build -o "$tmp/authdesk" .
go build -o "$tmp/demo" ./scripts/measure/demo

Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$tmp/display" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -1 "$tmp/display")"
for _ in $(seq 1 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

printf 'frames-password\n' >"$tmp/pw"
"$tmp/demo" -home "$tmp/home" -n 20 -password-file "$tmp/pw"
AUTHDESK_HOME="$tmp/home" dbus-run-session -- "$tmp/authdesk" >"$tmp/log" 2>&1 &
pids+=($!)
win=""
for _ in $(seq 1 300); do
	win=$(xdotool search --onlyvisible --name '^authdesk$' 2>/dev/null | head -1) && [ -n "$win" ] && break
	sleep 0.1
done
[ -n "$win" ] || { echo "itest-frames: the window did not appear" >&2; cat "$tmp/log" >&2; exit 1; }
sleep 1
xdotool type --delay 10 "frames-password"
xdotool key Return
sleep 3

# in_second FROM TO: waits until the clock's fraction of a second is in [FROM, TO) ms.
in_second() {
	while :; do
		local ms=$((10#$(date +%N) / 1000000))
		[ "$ms" -ge "$1" ] && [ "$ms" -lt "$2" ] && return
		sleep 0.01
	done
}

checked=0
# check NAME: the window as last drawn (in part) against the same second drawn whole.
check() {
	local try
	for try in 1 2 3 4 5; do
		in_second 300 450
		local s; s=$(date +%s)
		import -window "$win" "$tmp/part.png"
		xrefresh -d "$DISPLAY"
		sleep 0.15
		import -window "$win" "$tmp/whole.png"
		[ "$(date +%s)" = "$s" ] || continue # a tick came between: try again
		local diff; diff=$(compare -metric AE "$tmp/part.png" "$tmp/whole.png" "$tmp/diff.png" 2>&1 || true)
		if [ "$diff" != "0" ]; then
			cp "$tmp/part.png" "/tmp/itest-frames-$1-part.png"
			cp "$tmp/whole.png" "/tmp/itest-frames-$1-whole.png"
			echo "itest-frames: $1: $diff pixels differ from a whole frame (/tmp/itest-frames-$1-*.png)" >&2
			exit 1
		fi
		echo "itest-frames: $1: same as a whole frame"
		checked=$((checked + 1))
		sleep 1.2 # let the next frames be drawn in part again
		return
	done
	echo "itest-frames: $1: could not take both pictures within one second" >&2
	exit 1
}

check "countdown"
check "countdown again"
# The 30 s roll-over: new codes in every row.
while [ $(( $(date +%s) % 30 )) -ne 29 ]; do sleep 0.2; done
sleep 1
check "new codes"
xdotool mousemove --window "$win" 200 300 click 5 click 5 click 5
sleep 1.5
check "scrolled"
xdotool key ctrl+f
xdotool type --delay 20 "account 01"
# An entry left 10 s without typing loses the focus (and its blinking cursor)
# at the next look, which comes every 5 s: up to 15 s.
sleep 16
check "searched"
xdotool key ctrl+f ctrl+a BackSpace
sleep 16
check "search cleared"
echo "itest-frames: ok ($checked moments drawn in part, each the same as a whole frame)"

#!/usr/bin/env bash
# frames-check.sh BIN HOME PWFILE SCENES: on $DISPLAY, start authdesk BIN on
# the demo profile in HOME, unlock it with the password in PWFILE, and at
# each scene compare the window as last drawn (in part) with the same second
# drawn whole (unmapped and mapped again, which sends it an Expose). SCENES: "full" (countdown,
# a row's menu open and closed, a row moved down, new codes at the roll-over,
# scrolled, searched, search cleared) or "short" (countdown, new codes,
# scrolled). Used by scripts/itest-frames.sh.
set -euo pipefail
bin=$1 home=$2 pwfile=$3 scenes=$4
tmp=$(mktemp -d)
app=""
cleanup() {
	if [ -n "$app" ]; then # dbus-run-session, then authdesk and its bus
		pkill -TERM -P "$app" 2>/dev/null || true
		kill "$app" 2>/dev/null || true
		wait "$app" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
name=frames-$(basename "$DISPLAY" | tr -d ':')

AUTHDESK_HOME="$home" dbus-run-session -- "$bin" >"$tmp/log" 2>&1 &
app=$!
win=""
for _ in $(seq 1 300); do
	win=$(xdotool search --onlyvisible --name '^authdesk$' 2>/dev/null | head -1) && [ -n "$win" ] && break
	sleep 0.1
done
[ -n "$win" ] || { echo "$name: the window did not appear" >&2; cat "$tmp/log" >&2; exit 1; }
sleep 1
xdotool windowfocus "$win" 2>/dev/null || true
# Typed from a file: the password is in no process's arguments.
head -1 "$pwfile" | tr -d '\n' >"$tmp/typed"
xdotool type --delay 10 --file "$tmp/typed"
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
# check SCENE: the window as last drawn (in part) against the same second drawn whole.
check() {
	local try
	for try in 1 2 3 4 5 6 7 8; do
		# The tick comes a few ms after the second and is drawn within about
		# 20 ms; unmapping and mapping under sway can take a few hundred.
		in_second 120 250
		local s; s=$(date +%s)
		import -window "$win" "$tmp/part.png"
		# Mapped again, the window gets an Expose and draws a whole frame.
		# (xrefresh's Expose does not reach a window under XWayland, which
		# keeps its own copy of each window.)
		xdotool windowunmap --sync "$win"
		xdotool windowmap --sync "$win"
		sleep 0.25
		import -window "$win" "$tmp/whole.png"
		[ "$(date +%s)" = "$s" ] || continue # a tick came between: try again
		local diff; diff=$(compare -metric AE "$tmp/part.png" "$tmp/whole.png" "$tmp/diff.png" 2>&1 || true)
		if [ "$diff" != "0" ]; then
			local keep="${TMPDIR:-/tmp}/$name-${1// /-}"
			cp "$tmp/part.png" "$keep-part.png"
			cp "$tmp/whole.png" "$keep-whole.png"
			echo "$name: $1: $diff pixels differ from a whole frame ($keep-*.png)" >&2
			exit 1
		fi
		local tries=""
		[ "$try" -gt 1 ] && tries=" (try $try: a tick came between before)"
		echo "$name: $1: same as a whole frame$tries"
		checked=$((checked + 1))
		sleep 1.2 # let the next frames be drawn in part again
		return
	done
	echo "$name: $1: could not take both pictures within one second" >&2
	exit 1
}

check "countdown"
if [ "$scenes" = full ]; then
	check "countdown again"
	# The second row's menu (its button at the right end of the row, in the
	# window's first size), closed; then opened again for "Move down".
	xdotool mousemove --window "$win" 538 154 click 1
	sleep 0.8
	check "menu open"
	xdotool key Escape
	sleep 0.8
	check "menu closed"
	xdotool mousemove --window "$win" 538 154 click 1
	sleep 0.5
	xdotool key Down Down Down Down Down Return
	sleep 0.8
	check "moved down"
fi
# The 30 s roll-over: new codes in every row.
while [ $(($(date +%s) % 30)) -ne 29 ]; do sleep 0.2; done
sleep 1
check "new codes"
xdotool mousemove --window "$win" 200 300 click 5 click 5 click 5
sleep 1.5
check "scrolled"
if [ "$scenes" = full ]; then
	xdotool key ctrl+f
	xdotool type --delay 20 "account 01"
	# An entry left 10 s without typing loses the focus (and its blinking
	# cursor) at the next look, which comes every 5 s: up to 15 s.
	sleep 16
	check "searched"
	xdotool key ctrl+f ctrl+a BackSpace
	sleep 16
	check "search cleared"
fi
echo "$name: ok ($checked moments drawn in part, each the same as a whole frame)"

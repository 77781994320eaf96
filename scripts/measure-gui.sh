#!/usr/bin/env bash
# measure-gui.sh: idle CPU of the unlocked window with 20 and 200 accounts
# over 30 s, resident memory with 500 accounts, and the time from start to
# the lock screen, side by side with a static Fyne window of the same size,
# all under one Xvfb in one run. Prints a table. (make measure-gui)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${MEASURE_SECONDS:-30}
go build -o bin/authdesk . && go build -o bin/staticwin ./scripts/measure/staticwin && go build -o bin/demo ./scripts/measure/demo
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$tmp/display" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
disp=":$(head -1 "$tmp/display")"
export DISPLAY=$disp
for _ in $(seq 1 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
printf 'measure-password\n' >"$tmp/pw"

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)
cpu_pct() { # pid seconds
	local a b; a=$(ticks "$1"); sleep "$2"; b=$(ticks "$1")
	awk -v d=$((b - a)) -v hz="$hz" -v s="$2" 'BEGIN{printf "%.1f", 100*d/hz/s}'
}
wait_window() { # name -> prints ms since $start
	for _ in $(seq 1 1000); do
		if xdotool search --onlyvisible --name "^$1\$" >/dev/null 2>&1; then
			echo $(( ($(date +%s%N) - start) / 1000000 )); return
		fi
		sleep 0.01
	done
	echo "timeout"
}

# The static window.
start=$(date +%s%N)
./bin/staticwin & sp=$!; pids+=($sp)
static_up=$(wait_window staticwin)
sleep 2
static_cpu=$(cpu_pct $sp "$secs")
static_rss=$(rss_mb $sp)
kill $sp

run_case() { # accounts [demo flags] -> "up_ms cpu rss"
	local n=$1 extra=${2:-} home="$tmp/h$1${2:-}"
	./bin/demo -home "$home" -n "$n" -password-file "$tmp/pw" $extra
	start=$(date +%s%N)
	AUTHDESK_HOME="$home" dbus-run-session -- ./bin/authdesk >/dev/null 2>&1 &
	local dp=$!; pids+=($dp)
	local up; up=$(wait_window authdesk)
	sleep 1
	xdotool type --delay 10 "measure-password"; xdotool key Return
	sleep 3
	local ap; ap=$(pgrep -f -n '^./bin/authdesk$')
	local cpu; cpu=$(cpu_pct "$ap" "$secs")
	local rss; rss=$(rss_mb "$ap")
	kill "$ap" 2>/dev/null || true
	wait "$dp" 2>/dev/null || true
	echo "$up $cpu $rss"
}
read -r up20 cpu20 rss20 < <(run_case 20)
read -r up200 cpu200 rss200 < <(run_case 200)
read -r up500 cpu500 rss500 < <(run_case 500)
read -r upk cpuk rssk < <(run_case 20 -real-kdf)

printf '\n%-34s %12s %10s %10s\n' "window (idle ${secs} s, Xvfb)" "up (ms)" "CPU %" "RSS (MB)"
printf '%-34s %12s %10s %10s\n' "static Fyne window" "$static_up" "$static_cpu" "$static_rss"
printf '%-34s %12s %10s %10s\n' "authdesk, 20 accounts unlocked" "$up20" "$cpu20" "$rss20"
printf '%-34s %12s %10s %10s\n' "authdesk, 200 accounts unlocked" "$up200" "$cpu200" "$rss200"
printf '%-34s %12s %10s %10s\n' "authdesk, 500 accounts unlocked" "$up500" "$cpu500" "$rss500"
printf '%-34s %12s %10s %10s\n' "authdesk, 20, real Argon2id unlock" "$upk" "$cpuk" "$rssk"

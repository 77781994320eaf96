#!/usr/bin/env bash
# itest-link-handoff.sh: a clicked otpauth:// link never stays in a
# long-lived process's arguments. The real binary under Xvfb:
#  1. no window yet: `authdesk LINK` exits at once and a new window starts
#     with the link on its stdin; after the unlock the wizard holds it and
#     saves it;
#  2. a window running: `authdesk LINK` hands the link over and exits, no
#     second window; `authdesk` alone exits too;
#  3. at every step no process's command line holds the key.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/bin/authdesk
[ -x "$bin" ] || go build -o "$bin" .

tmp=$(mktemp -d)
xvfb_pid=""
cleanup() {
	pkill -f -- "$bin --link-on-stdin" 2>/dev/null || true
	pkill -f -- "^$bin\$" 2>/dev/null || true
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "itest-link-handoff: $*" >&2; [ -f "$tmp/shot.png" ] && cp "$tmp/shot.png" /tmp/itest-link-handoff-fail.png; exit 1; }

export AUTHDESK_HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run"
mkdir -m 700 "$AUTHDESK_HOME" "$XDG_RUNTIME_DIR"
pwf="$tmp/pw"
printf 'handoff-test-password\n' >"$pwf"
"$bin" vault init --store file --password-file "$pwf" >/dev/null
# No clock check against a public time server from a test machine.
printf '{"auto_lock":300000000000,"clipboard_clear":30000000000,"theme":"system","clock_check":false}\n' \
	>"$AUTHDESK_HOME/profiles/default/settings.json"

Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp -noreset 3>"$tmp/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -1 "$tmp/display")"
for _ in $(seq 1 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# Fresh keys, so that no other process can hold them by chance.
key1=$(head -c 20 /dev/urandom | base32 | tr -d '=')
key2=$(head -c 20 /dev/urandom | base32 | tr -d '=')
link1="otpauth://totp/Bank:alice?secret=$key1&issuer=Bank"
link2="otpauth://totp/Fabrikam:bob?secret=$key2&issuer=Fabrikam"

# no_key_in_argv: no process's arguments hold either key. (The pattern is
# split so that this grep's own arguments do not match.)
no_key_in_argv() {
	local hits
	hits=$(grep -la -e "${key1%?}[${key1: -1}]" -e "${key2%?}[${key2: -1}]" /proc/[0-9]*/cmdline 2>/dev/null || true)
	[ -z "$hits" ] || fail "$1: a process holds the key in its arguments: $hits"
}
windows() { pgrep -f -- "$bin( --link-on-stdin)?\$" | wc -l; }
ms() { date +%s%N | cut -b1-13; }

# 1. No window: the link goes to a new window through its stdin.
t0=$(ms)
timeout 10 "$bin" "$link1" || fail "the first start with a link failed"
t1=$(ms)
echo "itest-link-handoff: the start with the link exited after $((t1 - t0)) ms"
win=""
for _ in $(seq 1 300); do
	win=$(xdotool search --onlyvisible --name '^authdesk$' 2>/dev/null | head -1 || true)
	[ -n "$win" ] && break
	sleep 0.1
done
[ -n "$win" ] || fail "no window appeared for the link"
echo "itest-link-handoff: the new window appeared after $(($(ms) - t1)) ms"
pgrep -f -- "$bin --link-on-stdin" >/dev/null || fail "the window was not started with --link-on-stdin"
no_key_in_argv "a window started for a link"

# save_in_wizard NAME: save the account the wizard holds, and wait for it
# in the vault. The bottom-right button is "Next" on the name step and "Save device" on
# the code step: clicking it until the account is saved goes through both,
# however long a busy machine takes to show them.
save_in_wizard() {
	local name=$1
	eval "$(xdotool getwindowgeometry --shell "$win")"
	for _ in $(seq 1 30); do
		sleep 2
		"$bin" vault list --password-file "$pwf" 2>/dev/null | grep -q "^$name	" && return 0
		xdotool mousemove --window "$win" $((WIDTH - 45)) $((HEIGHT - 22)) click 1
	done
	import -window root "$tmp/shot.png" || true
	fail "the account $name from the link was not saved"
}

# Unlock: the password entry has the focus on the lock screen.
sleep 1
xdotool type --window "$win" --delay 20 "handoff-test-password"
xdotool key --window "$win" Return
t2=$(ms)
save_in_wizard Bank
echo "itest-link-handoff: the link's account was saved $(($(ms) - t2)) ms after the unlock"

# 2. A window runs: the link is handed over, no second window.
t0=$(ms)
timeout 10 "$bin" "$link2" || fail "the second start with a link failed"
echo "itest-link-handoff: the hand-over to the running window took $(($(ms) - t0)) ms"
no_key_in_argv "a link handed to the running window"
[ "$(windows)" -eq 1 ] || fail "$(windows) windows run after the hand-over, want 1"
save_in_wizard Fabrikam

timeout 10 "$bin" || fail "a plain second start failed"
[ "$(windows)" -eq 1 ] || fail "$(windows) windows run after a plain second start, want 1"
no_key_in_argv "the end"
echo "itest-link-handoff: ok (a new window took the link on stdin, the running one took the next, one window, no key in any process's arguments)"

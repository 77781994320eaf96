#!/usr/bin/env bash
# itest-cli.sh: the built binary keeps the command-line contract: exit codes,
# one-line errors on stderr (no library noise, even under LANG=C), codes on
# stdout and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./bin/authdesk
fail() { echo "itest-cli: $*" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export LANG=C

check() { # check WANT_EXIT WANT_STDOUT STDERR_LINES STDIN ARGS...
	local want=$1 wout=$2 lines=$3 in=$4; shift 4
	set +e
	printf '%s' "$in" | "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	set -e
	[ "$got" = "$want" ] || fail "$* exited $got, want $want (stderr: $(cat "$tmp/err"))"
	[ -z "$wout" ] || [ "$(cat "$tmp/out")" = "$wout" ] || fail "$* printed '$(cat "$tmp/out")', want '$wout'"
	[ "$(wc -l <"$tmp/err")" = "$lines" ] || fail "$* wrote $(wc -l <"$tmp/err") stderr lines, want $lines: $(cat "$tmp/err")"
	if grep -q "JBSWY3DP" "$tmp/err"; then fail "$* leaked the key on stderr"; fi
}

uri='otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'
check 0 528064 0 "$uri" code --at 2009-11-10T23:00:00Z -
check 0 528064 0 "$uri" code --at 1257894000 -
# A link as an argument still works, with a one-line warning (other users
# could read it in the process list).
check 0 528064 1 "" code --at 2009-11-10T23:00:00Z "$uri"
grep -q "process list; pass links on standard input with '-'" "$tmp/err" || fail "a link as an argument gave no warning"
check 2 "" 1 "" code 'otpauth://totp/x?secret=JBSWY3DPEHPK3PX0'
check 2 "" 1 "JBSWY3DPEHPK3PXP" JBSWY3DPEHPK3PXP
check 2 "" 1 "" code --at tomorrow "$uri"
check 2 "" 1 "" frobnicate
check 0 "" 0 "" --help
check 0 "" 0 "" help code
grep -q "Usage: authdesk code" "$tmp/out" || fail "help code printed no usage"
echo "itest-cli: ok"

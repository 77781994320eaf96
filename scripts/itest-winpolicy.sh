#!/usr/bin/env bash
# itest-winpolicy.sh: the Windows policy (HKLM, then HKCU
# Software\Policies\authdesk) under Wine 10, in the Debian 13 root that
# scripts/wine-root.sh caches for itest-windows.sh. Runs only when that root
# exists (itest-windows.sh, which sorts before this script, makes it);
# otherwise the registry reading is covered by app/policy's unit tests.
#   - app/policy's Windows test against Wine's registry: the machine's values
#     win, the user's add to them, REG_EXPAND_SZ expanded, a bad DWORD read
#     strictly;
#   - the release .exe with `reg add` values (a 60 s lock, clear-text export
#     off, a 12-character minimum): a short password refused at vault init,
#     `vault export --format uris` refused in one line naming the key;
#   - portable mode: the exe beside an authdesk-data folder, vault init/add/
#     list, leaves the registry (where Wine keeps the Credential Manager's
#     items) and C:\users exactly as they were.
# Needs root (chroot, mount namespaces); skipped otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "itest-winpolicy: FAIL: $*" >&2; exit 1; }
say() { echo "itest-winpolicy: $*" >&2; }
t0=$(date +%s)
stage_start=$t0
stage() {
	local now
	now=$(date +%s)
	say "$1 ($((now - stage_start)) s)"
	stage_start=$now
}

root=${AUTHDESK_WINE_ROOT:-/var/cache/authdesk/wine-root}
if [ "$(id -u)" -ne 0 ]; then
	say "skipped: Wine runs in a root that needs chroot"
	exit 0
fi
if [ ! -f "$root/.authdesk-stamp" ] || [ ! -d "$root/opt/authdesk-prefix" ]; then
	say "skipped: no Wine root in $root (scripts/wine-root.sh makes it; itest-windows.sh runs it)"
	exit 0
fi

version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml | head -n 1)
bash scripts/package.sh windows >/dev/null
exe=dist/authdesk-$version-windows-amd64.exe
[ -f "$exe" ] || fail "package.sh made no $exe"
work=$(mktemp -d /tmp/authdesk-winpolicy.XXXXXX)
cleanup() {
	[ -n "${wineserver_up:-}" ] && w wineserver -k >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -o "$work/policy.test.exe" ./app/policy
cp "$exe" "$work/authdesk.exe"
cp -a --reflink=auto "$root/opt/authdesk-prefix" "$work/prefix"
stage "exe, test binary and a fresh prefix"

# w [VAR=VALUE...] CMD...: CMD in the root, in a private mount namespace with
# /proc, /dev and $work at /work (Z:\work for Windows). No display: these
# are console programs.
w() {
	unshare --mount --propagation private sh -c '
		r=$1; wk=$2; shift 2
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		mkdir -p "$r/work"
		mount --bind "$wk" "$r/work"
		exec chroot "$r" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
			WINEPREFIX=/work/prefix WINEDEBUG=-all "$@"
	' sh "$root" "$work" "$@"
}
win() { w /usr/lib/wine/wine64 "$@"; }
w wineserver -p >/dev/null 2>&1
wineserver_up=1
win cmd /c exit >/dev/null 2>&1 || true
stage "wineserver up"

if ! w AUTHDESK_TEST_REGISTRY=1 /usr/lib/wine/wine64 /work/policy.test.exe -test.v -test.run '^TestSystemReadsTheRegistry$' >"$work/policy.log" 2>&1; then
	tail -n 30 "$work/policy.log" >&2
	fail "app/policy tests under Wine"
fi
grep -q -- '--- PASS: TestSystemReadsTheRegistry' "$work/policy.log" || fail "the registry test did not run: $(grep -- '---' "$work/policy.log" | head -n 5)"
stage "app/policy reads Wine's registry (HKLM over HKCU, REG_EXPAND_SZ, a bad DWORD strictly)"

key='HKLM\Software\Policies\authdesk'
for v in 'lock_after_seconds 60' 'allow_cleartext_export 0' 'password_min_length 12'; do
	set -- $v
	win reg add "$key" /v "$1" /t REG_DWORD /d "$2" /f >/dev/null 2>&1 || fail "reg add $1"
done
printf 'short pw\r\n' >"$work/short"
printf 'a long enough password\r\n' >"$work/pw"
mkdir -p "$work/home"
wa() { w AUTHDESK_HOME='Z:\work\home' /usr/lib/wine/wine64 /work/authdesk.exe "$@"; }
wa vault init --store file --password-file 'Z:\work\short' >/dev/null 2>"$work/err" &&
	fail "vault init accepted a password shorter than the policy's 12 characters"
grep -q 'password_min_length' "$work/err" || fail "the short password's refusal: $(cat "$work/err")"
wa vault init --store file --password-file 'Z:\work\pw' >/dev/null 2>"$work/err" || fail "vault init: $(cat "$work/err")"
rc=0
wa vault export --format uris --password-file 'Z:\work\pw' >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" -eq 1 ] && [ ! -s "$work/out" ] || fail "vault export --format uris under the registry policy: exit $rc, $(wc -c <"$work/out") bytes out"
tr -d '\r' <"$work/err" >"$work/err1"
[ "$(wc -l <"$work/err1")" -eq 1 ] && grep -qF 'allow_cleartext_export is false in HKLM\Software\Policies\authdesk' "$work/err1" ||
	fail "the refusal is not one line naming the key: $(cat "$work/err1")"
rc=0
wa vault export --format authdesk --password-file 'Z:\work\pw' >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" -eq 0 ] && [ -s "$work/out" ] || fail "the encrypted backup was refused: $(cat "$work/err")"
stage "authdesk.exe under reg add values: short password and clear-text export refused, backup allowed"

# Portable mode under Wine: the exe beside an authdesk-data folder leaves the
# registry (Credential Manager items included: Wine keeps them there) and
# the user's folders exactly as they were.
mkdir -p "$work/stick/authdesk-data"
cp "$work/authdesk.exe" "$work/stick/authdesk.exe"
regs() { # regs TAG: export HKCU and HKLM\Software
	win reg export HKCU "Z:\\work\\hkcu-$1.reg" /y >/dev/null 2>&1 || fail "reg export HKCU"
	win reg export 'HKLM\Software' "Z:\\work\\hklm-$1.reg" /y >/dev/null 2>&1 || fail "reg export HKLM"
}
users() { (cd "$work/prefix/drive_c/users" && find . -printf '%p %y %s\n' | LC_ALL=C sort); }
regs before
users >"$work/users-before"
link='otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example'
ws() { w /usr/lib/wine/wine64 /work/stick/authdesk.exe "$@"; }
ws vault init --password-file 'Z:\work\pw' >"$work/out" 2>&1 || fail "portable vault init: $(cat "$work/out")"
grep -q 'file store' "$work/out" || fail "portable vault init did not choose the file store: $(cat "$work/out")"
printf '%s\r\n' "$link" >"$work/link"
# (password and link both from files: the password file, then the link on stdin)
w sh -c 'cat /work/link | /usr/lib/wine/wine64 /work/stick/authdesk.exe vault add --name Mail --password-file "Z:\work\pw" -' >/dev/null 2>"$work/err" || fail "portable vault add: $(cat "$work/err")"
list=$(ws vault list --password-file 'Z:\work\pw' 2>"$work/err" | tr -d '\r') || fail "portable vault list: $(cat "$work/err")"
[ "$list" = "$(printf 'Mail\tExample\ttotp')" ] || fail "portable vault list printed: $list"
regs after
users >"$work/users-after"
for f in hkcu hklm; do
	if ! cmp -s "$work/$f-before.reg" "$work/$f-after.reg"; then
		diff <(iconv -f UTF-16 -t UTF-8 "$work/$f-before.reg") <(iconv -f UTF-16 -t UTF-8 "$work/$f-after.reg") | head -n 20 >&2 || true
		fail "portable mode changed the registry ($f)"
	fi
done
cmp -s "$work/users-before" "$work/users-after" || { diff "$work/users-before" "$work/users-after" | head -n 20 >&2; fail "portable mode wrote under C:\\users"; }
[ -f "$work/stick/authdesk-data/profiles/default/vault.json" ] || fail "no vault in the stick's authdesk-data"
stage "portable exe: vault init/add/list, registry (HKCU, HKLM\\Software) and C:\\users unchanged"
# Control: the same exe without the folder writes under C:\users and makes
# Credential Manager items in the registry, so both checks can fail.
w /usr/lib/wine/wine64 /work/authdesk.exe vault init --password-file 'Z:\work\pw' >/dev/null 2>"$work/err" || fail "control vault init: $(cat "$work/err")"
w sh -c 'cat /work/link | /usr/lib/wine/wine64 /work/authdesk.exe vault add --name Mail --password-file "Z:\work\pw" -' >/dev/null 2>"$work/err" || fail "control vault add: $(cat "$work/err")"
regs control
users >"$work/users-control"
cmp -s "$work/hkcu-before.reg" "$work/hkcu-control.reg" && fail "the control run left HKCU as it was: the registry check cannot see a change"
cmp -s "$work/users-before" "$work/users-control" && fail "the control run wrote nothing under C:\\users: the check cannot see a change"
stage "control: the installed exe changes HKCU (Credential Manager) and C:\\users"
say "all checks passed in $(($(date +%s) - t0)) s"

#!/usr/bin/env bash
# itest-windows.sh: the Windows build under Wine 10 (a Debian 13 root made
# by scripts/wine-root.sh and cached in /var/cache/authdesk/wine-root), on a
# private Xvfb that the root sees through /tmp/.X11-unix:
#   - Go tests cross-compiled for Windows: the LockFileEx profile lock, the
#     session-lock window, the clipboard's history hints, the instance channel
#   - the release exe: `code` on the RFC 6238 vectors; `vault init/add/list/
#     code/passwd` with the Credential Manager store; two processes adding 20
#     accounts each at once, all 40 kept; `scan --screen` of a QR code shown
#     on the display; the GUI: lock screen, unlock by typed password, the
#     code it copies equals oathtool's
#   - the MSI: silent install, otpauth registered, the installed exe runs, a
#     newer MSI upgrades it and an older one is refused, silent uninstall
#     leaves nothing under Program Files and the user's data in place
# Prints each stage's time. Needs root (debootstrap, chroot, mount
# namespaces); skipped otherwise. AUTHDESK_WINE_KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
fail() { echo "itest-windows: FAIL: $*" >&2; exit 1; }
say() { echo "itest-windows: $*"; }
start=$(date +%s)
last=$start
stage() {
	local now
	now=$(date +%s)
	say "$1 ($((now - last)) s)"
	last=$now
}

if [ "$(id -u)" -ne 0 ]; then
	say "skipped: the Wine root needs root (debootstrap, chroot, mount namespaces)"
	exit 0
fi
bash scripts/deps.sh test
root=$(bash scripts/wine-root.sh)
stage "wine root ready ($(cat "$root/.authdesk-wine-version" 2>/dev/null))"

version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml | head -n 1)
bash scripts/package.sh windows msi >/dev/null
exe=dist/authdesk-$version-windows-amd64.exe
msi=dist/authdesk-$version-windows-amd64.msi
[ -f "$exe" ] && [ -f "$msi" ] || fail "package.sh made no exe or msi"
stage "exe $(stat -c %s "$exe") bytes, msi $(stat -c %s "$msi") bytes"

work=$(mktemp -d /tmp/authdesk-wine.XXXXXX)
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	[ -n "${wineserver_up:-}" ] && w wineserver -k >/dev/null 2>&1 || true
	if [ "${AUTHDESK_WINE_KEEP:-}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

for p in vault desktop clipboard instance scan; do
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -o "$work/$p.test.exe" "./app/$p"
done
cp "$exe" "$work/authdesk.exe"
cp "$msi" "$work/authdesk.msi"
stage "go test binaries for windows"

# A fresh prefix each run, from the root's pristine one.
cp -a --reflink=auto "$root/opt/authdesk-prefix" "$work/prefix"
stage "prefix copied"

# A private display; the root sees it through its socket.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp -noreset 3>"$work/display" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n 1 "$work/display")"
for _ in $(seq 1 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# w [VAR=VALUE...] CMD...: run CMD in the root, in a private mount namespace
# with /proc, /dev, the X socket and $work at /work (Z:\work for Windows).
w() {
	unshare --mount --propagation private sh -c '
		r=$1; wk=$2; shift 2
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		mkdir -p "$r/tmp/.X11-unix" "$r/work"
		mount --bind /tmp/.X11-unix "$r/tmp/.X11-unix"
		mount --bind "$wk" "$r/work"
		exec chroot "$r" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 DISPLAY="$DISPLAY" \
			WINEPREFIX=/work/prefix WINEDEBUG=-all "$@"
	' sh "$root" "$work" "$@"
}
win() { w /usr/lib/wine/wine64 "$@"; }

# One wineserver for the whole run (each start would otherwise pay for it).
w wineserver -p >/dev/null 2>&1
wineserver_up=1
win cmd /c exit >/dev/null 2>&1 || true
stage "wineserver up, display $DISPLAY"

# --- Go tests built for Windows ------------------------------------------
genv=(LANG=C.UTF-8) # extra environment of the test binaries
gotest() { # gotest PKG [ARGS...]
	local p=$1
	shift
	if ! w "${genv[@]}" /usr/lib/wine/wine64 "/work/$p.test.exe" "$@" >"$work/$p.log" 2>&1; then
		tail -n 30 "$work/$p.log" >&2
		fail "go test of app/$p under Wine"
	fi
	say "app/$p tests pass under Wine: $(grep -c '^--- PASS' "$work/$p.log" || true) top-level tests"
}
gotest vault -test.v -test.run 'ProfileLock|LockHelper|Concurrent'
gotest desktop -test.v
gotest clipboard -test.v
# Left out: TestGarbageIsIgnoredAndServingGoesOn dials the Unix socket
# itself, and TestConcurrentSendersAllArrive counts the messages handled
# right after the last ack, which Serve sends before it handles a message.
gotest instance -test.v -test.skip 'TestGarbageIsIgnoredAndServingGoesOn|TestConcurrentSendersAllArrive'
# Wine shows one monitor here (Xvfb has no side-by-side heads; on Xorg's
# dummy driver with Xinerama, Wine 10 reports both heads at the primary's
# rectangle), so this checks the one: captured whole at its own pixels.
genv=(AUTHDESK_TEST_MONITORS=1)
gotest scan -test.v -test.run '^TestGDICapturesEachMonitor$'

stage "go tests under Wine"

# --- code: RFC 6238 appendix B -------------------------------------------
rfc() { # rfc BASE32 ALGORITHM T WANT
	local got
	got=$(printf 'otpauth://totp/RFC6238?secret=%s&algorithm=%s&digits=8' "$1" "$2" |
		win /work/authdesk.exe code --at "$3" - 2>"$work/err") || fail "code --at $3 ($2) failed: $(cat "$work/err")"
	[ "$got" = "$4" ] || fail "code --at $3 ($2) printed '$got', want $4"
}
k1=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
k256=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA
k512=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA
rfc $k1 SHA1 59 94287082
rfc $k1 SHA1 1111111109 07081804
rfc $k1 SHA1 1234567890 89005924
rfc $k1 SHA1 20000000000 65353130
rfc $k256 SHA256 59 46119246
rfc $k256 SHA256 2000000000 90698825
rfc $k512 SHA512 59 90693936
rfc $k512 SHA512 20000000000 47863826
stage "code: 8 RFC 6238 vectors"

# --- vault with the Credential Manager ------------------------------------
printf 'wine test password\n' >"$work/pw"
printf 'another wine password\n' >"$work/pw2"
pw='Z:\work\pw'
vault() { win /work/authdesk.exe vault "$@"; }
vault init --store keyring --password-file "$pw" >/dev/null 2>"$work/err" || fail "vault init: $(cat "$work/err")"
secret=JBSWY3DPEHPK3PXP
link="otpauth://totp/Example:alice?secret=$secret&issuer=Example"
printf '%s\n' "$link" | vault add --name alice --password-file "$pw" - >/dev/null 2>"$work/err" ||
	fail "vault add: $(cat "$work/err")"
[ "$(vault list --password-file "$pw" 2>/dev/null)" = "$(printf 'alice\tExample\ttotp')" ] || fail "vault list: $(vault list --password-file "$pw" 2>&1)"
samecode() { # samecode CMD...: CMD prints oathtool's current code (retried once at a step's edge)
	local i got want
	for i in 1 2; do
		want=$(oathtool --totp -b "$secret")
		got=$("$@" 2>"$work/err") || fail "$*: $(cat "$work/err")"
		[ "$got" = "$want" ] && [ "$(oathtool --totp -b "$secret")" = "$want" ] && return 0
	done
	fail "$* printed '$got', oathtool '$want'"
}
samecode vault code alice --password-file "$pw"
vault passwd --password-file "$pw" --new-password-file 'Z:\work\pw2' >/dev/null 2>"$work/err" || fail "vault passwd: $(cat "$work/err")"
if vault code alice --password-file "$pw" >/dev/null 2>&1; then fail "the old password still opens the vault"; fi
samecode vault code alice --password-file 'Z:\work\pw2'
mv "$work/pw2" "$work/pw"
creds=$(win reg query 'HKCU\Software\Wine\Credential Manager' 2>/dev/null | grep -c 'Generic: ' || true)
[ "$creds" -ge 1 ] || fail "no item in the Credential Manager (Wine keeps them under HKCU\\Software\\Wine\\Credential Manager)"
stage "vault init/add/list/code/passwd, $creds Credential Manager items"

# --- two processes adding 20 accounts each at once ------------------------
for side in a b; do
	for i in $(seq -w 1 20); do
		printf 'otpauth://totp/Par:%s%s?secret=%s&issuer=Par\n' "$side" "$i" "$(printf '%s%s' "$side" "$i" | base32 | tr -d '=')"
	done >"$work/$side.txt"
done
vault import --password-file "$pw" 'Z:\work\a.txt' >"$work/a.out" 2>&1 &
ia=$!
vault import --password-file "$pw" 'Z:\work\b.txt' >"$work/b.out" 2>&1 &
ib=$!
wait "$ia" || fail "import a: $(cat "$work/a.out")"
wait "$ib" || fail "import b: $(cat "$work/b.out")"
n=$(vault list --password-file "$pw" 2>/dev/null | grep -c '	Par	' || true)
[ "$n" = 40 ] || fail "$n of the 40 accounts two processes added at once are in the vault"
stage "two processes adding 20 accounts each at once: all 40 kept"

# --- scan --screen of a QR code on the display ----------------------------
qrencode -s 6 -o "$work/qr.png" "$link"
feh --no-fehbg -x -g +700+120 "$work/qr.png" &
pids+=($!)
for _ in $(seq 1 50); do xdotool search --class feh >/dev/null 2>&1 && break; sleep 0.1; done
sleep 0.5
got=$(win /work/authdesk.exe scan --screen 2>"$work/err") || fail "scan --screen: $(cat "$work/err")"
[ "$got" = "$link" ] || fail "scan --screen found '$got'"
kill "${pids[-1]}" 2>/dev/null || true
stage "scan --screen read the QR code Xvfb shows"

# --- the GUI: lock screen, unlock, the right code -------------------------
t_gui=$(date +%s.%N)
win /work/authdesk.exe >"$work/gui.log" 2>&1 &
pids+=($!)
wid=
for _ in $(seq 1 300); do
	wid=$(xdotool search --onlyvisible --name '^authdesk' 2>/dev/null | head -n 1 || true)
	[ -n "$wid" ] && break
	sleep 0.1
done
[ -n "$wid" ] || fail "the GUI showed no window in 30 s: $(tail -n 5 "$work/gui.log")"
t_mapped=$(date +%s.%N)
# The lock screen is drawn once the window holds more than a blank fill
# (text, the field, the blue button: hundreds of colours).
t_drawn=
for _ in $(seq 1 100); do
	import -window "$wid" "$work/gui-locked.png" 2>/dev/null || true
	if [ "$(convert "$work/gui-locked.png" -format %k info: 2>/dev/null || echo 0)" -gt 16 ]; then
		t_drawn=$(date +%s.%N)
		break
	fi
	sleep 0.1
done
[ -n "$t_drawn" ] || fail "the GUI's window stayed blank for 10 s"
lockscreen=$(awk -v a="$t_gui" -v b="$t_mapped" -v c="$t_drawn" 'BEGIN { printf "%.1f s to a mapped window, %.1f s to the lock screen drawn", b - a, c - a }')
say "start to lock screen: $lockscreen"
sleep 0.5
xdotool windowfocus --sync "$wid" 2>/dev/null || true
xdotool type --delay 40 "$(cat "$work/pw")"
xdotool key Return
# Down selects the first row once the list shows; Ctrl+C copies its code
# (again, without moving, when a step's edge fell between the two reads).
# (The clipboard may hold a code of the Go tests above: not the app's.)
before=$(xclip -o -selection clipboard 2>/dev/null || true)
ok=
selected=
for _ in $(seq 1 40); do
	sleep 0.5
	if [ -z "$selected" ]; then xdotool key Down ctrl+c; else xdotool key ctrl+c; fi
	sleep 0.3
	want=$(oathtool --totp -b "$secret")
	got=$(xclip -o -selection clipboard 2>/dev/null || true)
	if [ "$got" = "$want" ]; then ok=1; break; fi
	[[ "$got" =~ ^[0-9]{6}$ && "$got" != "$before" ]] && selected=1
done
import -window root "$work/gui-unlocked.png"
[ -n "$ok" ] || fail "the unlocked GUI copied '$got', oathtool says '$want' (screens: $work/gui-*.png with AUTHDESK_WINE_KEEP=1)"
# The hints are read by a Windows program right after a fresh copy. (xclip's
# reads above go through Wine's X11 clipboard bridge, which can leave Wine's
# own clipboard with only part of the formats for a moment: so the check
# copies again, without xclip in between, up to three times.)
# Wine's bridge can also be caught mid-way (a prefix of the formats): the
# reader tries again, without a new copy, for a few seconds.
hinted=
for try in 1 2 3 4 5 6 7 8 9; do
	case $try in 1 | 4 | 7) xdotool key ctrl+c ;; esac
	sleep 0.7
	if w AUTHDESK_TEST_EXPECT_HINTS=1 /usr/lib/wine/wine64 /work/clipboard.test.exe -test.run '^TestAppCopyHasHints$' >"$work/hints.log" 2>&1; then
		hinted=1
		break
	fi
done
[ -n "$hinted" ] || fail "the app's copy lacks the clipboard-history hints: $(tail -n 5 "$work/hints.log")"
stage "GUI: unlocked by typed password; the code it copies is oathtool's, with the history hints"

# A clicked link starts a second authdesk: it hands the link to the running
# window over the instance pipe and exits; no second window.
t2=$(date +%s)
printf '' | win /work/authdesk.exe "otpauth://totp/Second:bob?secret=KRSXG5CTMVRXEZLU&issuer=Second" >/dev/null 2>"$work/err" &
second=$!
for _ in $(seq 1 60); do kill -0 "$second" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$second" 2>/dev/null; then
	kill "$second" 2>/dev/null || true
	fail "the second start is still running after 30 s: $(cat "$work/err")"
fi
wait "$second" || fail "the second start failed: $(cat "$work/err")"
sleep 1
n=$(xdotool search --onlyvisible --name '^authdesk' 2>/dev/null | wc -l)
[ "$n" = 1 ] || fail "$n authdesk windows after a second start"
import -window root "$work/gui-handoff.png"
stage "a second start handed its link to the window and exited in $(($(date +%s) - t2)) s"

# Win+L as Windows reports it: WM_WTSSESSION_CHANGE/WTS_SESSION_LOCK to the
# app's watcher window. The app locks and clears the code it copied (still
# there: it clears after 30 s).
[ -n "$(xclip -o -selection clipboard 2>/dev/null)" ] || fail "no code on the clipboard before the lock"
w AUTHDESK_TEST_POST_LOCK=1 /usr/lib/wine/wine64 /work/desktop.test.exe -test.run '^TestPostLockToApp$' >"$work/post.log" 2>&1 ||
	fail "posting the session lock: $(tail -n 5 "$work/post.log")"
cleared=
for _ in $(seq 1 20); do
	sleep 0.25
	if [ -z "$(xclip -o -selection clipboard 2>/dev/null)" ]; then cleared=1; break; fi
done
import -window root "$work/gui-session-locked.png"
[ -n "$cleared" ] || fail "the session lock did not lock the app (the copied code is still on the clipboard)"
kill "${pids[-1]}" 2>/dev/null || true
stage "session lock (WTS_SESSION_LOCK) locked the app and cleared the clipboard"

# --- the MSI --------------------------------------------------------------
win msiexec /i 'Z:\work\authdesk.msi' /qn >/dev/null 2>&1 || fail "msiexec /i /qn failed"
installed="$work/prefix/drive_c/Program Files/authdesk/authdesk.exe"
[ -f "$installed" ] || fail "no authdesk.exe under Program Files after the install"
cmp -s "$installed" "$work/authdesk.exe" || fail "the installed exe is not the packaged one"
reg=$(win reg query 'HKCR\otpauth\shell\open\command' 2>/dev/null | tr -d '\r')
grep -qF '"C:\Program Files\authdesk\authdesk.exe" "%1"' <<<"$reg" || fail "otpauth is not registered: $reg"
win reg query 'HKCR\otpauth' /v 'URL Protocol' >/dev/null 2>&1 || fail "HKCR\\otpauth has no 'URL Protocol' value"
find "$work/prefix/drive_c" -name 'authdesk.lnk' -path '*Start Menu*' | grep -q . || fail "no Start menu shortcut"
win 'C:\Program Files\authdesk\authdesk.exe' --help >"$work/help" 2>&1 || fail "the installed exe's --help failed"
grep -q 'authdesk' "$work/help" || fail "the installed exe's --help printed: $(head -n 3 "$work/help")"
products() { # the DisplayVersion of every installed product named authdesk
	win reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' |
		awk '/^HKEY/ { if (n == "authdesk") print v; n = v = "" } $1 == "DisplayName" { n = $3 } $1 == "DisplayVersion" { v = $3 } END { if (n == "authdesk") print v }'
}
[ "$(products)" = "$version" ] || fail "installed versions after the install: '$(products | tr '\n' ' ')', want $version"
# A newer MSI (the same one, version + 1) replaces it; the older one is
# then refused; one product stays registered.
IFS=. read -r major minor patch <<<"$version"
newer=$major.$minor.$((patch + 1))
mkdir -p "$work/msi2"
cp "$work/authdesk.exe" "$work/msi2/authdesk.exe"
cp assets/icon.ico "$work/msi2/authdesk.ico"
(cd "$work/msi2" && wixl -a x64 -D Version="$newer" -D Exe=authdesk.exe -D Icon=authdesk.ico -o ../newer.msi "$repo/packaging/windows/authdesk.wxs")
win msiexec /i 'Z:\work\newer.msi' /qn >/dev/null 2>&1 || fail "the newer MSI did not install over the older"
[ "$(products)" = "$newer" ] || fail "after the upgrade the installed versions are '$(products | tr '\n' ' ')', want $newer"
if win msiexec /i 'Z:\work\authdesk.msi' /qn >/dev/null 2>&1; then fail "the older MSI installed over the newer"; fi
[ "$(products)" = "$newer" ] || fail "after the refused downgrade: '$(products | tr '\n' ' ')'"
win msiexec /x 'Z:\work\newer.msi' /qn >/dev/null 2>&1 || fail "msiexec /x /qn failed"
[ ! -e "$work/prefix/drive_c/Program Files/authdesk" ] || fail "Program Files\\authdesk is left after the uninstall"
if win reg query 'HKCR\otpauth' >/dev/null 2>&1; then fail "HKCR\\otpauth is left after the uninstall"; fi
[ -z "$(products)" ] || fail "a product is still registered after the uninstall: $(products)"
if find "$work/prefix/drive_c" -name 'authdesk.lnk' | grep -q .; then fail "the Start menu shortcut is left"; fi
[ "$(vault list --password-file "$pw" 2>/dev/null | wc -l)" = 41 ] || fail "the uninstall touched the user's vault"
stage "msi: silent install, otpauth registered, --help from Program Files, upgrade to $newer, downgrade refused, clean uninstall, the vault kept"

say "ok in $(($(date +%s) - start)) s"

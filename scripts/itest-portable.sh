#!/usr/bin/env bash
# itest-portable.sh: portable mode with the real binary. authdesk is copied
# into a "stick" folder beside a fresh authdesk-data folder and run, with a
# fresh HOME, inside a D-Bus session with a real Secret Service and Xvfb
# (scripts/in-session.sh): vault init, add, list, code, rename, and the
# window started (its title must say "portable"). Then:
#   - HOME is exactly as it was (every file's path, mode and SHA-256);
#   - the keychain holds no item (secret-tool, and the count of every
#     collection's items), while a control run of the same binary without
#     the folder writes under its HOME and makes one, so the checks can fail;
#   - everything is in authdesk-data: the vault, its items as files;
#   - a symlink to the program elsewhere still finds the folder;
#   - --store keyring is refused there, in one line.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
fail() { echo "itest-portable: FAIL: $*" >&2; exit 1; }
say() { echo "itest-portable: $*" >&2; }
start=$(date +%s)

if [ -z "${AUTHDESK_PORTABLE_IN_SESSION:-}" ]; then
	for t in dbus-run-session gnome-keyring-daemon secret-tool; do
		command -v "$t" >/dev/null || { bash scripts/deps.sh test; break; }
	done
	work=$(mktemp -d)
	trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
	go build -o "$work/stick/authdesk" .
	say "built the binary ($(( $(date +%s) - start )) s)"
	AUTHDESK_PORTABLE_IN_SESSION=$work dbus-run-session -- scripts/in-session.sh bash "$0"
	say "passed in $(( $(date +%s) - start )) s"
	exit 0
fi

work=$AUTHDESK_PORTABLE_IN_SESSION
stick=$work/stick
data=$stick/authdesk-data
mkdir -p "$data"
chmod 700 "$data"
home=$work/home
mkdir -p "$home/.config" "$home/Documents"
printf 'export PS1=x\n' >"$home/.bashrc"
printf 'notes\n' >"$home/Documents/notes.txt"
pwfile=$work/pw
printf '%s\n' 'portable stick password' >"$pwfile"
chmod 600 "$pwfile"
link='otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example'

# run BIN ARGS...: authdesk with the fresh HOME and no relocation.
run() {
	env -u AUTHDESK_HOME -u XDG_CONFIG_HOME -u XDG_CACHE_HOME HOME="$home" "$@"
}
snapshot() { (cd "$home" && find . -printf '%p %y %m\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum); }
# items: how many items every Secret Service collection holds.
items() {
	local n=0 c
	for c in $(dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
		org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Service string:Collections |
		grep -o '/org/freedesktop/secrets/collection/[A-Za-z0-9_]*'); do
		n=$((n + $(dbus-send --session --print-reply --dest=org.freedesktop.secrets "$c" \
			org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Items |
			grep -c 'object path' || true)))
	done
	echo "$n"
}
service() { printf 'authdesk/%s/%s' "$(printf '%s' "$1" | sha256sum | cut -c1-12)" "$2"; }

before=$(snapshot)
items_before=$(items)

a="$stick/authdesk"
run "$a" vault init --password-file "$pwfile" >"$work/out" 2>&1 || fail "vault init: $(cat "$work/out")"
grep -q 'file store' "$work/out" || fail "vault init did not choose the file store: $(cat "$work/out")"
printf '%s\n' "$link" | run "$a" vault add --name Mail --password-file "$pwfile" - >/dev/null 2>"$work/err" || fail "vault add: $(cat "$work/err")"
printf '%s\n' "$link" | run "$a" vault add --name VPN --password-file "$pwfile" - >/dev/null 2>"$work/err" || fail "vault add: $(cat "$work/err")"
run "$a" vault rename --password-file "$pwfile" VPN "Office VPN" >/dev/null 2>"$work/err" || fail "vault rename: $(cat "$work/err")"
list=$(run "$a" vault list --password-file "$pwfile" 2>"$work/err") || fail "vault list: $(cat "$work/err")"
[ "$list" = "$(printf 'Mail\tExample\ttotp\nOffice VPN\tExample\ttotp')" ] || fail "vault list printed: $list"
code=$(run "$a" vault code --password-file "$pwfile" Mail 2>"$work/err") || fail "vault code: $(cat "$work/err")"
[[ "$code" =~ ^[0-9]{6}$ ]] || fail "vault code printed '$code'"
# A wrong password: the backoff state is written too (into the stick).
printf 'wrong\n' | run "$a" vault list --password-file - >/dev/null 2>&1 && fail "a wrong password was accepted"
# Through a symlink elsewhere: the real program's folder counts.
mkdir -p "$work/bin"
ln -s "$a" "$work/bin/authdesk"
run "$work/bin/authdesk" vault list --password-file "$pwfile" >"$work/out2" 2>&1 || fail "through a symlink: $(cat "$work/out2")"
[ "$(cat "$work/out2")" = "$list" ] || fail "through a symlink the list is: $(cat "$work/out2")"
# The keychain is refused in portable mode, in one line.
if run "$a" vault init --profile other --store keyring --password-file "$pwfile" >/dev/null 2>"$work/err"; then
	fail "vault init --store keyring was accepted in portable mode"
fi
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q 'portable' "$work/err" || fail "the refusal of --store keyring: $(cat "$work/err")"
say "vault init/add/rename/list/code in portable mode"

# The window: its title says portable; Fyne's preferences and the font and
# shader caches go to the stick too.
if [ -n "${DISPLAY:-}" ] && command -v xdotool >/dev/null; then
	run "$a" >"$work/gui.log" 2>&1 &
	gui=$!
	title=""
	for _ in $(seq 1 150); do
		title=$(xdotool search --name '^authdesk' getwindowname 2>/dev/null | head -n 1 || true)
		[ -n "$title" ] && break
		sleep 0.2
	done
	sleep 2 # let it draw (fonts, shaders) and write what it writes
	kill "$gui" 2>/dev/null || true
	wait "$gui" 2>/dev/null || true
	[ "$title" = "authdesk (portable)" ] || fail "window title '$title', want 'authdesk (portable)'; log: $(tail -n 3 "$work/gui.log")"
	[ -d "$data/host" ] || fail "the window kept nothing of the toolkit in authdesk-data/host"
	say "the window is titled '$title'; the toolkit's files in authdesk-data/host"
else
	say "no display or xdotool: the window's title is not checked"
fi

after=$(snapshot)
if [ "$before" != "$after" ]; then
	diff <(echo "$before") <(echo "$after") | head -n 20 >&2
	fail "HOME changed"
fi
say "HOME unchanged ($(echo "$before" | grep -c ' f ' || true) files, $(echo "$before" | grep -c ' d ' || true) folders: paths, modes and SHA-256 compared)"

[ "$(items)" = "$items_before" ] || fail "the keychain holds $(items) items, $items_before before"
for svc in "$(service "$data" default)" "$(service "$home/.config/authdesk" default)"; do
	found=$(secret-tool search --all --unlock service "$svc" 2>&1 || true)
	[ -z "$found" ] || fail "a keychain item of service $svc: $found"
done
[ -f "$data/profiles/default/vault.json" ] || fail "no vault.json in authdesk-data"
[ "$(find "$data/profiles/default/items" -type f | wc -l)" -ge 2 ] || fail "the accounts are not files in authdesk-data"
say "no keychain item; vault, items and backoff in authdesk-data ($(find "$data" -type f | wc -l) files)"

# Control: the same program without the folder, in another fresh HOME,
# writes under that HOME and makes a keychain item: the checks above can
# see both.
mkdir -p "$work/installed"
cp "$a" "$work/installed/authdesk"
ctl=$work/ctlhome
mkdir -m 700 "$ctl"
ctlrun() { env -u AUTHDESK_HOME -u XDG_CONFIG_HOME HOME="$ctl" "$work/installed/authdesk" "$@"; }
ctlrun vault init --password-file "$pwfile" >/dev/null 2>"$work/err" || fail "control init: $(cat "$work/err")"
printf '%s\n' "$link" | ctlrun vault add --name Mail --password-file "$pwfile" - >/dev/null 2>"$work/err" || fail "control add: $(cat "$work/err")"
[ -f "$ctl/.config/authdesk/profiles/default/vault.json" ] || fail "the control run wrote no vault under its HOME"
[ "$(items)" -gt "$items_before" ] || fail "the control run made no keychain item: the check cannot see one"
[ -n "$(secret-tool search --all --unlock service "$(service "$ctl/.config/authdesk" default)" 2>/dev/null)" ] || fail "secret-tool does not find the control run's item"
say "control: without authdesk-data the same binary writes under HOME and uses the keychain ($(items) items): the checks see both"

#!/usr/bin/env bash
# screenshots.sh [OUTDIR]: start the real binary under Xvfb, first with no
# profile, then with a demo profile, and save PNGs of the first run, the lock
# screen, the code list, the add-device wizard, the settings and the guided
# mode (default OUTDIR: docs/screenshots).
# Run it through `make screenshots` (inside dbus-run-session).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
mkdir -p "$out"
bin=./bin/authdesk
[ -x "$bin" ] || go build -o "$bin" .

tmp=$(mktemp -d)
app_pid=""; xvfb_pid=""
cleanup() {
	[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp -noreset 3>"$tmp/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
disp=":$(head -1 "$tmp/display")"
export DISPLAY=$disp
for _ in $(seq 1 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

win=""
start_app() { # start the app with AUTHDESK_HOME=$1 and wait for its window
	AUTHDESK_HOME="$1" "$bin" >"$tmp/app.log" 2>&1 &
	app_pid=$!
	win=""
	for _ in $(seq 1 150); do
		win=$(xdotool search --onlyvisible --name '^authdesk$' 2>/dev/null | head -1 || true)
		[ -n "$win" ] && break
		sleep 0.1
	done
	[ -n "$win" ] || { echo "screenshots: the window did not appear" >&2; cat "$tmp/app.log" >&2; exit 1; }
}
shot() { sleep 1.5; import -window "$win" "$out/$1.png"; echo "screenshots: $out/$1.png"; }

# The first run, with no profile yet.
start_app "$tmp/empty"
shot first-run
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true

export AUTHDESK_HOME="$tmp/home"
pw="$tmp/pw"
printf 'demo-password-1\n' >"$pw"
chmod 600 "$pw"
v() { "$bin" vault "$@" --profile demo --store file --password-file "$pw"; }
v init
# No clock check against a public time server from a test machine.
printf '{"auto_lock":300000000000,"clipboard_clear":30000000000,"theme":"system","clock_check":false}\n' \
	>"$AUTHDESK_HOME/profiles/demo/settings.json"
# Demo keys only: made up for these pictures.
v add --name "work PC" 'otpauth://totp/Contoso%20Mail:alice@contoso.example?secret=HIWNBLBBTMBV6H5HJTJHAEOSFPLEERR&issuer=Contoso%20Mail'
v add --name "VPN" 'otpauth://totp/Fabrikam%20VPN:alice?secret=JBSWY3DPEHPK3PXP&issuer=Fabrikam%20VPN'
v add --name "Bank token" 'otpauth://totp/Woodgrove%20Bank:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Woodgrove%20Bank&digits=8'
v add --name "Tax portal" 'otpauth://hotp/Tax%20Office:AL-2231?secret=7KSQL2JTUDIS5EF65KLMRQIIGY&issuer=Tax%20Office&counter=4'

start_app "$AUTHDESK_HOME"
shot lock
xdotool type --delay 20 "demo-password-1"; xdotool key Return
sleep 1
shot codes
xdotool key ctrl+n; sleep 0.5
xdotool type --delay 20 "work laptop"; xdotool key Return
shot wizard
xdotool key Escape
xdotool key ctrl+comma
shot settings
xdotool key Escape
# The guided (help-desk) mode at its code step.
xdotool key ctrl+n; sleep 0.5
xdotool key Tab; sleep 0.2; xdotool key space; sleep 0.5
xdotool type --delay 20 "front desk PC"; xdotool key Return; sleep 0.5
shot guided-step2
xdotool key Tab Tab Tab Tab; sleep 0.2; xdotool key space; sleep 0.5
xdotool type --delay 20 "JBSW Y3DP EHPK 3PXP"; xdotool key Return
shot guided-code

#!/usr/bin/env bash
# itest-gui-smoke.sh: the real binary starts under Xvfb, shows its lock
# screen, unlocks a demo profile, opens the wizard and the settings; each
# screenshot must show a drawn window (many colours, not a blank frame).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dbus-run-session -- bash scripts/screenshots.sh "$out" >/dev/null 2>&1 || {
	echo "itest-gui-smoke: the app did not start or a screen failed" >&2
	dbus-run-session -- bash scripts/screenshots.sh "$out" >&2 || true
	exit 1
}
for s in lock codes wizard settings; do
	f="$out/$s.png"
	[ -s "$f" ] || { echo "itest-gui-smoke: no $s screenshot" >&2; exit 1; }
	colours=$(identify -format '%k' "$f")
	[ "$colours" -gt 20 ] || { echo "itest-gui-smoke: the $s screenshot is blank ($colours colours)" >&2; exit 1; }
done
echo "itest-gui-smoke: ok (lock, codes, wizard, settings drawn)"

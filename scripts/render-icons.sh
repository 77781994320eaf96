#!/usr/bin/env bash
# render-icons.sh: render assets/icon.svg and assets/icon-small.svg to the
# committed PNGs (16 and 32 px and the 64 px tray icon from the small drawing,
# 48 to 512 px from the full one), then write assets/icon.ico again from
# them. Run it after changing an SVG; building needs none of this.
# Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../assets"
command -v rsvg-convert >/dev/null || { echo "render-icons: install rsvg-convert (Debian: apt-get install librsvg2-bin)" >&2; exit 1; }
for s in 16 32 48 64 128 256 512; do
	src=icon.svg
	[ "$s" -le 32 ] && src=icon-small.svg
	rsvg-convert -w "$s" -h "$s" "$src" -o "icon-$s.png"
done
rsvg-convert -w 64 -h 64 icon-small.svg -o tray.png
go test -count=1 -run '^TestICO$' . -update >/dev/null
go test -count=1 .

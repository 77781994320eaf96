#!/usr/bin/env bash
# bench-scan.sh (make bench-scan): authdesk's QR scanning side by side with
# zxing-cpp and zbar, in one run on this machine.
#   1. busy desktop images, 1920x1080 and 3840x2160, one code of 4, 3 and
#      2-pixel modules, and one image with two codes (PNG and BMP);
#   2. in-process decode time (median): authdesk's otpcore/qr, zxing-cpp
#      (python3-zxing-cpp) and zbar (python3-zbar), image already in memory;
#   3. per-file time (hyperfine, mean): `authdesk scan`, ZXingReader, zbarimg;
#   4. find rate on the fixture photos (otpcore/qr/testdata), text byte-exact;
#   5. find rate by module size on a generated small-and-dense corpus
#      (scripts/qrbench/corpus.go: qrencode versions 3 to 15, 1.3 to 3 px per
#      module, bilinear and bicubic downscales, JPEG, one and two codes,
#      phone-screen framing): authdesk in process, zbarimg, ZXingReader;
#      then the same on export screens (two v17-v25 codes side by side).
# Installs what it needs from Debian (python3-zxing-cpp python3-zbar
# python3-pil python3-numpy hyperfine qrencode). AUTHDESK_BIN overrides
# bin/authdesk; BENCH_RUNS sets the repetitions (default 10). Run it on an
# idle machine. 'bench-scan.sh corpus' runs part 5 only (a minute).
set -euo pipefail
cd "$(dirname "$0")/.."

need="python3-zxing-cpp python3-zbar python3-pil python3-numpy hyperfine zxing-cpp-tools zbar-tools qrencode"
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "bench-scan: installing$missing"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
py=/usr/bin/python3 # Debian's, where the python3-* packages live

runs=${BENCH_RUNS:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/qrbench" ./scripts/qrbench

corpus() {
	echo
	echo "Find rate on a generated small-and-dense corpus, codes read byte-exact: qrencode versions 3-15,"
	echo "scaled down to each module size (bilinear and bicubic), half JPEG q85, a third with two codes side"
	echo "by side, half framed like a phone screen. authdesk in process; zbarimg and ZXingReader as commands."
	"$tmp/qrbench" corpus "$tmp/corpus"
	"$tmp/qrbench" rate "$tmp/corpus"
	echo
	echo "Find rate on export screens: two dense codes (versions 17-25) side by side on phone-like screens,"
	echo "scaled nearest, bilinear and bicubic, every other one JPEG q85 (issue 13's Transfer screenshot)."
	"$tmp/qrbench" exports "$tmp/exports"
	"$tmp/qrbench" rate "$tmp/exports"
}
if [ "${1:-}" = corpus ]; then
	corpus
	exit 0
fi

bin=${AUTHDESK_BIN:-bin/authdesk}
if [ -z "${AUTHDESK_BIN:-}" ]; then go build -o "$bin" .; fi

"$tmp/qrbench" gen "$tmp/img"

cat >"$tmp/peers.py" <<'EOF'
# In-process decode time of zxing-cpp and zbar: median of N runs after a
# warm-up; loading and (for zbar) the gray conversion are not timed.
import sys, time, statistics
import numpy, zbar, zxingcpp
from PIL import Image

n = int(sys.argv[1])
scanner = zbar.ImageScanner()
scanner.parse_config("disable")
scanner.parse_config("qrcode.enable")

def median_ms(fn):
    fn()
    ts = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1000

for path in sys.argv[2:]:
    im = Image.open(path)
    rgb = numpy.asarray(im.convert("RGB"))
    gray = im.convert("L")
    w, h = gray.size
    zimg = zbar.Image(w, h, "Y800", gray.tobytes())
    zx = lambda: zxingcpp.read_barcodes(rgb, formats=zxingcpp.BarcodeFormat.QRCode)
    zb = lambda: scanner.scan(zimg)
    zx_found = len(zx())
    scanner.scan(zimg)
    zb_found = len(list(zimg.symbols))
    print(f"{path.rsplit('/', 1)[-1]}\t{median_ms(zx):.1f}\t{zx_found}\t{median_ms(zb):.1f}\t{zb_found}")
EOF

echo "bench-scan: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "in-process decode (median of $runs) ..."
files=$(ls "$tmp"/img/*.bmp)
"$tmp/qrbench" time "$runs" $files >"$tmp/go.tsv"
$py "$tmp/peers.py" "$runs" $files >"$tmp/peers.tsv"

echo "per-file time (hyperfine, mean of $runs) ..."
: >"$tmp/cli.tsv"
for f in "$tmp"/img/*.png "$tmp"/img/*.bmp; do
	b=$(basename "$f")
	hyperfine -N --style none --warmup 2 --runs "$runs" -i --export-json "$tmp/h.json" \
		"$bin scan $f" "ZXingReader -format QRCode $f" "zbarimg -q --raw -Sdisable -Sqrcode.enable $f" >/dev/null 2>&1
	means=$($py -c 'import json,sys; print("\t".join("%.1f" % (r["mean"]*1000) for r in json.load(open(sys.argv[1]))["results"]))' "$tmp/h.json")
	a=$("$bin" scan "$f" 2>/dev/null | grep -c '^otpauth://' || true)
	z=$(ZXingReader -format QRCode -1 "$f" 2>/dev/null | grep -c ' QRCode "' || true)
	zb=$(zbarimg -q --raw -Sdisable -Sqrcode.enable "$f" 2>/dev/null | grep -c '^otpauth://' || true)
	printf '%s\t%s\t%s\t%s\t%s\n' "$b" "$means" "$a" "$z" "$zb" >>"$tmp/cli.tsv"
done

echo
echo "In-process decode of a capture already in memory, ms (median of $runs; found codes in brackets)."
echo "authdesk RGBA: the decoded colour image; authdesk luma: its luminance, as the X11 capturer and"
echo "'authdesk scan' hand it over; zxing-cpp: an RGB array; zbar: a Y800 image (conversion not timed)."
printf '%-20s %15s %15s %15s %15s %9s %9s\n' image "authdesk RGBA" "authdesk luma" zxing-cpp zbar "RGBA/zx" "luma/zx"
join -t $'\t' <(sort "$tmp/go.tsv") <(sort "$tmp/peers.tsv") | sort -V | while IFS=$'\t' read -r f a af g gf zx zxf zb zbf; do
	printf '%-20s %10s [%d] %10s [%d] %10s [%d] %10s [%d] %8.2fx %8.2fx\n' "${f%.bmp}" "$a" "$af" "$g" "$gf" "$zx" "$zxf" "$zb" "$zbf" \
		"$(awk -v a="$a" -v b="$zx" 'BEGIN{print a/b}')" "$(awk -v a="$g" -v b="$zx" 'BEGIN{print a/b}')"
done
echo
echo "Per file, whole command, ms (hyperfine mean of $runs; found codes in brackets; expected in expected.tsv)"
printf '%-24s %15s %15s %15s %12s\n' file "authdesk scan" "ZXingReader" zbarimg "authdesk/ZX"
sort -V "$tmp/cli.tsv" | while IFS=$'\t' read -r f a z zb af zf zbf; do
	printf '%-24s %10s [%d] %10s [%d] %10s [%d] %11.2fx\n' "$f" "$a" "$af" "$z" "$zf" "$zb" "$zbf" "$(awk -v a="$a" -v b="$z" 'BEGIN{print a/b}')"
done
echo "(expected codes: $(paste -sd' ' "$tmp/img/expected.tsv" | tr '\t' '='))"

echo
echo "Screen capture plus decode, one 3840x2160 Xvfb screen, busy background, one code of 3-pixel modules"
if command -v Xvfb >/dev/null && command -v feh >/dev/null && command -v qrencode >/dev/null && command -v xdotool >/dev/null; then
	n=$(for d in $(seq 140 400); do [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ] || { echo "$d"; break; }; done)
	Xvfb ":$n" -screen 0 3840x2160x24 -nolisten tcp >/dev/null 2>&1 &
	xvfb=$!
	for _ in $(seq 1 100); do xdpyinfo -display ":$n" >/dev/null 2>&1 && break; sleep 0.1; done
	convert -size 480x270 xc: +noise Random -scale 800% "$tmp/bg.png"
	qrencode -s 3 -m 4 -o "$tmp/qr.png" 'otpauth://totp/Portal:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Portal'
	DISPLAY=":$n" feh --borderless --geometry +0+0 "$tmp/bg.png" >/dev/null 2>&1 &
	DISPLAY=":$n" timeout 10 xdotool search --sync --onlyvisible --pid $! >/dev/null
	DISPLAY=":$n" feh --borderless --geometry +2200+1300 "$tmp/qr.png" >/dev/null 2>&1 &
	DISPLAY=":$n" timeout 10 xdotool search --sync --onlyvisible --pid $! >/dev/null
	sleep 0.5
	IFS=$'\t' read -r screens ms found < <(DISPLAY=":$n" "$tmp/qrbench" screen "$runs")
	hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$tmp/h.json" "env DISPLAY=:$n $bin scan --screen" >/dev/null 2>&1
	cmd=$($py -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["mean"]*1000))' "$tmp/h.json")
	echo "  in-process scan.Screens (capture + decode): $ms ms median, $found code(s) on $screens screen(s)"
	echo "  whole command 'authdesk scan --screen':     $cmd ms mean"
	kill "$xvfb" 2>/dev/null || true
	wait "$xvfb" 2>/dev/null || true
else
	echo "  (skipped: needs Xvfb, feh, qrencode and xdotool: scripts/deps.sh test)"
fi

echo
echo "Find rate on the fixture photos (otpcore/qr/testdata), text byte-exact"
fx=otpcore/qr/testdata
images=$(cut -f1 "$fx/index.tsv" | tail -n +2; echo extract_otp_secrets__example_export.png extract_otp_secrets__qr_but_without_otp.png)
cat >"$tmp/fixtures.py" <<'EOF'
# Compare each decoder's first text with the .txt beside the image.
import ast, os, subprocess, sys
import zxingcpp
from PIL import Image

fx, qrbench = sys.argv[1], sys.argv[2]
names = sys.argv[3:]
want = {n: open(os.path.join(fx, os.path.splitext(n)[0] + ".txt"), "rb").read().decode("utf-8") for n in names}
ours = {}
for line in subprocess.run([qrbench, "find"] + [os.path.join(fx, n) for n in names], capture_output=True, text=True, check=True).stdout.splitlines():
    name, text = line.split("\t", 1)
    ours[name] = ast.literal_eval(text)
score = {"authdesk": 0, "ZXingReader": 0, "zxing-cpp (lib)": 0, "zbarimg": 0}
rows = []
for n in names:
    path = os.path.join(fx, n)
    z = zxingcpp.read_barcodes(Image.open(path), formats=zxingcpp.BarcodeFormat.QRCode)
    zt = z[0].text if z else ""
    cli = subprocess.run(["ZXingReader", "-format", "QRCode", "-bytes", path], capture_output=True).stdout
    zr = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", path], capture_output=True).stdout
    zr = zr.decode("utf-8", "replace")
    zr = zr[:-1] if zr.endswith("\n") else zr
    ok = {"authdesk": ours.get(n) == want[n],
          # the CLI prints raw bytes: UTF-8 texts compare directly, others by
          # the library's converted text (the same libzxing as the CLI)
          "ZXingReader": bool(cli) and (cli == want[n].encode() or zt == want[n]),
          "zxing-cpp (lib)": zt == want[n],
          "zbarimg": zr == want[n]}
    for k, v in ok.items():
        score[k] += v
    rows.append((n, ok))
print("%-46s %9s %12s %10s" % ("image", "authdesk", "ZXingReader", "zbarimg"))
for n, ok in rows:
    print("%-46s %9s %12s %10s" % (n, *("ok" if ok[k] else "-" for k in ("authdesk", "ZXingReader", "zbarimg"))))
print("%-46s %9s %12s %10s" % ("found (of %d)" % len(names), score["authdesk"], score["ZXingReader"], score["zbarimg"]))
EOF
$py "$tmp/fixtures.py" "$fx" "$tmp/qrbench" $images

corpus

#!/usr/bin/env bash
# itest-package.sh: build both release packages with scripts/package.sh (as
# `make package` does) and check what a user gets:
#   - the Linux tarball: a working amd64 binary, a valid desktop entry that
#     handles otpauth:// links, the hicolor icons at their sizes; its install
#     Makefile installs (staged with DESTDIR, and into a scratch HOME),
#     registers the handler in the desktop's cache, and uninstalls;
#   - the Windows .exe: PE32+ for the GUI subsystem, with the icon, version
#     and manifest resources, importing no mingw runtime DLL.
# The first Windows build compiles Fyne's C parts with mingw (minutes); later
# runs reuse Go's build cache.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

fail() { echo "itest-package: $*" >&2; exit 1; }
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
tarball=dist/authdesk-$version-linux-amd64.tar.xz
exe=dist/authdesk-$version-windows-amd64.exe
rm -f "$tarball" "$exe"
bash scripts/package.sh linux windows
built=$((SECONDS - start))

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "-- $tarball"
tar -C "$tmp" -xJf "$tarball"
root=$tmp/authdesk-$version-linux-amd64
[ -x "$root/bin/authdesk" ] || fail "no bin/authdesk in the tarball"
file -b "$root/bin/authdesk" | grep -q 'ELF 64-bit LSB .*x86-64' || fail "bin/authdesk is not an amd64 ELF: $(file -b "$root/bin/authdesk")"
# The packaged binary runs: RFC 6238's SHA-1 vector at T=59, 6 digits.
code=$(echo 'otpauth://totp/RFC?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' | "$root/bin/authdesk" code --at 59 -)
[ "$code" = 287082 ] || fail "packaged binary printed code '$code', want 287082"
entry=$root/share/applications/io.github.authdesk.authdesk.desktop
[ -f "$entry" ] || fail "no share/applications/io.github.authdesk.authdesk.desktop"
for line in 'MimeType=x-scheme-handler/otpauth;' 'Exec=authdesk %u' 'Icon=io.github.authdesk.authdesk' 'Categories=Utility;Security;'; do
	grep -qxF "$line" "$entry" || fail "desktop entry lacks the line $line"
done
desktop-file-validate --no-hints "$entry" || fail "desktop-file-validate rejects the desktop entry"
for s in 16 32 48 64 128 256 512; do
	icon=$root/share/icons/hicolor/${s}x$s/apps/io.github.authdesk.authdesk.png
	file -b "$icon" 2>/dev/null | grep -q "^PNG image data, $s x $s," || fail "icon ${s}x$s missing or of another size: $(file -b "$icon" 2>&1)"
done
grep -q '<svg' "$root/share/icons/hicolor/scalable/apps/io.github.authdesk.authdesk.svg" || fail "no scalable icon"
[ -f "$root/Makefile" ] && [ -f "$root/LICENSE" ] || fail "the tarball lacks its install Makefile or LICENSE"

echo "-- its install Makefile"
stage=$tmp/stage
make -s -C "$root" install DESTDIR="$stage" PREFIX=/usr >/dev/null
[ -x "$stage/usr/bin/authdesk" ] || fail "install: no /usr/bin/authdesk"
[ -f "$stage/usr/share/icons/hicolor/48x48/apps/io.github.authdesk.authdesk.png" ] || fail "install: no 48x48 icon"
grep -qxF 'Exec=/usr/bin/authdesk %u' "$stage/usr/share/applications/io.github.authdesk.authdesk.desktop" || fail "install: Exec does not name /usr/bin/authdesk"
desktop-file-validate --no-hints "$stage/usr/share/applications/io.github.authdesk.authdesk.desktop" || fail "installed desktop entry is invalid"
# update-desktop-database ran: the desktop now knows authdesk opens otpauth:.
grep -qx 'x-scheme-handler/otpauth=io.github.authdesk.authdesk.desktop;' "$stage/usr/share/applications/mimeinfo.cache" ||
	fail "install: the otpauth handler is not in mimeinfo.cache"
make -s -C "$root" uninstall DESTDIR="$stage" PREFIX=/usr >/dev/null
left=$(find "$stage" -type f ! -name mimeinfo.cache)
[ -z "$left" ] || fail "uninstall left: $left"
home=$tmp/home
env -u XDG_DATA_HOME HOME="$home" make -s -C "$root" user-install >/dev/null
[ -x "$home/.local/bin/authdesk" ] || fail "user-install: no ~/.local/bin/authdesk"
grep -qxF "Exec=$home/.local/bin/authdesk %u" "$home/.local/share/applications/io.github.authdesk.authdesk.desktop" ||
	fail "user-install: Exec does not name ~/.local/bin/authdesk"
[ -f "$home/.local/share/icons/hicolor/scalable/apps/io.github.authdesk.authdesk.svg" ] || fail "user-install: no scalable icon"
env -u XDG_DATA_HOME HOME="$home" make -s -C "$root" user-uninstall >/dev/null
[ ! -e "$home/.local/bin/authdesk" ] || fail "user-uninstall left the binary"

echo "-- $exe"
kind=$(file -b "$exe")
[[ "$kind" == "PE32+ executable (GUI) x86-64"*"MS Windows"* ]] || fail "the .exe is not a PE32+ GUI executable: $kind"
headers=$tmp/objdump.txt
x86_64-w64-mingw32-objdump -p "$exe" >"$headers"
# The resource directory: at the first level the types (3 icon, e icon
# group, 10 version, 18 manifest, in hex), under type 3 one icon per size.
rsrc=$tmp/rsrc.txt
sed -n '/The .rsrc Resource Directory section/,$p' "$headers" >"$rsrc"
types=$(grep -E '^[0-9a-f]+   Entry: ID: ' "$rsrc" | sed 's/.*ID: 0x0*\([0-9a-f]*\),.*/\1/' | tr '\n' ' ')
[ "$types" = "3 e 10 18 " ] || fail "the .exe's resource types are '$types', want icon, icon group, version and manifest (3 e 10 18)"
icons=$(sed -n '/^[0-9a-f]*   Entry: ID: 0x000003,/,/^[0-9a-f]*   Entry: ID: 0x00000e,/p' "$rsrc" | grep -cE '^[0-9a-f]+     Entry: ')
[ "$icons" = 6 ] || fail "the .exe holds $icons icon images, want 6 (16 to 256 px)"
strings -el "$exe" >"$tmp/utf16.txt"
for want in ProductVersion "$version" FileDescription 'authdesk authenticator' authdesk.exe; do
	grep -qxF "$want" "$tmp/utf16.txt" || fail "the .exe's version resource lacks '$want'"
done
grep -qF 'assemblyIdentity type="win32" name="io.github.authdesk"' <(strings "$exe") || fail "the .exe has no manifest naming io.github.authdesk"
if grep -iE 'DLL Name: (libgcc|libwinpthread|libstdc)' "$headers"; then
	fail "the .exe needs a mingw runtime DLL that Windows does not have"
fi

echo "itest-package: $(du -h "$tarball" | cut -f1) tarball, $(du -h "$exe" | cut -f1) exe; built in ${built}s, checked in $((SECONDS - start - built))s"

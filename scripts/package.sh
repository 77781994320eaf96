#!/usr/bin/env bash
# package.sh [linux] [deb] [windows] [msi]: build authdesk's release packages into
# dist/ (all when no argument is given), named from FyneApp.toml's Version:
#   dist/authdesk-VERSION-linux-amd64.tar.xz   binary, desktop entry (the
#       otpauth:// handler), hicolor icons, and a Makefile that installs them
#   dist/authdesk_VERSION_amd64.deb            the same as a Debian package
#       made with dpkg-deb: man page, copyright, changelog, Depends; installs
#       with apt install ./authdesk_VERSION_amd64.deb
#   dist/authdesk-VERSION-windows-amd64.exe    cross-compiled with mingw-w64,
#       GUI subsystem, icon, version resource and manifest linked in from a
#       .syso that x86_64-w64-mingw32-windres makes
#   dist/authdesk-VERSION-windows-amd64.msi    that exe in an MSI made with wixl
#       (packaging/windows/authdesk.wxs): per machine, Start menu, otpauth:
# `make package` installs the tools first (scripts/deps.sh package); see
# docs/packaging.md. Reuses Go's build cache: after a first build, each
# package takes seconds plus the link.
set -euo pipefail
cd "$(dirname "$0")/.."

field() { sed -n "s/^$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\} *\$/\1/p" FyneApp.toml | head -n 1; }
version=$(field Version)
build=$(field Build)
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ && "$build" =~ ^[0-9]+$ ]]; then
	echo "package: FyneApp.toml needs Version = \"X.Y.Z\" and Build = N (found '$version', '$build')" >&2
	exit 2
fi
# Reproducible archives: file times are the last commit's.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux deb windows msi)

stage=$(mktemp -d)
syso=authdesk_windows_amd64.syso # only GOOS=windows GOARCH=amd64 builds link it
cleanup() { rm -rf "$stage" "$syso"; }
trap cleanup EXIT
mkdir -p dist

linux() {
	local base=authdesk-$version-linux-amd64
	local root=$stage/$base out=dist/$base.tar.xz s
	echo "package: $out"
	CGO_ENABLED=1 GOOS=linux GOARCH=amd64 go build -ldflags "-s -w" -o "$root/bin/authdesk" .
	# The desktop entry and the icons are named after the app ID: the
	# desktop portal and GNOME know authdesk by it (its screenshot
	# permission is stored under it).
	local id
	id=$(field ID)
	install -Dm644 "packaging/linux/$id.desktop" "$root/share/applications/$id.desktop"
	for s in 16 32 48 64 128 256 512; do
		install -Dm644 "assets/icon-$s.png" "$root/share/icons/hicolor/${s}x$s/apps/$id.png"
	done
	install -Dm644 assets/icon.svg "$root/share/icons/hicolor/scalable/apps/$id.svg"
	install -m644 packaging/linux/Makefile LICENSE "$root/"
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
		-C "$stage" -cf - "$base" | xz -6 >"$out.tmp"
	mv "$out.tmp" "$out"
}

# deb: dist/authdesk_VERSION_amd64.deb with dpkg-deb only (no debhelper).
# Depends lists what the binary links (objdump -p: libGL, libX11, libc) and
# what GLFW opens at run time with dlopen (Xcursor, Xrandr, Xinerama, Xi,
# Xxf86vm, Xrender, X11-xcb); the keychain is recommended, the portal
# (screen capture under Wayland) suggested.
deb() {
	local id out=dist/authdesk_${version}_amd64.deb root=$stage/deb desktop src icon s
	id=$(field ID)
	if ! [[ "$id" =~ ^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$ ]]; then
		echo "package: FyneApp.toml needs a reverse-DNS ID (found '$id')" >&2
		exit 2
	fi
	command -v dpkg-deb >/dev/null || { echo "package: dpkg-deb is missing (Debian package dpkg)" >&2; exit 1; }
	echo "package: $out"
	rm -rf "$root"
	CGO_ENABLED=1 GOOS=linux GOARCH=amd64 go build -ldflags "-s -w" -o "$root/usr/bin/authdesk" .
	# The desktop entry is named after the app ID (the freedesktop rule
	# that lets a desktop match the window to its entry).
	src=packaging/linux/$id.desktop
	desktop=$root/usr/share/applications/$id.desktop
	install -Dm644 "$src" "$desktop"
	icon=$(sed -n 's/^Icon=//p' "$src" | head -n 1)
	for s in 16 32 48 64 128 256 512; do
		install -Dm644 "assets/icon-$s.png" "$root/usr/share/icons/hicolor/${s}x$s/apps/$icon.png"
	done
	install -Dm644 assets/icon.svg "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg"
	mkdir -p "$root/usr/share/man/man1" "$root/usr/share/doc/authdesk"
	sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$(date -u -d "@$epoch" +%Y-%m-%d)/" packaging/linux/authdesk.1 | gzip -9n >"$root/usr/share/man/man1/authdesk.1.gz"
	install -m644 packaging/debian/copyright "$root/usr/share/doc/authdesk/copyright"
	install -m644 docs/policies.md "$root/usr/share/doc/authdesk/policies.md"
	{
		printf 'authdesk (%s) unstable; urgency=medium\n\n' "$version"
		printf '  * Release %s: see /usr/share/doc/authdesk (CHANGELOG.md upstream).\n\n' "$version"
		printf ' -- authdesk authors <authdesk@users.noreply.github.com>  %s\n' "$(date -u -R -d "@$epoch")"
	} | gzip -9n >"$root/usr/share/doc/authdesk/changelog.Debian.gz"
	mkdir -p "$root/DEBIAN"
	sed -e "s/@VERSION@/$version/" \
		-e "s/@SIZE@/$(du -sk --apparent-size "$root/usr" | cut -f1)/" \
		packaging/debian/control >"$root/DEBIAN/control"
	(cd "$root" && find usr -type f -printf '%P\n' | LC_ALL=C sort | sed 's|^|usr/|' | xargs md5sum) >"$root/DEBIAN/md5sums"
	chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
	find "$root" -type d -exec chmod 755 {} +
	chmod 755 "$root/usr/bin/authdesk"
	find "$root" -exec touch -h -d "@$epoch" {} +
	SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group -Zxz --build "$root" "$out.tmp" >/dev/null
	mv "$out.tmp" "$out"
}

windows() {
	local out=dist/authdesk-$version-windows-amd64.exe
	local major minor patch
	IFS=. read -r major minor patch <<<"$version"
	for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres; do
		command -v "$tool" >/dev/null || { echo "package: $tool is missing; run: bash scripts/deps.sh package" >&2; exit 1; }
	done
	# A dry run (-n) finds a package that does not build for Windows in a
	# second, where the real build would compile Fyne's C parts first.
	if ! CGO_ENABLED=1 GOOS=windows GOARCH=amd64 go build -n -o /dev/null . >/dev/null 2>"$stage/dry.txt"; then
		echo "package: authdesk does not build for Windows:" >&2
		grep -E '^[A-Za-z0-9._/-]+:([0-9]+:)* ' "$stage/dry.txt" | awk 'NR <= 5' >&2 || true
		exit 1
	fi
	echo "package: $out"
	cp assets/icon.ico "$stage/authdesk.ico"
	sed -e "s/@VERSION_DOTS@/$version.$build/" packaging/windows/authdesk.exe.manifest >"$stage/authdesk.exe.manifest"
	sed -e "s/@VERSION_COMMAS@/$major,$minor,$patch,$build/g" -e "s/@VERSION@/$version/g" -e "s/@BUILD@/$build/g" \
		-e "s|@ICON@|authdesk.ico|" -e "s|@MANIFEST@|authdesk.exe.manifest|" \
		packaging/windows/authdesk.rc.in >"$stage/authdesk.rc"
	# windres resolves the file names relative to the .rc's folder (-I).
	x86_64-w64-mingw32-windres -I "$stage" -i "$stage/authdesk.rc" -O coff -F pe-x86-64 -o "$syso"
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		go build -trimpath -ldflags "-s -w -H=windowsgui" -o "$out.tmp" .
	rm -f "$syso"
	mv "$out.tmp" "$out"
}

msi() {
	local exe=dist/authdesk-$version-windows-amd64.exe out=dist/authdesk-$version-windows-amd64.msi
	command -v wixl >/dev/null || { echo "package: wixl is missing; run: bash scripts/deps.sh package" >&2; exit 1; }
	[ -f "$exe" ] || windows
	echo "package: $out"
	# wixl wants source paths relative to where it runs.
	mkdir -p "$stage/msi"
	cp "$exe" "$stage/msi/authdesk.exe"
	cp assets/icon.ico "$stage/msi/authdesk.ico"
	(cd "$stage/msi" && wixl -a x64 -D Version="$version" -D Exe=authdesk.exe -D Icon=authdesk.ico \
		-o authdesk.msi "$OLDPWD/packaging/windows/authdesk.wxs")
	mv "$stage/msi/authdesk.msi" "$out"
}

for t in "${targets[@]}"; do
	case "$t" in
	linux) linux ;;
	deb) deb ;;
	windows) windows ;;
	msi) msi ;;
	*) echo "usage: package.sh [linux] [deb] [windows] [msi]" >&2; exit 2 ;;
	esac
done
# What this run made (the .deb is named the Debian way, authdesk_VERSION_amd64.deb).
ls -l dist/authdesk[-_]"$version"[-_]*

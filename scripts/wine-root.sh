#!/usr/bin/env bash
# wine-root.sh [--print]: make sure a Debian 13 (trixie) root with Wine 10
# sits in $AUTHDESK_WINE_ROOT (default /var/cache/authdesk/wine-root) and
# print its path. Debian 12's Wine 8 cannot start Go 1.24+ programs (it has
# no bcryptprimitives.dll), so the Windows tests run Wine from this root.
#
# The root is reused while its stamp file holds this script's root version;
# otherwise it is built again beside it and swapped in when complete (a
# build that stops half-way leaves no root that looks finished). It holds a
# pristine Wine prefix (/opt/authdesk-prefix) that each test run copies.
#
# debootstrap fetches from the Debian mirror apt already uses here (read
# from /etc/apt/sources.list and /etc/apt/sources.list.d), never a named
# host. Needs root (debootstrap, chroot).
set -euo pipefail

version="authdesk-wine-root 1 trixie wine minbase"
root=${AUTHDESK_WINE_ROOT:-/var/cache/authdesk/wine-root}
stamp=$root/.authdesk-stamp

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then
	echo "wine-root: reusing $root" >&2
	echo "$root"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "wine-root: building the Wine root needs root (debootstrap and chroot); run it as root or with sudo" >&2
	exit 1
fi
command -v debootstrap >/dev/null || { echo "wine-root: debootstrap is missing; run: bash scripts/deps.sh test" >&2; exit 1; }

# The first Debian archive URI apt knows (deb822 .sources or one-line
# .list), leaving out the security archive.
mirror() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' "$f"
	done
}
url=$(mirror | grep -E '/debian/?$' | grep -v -- '-security' | head -n 1 || true)
if [ -z "$url" ]; then
	echo "wine-root: found no Debian mirror in /etc/apt/sources.list(.d); add one and run this again" >&2
	exit 1
fi

stage_start=$(date +%s)
stage() { # stage NAME: print the time since the previous stage
	local now
	now=$(date +%s)
	echo "wine-root: $1 took $((now - stage_start)) s" >&2
	stage_start=$now
}

mkdir -p "$(dirname "$root")"
tmp=$root.build
unmount_all() { # anything a broken earlier build left mounted
	local m
	for m in $(awk -v t="$tmp" '$2 ~ "^"t { print $2 }' /proc/mounts | sort -r); do umount -l "$m" 2>/dev/null || true; done
}
unmount_all
rm -rf "$tmp"
trap 'unmount_all; rm -rf "$tmp" "$tmp.log"' EXIT

# A minimal trixie first; then Wine through apt inside it, which resolves
# the alternatives debootstrap's resolver does not.
echo "wine-root: debootstrap trixie from $url into $tmp" >&2
debootstrap --variant=minbase trixie "$tmp" "$url" >"$tmp.log" 2>&1 || {
	echo "wine-root: debootstrap failed; the last lines of its log:" >&2
	tail -n 15 "$tmp.log" >&2
	exit 1
}
rm -f "$tmp.log"
stage "debootstrap"

# in_root CMD...: run CMD in the root with /proc and /dev, in a private
# mount namespace (the mounts end with it).
in_root() {
	unshare --mount --propagation private sh -c '
		r=$1; shift
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		exec chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
	' sh "$tmp" "$@"
}

# The X client libraries Wine's X11 driver loads at run time and Mesa's
# software OpenGL are only recommended by wine64: ask for them by name and
# leave the other recommends out.
pkgs="wine wine64 libgl1 libgl1-mesa-dri libglx-mesa0 libxrandr2 libxi6 libxcursor1 libxext6 libxrender1 libxinerama1 libxcomposite1 libxfixes3 libxxf86vm1 libfreetype6 fontconfig fonts-dejavu-core"
in_root sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs" >"$tmp.log" 2>&1 || {
	echo "wine-root: installing wine in the root failed; the last lines of its log:" >&2
	tail -n 15 "$tmp.log" >&2
	exit 1
}
rm -f "$tmp.log"
# Nothing of the package cache is needed again.
rm -rf "$tmp"/var/cache/apt/archives/*.deb "$tmp"/var/lib/apt/lists/*
stage "apt-get install wine"

# A pristine prefix, made once: wineboot takes most of a minute.
mkdir -p "$tmp/tmp/.X11-unix"
in_root sh -c 'WINEPREFIX=/opt/authdesk-prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" wineboot --init && WINEPREFIX=/opt/authdesk-prefix wineserver -w' >"$tmp.log" 2>&1 || {
	echo "wine-root: wineboot failed in the new root; the last lines of its log:" >&2
	tail -n 15 "$tmp.log" >&2
	exit 1
}
rm -f "$tmp.log"
[ -f "$tmp/opt/authdesk-prefix/system.reg" ] || { echo "wine-root: wineboot made no prefix" >&2; exit 1; }
stage "wineboot"

in_root wine --version 2>/dev/null | tail -n 1 >"$tmp/.authdesk-wine-version" || true
echo "$version" >"$tmp/.authdesk-stamp"
rm -rf "$root"
mv "$tmp" "$root"
trap - EXIT
echo "wine-root: ready ($(cat "$root/.authdesk-wine-version"), $(du -sh "$root" | cut -f1))" >&2
echo "$root"

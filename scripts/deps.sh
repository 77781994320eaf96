#!/usr/bin/env bash
# deps.sh build|run|test|package|wayland: install the Debian packages authdesk needs, only those
# missing, through sudo when not root. On another OS, print what to install.
set -euo pipefail

build_pkgs="gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev"
# run: a D-Bus session and a keychain for the app.
run_pkgs="dbus gnome-keyring"
# test: a virtual display, the real Secret Service, tools that show QR codes on
# screen and read back keychain items, the two-head X server, peer decoders.
# python3-argon2 and python3-cryptography run the backup recipe of
# docs/backup-format.md against a real backup. oathtool is the independent
# reference that recomputes the codes of otpcore/testdata/links.
test_pkgs="$run_pkgs sway xwayland debootstrap msitools xvfb xauth x11-utils xdotool imagemagick libsecret-tools qrencode feh xserver-xorg-core xserver-xorg-video-dummy zbar-tools zxing-cpp-tools python3-argon2 python3-cryptography oathtool xclip syncthing curl util-linux"

# wayland: scripts/itest-wayland.sh, a headless sway with the desktop portal
# (wlr for Screenshot through grim, gtk for Access, without which the portal
# offers no Screenshot) and pipewire, a window showing a QR code (swayimg).
wayland_pkgs="dbus-daemon procps file qrencode sway xdg-desktop-portal xdg-desktop-portal-wlr xdg-desktop-portal-gtk grim pipewire swayimg"

# package: cross-compiling the Windows .exe (mingw-w64 gcc and windres) and
# the Linux tarball (xz); file and desktop-file-validate check them.
package_pkgs="gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 xz-utils file desktop-file-utils wixl"

case "${1:-build}" in
build) want="$build_pkgs" ;;
run) want="$build_pkgs $run_pkgs" ;;
test) want="$build_pkgs $test_pkgs $package_pkgs" ;;
package) want="$build_pkgs $package_pkgs" ;;
wayland) want="$build_pkgs $wayland_pkgs" ;;
*) echo "usage: deps.sh build|run|test|package|wayland" >&2; exit 2 ;;
esac

if ! command -v go >/dev/null 2>&1; then
	echo "authdesk: Go is not installed; install Go 1.26 or newer (go.dev/doc/install) and run this again" >&2
	exit 1
fi
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	echo "authdesk: not a Debian/Ubuntu system; install the equivalents of these packages with your package manager, then run this again:" >&2
	echo "  $want" >&2
	exit 1
fi

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "authdesk: these packages are missing and sudo is not available; as root, run: apt-get install$missing" >&2
		exit 1
	fi
	sudo="sudo"
fi
echo "authdesk: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null

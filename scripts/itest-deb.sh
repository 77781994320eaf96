#!/usr/bin/env bash
# itest-deb.sh: the Debian package in a clean Debian 12 (bookworm) root.
#   - builds dist/authdesk_VERSION_amd64.deb (scripts/package.sh deb) and runs
#     lintian on it: no error (warnings are printed);
#   - `apt-get install -y ./authdesk_*.deb` in a fresh copy of a minbase root,
#     with chroot: the declared dependencies are enough for the binary and for
#     every library GLFW opens at run time; the desktop entry, icons and man
#     page are where the desktop looks; `authdesk --help` and `authdesk code`
#     (RFC 6238 SHA-1, T=59: 287082) work there; under a policy file in the
#     root, a short vault password and `vault export --format uris` are
#     refused in one line naming the policy;
#   - `apt-get purge -y authdesk` leaves no file of the package behind.
#
# The root is made once with `debootstrap --variant=minbase` from the Debian
# mirror apt uses on this machine (never a named host) and kept as a tarball
# in $AUTHDESK_DEB_ROOT (default /var/cache/authdesk/deb-root), with the
# package lists and the archives the .deb needs already downloaded; a stamp
# records the format and the day it was made, and a root older than 7 days
# (or of another format) is made again. Each run unpacks a fresh copy.
# Prints each stage's time. Needs root (debootstrap, chroot, mounts);
# skipped otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
fail() { echo "itest-deb: FAIL: $*" >&2; exit 1; }
say() { echo "itest-deb: $*" >&2; }
t0=$(date +%s)
stage_start=$t0
stage() {
	local now
	now=$(date +%s)
	say "$1 ($((now - stage_start)) s)"
	stage_start=$now
}

if [ "$(id -u)" -ne 0 ]; then
	say "skipped: the Debian root needs root (debootstrap, chroot, mounts)"
	exit 0
fi
need=""
for p in debootstrap lintian; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
	say "installing$need"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null ||
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null; }
fi

cache=${AUTHDESK_DEB_ROOT:-/var/cache/authdesk/deb-root}
format="authdesk-deb-root 2 bookworm minbase unsafe-io"
tarball=$cache/root.tar.gz
stampf=$cache/stamp
version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml | head -n 1)
deb=$repo/dist/authdesk_${version}_amd64.deb

work=$(mktemp -d /var/tmp/authdesk-deb.XXXXXX)
root=$work/root
unmount_all() {
	local m
	for m in $(awk -v w="$work" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
}
cleanup() {
	unmount_all
	rm -rf "$work"
}
trap cleanup EXIT

# in_root CMD...: CMD in the root, a clean environment, no service starts.
in_root() {
	chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive "$@"
}
mount_root() {
	mount -t proc proc "$root/proc"
	mount --bind /dev "$root/dev"
	mount --bind /dev/pts "$root/dev/pts"
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 755 "$root/usr/sbin/policy-rc.d"
}

# 1. The package, and lintian's verdict.
bash scripts/package.sh deb >/dev/null
[ -f "$deb" ] || fail "package.sh made no $deb"
stage "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
lint_rc=0
lint=$(lintian --allow-root "$deb" 2>&1) || lint_rc=$?
if grep -q '^E:' <<<"$lint" || [ "$lint_rc" -gt 1 ]; then
	echo "$lint" >&2
	fail "lintian reports errors (exit $lint_rc)"
fi
[ -z "$lint" ] || echo "$lint" | sed 's/^/itest-deb: lintian: /' >&2
stage "lintian: no error, $(grep -c '^W:' <<<"$lint" || true) warnings"

# 2. The cached root: made again when missing, of another format, or older
# than 7 days (stale package lists).
fresh=0
if [ -f "$tarball" ] && [ -f "$stampf" ] && [ "$(sed -n 1p "$stampf")" = "$format" ]; then
	made=$(sed -n 2p "$stampf")
	age=$((($(date +%s) - $(date -d "$made" +%s 2>/dev/null || echo 0)) / 86400))
	[ "$age" -le 7 ] && fresh=1
fi
if [ "$fresh" -eq 0 ]; then
	# The first Debian archive URI apt uses here (deb822 or one-line
	# sources), not the security archive.
	url=$(
		{
			for f in /etc/apt/sources.list.d/*.sources; do
				[ -f "$f" ] && awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "$f"
			done
			for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
				[ -f "$f" ] && awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' "$f"
			done
		} | grep -E '/debian/?$' | grep -v -- '-security' | head -n 1 || true
	)
	[ -n "$url" ] || fail "no Debian mirror in /etc/apt/sources.list(.d) to make the root from"
	say "making the bookworm root (debootstrap --variant=minbase from the mirror apt uses)"
	debootstrap --variant=minbase bookworm "$root" "$url" >"$work/debootstrap.log" 2>&1 || {
		tail -n 15 "$work/debootstrap.log" >&2
		fail "debootstrap failed"
	}
	stage "debootstrap"
	# A throw-away root: dpkg need not fsync every file it unpacks.
	echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/authdesk-unsafe-io"
	# Package lists and the archives the .deb pulls in, so that a run
	# installs without downloading; nothing is installed.
	mount_root
	cp "$deb" "$root/tmp/"
	in_root apt-get update -qq >"$work/apt.log" 2>&1 &&
		in_root apt-get install -y -qq --download-only "/tmp/$(basename "$deb")" >>"$work/apt.log" 2>&1 || {
		tail -n 15 "$work/apt.log" >&2
		fail "apt-get in the new root failed"
	}
	rm -f "$root/tmp/$(basename "$deb")" "$root/usr/sbin/policy-rc.d"
	unmount_all
	stage "package lists and dependencies downloaded"
	mkdir -p "$cache"
	tar -C "$root" --numeric-owner -cf - . | gzip -1 >"$tarball.tmp"
	mv "$tarball.tmp" "$tarball"
	printf '%s\n%s\n' "$format" "$(date -u +%Y-%m-%d)" >"$stampf"
	rm -rf "$root"
	stage "root cached ($(du -m "$tarball" | cut -f1) MiB)"
else
	say "reusing the root made $(sed -n 2p "$stampf") ($(du -m "$tarball" | cut -f1) MiB)"
fi

# 3. A fresh copy, the install.
mkdir "$root"
tar -C "$root" --numeric-owner -xzf "$tarball"
mount_root
stage "fresh root unpacked"
cp "$deb" "$root/tmp/"
in_root apt-get install -y -q "/tmp/$(basename "$deb")" >"$work/install.log" 2>&1 || {
	tail -n 20 "$work/install.log" >&2
	fail "apt-get install ./$(basename "$deb") failed in a clean bookworm root"
}
rm -f "$root/tmp/$(basename "$deb")"
[ "$(in_root dpkg-query -W -f='${Status}' gnome-keyring 2>/dev/null)" = "install ok installed" ] ||
	fail "gnome-keyring (Recommends) was not installed with the package"
stage "apt-get install ./$(basename "$deb")"

# 4. What the user gets.
id=$(sed -n 's/^ID *= *"\([^"]*\)".*/\1/p' FyneApp.toml | head -n 1)
entry=$root/usr/share/applications/$id.desktop
[ -f "$entry" ] || fail "no /usr/share/applications/$id.desktop"
grep -qxF 'MimeType=x-scheme-handler/otpauth;' "$entry" || fail "the desktop entry does not handle otpauth:// links"
icon=$(sed -n 's/^Icon=//p' "$entry")
for s in 16x16 32x32 48x48 64x64 128x128 256x256 512x512; do
	[ -f "$root/usr/share/icons/hicolor/$s/apps/$icon.png" ] || fail "no $s icon named $icon"
done
[ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "no scalable icon"
zcat "$root/usr/share/man/man1/authdesk.1.gz" | grep -q '^\.TH AUTHDESK 1' || fail "no man page authdesk(1)"
grep -q '^License: Apache-2.0' "$root/usr/share/doc/authdesk/copyright" || fail "no Apache-2.0 copyright file"
grep -q 'lock_after_seconds' "$root/usr/share/doc/authdesk/policies.md" || fail "no policies.md in /usr/share/doc/authdesk"
# Every library the binary links, and those GLFW opens with dlopen, come
# with the declared dependencies.
missing=$(in_root ldd /usr/bin/authdesk | grep 'not found' || true)
[ -z "$missing" ] || fail "libraries missing in the clean root: $missing"
libs=$(in_root ldconfig -p)
for lib in libXcursor.so.1 libXrandr.so.2 libXinerama.so.1 libXi.so.6 libXxf86vm.so.1 libXrender.so.1 libX11-xcb.so.1; do
	grep -q "^[[:space:]]*$lib " <<<"$libs" || fail "$lib (opened by GLFW at run time) is not installed by the dependencies"
done
in_root authdesk --help >"$work/help.txt" 2>&1 || fail "authdesk --help failed: $(head -n 3 "$work/help.txt")"
grep -q '^Usage:' "$work/help.txt" || fail "authdesk --help printed no usage"
code=$(printf '%s\n' 'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' | in_root authdesk code --at 59 -)
[ "$code" = 287082 ] || fail "authdesk code printed '$code', want 287082 (RFC 6238 SHA-1, T=59)"
stage "installed files in place; --help and code work (287082)"

# The installed program under a real /etc/authdesk/policy.json (in the
# root, not on this machine): a 60 s lock and no clear-text export.
mkdir -p "$root/etc/authdesk"
printf '%s\n' '{"lock_after_seconds": 60, "allow_cleartext_export": false, "password_min_length": 12}' >"$root/etc/authdesk/policy.json"
mkdir -m 700 "$root/tmp/h"
printf '%s\n' 'short pw' >"$root/tmp/short"
printf '%s\n' 'a long enough password' >"$root/tmp/pw"
in_root env AUTHDESK_HOME=/tmp/h authdesk vault init --store file --password-file /tmp/short >/dev/null 2>"$work/err" &&
	fail "vault init accepted a password shorter than the policy's 12 characters"
grep -q 'password_min_length' "$work/err" || fail "the short password's refusal: $(cat "$work/err")"
in_root env AUTHDESK_HOME=/tmp/h authdesk vault init --store file --password-file /tmp/pw >/dev/null 2>"$work/err" ||
	fail "vault init under the policy: $(cat "$work/err")"
rc=0
in_root env AUTHDESK_HOME=/tmp/h authdesk vault export --format uris --password-file /tmp/pw >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" -eq 1 ] && [ ! -s "$work/out" ] || fail "vault export --format uris under the policy: exit $rc, $(wc -c <"$work/out") bytes out"
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q 'allow_cleartext_export is false in /etc/authdesk/policy.json' "$work/err" ||
	fail "the refusal is not one line naming the policy: $(cat "$work/err")"
# The policy's home wins over AUTHDESK_HOME.
mkdir -m 700 "$root/tmp/org"
printf '%s\n' '{"home": "/tmp/org"}' >"$root/etc/authdesk/policy.json"
in_root env AUTHDESK_HOME=/tmp/h authdesk vault init --profile p2 --store file --password-file /tmp/pw >/dev/null 2>"$work/err" ||
	fail "vault init under a policy home: $(cat "$work/err")"
[ -f "$root/tmp/org/profiles/p2/vault.json" ] && [ ! -e "$root/tmp/h/profiles/p2" ] ||
	fail "the policy's home was not used (AUTHDESK_HOME was)"
# A new profile in the policy's home (shared between PCs) keeps its accounts
# in files there, not in this PC's keychain, without being asked.
in_root authdesk vault init --profile p3 --password-file /tmp/pw >"$work/out" 2>"$work/err" ||
	fail "vault init in the policy home without --store: $(cat "$work/err")"
grep -q '(file store)' "$work/out" || fail "a new profile in the policy home did not take the file store: $(cat "$work/out")"
# A malformed policy: one line, and the strictest reading (no clear-text export).
printf '%s' '{"lock_after_seconds": 60, "allow_cleartext_export": tru' >"$root/etc/authdesk/policy.json"
rc=0
in_root env AUTHDESK_HOME=/tmp/h authdesk vault export --format uris --password-file /tmp/pw >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" -eq 1 ] && [ ! -s "$work/out" ] || fail "vault export --format uris under a malformed policy: exit $rc"
grep -q '^authdesk: malformed authdesk policy: /etc/authdesk/policy.json is not a JSON object; the strictest settings apply$' "$work/err" ||
	fail "the malformed policy was not reported in one line: $(cat "$work/err")"
rm -rf "$root/etc/authdesk" "$root/tmp/h" "$root/tmp/org" "$root/tmp/short" "$root/tmp/pw"
stage "the policy file: a short password and vault export --format uris refused in one line; its home used; a malformed one reported and read strictly"

# 5. Purge: nothing of the package left (directories other packages still
# own, such as /usr/share/icons/hicolor/48x48/apps, may stay).
in_root dpkg -L authdesk >"$work/files.txt"
in_root apt-get purge -y -q authdesk >"$work/purge.log" 2>&1 || {
	tail -n 20 "$work/purge.log" >&2
	fail "apt-get purge authdesk failed"
}
case "$(in_root dpkg-query -W -f='${Status}' authdesk 2>/dev/null || true)" in
*" installed" | *config-files*) fail "authdesk still installed after the purge" ;;
esac
left=""
while IFS= read -r p; do
	[ -n "$p" ] && [ "$p" != "/." ] || continue
	if [ -d "$root$p" ] && [ ! -L "$root$p" ]; then
		in_root dpkg-query -S "$p" >/dev/null 2>&1 || left="$left $p"
	elif [ -e "$root$p" ] || [ -L "$root$p" ]; then
		left="$left $p"
	fi
done <"$work/files.txt"
[ -z "$left" ] || fail "left after the purge:$left"
stage "apt-get purge: none of its $(wc -l <"$work/files.txt") paths left"

say "all checks passed in $(($(date +%s) - t0)) s"

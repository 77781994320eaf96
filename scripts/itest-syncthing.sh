#!/usr/bin/env bash
# itest-syncthing.sh: one authdesk profile in a folder that two real
# Syncthing instances keep in step (loopback only: no discovery, no relays,
# no NAT), as two hot-desk PCs would. Both PCs change the profile while
# they cannot see each other: accounts added on both, a rename on one, a
# delete on the other. After the sync and an unlock on each side, both show
# the same accounts and nothing is lost. The two "PCs" differ in host name
# (unshare --uts), as real ones do.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/bin/authdesk
[ -x "$bin" ] || go build -o "$bin" .
command -v syncthing >/dev/null || scripts/deps.sh test
start=$(date +%s)

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "itest-syncthing: $*" >&2; exit 1; }

# Free loopback ports for each instance's listener and REST API.
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
apikey=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')

pw="$tmp/pw"
printf 'a shared profile password\n' >"$pw"
for s in a b; do
	mkdir -m 700 -p "$tmp/$s/home/profiles/shared" "$tmp/$s/st"
	printf 'lock\n*.tmp-*\n' >"$tmp/$s/home/profiles/shared/.stignore"
	syncthing generate --home="$tmp/$s/st" --no-default-folder --skip-port-probing >/dev/null 2>&1
	eval "id_$s=\$(syncthing serve --home=\"\$tmp/\$s/st\" --device-id)"
	eval "listen_$s=$(port) gui_$s=$(port)"
done

config() { # config SIDE: the instance's whole configuration
	local s=$1
	local listen gui
	eval "listen=\$listen_$s gui=\$gui_$s"
	cat <<EOF
<configuration version="36">
  <folder id="authdesk" label="authdesk" path="$tmp/$s/home/profiles/shared" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="false" ignorePerms="false" autoNormalize="true">
    <filesystemType>basic</filesystemType>
    <device id="$id_a"></device>
    <device id="$id_b"></device>
    <minDiskFree unit="%">0</minDiskFree>
    <maxConflicts>10</maxConflicts>
  </folder>
  <device id="$id_a" name="pc-a" compression="metadata" introducer="false"><address>tcp://127.0.0.1:$listen_a</address></device>
  <device id="$id_b" name="pc-b" compression="metadata" introducer="false"><address>tcp://127.0.0.1:$listen_b</address></device>
  <gui enabled="true" tls="false"><address>127.0.0.1:$gui</address><apikey>$apikey</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:$listen</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <urAccepted>-1</urAccepted>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <crashReportingEnabled>false</crashReportingEnabled>
    <startBrowser>false</startBrowser>
    <minHomeDiskFree unit="%">0</minHomeDiskFree>
  </options>
</configuration>
EOF
}
for s in a b; do config "$s" >"$tmp/$s/st/config.xml"; done

st_pid_a="" st_pid_b=""
start_sync() {
	for s in a b; do
		syncthing serve --home="$tmp/$s/st" --no-browser --no-restart --no-upgrade >"$tmp/$s/st.log" 2>&1 &
		eval "st_pid_$s=$!"
		pids+=("$!")
	done
	for s in a b; do
		local gui; eval "gui=\$gui_$s"
		for _ in $(seq 1 100); do
			curl -fs -H "X-API-Key: $apikey" "http://127.0.0.1:$gui/rest/system/ping" >/dev/null 2>&1 && break
			sleep 0.2
		done
	done
}
stop_sync() {
	kill "$st_pid_a" "$st_pid_b" 2>/dev/null || true
	wait "$st_pid_a" "$st_pid_b" 2>/dev/null || true
}
api() { # api SIDE PATH [curl args]: the instance's REST API
	local gui; eval "gui=\$gui_$1"
	curl -fs -H "X-API-Key: $apikey" "${@:3}" "http://127.0.0.1:$gui$2"
}
# settle: scan both sides, then wait until each has every file of the other.
settle() {
	local deadline=$(($(date +%s) + 90)) ok
	while :; do
		api a "/rest/db/scan?folder=authdesk" -X POST >/dev/null || true
		api b "/rest/db/scan?folder=authdesk" -X POST >/dev/null || true
		sleep 1
		ok=1
		for pair in "a $id_b" "b $id_a"; do
			set -- $pair
			local c; c=$(api "$1" "/rest/db/completion?folder=authdesk&device=$2" 2>/dev/null || echo '{}')
			python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d.get("completion")==100 and d.get("needItems",1)==0 and d.get("needDeletes",1)==0 else 1)' "$c" || ok=0
			local st; st=$(api "$1" "/rest/db/status?folder=authdesk" 2>/dev/null || echo '{}')
			python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d.get("state")=="idle" and d.get("needTotalItems",1)==0 else 1)' "$st" || ok=0
		done
		[ "$ok" = 1 ] && return 0
		if [ "$(date +%s)" -ge "$deadline" ]; then
			for s in a b; do
				echo "--- $s: $(api "$s" "/rest/db/status?folder=authdesk" 2>&1 | head -c 600)" >&2
				tail -5 "$tmp/$s/st.log" >&2
			done
			fail "the two Syncthing instances did not settle in 90 s"
		fi
	done
}

# pc SIDE ARGS...: authdesk on PC a or b (its own home and host name).
pc() {
	local s=$1; shift
	AUTHDESK_HOME="$tmp/$s/home" unshare --uts sh -c 'hostname "$0"; exec "$@"' "pc-$s" "$bin" "$@"
}
v() { local s=$1 sub=$2; shift 2; pc "$s" vault "$sub" --profile shared --store file --password-file "$pw" "$@"; }
names() { v "$1" list 2>"$tmp/$1.err" | cut -f1 | sort | tr '\n' ','; }

v a init >/dev/null
add() { # add SIDE NAME KEY
	printf 'a shared profile password\notpauth://totp/%s:x?secret=%s&issuer=%s\n' "$2" "$3" "$2" |
		pc "$1" vault add --profile shared --name "$2" --password-file - - >/dev/null
}
add a Bank JBSWY3DPEHPK3PXP
add a Old GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ

start_sync
settle
[ "$(names b)" = "Bank,Old," ] || fail "PC b does not see the profile PC a made: $(names b) $(cat "$tmp/b.err")"
echo "itest-syncthing: the profile reached PC b after $(($(date +%s) - start)) s"

# Both PCs change the profile while they cannot see each other (each
# Syncthing pauses the other device, and scans its own changes).
api a "/rest/system/pause?device=$id_b" -X POST >/dev/null
api b "/rest/system/pause?device=$id_a" -X POST >/dev/null
add a VPN MFRGGZDFMZTWQ2LK
v a rename Bank "My bank" >/dev/null
add b Mail ONSWG4TFORZW65DP
v b delete Old >/dev/null
for s in a b; do
	api "$s" "/rest/db/scan?folder=authdesk" -X POST >/dev/null
done
sleep 2
api a "/rest/system/resume?device=$id_b" -X POST >/dev/null
api b "/rest/system/resume?device=$id_a" -X POST >/dev/null
settle
conflicts=$(find "$tmp/a/home" "$tmp/b/home" -name 'vault.sync-conflict-*' | wc -l)
echo "itest-syncthing: Syncthing made $conflicts conflict copies of vault.json"
if [ "$conflicts" -eq 0 ]; then
	ls -la "$tmp/a/home/profiles/shared" "$tmp/b/home/profiles/shared" >&2
	echo "a: $(names a) b: $(names b)" >&2
	grep -i conflict "$tmp/a/st.log" "$tmp/b/st.log" >&2 || true
	fail "Syncthing made no conflict copy: the test proves nothing"
fi
# Unlock on each side in turn, letting the sync carry each merge.
names a >/dev/null; grep -q "merged the changes another PC made" "$tmp/a.err" || fail "PC a was not told of a merge: $(cat "$tmp/a.err")"
settle
names b >/dev/null
settle
want="Mail,My bank,VPN,"
got_a=$(names a) got_b=$(names b)
[ "$got_a" = "$want" ] || fail "PC a shows $got_a, want $want ($(cat "$tmp/a.err"))"
[ "$got_b" = "$want" ] || fail "PC b shows $got_b, want $want ($(cat "$tmp/b.err"))"
left=$(find "$tmp/a/home" "$tmp/b/home" -name '*sync-conflict*' | wc -l)
[ "$left" -eq 0 ] || fail "$left conflict copies left after the merges"
# The keys came along: each side gives the other's new account's code.
code_a=$(v a code Mail) code_b=$(v b code VPN)
[[ "$code_a" =~ ^[0-9]{6}$ && "$code_b" =~ ^[0-9]{6}$ ]] || fail "codes across PCs: '$code_a' '$code_b'"
stop_sync
echo "itest-syncthing: ok (both PCs show $want after $(($(date +%s) - start)) s; nothing lost, the delete and the rename held)"

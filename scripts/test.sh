#!/usr/bin/env bash
# test.sh: install what the tests need, then run the whole suite: format and
# vet checks, otpcore without cgo, every Go test with a real Secret Service
# and a real X display, and the integration scripts scripts/itest-*.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh test
go mod download

echo "== gofmt"
bad=$(gofmt -l $(find . -name '*.go' -not -path './.git/*'))
if [ -n "$bad" ]; then echo "gofmt needed on: $bad" >&2; exit 1; fi

echo "== go vet"
go vet ./...

echo "== otpcore builds and passes with CGO_ENABLED=0 and no GUI or keyring dependency"
CGO_ENABLED=0 go test -count=1 ./otpcore/...
if go list -deps ./otpcore/... | grep -E 'fyne|keyring|screenshot|godbus'; then
	echo "otpcore must not depend on the packages above" >&2
	exit 1
fi

echo "== go build"
go build -o bin/authdesk .

echo "== go test (real Secret Service, Xvfb display)"
# timeout: a Fyne window that cannot get a GL context hangs instead of failing.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
timeout --kill-after=30 1800 dbus-run-session -- scripts/in-session.sh \
	go test -count=1 -timeout 25m ./... 2>&1 | tee "$log"
# (pipefail: a failing go test stops here.)
packages=$(grep -c '^ok ' "$log" || true)

itests=0
for s in scripts/itest-*.sh; do
	[ -e "$s" ] || continue
	echo "== $s"
	timeout --kill-after=30 900 "$s"
	itests=$((itests + 1))
done
echo "== all tests passed: $packages Go packages, $itests integration scripts"
echo "tests: $((packages + itests)) passed, 0 failed"

# authdesk: `make run` starts the app, `make test` runs the whole suite.
# Both install the missing Debian/Ubuntu packages first (through sudo when
# not root) and print what to install on another OS.

GO ?= go
BIN := bin/authdesk

.PHONY: measure-gui screenshots run build test deps-build deps-run deps-test vet fmt bench clean

run: deps-run build
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		echo "authdesk: no display; run it from a desktop session (DISPLAY or WAYLAND_DISPLAY)" >&2; exit 1; fi
	@if [ -z "$${DBUS_SESSION_BUS_ADDRESS:-}" ]; then exec dbus-run-session -- ./$(BIN); else exec ./$(BIN); fi

build: deps-build
	$(GO) build -o $(BIN) .

test:
	bash scripts/test.sh

deps-build:
	@bash scripts/deps.sh build
deps-run:
	@bash scripts/deps.sh run
deps-test:
	@bash scripts/deps.sh test

screenshots: deps-test build
	dbus-run-session -- bash scripts/screenshots.sh

measure-gui: deps-test
	bash scripts/measure-gui.sh

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(find . -name '*.go' -not -path './.git/*')

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./otpcore/...

clean:
	rm -rf bin

# bench-scan: authdesk's QR scanning against zxing-cpp and zbar, side by side
# (installs python3-zxing-cpp, python3-zbar, hyperfine). Run on an idle machine.
.PHONY: bench-scan
bench-scan:
	bash scripts/bench-scan.sh

# package: dist/authdesk-VERSION-linux-amd64.tar.xz, dist/authdesk_VERSION_amd64.deb
# and dist/authdesk-VERSION-windows-amd64.exe (mingw-w64); see docs/packaging.md.
.PHONY: package deps-package
package: deps-package
	bash scripts/package.sh
deps-package:
	@bash scripts/deps.sh package

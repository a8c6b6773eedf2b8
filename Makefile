# qcmap. `make run` serves the app; `make test` checks everything.
SHELL := /bin/bash
GO ?= go
ADDR ?= localhost:8080
WASM := assets/web/app.wasm
BIN := bin/qcmap
# GOFILES is every Go file, for gofmt; GOSRC is what the wasm and the binary
# are built from, so editing a test (or benchreport, a module of its own)
# rebuilds neither.
GOFILES := $(shell find . -name '*.go' -not -path './node_modules/*' -not -path './geo/mapdata/node_modules/*')
GOSRC := $(filter-out %_test.go ./server/benchreport/%,$(GOFILES))

.PHONY: run build static wasm test test-deps clean geodata bench bench-deps screenshots audit fuzz generate

# run passes -addr only when ADDR is given on the command line or in the
# environment, so that the binary's own default (localhost:8080, or :$PORT
# when PORT is set) applies otherwise.
run: build
	./$(BIN) $(if $(filter command line environment%,$(origin ADDR)),-addr $(ADDR))

build: $(BIN)

$(BIN): $(WASM) $(GOSRC) go.mod go.sum $(shell find assets -type f -not -name 'app.wasm*')
	$(GO) run ./assets/precompress assets/web
	$(GO) build -trimpath -o $(BIN) ./app

# static writes the whole site into dist/ for any static host or CDN.
static: build
	rm -rf dist
	./$(BIN) -static dist

wasm: $(WASM)

# generate writes qcmap_easyjson.go, the client's decoders of the dataset's
# types (qcmap.DecodeJSON), from qcmap.go; run it after changing a type
# there (TestDecodeJSON fails until then). The generator is the easyjson of
# go.mod.
generate:
	$(GO) generate .

# After app.wasm, precompress writes F.br and F.gz beside each compressible
# file F of assets/web (brotli 11 takes about 30 s on app.wasm), which
# the binary embeds and sends as they are; up-to-date ones are skipped.
$(WASM): $(GOSRC) go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(WASM) ./app
	$(GO) run ./assets/precompress assets/web

# test installs what the tests need (Chromium), builds the wasm, then runs
# vet, the formatting check, the wasm dependency check and every Go test,
# browser tests included. server/benchreport is its own module (its
# dependencies are not the product's), so it is vetted and tested apart.
test: test-deps $(WASM)
	@test -z "$$(gofmt -l $(GOFILES))" || { echo "gofmt would change:"; gofmt -l $(GOFILES); exit 1; }
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app ./geo ./geo/carto .
	$(GO) test -count=1 -timeout 30m ./...
	cd server/benchreport && $(GO) vet ./... && $(GO) test -count=1 ./...

test-deps:
	@command -v chromium >/dev/null || { \
	  echo "installing chromium (Debian package) for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
	@command -v npm >/dev/null || { \
	  echo "installing npm (Debian package) for axe-core, the accessibility audit, and the design system's sources"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	@# npm ci installs exactly package-lock.json; it records what it installed
	@# in node_modules/.package-lock.json, so a newer lock file means reinstall.
	@if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/.bin/lighthouse ] || \
	    [ ! -f node_modules/reveal.js/dist/reveal.js ] || \
	    [ ! -f node_modules/qc-trousse-sdg/dist/css/qc-sdg-design-tokens.min.css ] || \
	    [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; fi

# audit serves the app on AUDIT_ADDR and runs Lighthouse (pinned in
# package-lock.json) in Debian's Chromium on each of AUDIT_PAGES, then prints
# the four category scores per page and the weighted audits that fell short.
# The JSON reports are left in AUDIT_OUT.
AUDIT_ADDR ?= 127.0.0.1:8097
AUDIT_PAGES ?= / /partners/us-vt
AUDIT_OUT ?= $(CURDIR)/bin/lighthouse
CHROME_FLAGS := --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync

audit: test-deps $(BIN)
	@set -euo pipefail; \
	up() { node -e 'fetch(process.argv[1]).then(() => process.exit(0), () => process.exit(1))' "http://$(AUDIT_ADDR)/"; }; \
	if up; then echo "audit: something already listens on $(AUDIT_ADDR); set AUDIT_ADDR=127.0.0.1:PORT"; exit 1; fi; \
	rm -rf $(AUDIT_OUT) && mkdir -p $(AUDIT_OUT); \
	./$(BIN) -addr $(AUDIT_ADDR) >$(AUDIT_OUT)/server.log 2>&1 & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null || true; rm -rf $(AUDIT_OUT)/profile-*' EXIT; \
	for i in $$(seq 100); do up && break; kill -0 $$pid 2>/dev/null || { cat $(AUDIT_OUT)/server.log; exit 1; }; sleep 0.1; done; \
	up || { echo "audit: the server did not answer on $(AUDIT_ADDR)"; exit 1; }; \
	export CHROME_PATH=$${CHROMIUM:-$$(command -v chromium)}; n=0; reports=(); \
	for page in $(AUDIT_PAGES); do \
	  n=$$((n+1)); echo "audit: lighthouse http://$(AUDIT_ADDR)$$page"; \
	  node_modules/.bin/lighthouse "http://$(AUDIT_ADDR)$$page" --quiet --output=json \
	    --output-path=$(AUDIT_OUT)/$$n.json \
	    --only-categories=performance,accessibility,best-practices,seo \
	    --chrome-flags="$(CHROME_FLAGS) --user-data-dir=$(AUDIT_OUT)/profile-$$n"; \
	  reports+=("$$page=$(AUDIT_OUT)/$$n.json"); \
	done; \
	node app/internal/audit/table.cjs "$${reports[@]}"


# screenshots drives the map in Chromium and writes desktop, 16:9 laptop, tablet
# and phone views,
# in French and English, into assets/screenshots/.
screenshots: $(WASM)
	QCMAP_SCREENSHOTS=$(CURDIR)/assets/screenshots $(GO) test -count=1 -run TestScreenshots ./app

# bench runs every Go benchmark with -v (the browser ones drive Chromium and
# run their loops themselves; BenchmarkServerLoad runs wrk against the server
# and nginx), keeps the raw output in bin/bench/raw.txt and
# bin/bench/<stamp>.txt for benchstat, then prints one table of the budgets,
# pass, FAIL or missing, and writes it as JSON to bin/bench/<stamp>.json and
# bin/bench/latest.json (<stamp> is the UTC time and the commit), and the
# table in Markdown into server/benchreport/last-run.md's marked block. BENCH is
# the -bench pattern; BENCH_STRICT=1 makes a failed budget fail make.
# -p 1 runs one package's benchmarks at a time: go test's default runs as
# many as there are cores, and a package's benchmarks then shared the two
# cores with another's (the PNG's with the browser's visits).
BENCH ?= .
BENCH_STRICT ?=
bench: test-deps bench-deps $(BIN)
	@set -o pipefail; mkdir -p bin/bench; \
	stamp=$$(date -u +%Y-%m-%dT%H%M%SZ)-$$(git rev-parse --short HEAD 2>/dev/null || echo nogit); \
	QCMAP_BIN=$(CURDIR)/$(BIN) $(GO) test -p 1 -run '^$$' -bench '$(BENCH)' -benchmem -timeout 30m -v ./... 2>&1 | \
	  tee bin/bench/raw.txt | grep -Ev '^(=== RUN|--- (PASS|SKIP))'; status=$$?; \
	cp bin/bench/raw.txt bin/bench/$$stamp.txt; echo; \
	(cd server/benchreport && $(GO) run . $(if $(BENCH_STRICT),-strict) \
	  -json $(CURDIR)/bin/bench/$$stamp.json -json $(CURDIR)/bin/bench/latest.json \
	  -md $(CURDIR)/server/benchreport/last-run.md \
	  <$(CURDIR)/bin/bench/raw.txt) || status=$$?; \
	exit $$status

# bench-deps installs what BenchmarkServerLoad (app/load_bench_test.go)
# needs, each only when missing: wrk, the load tool, and nginx with Debian's
# brotli_static module, the reference it compares the server with. The
# benchmark runs its own nginx on a free loopback port; if the package's
# install started Debian's nginx service (port 80), it is stopped again.
# Then Leaflet, pinned by the peer's package-lock.json, for the Leaflet page
# measured beside qcmap (app/leaflet_peer_bench_test.go).
PEER := server/benchreport/leaflet
bench-deps:
	@missing=""; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	dpkg -s libnginx-mod-http-brotli-static >/dev/null 2>&1 || missing="$$missing libnginx-mod-http-brotli-static"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing (Debian packages) for the server load benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  case "$$missing" in *" nginx"*) \
	    if [ -s /run/nginx.pid ] && kill -0 "$$(cat /run/nginx.pid)" 2>/dev/null; then \
	      echo "stopping the nginx service the install started (the benchmark runs its own)"; \
	      if [ -d /run/systemd/system ]; then systemctl disable --now -q nginx; \
	      else /usr/sbin/nginx -s quit; fi; \
	    fi;; \
	  esac; \
	fi
	@command -v npm >/dev/null || { \
	  echo "installing npm (Debian package) for the Leaflet peer"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	@if [ ! -f $(PEER)/node_modules/leaflet/dist/leaflet.js ] || \
	    [ $(PEER)/package-lock.json -nt $(PEER)/node_modules/.package-lock.json ]; then \
	  cd $(PEER) && npm ci --no-audit --no-fund; fi

# fuzz runs every fuzz target of the module for FUZZTIME each (default 60s),
# one after the other; a failure stops it, and go test leaves the input that
# failed under the package's testdata/fuzz/ for a regression test.
FUZZTIME ?= 60s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    echo "fuzz: $$pkg $$f for $(FUZZTIME)"; \
	    $(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

geodata:
	geo/mapdata/build.sh

clean:
	rm -rf bin $(WASM) assets/web/*.br assets/web/*.gz

# qcmap. `make run` serves the app; `make test` checks everything.
SHELL := /bin/bash
GO ?= go
ADDR ?= localhost:8080
WASM := assets/web/app.wasm
BIN := bin/qcmap
GOFILES := $(shell find . -name '*.go' -not -path './geo/mapdata/node_modules/*')

.PHONY: run build static wasm test test-go test-deps vet clean geodata bench screenshots

run: build
	./$(BIN) -addr $(ADDR)

build: $(BIN)

$(BIN): $(WASM) $(GOFILES) go.mod go.sum $(shell find assets -type f -not -name app.wasm)
	$(GO) build -trimpath -o $(BIN) ./app

# static writes the whole site into dist/ for any static host or CDN.
static: build
	rm -rf dist
	./$(BIN) -static dist

wasm: $(WASM)

$(WASM): $(GOFILES) go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(WASM) ./app

# test installs what the tests need (Chromium), builds the wasm, then runs
# vet, the formatting check, the wasm dependency check and every Go test,
# browser tests included.
test: test-deps $(WASM)
	@test -z "$$(gofmt -l $(GOFILES))" || { echo "gofmt would change:"; gofmt -l $(GOFILES); exit 1; }
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app ./geo .
	$(GO) test -count=1 ./...

test-deps:
	@command -v chromium >/dev/null || { \
	  echo "installing chromium (Debian package) for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
	@command -v npm >/dev/null || { \
	  echo "installing npm (Debian package) for axe-core, the accessibility audit"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	@# npm ci installs exactly package-lock.json; it records what it installed
	@# in node_modules/.package-lock.json, so a newer lock file means reinstall.
	@if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; fi

# screenshots drives the map in Chromium and writes desktop and phone views,
# in French and English, into assets/screenshots/.
screenshots: $(WASM)
	QCMAP_SCREENSHOTS=$(CURDIR)/assets/screenshots $(GO) test -count=1 -run TestScreenshots ./app

bench:
	$(GO) test -run '^$$' -bench . -benchmem -v ./... | grep -Ev '^(=== RUN|--- )'

geodata:
	geo/mapdata/build.sh

clean:
	rm -rf bin $(WASM)

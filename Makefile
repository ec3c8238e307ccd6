# sharecart build glue. Every target installs what it needs and skips what
# is already there, so `make test` works on a fresh machine.

WASM_BINDGEN_VERSION := 0.2.130
NIGHTLY := nightly-2026-05-19
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(CURDIR)/node_modules/.bin:$(PATH)
# wasm-bindgen-test-runner stops a browser run after 20 s by default.
export WASM_BINDGEN_TEST_TIMEOUT := 300
CHROMEDRIVER := /usr/bin/chromedriver
WASM_PACK_TEST_FLAGS := --release

.PHONY: all tools tool-rust tool-nightly tool-wasm-bindgen tool-wasm-pack tool-wasm-tools \
        tool-chromium tool-node pkg npm demo miniprogram test test-miniprogram test-web test-native test-cli test-node test-chrome \
        test-package \
        test-js vector-list bench fmt clean

all: pkg

## ---- tools (idempotent) ----------------------------------------------------

tools: tool-rust tool-wasm-bindgen tool-wasm-pack tool-chromium tool-node

tool-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown

tool-nightly:
	@rustup run $(NIGHTLY) rustc --version >/dev/null 2>&1 \
	  && rustup component list --toolchain $(NIGHTLY) --installed | grep -q rust-src \
	  || rustup toolchain install $(NIGHTLY) --profile minimal -c rust-src

tool-wasm-bindgen:
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

tool-wasm-pack:
	@command -v wasm-pack >/dev/null || cargo install wasm-pack

tool-wasm-tools:
	@command -v wasm-tools >/dev/null || cargo install wasm-tools

tool-chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x $(CHROMEDRIVER) ] || ! fc-list | grep -qi "Noto Sans CJK"; then \
	  apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk; fi

tool-node: node_modules/.installed

node_modules/.installed: package.json
	npm install --no-audit --no-fund
	@touch $@

## ---- build ------------------------------------------------------------------

# pkg/web: ES module for browsers and bundlers; pkg/node: CommonJS for Node;
# pkg/npm: the npm package folder without its mini-program part
# (scripts/package/build-npm.mjs, docs/npm.md).
pkg: tool-rust tool-wasm-bindgen tool-node
	node scripts/package/build-npm.mjs --no-miniprogram --no-pack

# The npm package, pkg/sharecart-<version>.tgz: web, Node and the
# mini-program build (SPEC 10, 11).
npm: miniprogram tool-rust tool-wasm-bindgen tool-node
	node scripts/package/build-npm.mjs

# Builds the web package and serves the demo page (www/) on a local port.
demo: pkg
	node www/serve.mjs

# The WeChat mini-program build (pkg/miniprogram/, SPEC 11).
miniprogram: tool-rust tool-nightly tool-wasm-bindgen tool-wasm-tools tool-node
	node scripts/build-miniprogram.mjs

## ---- tests ------------------------------------------------------------------

test: tools tool-nightly tool-wasm-tools
	$(MAKE) test-native
	$(MAKE) npm
	$(MAKE) test-cli test-js test-node test-chrome test-miniprogram test-web test-package
	@echo "All test suites passed."

test-native:
	cargo test --release

test-cli:
	cargo build --release --bin sharecart
	node tests/js/cli.mjs target/release/sharecart

test-js: tool-node
	node tests/js/api.mjs

test-node:
	wasm-pack test --node $(WASM_PACK_TEST_FLAGS)

test-chrome: tool-chromium
	WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome \
	  --chromedriver $(CHROMEDRIVER) $(WASM_PACK_TEST_FLAGS)

test-miniprogram:
	node tests/js/miniprogram-sandbox.mjs

# Installs pkg/sharecart-<version>.tgz into fresh projects: Node ESM/CJS,
# Vite, esbuild, a plain module script (Chromium), tsc, the mini-program
# folder (tests/package/consumer.mjs). Run after `make npm`.
test-package: tool-chromium tool-node
	node tests/package/consumer.mjs

test-web: tool-chromium tool-node
	cargo build --release --bin sharecart
	node www/tests/browser.mjs

bench: pkg
	cargo bench --bench pricing
	node scripts/bench-wasm.mjs

vector-list:
	SHARECART_UPDATE_VECTOR_LIST=1 cargo test --test vector_list_current

fmt:
	cargo fmt

clean:
	cargo clean
	rm -rf pkg

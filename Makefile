# sharecart build glue. Every target installs what it needs and skips what
# is already there, so `make test` works on a fresh machine.

WASM_BINDGEN_VERSION := 0.2.130
NIGHTLY := nightly-2026-05-19
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(CURDIR)/node_modules/.bin:$(PATH)
# wasm-bindgen-test-runner stops a browser run after 20 s by default.
export WASM_BINDGEN_TEST_TIMEOUT := 300
CHROMEDRIVER := /usr/bin/chromedriver
VENV := .tools/venv
WASM_PACK_TEST_FLAGS := --release

.PHONY: all lint tools tool-rust tool-nightly tool-wasm-bindgen tool-wasm-pack tool-wasm-tools \
        tool-chromium tool-node pkg npm demo miniprogram test test-miniprogram test-web test-native test-cli test-node test-chrome \
        test-package test-batch test-server server load-test \
        test-js vector-list bench fmt clean \
        tool-wasi tool-python tool-spark tool-java wasi python test-wasi test-python test-spark bench-python

all: pkg

## ---- tools (idempotent) ----------------------------------------------------

tools: tool-rust tool-wasm-bindgen tool-wasm-pack tool-chromium tool-node

tool-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

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

# WASI (SPEC 10): the CLI for wasm32-wasip1, a Python virtualenv with the
# package's runtime and test dependencies, and Java for the Spark example.
tool-wasi:
	@rustup target list --installed | grep -qx wasm32-wasip1 \
	  || rustup target add wasm32-wasip1

tool-python: $(VENV)/.installed

$(VENV)/.installed: python/pyproject.toml
	@python3 -c 'import ensurepip, venv' 2>/dev/null \
	  || (apt-get update && apt-get install -y python3 python3-venv)
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check wasmtime pytest setuptools wheel
	@touch $@

tool-spark: tool-python tool-java $(VENV)/.spark

$(VENV)/.spark: $(VENV)/.installed
	$(VENV)/bin/pip install -q --disable-pip-version-check pyspark pyarrow "pandas<3"
	@touch $@

# PySpark needs a Java runtime: Debian's headless JRE (17, else 21).
tool-java:
	@command -v java >/dev/null || { apt-get update && \
	  (apt-get install -y openjdk-17-jre-headless || apt-get install -y openjdk-21-jre-headless); }

## ---- build ------------------------------------------------------------------

# pkg/web: ES module for browsers and bundlers; pkg/node: CommonJS for Node;
# pkg/npm: the npm package folder without its mini-program part
# (scripts/package/build-npm.mjs, docs/npm.md).
pkg: tool-rust tool-nightly tool-wasm-bindgen tool-node
	node scripts/package/build-npm.mjs --no-miniprogram --no-pack

# The npm package, pkg/sharecart-<version>.tgz: web, Node and the
# mini-program build (SPEC 10, 11).
npm: miniprogram tool-rust tool-nightly tool-wasm-bindgen tool-node
	node scripts/package/build-npm.mjs

# pkg/wasi/sharecart.wasi.wasm: the CLI for WASI runtimes (wasmtime,
# wazero, Chicory, node:wasi). Its own cargo profile: release at
# opt-level 3, about 2.4x faster than the size-tuned release build.
# No default features: the HTTP service (tokio, axum) has no place in it.
wasi: tool-wasi tool-node
	cargo build --target wasm32-wasip1 --bin sharecart --profile wasi --no-default-features \
	  --config 'profile.wasi.inherits="release"' --config 'profile.wasi.opt-level=3'
	node scripts/build-wasi.mjs target/wasm32-wasip1/wasi/sharecart.wasm pkg/wasi/sharecart.wasi.wasm

# The Python package (python/): the module is copied in (git-ignored),
# a wheel is built into pkg/python/ and installed into the virtualenv.
python: wasi tool-python
	cp pkg/wasi/sharecart.wasi.wasm python/src/sharecart/sharecart.wasi.wasm
	rm -rf pkg/python python/build
	$(VENV)/bin/pip wheel -q --no-build-isolation --no-deps -w pkg/python ./python
	$(VENV)/bin/pip install -q --force-reinstall --no-deps pkg/python/sharecart-*.whl

# Builds the web package and serves the demo page (www/) on a local port.
demo: pkg
	node www/serve.mjs

# The WeChat mini-program build (pkg/miniprogram/, SPEC 11).
miniprogram: tool-rust tool-nightly tool-wasm-bindgen tool-wasm-tools tool-node
	node scripts/build-miniprogram.mjs

## ---- tests ------------------------------------------------------------------

test: tools tool-nightly tool-wasm-tools
	$(MAKE) lint
	$(MAKE) test-native
	$(MAKE) npm
	$(MAKE) test-cli test-batch test-server test-js test-node test-chrome test-miniprogram test-web test-package
	$(MAKE) test-wasi test-python test-spark
	@echo "All test suites passed."

test-native:
	cargo test --release

# Gates (issue 13): formatting, clippy with warnings as errors (unwrap,
# expect and panic are denied in the library, src/lib.rs), and no copied
# block of six lines or more in src/ or www/ (jscpd, from npm).
lint: tool-rust tool-node
	cargo fmt --check
	cargo clippy --release --all-targets -- -D warnings
	cargo clippy --release --lib --target wasm32-unknown-unknown -- -D warnings
	npx jscpd --min-lines 6 --min-tokens 40 --format rust,javascript \
	  --reporters console --exit-code 1 src www

test-cli:
	cargo build --release --bin sharecart
	node tests/js/cli.mjs target/release/sharecart

# Batch NDJSON (SPEC 10): every vector at --jobs 1 and 2 against the
# one-request command, edge lines, input order, CLI usage manners.
test-batch:
	cargo build --release --bin sharecart
	node tests/js/batch.mjs target/release/sharecart

# The HTTP service (SPEC 10), built with the `server` feature into
# target/server/: every vector byte-identical to the CLI, every status
# code, body limit, slow clients, SIGTERM in flight, keys never logged.
server:
	cargo build --profile server --features server --bin sharecart

test-server: server tool-node
	cargo test --profile server --features server --bin sharecart
	node tests/js/server.mjs target/server/sharecart

# Load test (not part of `make test`): loopback only, stops by itself;
# figures go to docs/server.md.
load-test: server
	cargo build --profile server --features server --example load
	node benches/load-test.mjs target/server/sharecart target/server/examples/load

# The Node package's API on every vector, then the leak test: 100,000
# calls, a third of them errors, with no growth of the wasm memory after
# the first 1,000 (issue 16; about 7 s of CPU).
test-js: tool-node
	node tests/js/api.mjs
	node tests/js/leak.mjs

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
	node www/tests/serve.mjs
	node www/tests/browser.mjs

# The WASI module under node:wasi on every vector, against the native CLI.
test-wasi: wasi
	cargo build --release --bin sharecart
	node tests/js/wasi.mjs target/release/sharecart

# The Python package (installed from its wheel) on every vector, against
# the native CLI.
test-python: python
	cargo build --release --bin sharecart
	SHARECART_CLI=target/release/sharecart $(VENV)/bin/python -m pytest -q python/tests

# The PySpark example in local[2] over 10,000 generated carts, every row
# checked against the native CLI's batch output.
test-spark: python tool-spark
	cargo build --release --bin sharecart
	PYSPARK_PYTHON=$(CURDIR)/$(VENV)/bin/python SHARECART_CLI=target/release/sharecart \
	  $(VENV)/bin/python -m pytest -q -s examples/spark/test_price_orders.py

bench-python: python
	$(VENV)/bin/python python/bench.py

# Native (criterion, then the sweep), Node and headless Chromium, cold
# start, the boundary, the plot (docs/performance.md, issue 16).
bench: pkg tool-chromium
	cargo bench --bench pricing
	node scripts/bench-wasm.mjs
	cargo bench --bench hostile
	node scripts/bench-hostile.mjs

vector-list:
	SHARECART_UPDATE_VECTOR_LIST=1 cargo test --test vector_list_current

fmt:
	cargo fmt

clean:
	cargo clean
	rm -rf pkg

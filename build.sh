#!/usr/bin/env bash
# SSCASN Helper: set up, build and test everything. Idempotent; tools are cached in .tools/.
#
#   ./build.sh          set up, build both browser packages, run the demo (headless Chromium with
#                       the extension on the local replica of the SSCASN upload page)
#   ./build.sh test     set up, build, run every test (native, wasm, JS, lint, both browsers)
#   ./build.sh setup | build | demo | bench     one step alone
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
TOOLS=$ROOT/.tools
export PATH="$TOOLS/cargo/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
WASM_TARGET=wasm32-unknown-unknown

step() { printf '\n== %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

setup_system_packages() {
  local missing=()
  have chromium || missing+=(chromium)
  have chromedriver || missing+=(chromium-driver)
  have firefox-esr || missing+=(firefox-esr)
  have pdfsig || missing+=(poppler-utils)
  have qpdf || missing+=(qpdf)
  have openssl || missing+=(openssl)
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

wasm_bindgen_version() {
  # The CLI must match the crate exactly: read the version Cargo.lock resolved.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup_rust_tools() {
  if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
    step "adding the $WASM_TARGET target"
    rustup target add "$WASM_TARGET"
  fi
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want
  want=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    step "installing wasm-bindgen-cli $want into .tools (a few minutes, once)"
    # --locked fails when the registry lacks a crate its lock names; retry without.
    cargo install -q wasm-bindgen-cli --version "$want" --root "$TOOLS/cargo" --locked ||
      cargo install -q wasm-bindgen-cli --version "$want" --root "$TOOLS/cargo"
  fi
  if ! have geckodriver; then
    step "installing geckodriver into .tools (a couple of minutes, once)"
    cargo install -q geckodriver --version 0.37.0 --root "$TOOLS/cargo" --locked
  fi
}

setup_node() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "installing JS tools from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

setup() {
  setup_system_packages
  setup_rust_tools
  setup_node
}

build() {
  step "building the wasm core (size-optimised release)"
  cargo build -q -p sscasn-wasm --target "$WASM_TARGET" --release
  local out=target/wasm-web
  rm -rf "$out" && mkdir -p "$out"
  # reset-state: a trapped instance can be replaced by a fresh one (the background does so).
  wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
    --out-dir "$out" "target/$WASM_TARGET/release/sscasn_wasm.wasm" 2> >(grep -v target_features >&2)
  # The features Rust enables by default for wasm32 (wasm-opt must be told; it does not detect them).
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$out/sscasn_wasm_bg.wasm" -o "$out/sscasn_wasm_bg.wasm"

  step "assembling dist/chrome and dist/firefox"
  rm -rf dist && mkdir -p dist
  for browser in chrome firefox; do
    mkdir -p "dist/$browser/wasm"
    cp -R extension/. "dist/$browser/"
    cp "$out/sscasn_wasm.js" "$out/sscasn_wasm_bg.wasm" "dist/$browser/wasm/"
    node scripts/variant-manifest.mjs manifest.json "$browser" "dist/$browser/manifest.json"
    python3 scripts/zip-dir.py "dist/$browser" "dist/sscasn-helper-$browser.zip"
  done
  local raw gz
  raw=$(stat -c %s "$out/sscasn_wasm_bg.wasm")
  gz=$(gzip -9 -c "$out/sscasn_wasm_bg.wasm" | wc -c)
  printf 'wasm: %d KB raw, %d KB gzip; zips: chrome %d KB, firefox %d KB\n' $((raw / 1024)) $((gz / 1024)) \
    $(($(stat -c %s dist/sscasn-helper-chrome.zip) / 1024)) $(($(stat -c %s dist/sscasn-helper-firefox.zip) / 1024))
}

run_tests() {
  step "native tests (cargo test)"
  cargo test -q --workspace

  step "wasm tests (wasm-bindgen-test in Node)"
  # Not -q: cargo would pass --quiet on to the runner, which rejects it.
  local log=target/wasm-test.log
  if ! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p sscasn-wasm --target "$WASM_TARGET" >"$log" 2>&1; then
    cat "$log"
    return 1
  fi
  grep -E '^test |^test result' "$log"

  step "JS unit tests and native/wasm parity"
  cargo build -q --release --bin sscasn-check
  node --test tests/js/ tests/parity/

  step "web-ext lint (Firefox package)"
  node tests/lint/web-ext-lint.mjs dist/firefox

  step "end-to-end tests in headless Chromium and Firefox"
  node --test --test-concurrency=1 tests/e2e/
}

demo() {
  step "demo: headless Chromium with the extension on the replica upload page"
  node tests/e2e/demo.mjs
}

case "${1:-all}" in
  setup) setup ;;
  build) setup && build ;;
  test) setup && build && run_tests ;;
  demo) demo ;;
  bench) setup && build && cargo build -q --profile release-native --bin sscasn-check && node --no-warnings bench/run.mjs ;;
  all) setup && build && demo ;;
  *) echo "usage: ./build.sh [setup|build|test|demo|bench]" >&2; exit 2 ;;
esac

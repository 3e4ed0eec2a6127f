#!/usr/bin/env bash
# SSCASN Helper: set up, build and test everything. Idempotent; tools are cached in .tools/.
#
#   ./build.sh          set up, build both browser packages, run the demo (headless Chromium with
#                       the extension on the local replica of the SSCASN upload page)
#   ./build.sh test     set up, build, run every test (native, wasm, JS, lint, both browsers, and
#                       a short coverage-guided fuzz run: FUZZ_TEST_SECONDS, default 90 in all)
#   ./build.sh fuzz [seconds]   fuzz each target for [seconds] (default 600) with cargo-fuzz
#   ./build.sh fuzz-short       only the short fuzz run that `test` does
#   ./build.sh setup | build | demo | bench | galleries     one step alone
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
  python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
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

# cargo-fuzz 0.13.2 is the newest release and builds with this machine's stable Rust.
CARGO_FUZZ_VERSION=0.13.2
FUZZ_TARGETS=(analyze content fit profile)
# Besides panics, libFuzzer reports an input that runs over 10 s (a hang), a process over 512 MB
# RSS or a single allocation over 512 MB (a memory blow-up). Inputs are capped at 256 KB (the
# seeding skips the few bigger fixtures, which the ordinary tests cover).
FUZZ_FLAGS=(-timeout=10 -rss_limit_mb=512 -max_len=262144 -print_final_stats=1)
# ASan's quarantine of freed memory (256 MB by default) counts towards RSS: shrink it so the
# 512 MB limit measures the checker, not the sanitizer.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=32}

setup_fuzz() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    step "installing the nightly toolchain (cargo-fuzz needs -Zsanitizer)"
    rustup toolchain install nightly --profile minimal
  fi
  if [ "$(cargo-fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
    step "installing cargo-fuzz $CARGO_FUZZ_VERSION into .tools (a couple of minutes, once)"
    cargo install -q cargo-fuzz --version "$CARGO_FUZZ_VERSION" --root "$TOOLS/cargo" --locked
  fi
}

# Fuzz one target for $2 seconds from fuzz/corpus/$1 (which keeps growing between runs).
# Prints executions, speed, coverage and corpus size; on a finding prints the reproducer.
fuzz_target() {
  local target=$1 secs=$2 log="fuzz/target/fuzz-$1.log"
  mkdir -p fuzz/target "fuzz/artifacts/$target"
  local rc=0
  local flags=("${FUZZ_FLAGS[@]}")
  # Re-encoding images is ~50x slower under ASan: a hang for fit means 60 s, not 10.
  [ "$target" = fit ] && flags=(-timeout=60 "${FUZZ_FLAGS[@]:1}")
  cargo +nightly fuzz run -s address "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$secs" "${flags[@]}" >"$log" 2>&1 || rc=$?
  local cov
  fuzz_stat() { awk -v k="stat::$1:" '$1 == k { print $2 }' "$log"; }
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
  printf '%-8s %8s execs in %ss (%s/s), %s, peak RSS %s MB\n' "$target" "$(fuzz_stat number_of_executed_units)" \
    "$secs" "$(fuzz_stat average_exec_per_sec)" "${cov:-no coverage line}" "$(fuzz_stat peak_rss_mb)"
  if [ "$rc" != 0 ]; then
    echo "FUZZ FINDING in target '$target' (exit $rc); log: $log"
    grep -E "panicked at|^(thread|min|max)|at \./crate/|ERROR: libFuzzer|ALARM|out-of-memory|malloc\(|SUMMARY" "$log" | head -10 || true
    local unit
    unit=$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | awk '{print $5}')
    echo "reproducer: ${unit:-see $log}"
    echo "replay:     cargo +nightly fuzz run $target ${unit:-<file>}"
    echo "then fix it, copy it to tests/fixtures/fuzz-regressions/$target/<name> and record its outcome in"
    echo "tests/fixtures/fuzz-regressions/expected.json (crate/core/tests/fuzz_regressions.rs replays it)."
    return 1
  fi
}

# Fuzz every target: $1 seconds each, or ($2 = total) the budget shared by weight.
fuzz_all() {
  local secs=$1 mode=${2:-each}
  setup_fuzz
  step "seeding fuzz/corpus/* from tests/fixtures"
  python3 scripts/fuzz/seed.py
  step "building the fuzz targets (nightly, AddressSanitizer, debug assertions)"
  local start=$SECONDS
  cargo +nightly fuzz build -s address
  echo "built in $((SECONDS - start)) s"
  step "fuzzing (${FUZZ_FLAGS[*]})"
  local failed=0 target t
  for target in "${FUZZ_TARGETS[@]}"; do
    t=$secs
    if [ "$mode" = total ]; then
      # analyze is the widest surface; profile is small and saturates quickly. fit re-encodes
      # whole images, which under AddressSanitizer on a busy 2-core machine can approach the
      # 10 s hang limit on ordinary scans (0.2 s natively): it runs only in the long run.
      case $target in analyze) t=$((secs / 2)) ;; content) t=$((secs / 3)) ;; fit) t=0 ;; *) t=$((secs - secs / 2 - secs / 3)) ;; esac
    fi
    [ "$t" -gt 0 ] || continue
    fuzz_target "$target" "$t" || failed=1
  done
  return $failed
}

# pyHanko's own test PDFs ship in its PyPI sdist: cached in .cache/pyhanko-corpus (ignored) for
# the pdfsig cross-check (crate/core/tests/pyhanko_corpus.rs skips, saying so, without them).
setup_pyhanko_corpus() {
  bash scripts/pyhanko-corpus/fetch.sh || echo "warning: pyHanko's test corpus could not be fetched from PyPI; its cross-check will be skipped"
}

setup() {
  setup_system_packages
  setup_rust_tools
  setup_node
  setup_pyhanko_corpus
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
  wasm-opt -Oz --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
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

  if [ "${FUZZ_TEST_SECONDS:-90}" -gt 0 ]; then
    fuzz_all "${FUZZ_TEST_SECONDS:-90}" total
  fi

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

  galleries
  step "end-to-end tests in headless Chromium and Firefox"
  node --test --test-concurrency=1 tests/e2e/
}

galleries() {
  step "test galleries (real component libraries bundled with esbuild)"
  node scripts/build-galleries.mjs
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
  fuzz) fuzz_all "${2:-600}" each ;;
  fuzz-short) fuzz_all "${FUZZ_TEST_SECONDS:-90}" total ;;
  galleries) setup && galleries ;;
  bench) setup && build && galleries && cargo build -q --profile release-native --bin sscasn-check && node --no-warnings bench/run.mjs ;;
  all) setup && build && demo ;;
  *) echo "usage: ./build.sh [setup|build|test|demo|bench|galleries|fuzz [seconds]|fuzz-short]" >&2; exit 2 ;;
esac

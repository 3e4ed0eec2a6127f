#!/usr/bin/env bash
# SSCASN Helper: set up, build and test everything. Idempotent; tools are cached in .tools/.
#
#   ./build.sh          set up what the build and the demo need, build both browser packages, run
#                       the demo (headless Chromium with the extension on the local replica of the
#                       SSCASN upload page)
#   ./build.sh test     set up everything (also the tests' own packages: tests/package.json), build,
#                       run every test (native, wasm, JS, lint, both browsers, and a short
#                       coverage-guided fuzz run: FUZZ_TEST_SECONDS, default 90 in all)
#   ./build.sh fuzz [seconds]   fuzz each target for [seconds] (default 600) with cargo-fuzz
#   ./build.sh fuzz-short       only the short fuzz run that `test` does
#   ./build.sh soak [N]         N generated pages per flow (upload, stamp, fill; default 300) in one
#                       browser (SOAK_BROWSER, default chromium): pass rates per dimension value,
#                       failing seeds with a one-line reproduction, last one line per flow
#   ./build.sh setup | build | demo | bench | galleries     one step alone
#
# Independent installs run side by side; every command ends with a table of its stages' wall and
# CPU time. End-to-end files run E2E_CONCURRENCY at a time (default: one per core, at least 2).
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

# What the build and the demo need from Debian (Chromium runs the demo; openssl makes the replica's
# certificate), and what only the tests add (Firefox, poppler and qpdf cross-check PDFs).
setup_system_packages() {
  local what=${1:-build} missing=()
  have chromium || missing+=(chromium)
  have openssl || missing+=(openssl)
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  if [ "$what" = test ]; then
    have firefox-esr || missing+=(firefox-esr)
    have pdfsig || missing+=(poppler-utils)
    have qpdf || missing+=(qpdf)
    python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "system packages: all present"
  fi
}

wasm_bindgen_version() {
  # The CLI must match the crate exactly: read the version Cargo.lock resolved.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup_wasm_target() {
  if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
    step "adding the $WASM_TARGET target"
    rustup target add "$WASM_TARGET"
  fi
}

# The unpacked source of crate $1 version $2, as cargo downloads it (a throwaway manifest that
# depends on it; nothing is built). Prints the folder.
crate_source() {
  local dir=$TOOLS/src/fetch-$1-$2
  mkdir -p "$dir/src"
  : >"$dir/src/lib.rs"
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n%s = "=%s"\n[workspace]\n' "$1" "$2" >"$dir/Cargo.toml"
  cargo metadata -q --format-version 1 --manifest-path "$dir/Cargo.toml" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const p = JSON.parse(s).packages.find((p) => p.name === process.argv[1]);
      console.log(require("path").dirname(p.manifest_path)); });' "$1"
}

# Build tools compile in about half the time at opt-level 1 without LTO, and run fast enough.
tool_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=0 cargo install "$@"
}

# `cargo install --locked` of a tool from its published source and lock file. A lock that names a
# version the registry does not serve (wasm-bindgen-cli 0.2.130 names webpki-roots 1.0.11) is
# repaired first: only that crate moves, to the newest version the registry has that fits.
install_locked_tool() {
  local name=$1 version=$2 src
  shift 2 # the rest: extra `cargo install` arguments
  src=$TOOLS/src/$name-$version
  if [ ! -f "$src/Cargo.lock" ]; then
    rm -rf "$src" && mkdir -p "$TOOLS/src"
    cp -R "$(crate_source "$name" "$version")" "$src"
    chmod -R u+w "$src"
    # Its own workspace, not a stray member of this project's.
    grep -q '^\[workspace\]' "$src/Cargo.toml" || printf '\n[workspace]\n' >>"$src/Cargo.toml"
  fi
  local err tries=0
  while ! err=$(cargo metadata -q --locked --format-version 1 --manifest-path "$src/Cargo.toml" 2>&1 >/dev/null); do
    local missing
    missing=$(printf '%s\n' "$err" | sed -nE 's/.*failed to select a version for the requirement `([A-Za-z0-9_-]+) = .*/\1/p' | head -1)
    if [ -z "$missing" ] || [ $((tries += 1)) -gt 5 ]; then
      printf '%s\n' "$err" >&2
      return 1
    fi
    echo "$name $version: its lock names a $missing the registry lacks; taking the registry's newest that fits"
    cargo update -q -p "$missing" --manifest-path "$src/Cargo.toml"
  done
  tool_install -q --locked --path "$src" --root "$TOOLS/cargo" "$@"
}

setup_wasm_bindgen() {
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want
  want=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    step "installing wasm-bindgen-cli $want into .tools (a few minutes, once)"
    # Without its default TLS stack (rustls, ring): only its test runner's driver downloads use it,
    # and no test uses it. A third less to compile; the same output.
    install_locked_tool wasm-bindgen-cli "$want" --no-default-features
  else
    echo "wasm-bindgen-cli $want: present"
  fi
}

setup_geckodriver() {
  if ! have geckodriver; then
    step "installing geckodriver into .tools (a couple of minutes, once)"
    tool_install -q geckodriver --version 0.37.0 --root "$TOOLS/cargo" --locked
  else
    echo "geckodriver: present"
  fi
}

# npm ci into $1/node_modules from $1/package-lock.json, when the lock changed since the last one.
npm_ci() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    step "installing JS packages from $dir/package-lock.json"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    echo "JS packages in $dir/node_modules: up to date"
  fi
}
# The build's and the demo's JS tools (wasm-opt, playwright-core): a handful of packages.
setup_node() { npm_ci .; }
# What only the tests and the benchmark use: the galleries' component libraries, selenium-webdriver,
# web-ext, pdf.js, esbuild (tests/package.json; Node finds them from tests/ and scripts look there).
setup_node_tests() { npm_ci tests; }

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
    tool_install -q cargo-fuzz --version "$CARGO_FUZZ_VERSION" --root "$TOOLS/cargo" --locked
  fi
}

# The long runs build optimised, with AddressSanitizer. The short run in `test` builds unoptimised
# without a sanitizer: 122 CPU s against 620-706 (sanitizer coverage makes the optimiser slow on
# lopdf), at 30-90 executions a second instead of about 560: a smoke run that still catches
# panics, overflows (debug assertions), hangs (30 s there, for unoptimised code) and memory
# blow-ups (libFuzzer's own RSS limit). The core has no unsafe code, so ASan there watches only
# its dependencies, which the long runs keep doing.
FUZZ_BUILD=(-s address) FUZZ_HANG_SECONDS=10
# Fuzz one target for $2 seconds from fuzz/corpus/$1 (which keeps growing between runs).
# Prints executions, speed, coverage and corpus size; on a finding prints the reproducer.
fuzz_target() {
  local target=$1 secs=$2 log="fuzz/target/fuzz-$1.log"
  mkdir -p fuzz/target "fuzz/artifacts/$target"
  local rc=0
  local flags=(-timeout="$FUZZ_HANG_SECONDS" "${FUZZ_FLAGS[@]:1}")
  # Re-encoding images is ~50x slower under ASan: a hang for fit means 60 s, not 10.
  [ "$target" = fit ] && flags=(-timeout=60 "${FUZZ_FLAGS[@]:1}")
  cargo +nightly fuzz run "${FUZZ_BUILD[@]}" "$target" "fuzz/corpus/$target" -- \
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
    echo "replay:     cargo +nightly fuzz run ${FUZZ_BUILD[*]} $target ${unit:-<file>}"
    echo "then fix it, copy it to tests/fixtures/fuzz-regressions/$target/<name> and record its outcome in"
    echo "tests/fixtures/fuzz-regressions/expected.json (crate/core/tests/fuzz_regressions.rs replays it)."
    return 1
  fi
}

# Fuzz every target: $1 seconds each, or ($2 = total) the budget shared by weight.
fuzz_all() {
  local secs=$1 mode=${2:-each}
  [ "$mode" = each ] || FUZZ_BUILD=(--dev -s none) FUZZ_HANG_SECONDS=30
  setup_fuzz
  step "seeding fuzz/corpus/* from tests/fixtures"
  python3 scripts/fuzz/seed.py
  step "building the fuzz targets (nightly, ${FUZZ_BUILD[*]}, debug assertions)"
  local start=$SECONDS
  cargo +nightly fuzz build "${FUZZ_BUILD[@]}"
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

# ---- stages: each one's wall and CPU time, printed as a table when the command ends ----
STARTED_AT=$EPOCHREALTIME
STAGES_FILE=$(mktemp "${TMPDIR:-/tmp}/sscasn-stages.XXXXXX")
STAGE_LOGS=$ROOT/target/stage-logs
CLK_TCK=$(getconf CLK_TCK)
CURRENT_STAGE= CURRENT_T0= CURRENT_C0=
# CPU ticks (user + system) used by shell $1 and its finished children (cargo's rustc, the browsers…).
cpu_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat"; }
record_stage() { # NAME START_TIME START_TICKS STATUS
  local me=$BASHPID ticks
  ticks=$(cpu_ticks "$me")
  awk -v n="$1" -v a="$2" -v b="$EPOCHREALTIME" -v c="$((ticks - $3))" -v h="$CLK_TCK" -v s="$4" \
    'BEGIN { printf "%s\t%.1f\t%.1f\t%s\n", n, b - a, c / h, s }' >>"$STAGES_FILE"
}
# stage NAME COMMAND [ARGS…]: run the command in this shell and record its times (stages nest).
stage() {
  local name=$1 me=$BASHPID t0=$EPOCHREALTIME c0
  shift
  c0=$(cpu_ticks "$me")
  local outer=("$CURRENT_STAGE" "$CURRENT_T0" "$CURRENT_C0")
  CURRENT_STAGE=$name CURRENT_T0=$t0 CURRENT_C0=$c0
  "$@"
  record_stage "$name" "$t0" "$c0" ok
  CURRENT_STAGE=${outer[0]} CURRENT_T0=${outer[1]} CURRENT_C0=${outer[2]}
}
record_failed_stage() { [ -z "$CURRENT_STAGE" ] || record_stage "$CURRENT_STAGE" "$CURRENT_T0" "$CURRENT_C0" FAILED; }
# side_by_side "NAME|COMMAND [ARGS…]"…: run the stages at the same time, each one's output into
# target/stage-logs/, shown as each ends. Fails (after all have ended) when any failed.
side_by_side() {
  local spec pid done_pid failed=0
  declare -A name_of log_of
  mkdir -p "$STAGE_LOGS"
  for spec in "$@"; do
    local name=${spec%%|*} log
    log=$STAGE_LOGS/$(printf '%s' "$name" | tr -c 'A-Za-z0-9.-' '_').log
    # shellcheck disable=SC2086  # the command and its arguments, word-split on purpose
    (trap record_failed_stage EXIT; stage "$name" ${spec#*|}) >"$log" 2>&1 &
    name_of[$!]=$name log_of[$!]=$log
  done
  while [ ${#name_of[@]} -gt 0 ]; do
    if wait -n -p done_pid "${!name_of[@]}"; then step "${name_of[$done_pid]}: done"; else step "${name_of[$done_pid]}: FAILED" && failed=1; fi
    cat "${log_of[$done_pid]}"
    unset "name_of[$done_pid]"
  done
  return $failed
}
print_stages() {
  local rc=$? me=$BASHPID
  [ -z "$FUZZ_PID" ] || kill_tree "$FUZZ_PID"
  record_failed_stage
  [ -s "$STAGES_FILE" ] || { rm -f "$STAGES_FILE"; return; }
  printf '\n== stages of ./build.sh %s (wall and CPU seconds; stages side by side overlap, CPU counts both cores)\n' "$COMMAND"
  awk -F'\t' '{ printf "%-46s %8s %8s  %s\n", $1, $2, $3, $4 }' "$STAGES_FILE"
  awk -v a="$STARTED_AT" -v b="$EPOCHREALTIME" -v c="$(cpu_ticks "$me")" -v h="$CLK_TCK" -v r="$rc" \
    'BEGIN { printf "%-46s %8.1f %8.1f  %s\n", "total", b - a, c / h, r == 0 ? "ok" : "FAILED" }'
  rm -f "$STAGES_FILE"
  # The soak's one line per flow comes last, after the table.
  if [ "$COMMAND" = soak ] && [ -f tests/out/generated/summary.txt ]; then echo; cat tests/out/generated/summary.txt; fi
}

# pyHanko's own test PDFs ship in its PyPI sdist: cached in .cache/pyhanko-corpus (ignored) for
# the pdfsig cross-check (crate/core/tests/pyhanko_corpus.rs skips, saying so, without them).
setup_pyhanko_corpus() {
  bash scripts/pyhanko-corpus/fetch.sh || echo "warning: pyHanko's test corpus could not be fetched from PyPI; its cross-check will be skipped"
}

setup_build() {
  stage "setup: wasm target" setup_wasm_target
  side_by_side \
    "setup: system packages for the build and demo|setup_system_packages build" \
    "setup: wasm-bindgen-cli|setup_wasm_bindgen" \
    "setup: npm (build and demo tools)|setup_node" \
    "build: wasm core (cargo, release)|build_wasm_crate"
}

# Everything `test` needs; the compilers, downloads and installs overlap (with-fuzz: and the fuzz run
# starts beside them).
setup_test() {
  stage "setup: wasm target" setup_wasm_target
  [ "${1:-}" != with-fuzz ] || fuzz_beside_start
  side_by_side \
    "setup: system packages (all)|setup_system_packages test" \
    "setup: wasm-bindgen-cli|setup_wasm_bindgen" \
    "setup: geckodriver|setup_geckodriver" \
    "setup: pyHanko test corpus (PyPI)|setup_pyhanko_corpus" \
    "setup: npm (build and demo tools)|setup_node" \
    "setup: npm (tests) + galleries|setup_node_tests_and_galleries" \
    "build: wasm core (cargo, release)|build_wasm_crate"
}

setup_node_tests_and_galleries() {
  setup_node_tests
  galleries
}

build_wasm_crate() {
  step "building the wasm core (size-optimised release)"
  cargo build -q -p sscasn-wasm --target "$WASM_TARGET" --release
}

# wasm-bindgen, wasm-opt, and both browser packages (after build_wasm_crate).
package_extension() {
  local out=target/wasm-web
  rm -rf "$out" && mkdir -p "$out"
  # reset-state: a trapped instance can be replaced by a fresh one (the background does so).
  wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
    --out-dir "$out" "target/$WASM_TARGET/release/sscasn_wasm.wasm" 2> >(grep -v target_features >&2)
  # The features Rust enables by default for wasm32 (wasm-opt must be told; it does not detect them).
  # -O3, not -Oz: it inlines the small functions left as calls in hot loops (issue 26: the stamped
  # letter's wasm analysis ~7 % faster for ~5 KB gzip).
  # Into a file of its own, then moved: binaryen 132 once died of a segmentation fault here (a
  # rerun of the same input passed), so a crash is retried once and never leaves a half-written module.
  local opt=(wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-reference-types --enable-multivalue --enable-mutable-globals "$out/sscasn_wasm_bg.wasm" -o "$out/optimised.wasm")
  if ! "${opt[@]}"; then
    echo "wasm-opt failed; once more" >&2
    "${opt[@]}"
  fi
  mv "$out/optimised.wasm" "$out/sscasn_wasm_bg.wasm"

  step "assembling dist/chrome and dist/firefox"
  rm -rf dist && mkdir -p dist
  for browser in chrome firefox; do
    mkdir -p "dist/$browser/wasm"
    # Pages, styles, icons and messages as they are; the scripts only as bundles (below).
    (cd extension && find . -type f ! -name '*.js' ! -name package.json -exec cp --parents {} "../dist/$browser/" \;)
    cp "$out/sscasn_wasm.js" "$out/sscasn_wasm_bg.wasm" "dist/$browser/wasm/"
    node scripts/variant-manifest.mjs manifest.json "$browser" "dist/$browser/manifest.json"
  done
  # One bundle per entry point (background, each content script, each page), from the ES modules.
  node scripts/bundle-extension.mjs dist/chrome dist/firefox
  for browser in chrome firefox; do
    python3 scripts/zip-dir.py "dist/$browser" "dist/sscasn-helper-$browser.zip"
  done
  local raw gz
  raw=$(stat -c %s "$out/sscasn_wasm_bg.wasm")
  gz=$(gzip -9 -c "$out/sscasn_wasm_bg.wasm" | wc -c)
  printf 'wasm: %d KB raw, %d KB gzip; zips: chrome %d KB, firefox %d KB\n' $((raw / 1024)) $((gz / 1024)) \
    $(($(stat -c %s dist/sscasn-helper-chrome.zip) / 1024)) $(($(stat -c %s dist/sscasn-helper-firefox.zip) / 1024))
}

native_tests() {
  step "native tests (cargo test)"
  cargo test -q --workspace
}

js_tests() {
  step "JS unit tests, the wasm bindings and native/wasm parity (the shipped wasm, in Node)"
  # The debug CLI: its dependencies are the native tests' own (no second, release build of them).
  cargo build -q --bin sscasn-check
  node --test tests/js/ tests/parity/
}

web_ext_lint() {
  step "web-ext lint (Firefox package)"
  node tests/lint/web-ext-lint.mjs dist/firefox
}

# End-to-end files side by side (E2E_CONCURRENCY at a time), each in its own Node process with its
# own servers on free ports and its own browser profiles; a table of each file's time at the end.
e2e_tests() {
  step "end-to-end tests in headless Chromium and Firefox"
  node tests/e2e/run-files.mjs tests/e2e
}

# The compiled tests, one after the other, at a lower priority than the browsers.
unit_tests() {
  renice -n 5 -p "$BASHPID" >/dev/null
  stage "test: native (cargo test)" native_tests
  stage "test: JS unit, wasm bindings, parity" js_tests
  stage "test: web-ext lint" web_ext_lint
}

# The end-to-end files mostly wait on pages and timers: the compiled tests go on beside them.
run_tests() {
  side_by_side \
    "test: native, JS, lint (beside the browsers)|unit_tests" \
    "test: end-to-end (both browsers)|e2e_tests"
}

# The short fuzz run (the nightly toolchain and cargo-fuzz if missing, the ASan build, then
# FUZZ_TEST_SECONDS) goes on beside every other stage of `test`, at low priority: its build is the
# run's largest piece of CPU work, and so it takes the CPU the others leave idle (downloads, links,
# browsers waiting on pages) instead of a stretch of its own.
FUZZ_PID= FUZZ_LOG=
fuzz_beside_start() {
  [ "${FUZZ_TEST_SECONDS:-90}" -gt 0 ] || return 0
  mkdir -p "$STAGE_LOGS"
  FUZZ_LOG=$STAGE_LOGS/fuzz-short.log
  (
    trap record_failed_stage EXIT
    renice -n 10 -p "$BASHPID" >/dev/null
    stage "test: fuzz (build + ${FUZZ_TEST_SECONDS:-90} s), beside, low priority" fuzz_all "${FUZZ_TEST_SECONDS:-90}" total
  ) >"$FUZZ_LOG" 2>&1 &
  FUZZ_PID=$!
  echo "fuzz run started beside the other stages, at low priority (log: ${FUZZ_LOG#"$ROOT"/})"
}
fuzz_beside_wait() {
  [ -n "$FUZZ_PID" ] || return 0
  step "waiting for the fuzz run"
  local rc=0
  wait "$FUZZ_PID" || rc=$?
  FUZZ_PID=
  cat "$FUZZ_LOG"
  return $rc
}
# When a stage fails the command ends: the fuzz run (its cargo, its fuzzer) must not outlive it.
kill_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
  kill "$1" 2>/dev/null || true
}

galleries() {
  step "test galleries (real component libraries bundled with esbuild)"
  node scripts/build-galleries.mjs
}

demo() {
  step "demo: headless Chromium with the extension on the replica upload page"
  node tests/e2e/demo.mjs
}

# Generated pages (tests/generated/): N per flow in one browser, after a build and the galleries.
soak_run() {
  step "soak: ${1:-300} generated pages per flow in ${SOAK_BROWSER:-chromium}"
  rm -f tests/out/generated/summary.txt
  node tests/generated/run.mjs --n "${1:-300}" --from "${SOAK_FROM:-1}" --browser "${SOAK_BROWSER:-chromium}"
}

bench_run() {
  cargo build -q --profile release-native --bin sscasn-check
  node --no-warnings bench/run.mjs
}

COMMAND=${1:-all}
trap print_stages EXIT
# One step per line (not `a && b`): errexit must stay on inside every step.
PACKAGE=("build: wasm-bindgen, wasm-opt, dist/" package_extension)
case "$COMMAND" in
  setup) setup_build ;;
  build)
    setup_build
    stage "${PACKAGE[@]}"
    ;;
  test)
    setup_test with-fuzz
    stage "${PACKAGE[@]}"
    run_tests
    fuzz_beside_wait
    ;;
  demo) stage "demo" demo ;;
  fuzz) stage "fuzz" fuzz_all "${2:-600}" each ;;
  fuzz-short) stage "fuzz (short)" fuzz_all "${FUZZ_TEST_SECONDS:-90}" total ;;
  galleries)
    stage "setup: npm (tests)" setup_node_tests
    stage "galleries" galleries
    ;;
  soak)
    FUZZ_TEST_SECONDS=0 setup_test # the soak needs no fuzzer
    stage "${PACKAGE[@]}"
    stage "soak" soak_run "${2:-300}"
    ;;
  bench)
    FUZZ_TEST_SECONDS=0 setup_test # the benchmark needs no fuzzer
    stage "${PACKAGE[@]}"
    stage "bench" bench_run
    ;;
  all)
    setup_build
    stage "${PACKAGE[@]}"
    stage "demo" demo
    ;;
  *) echo "usage: ./build.sh [setup|build|test|demo|bench|galleries|soak [N]|fuzz [seconds]|fuzz-short]" >&2; exit 2 ;;
esac

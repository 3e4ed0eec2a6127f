//! Replays every reproducer the fuzzer found (tests/fixtures/fuzz-regressions/<target>/<name>)
//! exactly as its fuzz target ran it (the targets' code is included from fuzz/src/lib.rs), and
//! holds each to the outcome recorded in tests/fixtures/fuzz-regressions/expected.json:
//! `"error"`: the report's error code (`null` for none, `"any"` for "just no panic"), optional
//! `"codes"`: finding codes the report must contain. Every file needs an entry and vice versa.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

#[allow(dead_code)]
#[path = "../../../fuzz/src/lib.rs"]
mod targets;

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fuzz-regressions")
}

/// Generous for an unoptimised test build; the fuzzer itself flags anything over 10 s optimised.
const MAX_SECONDS_PER_INPUT: u64 = 60;

#[test]
fn fuzz_reproducers_stay_fixed() {
    let dir = regressions_dir();
    let text = std::fs::read_to_string(dir.join("expected.json")).expect("fuzz-regressions/expected.json");
    let expected: serde_json::Map<String, Value> = serde_json::from_str(&text).expect("valid expected.json");

    let mut files = Vec::new();
    for target in ["analyze", "content", "profile"] {
        let Ok(entries) = std::fs::read_dir(dir.join(target)) else { continue };
        for e in entries.flatten().filter(|e| e.path().is_file()) {
            files.push(format!("{target}/{}", e.file_name().to_string_lossy()));
        }
    }
    files.sort();
    let mut problems = Vec::new();
    for key in expected.keys().filter(|k| !files.contains(k)) {
        problems.push(format!("{key}: listed in expected.json but the file is missing"));
    }
    for key in &files {
        let Some(want) = expected.get(key) else {
            problems.push(format!("{key}: no entry in expected.json (add its expected outcome)"));
            continue;
        };
        let data = std::fs::read(dir.join(key)).expect("read reproducer");
        let target = key.split('/').next().unwrap_or_default();
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| match target {
            "analyze" => targets::run_analyze(&data),
            "content" => Some(targets::run_content(&data)),
            _ => {
                targets::run_profile(&data);
                None
            }
        }));
        let took = start.elapsed();
        if took > Duration::from_secs(MAX_SECONDS_PER_INPUT) {
            problems.push(format!("{key}: took {took:?}"));
        }
        let report = match outcome {
            Err(_) => {
                problems.push(format!("{key}: panicked"));
                continue;
            }
            Ok(None) => continue,
            Ok(Some(r)) => serde_json::to_value(&r).expect("report serialises"),
        };
        let want_error = &want["error"];
        if want_error.as_str() != Some("any") && report["error"] != *want_error {
            problems.push(format!("{key}: error {} != expected {}", report["error"], want_error));
        }
        let codes: Vec<&str> = report["findings"].as_array().into_iter().flatten().filter_map(|f| f["code"].as_str()).collect();
        for code in want["codes"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !codes.contains(&code) {
                problems.push(format!("{key}: finding {code} missing from {codes:?}"));
            }
        }
    }
    eprintln!("fuzz regressions: {} reproducer(s) replayed", files.len());
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

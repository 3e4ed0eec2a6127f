//! Holds the checker to the fixture corpus's ground truth (tests/fixtures/expected.json, written
//! by scripts/fixtures/generate.py, which knows where it drew every signature and stamp).

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;
use sscasn_core::{analyze, DocType, Options, Report, Stage};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn load_expected() -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(fixtures_dir().join("expected.json")).expect("tests/fixtures/expected.json");
    let map: serde_json::Map<String, Value> = serde_json::from_str(&text).expect("valid expected.json");
    map.into_iter().collect()
}

fn options_for(key: &str, e: &Value) -> Options {
    Options {
        file: e["file"].as_str().unwrap_or(key).to_string(),
        doc: DocType::parse(e["doc"].as_str().unwrap_or("other")).expect("doc type"),
        stage: Stage::parse(e["stage"].as_str().unwrap_or("upload")).expect("stage"),
        max_kb: e["max_kb"].as_u64(),
        ..Options::default()
    }
}

fn as_rect(v: &Value) -> [f64; 4] {
    let a: Vec<f64> = v.as_array().expect("rect array").iter().map(|x| x.as_f64().expect("number")).collect();
    [a[0].min(a[2]), a[1].min(a[3]), a[0].max(a[2]), a[1].max(a[3])]
}

fn overlap(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn near(a: &[f64; 4], b: &[f64; 4], tol: f64) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

/// Distance between two boxes (0 when they touch or overlap).
fn gap(a: &[f64; 4], b: &[f64; 4]) -> f64 {
    let dx = (b[0] - a[2]).max(a[0] - b[2]).max(0.0);
    let dy = (b[1] - a[3]).max(a[1] - b[3]).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

fn check(key: &str, e: &Value, r: &Report, problems: &mut Vec<String>) {
    let mut fail = |what: String| problems.push(format!("{key}: {what}"));
    let json = serde_json::to_value(r).expect("report serialises");
    let is_any = |v: &Value| v.as_str() == Some("any");

    if json["kind"] != e["kind"] {
        fail(format!("kind {} != expected {}", json["kind"], e["kind"]));
    }
    match &e["error"] {
        v if is_any(v) => {
            if json["error"].is_null() && json["pdf"].is_null() {
                fail("expected either an error or a PDF report".into());
            }
        }
        Value::Null if !json["error"].is_null() => fail(format!("unexpected error {}", json["error"])),
        Value::String(s) if json["error"].as_str() != Some(s) => fail(format!("error {} != {s}", json["error"])),
        _ => {}
    }
    if !e["ok"].is_null() && !is_any(&e["ok"]) && json["ok"] != e["ok"] {
        fail(format!("ok {} != {} (findings {:?})", json["ok"], e["ok"], r.findings.iter().map(|f| &f.code).collect::<Vec<_>>()));
    }
    if let Some(codes) = e["codes"].as_array() {
        for c in codes {
            if !r.findings.iter().any(|f| Some(f.code.as_str()) == c.as_str()) {
                fail(format!("missing finding {c} (have {:?})", r.findings.iter().map(|f| &f.code).collect::<Vec<_>>()));
            }
        }
    }
    // Every finding speaks both languages.
    for f in &r.findings {
        if f.message.id.trim().is_empty() || f.message.en.trim().is_empty() || f.message.id == f.message.en {
            fail(format!("finding {} lacks a bilingual message", f.code));
        }
    }
    if e.get("pdf").is_some_and(Value::is_null) && !json["pdf"].is_null() {
        fail("expected no PDF facts".into());
    }
    for k in ["pages", "a4", "has_text", "encrypted", "needs_password"] {
        if let Some(v) = e.get(k) {
            if json["pdf"][k] != *v {
                fail(format!("pdf.{k} {} != {v}", json["pdf"][k]));
            }
        }
    }
    if let Some(v) = e.get("certified") {
        if json["certified"] != *v {
            fail(format!("certified {} != {v}", json["certified"]));
        }
    }
    if let Some(status) = e["emeterai"].as_str() {
        if status != "any" && json["emeterai"]["status"].as_str() != Some(status) {
            fail(format!("emeterai {} != {status}", json["emeterai"]["status"]));
        }
    }
    if let Some(serial) = e["serial"].as_str() {
        if json["emeterai"]["serial"].as_str() != Some(serial) {
            fail(format!("serial {} != {serial}", json["emeterai"]["serial"]));
        }
    }
    if let Some(sigs) = e["signatures"].as_array() {
        if sigs.len() != r.signatures.len() {
            fail(format!("{} signatures, expected {}", r.signatures.len(), sigs.len()));
        }
        for (want, got) in sigs.iter().zip(&json["signatures"].as_array().cloned().unwrap_or_default()) {
            for k in ["status", "is_emeterai", "subfilter", "serial", "page"] {
                if let Some(v) = want.get(k) {
                    if got[k] != *v {
                        fail(format!("signature {k} {} != {v}", got[k]));
                    }
                }
            }
            // What the ByteRange covers and whether the signature value was verified.
            for (k, path) in [("coverage", "coverage"), ("signature_check", "signature"), ("timestamp_check", "timestamp")] {
                if let Some(v) = want.get(k) {
                    if got["checks"][path] != *v {
                        fail(format!("signature checks.{path} {} != {v} ({})", got["checks"][path], got["detail"]));
                    }
                }
            }
            if let Some(rect) = want.get("rect") {
                if got["rect"].is_null() || !near(&as_rect(&got["rect"]), &as_rect(rect), 0.5) {
                    fail(format!("signature rect {} != {rect}", got["rect"]));
                }
            }
        }
    }
    if let Some(page) = e["signature_page"].as_u64() {
        let area = as_rect(&e["signature_area"]);
        match &r.signature_spot {
            None => fail("no signature spot".into()),
            Some(s) => {
                if s.page as u64 != page {
                    fail(format!("spot on page {}, signature is on {page}", s.page));
                }
                if !overlap(&s.rect, &area) {
                    fail(format!("spot {:?} misses the signature area {area:?}", s.rect));
                }
            }
        }
        match &r.stamp_suggestion {
            None => fail("no stamp suggestion".into()),
            Some(s) => {
                let pdf_page = &r.pdf.as_ref().expect("pdf facts").page_sizes[s.page as usize - 1];
                if s.page as u64 != page {
                    fail(format!("stamp on page {}, signature is on {page}", s.page));
                }
                if s.rect[0] < 0.0 || s.rect[1] < 0.0 || s.rect[2] > pdf_page.width || s.rect[3] > pdf_page.height {
                    fail(format!("stamp {:?} leaves the page", s.rect));
                }
                if gap(&s.rect, &area) > 150.0 {
                    fail(format!("stamp {:?} is far from the signature area {area:?}", s.rect));
                }
                for keep in e["keep_clear"].as_array().into_iter().flatten() {
                    if overlap(&s.rect, &as_rect(keep)) {
                        fail(format!("stamp {:?} covers text {keep}", s.rect));
                    }
                }
                if let Some(p) = e.get("placeholder") {
                    if !overlap(&s.rect, &as_rect(p)) {
                        fail(format!("stamp {:?} ignores the Meterai placeholder {p}", s.rect));
                    }
                }
            }
        }
    }
    if e.get("spot").is_some_and(Value::is_null) && r.signature_spot.is_some() {
        fail(format!("found a spot on a page without text: {:?}", r.signature_spot));
    }
    if let Some(image) = e.get("image") {
        for (k, v) in image.as_object().into_iter().flatten() {
            if json["image"][k] != *v {
                fail(format!("image.{k} {} != {v}", json["image"][k]));
            }
        }
    }
}

#[test]
fn corpus_matches_ground_truth() {
    let expected = load_expected();
    assert!(expected.len() >= 40, "the corpus shrank to {} entries", expected.len());
    let mut problems = Vec::new();
    let mut slowest = (0.0, String::new());
    for (key, e) in &expected {
        let file = e["file"].as_str().unwrap_or(key);
        let bytes = std::fs::read(fixtures_dir().join(file)).unwrap_or_else(|err| panic!("{file}: {err}"));
        let options = options_for(key, e);
        let start = Instant::now();
        let report = analyze(&bytes, &options);
        let secs = start.elapsed().as_secs_f64();
        if secs > slowest.0 {
            slowest = (secs, key.clone());
        }
        check(key, e, &report, &mut problems);
    }
    eprintln!("corpus: {} files, slowest {:.1} ms ({})", expected.len(), slowest.0 * 1000.0, slowest.1);
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_fixture_file_has_an_expectation() {
    let expected = load_expected();
    let mut missing = Vec::new();
    for group in std::fs::read_dir(fixtures_dir()).expect("fixtures dir").flatten() {
        // fuzz-regressions/ holds fuzz inputs (not plain files) with their own expectations,
        // checked by tests/fuzz_regressions.rs; forms/ holds page snapshots and their fill plans,
        // checked by tests/fill_plans.rs.
        if !group.path().is_dir() || group.file_name() == "fuzz-regressions" || group.file_name() == "forms" {
            continue;
        }
        for f in std::fs::read_dir(group.path()).expect("group dir").flatten() {
            let rel = format!("{}/{}", group.file_name().to_string_lossy(), f.file_name().to_string_lossy());
            if !expected.iter().any(|(k, _)| *k == rel) {
                missing.push(rel);
            }
        }
    }
    assert!(missing.is_empty(), "fixtures without ground truth: {missing:?}");
}

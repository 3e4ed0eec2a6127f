//! Page trees read the way a validator reads them: every fixture in tests/fixtures/pagetrees/
//! against poppler's `pdfinfo` (live when installed, else the count recorded when the fixture was
//! made by scripts/fixtures/pagetrees.py). Where pdfinfo reads the pages, the counts must match;
//! where it gives up (a damaged xref it cannot rebuild), we must still read them.

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use sscasn_core::{analyze, DocType, Options};

fn pdfinfo_pages(path: &Path) -> Option<Option<u32>> {
    let out = Command::new("pdfinfo").arg(path).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    Some(text.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()))
}

#[test]
fn page_counts_match_pdfinfo() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(root.join("expected.json")).unwrap()).unwrap();
    let mut checked = 0;
    for (key, e) in expected.as_object().unwrap().iter().filter(|(k, _)| k.starts_with("pagetrees/")) {
        let path = root.join(key);
        let report = analyze(&std::fs::read(&path).unwrap(), &Options { doc: DocType::Other, ..Options::default() });
        let ours = report.pdf.as_ref().map(|p| p.pages);
        let recorded = e["pdfinfo"]["pages"].as_u64().map(|n| n as u32);
        let theirs = pdfinfo_pages(&path).unwrap_or(recorded);
        match theirs {
            Some(n) => assert_eq!(ours, Some(n), "{key}: pdfinfo reads {n} pages ({})", e["what"]),
            None => assert!(ours.is_some_and(|n| n > 0), "{key}: pdfinfo gives up, we must still read the pages"),
        }
        assert!(report.error.is_none(), "{key}: {:?} {:?}", report.error, report.error_detail);
        checked += 1;
    }
    assert!(checked >= 8, "page-tree fixtures: {checked}");
}

//! Cross-checks every signed fixture with poppler's `pdfsig`, the reference verifier: on the same
//! file it must agree with the checker (and the ground truth) about intact / modified / broken.
//! Certificate trust is ignored: the fixtures use a self-signed test CA, and so does the checker.

use std::path::Path;
use std::process::Command;

use sscasn_core::{analyze, Options, SignatureStatus};

/// pdfsig's verdict for each signature, in file order.
fn pdfsig_statuses(path: &Path) -> Vec<SignatureStatus> {
    let out = Command::new("pdfsig").arg(path).output().unwrap_or_else(|e| {
        panic!("pdfsig is needed for this test (`./build.sh setup` installs poppler-utils): {e}")
    });
    let text = String::from_utf8_lossy(&out.stdout);
    let mut statuses = Vec::new();
    let mut total = true;
    for line in text.lines().map(str::trim) {
        if line.starts_with("- Total document signed") {
            total = true;
        } else if line.starts_with("- Not total document signed") {
            total = false;
        } else if let Some(v) = line.strip_prefix("- Signature Validation: ") {
            statuses.push(if v.starts_with("Signature is Valid") {
                if total { SignatureStatus::Intact } else { SignatureStatus::ModifiedAfter }
            } else {
                // "Digest Mismatch.", "Signature has not yet been verified." (ranges do not fit), ...
                SignatureStatus::Broken
            });
        }
    }
    statuses
}

#[test]
fn pdfsig_agrees_on_every_signed_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/stamped");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("stamped fixtures").flatten().map(|e| e.path()).collect();
    files.sort();
    assert!(files.len() >= 8, "expected the signed fixtures in {}", dir.display());
    let mut seen = std::collections::BTreeSet::new();
    for f in &files {
        let bytes = std::fs::read(f).expect("read fixture");
        let ours: Vec<SignatureStatus> = analyze(&bytes, &Options::default()).signatures.iter().map(|s| s.status).collect();
        let theirs = pdfsig_statuses(f);
        assert!(!theirs.is_empty(), "pdfsig found no signature in {}", f.display());
        assert_eq!(ours, theirs, "checker and pdfsig disagree on {}", f.display());
        seen.extend(ours.iter().map(|s| format!("{s:?}")));
    }
    // The corpus must exercise all three states, or this test proves little.
    assert_eq!(seen.len(), 3, "states covered: {seen:?}");
}

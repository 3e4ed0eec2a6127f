//! Shared by the cross-checks with poppler's `pdfsig` (tests/pdfsig.rs, tests/pyhanko_corpus.rs).

use std::path::Path;
use std::process::Command;

use sscasn_core::SignatureStatus;

/// pdfsig's verdict for each signature, in file order; `None` where pdfsig cannot validate that
/// type (it does not implement RFC 3161 document timestamps: "Unable to validate this type").
pub fn pdfsig_statuses(path: &Path) -> Vec<Option<SignatureStatus>> {
    let out = Command::new("pdfsig").arg(path).output().unwrap_or_else(|e| {
        panic!("pdfsig is needed for this test (`./build.sh setup` installs poppler-utils): {e}")
    });
    let text = String::from_utf8_lossy(&out.stdout);
    let mut statuses = Vec::new();
    let mut total = true;
    let mut unknown_type = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("- Total document signed") {
            total = true;
        } else if line.starts_with("- Not total document signed") {
            total = false;
        } else if let Some(t) = line.strip_prefix("- Signature Type: ") {
            unknown_type = t == "unknown";
        } else if let Some(v) = line.strip_prefix("- Signature Validation: ") {
            statuses.push(if v.starts_with("Signature is Valid") {
                Some(if total { SignatureStatus::Intact } else { SignatureStatus::ModifiedAfter })
            } else if unknown_type && v.starts_with("Signature has not yet been verified") {
                None
            } else {
                // "Digest Mismatch.", "Signature has not yet been verified." (ranges do not fit), ...
                Some(SignatureStatus::Broken)
            });
        }
    }
    statuses
}

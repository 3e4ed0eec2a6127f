//! Cross-checks every signed fixture with poppler's `pdfsig`, the reference verifier: on the same
//! file it must agree with the checker (and the ground truth) about intact / modified / broken.
//! Certificate trust is ignored: the fixtures use a self-signed test CA, and so does the checker.

use std::path::Path;
use std::process::Command;

use sscasn_core::{analyze, Options, SignatureStatus};

/// pdfsig's verdict for each signature, in file order; `None` where pdfsig cannot validate that
/// type (it does not implement RFC 3161 document timestamps: "Unable to validate this type").
fn pdfsig_statuses(path: &Path) -> Vec<Option<SignatureStatus>> {
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

/// Ours against pdfsig's, where pdfsig has a verdict. A stamp followed only by a document
/// timestamp or validation data is intact for us and "not total document signed" for pdfsig.
fn agrees(ours: &sscasn_core::SignatureInfo, theirs: Option<SignatureStatus>) -> bool {
    match theirs {
        None => ours.subfilter.as_deref() == Some("ETSI.RFC3161"),
        Some(SignatureStatus::ModifiedAfter) if ours.detail.contains("only a document timestamp or validation data") => {
            ours.status == SignatureStatus::Intact
        }
        Some(t) => ours.status == t,
    }
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
        let ours = analyze(&bytes, &Options::default()).signatures;
        let theirs = pdfsig_statuses(f);
        assert!(!theirs.is_empty(), "pdfsig found no signature in {}", f.display());
        assert_eq!(ours.len(), theirs.len(), "signature count differs on {}", f.display());
        for (o, t) in ours.iter().zip(&theirs) {
            assert!(agrees(o, *t), "checker ({:?}, {}) and pdfsig ({t:?}) disagree on {}", o.status, o.detail, f.display());
        }
        seen.extend(ours.iter().map(|s| format!("{:?}", s.status)));
    }
    // The corpus must exercise all three states, or this test proves little.
    assert_eq!(seen.len(), 3, "states covered: {seen:?}");
}

/// The same stamp with its CMS written as BER (indefinite lengths, as BouncyCastle-based signers
/// do): still intact for the checker and for pdfsig. Only /Contents changes, which the signed
/// byte ranges exclude.
#[test]
fn a_stamp_whose_cms_is_ber_is_still_intact() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/stamped");
    let mut pdf = std::fs::read(dir.join("stamped_pkcs7.pdf")).unwrap();
    let at = pdf.windows(11).position(|w| w == b"/Contents <").unwrap() + 11;
    let end = at + pdf[at..].iter().position(|&b| b == b'>').unwrap();
    let der: Vec<u8> = (at..end)
        .step_by(2)
        .map(|i| u8::from_str_radix(std::str::from_utf8(&pdf[i..i + 2]).unwrap(), 16).unwrap())
        .collect();
    // Outer SEQUENCE: 30 82 LL LL (definite) -> 30 80 ... 00 00 (indefinite).
    assert_eq!((der[0], der[1]), (0x30, 0x82), "the fixture's CMS starts with a two-byte length");
    let len = u16::from_be_bytes([der[2], der[3]]) as usize;
    let mut ber = vec![0x30, 0x80];
    ber.extend_from_slice(&der[4..4 + len]);
    ber.extend_from_slice(&[0, 0]);
    let mut hex: Vec<u8> = ber.iter().flat_map(|b| format!("{b:02x}").into_bytes()).collect();
    assert!(hex.len() <= end - at);
    hex.resize(end - at, b'0');
    pdf[at..end].copy_from_slice(&hex);
    let report = analyze(&pdf, &Options::default());
    assert_eq!(report.signatures.iter().map(|s| s.status).collect::<Vec<_>>(), vec![SignatureStatus::Intact], "{:?}", report.signatures);
    let path = std::env::temp_dir().join(format!("sscasn-ber-{}.pdf", std::process::id()));
    std::fs::write(&path, &pdf).unwrap();
    let theirs = pdfsig_statuses(&path);
    let _ = std::fs::remove_file(&path);
    assert_eq!(theirs, vec![Some(SignatureStatus::Intact)], "pdfsig reads the BER stamp as valid too");
}

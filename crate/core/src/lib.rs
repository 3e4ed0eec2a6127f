//! sscasn-core: checks a file a person is about to upload to SSCASN or stamp with an e-Meterai.
//!
//! One entry point, [`analyze`], takes the file's bytes and [`Options`] and returns a [`Report`]:
//! the file's real kind, PDF health, signatures and e-Meterai state, where the hand signature sits,
//! where the stamp should go, and findings in Indonesian and English. It never panics on any input
//! and bounds the work it does (see [`limits`]); it uses no clock, threads or I/O, so the same
//! bytes give the same report natively and in wasm.

pub mod fill;
pub mod findings;
pub mod fingerprint;
pub mod fit;
pub mod image;
pub mod layout;
pub mod limits;
pub mod options;
pub mod pdf;
pub mod prepare;
pub mod profile;
pub mod report;
pub mod sniff;
pub mod spot;
pub mod stated_rules;
pub mod vault;

pub use options::{DocType, Options, Stage};
pub use report::*;

/// Analyse one file. Never panics; every problem becomes a finding.
pub fn analyze(bytes: &[u8], options: &Options) -> Report {
    let kind = sniff::sniff(bytes);
    let mut report = blank_report(bytes, kind, options);
    let mut budget = limits::Budget::for_file(bytes.len());
    match kind {
        Kind::Empty => report.error = Some(ErrorCode::Empty),
        Kind::Pdf => pdf::inspect_into(bytes, &mut budget, &mut report),
        Kind::Jpeg | Kind::Png => {
            report.image = image::inspect(bytes, kind, options.doc);
            if options.doc.rules().expected == options::ExpectedType::Pdf {
                report.error = Some(ErrorCode::NotPdf);
            }
        }
        Kind::Html | Kind::Unknown => report.error = Some(ErrorCode::NotPdf),
    }
    findings::evaluate(&mut report, options);
    report.ok = !report.findings.iter().any(|f| f.severity == Severity::Error);
    report
}

/// A report with the file's facts still unread (what [`analyze`] starts from).
pub(crate) fn blank_report(bytes: &[u8], kind: Kind, options: &Options) -> Report {
    Report {
        file: options.file.clone(),
        bytes: bytes.len() as u64,
        kind,
        ok: true,
        error: None,
        error_detail: None,
        doc: options.doc,
        stage: options.stage,
        max_bytes: options.max_bytes(),
        pdf: None,
        signatures: Vec::new(),
        certified: false,
        emeterai: EmeteraiSummary { status: EmeteraiStatus::Unknown, serial: None, page: None, rect: None, count: 0 },
        signature_spot: None,
        stamp_suggestion: None,
        findings: Vec::new(),
        image: None,
        preview: None,
        page_fingerprints: Vec::new(),
    }
}

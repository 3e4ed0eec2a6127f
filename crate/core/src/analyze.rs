//! The analysis pipeline, in one place: load → inspect → layout → spot → fingerprint → findings.
//! Each step takes the previous one's output, and a caller runs only the steps it needs: the
//! upload verdict stops at the findings and never fingerprints pages; the stamping helper asks
//! for the fingerprints of the pages it needs ([`page_fingerprints`]) when it needs them.

use crate::layout::PageLayout;
use crate::limits::Budget;
use crate::options::{ExpectedType, Options};
use crate::report::{EmeteraiStatus, EmeteraiSummary, ErrorCode, Kind, PageOutline, Report, Severity};
use crate::{findings, fingerprint, image, layout, pdf, sniff, spot};

/// Analyse one file: read it ([`read`]), then judge it for `options` ([`judge`]).
pub fn analyze(bytes: &[u8], options: &Options) -> Report {
    judge(read(bytes, options).report, options)
}

/// A file read as far as the verdict needs, before any finding: the report's facts, and the
/// pages' layout (empty for anything but a readable PDF) for callers that look at the text too.
pub struct Read {
    pub report: Report,
    pub layouts: Vec<PageLayout>,
}

/// Read `bytes`: sniff, then a PDF's pipeline ([`read_pdf`]) or an image's facts.
pub fn read(bytes: &[u8], options: &Options) -> Read {
    let kind = sniff::sniff(bytes);
    let mut report = blank_report(bytes, kind, options);
    let mut layouts = Vec::new();
    match kind {
        Kind::Empty => report.error = Some(ErrorCode::Empty),
        Kind::Pdf => layouts = read_pdf(bytes, &mut report),
        Kind::Jpeg | Kind::Png => {
            report.image = image::inspect(bytes, kind, options.doc);
            if options.doc.rules().expected == ExpectedType::Pdf {
                report.error = Some(ErrorCode::NotPdf);
            }
        }
        Kind::Html | Kind::Unknown => report.error = Some(ErrorCode::NotPdf),
    }
    Read { report, layouts }
}

/// The findings for `options` on a read report, and whether it is ok. Cheap: a file read once
/// can be judged for several stages.
pub fn judge(mut report: Report, options: &Options) -> Report {
    report.stage = options.stage;
    report.max_bytes = options.max_bytes();
    findings::evaluate(&mut report, options);
    report.ok = !report.findings.iter().any(|f| f.severity == Severity::Error);
    report
}

/// A PDF sniffed as such: load → inspect → layout → spot, filling `report`; returns the layouts.
pub fn read_pdf(bytes: &[u8], report: &mut Report) -> Vec<PageLayout> {
    let mut budget = Budget::for_file(bytes.len());
    let opened = match pdf::open(bytes, &mut budget) {
        Ok(o) => o,
        Err(e) => {
            report.error = Some(e.code);
            report.error_detail = e.detail;
            report.pdf = e.pdf;
            return Vec::new();
        }
    };
    let inspection = pdf::inspect(&opened, bytes, &mut budget);
    report.signatures = inspection.signatures;
    report.certified = inspection.certified;
    report.emeterai = inspection.emeterai;
    let mut info = inspection.info;

    let layouts = match layout::read_pages(&opened.loaded.doc, &opened.pages, &mut budget) {
        Ok(l) => l,
        Err(_) => {
            report.error = Some(ErrorCode::TooComplex);
            report.error_detail = Some("the page contents are too complex to read".into());
            Vec::new()
        }
    };
    info.has_text = layouts.iter().any(|p| p.has_text());
    report.pdf = Some(info);

    let (found, suggestion) = spot::locate(&layouts);
    report.preview = suggestion.as_ref().and_then(|s| layouts.iter().find(|p| p.page == s.page)).map(spot::outline);
    report.signature_spot = found;
    report.stamp_suggestion = suggestion;
    if budget.exhausted() && report.error.is_none() {
        report.error = Some(ErrorCode::TooComplex);
        report.error_detail = Some("the file needs more work to analyse than allowed".into());
    }
    layouts
}

/// The fingerprints of the pages `wanted` (1-based; unknown pages and repeats are skipped, at most
/// [`fingerprint::MAX_PAGES`]), for the stamping helper to tell which page a viewer shows. Reads
/// only those pages' layout: no signature is checked. Empty when the file is not a readable PDF.
pub fn page_fingerprints(bytes: &[u8], wanted: &[u32]) -> Vec<PageOutline> {
    if sniff::sniff(bytes) != Kind::Pdf {
        return Vec::new();
    }
    let mut budget = Budget::for_file(bytes.len());
    let Ok(opened) = pdf::open(bytes, &mut budget) else { return Vec::new() };
    let mut numbers: Vec<u32> = wanted.iter().copied().filter(|&n| n >= 1 && n as usize <= opened.pages.len()).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers.truncate(fingerprint::MAX_PAGES);
    let mut out = Vec::with_capacity(numbers.len());
    for n in numbers {
        match layout::read_page(&opened.loaded.doc, &opened.pages[n as usize - 1], n, &mut budget) {
            Ok(page) => out.push(fingerprint::page(&page)),
            Err(_) => break, // out of budget: the rest keep none (the helper falls back to the indicator)
        }
    }
    out
}

/// A report with the file's facts still unread (what [`read`] starts from).
pub fn blank_report(bytes: &[u8], kind: Kind, options: &Options) -> Report {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(rel: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn fingerprints_only_the_pages_asked_for() {
        let bytes = fixture("stamped/stamped_page3.pdf");
        let all = page_fingerprints(&bytes, &[1, 2, 3]);
        assert_eq!(all.iter().map(|p| p.page).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert!(all.iter().all(|p| !p.text.is_empty()));
        let some = page_fingerprints(&bytes, &[3, 3, 0, 99, 2]);
        assert_eq!(some.iter().map(|p| p.page).collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(some[1], all[2], "a page's fingerprint does not depend on which others are asked for");
        assert!(page_fingerprints(b"%PDF-1.4 garbage", &[1]).is_empty());
        assert!(page_fingerprints(b"\xff\xd8\xff\xe0", &[1]).is_empty());
    }

    #[test]
    fn judging_a_read_file_twice_gives_each_stage_its_verdict() {
        let bytes = fixture("stamped/stamped_page3.pdf");
        let upload = Options { doc: crate::DocType::SuratLamaran, stage: crate::Stage::Upload, ..Options::default() };
        let stamping = Options { stage: crate::Stage::Stamping, ..upload.clone() };
        let read_once = read(&bytes, &upload).report;
        assert_eq!(judge(read_once.clone(), &upload), analyze(&bytes, &upload));
        assert_eq!(judge(read_once, &stamping), analyze(&bytes, &stamping));
    }
}

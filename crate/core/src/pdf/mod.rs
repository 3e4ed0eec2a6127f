//! PDF inspection: load with bounds, health, signatures and the e-Meterai summary, then the
//! page layout for the signature spot.

pub mod cms;
pub mod crypto;
pub mod decode;
pub mod load;
pub mod revisions;
pub mod signatures;

use crate::limits::Budget;
use crate::report::{round2, EmeteraiStatus, EmeteraiSummary, ErrorCode, PageInfo, PdfInfo, Report};

/// A4 in points, and how far a page may be off and still count (rounding in producers).
const A4: (f64, f64) = (595.28, 841.89);
const A4_TOLERANCE: f64 = 3.0;

/// Fill `report.pdf`, `signatures`, `certified`, `emeterai`, `error`, `signature_spot` and
/// `stamp_suggestion` for a file sniffed as PDF.
pub fn inspect_into(bytes: &[u8], budget: &mut Budget, report: &mut Report) {
    inspect_with_layouts(bytes, budget, report);
}

/// [`inspect_into`], also returning the pages' layout it read (empty when none could be read),
/// for callers that look at the text too (the set check classifies documents by their text).
pub fn inspect_with_layouts(bytes: &[u8], budget: &mut Budget, report: &mut Report) -> Vec<crate::layout::PageLayout> {
    let unknown = EmeteraiSummary { status: EmeteraiStatus::Unknown, serial: None, page: None, rect: None, count: 0 };
    let loaded = match load::load(bytes, budget) {
        Ok(l) => l,
        Err(e) => {
            report.error = Some(e.code);
            report.error_detail = Some(e.detail);
            report.emeterai = unknown;
            return Vec::new();
        }
    };
    let doc = &loaded.doc;
    let version = header_version(doc);
    if loaded.needs_password {
        report.error = Some(ErrorCode::NeedsPassword);
        report.emeterai = unknown;
        report.pdf = Some(PdfInfo {
            version,
            pages: 0,
            encrypted: true,
            needs_password: true,
            a4: false,
            has_text: false,
            recovered: loaded.recovered,
            page_sizes: Vec::new(),
        });
        return Vec::new();
    }
    let pages = load::pages(doc, budget);
    if pages.is_empty() {
        report.error = Some(ErrorCode::Corrupt);
        report.error_detail = Some("the PDF has no readable pages".into());
        report.emeterai = unknown;
        return Vec::new();
    }
    let page_sizes: Vec<PageInfo> = pages.iter().map(page_info).collect();
    report.signatures = signatures::signatures(doc, &pages, bytes, budget);
    report.certified = report.signatures.iter().any(|s| s.certifying);
    report.emeterai = signatures::summarize_emeterai(&report.signatures);

    let layouts = match crate::layout::read_pages(doc, &pages, budget) {
        Ok(l) => l,
        Err(_) => {
            report.error = Some(ErrorCode::TooComplex);
            report.error_detail = Some("the page contents are too complex to read".into());
            Vec::new()
        }
    };
    let has_text = layouts.iter().any(|p| p.has_text());
    let (spot, suggestion) = crate::spot::locate(&layouts);
    report.preview = suggestion
        .as_ref()
        .and_then(|s| layouts.iter().find(|p| p.page == s.page))
        .map(crate::spot::outline);
    report.signature_spot = spot;
    report.stamp_suggestion = suggestion;
    report.page_fingerprints = crate::fingerprint::pages(&layouts);
    report.pdf = Some(PdfInfo {
        version,
        pages: pages.len() as u32,
        encrypted: loaded.encrypted,
        needs_password: false,
        a4: page_sizes.iter().all(|p| p.a4),
        has_text,
        recovered: loaded.recovered,
        page_sizes,
    });
    if budget.exhausted() && report.error.is_none() {
        report.error = Some(ErrorCode::TooComplex);
        report.error_detail = Some("the file needs more work to analyse than allowed".into());
    }
    layouts
}

/// The visible page box (CropBox within MediaBox), in points.
pub fn visible_box(page: &load::PageRef) -> [f64; 4] {
    let media = page.media_box.unwrap_or([0.0, 0.0, A4.0, A4.1]);
    match page.crop_box {
        Some(c) => {
            let r = [c[0].max(media[0]), c[1].max(media[1]), c[2].min(media[2]), c[3].min(media[3])];
            if r[2] > r[0] && r[3] > r[1] { r } else { media }
        }
        None => media,
    }
}

fn page_info(page: &load::PageRef) -> PageInfo {
    let b = visible_box(page);
    let (mut w, mut h) = (b[2] - b[0], b[3] - b[1]);
    if page.rotate.rem_euclid(180) == 90 {
        std::mem::swap(&mut w, &mut h);
    }
    let near = |a: f64, b: f64| (a - b).abs() <= A4_TOLERANCE;
    let a4 = (near(w, A4.0) && near(h, A4.1)) || (near(w, A4.1) && near(h, A4.0));
    PageInfo { width: round2(w), height: round2(h), a4 }
}

/// The PDF version: the header's, or the catalog's `/Version` when it is newer.
fn header_version(doc: &lopdf::Document) -> String {
    let header = doc.version.clone();
    let catalog = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Version").ok())
        .and_then(|v| v.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned());
    match catalog {
        Some(v) if version_number(&v) > version_number(&header) => v,
        _ => header,
    }
}

pub fn version_number(v: &str) -> f64 {
    v.trim().parse().unwrap_or(0.0)
}

//! Reading a PDF: load it within bounds, find its pages, and inspect what the file itself says
//! (version, page sizes, encryption, signatures and the e-Meterai). What the pages show (layout),
//! where the signature sits (spot) and the pages' fingerprints are later steps of the pipeline
//! (`crate::analyze`), which take this module's output; nothing here knows of them.

pub mod cms;
pub mod crypto;
pub mod decode;
pub(crate) mod lexer;
pub mod load;
pub mod revisions;
pub mod signatures;

use crate::limits::Budget;
use crate::report::{round2, EmeteraiSummary, ErrorCode, PageInfo, PdfInfo, SignatureInfo};

/// A4 in points, and how far a page may be off and still count (rounding in producers).
const A4: (f64, f64) = (595.28, 841.89);
const A4_TOLERANCE: f64 = 3.0;

/// Why a PDF's pages cannot be read, with what could be said about it anyway.
#[derive(Debug)]
pub struct Unreadable {
    pub code: ErrorCode,
    pub detail: Option<String>,
    /// Filled when the file opened far enough to tell (a password-locked PDF).
    pub pdf: Option<PdfInfo>,
}

/// A loaded PDF and its pages (the first step: nothing inspected yet).
pub struct Opened {
    pub loaded: load::Loaded,
    pub pages: Vec<load::PageRef>,
    pub version: String,
}

/// What the file itself says, read from an [`Opened`] PDF.
pub struct Inspection {
    /// `has_text` stays false here: only the layout step knows.
    pub info: PdfInfo,
    pub signatures: Vec<SignatureInfo>,
    pub certified: bool,
    pub emeterai: EmeteraiSummary,
}

/// Load `bytes` (sniffed as PDF) and find its pages.
pub fn open(bytes: &[u8], budget: &mut Budget) -> Result<Opened, Unreadable> {
    let loaded = load::load(bytes, budget).map_err(|e| Unreadable { code: e.code, detail: Some(e.detail), pdf: None })?;
    let version = header_version(&loaded.doc);
    if loaded.needs_password {
        let pdf = PdfInfo {
            version,
            pages: 0,
            encrypted: true,
            needs_password: true,
            a4: false,
            has_text: false,
            recovered: loaded.recovered,
            page_sizes: Vec::new(),
        };
        return Err(Unreadable { code: ErrorCode::NeedsPassword, detail: None, pdf: Some(pdf) });
    }
    let pages = load::pages(&loaded.doc, budget);
    if pages.is_empty() {
        return Err(Unreadable { code: ErrorCode::Corrupt, detail: Some("the PDF has no readable pages".into()), pdf: None });
    }
    Ok(Opened { loaded, pages, version })
}

/// Page sizes, encryption, signatures and the e-Meterai summary of an opened PDF.
pub fn inspect(opened: &Opened, bytes: &[u8], budget: &mut Budget) -> Inspection {
    let doc = &opened.loaded.doc;
    let page_sizes: Vec<PageInfo> = opened.pages.iter().map(page_info).collect();
    let signatures = signatures::signatures(doc, &opened.pages, bytes, budget);
    let certified = signatures.iter().any(|s| s.certifying);
    let emeterai = signatures::summarize_emeterai(&signatures);
    let info = PdfInfo {
        version: opened.version.clone(),
        pages: opened.pages.len() as u32,
        encrypted: opened.loaded.encrypted,
        needs_password: false,
        a4: page_sizes.iter().all(|p| p.a4),
        has_text: false,
        recovered: opened.loaded.recovered,
        page_sizes,
    };
    Inspection { info, signatures, certified, emeterai }
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

//! Text and image layout of PDF pages: a bounded content-stream interpreter.
//! (Stub: owned by the layout work. The types and `read_pages` signature are the contract.)

use crate::limits::{Budget, Exhausted};
use crate::report::Rect;

/// A run of text as drawn: its Unicode text and the box it occupies, in points, in the page's
/// coordinate system (origin at the visible page's bottom-left).
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub text: String,
    pub rect: Rect,
    pub font_size: f64,
    pub bold: bool,
}

/// What one page shows: text runs and placed images.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLayout {
    /// 1-based page number.
    pub page: u32,
    pub width: f64,
    pub height: f64,
    pub text: Vec<TextRun>,
    /// Boxes of image XObjects / inline images drawn on the page.
    pub images: Vec<Rect>,
    /// Interpretation stopped early (budget, unsupported data); what is here is still valid.
    pub truncated: bool,
}

impl PageLayout {
    pub fn has_text(&self) -> bool {
        self.text.iter().any(|r| !r.text.trim().is_empty())
    }
}

/// Read the layout of every page (up to `limits::MAX_PAGES_SCANNED`).
pub fn read_pages(_doc: &lopdf::Document, _budget: &mut Budget) -> Result<Vec<PageLayout>, Exhausted> {
    Ok(Vec::new())
}

//! A small per-page fingerprint: where each page shows text fragments and images, coarsely, so
//! that a stamping helper can tell which page a viewer displays by comparing the rendered picture
//! (dark pixels) with it — without trusting a page indicator that may be absent or misread.

use crate::layout::PageLayout;
use crate::report::PageOutline;

/// Pages fingerprinted (the rest keep none: a helper then falls back to the viewer's indicator).
pub const MAX_PAGES: usize = 30;
/// Boxes kept per page: the first text fragments top-down (enough to tell letter pages apart).
pub const MAX_BOXES: usize = 120;

/// One coarse outline per page (text fragments and images, in whole points).
pub fn pages(layouts: &[PageLayout]) -> Vec<PageOutline> {
    layouts.iter().take(MAX_PAGES).map(page).collect()
}

/// One page's coarse outline.
pub fn page(layout: &PageLayout) -> PageOutline {
    let mut o = crate::spot::outline(layout);
    let round = |r: &mut [f64; 4]| *r = r.map(f64::round);
    o.text.truncate(MAX_BOXES);
    o.images.truncate(MAX_BOXES / 4);
    o.text.iter_mut().chain(o.images.iter_mut()).for_each(round);
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::TextRun;

    fn page(n: u32, lines: &[(f64, f64)]) -> PageLayout {
        let text = lines
            .iter()
            .map(|&(y, w)| TextRun { text: "kata kata".into(), rect: [72.0, y, 72.0 + w, y + 11.0], font_size: 11.0, bold: false })
            .collect();
        PageLayout { page: n, width: 595.28, height: 841.89, text, images: vec![], image_objects: vec![], truncated: false }
    }

    #[test]
    fn one_outline_per_page_with_its_own_lines() {
        let fp = pages(&[page(1, &[(700.0, 400.0), (680.0, 300.0)]), page(2, &[(500.3, 200.0)])]);
        assert_eq!(fp.len(), 2);
        assert_eq!(fp[0].page, 1);
        assert_eq!(fp[0].text.len(), 2);
        assert_eq!(fp[1].text, vec![[72.0, 500.0, 272.0, 511.0]]);
    }

    #[test]
    fn bounded() {
        let many: Vec<(f64, f64)> = (0..400).map(|i| (800.0 - i as f64 * 2.0, 100.0)).collect();
        let layouts: Vec<PageLayout> = (1..=40).map(|n| page(n, &many)).collect();
        let fp = pages(&layouts);
        assert_eq!(fp.len(), MAX_PAGES);
        assert!(fp.iter().all(|p| p.text.len() <= MAX_BOXES));
    }
}

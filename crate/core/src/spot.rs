//! Where the hand signature sits, and where the e-Meterai should go.
//!
//! Indonesian letters close with a phrase ("Hormat saya,", "Yang membuat pernyataan,"), often a
//! date line above it, then a blank gap for the signature, then the signer's name (often bold,
//! underlined or in parentheses) and a NIK/NIP line. The gap between the closing and the name is
//! the signature spot; the stamp goes beside it, covering no text.

use crate::layout::{PageLayout, TextRun};
use crate::report::{normalize_rect, round2, PageOutline, Rect, SignatureSpot, StampSuggestion};

/// The stamping portals' default stamp box, in points.
pub const STAMP_SIZE: f64 = 100.0;
/// Distance kept from the page edges, and between the stamp and the signature block (a hand
/// signature often starts a little left of the printed name).
const MARGIN: f64 = 18.0;
const GAP: f64 = 12.0;
/// A signature needs at least this much blank height between closing and name.
const MIN_SIGNATURE_GAP: f64 = 24.0;
const MAX_SIGNATURE_GAP: f64 = 220.0;
const DEFAULT_SIGNATURE_HEIGHT: f64 = 60.0;
const MIN_SIGNATURE_WIDTH: f64 = 120.0;

const CLOSINGS: &[&str] = &[
    "hormat saya",
    "hormat kami",
    "yang membuat pernyataan",
    "yang membuat surat pernyataan",
    "saya yang menyatakan",
    "yang menyatakan",
    "pembuat pernyataan",
    "pelamar",
    "pemohon",
    "yang bersangkutan",
    "sincerely",
    "yours faithfully",
    "yours truly",
];
const MONTHS: &[&str] = &[
    "januari", "februari", "pebruari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
    "november", "nopember", "desember", "january", "february", "march", "may", "june", "july", "august", "october",
    "december",
];

/// A line fragment: runs on one baseline that sit close together (a signature block on the
/// right is a fragment of its own even when the left column has text on the same baseline).
#[derive(Debug, Clone)]
struct Fragment {
    text: String,
    lower: String,
    rect: Rect,
    size: f64,
    bold: bool,
}

/// The page's text as fragments: runs on one line close enough to read as one phrase, with
/// their text in single-spaced words and lower-cased (what the anchor tests read).
fn fragments(runs: &[TextRun]) -> Vec<Fragment> {
    let mut out = phrases(runs);
    for f in &mut out {
        // Most runs are already single-spaced: rebuilt only when they are not.
        let spaced = f.text.split(' ').all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
        if !spaced {
            f.text = single_spaced(&f.text);
        }
        f.lower = if f.text.is_ascii() { f.text.to_ascii_lowercase() } else { f.text.to_lowercase() };
    }
    out
}

fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Runs grouped into phrases (text as drawn, `lower` left empty): top to bottom, then left to
/// right; baselines within a third of the font size are one line, and runs on a line closer
/// than 2.5 font sizes are one phrase.
fn phrases(runs: &[TextRun]) -> Vec<Fragment> {
    let mut runs: Vec<&TextRun> = runs.iter().filter(|r| !r.text.trim().is_empty()).collect();
    runs.sort_by(|a, b| b.rect[1].total_cmp(&a.rect[1]).then(a.rect[0].total_cmp(&b.rect[0])));
    let mut lines: Vec<Vec<&TextRun>> = Vec::new();
    for r in runs {
        let tol = (r.font_size.max(4.0)) * 0.35;
        // A run joins the first line (top-most) whose first run is within `tol` of its baseline.
        // Lines start in falling order and no run is above the previous one, so the lines within
        // reach are the last few: scanned from the end while within reach.
        let mut joins = None;
        for (i, l) in lines.iter().enumerate().rev() {
            if l[0].rect[1] - r.rect[1] > tol {
                break;
            }
            if (l[0].rect[1] - r.rect[1]).abs() <= tol {
                joins = Some(i);
            }
        }
        match joins {
            Some(i) => lines[i].push(r),
            None => lines.push(vec![r]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.rect[0].total_cmp(&b.rect[0]));
        let mut current: Option<Fragment> = None;
        for r in line {
            let size = r.font_size.max(4.0);
            match current.as_mut() {
                Some(f) if r.rect[0] - f.rect[2] <= size * 2.5 => {
                    if r.rect[0] - f.rect[2] > size * 0.15 && !f.text.ends_with(' ') && !r.text.starts_with(' ') {
                        f.text.push(' ');
                    }
                    f.text.push_str(&r.text);
                    f.rect = union(&f.rect, &r.rect);
                    f.bold |= r.bold;
                }
                _ => {
                    if let Some(f) = current.take() {
                        out.push(f);
                    }
                    current =
                        Some(Fragment { text: r.text.clone(), lower: String::new(), rect: r.rect, size, bold: r.bold });
                }
            }
        }
        out.extend(current);
    }
    out
}

fn union(a: &Rect, b: &Rect) -> Rect {
    [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])]
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn h_overlap(a: &Rect, b: &Rect) -> f64 {
    (a[2].min(b[2]) - a[0].max(b[0])).max(0.0)
}

fn is_closing(f: &Fragment) -> bool {
    let t = f.lower.trim_end_matches([',', '.', ':']);
    CLOSINGS.iter().any(|c| t == *c || (t.starts_with(c) && t.len() <= c.len() + 24) || t.ends_with(c))
}

fn is_date_line(f: &Fragment) -> bool {
    let t = &f.lower;
    let has_year = || {
        t.as_bytes().split(|b| !b.is_ascii_digit()).any(|w| w.len() == 4 && (w.starts_with(b"19") || w.starts_with(b"20")))
    };
    t.len() < 60 && has_year() && (MONTHS.iter().any(|m| t.contains(m)) || t.contains(','))
}

fn is_placeholder(f: &Fragment) -> bool {
    let t: String = f.lower.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() < 40
        && (t.contains("meterai") || t.contains("materai") || t.contains("rp10.000") || t.contains("rp.10.000") || t == "10000" || t == "10.000")
}

fn is_id_line(f: &Fragment) -> bool {
    let t = f.lower.trim_start_matches(['(', ' ']);
    t.starts_with("nik") || t.starts_with("nip") || t.starts_with("no. ktp")
}

/// Find the signature spot from the pages' layout and suggest a stamp box beside it.
/// With no anchors, the suggestion is a low-confidence lower-right box on the last page.
pub fn locate(pages: &[PageLayout]) -> (Option<SignatureSpot>, Option<StampSuggestion>) {
    // (The chosen page's fragments are kept for the suggestion.)
    let mut best: Option<(SignatureSpot, Option<Rect>, usize, Vec<Fragment>)> = None;
    for (index, page) in pages.iter().enumerate() {
        let frags = fragments(&page.text);
        if let Some((spot, placeholder)) = spot_on_page(page, &frags) {
            // The last block in the document wins (the signature closes the letter).
            best = Some((spot, placeholder, index, frags));
        }
    }
    match best {
        Some((spot, placeholder, index, frags)) => {
            let suggestion = suggest(&pages[index], &frags, &spot, placeholder);
            (Some(spot), Some(suggestion))
        }
        None => (None, pages.last().map(fallback)),
    }
}

fn spot_on_page(page: &PageLayout, frags: &[Fragment]) -> Option<(SignatureSpot, Option<Rect>)> {
    // The lowest closing phrase on the page; else the lowest date line.
    let closing = frags.iter().filter(|f| is_closing(f)).min_by(|a, b| a.rect[1].total_cmp(&b.rect[1]));
    let (anchor, mut confidence): (&Fragment, f64) = match closing {
        Some(c) => (c, 0.55),
        None => (frags.iter().filter(|f| is_date_line(f)).min_by(|a, b| a.rect[1].total_cmp(&b.rect[1]))?, 0.35),
    };
    // Anchor lines that stack directly under the anchor (e.g. "Hormat saya," then "Pelamar,").
    let mut top = anchor.clone();
    for _ in 0..3 {
        let next = frags.iter().find(|f| {
            let vgap = top.rect[1] - f.rect[3];
            vgap >= -1.0 && vgap < f.size * 1.2 && h_overlap(&f.rect, &top.rect) > 0.0 && (is_closing(f) || is_date_line(f))
        });
        match next {
            Some(n) => top = n.clone(),
            None => break,
        }
    }
    let date_above = frags.iter().any(|f| {
        is_date_line(f) && f.rect[1] >= anchor.rect[1] && f.rect[1] - anchor.rect[3] < 60.0 && h_overlap(&f.rect, &anchor.rect) > 0.0
    });
    if date_above && closing.is_some() {
        confidence += 0.1;
    }
    // The name line: the first fragment below with a signature-sized gap, in the same column.
    let below = frags
        .iter()
        .filter(|f| {
            let vgap = top.rect[1] - f.rect[3];
            vgap >= MIN_SIGNATURE_GAP * 0.5 && vgap <= MAX_SIGNATURE_GAP && near_column(&f.rect, &top.rect)
        })
        .max_by(|a, b| a.rect[3].total_cmp(&b.rect[3]));
    let (mut rect, name) = match below {
        Some(name) if top.rect[1] - name.rect[3] >= MIN_SIGNATURE_GAP && !is_placeholder(name) => {
            confidence += 0.15;
            if name.bold || name.text.starts_with('(') {
                confidence += 0.05;
            }
            let x0 = top.rect[0].min(name.rect[0]);
            let x1 = top.rect[2].max(name.rect[2]);
            ([x0, name.rect[3] + 2.0, x1, top.rect[1] - 2.0], Some(name))
        }
        _ => (
            [top.rect[0], top.rect[1] - DEFAULT_SIGNATURE_HEIGHT, top.rect[2], top.rect[1] - 2.0],
            None,
        ),
    };
    if let Some(name) = name {
        let id_below = frags.iter().any(|f| is_id_line(f) && f.rect[3] <= name.rect[1] + 1.0 && name.rect[1] - f.rect[3] < 30.0);
        if id_below {
            confidence += 0.1;
        }
    }
    // Widen to a plausible signature width around the block's centre.
    let width = rect[2] - rect[0];
    if width < MIN_SIGNATURE_WIDTH {
        let cx = (rect[0] + rect[2]) / 2.0;
        rect[0] = cx - MIN_SIGNATURE_WIDTH / 2.0;
        rect[2] = cx + MIN_SIGNATURE_WIDTH / 2.0;
    }
    // A scanned handwritten signature image in that area.
    if let Some(img) = page.images.iter().find(|i| overlaps(i, &rect) && (i[2] - i[0]) < page.width * 0.8) {
        confidence += 0.1;
        rect = union(&rect, img);
        rect[3] = rect[3].min(top.rect[1] - 1.0);
    }
    rect = clamp_into(rect, page);
    let placeholder = frags
        .iter()
        .filter(|f| is_placeholder(f) && (f.rect[1] - rect[3]) < 40.0 && (rect[1] - f.rect[3]) < 40.0)
        .map(|f| f.rect)
        .next();
    if placeholder.is_some() {
        confidence += 0.05;
    }
    let anchor_text = match closing {
        Some(_) => top.text.clone(),
        None => anchor.text.clone(),
    };
    let spot = SignatureSpot {
        page: page.page,
        rect: normalize_rect(rect),
        anchor: anchor_text,
        confidence: round2(confidence.min(0.95)),
    };
    Some((spot, placeholder))
}

fn near_column(a: &Rect, b: &Rect) -> bool {
    h_overlap(a, b) > 0.0 || (a[0] - b[0]).abs() < 60.0
}

fn clamp_into(mut r: Rect, page: &PageLayout) -> Rect {
    r[0] = r[0].max(0.0);
    r[1] = r[1].max(0.0);
    r[2] = r[2].min(page.width);
    r[3] = r[3].min(page.height);
    if r[2] <= r[0] || r[3] <= r[1] {
        return [0.0, 0.0, page.width.min(1.0), page.height.min(1.0)];
    }
    r
}

/// Total area of text covered by `r`, ignoring the placeholder the writer left for the stamp.
fn covered_text(r: &Rect, frags: &[Fragment], placeholder: Option<Rect>) -> f64 {
    frags
        .iter()
        .filter(|f| placeholder != Some(f.rect))
        .filter(|f| overlaps(r, &f.rect))
        .map(|f| h_overlap(r, &f.rect) * (r[3].min(f.rect[3]) - r[1].max(f.rect[1])).max(0.0))
        .sum()
}

fn inside(r: &Rect, page: &PageLayout) -> bool {
    r[0] >= MARGIN * 0.5 && r[1] >= MARGIN * 0.5 && r[2] <= page.width - MARGIN * 0.5 && r[3] <= page.height - MARGIN * 0.5
}

fn stamp_at(cx: f64, cy: f64) -> Rect {
    let h = STAMP_SIZE / 2.0;
    [cx - h, cy - h, cx + h, cy + h]
}

/// Move a box vertically into the page if it sticks out.
fn fit_vertically(mut r: Rect, page: &PageLayout) -> Rect {
    if r[1] < MARGIN {
        let d = MARGIN - r[1];
        r[1] += d;
        r[3] += d;
    }
    if r[3] > page.height - MARGIN {
        let d = r[3] - (page.height - MARGIN);
        r[1] -= d;
        r[3] -= d;
    }
    r
}

fn suggest(page: &PageLayout, frags: &[Fragment], spot: &SignatureSpot, placeholder: Option<Rect>) -> StampSuggestion {
    let s = spot.rect;
    let cy = (s[1] + s[3]) / 2.0;
    if let Some(p) = placeholder {
        let r = fit_vertically(stamp_at((p[0] + p[2]) / 2.0, (p[1] + p[3]) / 2.0), page);
        if inside(&r, page) && !overlaps(&r, &shrink(&s)) {
            return StampSuggestion { page: page.page, rect: normalize_rect(r), side: "placeholder".into(), confidence: spot.confidence };
        }
    }
    // Candidates: left of the signature, then right; each nudged up/down to avoid text.
    let left_cx = s[0] - GAP - STAMP_SIZE / 2.0;
    let right_cx = s[2] + GAP + STAMP_SIZE / 2.0;
    let mut best: Option<(f64, Rect, &str)> = None;
    for (side, cx) in [("left", left_cx), ("right", right_cx)] {
        for dy in [0.0, 15.0, -15.0, 30.0, -30.0, 45.0, -45.0] {
            let r = fit_vertically(stamp_at(cx, cy + dy), page);
            if !inside(&r, page) {
                continue;
            }
            let cost = covered_text(&r, frags, placeholder) * 10.0 + dy.abs() + if side == "right" { 5.0 } else { 0.0 };
            if best.as_ref().is_none_or(|b| cost < b.0) {
                best = Some((cost, r, side));
            }
        }
    }
    match best {
        Some((_, r, side)) => StampSuggestion { page: page.page, rect: normalize_rect(r), side: side.into(), confidence: spot.confidence },
        // Neither side fits inside the page (a very narrow page): centre it under the spot.
        None => {
            // f64::clamp panics when min > max, i.e. on a page narrower than the stamp (fuzz
            // finding, tests/fixtures/fuzz-regressions/analyze/narrow-page-stamp-clamp): centre
            // the stamp on such a page instead.
            let half = STAMP_SIZE / 2.0;
            let cx = if page.width >= STAMP_SIZE { ((s[0] + s[2]) / 2.0).clamp(half, page.width - half) } else { page.width / 2.0 };
            let r = fit_vertically(stamp_at(cx, cy), page);
            StampSuggestion { page: page.page, rect: normalize_rect(r), side: "over".into(), confidence: round2(spot.confidence * 0.5) }
        }
    }
}

/// The signature box minus a small border: a stamp may touch it, not cover it.
fn shrink(r: &Rect) -> Rect {
    [r[0] + 4.0, r[1] + 4.0, r[2] - 4.0, r[3] - 4.0]
}

/// Most boxes an outline carries (a dense page still previews well with its first lines).
const MAX_OUTLINE_BOXES: usize = 400;

/// The page's text lines and images as boxes, for a preview drawn without a PDF renderer.
pub fn outline(page: &PageLayout) -> PageOutline {
    let round = |r: &Rect| r.map(|v| (v * 10.0).round() / 10.0);
    PageOutline {
        page: page.page,
        width: page.width,
        height: page.height,
        text: phrases(&page.text).iter().take(MAX_OUTLINE_BOXES).map(|f| round(&f.rect)).collect(),
        images: page.images.iter().take(MAX_OUTLINE_BOXES / 4).map(round).collect(),
    }
}

/// No anchors: the usual lower-right area of the last page, with low confidence.
fn fallback(page: &PageLayout) -> StampSuggestion {
    let x1 = (page.width - 72.0).max(STAMP_SIZE);
    let y0 = 120.0_f64.min((page.height - STAMP_SIZE).max(0.0));
    StampSuggestion {
        page: page.page,
        rect: normalize_rect([x1 - STAMP_SIZE - 60.0, y0, x1 - 60.0, y0 + STAMP_SIZE]),
        side: "fallback".into(),
        confidence: 0.15,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, x: f64, y: f64, size: f64) -> TextRun {
        let w = text.len() as f64 * size * 0.5;
        TextRun { text: text.into(), rect: [x, y - 0.22 * size, x + w, y + 0.78 * size], font_size: size, bold: false }
    }

    fn letter(runs: Vec<TextRun>) -> PageLayout {
        PageLayout { page: 1, width: 595.28, height: 841.89, text: runs, images: vec![], image_objects: vec![], truncated: false }
    }

    #[test]
    fn finds_the_gap_between_closing_and_name() {
        let page = letter(vec![
            run("Dengan hormat, saya yang bertanda tangan di bawah ini", 72.0, 700.0, 12.0),
            run("Jakarta, 12 Agustus 2024", 360.0, 300.0, 12.0),
            run("Hormat saya,", 360.0, 285.0, 12.0),
            run("Budi Santoso", 360.0, 200.0, 12.0),
            run("NIK 3171234567890001", 360.0, 185.0, 12.0),
        ]);
        let (spot, stamp) = locate(&[page]);
        let spot = spot.expect("spot");
        assert_eq!(spot.page, 1);
        assert_eq!(spot.anchor, "Hormat saya,");
        assert!(spot.rect[1] > 200.0 && spot.rect[3] < 285.0, "{:?}", spot.rect);
        assert!(spot.confidence >= 0.8, "{}", spot.confidence);
        let stamp = stamp.expect("stamp");
        assert_eq!(stamp.side, "left");
        assert!(stamp.rect[2] <= spot.rect[0]);
        assert!((stamp.rect[2] - stamp.rect[0] - STAMP_SIZE).abs() < 0.01);
    }

    #[test]
    fn goes_right_when_the_left_is_full_of_text() {
        let mut runs = vec![run("Hormat saya,", 40.0, 300.0, 12.0), run("Budi", 40.0, 220.0, 12.0)];
        for i in 0..10 {
            runs.push(run("isi surat isi surat isi surat", 200.0, 310.0 - i as f64 * 12.0, 12.0));
        }
        let (spot, stamp) = locate(&[letter(runs)]);
        assert!(spot.is_some());
        let stamp = stamp.unwrap();
        assert_eq!(stamp.side, "right", "{stamp:?}");
    }

    #[test]
    fn scan_without_text_gets_a_low_confidence_fallback() {
        let page = PageLayout { page: 2, width: 595.0, height: 842.0, text: vec![], images: vec![[0.0, 0.0, 595.0, 842.0]], image_objects: vec![], truncated: false };
        let (spot, stamp) = locate(&[page]);
        assert!(spot.is_none());
        let stamp = stamp.unwrap();
        assert_eq!((stamp.page, stamp.side.as_str()), (2, "fallback"));
        assert!(stamp.confidence <= 0.2);
        assert!(stamp.rect[2] <= 595.0 && stamp.rect[0] > 297.0);
    }

    #[test]
    fn centres_on_a_meterai_placeholder() {
        let page = letter(vec![
            run("Yang membuat pernyataan,", 330.0, 300.0, 12.0),
            run("Meterai 10.000", 240.0, 250.0, 9.0),
            run("Siti Aminah", 360.0, 190.0, 12.0),
        ]);
        let (_, stamp) = locate(&[page]);
        let stamp = stamp.unwrap();
        assert_eq!(stamp.side, "placeholder");
        let centre = ((stamp.rect[0] + stamp.rect[2]) / 2.0, (stamp.rect[1] + stamp.rect[3]) / 2.0);
        assert!((centre.0 - 271.5).abs() < 1.0 && (centre.1 - 252.5).abs() < 1.0, "{centre:?}");
    }
}

//! Text and image layout of PDF pages: a bounded content-stream interpreter that tracks the
//! graphics and text matrices, TJ spacing and font widths well enough to know where each run of
//! text and each image sits on the page.

mod cmap;
mod encoding;
mod fonts;

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use self::fonts::{Font, Glyph};
use crate::pdf::lexer::{Lexer, Operand, Token};
use crate::limits::{Budget, Exhausted, MAX_PAGES_SCANNED};
use crate::pdf::decode::decode_stream;
use crate::pdf::load::{number, resolve, PageRef};
use crate::report::{normalize_rect, Rect};

/// A run of text as drawn: its Unicode text and the box it occupies, in points, in the page's
/// coordinate system (origin at the visible page's bottom-left; /Rotate is not applied).
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
    /// Image XObjects drawn on the page (also through forms), with where each was drawn.
    pub image_objects: Vec<(ObjectId, Rect)>,
    /// Interpretation stopped early (limits, unsupported data); what is here is still valid.
    pub truncated: bool,
}

impl PageLayout {
    pub fn has_text(&self) -> bool {
        self.text.iter().any(|r| !r.text.trim().is_empty())
    }
}

const MAX_RUNS_PER_PAGE: usize = 20_000;
const MAX_IMAGES_PER_PAGE: usize = 2_000;
const MAX_FORM_DEPTH: usize = 8;
const MAX_GSTATE_STACK: usize = 256;
/// Typical ascent/descent as a share of the font size, for text boxes.
const ASCENT: f64 = 0.78;
const DESCENT: f64 = 0.22;
/// A TJ gap wider than this share of an em reads as a word space.
const TJ_SPACE_THRESHOLD: f64 = 180.0;

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// Bounding box of a rectangle (in the space `m` maps from) in the target space.
fn bbox(m: &Matrix, x0: f64, y0: f64, x1: f64, y1: f64) -> [f64; 4] {
    let pts = [apply(m, x0, y0), apply(m, x1, y0), apply(m, x0, y1), apply(m, x1, y1)];
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    [
        xs.clone().fold(f64::INFINITY, f64::min),
        ys.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
        ys.fold(f64::NEG_INFINITY, f64::max),
    ]
}

/// Read the layout of the pages (all of them up to `MAX_PAGES_SCANNED`; beyond that the first
/// and last halves, since signatures sit near the end).
pub fn read_pages(doc: &Document, pages: &[PageRef], budget: &mut Budget) -> Result<Vec<PageLayout>, Exhausted> {
    let n = pages.len();
    let half = MAX_PAGES_SCANNED / 2;
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if n > MAX_PAGES_SCANNED && i >= half && i < n - half {
            continue;
        }
        out.push(read_page(doc, page, i as u32 + 1, budget)?);
    }
    Ok(out)
}

/// One page's layout (`number` is its 1-based page number).
pub fn read_page(doc: &Document, page: &PageRef, number: u32, budget: &mut Budget) -> Result<PageLayout, Exhausted> {
    let vis = crate::pdf::visible_box(page);
    let mut data = Vec::new();
    let mut truncated = false;
    let contents = page.dict.get(b"Contents").ok().map(|o| resolve(doc, o));
    let streams: Vec<&Object> = match contents {
        Some(Object::Array(a)) => a.iter().map(|o| resolve(doc, o)).collect(),
        Some(o) => vec![o],
        None => Vec::new(),
    };
    for s in streams {
        if let Ok(stream) = s.as_stream() {
            match decode_stream(stream, budget) {
                Ok(d) => {
                    data.extend_from_slice(&d);
                    data.push(b'\n');
                }
                Err(crate::pdf::decode::DecodeError::TooLarge) => return Err(Exhausted),
                Err(_) => truncated = true,
            }
        }
    }
    // Origin at the visible box's lower-left.
    let base = [1.0, 0.0, 0.0, 1.0, -vis[0], -vis[1]];
    let mut interp = Interpreter { doc, budget, runs: Vec::new(), images: Vec::new(), image_objects: Vec::new(), truncated, fonts: HashMap::new() };
    let resources = page.resources.clone().unwrap_or_default();
    let mut forms_on_path = Vec::new();
    interp.run(&data, &resources, base, 0, &mut forms_on_path)?;
    Ok(PageLayout {
        page: number,
        width: crate::report::round2(vis[2] - vis[0]),
        height: crate::report::round2(vis[3] - vis[1]),
        text: interp.runs,
        images: interp.images,
        image_objects: interp.image_objects,
        truncated: interp.truncated,
    })
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

struct Interpreter<'a, 'b> {
    doc: &'a Document,
    budget: &'b mut Budget,
    runs: Vec<TextRun>,
    images: Vec<Rect>,
    image_objects: Vec<(ObjectId, Rect)>,
    truncated: bool,
    fonts: HashMap<ObjectId, Rc<Font>>,
}

impl Interpreter<'_, '_> {
    fn run(
        &mut self,
        data: &[u8],
        resources: &Dictionary,
        ctm: Matrix,
        depth: usize,
        forms_on_path: &mut Vec<ObjectId>,
    ) -> Result<(), Exhausted> {
        let mut gs = GState {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut ops: Vec<Operand> = Vec::new();
        let mut lexer = Lexer::new(data);
        let num = |ops: &[Operand], i: usize| ops.get(i).and_then(Operand::number).unwrap_or(0.0);
        while let Some(tok) = lexer.next_token() {
            let op = match tok {
                Token::Operand(o) => {
                    if ops.len() < 64 {
                        ops.push(o);
                    }
                    continue;
                }
                Token::Operator(op) => op,
            };
            self.budget.spend(1)?;
            if self.runs.len() >= MAX_RUNS_PER_PAGE {
                self.truncated = true;
                return Ok(());
            }
            let n = ops.len();
            let last6 = |ops: &[Operand]| -> Matrix {
                let s = n.saturating_sub(6);
                std::array::from_fn(|i| num(ops, s + i))
            };
            match op {
                b"q" => {
                    if stack.len() < MAX_GSTATE_STACK {
                        stack.push(gs.clone());
                    }
                }
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" if n >= 6 => gs.ctm = mul(&last6(&ops), &gs.ctm),
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" if n >= 2 => {
                    gs.size = num(&ops, n - 1);
                    if let Some(Operand::Name(name)) = ops.get(n - 2) {
                        gs.font = Some(self.font(resources, name));
                    }
                }
                b"Tc" if n >= 1 => gs.char_spacing = num(&ops, n - 1),
                b"Tw" if n >= 1 => gs.word_spacing = num(&ops, n - 1),
                b"Tz" if n >= 1 => gs.h_scale = num(&ops, n - 1) / 100.0,
                b"TL" if n >= 1 => gs.leading = num(&ops, n - 1),
                b"Ts" if n >= 1 => gs.rise = num(&ops, n - 1),
                b"Td" | b"TD" if n >= 2 => {
                    let (tx, ty) = (num(&ops, n - 2), num(&ops, n - 1));
                    if op == b"TD" {
                        gs.leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
                b"Tm" if n >= 6 => {
                    tlm = last6(&ops);
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op != b"Tj" {
                        if op == b"\"" && n >= 3 {
                            gs.word_spacing = num(&ops, n - 3);
                            gs.char_spacing = num(&ops, n - 2);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s)) = ops.last() {
                        let items = [Operand::Str(s.clone())];
                        self.show(&gs, &mut tm, &items);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = ops.last() {
                        let items = items.clone();
                        self.show(&gs, &mut tm, &items);
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = ops.last() {
                        let name = name.clone();
                        self.draw_xobject(resources, &name, &gs.ctm, depth, forms_on_path)?;
                    }
                }
                b"BI" => {
                    // Inline image: its dictionary tokens run until ID, then binary data to EI.
                    while let Some(t) = lexer.next_token() {
                        self.budget.spend(1)?;
                        if t == Token::Operator(b"ID") {
                            break;
                        }
                    }
                    lexer.skip_inline_image();
                    self.add_image(&gs.ctm);
                }
                _ => {}
            }
            ops.clear();
        }
        Ok(())
    }

    fn font(&mut self, resources: &Dictionary, name: &[u8]) -> Rc<Font> {
        let doc = self.doc;
        let entry = resources
            .get(b"Font")
            .ok()
            .and_then(|f| resolve(doc, f).as_dict().ok())
            .and_then(|fonts| fonts.get(name).ok());
        let Some(entry) = entry else { return Rc::new(Font::unknown()) };
        let id = entry.as_reference().ok();
        if let Some(font) = id.and_then(|id| self.fonts.get(&id)) {
            return font.clone();
        }
        let font = match resolve(doc, entry).as_dict() {
            Ok(dict) => Rc::new(Font::load(doc, dict, self.budget)),
            Err(_) => Rc::new(Font::unknown()),
        };
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        font
    }

    /// Show strings (and TJ adjustments), advancing the text matrix, and record one run.
    fn show(&mut self, gs: &GState, tm: &mut Matrix, items: &[Operand]) {
        let font = gs.font.clone().unwrap_or_else(|| Rc::new(Font::unknown()));
        let start = mul(tm, &gs.ctm);
        let mut advance = 0.0;
        // Sized once from the strings' bytes (a byte is at most one glyph; most glyphs are one
        // byte of text): growing them glyph by glyph was a tenth of this function's time in wasm.
        let longest = items.iter().map(|i| if let Operand::Str(b) = i { b.len() } else { 0 }).max().unwrap_or(0);
        let total: usize = items.iter().map(|i| if let Operand::Str(b) = i { b.len() } else { 1 }).sum();
        let mut text = String::with_capacity(total);
        let mut glyphs: Vec<Glyph> = Vec::with_capacity(longest);
        for item in items {
            match item {
                Operand::Str(bytes) => {
                    glyphs.clear();
                    font.decode(bytes, &mut glyphs);
                    for g in &glyphs {
                        let spacing = gs.char_spacing + if g.is_space_code { gs.word_spacing } else { 0.0 };
                        advance += (g.width * gs.size + spacing) * gs.h_scale;
                        g.text.push_to(&mut text);
                    }
                }
                Operand::Number(adj) => {
                    advance -= adj / 1000.0 * gs.size * gs.h_scale;
                    if -adj > TJ_SPACE_THRESHOLD && !text.ends_with(' ') && !text.is_empty() {
                        text.push(' ');
                    }
                }
                _ => {}
            }
        }
        *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
        if text.trim().is_empty() {
            return;
        }
        let (y0, y1) = (gs.rise - DESCENT * gs.size, gs.rise + ASCENT * gs.size);
        let rect = bbox(&start, 0.0_f64.min(advance), y0.min(y1), 0.0_f64.max(advance), y0.max(y1));
        if rect.iter().all(|v| v.is_finite()) {
            let scale = (start[2] * start[2] + start[3] * start[3]).sqrt();
            self.runs.push(TextRun {
                text,
                rect: normalize_rect(rect),
                font_size: crate::report::round2((gs.size * scale).abs()),
                bold: font.bold,
            });
        }
    }

    /// Record an image drawn with `ctm`; returns its box when recorded.
    fn add_image(&mut self, ctm: &Matrix) -> Option<Rect> {
        let r = bbox(ctm, 0.0, 0.0, 1.0, 1.0);
        if self.images.len() < MAX_IMAGES_PER_PAGE && r.iter().all(|v| v.is_finite()) {
            self.images.push(normalize_rect(r));
            return self.images.last().copied();
        }
        None
    }

    fn draw_xobject(
        &mut self,
        resources: &Dictionary,
        name: &[u8],
        ctm: &Matrix,
        depth: usize,
        forms_on_path: &mut Vec<ObjectId>,
    ) -> Result<(), Exhausted> {
        let doc = self.doc;
        let Some(entry) = resources
            .get(b"XObject")
            .ok()
            .and_then(|x| resolve(doc, x).as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let id = entry.as_reference().ok();
        let Ok(stream) = resolve(doc, entry).as_stream() else { return Ok(()) };
        match stream.dict.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) {
            Some(b"Image") => {
                if let (Some(rect), Some(id)) = (self.add_image(ctm), id) {
                    self.image_objects.push((id, rect));
                }
            }
            Some(b"Form") => {
                if depth >= MAX_FORM_DEPTH || id.is_some_and(|id| forms_on_path.contains(&id)) {
                    self.truncated = true;
                    return Ok(());
                }
                let matrix: Matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|m| resolve(doc, m).as_array().ok())
                    .filter(|a| a.len() == 6)
                    .map(|a| std::array::from_fn(|i| number(resolve(doc, &a[i])).unwrap_or(0.0)))
                    .unwrap_or(IDENTITY);
                let form_resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|r| resolve(doc, r).as_dict().ok())
                    .cloned()
                    .unwrap_or_else(|| resources.clone());
                let data = match decode_stream(stream, self.budget) {
                    Ok(d) => d,
                    Err(crate::pdf::decode::DecodeError::TooLarge) => return Err(Exhausted),
                    Err(_) => {
                        self.truncated = true;
                        return Ok(());
                    }
                };
                if let Some(id) = id {
                    forms_on_path.push(id);
                }
                let result = self.run(&data, &form_resources, mul(&matrix, ctm), depth + 1, forms_on_path);
                if id.is_some() {
                    forms_on_path.pop();
                }
                result?;
            }
            _ => {}
        }
        Ok(())
    }
}

//! Fonts as far as layout needs them: how a shown string splits into character codes, each
//! code's Unicode text and its advance width. Simple fonts (Type1, TrueType, Type3) and Type0/CID
//! fonts (as Chrome, Google Docs and office suites write them), with ToUnicode maps.

use lopdf::{Dictionary, Document, Object};

use super::cmap::{CodeMap, ToUnicode};
use super::encoding::{base_encoding, glyph_to_unicode, Standard14};
use crate::limits::Budget;
use crate::pdf::decode::decode_stream;
use crate::pdf::load::{number, resolve};

pub enum GlyphText<'a> {
    Str(&'a str),
    Char(char),
}

impl GlyphText<'_> {
    pub fn push_to(&self, out: &mut String) {
        match self {
            GlyphText::Str(s) => out.push_str(s),
            GlyphText::Char(c) => out.push(*c),
        }
    }
}

/// One decoded character: its Unicode text, advance in glyph units/1000, and whether it is the
/// single-byte code 32 (word spacing `Tw` applies only to that).
pub struct Glyph<'a> {
    /// Borrowed from the font's ToUnicode map, or one character (no allocation per glyph).
    pub text: GlyphText<'a>,
    pub width: f64,
    pub is_space_code: bool,
}

pub struct Font {
    /// Two-byte codes (Type0 with Identity or a 2-byte CMap).
    two_byte: bool,
    widths: CodeMap<f64>,
    default_width: f64,
    /// Simple fonts: code -> Unicode from the encoding (used when ToUnicode lacks the code).
    encoding: Option<Box<[Option<char>; 256]>>,
    to_unicode: Option<ToUnicode>,
    /// Type3 glyph space to text space (FontMatrix a), 0.001 for all others.
    scale: f64,
    pub bold: bool,
    /// Standard-14 base font name for metrics when /Widths is missing.
    std14: Option<Standard14>,
}

const MAX_WIDTH_ENTRIES: usize = 70_000;

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Font {
        let subtype = name(doc, dict, b"Subtype").unwrap_or_default();
        let base = name(doc, dict, b"BaseFont").unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| resolve(doc, o).as_stream().ok())
            .and_then(|s| decode_stream(s, budget).ok())
            .map(|data| ToUnicode::parse(&data, budget));
        if subtype == "Type0" {
            Self::load_type0(doc, dict, &base, to_unicode, budget)
        } else {
            Self::load_simple(doc, dict, &subtype, &base, to_unicode, budget)
        }
    }

    fn load_simple(
        doc: &Document,
        dict: &Dictionary,
        subtype: &str,
        base: &str,
        to_unicode: Option<ToUnicode>,
        budget: &mut Budget,
    ) -> Font {
        let first = dict.get(b"FirstChar").ok().and_then(|o| number(resolve(doc, o))).unwrap_or(0.0) as u32;
        let mut widths = CodeMap::default();
        if let Some(arr) = dict.get(b"Widths").ok().and_then(|o| resolve(doc, o).as_array().ok()) {
            for (i, w) in arr.iter().take(256).enumerate() {
                // checked: /FirstChar 4294967295 overflowed here (a panic with overflow checks,
                // a silent wrap without). fuzz-regressions/analyze/firstchar-overflow
                if let (Some(w), Some(code)) = (number(resolve(doc, w)), first.checked_add(i as u32)) {
                    widths.insert(code, w);
                }
            }
        }
        let _ = budget.spend(1);
        let scale = if subtype == "Type3" {
            dict.get(b"FontMatrix")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| number(resolve(doc, o)))
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let descriptor = dict.get(b"FontDescriptor").ok().and_then(|o| resolve(doc, o).as_dict().ok());
        let missing = descriptor.and_then(|d| d.get(b"MissingWidth").ok()).and_then(|o| number(resolve(doc, o)));
        let std14 = if widths.is_empty() { Some(Standard14::for_font(strip_subset(base))) } else { None };
        Font {
            two_byte: false,
            default_width: missing.unwrap_or(if subtype == "Type3" { 0.0 } else { 500.0 }),
            widths,
            encoding: Some(simple_encoding(doc, dict, base)),
            to_unicode,
            scale,
            bold: is_bold(base, descriptor, doc),
            std14,
        }
    }

    fn load_type0(doc: &Document, dict: &Dictionary, base: &str, to_unicode: Option<ToUnicode>, budget: &mut Budget) -> Font {
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| resolve(doc, o).as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| resolve(doc, o).as_dict().ok());
        let mut widths = CodeMap::default();
        let mut default_width = 1000.0;
        let mut descriptor = None;
        if let Some(cid) = descendant {
            default_width = cid.get(b"DW").ok().and_then(|o| number(resolve(doc, o))).unwrap_or(1000.0);
            descriptor = cid.get(b"FontDescriptor").ok().and_then(|o| resolve(doc, o).as_dict().ok());
            if let Some(w) = cid.get(b"W").ok().and_then(|o| resolve(doc, o).as_array().ok()) {
                parse_cid_widths(doc, w, &mut widths, budget);
            }
        }
        // Identity-H/V and the UCS-2/UTF-16 CMaps are 2-byte; a ToUnicode codespace may say 1-byte.
        let two_byte = to_unicode.as_ref().map(|t| t.max_code_len() != 1).unwrap_or(true);
        Font {
            two_byte,
            widths,
            default_width,
            encoding: None,
            to_unicode,
            scale: 0.001,
            bold: is_bold(base, descriptor, doc),
            std14: None,
        }
    }

    /// A fallback for a missing or unreadable font resource.
    pub fn unknown() -> Font {
        Font {
            two_byte: false,
            widths: CodeMap::default(),
            default_width: 500.0,
            encoding: Some(Box::new(std::array::from_fn(|i| char::from_u32(i as u32).filter(|_| i >= 32)))),
            to_unicode: None,
            scale: 0.001,
            bold: false,
            std14: Some(Standard14::for_font("Helvetica")),
        }
    }

    /// Split a shown string into glyphs.
    pub fn decode<'a>(&'a self, bytes: &[u8], out: &mut Vec<Glyph<'a>>) {
        let mut i = 0;
        while i < bytes.len() {
            let (code, len) = if self.two_byte {
                match &self.to_unicode {
                    Some(t) => t.code_at(&bytes[i..]),
                    None => (((bytes[i] as u32) << 8) | bytes.get(i + 1).copied().unwrap_or(0) as u32, 2),
                }
            } else {
                (bytes[i] as u32, 1)
            };
            i += len.max(1);
            let text = self
                .to_unicode
                .as_ref()
                .and_then(|t| t.lookup(code))
                .map(GlyphText::Str)
                .or_else(|| self.encoding.as_ref().and_then(|e| e.get(code as usize).copied().flatten()).map(GlyphText::Char))
                .unwrap_or(if self.two_byte { GlyphText::Char('\u{fffd}') } else { GlyphText::Str("") });
            let width = self
                .widths
                .get(code)
                .copied()
                .or_else(|| {
                    let ch = self.encoding.as_ref().and_then(|e| e.get(code as usize).copied().flatten())?;
                    Some(self.std14?.width(ch))
                })
                .unwrap_or(self.default_width);
            out.push(Glyph { text, width: width * self.scale, is_space_code: len == 1 && code == 32 });
        }
    }
}

fn name(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    dict.get(key).ok().and_then(|o| resolve(doc, o).as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned())
}

/// "ABCDEF+Calibri-Bold" -> "Calibri-Bold"
fn strip_subset(base: &str) -> &str {
    match base.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) => rest,
        _ => base,
    }
}

fn is_bold(base: &str, descriptor: Option<&Dictionary>, doc: &Document) -> bool {
    let n = strip_subset(base).to_ascii_lowercase();
    let by_name = ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| n.contains(w));
    let by_weight = descriptor
        .and_then(|d| d.get(b"FontWeight").ok())
        .and_then(|o| number(resolve(doc, o)))
        .is_some_and(|w| w >= 600.0);
    let by_flag = descriptor
        .and_then(|d| d.get(b"Flags").ok())
        .and_then(|o| resolve(doc, o).as_i64().ok())
        .is_some_and(|f| f & (1 << 18) != 0);
    by_name || by_weight || by_flag
}

fn simple_encoding(doc: &Document, dict: &Dictionary, base: &str) -> Box<[Option<char>; 256]> {
    let enc = dict.get(b"Encoding").ok().map(|o| resolve(doc, o));
    let (base_name, differences) = match enc {
        Some(Object::Name(n)) => (Some(String::from_utf8_lossy(n).into_owned()), None),
        Some(Object::Dictionary(d)) => (
            d.get(b"BaseEncoding").ok().and_then(|o| o.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned()),
            d.get(b"Differences").ok().and_then(|o| resolve(doc, o).as_array().ok()),
        ),
        _ => (None, None),
    };
    let symbolic = {
        let b = strip_subset(base);
        b.starts_with("Symbol") || b.starts_with("ZapfDingbats")
    };
    let mut table = base_encoding(base_name.as_deref(), symbolic);
    if let Some(diffs) = differences {
        let mut code = 0usize;
        for item in diffs {
            match resolve(doc, item) {
                Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                Object::Name(n) => {
                    if code < 256 {
                        table[code] = glyph_to_unicode(&String::from_utf8_lossy(n));
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

/// CID `/W`: `c [w1 w2 ...]` or `c_first c_last w`.
///
/// Bounded by the entries *processed*, not the map's size: overlapping ranges (`0 60000 500`
/// repeated, or one big array referenced many times) keep the map small while costing 60 000
/// inserts per 12 bytes of input, which froze the checker for tens of seconds
/// (fuzz-regressions/analyze/cid-widths-overlapping-ranges). Each entry also costs a work unit.
fn parse_cid_widths(doc: &Document, w: &[Object], out: &mut CodeMap<f64>, budget: &mut Budget) {
    let mut i = 0;
    let mut processed = 0usize;
    while i < w.len() && processed < MAX_WIDTH_ENTRIES {
        let Some(first) = number(resolve(doc, &w[i])) else { i += 1; continue };
        // `first as u32` saturates; adding to it is checked (CID 4294967295 overflowed:
        // fuzz-regressions/analyze/cid-widths-overflow).
        let first = first as u32;
        let room = MAX_WIDTH_ENTRIES - processed;
        match w.get(i + 1).map(|o| resolve(doc, o)) {
            Some(Object::Array(list)) => {
                let n = list.len().min(room);
                if budget.spend(1 + n as u64).is_err() {
                    return;
                }
                for (k, v) in list.iter().enumerate().take(n) {
                    if let (Some(v), Some(code)) = (number(resolve(doc, v)), first.checked_add(k as u32)) {
                        out.insert(code, v);
                    }
                }
                processed += n.max(1);
                i += 2;
            }
            Some(o) => {
                let last = number(o).unwrap_or(first as f64);
                let width = w.get(i + 2).and_then(|o| number(resolve(doc, o))).unwrap_or(1000.0);
                let span = (last - first as f64).clamp(0.0, (room - 1) as f64) as u32;
                if budget.spend(1 + span as u64).is_err() {
                    return;
                }
                for c in 0..=span {
                    let Some(code) = first.checked_add(c) else { break };
                    out.insert(code, width);
                }
                processed += span as usize + 1;
                i += 3;
            }
            None => break,
        }
    }
}

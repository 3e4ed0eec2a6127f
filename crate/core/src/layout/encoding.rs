//! Simple-font encodings, glyph names and standard-14 widths, in compact tables (the wasm ships
//! them). Only what letters written in Indonesian and English need; everything else degrades to
//! an unknown character with an average width, which layout tolerates.

/// WinAnsiEncoding 0x80..=0x9F (the rest of WinAnsi is Latin-1).
const WIN_ANSI_80: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The base encoding table for a simple font. Unknown and symbolic fonts get Latin-1, which is
/// right for the printable ASCII that letters are made of.
pub fn base_encoding(name: Option<&str>, _symbolic: bool) -> Box<[Option<char>; 256]> {
    let mut t: Box<[Option<char>; 256]> = Box::new([None; 256]);
    for (code, slot) in t.iter_mut().enumerate() {
        *slot = match code {
            0x20..=0x7E | 0xA0..=0xFF => char::from_u32(code as u32),
            0x80..=0x9F => char::from_u32(WIN_ANSI_80[code - 0x80] as u32).filter(|c| *c != '\0'),
            _ => None,
        };
    }
    if name == Some("StandardEncoding") || name.is_none() {
        t[0x27] = Some('\u{2019}');
        t[0x60] = Some('\u{2018}');
    }
    t
}

const NAMED: &[(&str, char)] = &[
    ("space", ' '), ("exclam", '!'), ("quotedbl", '"'), ("numbersign", '#'), ("dollar", '$'), ("percent", '%'),
    ("ampersand", '&'), ("quotesingle", '\''), ("quoteright", '\u{2019}'), ("quoteleft", '\u{2018}'),
    ("parenleft", '('), ("parenright", ')'), ("asterisk", '*'), ("plus", '+'), ("comma", ','), ("hyphen", '-'),
    ("minus", '\u{2212}'), ("period", '.'), ("slash", '/'), ("zero", '0'), ("one", '1'), ("two", '2'),
    ("three", '3'), ("four", '4'), ("five", '5'), ("six", '6'), ("seven", '7'), ("eight", '8'), ("nine", '9'),
    ("colon", ':'), ("semicolon", ';'), ("less", '<'), ("equal", '='), ("greater", '>'), ("question", '?'),
    ("at", '@'), ("bracketleft", '['), ("backslash", '\\'), ("bracketright", ']'), ("asciicircum", '^'),
    ("underscore", '_'), ("grave", '`'), ("braceleft", '{'), ("bar", '|'), ("braceright", '}'),
    ("asciitilde", '~'), ("endash", '\u{2013}'), ("emdash", '\u{2014}'), ("bullet", '\u{2022}'),
    ("quotedblleft", '\u{201C}'), ("quotedblright", '\u{201D}'), ("ellipsis", '\u{2026}'), ("degree", '\u{B0}'),
    ("nbspace", '\u{A0}'), ("eacute", 'é'), ("Eacute", 'É'), ("egrave", 'è'), ("agrave", 'à'), ("ccedilla", 'ç'),
    ("udieresis", 'ü'), ("odieresis", 'ö'), ("adieresis", 'ä'), ("fi", '\u{FB01}'), ("fl", '\u{FB02}'),
    ("copyright", '©'), ("registered", '®'), ("section", '§'), ("paragraph", '¶'), ("Euro", '€'),
];

/// Unicode for a glyph name: single letters, the common names, `uniXXXX` and `uXXXX[XX]`.
pub fn glyph_to_unicode(name: &str) -> Option<char> {
    let base = name.split('.').next().unwrap_or(name);
    let mut chars = base.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_alphabetic() {
            return Some(c);
        }
    }
    if let Some(hex) = base.strip_prefix("uni").filter(|h| h.len() >= 4) {
        return u32::from_str_radix(&hex[..4], 16).ok().and_then(char::from_u32);
    }
    if let Some(hex) = base.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
        if let Ok(v) = u32::from_str_radix(hex, 16) {
            return char::from_u32(v);
        }
    }
    NAMED.iter().find(|(n, _)| *n == base).map(|(_, c)| *c)
}

/// Helvetica widths for ASCII 32..=126 (Adobe AFM).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];

/// Times-Roman widths for ASCII 32..=126 (Adobe AFM).
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500,
    500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
    722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500,
    444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480,
    200, 480, 541,
];

/// Metrics of a standard-14 font, resolved once per font from its name (widths are looked up
/// per glyph, so no string work may happen there).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standard14 {
    table: Option<&'static [u16; 95]>,
    bold: bool,
}

impl Standard14 {
    pub fn for_font(font: &str) -> Standard14 {
        let f = font.to_ascii_lowercase();
        let table = if f.contains("courier") {
            None
        } else if f.contains("times") {
            Some(&TIMES)
        } else {
            Some(&HELVETICA)
        };
        Standard14 { table, bold: f.contains("bold") }
    }

    /// Width of `ch` (1000 units/em); bold faces approximated 5% wider; Courier is fixed-pitch.
    pub fn width(&self, ch: char) -> f64 {
        let Some(table) = self.table else { return 600.0 };
        let code = ch as u32;
        let w = if (32..=126).contains(&code) { table[(code - 32) as usize] as f64 } else { 500.0 };
        if self.bold { w * 1.05 } else { w }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_glyph_names() {
        assert_eq!(glyph_to_unicode("A"), Some('A'));
        assert_eq!(glyph_to_unicode("comma"), Some(','));
        assert_eq!(glyph_to_unicode("uni00E9"), Some('é'));
        assert_eq!(glyph_to_unicode("u1F600"), Some('😀'));
        assert_eq!(glyph_to_unicode("a.sc"), Some('a'));
        assert_eq!(glyph_to_unicode("g123"), None);
    }

    #[test]
    fn knows_standard_widths() {
        assert_eq!(Standard14::for_font("Helvetica").width('W'), 944.0);
        assert_eq!(Standard14::for_font("Times-Roman").width('a'), 444.0);
        assert_eq!(Standard14::for_font("Courier-Bold").width('i'), 600.0);
        assert_eq!(Standard14::for_font("Times-Bold").width('a'), 444.0 * 1.05);
        let t = base_encoding(Some("WinAnsiEncoding"), false);
        assert_eq!(t[0x93], Some('\u{201C}'));
        assert_eq!(t[b'A' as usize], Some('A'));
    }
}

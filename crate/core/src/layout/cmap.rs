//! ToUnicode CMaps: codespace ranges (mixed 1- and 2-byte codes), bfchar and bfrange (incl. the
//! array form), destinations in UTF-16BE with surrogate pairs.

use std::collections::HashMap;

use crate::pdf::lexer::{Lexer, Operand, Token};
use crate::limits::Budget;

const MAX_MAPPINGS: usize = 100_000;
const MAX_RANGE: u32 = 65_536;

#[derive(Debug, Default)]
pub struct ToUnicode {
    /// (byte length, low, high)
    codespace: Vec<(usize, u32, u32)>,
    map: CodeMap<String>,
}

/// Character code -> value. Codes below 256 (every simple font's, and most letters' CMaps) sit in
/// a table indexed by the code: looked up once per glyph, they were hashed (SipHash) each time.
/// The rest stay in a `HashMap` (its keyed hash keeps a hostile file's codes from colliding).
#[derive(Debug)]
pub struct CodeMap<V> {
    low: Vec<Option<V>>,
    high: HashMap<u32, V>,
}

impl<V> Default for CodeMap<V> {
    fn default() -> Self {
        CodeMap { low: Vec::new(), high: HashMap::new() }
    }
}

impl<V> CodeMap<V> {
    pub fn insert(&mut self, code: u32, value: V) {
        if code < 256 {
            if self.low.is_empty() {
                self.low.resize_with(256, || None);
            }
            self.low[code as usize] = Some(value);
        } else {
            self.high.insert(code, value);
        }
    }

    pub fn get(&self, code: u32) -> Option<&V> {
        if code < 256 {
            self.low.get(code as usize)?.as_ref()
        } else {
            self.high.get(&code)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.high.is_empty() && self.low.iter().all(Option::is_none)
    }
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| acc << 8 | b as u32)
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes.chunks(2).map(|c| (c[0] as u16) << 8 | c.get(1).copied().unwrap_or(0) as u16).collect();
    String::from_utf16_lossy(&units)
}

impl ToUnicode {
    pub fn parse(data: &[u8], budget: &mut Budget) -> ToUnicode {
        let mut cmap = ToUnicode::default();
        let mut lexer = Lexer::new(data);
        let mut operands: Vec<Operand> = Vec::new();
        let mut section: &[u8] = b"";
        // Mappings processed, duplicates included: overlapping bfranges (`<0000> <FFFF> <0041>`
        // over and over) keep the map at 65 536 entries while each 20-byte range costs 65 536
        // inserts, which froze the checker (fuzz-regressions/content/cmap-overlapping-ranges).
        let mut processed = 0usize;
        while let Some(tok) = lexer.next_token() {
            if budget.spend(1).is_err() || processed >= MAX_MAPPINGS {
                break;
            }
            match tok {
                Token::Operand(o) => {
                    operands.push(o);
                    if section == b"beginbfrange" && operands.len() == 3 {
                        let n = cmap.add_range(&operands, MAX_MAPPINGS - processed);
                        processed += n;
                        operands.clear();
                        if budget.spend(n as u64).is_err() {
                            break;
                        }
                    } else if section == b"beginbfchar" && operands.len() == 2 {
                        processed += 1;
                        if let (Operand::Str(src), Operand::Str(dst)) = (&operands[0], &operands[1]) {
                            cmap.map.insert(code_of(src), utf16be(dst));
                        } else if let (Operand::Str(src), Operand::Name(n)) = (&operands[0], &operands[1]) {
                            if let Some(c) = super::encoding::glyph_to_unicode(&String::from_utf8_lossy(n)) {
                                cmap.map.insert(code_of(src), c.to_string());
                            }
                        }
                        operands.clear();
                    } else if section == b"begincodespacerange" && operands.len() == 2 {
                        if let (Operand::Str(lo), Operand::Str(hi)) = (&operands[0], &operands[1]) {
                            if !lo.is_empty() && lo.len() <= 4 {
                                cmap.codespace.push((lo.len(), code_of(lo), code_of(hi)));
                            }
                        }
                        operands.clear();
                    }
                }
                Token::Operator(op) => {
                    match op {
                        b"beginbfrange" | b"beginbfchar" | b"begincodespacerange" => section = op,
                        b"endbfrange" | b"endbfchar" | b"endcodespacerange" => section = b"",
                        _ => {}
                    }
                    operands.clear();
                }
            }
        }
        cmap
    }

    /// Add one bfrange, at most `limit` (>= 1) codes of it; returns how many codes it covered.
    fn add_range(&mut self, ops: &[Operand], limit: usize) -> usize {
        let (Operand::Str(lo), Operand::Str(hi)) = (&ops[0], &ops[1]) else { return 0 };
        let (lo, hi) = (code_of(lo), code_of(hi));
        if hi < lo || hi - lo > MAX_RANGE {
            return 0;
        }
        let hi = hi.min(lo.saturating_add(limit.saturating_sub(1) as u32));
        let covered = (hi - lo) as usize + 1;
        match &ops[2] {
            Operand::Str(dst) if !dst.is_empty() => {
                let base: Vec<u16> = dst.chunks(2).map(|c| (c[0] as u16) << 8 | c.get(1).copied().unwrap_or(0) as u16).collect();
                for (k, code) in (lo..=hi).enumerate() {
                    let mut units = base.clone();
                    if let Some(last) = units.last_mut() {
                        *last = last.wrapping_add(k as u16);
                    }
                    self.map.insert(code, String::from_utf16_lossy(&units));
                }
            }
            Operand::Array(items) => {
                for (code, item) in (lo..=hi).zip(items) {
                    if let Operand::Str(dst) = item {
                        self.map.insert(code, utf16be(dst));
                    }
                }
                return covered.min(items.len().max(1));
            }
            _ => {}
        }
        covered
    }

    /// Longest code length the codespace declares (0 when there is none).
    pub fn max_code_len(&self) -> usize {
        self.codespace.iter().map(|c| c.0).max().unwrap_or(0)
    }

    /// The code at the start of `bytes` and its length, per the codespace ranges (2 bytes if none).
    pub fn code_at(&self, bytes: &[u8]) -> (u32, usize) {
        for len in 1..=4 {
            if bytes.len() < len {
                break;
            }
            let code = code_of(&bytes[..len]);
            if self.codespace.iter().any(|&(l, lo, hi)| l == len && code >= lo && code <= hi) {
                return (code, len);
            }
        }
        let len = if self.codespace.is_empty() { 2 } else { self.max_code_len().max(1) }.min(bytes.len()).max(1);
        (code_of(&bytes[..len]), len)
    }

    pub fn lookup(&self, code: u32) -> Option<&str> {
        self.map.get(code).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_chrome_style_cmap() {
        let data = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0011> <D835DC00> endbfchar
            2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0061> <00620063>] endbfrange
            endcmap";
        let mut b = Budget::for_file(0);
        let c = ToUnicode::parse(data, &mut b);
        assert_eq!(c.lookup(3).as_deref(), Some(" "));
        assert_eq!(c.lookup(0x11).as_deref(), Some("\u{1d400}"));
        assert_eq!(c.lookup(0x25).as_deref(), Some("B"));
        assert_eq!(c.lookup(0x31).as_deref(), Some("bc"));
        assert_eq!(c.code_at(&[0, 0x24, 1]), (0x24, 2));
    }

    #[test]
    fn handles_mixed_byte_codespaces() {
        let data = b"begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange
            beginbfchar <41> <0041> <8141> <3042> endbfchar";
        let c = ToUnicode::parse(data, &mut Budget::for_file(0));
        assert_eq!(c.code_at(&[0x41, 0x81]), (0x41, 1));
        assert_eq!(c.code_at(&[0x81, 0x41]), (0x8141, 2));
        assert_eq!(c.lookup(0x8141).as_deref(), Some("\u{3042}"));
    }
}

//! A small, bounded tokenizer for content streams and CMaps. Faster than building lopdf objects
//! and never recursive: arrays nest only to `MAX_ARRAY_DEPTH`.

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Number(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    /// A dictionary operand (marked content properties): contents are not needed.
    Dict,
    Bool(bool),
    Null,
}

impl Operand {
    pub fn number(&self) -> Option<f64> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Operand(Operand),
    Operator(&'a [u8]),
}

const MAX_ARRAY_DEPTH: usize = 8;
const MAX_ARRAY_LEN: usize = 100_000;
const MAX_STRING_LEN: usize = 1 << 20;

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

/// PDF delimiter characters (ISO 32000 7.2.2).
pub(crate) fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// PDF white-space characters (ISO 32000 7.2.2).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or None at the end.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_space();
            let b = self.peek()?;
            match b {
                b'[' => {
                    self.pos += 1;
                    return Some(Token::Operand(self.array(1)));
                }
                b']' | b')' | b'>' | b'{' | b'}' => {
                    self.pos += 1; // stray delimiter: skip it
                    continue;
                }
                _ => {}
            }
            if let Some(op) = self.operand() {
                return Some(Token::Operand(op));
            }
            let start = self.pos;
            while let Some(c) = self.peek() {
                if is_space(c) || is_delimiter(c) {
                    break;
                }
                self.pos += 1;
            }
            if self.pos == start {
                self.pos += 1;
                continue;
            }
            return Some(Token::Operator(&self.data[start..self.pos]));
        }
    }

    fn array(&mut self, depth: usize) -> Operand {
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => break,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                Some(b'[') => {
                    self.pos += 1;
                    if depth >= MAX_ARRAY_DEPTH {
                        self.skip_nested_array();
                    } else {
                        let inner = self.array(depth + 1);
                        if items.len() < MAX_ARRAY_LEN {
                            items.push(inner);
                        }
                    }
                }
                Some(_) => match self.operand() {
                    Some(op) => {
                        if items.len() < MAX_ARRAY_LEN {
                            items.push(op);
                        }
                    }
                    None => {
                        // An operator inside an array is malformed: skip the word.
                        while let Some(c) = self.peek() {
                            if is_space(c) || is_delimiter(c) {
                                break;
                            }
                            self.pos += 1;
                        }
                        if matches!(self.peek(), Some(b')' | b'>' | b'{' | b'}')) {
                            self.pos += 1;
                        }
                    }
                },
            }
        }
        Operand::Array(items)
    }

    /// An operand at the current position, or None if an operator (or junk) is here.
    fn operand(&mut self) -> Option<Operand> {
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if is_space(c) || is_delimiter(c) {
                        break;
                    }
                    self.pos += 1;
                }
                Some(Operand::Name(decode_name(&self.data[start..self.pos])))
            }
            b'(' => Some(Operand::Str(self.literal_string())),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dict();
                Some(Operand::Dict)
            }
            b'<' => Some(Operand::Str(self.hex_string())),
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let start = self.pos;
                self.pos += 1;
                while let Some(c) = self.peek() {
                    if c.is_ascii_digit() || c == b'.' || c == b'-' {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                let text = std::str::from_utf8(&self.data[start..self.pos]).unwrap_or("0");
                Some(Operand::Number(parse_number(text)))
            }
            b't' if self.word_is(b"true") => Some(Operand::Bool(true)),
            b'f' if self.word_is(b"false") => Some(Operand::Bool(false)),
            b'n' if self.word_is(b"null") => Some(Operand::Null),
            _ => None,
        }
    }

    fn word_is(&mut self, word: &[u8]) -> bool {
        let end = self.pos + word.len();
        if self.data.get(self.pos..end) == Some(word) && self.data.get(end).is_none_or(|&c| is_space(c) || is_delimiter(c)) {
            self.pos = end;
            true
        } else {
            false
        }
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut level = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    let v = match e {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 8,
                        b'f' => 12,
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                            continue;
                        }
                        b'\n' => continue,
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            (v & 0xff) as u8
                        }
                        other => other,
                    };
                    out.push(v);
                }
                b'(' => {
                    level += 1;
                    out.push(c);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                    out.push(c);
                }
                _ => out.push(c),
            }
            if out.len() > MAX_STRING_LEN {
                break;
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut digits = Vec::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = (c as char).to_digit(16) {
                if digits.len() < MAX_STRING_LEN * 2 {
                    digits.push(v as u8);
                }
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect()
    }

    /// Skip an array nested too deep to keep, without recursing.
    fn skip_nested_array(&mut self) {
        let mut level = 1usize;
        while let Some(c) = self.peek() {
            match c {
                b'(' => {
                    self.literal_string();
                    continue;
                }
                b'[' => level += 1,
                b']' => {
                    level -= 1;
                    if level == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn skip_dict(&mut self) {
        let mut level = 0usize;
        while self.pos < self.data.len() {
            if self.data[self.pos..].starts_with(b"<<") {
                level += 1;
                self.pos += 2;
            } else if self.data[self.pos..].starts_with(b">>") {
                level = level.saturating_sub(1);
                self.pos += 2;
                if level == 0 {
                    return;
                }
            } else if self.data[self.pos] == b'(' {
                self.literal_string();
            } else {
                self.pos += 1;
            }
        }
    }

    /// Skip inline image data after `ID` up to and including `EI`.
    pub fn skip_inline_image(&mut self) {
        // One whitespace byte follows ID; the data ends at whitespace + "EI" + delimiter/end.
        self.pos += 1;
        while self.pos < self.data.len() {
            if self.pos > 0
                && is_space(self.data[self.pos - 1])
                && self.data[self.pos..].starts_with(b"EI")
                && self.data.get(self.pos + 2).is_none_or(|&c| is_space(c) || is_delimiter(c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
    }
}

fn parse_number(text: &str) -> f64 {
    // Producers write oddities like "--5" or "1.2.3"; read the longest valid prefix.
    let t = text.trim_start_matches('+');
    let t = if t.starts_with("--") { &t[1..] } else { t };
    let mut end = t.len();
    while end > 0 {
        if let Ok(v) = t[..end].parse::<f64>() {
            return if v.is_finite() { v } else { 0.0 };
        }
        end -= 1;
    }
    0.0
}

fn decode_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' && i + 2 < raw.len() {
            let hex = std::str::from_utf8(&raw[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &[u8]) -> Vec<Token<'_>> {
        let mut l = Lexer::new(s);
        std::iter::from_fn(|| l.next_token()).collect()
    }

    #[test]
    fn tokenizes_text_operators() {
        let t = tokens(b"BT /F1 12 Tf 72 700 Td [(Hel) -250 (lo\\051)] TJ <48 69> Tj ET");
        assert_eq!(t[0], Token::Operator(b"BT"));
        assert_eq!(t[1], Token::Operand(Operand::Name(b"F1".to_vec())));
        assert_eq!(t[2], Token::Operand(Operand::Number(12.0)));
        assert_eq!(
            t[7],
            Token::Operand(Operand::Array(vec![
                Operand::Str(b"Hel".to_vec()),
                Operand::Number(-250.0),
                Operand::Str(b"lo)".to_vec())
            ]))
        );
        assert_eq!(t[9], Token::Operand(Operand::Str(b"Hi".to_vec())));
    }

    #[test]
    fn survives_junk() {
        let t = tokens(b"]]]) >> ((unterminated [1 2 [3 <4");
        assert!(!t.is_empty());
        let deep = vec![b'['; 100_000];
        assert_eq!(tokens(&deep).len(), 1);
        assert_eq!(parse_number("--5"), -5.0);
        assert_eq!(parse_number("1.2.3"), 1.2);
    }
}

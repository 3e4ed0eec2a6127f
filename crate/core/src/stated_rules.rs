//! The rules an upload page states, read as a person reads them: every way the page writes a size
//! limit ("Maks. 200 KB", "maksimal 0,5 MB", "— 800KB", "ukuran file paling besar 500 kilobyte",
//! "tidak melebihi 1.024 KB", "≤ 2 MB"), which file types a limit is about ("PDF maks. 300 KB, JPG
//! maks. 200 KB"), and what is not a limit (a chosen file's own size "(728 KB)", "minimal 100 KB",
//! "maksimal 5 halaman"). Then which rule governs one control: the row's own statement, else the
//! page's general notice above the list, else the document type's default — called a default only
//! when nothing on the page states a limit. And the stage a control serves: a file to be stamped
//! ("Unggah PDF yang belum ada e-Meterai") or an already stamped one ("yang telah dibubuhi
//! e-Meterai", "bermeterai"), from the control's own words first, then its row, then the page.
//!
//! (`limits.rs` is something else: the bounds on the work spent reading a file.)

use serde::{Deserialize, Serialize};

use crate::options::{DocType, ExpectedType, Options, Stage};
use crate::report::{Finding, Message, Report, Severity};

/// Text longer than this is cut (a row is a few hundred characters; a page a few thousand).
const MAX_TEXT_CHARS: usize = 20_000;
/// Notices read per control, nearest first.
const MAX_NOTICES: usize = 8;
/// How far before a size a limit word may stand ("maksimal ukuran file yang diunggah 2 MB").
const LOOKBACK_TOKENS: usize = 8;
/// A stated limit above this is not a limit (a typo, a phone number): 1 GB.
const MAX_LIMIT_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;

/// A file type a statement names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
}

/// One size limit a text states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatedLimit {
    /// The limit in bytes (1 KB = 1024 bytes, 1 MB = 1024 KB, as SSCASN counts).
    pub bytes: u64,
    /// The same in KB, rounded to the nearest (what a person compares with a file's size).
    pub kb: u64,
    /// The words as the page wrote them ("maks. 0,2 MB").
    pub written: String,
    /// The file types the statement is about (empty: any file).
    pub types: Vec<FileType>,
    /// The documents the statement names (empty: not one document's; a general rule).
    pub docs: Vec<DocType>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Num(String),
    Sym(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// Words, numbers (with their separators) and symbols; byte offsets into `text`.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map(|c| c.0).unwrap_or(text.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c == '\n' || c == '\r' {
            out.push(Token { tok: Tok::Sym('\n'), start, end: end_of(i + 1) });
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].1.is_ascii_digit()
                    || ((chars[j].1 == '.' || chars[j].1 == ',') && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit())))
            {
                j += 1;
            }
            out.push(Token { tok: Tok::Num(text[start..end_of(j)].to_string()), start, end: end_of(j) });
            i = j;
        } else if is_word_char(c) {
            // Words keep inner hyphens ("e-meterai", "ber-e-meterai").
            let mut j = i;
            while j < chars.len()
                && (is_word_char(chars[j].1) || (chars[j].1 == '-' && chars.get(j + 1).is_some_and(|n| is_word_char(n.1)) && j > i))
            {
                j += 1;
            }
            out.push(Token { tok: Tok::Word(text[start..end_of(j)].to_lowercase()), start, end: end_of(j) });
            i = j;
        } else if c == '<' && chars.get(i + 1).is_some_and(|n| n.1 == '=') {
            out.push(Token { tok: Tok::Sym('≤'), start, end: end_of(i + 2) });
            i += 2;
        } else {
            out.push(Token { tok: Tok::Sym(c), start, end: end_of(i + 1) });
            i += 1;
        }
    }
    out
}

fn word(t: &Token) -> Option<&str> {
    match &t.tok {
        Tok::Word(w) => Some(w.as_str()),
        _ => None,
    }
}

/// The bytes one unit word means.
fn unit_bytes(w: &str) -> Option<f64> {
    match w {
        "kb" | "kib" | "kbyte" | "kbytes" | "kilobyte" | "kilobytes" | "kilobita" => Some(1024.0),
        "mb" | "mib" | "mbyte" | "mbytes" | "megabyte" | "megabytes" => Some(1024.0 * 1024.0),
        "gb" | "gib" | "gigabyte" | "gigabytes" => Some(1024.0 * 1024.0 * 1024.0),
        "byte" | "bytes" => Some(1.0),
        _ => None,
    }
}

/// "1.024" is a thousand and twenty-four, "0,2" and "1.5" are decimals, "1.024,5" both.
fn parse_number(s: &str) -> Option<f64> {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let plain: String = if dots > 0 && commas > 0 {
        let decimal = if s.rfind('.') > s.rfind(',') { '.' } else { ',' };
        let (int, frac) = s.rsplit_once(decimal)?;
        format!("{}.{}", int.replace(['.', ','], ""), frac)
    } else if dots + commas > 1 {
        s.replace(['.', ','], "")
    } else if dots + commas == 1 {
        let (int, frac) = s.split_once(['.', ','])?;
        if frac.len() == 3 && int != "0" { format!("{int}{frac}") } else { format!("{int}.{frac}") }
    } else {
        s.to_string()
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A size in the tokens: the number at `i` and its unit (one word, or "kilo byte").
fn size_at(toks: &[Token], i: usize) -> Option<(f64, usize)> {
    let Tok::Num(n) = &toks.get(i)?.tok else { return None };
    let value = parse_number(n)?;
    let unit = word(toks.get(i + 1)?)?;
    if let Some(mult) = unit_bytes(unit) {
        return Some((value * mult, i + 1));
    }
    let next = toks.get(i + 2).and_then(word);
    match (unit, next) {
        ("kilo", Some("byte" | "bytes")) => Some((value * 1024.0, i + 2)),
        ("mega", Some("byte" | "bytes")) => Some((value * 1024.0 * 1024.0, i + 2)),
        _ => None,
    }
}

/// A word that ends a clause's look-back (a period after an abbreviation like "maks." does not).
fn is_boundary(toks: &[Token], i: usize) -> bool {
    match &toks[i].tok {
        Tok::Sym('\n' | ';' | '(' | ')' | '•' | '!' | '?') => true,
        Tok::Sym('.') => {
            let prev = i.checked_sub(1).and_then(|p| word(&toks[p]));
            // A period glued to the next word is in a file name ("ijazah.pdf"), not a sentence's end.
            let glued = toks.get(i + 1).is_some_and(|n| n.start == toks[i].end);
            !glued && !matches!(prev, Some("maks" | "max" | "min" | "s" | "d" | "sd" | "no" | "ukr")) && i > 0
        }
        _ => false,
    }
}

/// Phrases that make a following size a limit, and those that make it a minimum or something else.
/// Each is a sequence of words (or one symbol); longer phrases are tried first.
const LIMIT_PHRASES: &[&[&str]] = &[
    &["tidak", "boleh", "lebih", "dari"],
    &["tidak", "boleh", "melebihi"],
    &["tidak", "lebih", "dari"],
    &["tidak", "melebihi"],
    &["tidak", "melewati"],
    &["paling", "besar"],
    &["paling", "banyak"],
    &["sebesar", "besarnya"],
    &["sampai", "dengan"],
    &["s", "/", "d"],
    &["s", ".", "d"],
    &["di", "bawah"],
    &["kurang", "dari"],
    &["no", "more", "than"],
    &["not", "more", "than"],
    &["not", "exceeding"],
    &["at", "most"],
    &["up", "to"],
    &["less", "than"],
    &["maks"],
    &["maksimal"],
    &["maksimum"],
    &["maximal"],
    &["maximum"],
    &["max"],
    &["batas"],
    &["hingga"],
    &["sd"],
    &["≤"],
    &["<"],
];
const NOT_LIMIT_PHRASES: &[&[&str]] = &[
    &["paling", "kecil"],
    &["paling", "sedikit"],
    &["lebih", "dari"],
    &["di", "atas"],
    &["at", "least"],
    &["more", "than"],
    &["sekurang-kurangnya"],
    &["minimal"],
    &["minimum"],
    &["min"],
    &["terpilih"],
    &["dipilih"],
    &["diterima"],
    &["diunggah"],
    &["≥"],
    &[">"],
];

fn tok_text(t: &Token) -> String {
    match &t.tok {
        Tok::Word(w) => w.clone(),
        Tok::Num(n) => n.clone(),
        Tok::Sym(c) => c.to_string(),
    }
}

/// The phrase of `list` that ends at token `j`, as (first token index).
fn phrase_ending_at(toks: &[Token], j: usize, list: &[&[&str]]) -> Option<usize> {
    list.iter().find_map(|p| {
        let n = p.len();
        if j + 1 < n {
            return None;
        }
        let s = j + 1 - n;
        (0..n).all(|k| tok_text(&toks[s + k]) == p[k]).then_some(s)
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Reading {
    Limit(usize),
    NotLimit,
    Unknown,
}

/// What stands before the size at `i`: a limit word (and where the statement starts), a minimum,
/// or nothing said.
fn read_before(toks: &[Token], i: usize, previous: &[(usize, usize, Reading)]) -> Reading {
    let lo = i.saturating_sub(LOOKBACK_TOKENS);
    let mut j = i;
    while j > lo {
        j -= 1;
        if is_boundary(toks, j) {
            break;
        }
        // "…tidak lebih dari" before "lebih dari": the limit list is tried first, longest first.
        if let Some(s) = phrase_ending_at(toks, j, LIMIT_PHRASES) {
            // "lebih dari" preceded by "tidak" is caught as the longer phrase above.
            return Reading::Limit(s);
        }
        if phrase_ending_at(toks, j, NOT_LIMIT_PHRASES).is_some() {
            return Reading::NotLimit;
        }
        // An earlier size in the same clause: this one continues its list ("maks. 2 MB untuk PDF
        // dan 500 KB untuk JPG", "minimal 100 KB, 200 KB").
        if let Some(&(_, _, r)) = previous.iter().rev().find(|(_, end, _)| *end == j) {
            return match r {
                Reading::Limit(_) => Reading::Limit(i),
                other => other,
            };
        }
    }
    Reading::Unknown
}

/// A chosen file's name in the clause ("surat.pdf", "scan_ijazah.jpg"): its sizes are the file's.
fn names_a_file(toks: &[Token], from: usize, to: usize) -> bool {
    (from..to.min(toks.len())).any(|k| {
        matches!(toks[k].tok, Tok::Sym('.'))
            && k > 0
            && toks[k - 1].end == toks[k].start
            && matches!(toks[k - 1].tok, Tok::Word(_) | Tok::Num(_) | Tok::Sym('_'))
            && toks.get(k + 1).and_then(word).is_some_and(|w| matches!(w, "pdf" | "jpg" | "jpeg" | "png"))
            && toks[k + 1].start == toks[k].end
    })
}

fn clause_start(toks: &[Token], i: usize) -> usize {
    (0..i).rev().find(|&k| is_boundary(toks, k)).map(|k| k + 1).unwrap_or(0)
}

fn clause_end(toks: &[Token], i: usize) -> usize {
    (i..toks.len()).find(|&k| is_boundary(toks, k)).unwrap_or(toks.len())
}

fn type_of(w: &str) -> Option<FileType> {
    match w {
        "pdf" => Some(FileType::Pdf),
        "jpg" | "jpeg" => Some(FileType::Jpeg),
        "png" => Some(FileType::Png),
        _ => None,
    }
}

/// The document a word names (for notices that list documents: "Pas foto JPG maks. 200 KB").
fn doc_of(w: &str) -> Option<DocType> {
    match w {
        "lamaran" => Some(DocType::SuratLamaran),
        "pernyataan" => Some(DocType::SuratPernyataan),
        "ijazah" | "ijasah" => Some(DocType::Ijazah),
        "transkrip" => Some(DocType::Transkrip),
        "foto" | "pasfoto" | "swafoto" => Some(DocType::PasFoto),
        "ktp" | "e-ktp" => Some(DocType::Ktp),
        "sertifikat" | "pendukung" | "str" | "toefl" | "skck" => Some(DocType::Pendukung),
        _ => None,
    }
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// Every size limit `text` states, in order.
pub fn find_limits(text: &str) -> Vec<StatedLimit> {
    let text = cut(text);
    let toks = tokenize(text);
    // (number index, unit end index, reading)
    let mut sizes: Vec<(usize, usize, Reading)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((_, unit_end)) = size_at(&toks, i) else {
            i += 1;
            continue;
        };
        let mut reading = read_before(&toks, i, &sizes);
        let prev = i.checked_sub(1).map(|p| &toks[p].tok);
        // A range's upper end: "100-500 KB", "100 KB – 500 KB", "antara 100 KB dan 500 KB".
        if reading == Reading::Unknown || reading == Reading::NotLimit {
            let before = i.checked_sub(2).map(|p| &toks[p]);
            let is_range_sep = matches!(prev, Some(Tok::Sym('-' | '–' | '—' | '~')));
            if is_range_sep && before.is_some_and(|b| matches!(b.tok, Tok::Num(_)) || word(b).and_then(unit_bytes).is_some()) {
                reading = Reading::Limit(i.saturating_sub(2));
                if let Some(last) = sizes.last_mut() {
                    if last.1 + 2 == i {
                        last.2 = Reading::NotLimit; // the lower end is a minimum
                    }
                }
                if matches!(before.map(|b| &b.tok), Some(Tok::Num(_))) {
                    reading = Reading::Limit(i - 2);
                }
            } else if matches!(prev.and_then(|_| word(&toks[i - 1])), Some("dan"))
                && (clause_start(&toks, i)..i).any(|k| word(&toks[k]) == Some("antara"))
            {
                let s = (clause_start(&toks, i)..i).find(|&k| word(&toks[k]) == Some("antara")).unwrap_or(i);
                if let Some(last) = sizes.last_mut() {
                    last.2 = Reading::NotLimit;
                }
                reading = Reading::Limit(s);
            }
        }
        if reading == Reading::Unknown {
            // Said after the size: "200 KB maksimal", "1 MB (maks.)".
            let after = toks.get(unit_end + 1).and_then(word).or_else(|| {
                (toks.get(unit_end + 1).map(|t| &t.tok) == Some(&Tok::Sym('('))).then(|| toks.get(unit_end + 2).and_then(word)).flatten()
            });
            if matches!(after, Some("maks" | "maksimal" | "maksimum" | "max" | "maximum")) {
                reading = Reading::Limit(i);
            } else if matches!(prev, Some(Tok::Sym('-' | '–' | '—' | '|' | '/')))
                && !names_a_file(&toks, clause_start(&toks, i), i)
            {
                // A title followed by its size: "Scan ijazah asli (PDF) — 800KB".
                reading = Reading::Limit(i);
            }
        }
        sizes.push((i, unit_end, reading));
        i = unit_end + 1;
    }

    let limits: Vec<(usize, usize, usize)> =
        sizes.iter().filter_map(|&(n, e, r)| if let Reading::Limit(s) = r { Some((s, n, e)) } else { None }).collect();
    let mut out = Vec::new();
    // Words already read as the previous statement's subject ("maks. 2 MB untuk PDF dan 500 KB …").
    let mut consumed_until = 0;
    for (k, &(start, n, end)) in limits.iter().enumerate() {
        let Some((bytes, _)) = size_at(&toks, n) else { continue };
        if !(1.0..=MAX_LIMIT_BYTES).contains(&bytes) {
            continue;
        }
        let cs = clause_start(&toks, start);
        // What the statement is about: named between the previous limit (or the clause's start)
        // and this one; else right after it ("maks. 2 MB untuk PDF").
        let from = limits[..k].last().map(|l| l.2 + 1).filter(|&e| e > cs).unwrap_or(cs).max(consumed_until).min(start);
        let mut types = Vec::new();
        let mut docs = Vec::new();
        let scan = |range: std::ops::Range<usize>, types: &mut Vec<FileType>, docs: &mut Vec<DocType>| {
            for t in &toks[range] {
                if let Some(w) = word(t) {
                    if let Some(ft) = type_of(w) {
                        push_unique(types, ft);
                    }
                    if let Some(d) = doc_of(w) {
                        push_unique(docs, d);
                    }
                }
            }
        };
        scan(from..start, &mut types, &mut docs);
        let ce = clause_end(&toks, end + 1);
        let next = limits.get(k + 1).map(|l| l.0).unwrap_or(ce).min(ce);
        if types.is_empty() && docs.is_empty() && end + 1 < next {
            scan(end + 1..next, &mut types, &mut docs);
            consumed_until = next;
        } else if types.is_empty() && end + 1 < next {
            let mut ignored = Vec::new();
            scan(end + 1..next, &mut types, &mut ignored);
            consumed_until = next;
        }
        let written = text[toks[start].start..toks[end].end].split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(StatedLimit { bytes: bytes.floor() as u64, kb: (bytes / 1024.0).round().max(1.0) as u64, written, types, docs });
    }
    out
}

fn cut(text: &str) -> &str {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// The file types `text` names (for the row's expected type).
pub fn file_types(text: &str) -> Vec<FileType> {
    let mut out = Vec::new();
    for t in tokenize(cut(text)) {
        if let Some(ft) = word(&t).and_then(type_of) {
            push_unique(&mut out, ft);
        }
    }
    out
}

/// Which stage a control serves, as its words say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageReading {
    /// A file to be stamped: "Unggah PDF yang belum ada e-Meterai", the stamping dialog.
    ToBeStamped,
    /// An already stamped file: "yang telah dibubuhi e-Meterai", "bermeterai".
    Stamped,
    /// Both are said, or an e-Meterai is mentioned without saying which.
    Unsure,
    /// Nothing about an e-Meterai.
    Silent,
}

const TO_BE_STAMPED: &[&[&str]] = &[
    &["belum", "ada", "meterai"],
    &["belum", "memiliki", "meterai"],
    &["belum", "bermeterai"],
    &["belum", "dibubuhi"],
    &["belum", "dibubuhkan"],
    &["belum", "ditempeli"],
    &["tanpa", "meterai"],
    &["akan", "dibubuhi"],
    &["akan", "dibubuhkan"],
    &["untuk", "dibubuhi"],
    &["untuk", "dibubuhkan"],
    &["bubuhkan"],
    &["bubuhi"],
    &["pembubuhan", "meterai"],
    &["proses", "pembubuhan"],
    &["posisikan"],
    &["unggah", "meterai"],
    &["upload", "meterai"],
    &["stamping"],
    &["to", "be", "stamped"],
    &["without", "meterai"],
];
const STAMPED: &[&[&str]] = &[
    &["telah", "dibubuhi"],
    &["sudah", "dibubuhi"],
    &["telah", "dibubuhkan"],
    &["sudah", "dibubuhkan"],
    &["dibubuhi"],
    &["dibubuhkan"],
    &["bermeterai"],
    &["sudah", "ada", "meterai"],
    &["telah", "ada", "meterai"],
    &["dengan", "meterai"],
    &["wajib", "meterai"],
    &["stamped"],
];

/// Words with the e-Meterai spelled one way ("e-Meterai", "e-materai", "e meterai" → "meterai";
/// "ber-e-meterai", "bermaterai" → "bermeterai").
fn stage_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokenize(cut(text)) {
        let Some(w) = word(&t) else {
            if let Tok::Sym(c) = t.tok {
                if c == '\n' || c == '.' || c == ';' {
                    out.push("|".into());
                }
            }
            continue;
        };
        let w = w.replace("materai", "meterai");
        let w = match w.as_str() {
            "e-meterai" | "emeterai" | "meterai" | "e-meterai-nya" => "meterai".to_string(),
            "ber-e-meterai" | "bere-meterai" | "bermeterai" | "ber-meterai" | "beremeterai" => "bermeterai".to_string(),
            other => other.to_string(),
        };
        if w == "meterai" && out.last().is_some_and(|p| p == "e") {
            out.pop();
        }
        if w == "elektronik" && out.last().is_some_and(|p| p == "meterai" || p == "bermeterai") {
            continue;
        }
        out.push(w);
    }
    out
}

/// What `text` says about the stage: to be stamped, stamped, both/undecided, or nothing.
pub fn read_stage(text: &str) -> StageReading {
    let words = stage_words(text);
    let (mut to_be, mut stamped, mut mentions) = (false, false, false);
    let mut i = 0;
    'outer: while i < words.len() {
        if words[i].contains("meterai") {
            mentions = true;
        }
        for (list, flag) in [(TO_BE_STAMPED, 0), (STAMPED, 1)] {
            for p in list {
                if i + p.len() <= words.len() && p.iter().enumerate().all(|(k, w)| words[i + k] == *w) {
                    // "Cek Riwayat Pembubuhan" is a history button, not a stamping control.
                    let history = i > 0 && (words[i - 1] == "riwayat" || words[i - 1] == "history");
                    if !history {
                        if flag == 0 { to_be = true } else { stamped = true }
                    }
                    if p.iter().any(|w| w.contains("meterai")) {
                        mentions = true;
                    }
                    i += p.len();
                    continue 'outer;
                }
            }
        }
        i += 1;
    }
    match (to_be, stamped) {
        (true, false) => StageReading::ToBeStamped,
        (false, true) => StageReading::Stamped,
        (true, true) => StageReading::Unsure,
        (false, false) if mentions => StageReading::Unsure,
        _ => StageReading::Silent,
    }
}

/// The texts around one control, as the extension reads them on the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ControlTexts {
    /// The control's own words: its label, button text, aria-label (a dialog's activator's text).
    pub control: String,
    /// The row's text, without other controls' words and without chosen files' names.
    pub row: String,
    /// Notices that govern the list the row is in, nearest first: the text above the list, the
    /// step's header, a "Ketentuan" box, a table's header row.
    pub notices: Vec<String>,
    /// The page's visible text (only to tell whether the page states any limit at all).
    pub page: String,
    /// The input's `accept` attribute.
    pub accept: String,
    /// Whether the page itself is a stamping page (an e-Meterai portal, SSCASN's stamping route).
    pub stamping_page: bool,
}

/// Where a control's limit came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitSource {
    /// The row's own statement.
    Row,
    /// The page's general notice above the list.
    Notice,
    /// The document type's usual limit, and the page states a limit elsewhere (not for this row).
    DefaultRowSilent,
    /// The document type's usual limit; nothing on the page states a limit.
    Default,
}

/// The rule that governs one control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlRule {
    pub max_bytes: u64,
    /// The limit in KB, rounded (what rules-memory stores).
    pub max_kb: u64,
    pub source: LimitSource,
    /// The statement as the page wrote it (row or notice).
    pub written: Option<String>,
    /// The file type the control asks for (accept, then its words), if it says.
    pub expected: Option<ExpectedType>,
    /// The stage the control serves.
    pub stage: StageReading,
    /// Where the stage was read: "control", "row", "page" or "none".
    pub stage_from: String,
    /// The line the badge shows about the limit, in both languages.
    pub line: Message,
}

fn expected_of(accept: &str, row: &str) -> Option<ExpectedType> {
    let pick = |types: &[FileType]| {
        let pdf = types.contains(&FileType::Pdf);
        let img = types.contains(&FileType::Jpeg) || types.contains(&FileType::Png);
        match (pdf, img) {
            (true, false) => Some(ExpectedType::Pdf),
            (false, true) => Some(ExpectedType::Jpeg),
            _ => None,
        }
    };
    let a = accept.to_ascii_lowercase();
    let mut accepted = file_types(&a.replace(['.', ',', '/'], " "));
    if a.contains("image/") {
        push_unique(&mut accepted, FileType::Jpeg);
    }
    pick(&accepted).or_else(|| pick(&file_types(row)))
}

fn fits(limit: &StatedLimit, doc: DocType, expected: ExpectedType) -> (bool, u8) {
    let doc_ok = limit.docs.is_empty() || limit.docs.contains(&doc);
    let type_ok = limit.types.is_empty()
        || match expected {
            ExpectedType::Pdf => limit.types.contains(&FileType::Pdf),
            ExpectedType::Jpeg => limit.types.iter().any(|t| *t != FileType::Pdf),
            ExpectedType::Any => true,
        };
    // Specific beats general: a statement naming this document, then one naming its type.
    let score = u8::from(!limit.docs.is_empty()) * 2 + u8::from(!limit.types.is_empty());
    (doc_ok && type_ok, score)
}

fn best_for(limits: &[StatedLimit], doc: DocType, expected: ExpectedType) -> Option<&StatedLimit> {
    let mut best: Option<(&StatedLimit, u8)> = None;
    for l in limits {
        let (ok, score) = fits(l, doc, expected);
        if ok && best.is_none_or(|(_, s)| score > s) {
            best = Some((l, score));
        }
    }
    best.map(|(l, _)| l)
}

fn size_words(kb: u64) -> String {
    if kb >= 1024 && kb.is_multiple_of(1024) { format!("{} MB", kb / 1024) } else { format!("{kb} KB") }
}

/// Whether "maks. 200 KB" already says its KB (no "(200 KB)" after it).
fn written_in_kb(written: &str, kb: u64) -> bool {
    let digits: String = written.chars().filter(|c| c.is_ascii_digit()).collect();
    let lower = written.to_lowercase();
    digits == kb.to_string() && (lower.contains("kb") || lower.contains("kilo"))
}

/// The rule for one control: its row's own statement, else the notice governing its list, else the
/// document type's default; and the stage it serves.
pub fn rule_for_control(texts: &ControlTexts, doc: DocType) -> ControlRule {
    let expected = expected_of(&texts.accept, &format!("{} {}", texts.control, texts.row));
    let want = expected.unwrap_or(doc.rules().expected);
    let own: Vec<StatedLimit> = [texts.control.as_str(), texts.row.as_str()].iter().flat_map(|t| find_limits(t)).collect();
    let mut chosen = best_for(&own, doc, want).map(|l| (l.clone(), LimitSource::Row));
    if chosen.is_none() {
        // A row's own statement about another document's type still is its statement ("PDF
        // maks. 1 MB" on a row whose input takes anything): the first one.
        chosen = own.first().filter(|_| expected.is_none()).map(|l| (l.clone(), LimitSource::Row));
    }
    if chosen.is_none() {
        for notice in texts.notices.iter().take(MAX_NOTICES) {
            let found = find_limits(notice);
            if let Some(l) = best_for(&found, doc, want) {
                chosen = Some((l.clone(), LimitSource::Notice));
                break;
            }
        }
    }
    let stage_of = |t: &str| read_stage(t);
    let (stage, stage_from) = match stage_of(&texts.control) {
        StageReading::Silent => match stage_of(&texts.row) {
            StageReading::Silent if texts.stamping_page => (StageReading::ToBeStamped, "page"),
            StageReading::Silent => (StageReading::Silent, "none"),
            r => (r, "row"),
        },
        r => (r, "control"),
    };
    // On a stamping page, a control that speaks of the stamp without saying which is the page's.
    let stage = if texts.stamping_page && stage == StageReading::Unsure && stage_from == "row" { StageReading::ToBeStamped } else { stage };

    let (max_bytes, source, written) = match chosen {
        Some((l, source)) => (l.bytes, source, Some(l.written)),
        None => {
            let page_states = !find_limits(&texts.page).is_empty() || texts.notices.iter().any(|n| !find_limits(n).is_empty());
            let source = if page_states { LimitSource::DefaultRowSilent } else { LimitSource::Default };
            (doc.rules().default_max_bytes, source, None)
        }
    };
    let kb = ((max_bytes as f64) / 1024.0).round().max(1.0) as u64;
    let shown = |w: &str| if written_in_kb(w, kb) { w.to_string() } else { format!("{w} ({kb} KB)") };
    let line = match (source, written.as_deref()) {
        (LimitSource::Row, Some(w)) => Message { id: format!("batas: {}", shown(w)), en: format!("limit: {}", shown(w)) },
        (LimitSource::Notice, Some(w)) => Message {
            id: format!("batas {} — ketentuan umum halaman (\u{201c}{w}\u{201d})", size_words(kb)),
            en: format!("limit {} — the page's general rule (\u{201c}{w}\u{201d})", size_words(kb)),
        },
        (LimitSource::DefaultRowSilent, _) => Message {
            id: format!("batas {}, bawaan untuk dokumen ini — baris ini tidak menyebut batas", size_words(kb)),
            en: format!("limit {}, the usual for this document — this row states no limit", size_words(kb)),
        },
        _ => Message {
            id: format!("batas {}, bawaan — halaman tidak menyebut batas", size_words(kb)),
            en: format!("limit {}, the default — the page states no limit", size_words(kb)),
        },
    };
    ControlRule { max_bytes, max_kb: kb, source, written, expected, stage, stage_from: stage_from.to_string(), line }
}

/// The options one control's rule gives a check (`options.stage` is kept when the caller forces it).
pub fn options_for(rule: &ControlRule, options: &Options, stage_forced: bool) -> Options {
    let mut o = options.clone();
    o.limit_bytes = Some(rule.max_bytes);
    o.max_kb = Some(rule.max_kb);
    if !stage_forced {
        o.stage = if rule.stage == StageReading::ToBeStamped { Stage::Stamping } else { Stage::Upload };
    }
    o
}

/// The result of checking a file in one control: the report and the rule it was checked against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlCheck {
    pub report: Report,
    pub rule: ControlRule,
}

/// Check `bytes` in the control `texts` describe. When the control's stage is unsure and the two
/// stages would judge the file differently, the report says both, as a warning, never an error.
pub fn check_in_control(bytes: &[u8], options: &Options, stage_forced: bool, texts: &ControlTexts) -> ControlCheck {
    let rule = rule_for_control(texts, options.doc);
    let o = options_for(&rule, options, stage_forced);
    let read = crate::analyze::read(bytes, &o).report;
    if stage_forced || rule.stage != StageReading::Unsure {
        return ControlCheck { report: crate::analyze::judge(read, &o), rule };
    }
    // The file is read once and judged for both stages.
    let stamping = crate::analyze::judge(read.clone(), &Options { stage: Stage::Stamping, ..o.clone() });
    ControlCheck { report: either_stage(crate::analyze::judge(read, &o), stamping), rule }
}

fn top(report: &Report) -> Option<&Finding> {
    report.findings.first()
}

/// One report out of the verdicts for the two stages: the same when they agree; else a warning
/// naming both ("if it is already stamped: …; if it is to be stamped: …"), then each stage's own
/// findings, errors softened to warnings (which one applies is the person's to say).
pub fn either_stage(stamped: Report, to_be_stamped: Report) -> Report {
    let same = |a: &Report, b: &Report| top(a).map(|f| (&f.code, f.severity)) == top(b).map(|f| (&f.code, f.severity));
    if same(&stamped, &to_be_stamped) {
        return stamped;
    }
    let pick = |r: &Report, lang_id: bool| {
        top(r).map(|f| if lang_id { f.message.id.clone() } else { f.message.en.clone() }).unwrap_or_default()
    };
    let mut out = stamped.clone();
    let mut findings = vec![Finding {
        code: "stage_unsure".into(),
        severity: Severity::Warning,
        message: Message {
            id: format!(
                "Kolom ini tidak jelas meminta berkas yang sudah ber-e-Meterai atau yang akan dibubuhi. Jika sudah ber-e-Meterai: {} Jika akan dibubuhi: {}",
                pick(&stamped, true),
                pick(&to_be_stamped, true)
            ),
            en: format!(
                "This control does not say whether it wants a file already carrying an e-Meterai or one to be stamped. If already stamped: {} If to be stamped: {}",
                pick(&stamped, false),
                pick(&to_be_stamped, false)
            ),
        },
    }];
    let soften = |f: &Finding, id: &str, en: &str| Finding {
        code: f.code.clone(),
        severity: if f.severity == Severity::Error { Severity::Warning } else { f.severity },
        message: Message { id: format!("{id}{}", f.message.id), en: format!("{en}{}", f.message.en) },
    };
    for f in &stamped.findings {
        if to_be_stamped.findings.iter().any(|g| g.code == f.code && g.severity == f.severity) {
            findings.push(f.clone());
        } else {
            findings.push(soften(f, "Jika sudah ber-e-Meterai: ", "If already stamped: "));
        }
    }
    for f in &to_be_stamped.findings {
        if !stamped.findings.iter().any(|g| g.code == f.code && g.severity == f.severity) {
            findings.push(soften(f, "Jika akan dibubuhi: ", "If to be stamped: "));
        }
    }
    out.findings = findings;
    out.ok = !out.findings.iter().any(|f| f.severity == Severity::Error);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, expected limit in bytes or None, written).
    const PHRASINGS: &[(&str, Option<u64>)] = &[
        // Positive: the words.
        ("Maks. 200 KB", Some(200 * 1024)),
        ("maks 200 KB", Some(200 * 1024)),
        ("Maksimal 500 KB", Some(500 * 1024)),
        ("ukuran maksimal 200KB", Some(200 * 1024)),
        ("Maksimum 1 MB", Some(1024 * 1024)),
        ("max 2MB", Some(2 * 1024 * 1024)),
        ("Max. 300 kb", Some(300 * 1024)),
        ("ukuran file paling besar 500 kilobyte", Some(500 * 1024)),
        ("berkas tidak lebih dari 800 KB", Some(800 * 1024)),
        ("tidak melebihi 1.024 KB", Some(1024 * 1024)),
        ("ukuran hingga 2 MB", Some(2 * 1024 * 1024)),
        ("sampai dengan 1 MB", Some(1024 * 1024)),
        ("s/d 500 KB", Some(500 * 1024)),
        ("≤ 2 MB", Some(2 * 1024 * 1024)),
        ("<= 300 KB", Some(300 * 1024)),
        ("ukuran < 1 MB", Some(1024 * 1024)),
        ("di bawah 1 MB", Some(1024 * 1024)),
        ("kurang dari 500 KB", Some(500 * 1024)),
        ("tidak boleh lebih dari 1 MB", Some(1024 * 1024)),
        ("batas ukuran: 400 KB", Some(400 * 1024)),
        ("Batas 300 KB", Some(300 * 1024)),
        ("Maximum file size 2 MB", Some(2 * 1024 * 1024)),
        ("up to 1 MB", Some(1024 * 1024)),
        ("at most 500 KB", Some(500 * 1024)),
        // Units.
        ("maksimal 200 Kb", Some(200 * 1024)),
        ("maksimal 200 kB", Some(200 * 1024)),
        ("maks. 256 KiB", Some(256 * 1024)),
        ("maksimal 2 Mb", Some(2 * 1024 * 1024)),
        ("maksimal 1 megabyte", Some(1024 * 1024)),
        ("maksimal 300 kilo byte", Some(300 * 1024)),
        ("maksimal 2 MiB", Some(2 * 1024 * 1024)),
        ("maksimal 500 kilobytes", Some(500 * 1024)),
        ("maksimal 2.000.000 byte", Some(2_000_000)),
        // Numbers.
        ("maksimal 0,5 MB", Some(512 * 1024)),
        ("maksimal 0.5 MB", Some(512 * 1024)),
        ("maks. 0,2 MB", Some(209_715)),
        ("maksimal 1,5 MB", Some(1536 * 1024)),
        ("maksimal 1.5 MB", Some(1536 * 1024)),
        ("maksimal 1.024 KB", Some(1024 * 1024)),
        ("maksimal 1,024 KB", Some(1024 * 1024)),
        ("maksimal 1.000 KB", Some(1000 * 1024)),
        // Where the word stands.
        ("Scan ijazah asli (PDF) — 800KB", Some(800 * 1024)),
        ("Pas foto – 200 KB", Some(200 * 1024)),
        ("ukuran 200 KB maksimal", Some(200 * 1024)),
        ("ukuran 1 MB (maks.)", Some(1024 * 1024)),
        ("Format PDF. Maks. 800 KB", Some(800 * 1024)),
        ("Ijazah asli dipindai, format PDF, maksimal 0,5 MB", Some(512 * 1024)),
        ("Scan Pas Foto berlatar belakang merah maksimal 200 Kb bertipe file jpeg/jpg", Some(200 * 1024)),
        ("Ketentuan umum: setiap berkas PDF maksimal 300 KB kecuali disebutkan lain pada dokumen", Some(300 * 1024)),
        ("ukuran berkas 100-500 KB", Some(500 * 1024)),
        ("ukuran 100 KB - 500 KB", Some(500 * 1024)),
        ("antara 100 KB dan 500 KB", Some(500 * 1024)),
        ("minimal 100 KB dan maksimal 500 KB", Some(500 * 1024)),
        ("maksimal 5 halaman, ukuran maks 2 MB", Some(2 * 1024 * 1024)),
        ("Maks. 200 KB (berkas Anda 728 KB)", Some(200 * 1024)),
        ("JPG maks 200KB", Some(200 * 1024)),
        ("format .jpg/.jpeg, Ukuran maksimal 200KB", Some(200 * 1024)),
        ("Max 1,5 MB", Some(1536 * 1024)),
        ("ukuran file maksimal 500 kb", Some(500 * 1024)),
        ("Surat Lamaran (Format .pdf, Maks. 800 KB)", Some(800 * 1024)),
        ("Dokumen | 300 KB", Some(300 * 1024)),
        // Negative: not a limit.
        ("surat_lamaran.pdf (728 KB)", None),
        ("Berkas diterima: surat.pdf (912 KB)", None),
        ("Terpilih: ijazah.pdf — 645 KB", None),
        ("minimal 100 KB", None),
        ("Minimum 50 KB", None),
        ("paling kecil 100 KB", None),
        ("lebih dari 100 KB", None),
        ("di atas 10 KB", None),
        ("maksimal 5 halaman", None),
        ("maks. 10 lembar", None),
        ("Surat Lamaran", None),
        ("Ditandatangani dan dibubuhi e-Meterai, format PDF", None),
        ("maks 0 KB", None),
        ("Ukuran: 728 KB", None),
        ("(728 KB)", None),
        ("Sudah Diunggah 512 KB", None),
        ("maksimal 5000 GB", None),
        ("Ijazah 2019, IPK minimal 3,00", None),
        ("NIK 3201010101010001", None),
        ("at least 100 KB", None),
        ("File terpilih 300 KB", None),
        ("Lihat | scan_ijazah.pdf — 912 KB", None),
    ];

    #[test]
    fn every_way_of_writing_a_limit() {
        let mut failures = Vec::new();
        for &(text, want) in PHRASINGS {
            let got = find_limits(text);
            let got_bytes = got.iter().map(|l| l.bytes).next_back();
            // Several limits: the last is the phrase's point in these cases (ranges, "minimal … maksimal").
            let got_bytes = if got.len() > 1 { got_bytes } else { got.first().map(|l| l.bytes) };
            if got_bytes != want {
                failures.push(format!("{text:?}: {got:?}, want {want:?}"));
            }
        }
        assert!(PHRASINGS.len() >= 60, "{} phrasings", PHRASINGS.len());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn written_as_the_page_wrote_it() {
        let l = &find_limits("Ijazah asli (PDF), maks. 0,2 MB")[0];
        assert_eq!((l.written.as_str(), l.kb, l.bytes), ("maks. 0,2 MB", 205, 209_715));
        assert_eq!(find_limits("Scan ijazah asli (PDF) — 800KB")[0].written, "800KB");
        assert_eq!(find_limits("ukuran file paling besar 500 kilobyte")[0].written, "paling besar 500 kilobyte");
    }

    #[test]
    fn types_and_documents_of_each_limit() {
        let ls = find_limits("PDF maksimal 300 KB, JPG maksimal 200 KB");
        assert_eq!(ls.iter().map(|l| (l.kb, l.types.clone())).collect::<Vec<_>>(), vec![(300, vec![FileType::Pdf]), (200, vec![FileType::Jpeg])]);
        let ls = find_limits("maks. 2 MB untuk PDF dan 500 KB untuk JPG/PNG");
        assert_eq!(ls.iter().map(|l| (l.kb, l.types.clone())).collect::<Vec<_>>(), vec![(2048, vec![FileType::Pdf]), (500, vec![FileType::Jpeg, FileType::Png])]);
        let ls = find_limits("Pas foto format .jpg maks. 200 KB; Ijazah .pdf maks. 1 MB");
        assert_eq!(ls[0].docs, vec![DocType::PasFoto]);
        assert_eq!(ls[1].docs, vec![DocType::Ijazah]);
        assert_eq!(ls[1].types, vec![FileType::Pdf]);
    }

    fn texts(control: &str, row: &str, notices: &[&str], page: &str, accept: &str) -> ControlTexts {
        ControlTexts {
            control: control.into(),
            row: row.into(),
            notices: notices.iter().map(|s| s.to_string()).collect(),
            page: page.into(),
            accept: accept.into(),
            stamping_page: false,
        }
    }

    const NOTICE: &str = "Ketentuan umum: setiap berkas PDF maksimal 300 KB kecuali disebutkan lain pada dokumen";

    #[test]
    fn scope_row_then_notice_then_default() {
        // A row that states nothing, under a general notice: the notice.
        let r = rule_for_control(&texts("Unggah", "Transkrip Nilai\nTranskrip asli dipindai (PDF)", &[NOTICE], NOTICE, ".pdf"), DocType::Transkrip);
        assert_eq!((r.source, r.max_kb), (LimitSource::Notice, 300));
        assert!(r.line.id.starts_with("batas 300 KB — ketentuan umum halaman"), "{}", r.line.id);
        // The row's own statement overrides the notice.
        let r = rule_for_control(&texts("Unggah", "Ijazah\nScan ijazah asli (PDF) — 800KB", &[NOTICE], NOTICE, ".pdf"), DocType::Ijazah);
        assert_eq!((r.source, r.max_kb, r.line.id.as_str()), (LimitSource::Row, 800, "batas: 800KB"));
        let r = rule_for_control(&texts("", "maks. 0,2 MB", &[NOTICE], "", ".pdf"), DocType::Pendukung);
        assert_eq!((r.max_bytes, r.line.id.as_str()), (209_715, "batas: maks. 0,2 MB (205 KB)"));
        // A notice about PDFs does not govern a photo row.
        let r = rule_for_control(&texts("Pilih", "Pas Foto\nlatar merah", &[NOTICE], NOTICE, ".jpg,.jpeg"), DocType::PasFoto);
        assert_eq!(r.source, LimitSource::DefaultRowSilent);
        assert_eq!(r.max_kb, 200);
        assert!(r.line.id.contains("baris ini tidak menyebut batas"), "{}", r.line.id);
        // Nothing on the page: the default, called so.
        let r = rule_for_control(&texts("Unggah", "Surat Lamaran", &[], "Unggah Dokumen\nSurat Lamaran", ".pdf"), DocType::SuratLamaran);
        assert_eq!((r.source, r.line.id.as_str()), (LimitSource::Default, "batas 800 KB, bawaan — halaman tidak menyebut batas"));
        // A notice that names documents governs only those.
        let list = "Ketentuan: Pas foto JPG maks. 100 KB; Ijazah PDF maks. 1 MB";
        let r = rule_for_control(&texts("", "Pas Foto", &[list], list, "image/jpeg"), DocType::PasFoto);
        assert_eq!((r.source, r.max_kb), (LimitSource::Notice, 100));
        let r = rule_for_control(&texts("", "Ijazah", &[list], list, ".pdf"), DocType::Ijazah);
        assert_eq!((r.source, r.max_kb), (LimitSource::Notice, 1024));
        let r = rule_for_control(&texts("", "Transkrip", &[list], list, ".pdf"), DocType::Transkrip);
        assert_eq!(r.source, LimitSource::DefaultRowSilent);
        // The nearest notice that says something wins.
        let r = rule_for_control(&texts("", "KTP", &["Unggah berkas", "Semua file maksimal 1 MB"], "", ""), DocType::Ktp);
        assert_eq!((r.source, r.max_kb), (LimitSource::Notice, 1024));
    }

    #[test]
    fn stage_per_control() {
        use StageReading::*;
        let cases: &[(&str, StageReading)] = &[
            ("Unggah PDF yang belum ada e-Meterai", ToBeStamped),
            ("Unggah e-Meterai", ToBeStamped),
            ("Posisikan e-Meterai di samping tanda tangan", ToBeStamped),
            ("Pilih dokumen yang akan dibubuhi e-Meterai", ToBeStamped),
            ("Pembubuhan e-Meterai", ToBeStamped),
            ("Unggah dokumen tanpa meterai", ToBeStamped),
            ("surat lamaran yang telah ditandatangani dan dibubuhkan e-Meterai", Stamped),
            ("Ditandatangani dan dibubuhi e-Meterai, format PDF", Stamped),
            ("Surat pernyataan yang sudah dibubuhi e-materai", Stamped),
            ("Bermeterai elektronik, format PDF, ukuran maksimal 1 MB", Stamped),
            ("Surat lamaran ber-e-meterai", Stamped),
            ("Cek Riwayat Pembubuhan", Silent),
            ("Unggah", Silent),
            ("Transkrip Nilai (PDF)", Silent),
            ("Surat lamaran (e-Meterai)", Unsure),
            ("Unggah PDF yang belum ada e-Meterai atau yang sudah dibubuhi", Unsure),
        ];
        let mut failures = Vec::new();
        for &(text, want) in cases {
            if read_stage(text) != want {
                failures.push(format!("{text:?}: {:?}, want {want:?}", read_stage(text)));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        // The control's own words first; the row only when the control says nothing.
        let t = texts("Unggah PDF yang belum ada e-Meterai", "Surat Lamaran\nDitandatangani dan dibubuhi e-Meterai", &[], "", ".pdf");
        assert_eq!(rule_for_control(&t, DocType::SuratLamaran).stage, ToBeStamped);
        let t = texts("Unggah", "Surat Lamaran\nDitandatangani dan dibubuhi e-Meterai", &[], "", ".pdf");
        let r = rule_for_control(&t, DocType::SuratLamaran);
        assert_eq!((r.stage, r.stage_from.as_str()), (Stamped, "row"));
        let mut t = texts("Pilih berkas", "Dokumen", &[], "", ".pdf");
        t.stamping_page = true;
        assert_eq!(rule_for_control(&t, DocType::Other).stage, ToBeStamped);
    }

    #[test]
    fn numbers() {
        for (s, v) in [("1.024", 1024.0), ("0,2", 0.2), ("1,5", 1.5), ("1.024,5", 1024.5), ("1,024.5", 1024.5), ("2.000.000", 2e6), ("0.500", 0.5)] {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
    }

    #[test]
    fn bounded_and_never_panics_on_odd_text() {
        for s in ["", "maks", "maks.", "KB", "1", "1 ", "—", "s/d", "((((", "maks 1,", "maks ,5 MB", "\u{202e}maks 5 KB", "maks 99999999999999999999999 KB"] {
            let _ = find_limits(s);
            let _ = read_stage(s);
        }
        let long = "maks 1 KB ".repeat(10_000);
        assert!(find_limits(&long).len() <= MAX_TEXT_CHARS);
    }
}

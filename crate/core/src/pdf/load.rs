//! Loading a hostile PDF safely: cheap pre-checks on the raw bytes, then lopdf with a bounded
//! decompression limit, then a page-tree walk that survives loops and missing objects.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use super::lexer::{is_delimiter, is_space};
use crate::limits::{Budget, MAX_INFLATED_STREAM, MAX_NESTING, MAX_OBJECTS};
use crate::report::ErrorCode;

/// Why a PDF could not be loaded, with a developer-facing detail.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub code: ErrorCode,
    pub detail: String,
}

impl LoadError {
    fn new(code: ErrorCode, detail: impl Into<String>) -> LoadError {
        LoadError { code, detail: detail.into() }
    }
}

pub struct Loaded {
    pub doc: Document,
    /// Encrypted, and the empty user password opened it (owner-password restrictions only).
    pub encrypted: bool,
    /// Encrypted and the empty password does not open it: objects are unreadable.
    pub needs_password: bool,
    /// lopdf repaired or rebuilt the cross-reference data.
    pub recovered: bool,
}

/// Load `bytes` (already sniffed as PDF) within the limits.
pub fn load(bytes: &[u8], budget: &mut Budget) -> Result<Loaded, LoadError> {
    let bytes = without_trailing_junk(bytes);
    let Prescan { max_depth: depth, object_headers, abbreviated_filters } = prescan(bytes);
    if depth > MAX_NESTING {
        return Err(LoadError::new(
            ErrorCode::TooComplex,
            format!("objects nested {depth} levels deep (limit {MAX_NESTING})"),
        ));
    }
    if object_headers > MAX_OBJECTS {
        return Err(LoadError::new(
            ErrorCode::TooComplex,
            format!("{object_headers} objects (limit {MAX_OBJECTS})"),
        ));
    }
    budget
        .spend(bytes.len() as u64 / 1024 + object_headers as u64)
        .map_err(|_| LoadError::new(ErrorCode::TooComplex, "file too large to analyse"))?;

    let options = LoadOptions {
        max_decompressed_size: Some(MAX_INFLATED_STREAM),
        // (The hook sees every object and must return a copy of it: only when it is needed.)
        filter: abbreviated_filters.then_some(full_filter_names as lopdf::FilterFunc),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decompress(e)) => {
            return Err(LoadError::new(ErrorCode::TooComplex, format!("a compressed stream is too large: {e}")))
        }
        Err(e) => return Err(LoadError::new(ErrorCode::Corrupt, format!("cannot read the PDF structure: {e}"))),
    };
    if doc.objects.len() > MAX_OBJECTS {
        return Err(LoadError::new(ErrorCode::TooComplex, format!("{} objects", doc.objects.len())));
    }
    let needs_password = doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none();
    let encrypted = needs_password || doc.encryption_state.is_some();
    let recovered = doc.xref_recovery.is_some();
    if !needs_password && doc.catalog().is_err() {
        return Err(LoadError::new(ErrorCode::Corrupt, "the document catalog is missing"));
    }
    Ok(Loaded { doc, encrypted, needs_password, recovered })
}

/// Abbreviated filter names (inline-image style) that some writers also put on streams, and that
/// validators accept there: written in full so that lopdf decodes object streams filtered with
/// them, and the rest of the checker sees one name per filter.
const FILTER_ABBREVIATIONS: [(&[u8], &[u8]); 7] = [
    (b"Fl", b"FlateDecode"),
    (b"AHx", b"ASCIIHexDecode"),
    (b"A85", b"ASCII85Decode"),
    (b"LZW", b"LZWDecode"),
    (b"RL", b"RunLengthDecode"),
    (b"CCF", b"CCITTFaxDecode"),
    (b"DCT", b"DCTDecode"),
];

/// lopdf's per-object load hook: expand abbreviated /Filter names of streams. (lopdf uses the
/// returned object only for members of object streams, which are never streams, so a stream
/// is not copied.)
fn full_filter_names(id: ObjectId, obj: &mut Object) -> Option<(ObjectId, Object)> {
    match obj {
        Object::Stream(s) => {
            let expand = |o: &mut Object| {
                if let Object::Name(n) = o {
                    if let Some((_, full)) = FILTER_ABBREVIATIONS.iter().find(|(short, _)| *short == n.as_slice()) {
                        *n = full.to_vec();
                    }
                }
            };
            match s.dict.get_mut(b"Filter") {
                Ok(Object::Array(list)) => list.iter_mut().for_each(expand),
                Ok(o) => expand(o),
                Err(_) => {}
            }
            Some((id, Object::Null))
        }
        other => Some((id, other.clone())),
    }
}

/// The file up to its last `%%EOF` when only junk follows (padding, a mail footer, zeros): the
/// PDF reader would otherwise scan megabytes of it looking for the cross-reference data. Bytes
/// that look like more PDF (objects, xref, trailer) are kept for the reader to make sense of.
/// Signature checks still see every byte: this only affects what the structure reader parses.
fn without_trailing_junk(bytes: &[u8]) -> &[u8] {
    // Backwards over `%` signs (one vectorised pass over a padded tail) rather than a substring
    // search, which has no fast path in reverse.
    let Some(eof) = memchr::memrchr_iter(b'%', bytes).find(|&i| bytes[i..].starts_with(b"%%EOF")) else { return bytes };
    let end = eof + b"%%EOF".len();
    let tail = &bytes[end..];
    if tail.len() < 4096 {
        return bytes;
    }
    // ("startxref" contains "xref"; a trailer without xref data means nothing.)
    let looks_like_pdf = memchr::memchr2_iter(b'o', b'x', tail).any(|i| tail[i..].starts_with(b"obj") || tail[i..].starts_with(b"xref"));
    if looks_like_pdf { bytes } else { &bytes[..end] }
}

/// What one pass over the raw bytes finds before lopdf parses them.
#[derive(Debug, PartialEq)]
pub struct Prescan {
    /// Deepest `<<`/`[` nesting, so that a crafted file cannot overflow the parser's stack.
    pub max_depth: usize,
    /// Object headers (` obj`) outside stream data: a bound on what lopdf will allocate.
    pub object_headers: usize,
    /// A name such as `/Fl` or `/DCT` appears (stream dictionaries are never compressed, so a
    /// stream's abbreviated filter is always seen here).
    pub abbreviated_filters: bool,
}

/// One pass over the file, skipping strings, comments and stream data. Stream data is skipped
/// by the stream's own direct `/Length` where the `endstream` keyword is found right there (as
/// lopdf reads it), so the megabytes of a scan's images are not searched byte by byte; a length
/// that is indirect, repeated or wrong falls back to searching for `endstream`.
pub fn prescan(bytes: &[u8]) -> Prescan {
    prescan_counting(bytes, bytes.len() > COUNT_HIDDEN_HEADERS_ABOVE)
}

/// Files larger than this also have the object headers inside their stream data counted (a
/// memmem pass over every stream). lopdf parses whatever the cross-reference data points at, even
/// objects written inside another object's stream data; below this size such hidden objects can
/// be at most ~1.3 × MAX_OBJECTS (16 bytes each), which the count after loading then refuses, at
/// the cost of the same order as a file of MAX_OBJECTS visible ones. The extension's files (at
/// most 10 MB) stay below it; the CLI's (up to 32 MB) may not.
const COUNT_HIDDEN_HEADERS_ABOVE: usize = 10 * 1024 * 1024;

fn prescan_counting(bytes: &[u8], count_in_streams: bool) -> Prescan {
    let mut depth: usize = 0;
    let mut max = 0;
    let mut object_headers = 0;
    let mut abbreviated_filters = false;
    // `/Length` keys seen at the top level of the current dictionary, and the last one's value.
    let mut lengths_seen = 0;
    let mut length: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => match memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
                Some(off) => i += off,
                None => break,
            },
            b'(' => i = skip_literal_string(bytes, i),
            b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' => depth = depth.saturating_sub(1),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                max = max.max(depth);
                i += 1;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'/' => {
                let name = &bytes[i + 1..];
                if depth == 1 && is_whole_name(name, b"Length") {
                    lengths_seen += 1;
                    length = direct_length(&name[b"Length".len()..]);
                } else if !abbreviated_filters {
                    abbreviated_filters = FILTER_ABBREVIATIONS.iter().any(|(short, _)| is_whole_name(name, short));
                }
            }
            b's' if bytes[i..].starts_with(b"stream") && !bytes[..i].ends_with(b"end") => {
                // Stream data is opaque; jump to its end (or the file's end).
                let known_end = if lengths_seen == 1 { length.and_then(|n| end_by_length(bytes, i, n)) } else { None };
                match known_end.or_else(|| crate::sniff::find(&bytes[i..], b"endstream").map(|off| i + off)) {
                    Some(end) => {
                        if count_in_streams {
                            object_headers += memchr::memmem::find_iter(&bytes[i..end], b" obj").count();
                        }
                        i = end + b"endstream".len() - 1
                    }
                    None => break,
                }
                depth = 0;
                (lengths_seen, length) = (0, None);
            }
            b'e' if bytes[i..].starts_with(b"endobj") => {
                depth = 0;
                (lengths_seen, length) = (0, None);
            }
            b'o' if i > 0 && bytes[i - 1] == b' ' && bytes[i..].starts_with(b"obj") => object_headers += 1,
            _ => {}
        }
        i += 1;
    }
    Prescan { max_depth: max, object_headers, abbreviated_filters }
}

/// Whether the name after a `/` is `word` as a whole (`Length`, not `Length1`, a font program's key).
fn is_whole_name(name: &[u8], word: &[u8]) -> bool {
    name.starts_with(word) && name.get(word.len()).is_none_or(|&b| is_space(b) || is_delimiter(b))
}

/// The value after a `/Length` key when it is a direct integer (not `N G R`).
fn direct_length(after_key: &[u8]) -> Option<usize> {
    let text = &after_key[..after_key.len().min(64)];
    let mut tokens = text.split(|&b| is_space(b)).filter(|t| !t.is_empty());
    let value = tokens.next()?;
    let digits = value.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 12 {
        return None;
    }
    // `/Length 12 0 R` refers to another object; `/Length 12/Filter ...` is direct.
    let number = |t: Option<&[u8]>| t.is_some_and(|t| t.iter().all(u8::is_ascii_digit));
    if digits == value.len() && number(tokens.next()) && tokens.next().is_some_and(|t| t.starts_with(b"R")) {
        return None;
    }
    std::str::from_utf8(&value[..digits]).ok()?.parse().ok()
}

/// Where `endstream` starts when the data of the stream whose keyword is at `keyword` is `length`
/// bytes long, as lopdf reads it: `stream`, blanks, an end of line, the data, an optional end of
/// line, `endstream`. None when the keyword is not right there.
fn end_by_length(bytes: &[u8], keyword: usize, length: usize) -> Option<usize> {
    let mut at = keyword + b"stream".len();
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at += match (bytes.get(at), bytes.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\r' | b'\n'), _) => 1,
        _ => return None,
    };
    let mut end = at.checked_add(length)?;
    if bytes.get(end..)?.starts_with(b"\r\n") {
        end += 2;
    } else if matches!(bytes.get(end), Some(b'\r' | b'\n')) {
        end += 1;
    }
    bytes.get(end..)?.starts_with(b"endstream").then_some(end)
}

/// Index of the byte after the literal string starting at `start` (balanced parentheses).
fn skip_literal_string(bytes: &[u8], start: usize) -> usize {
    let mut level = 0usize;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => level += 1,
            b')' => {
                level -= 1;
                if level == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// A page with its inherited attributes resolved.
pub struct PageRef {
    pub id: ObjectId,
    pub dict: Dictionary,
    /// MediaBox, CropBox, Resources and Rotate from the nearest ancestor that has them.
    pub media_box: Option<[f64; 4]>,
    pub crop_box: Option<[f64; 4]>,
    pub rotate: i64,
    pub resources: Option<Dictionary>,
}

/// Walk the page tree in order, resolving inherited attributes, as a validator reads it: kids
/// may be references or direct dictionaries, a page listed twice counts twice (pdfinfo does), and
/// a Pages node reached again (a cycle, or a shared subtree) is not walked again.
pub fn pages(doc: &Document, budget: &mut Budget) -> Vec<PageRef> {
    let mut out = Vec::new();
    let Some(root) = doc.catalog().ok().and_then(|c| c.get(b"Pages").ok()).and_then(|o| o.as_reference().ok())
    else {
        return out;
    };
    let Ok(dict) = doc.get_dictionary(root) else { return out };
    let mut walk = Walk { doc, visited: HashSet::new(), out: &mut out, budget, direct: 0 };
    walk.node(root, dict, Inherited::default(), 0);
    out
}

#[derive(Clone, Default)]
struct Inherited {
    media_box: Option<[f64; 4]>,
    crop_box: Option<[f64; 4]>,
    rotate: Option<i64>,
    resources: Option<Dictionary>,
}

const MAX_TREE_DEPTH: usize = 64;

struct Walk<'a, 'b> {
    doc: &'a Document,
    /// Pages nodes already walked.
    visited: HashSet<ObjectId>,
    out: &'b mut Vec<PageRef>,
    budget: &'b mut Budget,
    /// Pages given as direct dictionaries get ids `(0, n)`: object 0 never exists.
    direct: u16,
}

impl Walk<'_, '_> {
    fn node(&mut self, id: ObjectId, dict: &Dictionary, inherited: Inherited, depth: usize) {
        if depth > MAX_TREE_DEPTH || self.budget.spend(1).is_err() || self.out.len() >= MAX_OBJECTS {
            return;
        }
        let doc = self.doc;
        let here = Inherited {
            media_box: rect_of(doc, dict, b"MediaBox").or(inherited.media_box),
            crop_box: rect_of(doc, dict, b"CropBox").or(inherited.crop_box),
            rotate: dict.get(b"Rotate").ok().and_then(|o| resolve(doc, o).as_i64().ok()).or(inherited.rotate),
            resources: dict
                .get(b"Resources")
                .ok()
                .and_then(|o| resolve(doc, o).as_dict().ok().cloned())
                .or(inherited.resources),
        };
        let is_pages = dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"Pages".as_slice())
            || (dict.has(b"Kids") && !dict.has(b"Contents"));
        if !is_pages {
            self.out.push(PageRef {
                id,
                dict: dict.clone(),
                media_box: here.media_box,
                crop_box: here.crop_box,
                rotate: here.rotate.unwrap_or(0),
                resources: here.resources,
            });
            return;
        }
        if !self.visited.insert(id) {
            return;
        }
        let Some(kids) = dict.get(b"Kids").ok().and_then(|k| resolve(doc, k).as_array().ok()) else { return };
        for kid in kids {
            match kid {
                Object::Reference(kid_id) => {
                    if let Ok(kid_dict) = doc.get_dictionary(*kid_id) {
                        self.node(*kid_id, kid_dict, here.clone(), depth + 1);
                    }
                }
                Object::Dictionary(kid_dict) => {
                    self.direct = self.direct.saturating_add(1);
                    let kid_id = (0, self.direct);
                    self.node(kid_id, kid_dict, here.clone(), depth + 1);
                }
                _ => {}
            }
        }
    }
}

/// Follow one reference (lopdf objects may be references); returns Null on a dangling one.
pub fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(&Object::Null),
        other => other,
    }
}

pub fn number(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64).filter(|v| v.is_finite()),
        _ => None,
    }
}

pub fn rect_of(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<[f64; 4]> {
    let arr = resolve(doc, dict.get(key).ok()?).as_array().ok()?;
    if arr.len() != 4 {
        return None;
    }
    let mut r = [0.0; 4];
    for (slot, o) in r.iter_mut().zip(arr) {
        *slot = number(resolve(doc, o))?;
    }
    Some([r[0].min(r[2]), r[1].min(r[3]), r[0].max(r[2]), r[1].max(r[3])])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_only_junk_after_the_last_eof() {
        let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
        let mut padded = pdf.clone();
        padded.extend(std::iter::repeat(b' ').take(100_000));
        assert_eq!(without_trailing_junk(&padded), &pdf[..pdf.len() - 1]);
        let mut update = padded.clone();
        update.extend_from_slice(b"2 0 obj << /Changed true >> endobj\n");
        assert_eq!(without_trailing_junk(&update).len(), update.len(), "a late update is kept");
        assert_eq!(without_trailing_junk(&pdf), &pdf[..], "short tails are left alone");
        let mut footer = pdf.clone();
        footer.extend(b"-- sent from a phone, box 0x1f; ob jects %EOF %% ".iter().cycle().take(10_000));
        assert_eq!(without_trailing_junk(&footer), &pdf[..pdf.len() - 1], "words near obj/xref are junk");
        let mut object = footer.clone();
        object.extend_from_slice(b"3 0 obj");
        assert_eq!(without_trailing_junk(&object).len(), object.len());
    }

    fn depth(bytes: &[u8]) -> usize {
        prescan(bytes).max_depth
    }

    #[test]
    fn measures_nesting_outside_strings_and_streams() {
        assert_eq!(depth(b"1 0 obj << /A [ 1 [ 2 ] ] >> endobj"), 3);
        assert_eq!(depth(b"1 0 obj (((( [[[[ ))))) endobj"), 0);
        let s = b"1 0 obj << /Length 6 >> stream\n[[[[[[\nendstream endobj";
        assert_eq!(depth(s), 1);
        let mut deep = b"%PDF-1.4\n1 0 obj ".to_vec();
        deep.extend(std::iter::repeat(b'[').take(100_000));
        assert_eq!(depth(&deep), 100_000);
    }

    /// Stream data holding what would look like nesting and object headers if it were read.
    fn stream_object(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut out = format!("1 0 obj\n<< {dict} >>\nstream\r\n").into_bytes();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\nendstream\nendobj\n2 0 obj << /A [ 1 ] >> endobj\n");
        out
    }

    #[test]
    fn skips_stream_data_by_its_length_or_by_searching() {
        let data = b"[[[[[[[[ 9 0 obj [[[[";
        let n = data.len();
        let expected = Prescan { max_depth: 2, object_headers: 2, abbreviated_filters: false };
        for dict in [
            format!("/Length {n}"),
            format!("/Filter/DCTDecode/Length {n}/Width 1"),
            "/Length 7 0 R".to_string(),
            format!("/Length {}", n + 3),
            "/Length 2".to_string(),
            format!("/Length1 4 /Length {n}"),
            format!("/DecodeParms << /Length 3 >> /Length {n}"),
            format!("/Length 3 /Length {n}"),
        ] {
            assert_eq!(prescan(&stream_object(&dict, data)), expected, "{dict}");
        }
    }

    #[test]
    fn counts_headers_hidden_in_stream_data_in_large_files() {
        let pdf = stream_object("/Length 16", b"3 0 obj 1 endobj");
        assert_eq!(prescan_counting(&pdf, false).object_headers, 2);
        assert_eq!(prescan_counting(&pdf, true).object_headers, 3);
    }

    #[test]
    fn a_length_pointing_at_an_inner_endstream_only_skips_less() {
        // The length ends at an `endstream` inside the data: what follows is read as tokens
        // (more nesting counted, never less), and the real end is found after it.
        let pdf = stream_object("/Length 3", b"abc\nendstream [[[[");
        assert_eq!(prescan(&pdf).max_depth, 4);
    }

    #[test]
    fn finds_endstream_where_the_length_says_or_not_at_all() {
        let pdf = b"<< /Length 3 >>stream\r\nabc\r\nendstream";
        let keyword = 15;
        assert_eq!(end_by_length(pdf, keyword, 3), Some(pdf.len() - 9));
        assert_eq!(end_by_length(pdf, keyword, 4), Some(pdf.len() - 9), "data may end in a CR");
        assert_eq!(end_by_length(pdf, keyword, 2), None);
        assert_eq!(end_by_length(pdf, keyword, usize::MAX), None);
        assert_eq!(end_by_length(b"stream abc endstream", 0, 3), None, "no end of line after the keyword");
    }

    #[test]
    fn reads_direct_lengths_only() {
        assert_eq!(direct_length(b" 120 /Filter /FlateDecode"), Some(120));
        assert_eq!(direct_length(b" 120/Filter"), Some(120));
        assert_eq!(direct_length(b" 12 0 R"), None);
        assert_eq!(direct_length(b"\n12 0 R>>"), None);
        assert_eq!(direct_length(b" 12 0 obj"), Some(12));
        assert_eq!(direct_length(b" /Foo"), None);
        assert_eq!(direct_length(b" 99999999999999999999"), None);
        assert!(is_whole_name(b"Length 3", b"Length") && is_whole_name(b"Length/", b"Length"));
        assert!(!is_whole_name(b"Length1 3", b"Length"));
    }

    #[test]
    fn notices_abbreviated_filter_names() {
        let abbreviated = |dict: &str| prescan(&stream_object(dict, b"x")).abbreviated_filters;
        assert!(abbreviated("/Length 1 /Filter /Fl"));
        assert!(abbreviated("/Length 1 /Filter [/AHx/DCT]"));
        assert!(!abbreviated("/Length 1 /Filter /FlateDecode"));
        assert!(!abbreviated("/Length 1 /Flags 4 /DCTDecodeX 1"));
    }
}

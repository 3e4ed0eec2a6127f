//! Loading a hostile PDF safely: cheap pre-checks on the raw bytes, then lopdf with a bounded
//! decompression limit, then a page-tree walk that survives loops and missing objects.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

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
    let depth = max_nesting_depth(bytes);
    if depth > MAX_NESTING {
        return Err(LoadError::new(
            ErrorCode::TooComplex,
            format!("objects nested {depth} levels deep (limit {MAX_NESTING})"),
        ));
    }
    let object_headers = count_object_headers(bytes);
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
        filter: Some(full_filter_names),
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
    let Some(eof) = memchr::memmem::rfind(bytes, b"%%EOF") else { return bytes };
    let end = eof + b"%%EOF".len();
    let tail = &bytes[end..];
    if tail.len() < 4096 {
        return bytes;
    }
    // ("startxref" contains "xref"; a trailer without xref data means nothing.)
    let looks_like_pdf = [b"obj".as_slice(), b"xref"]
        .iter()
        .any(|k| memchr::memmem::find(tail, k).is_some());
    if looks_like_pdf { bytes } else { &bytes[..end] }
}

/// Deepest `<<`/`[` nesting in the file, skipping strings, comments and stream data, so that a
/// crafted file cannot overflow the parser's stack.
pub fn max_nesting_depth(bytes: &[u8]) -> usize {
    let mut depth: usize = 0;
    let mut max = 0;
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
            b's' if bytes[i..].starts_with(b"stream") && !bytes[..i].ends_with(b"end") => {
                // Stream data is opaque; jump to its end (or the file's end).
                match crate::sniff::find(&bytes[i..], b"endstream") {
                    Some(off) => i += off + b"endstream".len() - 1,
                    None => break,
                }
                depth = 0;
            }
            b'e' if bytes[i..].starts_with(b"endobj") => depth = 0,
            _ => {}
        }
        i += 1;
    }
    max
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

fn count_object_headers(bytes: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, b" obj").count()
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
    }

    #[test]
    fn measures_nesting_outside_strings_and_streams() {
        assert_eq!(max_nesting_depth(b"1 0 obj << /A [ 1 [ 2 ] ] >> endobj"), 3);
        assert_eq!(max_nesting_depth(b"1 0 obj (((( [[[[ ))))) endobj"), 0);
        let s = b"1 0 obj << /Length 6 >> stream\n[[[[[[\nendstream endobj";
        assert_eq!(max_nesting_depth(s), 1);
        let mut deep = b"%PDF-1.4\n1 0 obj ".to_vec();
        deep.extend(std::iter::repeat(b'[').take(100_000));
        assert_eq!(max_nesting_depth(&deep), 100_000);
    }
}

//! What follows a signature's revision. Long-term validation (PAdES B-LT/B-LTA) appends
//! revisions to a signed file that only add a document timestamp and validation data
//! (certificates, OCSP responses, CRLs): the stamp is as good as before, and calling it "changed
//! after stamping" would send a person to buy a new one. Everything else that follows — a change
//! to any page, annotation, form field or the document information (an editor's "save" that
//! rewrites /Title or /Producer), another signature, or bytes that are not a PDF revision at all —
//! means the file is not what was signed (`pdfsig`: "Not total document signed"), and the
//! portal's verifier rejects it.
//!
//! The changes a later revision may make, each named where it is allowed. None of them can change
//! what is displayed or printed; what a new object is, is decided by where it is referenced
//! (`Roles`), never by what its dictionary leaves out:
//! - `DocTimeStamp`: a new signature dictionary of type /DocTimeStamp (or SubFilter
//!   /ETSI.RFC3161) and its /Contents, its signature field and widget — a widget only when it
//!   shows nothing (`shows_nothing`: no appearance, hidden, zero-area, or appearances that paint
//!   nothing) —, and those empty appearances;
//! - `Dss`: whatever the catalog's /DSS lists — the DSS itself (with or without /Type), its
//!   /Certs, /OCSPs, /CRLs arrays (direct or indirect), the VRI map and VRI dictionaries, and the
//!   certificate, OCSP, CRL and timestamp streams they point at;
//! - `CatalogEntry`: the catalog gaining or changing only /DSS, /AcroForm, /Extensions;
//! - `FormFields`: the AcroForm's /Fields growing by signature fields that show nothing (and
//!   /SigFlags, /DR, /DA);
//! - `PageAnnots`: a page's /Annots growing by signature widgets that show nothing, nothing else
//!   on the page;
//! - `InfoBookkeeping` (pyHanko and other PAdES tools do this in the same revision): the
//!   document information changing only its /ModDate and /Producer, and only in a revision that
//!   also adds a document timestamp or validation data. A revision that changes Info and adds
//!   nothing, or changes any other Info key, is a change.
//! - object streams and cross-reference streams of earlier revisions may be dropped (they are
//!   containers, not content).
//!
//! A forbidden revision that adds marks a person sees (a page, page content, an annotation or
//! widget that shows something) is told apart (`After::VisibleMarks`): what the reader shows is
//! no longer what was stamped.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{decode, load};
use super::lexer::{Lexer, Token};
use crate::limits::Budget;

/// Later revisions checked one by one; more than this after one signature is a change.
const MAX_LATER_REVISIONS: usize = 16;

/// What the bytes after a signature's signed part hold.
#[derive(Debug, Clone, PartialEq)]
pub enum After {
    /// Only revisions that add a document timestamp or validation data.
    ValidationData,
    /// A revision that changes the document; why, for developers.
    Changed(String),
    /// A revision that adds marks a person sees (an annotation or widget that shows something,
    /// page content, a page); which, for developers.
    VisibleMarks(String),
    /// Bytes that are not a PDF revision: how many, after the last revision.
    AppendedBytes(usize),
    /// The signed part stops inside its own revision (before its `%%EOF`).
    InsideRevision,
    /// Not decided: the work budget ran out reading the revisions.
    TooComplex,
}

/// Classify `raw[signed_end..]`, revision by revision.
pub fn after_signature(raw: &[u8], signed_end: usize, budget: &mut Budget) -> After {
    let Some(tail) = raw.get(signed_end..) else { return After::Changed("signed part beyond the file".into()) };
    let signed = raw[..signed_end].strip_suffix(b"\n").unwrap_or(&raw[..signed_end]);
    let signed = signed.strip_suffix(b"\r").unwrap_or(signed);
    if !signed.ends_with(b"%%EOF") {
        return After::InsideRevision;
    }
    let ends = revision_ends(tail);
    let last_end = ends.last().copied().unwrap_or(0);
    let appended = tail.len() - last_end;
    if ends.len() > MAX_LATER_REVISIONS {
        return After::Changed(format!("{} revisions after signing", ends.len()));
    }
    let Ok(first) = load::load(&raw[..signed_end], budget) else {
        return if budget.exhausted() { After::TooComplex } else { After::Changed("the signed revision cannot be read on its own".into()) };
    };
    let mut earlier = first.doc;
    for end in ends {
        let Ok(next) = load::load(&raw[..signed_end + end], budget) else {
            return if budget.exhausted() { After::TooComplex } else { After::Changed("a later revision cannot be read".into()) };
        };
        if let Err(forbidden) = only_validation_data(&earlier, &next.doc, budget) {
            return match forbidden {
                _ if budget.exhausted() => After::TooComplex,
                Forbidden { why, visible: true } => After::VisibleMarks(why),
                Forbidden { why, .. } => After::Changed(why),
            };
        }
        earlier = next.doc;
    }
    if appended > 0 {
        return After::AppendedBytes(appended);
    }
    After::ValidationData
}

/// Ends (offsets in `tail`) of the complete revisions in it: each a body with `startxref` and
/// `%%EOF`, then at most one end-of-line. Anything after the last one is not a revision.
fn revision_ends(tail: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut from = 0;
    // The signed part may end just before the end-of-line after its own %%EOF.
    from += eol_len(tail);
    let mut pos = from;
    while let Some(off) = memchr::memmem::find(&tail[pos..], b"%%EOF") {
        let eof_end = pos + off + 5;
        let end = eof_end + eol_len(&tail[eof_end..]);
        if memchr::memmem::find(&tail[from..eof_end], b"startxref").is_some() {
            ends.push(end);
            from = end;
        }
        pos = end;
    }
    if ends.is_empty() && from == tail.len() {
        ends.push(from); // only the end-of-line of the signed revision's %%EOF
    }
    ends
}

fn eol_len(b: &[u8]) -> usize {
    match b {
        [b'\r', b'\n', ..] => 2,
        [b'\r' | b'\n', ..] => 1,
        _ => 0,
    }
}

/// A change a later revision may not make: what it is, for developers, and whether it adds
/// marks a person sees on a page (a new annotation or widget that shows something, new page
/// content, a new page).
#[derive(Debug, Clone, PartialEq)]
struct Forbidden {
    why: String,
    visible: bool,
}

impl From<String> for Forbidden {
    fn from(why: String) -> Forbidden {
        Forbidden { why, visible: false }
    }
}

/// What the later revision's new objects are, decided by where they are referenced (never by
/// what a stream's dictionary leaves out).
#[derive(Default)]
struct Roles {
    /// Reachable from the catalog's /DSS: the DSS, its arrays, the VRI map and VRI dictionaries,
    /// and the certificate, OCSP, CRL and timestamp streams they list.
    validation: HashSet<ObjectId>,
    /// A document timestamp's /Contents, when written as an indirect object.
    timestamp_contents: HashSet<ObjectId>,
    /// Appearance streams and appearance-state dictionaries of new or changed annotations that
    /// show nothing (hidden, zero-area, or every appearance paints nothing).
    inert_appearances: HashSet<ObjectId>,
    /// Everything reachable from the trailer: a new object nothing refers to cannot be shown
    /// (pyHanko's validator ignores such orphans too).
    in_use: HashSet<ObjectId>,
    /// What the signed revision already referred to, including references to objects it did not
    /// have: an object filled in later for one of those changes what the signed revision shows.
    referenced_before: HashSet<ObjectId>,
}

/// `Ok` when `later` differs from `earlier` only by the named allowed changes (see the module
/// comment); otherwise the first forbidden change, told as "visible marks" when the revision
/// adds anything a person sees.
fn only_validation_data(earlier: &Document, later: &Document, budget: &mut Budget) -> Result<(), Forbidden> {
    let mut roles = roles(earlier, later, budget);
    roles.in_use = in_use(later, budget);
    roles.referenced_before = in_use(earlier, budget);
    only_allowed(earlier, later, &roles, budget).map_err(|mut forbidden| {
        if let Some(marks) = visible_marks(earlier, later, budget) {
            forbidden = Forbidden { why: marks, visible: true };
        }
        forbidden
    })
}

fn only_allowed(earlier: &Document, later: &Document, roles: &Roles, budget: &mut Budget) -> Result<(), Forbidden> {
    let info_id = later.trailer.get(b"Info").ok().and_then(|o| o.as_reference().ok());
    let earlier_info_id = earlier.trailer.get(b"Info").ok().and_then(|o| o.as_reference().ok());
    let mut adds_validation_data = false;
    let mut info_changed = false;
    for (id, now) in &later.objects {
        budget.spend(1).map_err(|_| "too many objects to compare".to_string())?;
        let before = earlier.objects.get(id);
        if before.is_some_and(|b| equivalent(b, now, 0)) {
            continue;
        }
        if Some(*id) == info_id {
            // InfoBookkeeping: compared with the earlier Info, wherever it was.
            let old = earlier_info_id.and_then(|i| earlier.objects.get(&i));
            match (old.and_then(|o| o.as_dict().ok()), now.as_dict().ok()) {
                (Some(b), Some(n)) if same_except(b, n, &[b"ModDate", b"Producer"]) => info_changed = true,
                _ => return Err(format!("the document information changed ({} {})", id.0, id.1).into()),
            }
            continue;
        }
        let allowed = match before {
            Some(before) => allowed_change(later, *id, before, now, roles, budget),
            None if roles.referenced_before.contains(id) => {
                return Err(format!("object {} {} added where the signed revision already referred to it", id.0, id.1).into())
            }
            None if !roles.in_use.contains(id) => Some(false),
            None => allowed_new(later, *id, now, roles, budget),
        };
        match allowed {
            Some(validation) => adds_validation_data |= validation,
            None => return Err(format!("object {} {} {}", id.0, id.1, if before.is_some() { "changed" } else { "added" }).into()),
        }
    }
    if info_id != earlier_info_id && !(info_id.is_some() && info_changed) {
        return Err("the trailer's document information was replaced".to_string().into());
    }
    if info_changed && !adds_validation_data {
        return Err("a revision that changes only the document information".to_string().into());
    }
    // Nothing that drew the page may have disappeared.
    let removed = earlier.objects.iter().find(|(id, obj)| {
        !later.objects.contains_key(id) && !matches!(obj, Object::Stream(s) if matches!(type_of(&s.dict), Some(b"XRef" | b"ObjStm")))
    });
    match removed {
        Some((id, _)) => Err(format!("object {} {} removed", id.0, id.1).into()),
        None => Ok(()),
    }
}

fn type_of(dict: &Dictionary) -> Option<&[u8]> {
    dict.get(b"Type").ok().and_then(|t| t.as_name().ok())
}

fn subtype_of(dict: &Dictionary) -> Option<&[u8]> {
    dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok())
}

/// An annotation (a widget is one): something a viewer may draw on a page.
fn is_annotation(dict: &Dictionary) -> bool {
    type_of(dict) == Some(b"Annot") || (subtype_of(dict).is_some() && dict.has(b"Rect"))
}

fn is_signature_field_or_widget(doc: &Document, dict: &Dictionary) -> bool {
    let ft = |d: &Dictionary| d.get(b"FT").ok().and_then(|o| o.as_name().ok()) == Some(b"Sig".as_slice());
    if ft(dict) {
        return true;
    }
    // A widget whose parent field is a signature field.
    subtype_of(dict) == Some(b"Widget")
        && dict
            .get(b"Parent")
            .ok()
            .and_then(|p| load::resolve(doc, p).as_dict().ok())
            .is_some_and(ft)
}

/// A signature field or widget that shows nothing: any annotation part of it must be inert.
fn is_inert_signature_field(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> bool {
    is_signature_field_or_widget(doc, dict) && (!is_annotation(dict) || shows_nothing(doc, dict, budget))
}

/// An annotation that cannot change what is displayed or printed: hidden (or not viewed and not
/// printed), a zero-area rectangle, or appearances that paint nothing. A non-widget annotation
/// without an appearance is drawn by viewers from its type (a note icon, free text), so only a
/// widget passes for having none (an unsigned signature field shows nothing of its own).
fn shows_nothing(doc: &Document, annot: &Dictionary, budget: &mut Budget) -> bool {
    const HIDDEN: i64 = 2;
    const PRINT: i64 = 4;
    const NO_VIEW: i64 = 32;
    let flags = annot.get(b"F").ok().and_then(|f| load::resolve(doc, f).as_i64().ok()).unwrap_or(0);
    if flags & HIDDEN != 0 || (flags & NO_VIEW != 0 && flags & PRINT == 0) {
        return true;
    }
    match load::rect_of(doc, annot, b"Rect") {
        Some(r) if (r[2] - r[0]).abs() < 0.01 || (r[3] - r[1]).abs() < 0.01 => return true,
        None => return true, // no rectangle: nowhere to draw
        _ => {}
    }
    let Some(ap) = annot.get(b"AP").ok().map(|o| load::resolve(doc, o)) else {
        return subtype_of(annot) == Some(b"Widget");
    };
    let Ok(ap) = ap.as_dict() else { return false };
    ap.iter().all(|(_, entry)| match load::resolve(doc, entry) {
        Object::Stream(s) => paints_nothing(s, budget),
        Object::Dictionary(states) => states.iter().all(|(_, v)| matches!(load::resolve(doc, v), Object::Stream(s) if paints_nothing(s, budget))),
        _ => false,
    })
}

/// A Form XObject with a zero-area box, or content without a painting operator (text, paths
/// filled or stroked, images, shadings, XObjects). Undecodable content is taken as painting.
fn paints_nothing(stream: &lopdf::Stream, budget: &mut Budget) -> bool {
    if zero_area_bbox(&stream.dict) {
        return true;
    }
    let Ok(data) = decode::decode_stream(stream, budget) else { return false };
    const PAINTING: [&[u8]; 18] =
        [b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh", b"Do", b"Tj", b"TJ", b"'", b"\"", b"BI", b"ID", b"EI"];
    let mut lexer = Lexer::new(&data);
    while let Some(token) = lexer.next_token() {
        if let Token::Operator(op) = token {
            if PAINTING.contains(&op) || budget.spend(1).is_err() {
                return false;
            }
        }
    }
    true
}

/// Where the later revision's objects are referenced from (see `Roles`).
fn roles(earlier: &Document, later: &Document, budget: &mut Budget) -> Roles {
    let mut roles = Roles::default();
    if let Some(dss) = later.catalog().ok().and_then(|c| c.get(b"DSS").ok()) {
        collect_dss(later, dss, &mut roles.validation, budget);
    }
    for (id, obj) in &later.objects {
        let Object::Dictionary(d) = obj else { continue };
        if is_document_timestamp(d) {
            if let Ok(Object::Reference(contents)) = d.get(b"Contents") {
                roles.timestamp_contents.insert(*contents);
            }
        }
        if is_annotation(d) && earlier.objects.get(id) != Some(obj) && shows_nothing(later, d, budget) {
            if let Ok(ap) = d.get(b"AP") {
                let ap = mark(later, ap, &mut roles.inert_appearances);
                for (_, entry) in ap.as_dict().map(|a| a.iter().collect::<Vec<_>>()).unwrap_or_default() {
                    if let Ok(states) = mark(later, entry, &mut roles.inert_appearances).as_dict() {
                        for (_, v) in states.iter() {
                            mark(later, v, &mut roles.inert_appearances);
                        }
                    }
                }
            }
        }
    }
    roles
}

/// Objects reachable from the trailer, by following every reference (bounded by the budget).
fn in_use(doc: &Document, budget: &mut Budget) -> HashSet<ObjectId> {
    let mut seen = HashSet::new();
    let mut stack: Vec<&Object> = doc.trailer.iter().map(|(_, v)| v).collect();
    while let Some(obj) = stack.pop() {
        if budget.spend(1).is_err() {
            break;
        }
        match obj {
            Object::Reference(id) => {
                if seen.insert(*id) {
                    if let Ok(target) = doc.get_object(*id) {
                        stack.push(target);
                    }
                }
            }
            Object::Array(items) => stack.extend(items.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    seen
}

/// Note a reference in `into`; the object it points at.
fn mark<'a>(doc: &'a Document, obj: &'a Object, into: &mut HashSet<ObjectId>) -> &'a Object {
    if let Object::Reference(id) = obj {
        into.insert(*id);
    }
    load::resolve(doc, obj)
}

/// Everything the DSS lists, direct or through indirect arrays and dictionaries.
fn collect_dss(doc: &Document, dss: &Object, into: &mut HashSet<ObjectId>, budget: &mut Budget) {
    fn list(doc: &Document, obj: &Object, into: &mut HashSet<ObjectId>, budget: &mut Budget) {
        if let Ok(items) = mark(doc, obj, into).as_array() {
            for item in items {
                if budget.spend(1).is_err() {
                    return;
                }
                mark(doc, item, into);
            }
        }
    }
    let Ok(dss) = mark(doc, dss, into).as_dict() else { return };
    for key in [b"Certs".as_slice(), b"OCSPs", b"CRLs"] {
        if let Ok(o) = dss.get(key) {
            list(doc, o, into, budget);
        }
    }
    let Some(vri_map) = dss.get(b"VRI").ok().and_then(|v| mark(doc, v, into).as_dict().ok()) else { return };
    for (_, vri) in vri_map.iter() {
        if budget.spend(1).is_err() {
            return;
        }
        let Ok(vri) = mark(doc, vri, into).as_dict() else { continue };
        for key in [b"Cert".as_slice(), b"OCSP", b"CRL"] {
            if let Ok(o) = vri.get(key) {
                list(doc, o, into, budget);
            }
        }
        if let Ok(ts) = vri.get(b"TS") {
            mark(doc, ts, into);
        }
    }
}

/// Objects a timestamp or validation-data revision adds (`DocTimeStamp`, `Dss`); `Some(true)` when
/// the object is itself a document timestamp or validation data.
fn allowed_new(doc: &Document, id: ObjectId, now: &Object, roles: &Roles, budget: &mut Budget) -> Option<bool> {
    if roles.validation.contains(&id) && !matches!(now, Object::Dictionary(d) if is_annotation(d)) {
        return Some(true);
    }
    match now {
        Object::Dictionary(d) if is_document_timestamp(d) => Some(true),
        Object::Dictionary(d) => {
            (is_inert_signature_field(doc, d, budget) || (roles.inert_appearances.contains(&id) && !is_annotation(d))).then_some(false)
        }
        Object::Stream(_) | Object::String(..) => {
            (roles.timestamp_contents.contains(&id) || roles.inert_appearances.contains(&id)).then_some(false)
        }
        // An indirect /Annots or /Fields array: what it lists is checked where it is used.
        Object::Array(items) => items.iter().all(|o| o.as_reference().is_ok()).then_some(false),
        _ => None,
    }
}

/// A document timestamp's signature dictionary (not another signer's signature).
fn is_document_timestamp(d: &Dictionary) -> bool {
    type_of(d) == Some(b"DocTimeStamp")
        || (type_of(d).is_none_or(|t| t == b"Sig")
            && d.get(b"SubFilter").ok().and_then(|o| o.as_name().ok()) == Some(b"ETSI.RFC3161".as_slice()))
}

fn zero_area_bbox(dict: &Dictionary) -> bool {
    let Ok(b) = dict.get(b"BBox").and_then(|o| o.as_array()) else { return false };
    let n: Vec<f64> = b.iter().filter_map(load::number).collect();
    n.len() == 4 && ((n[2] - n[0]).abs() < 0.01 || (n[3] - n[1]).abs() < 0.01)
}

/// Changes a timestamp or validation-data revision makes to existing objects (`CatalogEntry`,
/// `PageAnnots`, `FormFields`, `Dss`); `Some(true)` when the catalog gains or changes its /DSS or
/// the object is part of the DSS (a DSS written without /Type, an indirect /Certs array).
fn allowed_change(doc: &Document, id: ObjectId, before: &Object, now: &Object, roles: &Roles, budget: &mut Budget) -> Option<bool> {
    match (before, now) {
        (Object::Dictionary(b), Object::Dictionary(n)) => match type_of(n) {
            Some(b"Catalog") => (same_except(b, n, &[b"DSS", b"AcroForm", b"Extensions"])
                && acroform_ok(doc, b.get(b"AcroForm").ok(), n.get(b"AcroForm").ok(), budget))
            .then(|| b.get(b"DSS").ok() != n.get(b"DSS").ok()),
            Some(b"Page") => (same_except(b, n, &[b"Annots"])
                && grows_by_signature_widgets(doc, b.get(b"Annots").ok(), n.get(b"Annots").ok(), budget))
            .then_some(false),
            _ if roles.validation.contains(&id) && !is_annotation(n) && !is_annotation(b) => Some(true),
            _ if n.has(b"Fields") => (same_except(b, n, &[b"Fields", b"SigFlags", b"DR", b"DA"])
                && grows_by_signature_widgets(doc, b.get(b"Fields").ok(), n.get(b"Fields").ok(), budget))
            .then_some(false),
            _ => None,
        },
        // An indirect /Annots or /Fields array that gained signature fields or widgets, or an
        // indirect DSS array (/Certs, /OCSPs, /CRLs) that gained entries.
        (Object::Array(_), Object::Array(_)) => {
            if roles.validation.contains(&id) {
                Some(true)
            } else {
                grows_by_signature_widgets(doc, Some(before), Some(now), budget).then_some(false)
            }
        }
        _ => None,
    }
}

/// A direct /AcroForm in the catalog may only change as `FormFields` allows; an indirect one is
/// compared as its own object.
fn acroform_ok(doc: &Document, before: Option<&Object>, now: Option<&Object>, budget: &mut Budget) -> bool {
    match (before, now) {
        (Some(Object::Dictionary(b)), Some(Object::Dictionary(n))) => {
            same_except(b, n, &[b"Fields", b"SigFlags", b"DR", b"DA"])
                && grows_by_signature_widgets(doc, b.get(b"Fields").ok(), n.get(b"Fields").ok(), budget)
        }
        (None, Some(Object::Dictionary(n))) => {
            n.iter().all(|(k, _)| matches!(k.as_slice(), b"Fields" | b"SigFlags" | b"DR" | b"DA"))
                && grows_by_signature_widgets(doc, None, n.get(b"Fields").ok(), budget)
        }
        (b, n) => b == n || matches!((b, n), (Some(Object::Reference(_)), Some(Object::Reference(_))) | (None, Some(Object::Reference(_)))),
    }
}

fn same_except(a: &Dictionary, b: &Dictionary, keys: &[&[u8]]) -> bool {
    let strip = |d: &Dictionary| -> Vec<(Vec<u8>, Object)> {
        d.iter().filter(|(k, _)| !keys.contains(&k.as_slice())).map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    let (mut x, mut y) = (strip(a), strip(b));
    x.sort_by(|p, q| p.0.cmp(&q.0));
    y.sort_by(|p, q| p.0.cmp(&q.0));
    x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| p.0 == q.0 && equivalent(&p.1, &q.1, 0))
}

/// The same PDF value, however it was written: a string as literal or hex, keys in any order,
/// an integer-valued real. (A tool that rewrites an object with the same content changes nothing.)
fn equivalent(a: &Object, b: &Object, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    let dicts = |x: &Dictionary, y: &Dictionary| {
        x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_ok_and(|w| equivalent(v, w, depth + 1)))
    };
    match (a, b) {
        (Object::String(x, _), Object::String(y, _)) => x == y,
        (Object::Integer(i), Object::Real(r)) | (Object::Real(r), Object::Integer(i)) => (*i as f64 - *r as f64).abs() < 1e-9,
        (Object::Array(x), Object::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| equivalent(v, w, depth + 1)),
        (Object::Dictionary(x), Object::Dictionary(y)) => dicts(x, y),
        (Object::Stream(x), Object::Stream(y)) => {
            x.content == y.content && dicts(&without_length(&x.dict), &without_length(&y.dict))
        }
        _ => a == b,
    }
}

fn without_length(d: &Dictionary) -> Dictionary {
    let mut d = d.clone();
    d.remove(b"Length");
    d
}

/// The earlier array is a prefix of the new one, and everything added is a signature field or
/// widget that shows nothing.
fn grows_by_signature_widgets(doc: &Document, before: Option<&Object>, now: Option<&Object>, budget: &mut Budget) -> bool {
    let list = |o: Option<&Object>| -> Option<Vec<ObjectId>> {
        match o {
            None => Some(Vec::new()),
            Some(o) => load::resolve(doc, o).as_array().ok().map(|a| a.iter().filter_map(|x| x.as_reference().ok()).collect()),
        }
    };
    let (Some(before), Some(now)) = (list(before), list(now)) else { return false };
    now.len() >= before.len()
        && now[..before.len()] == before[..]
        && now[before.len()..].iter().all(|id| doc.get_dictionary(*id).is_ok_and(|d| is_inert_signature_field(doc, d, budget)))
}

/// What a person would see change, when a revision is not allowed: a page added, a page's
/// content changed, or an annotation (widget or other) added or changed that shows something.
fn visible_marks(earlier: &Document, later: &Document, budget: &mut Budget) -> Option<String> {
    let before: HashMap<ObjectId, load::PageRef> = load::pages(earlier, budget).into_iter().map(|p| (p.id, p)).collect();
    for (n, page) in load::pages(later, budget).iter().enumerate() {
        let n = n + 1;
        let Some(old) = before.get(&page.id) else { return Some(format!("page {n} added")) };
        if content_bytes(later, &page.dict, budget) != content_bytes(earlier, &old.dict, budget) {
            return Some(format!("page {n}'s content changed"));
        }
        let old_annots = annots(earlier, &old.dict);
        for annot in annots(later, &page.dict) {
            let (now, was) = match annot {
                Object::Reference(id) => (later.objects.get(&id), earlier.objects.get(&id).filter(|_| old_annots.contains(&annot))),
                _ => continue,
            };
            let Some(Object::Dictionary(d)) = now else { continue };
            if was != now && !shows_nothing(later, d, budget) {
                let kind = String::from_utf8_lossy(subtype_of(d).unwrap_or(b"annotation")).into_owned();
                return Some(format!("a {kind} annotation on page {n} that shows something was added or changed"));
            }
        }
    }
    None
}

fn annots(doc: &Document, page: &Dictionary) -> Vec<Object> {
    page.get(b"Annots").ok().and_then(|a| load::resolve(doc, a).as_array().ok()).cloned().unwrap_or_default()
}

/// A page's content as drawn: its streams' decoded bytes, in order (`None` where one cannot be
/// decoded, compared by its raw bytes instead).
fn content_bytes(doc: &Document, page: &Dictionary, budget: &mut Budget) -> Vec<Vec<u8>> {
    let refs: Vec<&Object> = match page.get(b"Contents").ok().map(|c| load::resolve(doc, c)) {
        Some(Object::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    refs.into_iter()
        .map(|r| match load::resolve(doc, r) {
            Object::Stream(s) => decode::decode_stream(s, budget).unwrap_or_else(|_| s.content.clone()),
            _ => Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A one-page signed document: catalog 1, pages 2, page 3, content 4, Info 5, field+widget 6,
    /// signature 7.
    fn signed() -> Document {
        let mut d = Document::with_version("1.7");
        d.objects.insert((1, 0), dictionary! { "Type" => "Catalog", "Pages" => (2, 0), "AcroForm" => dictionary! { "Fields" => vec![Object::Reference((6, 0))], "SigFlags" => 3 } }.into());
        d.objects.insert((2, 0), dictionary! { "Type" => "Pages", "Kids" => vec![Object::Reference((3, 0))], "Count" => 1 }.into());
        d.objects.insert((3, 0), dictionary! { "Type" => "Page", "Parent" => (2, 0), "Contents" => (4, 0), "Annots" => vec![Object::Reference((6, 0))] }.into());
        d.objects.insert((4, 0), Stream::new(dictionary! {}, b"BT ET".to_vec()).into());
        d.objects.insert((5, 0), dictionary! { "Title" => Object::string_literal("Surat"), "Producer" => Object::string_literal("Writer"), "ModDate" => Object::string_literal("D:2024") }.into());
        d.objects.insert((6, 0), dictionary! { "FT" => "Sig", "Type" => "Annot", "Subtype" => "Widget", "T" => Object::string_literal("sig"), "V" => (7, 0), "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()], "P" => (3, 0) }.into());
        d.objects.insert((7, 0), dictionary! { "Type" => "Sig", "SubFilter" => "adbe.pkcs7.detached" }.into());
        d.trailer.set("Root", (1, 0));
        d.trailer.set("Info", (5, 0));
        d
    }

    fn check(change: impl FnOnce(&mut Document)) -> Result<(), String> {
        let earlier = signed();
        let mut later = signed();
        change(&mut later);
        only_validation_data(&earlier, &later, &mut Budget::for_file(0)).map_err(|f| f.why)
    }

    fn add_doc_timestamp(d: &mut Document) {
        d.objects.insert((8, 0), dictionary! { "Type" => "DocTimeStamp", "SubFilter" => "ETSI.RFC3161" }.into());
        d.objects.insert((9, 0), dictionary! { "FT" => "Sig", "Type" => "Annot", "Subtype" => "Widget", "T" => Object::string_literal("ts"), "V" => (8, 0), "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()], "P" => (3, 0) }.into());
        if let Ok(Object::Dictionary(c)) = d.objects.get_mut(&(1, 0)).ok_or(()) {
            c.set("AcroForm", dictionary! { "Fields" => vec![Object::Reference((6, 0)), Object::Reference((9, 0))], "SigFlags" => 3 });
        }
        if let Ok(Object::Dictionary(p)) = d.objects.get_mut(&(3, 0)).ok_or(()) {
            p.set("Annots", vec![Object::Reference((6, 0)), Object::Reference((9, 0))]);
        }
    }

    fn info(d: &mut Document) -> &mut Dictionary {
        match d.objects.get_mut(&(5, 0)) {
            Some(Object::Dictionary(i)) => i,
            _ => unreachable!(),
        }
    }

    #[test]
    fn allowed_changes_are_named_and_accepted() {
        assert_eq!(check(|_| {}), Ok(()), "nothing changed");
        assert_eq!(check(add_doc_timestamp), Ok(()), "DocTimeStamp + FormFields + PageAnnots");
        assert_eq!(
            check(|d| {
                add_doc_timestamp(d);
                info(d).set("Producer", Object::string_literal("Writer; pyHanko"));
                info(d).set("ModDate", Object::string_literal("D:2026"));
            }),
            Ok(()),
            "InfoBookkeeping alongside a document timestamp"
        );
        assert_eq!(
            check(|d| {
                d.objects.insert((10, 0), Stream::new(dictionary! {}, vec![0x30, 0x00]).into());
                d.objects.insert((11, 0), dictionary! { "Certs" => vec![Object::Reference((10, 0))] }.into());
                if let Some(Object::Dictionary(c)) = d.objects.get_mut(&(1, 0)) {
                    c.set("DSS", (11, 0));
                }
            }),
            Ok(()),
            "Dss + CatalogEntry"
        );
    }

    #[test]
    fn every_other_change_is_forbidden() {
        let forbidden: Vec<(&str, Box<dyn FnOnce(&mut Document)>)> = vec![
            ("Info /Title rewritten", Box::new(|d| info(d).set("Title", Object::string_literal("Edited")))),
            ("Info /Producer alone, nothing added", Box::new(|d| info(d).set("Producer", Object::string_literal("Editor")))),
            (
                "Info /Title alongside a document timestamp",
                Box::new(|d| {
                    add_doc_timestamp(d);
                    info(d).set("Title", Object::string_literal("Edited"));
                }),
            ),
            (
                "Info replaced by a new object",
                Box::new(|d| {
                    d.objects.insert((12, 0), dictionary! { "Producer" => Object::string_literal("x") }.into());
                    d.trailer.set("Info", (12, 0));
                }),
            ),
            ("page content changed", Box::new(|d| {
                d.objects.insert((4, 0), Stream::new(dictionary! {}, b"BT (x) Tj ET".to_vec()).into());
            })),
            (
                "catalog entry other than DSS/AcroForm",
                Box::new(|d| {
                    if let Some(Object::Dictionary(c)) = d.objects.get_mut(&(1, 0)) {
                        c.set("Lang", Object::string_literal("id-ID"));
                    }
                }),
            ),
            (
                "XMP metadata added",
                Box::new(|d| {
                    d.objects.insert((13, 0), Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, b"<x/>".to_vec()).into());
                    if let Some(Object::Dictionary(c)) = d.objects.get_mut(&(1, 0)) {
                        c.set("Metadata", (13, 0));
                    }
                }),
            ),
            (
                "another signer's signature",
                Box::new(|d| {
                    add_doc_timestamp(d);
                    d.objects.insert((8, 0), dictionary! { "Type" => "Sig", "SubFilter" => "adbe.pkcs7.detached" }.into());
                }),
            ),
            (
                "an annotation added to the page",
                Box::new(|d| {
                    d.objects.insert((14, 0), dictionary! { "Type" => "Annot", "Subtype" => "Text" }.into());
                    if let Some(Object::Dictionary(p)) = d.objects.get_mut(&(3, 0)) {
                        p.set("Annots", vec![Object::Reference((6, 0)), Object::Reference((14, 0))]);
                    }
                }),
            ),
            (
                "a text field added to a direct AcroForm",
                Box::new(|d| {
                    d.objects.insert((15, 0), dictionary! { "FT" => "Tx", "T" => Object::string_literal("x") }.into());
                    if let Some(Object::Dictionary(c)) = d.objects.get_mut(&(1, 0)) {
                        c.set("AcroForm", dictionary! { "Fields" => vec![Object::Reference((6, 0)), Object::Reference((15, 0))], "SigFlags" => 3 });
                    }
                }),
            ),
            (
                "NeedAppearances set in a direct AcroForm",
                Box::new(|d| {
                    if let Some(Object::Dictionary(c)) = d.objects.get_mut(&(1, 0)) {
                        c.set("AcroForm", dictionary! { "Fields" => vec![Object::Reference((6, 0))], "SigFlags" => 3, "NeedAppearances" => true });
                    }
                }),
            ),
            ("an object removed", Box::new(|d| {
                d.objects.remove(&(4, 0));
            })),
            ("the signature value replaced", Box::new(|d| {
                d.objects.insert((7, 0), dictionary! { "Type" => "Sig", "SubFilter" => "ETSI.CAdES.detached" }.into());
            })),
        ];
        for (what, change) in forbidden {
            assert!(check(change).is_err(), "{what} must not be allowed after a stamp");
        }
    }

    /// A signed page that already referred to a missing object, filled in later with content and
    /// listed in a DSS to pass as validation data: the page now shows it.
    #[test]
    fn an_object_filled_in_for_an_earlier_reference_is_a_change() {
        let dangling = |d: &mut Document| {
            if let Some(Object::Dictionary(p)) = d.objects.get_mut(&(3, 0)) {
                p.set("Contents", vec![Object::Reference((4, 0)), Object::Reference((20, 0))]);
            }
        };
        let mut earlier = signed();
        dangling(&mut earlier);
        let mut later = signed();
        dangling(&mut later);
        later.objects.insert((20, 0), Stream::new(dictionary! {}, b"BT (x) Tj ET".to_vec()).into());
        later.objects.insert((21, 0), dictionary! { "Certs" => vec![Object::Reference((20, 0))] }.into());
        if let Some(Object::Dictionary(c)) = later.objects.get_mut(&(1, 0)) {
            c.set("DSS", (21, 0));
        }
        assert!(only_validation_data(&earlier, &later, &mut Budget::for_file(0)).is_err());
    }

    #[test]
    fn finds_revisions_and_appended_bytes() {
        assert_eq!(revision_ends(b"\n"), vec![1]);
        assert_eq!(revision_ends(b""), vec![0]);
        let rev = b"\n1 0 obj << >> endobj\nxref\ntrailer << >>\nstartxref\n10\n%%EOF\n";
        assert_eq!(revision_ends(rev), vec![rev.len()]);
        let mut junk = rev.to_vec();
        junk.extend_from_slice(b"\n\n");
        assert_eq!(revision_ends(&junk), vec![rev.len()], "a second line end is not part of the revision");
        assert_eq!(revision_ends(b"\n%%EOF\n"), Vec::<usize>::new(), "an %%EOF without startxref is not a revision");
    }
}

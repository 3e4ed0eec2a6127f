//! What follows a signature's revision. Long-term validation (PAdES B-LT/B-LTA) appends
//! revisions to a signed file that only add a document timestamp and validation data
//! (certificates, OCSP responses, CRLs): the stamp is as good as before, and calling it "changed
//! after stamping" would send a person to buy a new one. Everything else that follows — a change
//! to any page, annotation, form field or the document information (an editor's "save" that
//! rewrites /Title or /Producer), another signature, or bytes that are not a PDF revision at all —
//! means the file is not what was signed (`pdfsig`: "Not total document signed"), and the
//! portal's verifier rejects it.
//!
//! The changes a later revision may make, each named where it is allowed:
//! - `DocTimeStamp`: a new signature dictionary of type /DocTimeStamp (or SubFilter
//!   /ETSI.RFC3161), its signature field and widget (`is_signature_field_or_widget`), an empty
//!   widget appearance (a Form XObject with a zero-area box, `zero_area_bbox`);
//! - `Dss`: a /DSS dictionary, /VRI dictionaries and the VRI map, and the plain streams they point
//!   at (certificates, OCSP responses, CRLs), and arrays of references to them;
//! - `CatalogEntry`: the catalog gaining or changing only /DSS, /AcroForm, /Extensions;
//! - `FormFields`: the AcroForm's /Fields growing by signature fields (and /SigFlags, /DR, /DA);
//! - `PageAnnots`: a page's /Annots growing by signature widgets, nothing else on the page;
//! - `InfoBookkeeping` (pyHanko and other PAdES tools do this in the same revision): the
//!   document information changing only its /ModDate and /Producer, and only in a revision that
//!   also adds a document timestamp or validation data. A revision that changes Info and adds
//!   nothing, or changes any other Info key, is a change.
//! - object streams and cross-reference streams of earlier revisions may be dropped (they are
//!   containers, not content).

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::load;
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
        if let Err(why) = only_validation_data(&earlier, &next.doc, budget) {
            return if budget.exhausted() { After::TooComplex } else { After::Changed(why) };
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

/// `Ok` when `later` differs from `earlier` only by the named allowed changes (see the module
/// comment); otherwise the first forbidden change.
fn only_validation_data(earlier: &Document, later: &Document, budget: &mut Budget) -> Result<(), String> {
    let info_id = later.trailer.get(b"Info").ok().and_then(|o| o.as_reference().ok());
    let earlier_info_id = earlier.trailer.get(b"Info").ok().and_then(|o| o.as_reference().ok());
    let mut adds_validation_data = false;
    let mut info_changed = false;
    for (id, now) in &later.objects {
        budget.spend(1).map_err(|_| "too many objects to compare".to_string())?;
        let before = earlier.objects.get(id);
        if before == Some(now) {
            continue;
        }
        if Some(*id) == info_id {
            // InfoBookkeeping: compared with the earlier Info, wherever it was.
            let old = earlier_info_id.and_then(|i| earlier.objects.get(&i));
            match (old.and_then(|o| o.as_dict().ok()), now.as_dict().ok()) {
                (Some(b), Some(n)) if same_except(b, n, &[b"ModDate", b"Producer"]) => info_changed = true,
                _ => return Err(format!("the document information changed ({} {})", id.0, id.1)),
            }
            continue;
        }
        let allowed = match before {
            Some(before) => allowed_change(later, before, now),
            None => allowed_new(later, now),
        };
        match allowed {
            Some(validation) => adds_validation_data |= validation,
            None => return Err(format!("object {} {} {}", id.0, id.1, if before.is_some() { "changed" } else { "added" })),
        }
    }
    if info_id != earlier_info_id && !(info_id.is_some() && info_changed) {
        return Err("the trailer's document information was replaced".into());
    }
    if info_changed && !adds_validation_data {
        return Err("a revision that changes only the document information".into());
    }
    // Nothing that drew the page may have disappeared.
    let removed = earlier.objects.iter().find(|(id, obj)| {
        !later.objects.contains_key(id) && !matches!(obj, Object::Stream(s) if matches!(type_of(&s.dict), Some(b"XRef" | b"ObjStm")))
    });
    match removed {
        Some((id, _)) => Err(format!("object {} {} removed", id.0, id.1)),
        None => Ok(()),
    }
}

fn type_of(dict: &Dictionary) -> Option<&[u8]> {
    dict.get(b"Type").ok().and_then(|t| t.as_name().ok())
}

fn is_signature_field_or_widget(doc: &Document, dict: &Dictionary) -> bool {
    let ft = |d: &Dictionary| d.get(b"FT").ok().and_then(|o| o.as_name().ok()) == Some(b"Sig".as_slice());
    if ft(dict) {
        return true;
    }
    // A widget whose parent field is a signature field.
    let widget = dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) == Some(b"Widget".as_slice());
    widget
        && dict
            .get(b"Parent")
            .ok()
            .and_then(|p| load::resolve(doc, p).as_dict().ok())
            .is_some_and(ft)
}

/// Objects a timestamp or validation-data revision adds (`DocTimeStamp`, `Dss`); `Some(true)` when
/// the object is itself a document timestamp or validation data.
fn allowed_new(doc: &Document, now: &Object) -> Option<bool> {
    match now {
        Object::Dictionary(d) => {
            if is_document_timestamp(d) || matches!(type_of(d), Some(b"DSS" | b"VRI")) || is_dss_or_vri(d) {
                Some(true)
            } else if is_signature_field_or_widget(doc, d)
                // The VRI map: one entry per signature hash, each a VRI dictionary reference.
                || (!d.is_empty() && d.iter().all(|(_, v)| v.as_reference().is_ok() || v.as_dict().is_ok()) && !d.has(b"Type") && !d.has(b"Subtype") && !d.has(b"Contents"))
            {
                Some(false)
            } else {
                None
            }
        }
        // Certificates, OCSP responses and CRLs are plain streams; an empty signature widget
        // appearance is a Form XObject with a zero-area box.
        Object::Stream(s) => match s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) {
            None => type_of(&s.dict).is_none().then_some(false),
            Some(b"Form") => zero_area_bbox(&s.dict).then_some(false),
            _ => None,
        },
        Object::Array(items) => items.iter().all(|o| o.as_reference().is_ok()).then_some(false),
        _ => None,
    }
}

/// A DSS or VRI dictionary written without its (optional) /Type: only their keys.
fn is_dss_or_vri(d: &Dictionary) -> bool {
    const KEYS: [&[u8]; 9] = [b"Certs", b"OCSPs", b"CRLs", b"VRI", b"Cert", b"OCSP", b"CRL", b"TU", b"TS"];
    !d.is_empty() && d.iter().all(|(k, _)| KEYS.contains(&k.as_slice()))
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
/// `PageAnnots`, `FormFields`, `Dss`); `Some(true)` when the catalog gains or changes its /DSS.
fn allowed_change(doc: &Document, before: &Object, now: &Object) -> Option<bool> {
    match (before, now) {
        (Object::Dictionary(b), Object::Dictionary(n)) => match type_of(n) {
            Some(b"Catalog") => (same_except(b, n, &[b"DSS", b"AcroForm", b"Extensions"])
                && acroform_ok(doc, b.get(b"AcroForm").ok(), n.get(b"AcroForm").ok()))
            .then(|| b.get(b"DSS").ok() != n.get(b"DSS").ok()),
            Some(b"Page") => (same_except(b, n, &[b"Annots"])
                && grows_by_signature_widgets(doc, b.get(b"Annots").ok(), n.get(b"Annots").ok()))
            .then_some(false),
            Some(b"DSS" | b"VRI") => Some(true),
            _ if n.has(b"Fields") => (same_except(b, n, &[b"Fields", b"SigFlags", b"DR", b"DA"])
                && grows_by_signature_widgets(doc, b.get(b"Fields").ok(), n.get(b"Fields").ok()))
            .then_some(false),
            _ => None,
        },
        // An indirect /Annots or /Fields array that gained signature fields or widgets, or an
        // indirect DSS array (/Certs, /OCSPs, /CRLs) that gained streams.
        (Object::Array(_), Object::Array(_)) => {
            if grows_by_signature_widgets(doc, Some(before), Some(now)) {
                Some(false)
            } else {
                grows_by_plain_streams(doc, before, now).then_some(true)
            }
        }
        _ => None,
    }
}

/// A direct /AcroForm in the catalog may only change as `FormFields` allows; an indirect one is
/// compared as its own object.
fn acroform_ok(doc: &Document, before: Option<&Object>, now: Option<&Object>) -> bool {
    match (before, now) {
        (Some(Object::Dictionary(b)), Some(Object::Dictionary(n))) => {
            same_except(b, n, &[b"Fields", b"SigFlags", b"DR", b"DA"])
                && grows_by_signature_widgets(doc, b.get(b"Fields").ok(), n.get(b"Fields").ok())
        }
        (None, Some(Object::Dictionary(n))) => {
            n.iter().all(|(k, _)| matches!(k.as_slice(), b"Fields" | b"SigFlags" | b"DR" | b"DA"))
                && grows_by_signature_widgets(doc, None, n.get(b"Fields").ok())
        }
        (b, n) => b == n || matches!((b, n), (Some(Object::Reference(_)), Some(Object::Reference(_))) | (None, Some(Object::Reference(_)))),
    }
}

/// An array of references whose earlier items are kept and whose new ones are plain streams.
fn grows_by_plain_streams(doc: &Document, before: &Object, now: &Object) -> bool {
    let (Ok(b), Ok(n)) = (before.as_array(), now.as_array()) else { return false };
    n.len() >= b.len()
        && n[..b.len()] == b[..]
        && n[b.len()..].iter().all(|o| {
            o.as_reference().ok().and_then(|id| doc.get_object(id).ok()).is_some_and(|x| match x {
                Object::Stream(s) => type_of(&s.dict).is_none() && !s.dict.has(b"Subtype"),
                _ => false,
            })
        })
}
fn same_except(a: &Dictionary, b: &Dictionary, keys: &[&[u8]]) -> bool {
    let strip = |d: &Dictionary| -> Vec<(Vec<u8>, Object)> {
        d.iter().filter(|(k, _)| !keys.contains(&k.as_slice())).map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    let (mut x, mut y) = (strip(a), strip(b));
    x.sort_by(|p, q| p.0.cmp(&q.0));
    y.sort_by(|p, q| p.0.cmp(&q.0));
    x == y
}

/// The earlier array is a prefix of the new one, and everything added is a signature field or widget.
fn grows_by_signature_widgets(doc: &Document, before: Option<&Object>, now: Option<&Object>) -> bool {
    let list = |o: Option<&Object>| -> Option<Vec<ObjectId>> {
        match o {
            None => Some(Vec::new()),
            Some(o) => load::resolve(doc, o).as_array().ok().map(|a| a.iter().filter_map(|x| x.as_reference().ok()).collect()),
        }
    };
    let (Some(before), Some(now)) = (list(before), list(now)) else { return false };
    now.len() >= before.len()
        && now[..before.len()] == before[..]
        && now[before.len()..].iter().all(|id| doc.get_dictionary(*id).is_ok_and(|d| is_signature_field_or_widget(doc, d)))
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
        only_validation_data(&earlier, &later, &mut Budget::for_file(0))
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

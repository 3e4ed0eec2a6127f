//! What changed after a signature. Long-term validation (PAdES B-LT/B-LTA) appends revisions to a
//! signed file that only add a document timestamp and validation data (certificates, OCSP, CRLs):
//! the stamp is as good as before, and calling it "changed after stamping" would send a person
//! to buy a new one. Anything else that changes (page content, resources, other annotations, any
//! object we cannot classify) keeps the verdict "modified after".

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::load;
use crate::limits::Budget;

/// Whether the file's current objects differ from the revision that ends at `signed_end` only by
/// signature fields and widgets, signature / timestamp values, DSS / VRI validation data and the
/// bookkeeping that adding them needs (catalog /DSS and /AcroForm, AcroForm /Fields and
/// /SigFlags, a page's /Annots gaining signature widgets, document information and metadata).
pub fn only_validation_data_after(doc: &Document, raw: &[u8], signed_end: usize, budget: &mut Budget) -> bool {
    let Some(earlier_bytes) = raw.get(..signed_end) else { return false };
    let Ok(earlier) = load::load(earlier_bytes, budget) else { return false };
    let earlier = &earlier.doc;
    let info_id = doc.trailer.get(b"Info").ok().and_then(|o| o.as_reference().ok());
    let metadata_id = doc.catalog().ok().and_then(|c| c.get(b"Metadata").ok()).and_then(|o| o.as_reference().ok());
    for (id, now) in &doc.objects {
        if budget.spend(1).is_err() {
            return false;
        }
        let allowed = match earlier.objects.get(id) {
            Some(before) if before == now => true,
            _ if Some(*id) == info_id || Some(*id) == metadata_id => true,
            Some(before) => allowed_change(doc, before, now),
            None => allowed_new(doc, now),
        };
        if !allowed {
            return false;
        }
    }
    // Nothing that drew the page may have disappeared.
    earlier.objects.keys().all(|id| {
        doc.objects.contains_key(id)
            || matches!(earlier.objects.get(id), Some(Object::Stream(s)) if matches!(type_of(&s.dict), Some(b"XRef" | b"ObjStm")))
    })
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

/// Objects a timestamp or validation-data revision adds.
fn allowed_new(doc: &Document, now: &Object) -> bool {
    match now {
        Object::Dictionary(d) => {
            matches!(type_of(d), Some(b"Sig" | b"DocTimeStamp" | b"DSS" | b"VRI"))
                || is_signature_field_or_widget(doc, d)
                // The VRI map: one entry per signature hash, each a VRI dictionary reference.
                || (!d.is_empty() && d.iter().all(|(_, v)| v.as_reference().is_ok() || v.as_dict().is_ok()) && !d.has(b"Type") && !d.has(b"Subtype") && !d.has(b"Contents"))
        }
        // Certificates, OCSP responses and CRLs are plain streams; an empty signature widget
        // appearance is a Form XObject with a zero-area box.
        Object::Stream(s) => match s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) {
            None => type_of(&s.dict).is_none(),
            Some(b"Form") => zero_area_bbox(&s.dict),
            _ => false,
        },
        Object::Array(items) => items.iter().all(|o| o.as_reference().is_ok()),
        _ => false,
    }
}

fn zero_area_bbox(dict: &Dictionary) -> bool {
    let Ok(b) = dict.get(b"BBox").and_then(|o| o.as_array()) else { return false };
    let n: Vec<f64> = b.iter().filter_map(load::number).collect();
    n.len() == 4 && ((n[2] - n[0]).abs() < 0.01 || (n[3] - n[1]).abs() < 0.01)
}

/// Changes a timestamp or validation-data revision makes to existing objects.
fn allowed_change(doc: &Document, before: &Object, now: &Object) -> bool {
    match (before, now) {
        (Object::Dictionary(b), Object::Dictionary(n)) => match type_of(n) {
            Some(b"Catalog") => same_except(b, n, &[b"DSS", b"AcroForm", b"Perms", b"Extensions"]),
            Some(b"Page") => same_except(b, n, &[b"Annots"]) && grows_by_signature_widgets(doc, b.get(b"Annots").ok(), n.get(b"Annots").ok()),
            Some(b"DSS" | b"VRI") => true,
            _ if n.has(b"Fields") => {
                same_except(b, n, &[b"Fields", b"SigFlags", b"DR", b"DA"])
                    && grows_by_signature_widgets(doc, b.get(b"Fields").ok(), n.get(b"Fields").ok())
            }
            _ => false,
        },
        // An indirect /Annots or /Fields array that gained signature fields or widgets.
        (Object::Array(_), Object::Array(_)) => grows_by_signature_widgets(doc, Some(before), Some(now)),
        _ => false,
    }
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

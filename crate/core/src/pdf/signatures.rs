//! Signature fields and their state: intact, modified after signing, or broken. The state is
//! decided on the raw file bytes (ByteRange + CMS messageDigest), never on lopdf's re-parsed view,
//! because what matters is whether these exact bytes are what was signed.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, ObjectId};

use super::cms::{digest_ranges, signer_facts};
use super::load::{rect_of, resolve, PageRef};
use crate::limits::Budget;
use crate::report::{normalize_rect, EmeteraiStatus, EmeteraiSummary, SignatureInfo, SignatureStatus};

/// Length of the serial in an e-Meterai's Reason: `[` + 22 characters + `]`.
const EMETERAI_SERIAL_LEN: usize = 22;
const MAX_FIELDS: usize = 1000;
const MAX_FIELD_DEPTH: usize = 32;

/// Every signature field with a value, from the AcroForm and from page widgets, in file order.
pub fn signatures(doc: &Document, pages: &[PageRef], raw: &[u8], budget: &mut Budget) -> Vec<SignatureInfo> {
    let widget_pages: HashMap<ObjectId, u32> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let annots = p.dict.get(b"Annots").ok().map(|a| resolve(doc, a)).and_then(|a| a.as_array().ok());
            annots
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_reference().ok())
                .map(move |id| (id, i as u32 + 1))
        })
        .collect();
    let page_numbers: HashMap<ObjectId, u32> = pages.iter().enumerate().map(|(i, p)| (p.id, i as u32 + 1)).collect();

    let mut fields: Vec<(ObjectId, String)> = Vec::new();
    let mut seen = HashSet::new();
    if let Some(acro) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|a| resolve(doc, a).as_dict().ok())
    {
        if let Some(list) = acro.get(b"Fields").ok().and_then(|f| resolve(doc, f).as_array().ok()) {
            for f in list {
                if let Ok(id) = f.as_reference() {
                    collect_fields(doc, id, "", None, &mut seen, &mut fields, 0);
                }
            }
        }
    }
    // Widgets on pages that the AcroForm forgot (damaged or hand-made files).
    for &widget in widget_pages.keys() {
        let Ok(dict) = doc.get_dictionary(widget) else { continue };
        if field_type(doc, dict, 0).as_deref() == Some("Sig") {
            let field = if dict.has(b"T") { widget } else { parent_of(dict).unwrap_or(widget) };
            if !fields.iter().any(|(id, _)| *id == field) {
                fields.push((field, full_name(doc, field)));
            }
        }
    }
    fields.sort_by_key(|(id, _)| *id);

    let certifying_sig = certifying_signature(doc);
    let mut out = Vec::new();
    for (field_id, name) in fields {
        if out.len() >= MAX_FIELDS || budget.spend(10).is_err() {
            break;
        }
        let Ok(field) = doc.get_dictionary(field_id) else { continue };
        let Some(value_obj) = field.get(b"V").ok() else { continue };
        let value_id = value_obj.as_reference().ok();
        let Ok(value) = resolve(doc, value_obj).as_dict() else { continue };
        let (page, rect) = placement(doc, field_id, field, &widget_pages, &page_numbers);
        out.push(describe(doc, &name, value, value_id, certifying_sig, page, rect, raw, budget));
    }
    out
}

fn collect_fields(
    doc: &Document,
    id: ObjectId,
    prefix: &str,
    inherited_ft: Option<String>,
    seen: &mut HashSet<ObjectId>,
    out: &mut Vec<(ObjectId, String)>,
    depth: usize,
) {
    if depth > MAX_FIELD_DEPTH || out.len() >= MAX_FIELDS || !seen.insert(id) {
        return;
    }
    let Ok(dict) = doc.get_dictionary(id) else { return };
    let partial = dict.get(b"T").ok().and_then(|t| lopdf::decode_text_string(resolve(doc, t)).ok());
    let name = match (&partial, prefix.is_empty()) {
        (Some(p), true) => p.clone(),
        (Some(p), false) => format!("{prefix}.{p}"),
        (None, _) => prefix.to_string(),
    };
    let ft = dict.get(b"FT").ok().and_then(|o| o.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned()).or(inherited_ft);
    if ft.as_deref() == Some("Sig") && dict.has(b"V") {
        out.push((id, name.clone()));
    }
    if let Some(kids) = dict.get(b"Kids").ok().and_then(|k| resolve(doc, k).as_array().ok()) {
        for kid in kids {
            if let Ok(kid_id) = kid.as_reference() {
                collect_fields(doc, kid_id, &name, ft.clone(), seen, out, depth + 1);
            }
        }
    }
}

fn field_type(doc: &Document, dict: &Dictionary, depth: usize) -> Option<String> {
    if let Ok(n) = dict.get(b"FT").and_then(|o| o.as_name()) {
        return Some(String::from_utf8_lossy(n).into_owned());
    }
    if depth >= MAX_FIELD_DEPTH {
        return None;
    }
    let parent = doc.get_dictionary(parent_of(dict)?).ok()?;
    field_type(doc, parent, depth + 1)
}

fn parent_of(dict: &Dictionary) -> Option<ObjectId> {
    dict.get(b"Parent").ok()?.as_reference().ok()
}

fn full_name(doc: &Document, id: ObjectId) -> String {
    let mut parts = Vec::new();
    let mut current = Some(id);
    let mut seen = HashSet::new();
    while let Some(cur) = current {
        if !seen.insert(cur) || parts.len() > MAX_FIELD_DEPTH {
            break;
        }
        let Ok(dict) = doc.get_dictionary(cur) else { break };
        if let Some(t) = dict.get(b"T").ok().and_then(|t| lopdf::decode_text_string(resolve(doc, t)).ok()) {
            parts.push(t);
        }
        current = parent_of(dict);
    }
    parts.reverse();
    parts.join(".")
}

/// The page and rect of the field's widget (the field itself, or its first widget kid).
fn placement(
    doc: &Document,
    field_id: ObjectId,
    field: &Dictionary,
    widget_pages: &HashMap<ObjectId, u32>,
    page_numbers: &HashMap<ObjectId, u32>,
) -> (Option<u32>, Option<[f64; 4]>) {
    let mut widgets = vec![(field_id, field)];
    if let Some(kids) = field.get(b"Kids").ok().and_then(|k| resolve(doc, k).as_array().ok()) {
        for kid in kids.iter().filter_map(|k| k.as_reference().ok()) {
            if let Ok(d) = doc.get_dictionary(kid) {
                widgets.push((kid, d));
            }
        }
    }
    for (id, dict) in widgets {
        let Some(rect) = rect_of(doc, dict, b"Rect") else { continue };
        let page = widget_pages
            .get(&id)
            .copied()
            .or_else(|| dict.get(b"P").ok().and_then(|p| p.as_reference().ok()).and_then(|p| page_numbers.get(&p).copied()));
        return (page, Some(normalize_rect(rect)));
    }
    (None, None)
}

/// The signature dictionary a `/Perms /DocMDP` entry points at, if any.
fn certifying_signature(doc: &Document) -> Option<ObjectId> {
    let perms = doc.catalog().ok()?.get(b"Perms").ok()?;
    resolve(doc, perms).as_dict().ok()?.get(b"DocMDP").ok()?.as_reference().ok()
}

fn is_docmdp_reference(doc: &Document, sig: &Dictionary) -> bool {
    let Some(refs) = sig.get(b"Reference").ok().and_then(|r| resolve(doc, r).as_array().ok()) else { return false };
    refs.iter().any(|r| {
        resolve(doc, r)
            .as_dict()
            .ok()
            .and_then(|d| d.get(b"TransformMethod").ok())
            .and_then(|m| m.as_name().ok())
            == Some(b"DocMDP".as_slice())
    })
}

fn text(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    dict.get(key).ok().and_then(|o| lopdf::decode_text_string(resolve(doc, o)).ok()).map(|s| s.trim().to_string())
}

/// The serial of an e-Meterai Reason: `[` + 22 characters + `]` at its start.
pub fn emeterai_serial(reason: &str) -> Option<String> {
    let rest = reason.trim_start().strip_prefix('[')?;
    let end = rest.find(']')?;
    let serial = &rest[..end];
    (serial.chars().count() == EMETERAI_SERIAL_LEN && serial.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| serial.to_string())
}

#[allow(clippy::too_many_arguments)]
fn describe(
    doc: &Document,
    name: &str,
    sig: &Dictionary,
    sig_id: Option<ObjectId>,
    certifying_sig: Option<ObjectId>,
    page: Option<u32>,
    rect: Option<[f64; 4]>,
    raw: &[u8],
    budget: &mut Budget,
) -> SignatureInfo {
    let subfilter = sig.get(b"SubFilter").ok().and_then(|o| o.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned());
    let reason = text(doc, sig, b"Reason");
    let (status, detail, subject) = verify(doc, sig, raw, budget);
    let serial = reason.as_deref().and_then(emeterai_serial);
    let mentions_meterai = [reason.as_deref(), text(doc, sig, b"Name").as_deref(), subject.as_deref(), Some(name)]
        .into_iter()
        .flatten()
        .any(|s| s.to_lowercase().contains("meterai"));
    SignatureInfo {
        field: name.to_string(),
        page,
        rect,
        subfilter,
        location: text(doc, sig, b"Location"),
        signed_at: text(doc, sig, b"M"),
        is_emeterai: serial.is_some() || mentions_meterai,
        serial,
        reason,
        status,
        detail,
        certifying: is_docmdp_reference(doc, sig) || (sig_id.is_some() && sig_id == certifying_sig),
    }
}

/// Decide the state from ByteRange, the Contents hole and the CMS messageDigest.
fn verify(doc: &Document, sig: &Dictionary, raw: &[u8], budget: &mut Budget) -> (SignatureStatus, String, Option<String>) {
    let broken = |why: String| (SignatureStatus::Broken, why, None);
    let Some(range) = sig.get(b"ByteRange").ok().and_then(|r| resolve(doc, r).as_array().ok()) else {
        return broken("no ByteRange".into());
    };
    let nums: Vec<i64> = range.iter().filter_map(|o| resolve(doc, o).as_i64().ok()).collect();
    let &[a, b, c, d] = nums.as_slice() else {
        return broken(format!("ByteRange has {} numbers, not 4", range.len()));
    };
    let len = raw.len() as i64;
    if a != 0 || b <= 0 || c <= b || d < 0 || c.checked_add(d).is_none_or(|end| end > len) {
        return broken(format!("ByteRange [{a} {b} {c} {d}] does not fit a {len}-byte file"));
    }
    let (b, c, d) = (b as usize, c as usize, d as usize);
    let hole = &raw[b..c];
    let hex_ok = hole.len() >= 2
        && hole[0] == b'<'
        && hole[hole.len() - 1] == b'>'
        && hole[1..hole.len() - 1].iter().all(|x| x.is_ascii_hexdigit() || x.is_ascii_whitespace());
    if !hex_ok {
        return broken("the bytes between the signed ranges are not the signature's Contents".into());
    }
    let der: Vec<u8> = decode_hex(&hole[1..hole.len() - 1]);
    let facts = match signer_facts(&der) {
        Ok(f) => f,
        Err(e) => return broken(e),
    };
    if budget.spend(((b + d) / 4096) as u64).is_err() {
        return (SignatureStatus::Broken, "file too large to verify".into(), facts.signer_subject);
    }
    let ranges = [&raw[..b], &raw[c..c + d]];
    let digest = match &facts.embedded {
        // The CMS signs its own content, which states the hash of the ranges.
        Some(e) => {
            if digest_ranges(e.range_digest, &ranges) != e.range_hash {
                return (
                    SignatureStatus::Broken,
                    "the signed bytes changed: the hash the signature states does not match".into(),
                    facts.signer_subject,
                );
            }
            digest_ranges(facts.digest, &[&e.content])
        }
        None => digest_ranges(facts.digest, &ranges),
    };
    if digest != facts.message_digest {
        return (
            SignatureStatus::Broken,
            "the signed bytes changed: digest mismatch (rewritten, compressed or re-saved after signing)".into(),
            facts.signer_subject,
        );
    }
    if c + d < raw.len() {
        let extra = raw.len() - (c + d);
        if super::revisions::only_validation_data_after(doc, raw, c + d, budget) {
            return (
                SignatureStatus::Intact,
                format!("digest matches; the {extra} bytes added after signing hold only a document timestamp or validation data"),
                facts.signer_subject,
            );
        }
        return (
            SignatureStatus::ModifiedAfter,
            format!("digest matches, but {extra} bytes were added after signing"),
            facts.signer_subject,
        );
    }
    (SignatureStatus::Intact, format!("digest matches ({:?}); certificate chain not checked offline", facts.digest), facts.signer_subject)
}

fn decode_hex(hex: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = hex.iter().filter_map(|c| (*c as char).to_digit(16)).map(|v| v as u8).collect();
    digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect()
}

/// One summary over the e-Meterai signatures: the worst state, and the last stamp's place.
pub fn summarize_emeterai(signatures: &[SignatureInfo]) -> EmeteraiSummary {
    let stamps: Vec<&SignatureInfo> = signatures.iter().filter(|s| s.is_emeterai).collect();
    let Some(last) = stamps.last() else {
        return EmeteraiSummary { status: EmeteraiStatus::Absent, serial: None, page: None, rect: None, count: 0 };
    };
    let rank = |s: SignatureStatus| match s {
        SignatureStatus::Intact => 0,
        SignatureStatus::ModifiedAfter => 1,
        SignatureStatus::Broken => 2,
    };
    let worst = stamps.iter().map(|s| s.status).max_by_key(|s| rank(*s)).unwrap_or(SignatureStatus::Intact);
    let status = match worst {
        SignatureStatus::Intact => EmeteraiStatus::Intact,
        SignatureStatus::ModifiedAfter => EmeteraiStatus::ModifiedAfter,
        SignatureStatus::Broken => EmeteraiStatus::Broken,
    };
    EmeteraiSummary { status, serial: last.serial.clone(), page: last.page, rect: last.rect, count: stamps.len() as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_serial_from_reason() {
        assert_eq!(emeterai_serial("[ABCDEFGHIJKLMNOPQRSTUV] Pembubuhan"), Some("ABCDEFGHIJKLMNOPQRSTUV".into()));
        assert_eq!(emeterai_serial("[0123456789012345678901]"), Some("0123456789012345678901".into()));
        assert_eq!(emeterai_serial("[SHORT] reason"), None);
        assert_eq!(emeterai_serial("I agree"), None);
        assert_eq!(emeterai_serial("[ABCDEFGHIJKLMNOPQRSTU-] x"), None);
    }
}

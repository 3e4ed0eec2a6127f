//! Signature fields and their state: intact, modified after signing, or broken. The state is
//! decided on the raw file bytes (ByteRange + CMS messageDigest), never on lopdf's re-parsed view,
//! because what matters is whether these exact bytes are what was signed.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, ObjectId};

use super::cms::{digest_ranges, signer_facts, CmsError, SubjectName};
use super::crypto::{verify_value, Verdict};
use super::revisions::After;
use super::load::{rect_of, resolve, PageRef};
use crate::limits::Budget;
use crate::report::{
    normalize_rect, Check, Coverage, EmeteraiStatus, EmeteraiSummary, SignatureChecks, SignatureInfo, SignatureStatus,
};

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
    let Verified { status, detail, subject, checks } = verify(doc, sig, raw, budget);
    let serial = reason.as_deref().and_then(emeterai_serial);
    let mentions = |s: &str| s.to_lowercase().contains("meterai");
    // The subject is formatted only when nothing else says so.
    let mentions_meterai = [reason.as_deref(), text(doc, sig, b"Name").as_deref(), Some(name)].into_iter().flatten().any(mentions)
        || subject.is_some_and(|s| mentions(&s.to_string()));
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
        checks,
    }
}

/// The outcome of `verify`: status, detail, signer subject and the checks that ran.
struct Verified {
    status: SignatureStatus,
    detail: String,
    subject: Option<SubjectName>,
    checks: SignatureChecks,
}

/// Decide the state: the ByteRange and what it covers, the digest of the signed bytes against
/// what the CMS states, and the signature value against the signer's public key. `intact` needs
/// all three; `broken` only when something is proven wrong; a check that cannot run here (an
/// algorithm or key not supported) leaves `unknown`, never `broken`.
fn verify(doc: &Document, sig: &Dictionary, raw: &[u8], budget: &mut Budget) -> Verified {
    let mut checks = SignatureChecks {
        byte_range: Check::NotRun,
        coverage: Coverage::NotChecked,
        digest: Check::NotRun,
        signature: Check::NotRun,
        algorithm: None,
        timestamp: Check::NotRun,
        certificate_chain: Check::NotRun,
    };
    macro_rules! done {
        ($status:expr, $detail:expr, $subject:expr) => {
            return Verified { status: $status, detail: $detail, subject: $subject, checks }
        };
    }
    let Some(range) = sig.get(b"ByteRange").ok().and_then(|r| resolve(doc, r).as_array().ok()) else {
        checks.byte_range = Check::Failed;
        done!(SignatureStatus::Broken, "no ByteRange".into(), None);
    };
    let nums: Vec<i64> = range.iter().filter_map(|o| resolve(doc, o).as_i64().ok()).collect();
    let len = raw.len();
    // Every range must lie inside the file, in order, without overlap.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut fits = nums.len() == range.len() && !nums.is_empty() && nums.len() % 2 == 0;
    for pair in nums.chunks(2) {
        let (start, count) = (pair[0], pair.get(1).copied().unwrap_or(-1));
        let end = start.checked_add(count);
        let prev_end = ranges.last().map_or(0, |r: &(usize, usize)| r.1);
        if start < 0 || count < 0 || end.is_none_or(|e| e as u64 > len as u64) || (start as usize) < prev_end {
            fits = false;
            break;
        }
        ranges.push((start as usize, end.unwrap_or(0) as usize));
    }
    if !fits {
        checks.byte_range = Check::Failed;
        done!(SignatureStatus::Broken, format!("ByteRange {nums:?} does not fit a {len}-byte file"), None);
    }
    checks.byte_range = Check::Passed;
    let Some(contents) = sig.get(b"Contents").ok().and_then(|c| resolve(doc, c).as_str().ok()) else {
        done!(SignatureStatus::Broken, "the signature has no Contents".into(), None);
    };
    // The standard shape: two ranges from byte 0 whose hole is exactly the Contents hex string.
    let standard = ranges.len() == 2 && ranges[0].0 == 0 && {
        let hole = &raw[ranges[0].1..ranges[1].0];
        hole.len() >= 2
            && hole[0] == b'<'
            && hole[hole.len() - 1] == b'>'
            && hole[1..hole.len() - 1].iter().all(|x| x.is_ascii_hexdigit() || x.is_ascii_whitespace())
            && decode_hex(&hole[1..hole.len() - 1]) == contents
    };
    let mut facts = match signer_facts(contents) {
        Ok(f) => f,
        Err(CmsError::Malformed(e)) => done!(SignatureStatus::Broken, e, None),
        Err(CmsError::Unsupported(e)) => {
            checks.digest = Check::Unsupported;
            done!(SignatureStatus::Unknown, format!("not verified: {e}"), None)
        }
    };
    let subject = facts.signer_subject.take();
    let covered: usize = ranges.iter().map(|r| r.1 - r.0).sum();
    if budget.spend((covered / 4096) as u64).is_err() {
        done!(SignatureStatus::Unknown, "file too large to verify".into(), subject);
    }
    let parts: Vec<&[u8]> = ranges.iter().map(|r| &raw[r.0..r.1]).collect();

    // 1. The digest of the signed bytes against what the signature states.
    let content: Vec<u8> = match &facts.embedded {
        // The CMS signs its own content, which states the hash of the ranges.
        Some(e) => {
            if digest_ranges(e.range_digest, &parts) != e.range_hash {
                checks.digest = Check::Failed;
                done!(SignatureStatus::Broken, "the signed bytes changed: the hash the signature states does not match".into(), subject);
            }
            e.content.clone()
        }
        None => Vec::new(),
    };
    let signed: Vec<&[u8]> = if facts.embedded.is_some() { vec![&content] } else { parts.clone() };
    match &facts.message_digest {
        Some(md) => {
            if digest_ranges(facts.digest, &signed) != *md {
                checks.digest = Check::Failed;
                done!(
                    SignatureStatus::Broken,
                    "the signed bytes changed: digest mismatch (rewritten, compressed or re-saved after signing)".into(),
                    subject
                );
            }
            checks.digest = Check::Passed;
        }
        // Without signed attributes the value signs the content itself: step 2 decides.
        None if facts.embedded.is_some() => checks.digest = Check::Passed,
        None => {}
    }

    // 2. The signature value with the signer's public key, charged to the budget by key size
    //    (a hostile file could carry many signatures with 8192-bit keys).
    let mut unverified = None;
    let limbs = facts.public_key.as_ref().map_or(0, |k| k.key.len() as u64 / 4);
    if budget.spend(verification_cost(limbs)).is_err() {
        done!(SignatureStatus::Unknown, "file too complex to verify every signature".into(), subject);
    }
    match verify_value(&facts, facts.digest, &signed) {
        Verdict::Valid(alg) => {
            checks.signature = Check::Passed;
            checks.algorithm = Some(alg);
        }
        Verdict::Invalid(why) => {
            checks.signature = Check::Failed;
            let why = if facts.message_digest.is_some() {
                format!("{why}: the signed attributes were altered or the signature was not made with this certificate")
            } else {
                format!("{why}: the signed bytes changed, or the signature was not made with this certificate")
            };
            done!(SignatureStatus::Broken, why, subject);
        }
        Verdict::Unsupported(why) => {
            checks.signature = Check::Unsupported;
            unverified = Some(why);
        }
    }

    // 3. A signature timestamp token inside the signature: it must stamp this signature value.
    if let Some(token) = &facts.timestamp_token {
        checks.timestamp = timestamp_token_check(token, &facts.signature, budget);
        if checks.timestamp == Check::Failed {
            // The stamp's own signature verified; only its timestamp is wrong: not intact, but
            // not proven broken either.
            unverified = Some("the signature's timestamp token does not match or does not verify".to_string());
        }
    }

    // 4. What the ranges cover.
    let signed_end = ranges.last().map_or(0, |r| r.1);
    let after = (signed_end < len).then(|| super::revisions::after_signature(raw, signed_end, budget));
    checks.coverage = match (&after, standard) {
        (_, false) => Coverage::Partial,
        (None, true) => Coverage::WholeFile,
        (Some(After::ValidationData), true) => Coverage::ValidationDataAfter,
        (Some(After::Changed(_)), true) => Coverage::ChangedAfter,
        (Some(After::VisibleMarks(_)), true) => Coverage::VisibleMarksAfter,
        (Some(After::AppendedBytes(_)), true) => Coverage::AppendedBytes,
        (Some(After::InsideRevision), true) => Coverage::Partial,
        (Some(After::TooComplex), true) => Coverage::NotChecked,
    };
    let verified_what = match &checks.algorithm {
        Some(alg) => format!("digest and signature verified ({alg})"),
        None => "digest matches".to_string(),
    };
    let extra = len - signed_end;
    let (status, detail) = match checks.coverage {
        Coverage::Partial => (
            SignatureStatus::ModifiedAfter,
            format!("{verified_what}, but the ByteRange {nums:?} does not cover the document: it must be two ranges from byte 0 around exactly the /Contents string"),
        ),
        Coverage::ChangedAfter | Coverage::VisibleMarksAfter => {
            let why = match &after {
                Some(After::Changed(w) | After::VisibleMarks(w)) => w.clone(),
                _ => String::new(),
            };
            (SignatureStatus::ModifiedAfter, format!("{verified_what}, but {extra} bytes were added after signing that change the document ({why})"))
        }
        Coverage::AppendedBytes => {
            let n = match after {
                Some(After::AppendedBytes(n)) => n,
                _ => extra,
            };
            (SignatureStatus::ModifiedAfter, format!("{verified_what}, but {n} bytes that are not a PDF revision were appended after the end of the file"))
        }
        Coverage::NotChecked => (
            SignatureStatus::Unknown,
            format!("{verified_what}, but the {extra} bytes after it are too complex to check"),
        ),
        _ if unverified.is_some() => (
            SignatureStatus::Unknown,
            format!("{verified_what}, but not everything was verified: {}", unverified.unwrap_or_default()),
        ),
        Coverage::ValidationDataAfter => (
            SignatureStatus::Intact,
            format!("{verified_what}; the {extra} bytes added after signing hold only a document timestamp or validation data"),
        ),
        _ => (SignatureStatus::Intact, format!("{verified_what}; certificate chain not checked offline")),
    };
    Verified { status, detail, subject, checks }
}

/// Work units for one signature verification with a key of `limbs` 32-bit words (RSA: ~limbs²
/// per multiplication, ~limbs + exponent bits of them to set up and exponentiate).
fn verification_cost(limbs: u64) -> u64 {
    limbs.saturating_mul(limbs).saturating_mul(64u64.saturating_add(limbs)) / 64 + 1
}

/// An RFC 3161 token in a signature's unsigned attributes: its message imprint must be the hash
/// of the signature value, and its own signature must verify.
fn timestamp_token_check(token: &[u8], signature_value: &[u8], budget: &mut Budget) -> Check {
    let Ok(tst) = signer_facts(token) else { return Check::Unsupported };
    let limbs = tst.public_key.as_ref().map_or(0, |k| k.key.len() as u64 / 4);
    if budget.spend(verification_cost(limbs)).is_err() {
        return Check::Unsupported;
    }
    let Some(embedded) = tst.embedded.as_ref().filter(|e| e.timestamp) else { return Check::Failed };
    if digest_ranges(embedded.range_digest, &[signature_value]) != embedded.range_hash {
        return Check::Failed;
    }
    if tst.message_digest.as_ref().is_some_and(|md| digest_ranges(tst.digest, &[&embedded.content]) != *md) {
        return Check::Failed;
    }
    match verify_value(&tst, tst.digest, &[&embedded.content]) {
        Verdict::Valid(_) => Check::Passed,
        Verdict::Invalid(_) => Check::Failed,
        Verdict::Unsupported(_) => Check::Unsupported,
    }
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
        SignatureStatus::Unknown => 1,
        SignatureStatus::ModifiedAfter => 2,
        SignatureStatus::Broken => 3,
    };
    let worst = stamps.iter().map(|s| s.status).max_by_key(|s| rank(*s)).unwrap_or(SignatureStatus::Intact);
    let status = match worst {
        SignatureStatus::Intact => EmeteraiStatus::Intact,
        SignatureStatus::ModifiedAfter => EmeteraiStatus::ModifiedAfter,
        SignatureStatus::Broken => EmeteraiStatus::Broken,
        SignatureStatus::Unknown => EmeteraiStatus::Unknown,
    };
    EmeteraiSummary { status, serial: last.serial.clone(), page: last.page, rect: last.rect, count: stamps.len() as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the first `/Contents` hex string starts in `pdf`, and the CMS bytes it holds.
    fn first_contents(pdf: &[u8]) -> (usize, Vec<u8>) {
        let at = memchr::memmem::find(pdf, b"/Contents <").unwrap() + b"/Contents <".len();
        let end = at + pdf[at..].iter().position(|&b| b == b'>').unwrap();
        (at, decode_hex(&pdf[at..end]))
    }

    /// Every intact fixture signed with openssl (RSA, PSS, ECDSA P-256/384/521, attribute-less,
    /// adbe.pkcs7.sha1): one flipped bit in the signature value makes it broken, proven by the
    /// signature check (the digest still matches). This is what a patched messageDigest or a
    /// forged value would look like.
    #[test]
    fn a_flipped_bit_in_the_signature_value_is_broken() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/signatures/");
        let mut checked = 0;
        for name in [
            "cms_signed_attrs_rsa.pdf",
            "cms_noattr_rsa.pdf",
            "cms_pkcs7_sha1_nodetach.pdf",
            "cms_pkcs7_sha1_nodetach_noattr.pdf",
            "cms_rsa_pss.pdf",
            "cms_ecdsa_p256.pdf",
            "cms_ecdsa_p384.pdf",
            "cms_ecdsa_p521.pdf",
        ] {
            let pdf = std::fs::read(format!("{dir}{name}")).unwrap();
            let (at, der) = first_contents(&pdf);
            let facts = signer_facts(&der).unwrap();
            let sig_at = memchr::memmem::find(&der, &facts.signature).unwrap();
            for offset in [0, facts.signature.len() / 2, facts.signature.len() - 1] {
                let mut bad = der.clone();
                bad[sig_at + offset] ^= 0x10;
                let hex: Vec<u8> = bad.iter().flat_map(|b| format!("{b:02x}").into_bytes()).collect();
                let mut file = pdf.clone();
                file[at..at + hex.len()].copy_from_slice(&hex);
                let report = crate::analyze(&file, &crate::Options::default());
                let s = &report.signatures[0];
                assert_eq!((s.status, s.checks.signature), (SignatureStatus::Broken, Check::Failed), "{name} @{offset}: {}", s.detail);
                checked += 1;
            }
        }
        assert_eq!(checked, 24);
    }

    /// Random damage anywhere in the CMS (DER walker, certificate lookup, RSA/ECDSA/PSS code,
    /// timestamp tokens): a report every time, never a panic, never `intact` when the signature
    /// value or the signed attributes were hit.
    #[test]
    fn damaged_cms_never_panics() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/signatures/");
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
        };
        for name in ["cms_signed_attrs_rsa.pdf", "cms_noattr_rsa.pdf", "cms_rsa_pss.pdf", "cms_ecdsa_p384.pdf", "signature_timestamp.pdf", "cms_pkcs7_sha1_nodetach.pdf"] {
            let pdf = std::fs::read(format!("{dir}{name}")).unwrap();
            let (at, der) = first_contents(&pdf);
            let facts = signer_facts(&der).unwrap();
            let sig_at = memchr::memmem::find(&der, &facts.signature).unwrap();
            let attrs_at = facts.signed_attrs.as_ref().and_then(|a| memchr::memmem::find(&der, &a[2..]));
            for _ in 0..60 {
                let mut bad = der.clone();
                let len = der.iter().rposition(|b| *b != 0).unwrap_or(0) + 1;
                let pos = next(len);
                match next(3) {
                    0 => bad[pos] ^= 1 << next(8),
                    1 => bad[pos] = [0x00, 0x80, 0xFF, 0x30, 0x02][next(5)],
                    _ => bad[pos..len].iter_mut().for_each(|b| *b = 0),
                }
                let hex: Vec<u8> = bad.iter().flat_map(|b| format!("{b:02x}").into_bytes()).collect();
                let mut file = pdf.clone();
                file[at..at + hex.len()].copy_from_slice(&hex);
                let report = crate::analyze(&file, &crate::Options::default());
                let s = &report.signatures[0];
                let hit_value = (sig_at..sig_at + facts.signature.len()).contains(&pos);
                let hit_attrs = attrs_at.is_some_and(|a| (a..a + facts.signed_attrs.as_ref().unwrap().len()).contains(&pos));
                if (hit_value || hit_attrs) && bad != der {
                    assert_ne!(s.status, SignatureStatus::Intact, "{name}: damage at {pos} read intact");
                }
            }
        }
    }

    #[test]
    fn reads_the_serial_from_reason() {
        assert_eq!(emeterai_serial("[ABCDEFGHIJKLMNOPQRSTUV] Pembubuhan"), Some("ABCDEFGHIJKLMNOPQRSTUV".into()));
        assert_eq!(emeterai_serial("[0123456789012345678901]"), Some("0123456789012345678901".into()));
        assert_eq!(emeterai_serial("[SHORT] reason"), None);
        assert_eq!(emeterai_serial("I agree"), None);
        assert_eq!(emeterai_serial("[ABCDEFGHIJKLMNOPQRSTU-] x"), None);
    }
}

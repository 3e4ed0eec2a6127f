//! The set as a whole: missing documents, how many e-Meterai to buy, duplicates.

use super::*;

/// A file of the set as the summary needs it (the extension sends these back from its table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetItem {
    pub file: String,
    pub doc: DocType,
    pub digest: String,
    pub emeterai: EmeteraiStatus,
    pub verdict: Verdict,
}

impl From<&PreparedFile> for SetItem {
    fn from(p: &PreparedFile) -> SetItem {
        SetItem { file: p.file.clone(), doc: p.doc, digest: p.digest.clone(), emeterai: p.report.emeterai.status, verdict: p.verdict }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    pub file: String,
    pub same_as: String,
}

/// The set at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetSummary {
    pub files: u32,
    pub ok: u32,
    pub warnings: u32,
    pub errors: u32,
    /// Required documents with no file.
    pub missing: Vec<DocType>,
    /// Documents (present or still missing) that need an e-Meterai.
    pub emeterai_needed: u32,
    /// Of those, how many already carry an intact e-Meterai.
    pub emeterai_stamped: u32,
    /// How many e-Meterai to buy: needed − stamped intact.
    pub emeterai_to_buy: u32,
    /// Which documents the e-Meterai to buy are for.
    pub emeterai_for: Vec<DocType>,
    pub duplicates: Vec<Duplicate>,
    /// Whether the rules came from the upload page (else the usual defaults).
    pub rules_from_page: bool,
    pub rules_date: Option<String>,
    /// The summary line.
    pub message: Message,
}

/// Summarise a set: missing documents, e-Meterai to buy, duplicates.
pub fn summarize(items: &[SetItem], rules: Option<&Rules>) -> SetSummary {
    let mut duplicates = Vec::new();
    let mut kept: Vec<&SetItem> = Vec::new();
    for it in items {
        match kept.iter().find(|k| k.digest == it.digest && !it.digest.is_empty()) {
            Some(k) => duplicates.push(Duplicate { file: it.file.clone(), same_as: k.file.clone() }),
            None => kept.push(it),
        }
    }
    let present = |doc: DocType| kept.iter().any(|k| k.doc == doc);
    let mut missing = Vec::new();
    let mut needed = 0;
    let mut stamped = 0;
    let mut emeterai_for = Vec::new();
    for doc in DocType::ALL {
        let rule = rule_for(rules, doc);
        if rule.required && !present(doc) {
            missing.push(doc);
        }
        if rule.emeterai && (rule.required || present(doc)) {
            needed += 1;
            // One intact stamp per document is enough, whichever of its files carries it.
            if kept.iter().any(|k| k.doc == doc && k.emeterai == EmeteraiStatus::Intact) {
                stamped += 1;
            } else {
                emeterai_for.push(doc);
            }
        }
    }
    // A duplicate is something to act on (remove it), whatever its own verdict.
    let verdict_of = |i: &SetItem| {
        if i.verdict == Verdict::Ok && duplicates.iter().any(|d| d.file == i.file) { Verdict::Warning } else { i.verdict }
    };
    let count = |v: Verdict| items.iter().filter(|i| verdict_of(i) == v).count() as u32;
    let (ok, warnings, errors) = (count(Verdict::Ok), count(Verdict::Warning), count(Verdict::Error));
    let to_buy = needed - stamped;
    let names = |docs: &[DocType], en: bool| docs.iter().map(|d| doc_label(*d, en)).collect::<Vec<_>>().join(", ");
    let (mid, men) = if missing.is_empty() {
        ("Semua dokumen wajib ada.".to_string(), "Every required document is here.".to_string())
    } else {
        (format!("Belum ada: {}.", names(&missing, false)), format!("Missing: {}.", names(&missing, true)))
    };
    let (bid, ben) = if to_buy == 0 {
        ("Tidak perlu membeli e-Meterai.".to_string(), "No e-Meterai to buy.".to_string())
    } else {
        (
            format!("e-Meterai yang perlu dibeli: {to_buy} ({}).", names(&emeterai_for, false)),
            format!("e-Meterai to buy: {to_buy} ({}).", names(&emeterai_for, true)),
        )
    };
    let message = msg(
        format!("{} berkas: {ok} siap, {warnings} perlu tindakan, {errors} bermasalah. {mid} {bid}", items.len()),
        format!("{} files: {ok} ready, {warnings} need action, {errors} with problems. {men} {ben}", items.len()),
    );
    SetSummary {
        files: items.len() as u32,
        ok,
        warnings,
        errors,
        missing,
        emeterai_needed: needed,
        emeterai_stamped: stamped,
        emeterai_to_buy: to_buy,
        emeterai_for,
        duplicates,
        rules_from_page: rules.is_some_and(|r| !r.rows.is_empty()),
        rules_date: rules.and_then(|r| r.date.clone()),
        message,
    }
}

/// The set, checked: every file, then the summary (duplicates marked on their files).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreparedSet {
    pub files: Vec<PreparedFile>,
    pub summary: SetSummary,
}

/// Check a whole set of (name, bytes) files.
pub fn prepare_set(files: &[(String, Vec<u8>)], rules: Option<&Rules>) -> PreparedSet {
    let mut out: Vec<PreparedFile> = files.iter().map(|(name, bytes)| prepare_file(bytes, name, None, rules)).collect();
    let items: Vec<SetItem> = out.iter().map(SetItem::from).collect();
    let summary = summarize(&items, rules);
    for d in &summary.duplicates {
        if let Some(p) = out.iter_mut().find(|p| p.file == d.file) {
            mark_duplicate(p, &d.same_as);
        }
    }
    PreparedSet { files: out, summary }
}

/// A file that repeats another: nothing to upload twice.
pub fn mark_duplicate(p: &mut PreparedFile, same_as: &str) {
    p.duplicate_of = Some(same_as.to_string());
    p.action = Action::Duplicate;
    if p.verdict == Verdict::Ok {
        p.verdict = Verdict::Warning;
    }
    p.todo = msg(format!("Sama persis dengan {same_as}: cukup satu."), format!("Exactly the same as {same_as}: one is enough."));
}

/// A document's name for people.
pub fn doc_label(doc: DocType, en: bool) -> &'static str {
    use DocType::*;
    match (doc, en) {
        (SuratLamaran, false) => "surat lamaran",
        (SuratLamaran, true) => "application letter",
        (SuratPernyataan, false) => "surat pernyataan",
        (SuratPernyataan, true) => "statement letter",
        (Ijazah, false) => "ijazah",
        (Ijazah, true) => "diploma",
        (Transkrip, false) => "transkrip nilai",
        (Transkrip, true) => "transcript",
        (PasFoto, false) => "pas foto",
        (PasFoto, true) => "passport photo",
        (Ktp, false) => "KTP",
        (Ktp, true) => "ID card (KTP)",
        (Pendukung, false) => "dokumen pendukung",
        (Pendukung, true) => "supporting document",
        (Other, false) => "lainnya",
        (Other, true) => "other",
    }
}


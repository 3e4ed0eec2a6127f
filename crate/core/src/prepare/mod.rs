//! "Persiapan dokumen": check a whole registration's documents at once, before the site opens.
//!
//! Each file is classified by document type from its content first (the letter's own title and
//! subject line, a photo's red background, an ID-card-shaped image), its file name second; the
//! person may correct the type. Each file is then checked against the rules the SSCASN upload
//! page stated (remembered by the extension, or a `--rules` JSON file), else the document type's
//! defaults, and the set is summarised: which required documents are missing, and how many
//! e-Meterai to buy (documents that need a stamp, minus those already stamped intact).

mod classify;
mod rules;
mod set;

pub use classify::{classify, classify_name};
pub use rules::{rule_for, AppliedRule, RuleRow, RuleSource, Rules, DEFAULT_REQUIRED};
pub use set::{doc_label, mark_duplicate, prepare_set, summarize, Duplicate, PreparedSet, SetItem, SetSummary};


use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::layout::PageLayout;
use crate::options::{DocType, ExpectedType, Options, Stage};
use crate::report::{EmeteraiStatus, Kind, Message, Report, Severity};
use crate::{image, sniff};

/// How a file's document type was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassifiedBy {
    /// The file's own content (title, subject line, photo background, card shape).
    Content,
    /// The file's name.
    Name,
    /// The person chose it.
    Chosen,
    /// Nothing said: the person must choose.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub doc: DocType,
    pub by: ClassifiedBy,
    /// What decided it: the document's own words ("SURAT LAMARAN"), what the photo shows ("latar
    /// merah" / "red background"), the word in the name ("ijazah"); empty when chosen or unknown.
    pub evidence: Message,
}

/// What the person should do with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Ready.
    None,
    /// Too large, and "Perkecil otomatis" can make it fit (a photo, or a scan without signatures).
    Shrink,
    /// Needs an e-Meterai and has none: buy one and stamp it.
    Stamp,
    /// Its e-Meterai is broken or changed after stamping: use the original stamped file.
    Restamp,
    /// Something else must be fixed (the first finding says what).
    Fix,
    /// The document type is unknown: choose it.
    ChooseType,
    /// The same bytes as another file of the set.
    Duplicate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    Warning,
    Error,
}

/// One file of the set, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreparedFile {
    pub file: String,
    pub bytes: u64,
    pub kind: Kind,
    pub doc: DocType,
    pub classified_by: ClassifiedBy,
    pub evidence: Message,
    pub rule: AppliedRule,
    pub verdict: Verdict,
    pub action: Action,
    /// What to do, in plain words.
    pub todo: Message,
    /// SHA-256 of the bytes (hex), to find the same file twice.
    pub digest: String,
    pub duplicate_of: Option<String>,
    pub report: Report,
}

/// Check one file of the set. `chosen` is the type the person picked (else it is classified).
pub fn prepare_file(bytes: &[u8], name: &str, chosen: Option<DocType>, rules: Option<&Rules>) -> PreparedFile {
    let kind = sniff::sniff(bytes);
    let mut options = Options { file: name.to_string(), ..Options::default() };
    let mut report = crate::analyze::blank_report(bytes, kind, &options);
    let mut layouts = Vec::new();
    if kind == Kind::Pdf {
        layouts = crate::analyze::read_pdf(bytes, &mut report);
    }
    let class = match chosen {
        Some(doc) => Classification { doc, by: ClassifiedBy::Chosen, evidence: msg("", "") },
        None => classify(bytes, kind, &layouts, name),
    };
    drop(layouts);
    let rule = rule_for(rules, class.doc);
    options.doc = class.doc;
    options.max_kb = Some(rule.max_kb);
    // Before stamping, a document that needs a stamp is checked for stamping (a paid stamp must
    // not be wasted); once stamped, for upload.
    options.stage = if rule.emeterai && kind == Kind::Pdf && report.emeterai.status == EmeteraiStatus::Absent {
        Stage::Stamping
    } else {
        Stage::Upload
    };
    report.doc = options.doc;
    report.stage = options.stage;
    report.max_bytes = options.max_bytes();
    match kind {
        Kind::Empty => report.error = Some(crate::ErrorCode::Empty),
        Kind::Pdf => {}
        Kind::Jpeg | Kind::Png => {
            report.image = image::inspect(bytes, kind, options.doc);
            if options.doc.rules().expected == ExpectedType::Pdf {
                report.error = Some(crate::ErrorCode::NotPdf);
            }
        }
        Kind::Html | Kind::Unknown => report.error = Some(crate::ErrorCode::NotPdf),
    }
    let report = crate::analyze::judge(report, &options);
    let (verdict, action, todo) = advise(&report, &class, &rule);
    PreparedFile {
        file: name.to_string(),
        bytes: bytes.len() as u64,
        kind,
        doc: class.doc,
        classified_by: class.by,
        evidence: class.evidence,
        rule,
        verdict,
        action,
        todo,
        digest: hex(&Sha256::digest(bytes)),
        duplicate_of: None,
        report,
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn msg(id: impl Into<String>, en: impl Into<String>) -> Message {
    Message { id: id.into(), en: en.into() }
}

/// The verdict, the action and the sentence saying what to do.
fn advise(report: &Report, class: &Classification, rule: &AppliedRule) -> (Verdict, Action, Message) {
    let first = |sev: Severity| report.findings.iter().find(|f| f.severity == sev);
    let has = |code: &str| report.findings.iter().any(|f| f.code == code);
    // An unreadable file (empty, corrupt, a saved web page…) is replaced whatever its type.
    if report.error.is_some() && !matches!(report.kind, Kind::Jpeg | Kind::Png) {
        if let Some(f) = first(Severity::Error) {
            return (Verdict::Error, Action::Fix, f.message.clone());
        }
    }
    if class.doc == DocType::Other && class.by == ClassifiedBy::Unknown {
        return (
            Verdict::Warning,
            Action::ChooseType,
            msg(
                "Jenis dokumen tidak terbaca dari isi maupun nama berkas: pilih jenisnya.",
                "The document type could not be read from the content or the file name: choose it.",
            ),
        );
    }
    if matches!(report.emeterai.status, EmeteraiStatus::Broken | EmeteraiStatus::ModifiedAfter) && rule.emeterai {
        let f = first(Severity::Error).map(|f| f.message.clone());
        return (
            Verdict::Error,
            Action::Restamp,
            f.unwrap_or_else(|| {
                msg(
                    "e-Meterai tidak utuh lagi: unduh ulang berkas asli dari riwayat pembubuhan.",
                    "The e-Meterai is no longer intact: download the original again from the stamping history.",
                )
            }),
        );
    }
    if has("too_large") {
        let shrinkable = match report.kind {
            Kind::Jpeg | Kind::Png => true,
            Kind::Pdf => report.signatures.is_empty() && report.pdf.as_ref().is_some_and(|p| !p.has_text),
            _ => false,
        };
        if shrinkable {
            let size = report.bytes.div_ceil(1024);
            return (
                Verdict::Error,
                Action::Shrink,
                msg(
                    format!("{size} KB, batasnya {} KB: pakai \u{201c}Perkecil otomatis\u{201d}.", rule.max_kb),
                    format!("{size} KB, the limit is {} KB: use \u{201c}Shrink to fit\u{201d}.", rule.max_kb),
                ),
            );
        }
    }
    // A PNG where a JPG is asked: "Perkecil otomatis" saves it as JPG.
    if report.kind == Kind::Png && rule.expected == "jpeg" && has("wrong_type") {
        return (
            Verdict::Error,
            Action::Shrink,
            msg(
                "Berkas PNG, yang diminta JPG: pakai \u{201c}Perkecil otomatis\u{201d} untuk menyimpannya sebagai JPG.",
                "A PNG file where a JPG is asked: use \u{201c}Shrink to fit\u{201d} to save it as JPG.",
            ),
        );
    }
    if let Some(f) = first(Severity::Error) {
        return (Verdict::Error, Action::Fix, f.message.clone());
    }
    if rule.emeterai && report.kind == Kind::Pdf && report.emeterai.status == EmeteraiStatus::Absent {
        let extra = first(Severity::Warning).map(|f| (format!(" {}", f.message.id), format!(" {}", f.message.en)));
        let (xid, xen) = extra.unwrap_or_default();
        return (
            Verdict::Warning,
            Action::Stamp,
            msg(
                format!("Belum ber-e-Meterai: siapkan 1 e-Meterai dan bubuhkan di samping tanda tangan.{xid}"),
                format!("No e-Meterai yet: get 1 e-Meterai and stamp it beside the signature.{xen}"),
            ),
        );
    }
    if let Some(f) = first(Severity::Warning) {
        return (Verdict::Warning, Action::Fix, f.message.clone());
    }
    if let Some(page) = &rule.page_expected {
        let name = |e: &str| if e == "jpeg" { "JPG" } else { "PDF" };
        return (
            Verdict::Warning,
            Action::Fix,
            msg(
                format!("Halaman unggah meminta {} untuk dokumen ini, padahal biasanya {}: pastikan formatnya sesuai ketentuan instansi.", name(page), name(&rule.expected)),
                format!("The upload page asks for {} for this document, where {} is usual: make sure the format follows the agency's rules.", name(page), name(&rule.expected)),
            ),
        );
    }
    (Verdict::Ok, Action::None, msg("Siap diunggah.", "Ready to upload."))
}


#[cfg(test)]
mod tests {
    use super::classify::{classify_text, spaced};
    use super::*;

    #[test]
    fn names_name_documents() {
        let c = |n: &str| classify_name(n).map(|(d, _)| d);
        assert_eq!(c("Surat_Lamaran_Budi.pdf"), Some(DocType::SuratLamaran));
        assert_eq!(c("scan-ijazah-S1.pdf"), Some(DocType::Ijazah));
        assert_eq!(c("TRANSKRIP NILAI.pdf"), Some(DocType::Transkrip));
        assert_eq!(c("pasfoto2.jpg"), Some(DocType::PasFoto));
        assert_eq!(c("ktp_budi.jpg"), Some(DocType::Ktp));
        assert_eq!(c("strata1.pdf"), None);
        assert_eq!(c("dokumen1.pdf"), None);
        assert_eq!(c("pernyataan-lamaran.pdf"), Some(DocType::SuratPernyataan));
    }

    fn page(lines: &[&str]) -> Vec<PageLayout> {
        let text = lines
            .iter()
            .enumerate()
            .map(|(i, l)| crate::layout::TextRun {
                text: l.to_string(),
                rect: [72.0, 760.0 - 16.0 * i as f64, 500.0, 772.0 - 16.0 * i as f64],
                font_size: 12.0,
                bold: false,
            })
            .collect();
        vec![PageLayout { page: 1, width: 595.0, height: 842.0, text, images: vec![], image_objects: vec![], truncated: false }]
    }

    #[test]
    fn the_title_names_the_document() {
        let doc = |lines: &[&str]| classify_text(&page(lines)).map(|(d, e, _)| (d, e.en));
        // The enclosures listed right under the subject line do not make it an ijazah.
        assert_eq!(
            doc(&["Hal: Lamaran CPNS 2024", "Lampiran: fotokopi ijazah, transkrip nilai, KTP", "Kepada Yth."]),
            Some((DocType::SuratLamaran, "HAL: LAMARAN".into()))
        );
        assert_eq!(doc(&["Hal : Permohonan menjadi Calon Pegawai Negeri Sipil"]).map(|d| d.0), Some(DocType::SuratLamaran));
        assert_eq!(doc(&["S U R A T   P E R N Y A T A A N", "Yang bertanda tangan di bawah ini"]).map(|d| d.0), Some(DocType::SuratPernyataan));
        assert_eq!(doc(&["UNIVERSITAS CONTOH", "TRANSCRIPT OF ACADEMIC RECORD"]).map(|d| d.0), Some(DocType::Transkrip));
        assert_eq!(doc(&["SERTIFIKAT PENDIDIK"]).map(|d| d.0), Some(DocType::Pendukung));
        // Nothing that names a document: no guess.
        assert_eq!(doc(&["Daftar riwayat hidup", "Nama: Budi"]), None);
        assert_eq!(classify_text(&[]), None);
    }

    #[test]
    fn evidence_reads_as_words() {
        assert_eq!(spaced("suratlamaran"), "SURAT LAMARAN");
        assert_eq!(spaced("perihal:lamaran"), "PERIHAL: LAMARAN");
        assert_eq!(spaced("ijazah"), "IJAZAH");
        assert_eq!(spaced("transcriptofacademicrecord"), "TRANSCRIPT OF ACADEMIC RECORD");
        assert_eq!(spaced("permohonanmenjadicalonpegawai"), "PERMOHONAN MENJADI CALON PEGAWAI");
    }

    #[test]
    fn rules_are_bounded() {
        assert!(Rules::from_json(r#"{"rows":[{"doc":"ijazah","max_kb":0}]}"#).is_err());
        assert!(Rules::from_json(r#"{"rows": 3}"#).is_err());
        assert!(Rules::from_json("not json").is_err());
        let r = Rules::from_json(r#"{"date":"2026-11-29","rows":[{"doc":"transkrip","max_kb":500,"expected":"exe"}]}"#).unwrap();
        assert_eq!(r.rows[0].expected, None);
        assert!(r.rows[0].required);
        let rule = rule_for(Some(&r), DocType::Transkrip);
        assert_eq!((rule.max_kb, rule.source), (500, RuleSource::Page));
        let odd = Rules::from_json(r#"{"rows":[{"doc":"ijazah","expected":"jpeg"},{"doc":"transkrip","expected":"pdf"}]}"#).unwrap();
        let ijazah = rule_for(Some(&odd), DocType::Ijazah);
        assert_eq!((ijazah.expected.as_str(), ijazah.page_expected.as_deref()), ("pdf", Some("jpeg")));
        assert_eq!(rule_for(Some(&odd), DocType::Transkrip).page_expected, None);
        // A page that did not list a document does not require it.
        assert!(!rule_for(Some(&r), DocType::Ktp).required);
        assert!(rule_for(None, DocType::Ktp).required);
    }

    #[test]
    fn emeterai_count_subtracts_intact_stamps() {
        let item = |file: &str, doc, emeterai, digest: &str| SetItem { file: file.into(), doc, digest: digest.into(), emeterai, verdict: Verdict::Ok };
        // Lamaran stamped intact, pernyataan unstamped: 1 to buy.
        let s = summarize(
            &[
                item("a.pdf", DocType::SuratLamaran, EmeteraiStatus::Intact, "1"),
                item("b.pdf", DocType::SuratPernyataan, EmeteraiStatus::Absent, "2"),
            ],
            None,
        );
        assert_eq!((s.emeterai_needed, s.emeterai_stamped, s.emeterai_to_buy), (2, 1, 1));
        assert_eq!(s.emeterai_for, vec![DocType::SuratPernyataan]);
        assert_eq!(s.missing, vec![DocType::Ijazah, DocType::Transkrip, DocType::PasFoto, DocType::Ktp]);
        // A broken stamp needs a new one; a duplicate counts once.
        let s = summarize(
            &[
                item("a.pdf", DocType::SuratLamaran, EmeteraiStatus::Broken, "1"),
                item("a copy.pdf", DocType::SuratLamaran, EmeteraiStatus::Broken, "1"),
            ],
            None,
        );
        assert_eq!((s.emeterai_needed, s.emeterai_to_buy), (2, 2));
        assert_eq!(s.duplicates, vec![Duplicate { file: "a copy.pdf".into(), same_as: "a.pdf".into() }]);
        assert!(s.message.id.contains("e-Meterai yang perlu dibeli: 2"), "{}", s.message.id);
    }
}

//! "Persiapan dokumen": check a whole registration's documents at once, before the site opens.
//!
//! Each file is classified by document type from its content first (the letter's own title and
//! subject line, a photo's red background, an ID-card-shaped image), its file name second; the
//! person may correct the type. Each file is then checked against the rules the SSCASN upload
//! page stated (remembered by the extension, or a `--rules` JSON file), else the document type's
//! defaults, and the set is summarised: which required documents are missing, and how many
//! e-Meterai to buy (documents that need a stamp, minus those already stamped intact).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::layout::PageLayout;
use crate::options::{DocType, ExpectedType, Options, Stage};
use crate::report::{EmeteraiStatus, Kind, Message, Report, Severity};
use crate::{image, sniff};

/// At most this many rows are read from a rules file (a real page has fewer than 15).
const MAX_RULE_ROWS: usize = 64;
/// Text looked at for classification: the first pages' text, capped.
const MAX_CLASSIFY_CHARS: usize = 20_000;
const CLASSIFY_PAGES: u32 = 2;
/// The head of a document (title, subject line): the first characters of page 1 in reading
/// order, spaces removed.
const HEAD_CHARS: usize = 240;

/// One row of the upload page: a document, its stated limit and type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleRow {
    pub doc: DocType,
    /// The limit the page states, in KB (1 KB = 1024 bytes).
    pub max_kb: Option<u64>,
    /// `pdf` or `jpeg`, as the page asks (informative: the document type's rules decide).
    pub expected: Option<String>,
    /// The page asks for this document (rows marked optional — "jika ada" — are not).
    pub required: bool,
    /// The page says this document carries a (electronic) meterai.
    pub emeterai: bool,
}

impl Default for RuleRow {
    fn default() -> Self {
        RuleRow { doc: DocType::Other, max_kb: None, expected: None, required: true, emeterai: false }
    }
}

/// The rules of one registration, as read from its upload page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Rules {
    /// When the page was read (ISO 8601, as the extension stores it).
    pub date: Option<String>,
    /// Where it was read (the page's address).
    pub source: Option<String>,
    pub rows: Vec<RuleRow>,
}

impl Rules {
    /// Parse and validate a rules JSON (the extension's stored rules, or `--rules FILE`).
    pub fn from_json(text: &str) -> Result<Rules, String> {
        let rules: Rules = serde_json::from_str(text).map_err(|e| format!("rules: {e}"))?;
        rules.validated()
    }

    /// Bounds every field: a rules object comes from storage or a file, not from us.
    pub fn validated(mut self) -> Result<Rules, String> {
        if self.rows.len() > MAX_RULE_ROWS {
            return Err(format!("rules: {} rows (at most {MAX_RULE_ROWS})", self.rows.len()));
        }
        for r in &mut self.rows {
            if let Some(kb) = r.max_kb {
                if kb == 0 || kb > 1_000_000 {
                    return Err(format!("rules: bad max_kb {kb} for {}", r.doc.as_str()));
                }
            }
            if let Some(e) = &r.expected {
                if e != "pdf" && e != "jpeg" {
                    r.expected = None;
                }
            }
        }
        self.date = self.date.map(|d| d.chars().take(40).collect());
        self.source = self.source.map(|s| s.chars().take(300).collect());
        Ok(self)
    }

    fn row(&self, doc: DocType) -> Option<&RuleRow> {
        self.rows.iter().find(|r| r.doc == doc)
    }
}

/// Where a file's rule came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSource {
    /// The upload page, as last visited.
    Page,
    /// The document type's usual rule (the page was never read, or did not list this document).
    Default,
}

/// The rule applied to one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedRule {
    pub max_kb: u64,
    /// The file type checked: `pdf`, `jpeg` or `any` (the document type's).
    pub expected: String,
    /// The type the upload page asked for, when it differs from `expected` (said to the person;
    /// the checks follow the document type).
    pub page_expected: Option<String>,
    pub emeterai: bool,
    pub required: bool,
    pub source: RuleSource,
}

/// The rule for `doc`: the page's row, else the document type's defaults.
pub fn rule_for(rules: Option<&Rules>, doc: DocType) -> AppliedRule {
    let d = doc.rules();
    let default_expected = match d.expected {
        ExpectedType::Pdf => "pdf",
        ExpectedType::Jpeg => "jpeg",
        ExpectedType::Any => "any",
    };
    match rules.and_then(|r| r.row(doc)) {
        Some(row) => AppliedRule {
            max_kb: row.max_kb.unwrap_or(d.default_max_bytes / 1024),
            expected: default_expected.into(),
            page_expected: row.expected.clone().filter(|e| default_expected != "any" && e != default_expected),
            emeterai: row.emeterai || d.emeterai_expected,
            required: row.required,
            source: RuleSource::Page,
        },
        None => AppliedRule {
            max_kb: d.default_max_bytes / 1024,
            expected: default_expected.into(),
            page_expected: None,
            emeterai: d.emeterai_expected,
            // Without the page, the documents every 2023–2024 registration asked for.
            required: rules.is_none() && DEFAULT_REQUIRED.contains(&doc),
            source: RuleSource::Default,
        },
    }
}

/// The documents every CASN registration of 2023–2024 asked for (used when the page is unknown).
pub const DEFAULT_REQUIRED: [DocType; 6] =
    [DocType::SuratLamaran, DocType::SuratPernyataan, DocType::Ijazah, DocType::Transkrip, DocType::PasFoto, DocType::Ktp];

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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn msg(id: impl Into<String>, en: impl Into<String>) -> Message {
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

/// Classify a file: content first, name second.
pub fn classify(bytes: &[u8], kind: Kind, layouts: &[PageLayout], name: &str) -> Classification {
    let content = match kind {
        Kind::Pdf => classify_text(layouts),
        Kind::Jpeg | Kind::Png => classify_image(bytes, kind),
        _ => None,
    };
    // A portrait photo is only a weak hint: a name that says otherwise wins.
    if let Some((doc, evidence, strong)) = &content {
        if *strong {
            return Classification { doc: *doc, by: ClassifiedBy::Content, evidence: evidence.clone() };
        }
    }
    if let Some((doc, word)) = classify_name(name) {
        return Classification { doc, by: ClassifiedBy::Name, evidence: msg(word.clone(), word) };
    }
    match content {
        Some((doc, evidence, _)) => Classification { doc, by: ClassifiedBy::Content, evidence },
        None => Classification { doc: DocType::Other, by: ClassifiedBy::Unknown, evidence: msg("", "") },
    }
}

/// Phrases that name a document, with spaces removed and lower-cased (letters drawn one by one
/// or with wide spacing still match). (doc, strong phrases, supporting phrases)
const TEXT_PATTERNS: [(DocType, &[&str], &[&str]); 6] = [
    (DocType::SuratPernyataan, &["suratpernyataan", "perihal:pernyataan"], &["menyatakanbahwa", "menyatakandengansebenarnya", "menyatakandengansesungguhnya"]),
    (
        DocType::SuratLamaran,
        &["suratlamaran", "perihal:lamaran", "hal:lamaran", "lamaranpekerjaan", "lamarancpns", "lamaranpppk", "permohonanmenjadicalonpegawai", "permohonanmenjadicpns"],
        &["mengajukanlamaran", "melamar"],
    ),
    (
        DocType::Transkrip,
        &["transkripnilai", "transkripakademik", "transkrip", "daftarnilaiakademik", "transcriptofacademicrecord", "academictranscript"],
        &["indeksprestasikumulatif", "jumlahsks", "totalsks"],
    ),
    (DocType::Ijazah, &["ijazah", "ijasah"], &["diberikangelar", "berhakmenyandanggelar", "telahmenyelesaikanpendidikan"]),
    (DocType::Ktp, &["kartutandapenduduk"], &["golongandarah", "berlakuhingga"]),
    (DocType::Pendukung, &["sertifikat", "suratketerangan", "suratregistrasi", "suratizinpraktik", "skck", "toefl"], &[]),
];

/// Score the first pages' text: a strong phrase in the head (title, subject line) counts most.
fn classify_text(layouts: &[PageLayout]) -> Option<(DocType, Message, bool)> {
    let mut head = String::new();
    let mut body = String::new();
    for page in layouts.iter().filter(|p| p.page <= CLASSIFY_PAGES) {
        // Reading order: top to bottom, then left to right (lines within 3 pt are one line).
        let mut runs: Vec<_> = page.text.iter().collect();
        runs.sort_by(|a, b| {
            let (ya, yb) = ((a.rect[3] / 3.0).round(), (b.rect[3] / 3.0).round());
            yb.partial_cmp(&ya).unwrap_or(std::cmp::Ordering::Equal).then(a.rect[0].partial_cmp(&b.rect[0]).unwrap_or(std::cmp::Ordering::Equal))
        });
        let sizes: Vec<f64> = page.text.iter().map(|r| r.font_size).collect();
        let median = median(&sizes);
        for r in runs {
            let compact: String = r.text.chars().filter(|c| !c.is_whitespace()).flat_map(|c| c.to_lowercase()).collect();
            if compact.is_empty() {
                continue;
            }
            // Titles: larger than the body text, on the first page.
            if page.page == 1 && (head.len() < HEAD_CHARS || (median > 0.0 && r.font_size >= median * 1.25)) {
                head.push_str(&compact);
            }
            body.push_str(&compact);
            if body.len() > MAX_CLASSIFY_CHARS {
                break;
            }
        }
    }
    if body.is_empty() {
        return None;
    }
    let mut scores: Vec<(DocType, u32, String)> = Vec::new();
    // The document's own title comes first: the type named earliest in the head gets a bonus
    // (a letter's subject line beats the enclosures it lists a line later).
    let mut first_in_head: Option<(usize, DocType)> = None;
    for (doc, strong, support) in TEXT_PATTERNS {
        let mut score = 0;
        let mut evidence: Option<(usize, &str)> = None;
        for p in strong {
            if let Some(i) = head.find(p) {
                score += 10;
                if evidence.is_none_or(|(j, _)| i < j) {
                    evidence = Some((i, p));
                }
                if first_in_head.is_none_or(|(j, _)| i < j) {
                    first_in_head = Some((i, doc));
                }
            } else if body.contains(p) {
                score += 2;
            }
        }
        for p in support {
            if body.contains(p) {
                score += 2;
            }
        }
        let evidence = match evidence {
            Some((_, p)) => p.to_string(),
            None => strong.iter().chain(support.iter()).find(|p| body.contains(**p)).map(|p| p.to_string()).unwrap_or_default(),
        };
        scores.push((doc, score, evidence));
    }
    if let Some((_, doc)) = first_in_head {
        if let Some(s) = scores.iter_mut().find(|s| s.0 == doc) {
            s.1 += 5;
        }
    }
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    let (doc, best, evidence) = scores[0].clone();
    let second = scores[1].1;
    // A clear winner only: a letter that merely lists "ijazah, transkrip" among its enclosures
    // names them in its body, not in its head.
    if best >= 4 && best > second {
        let words = spaced(&evidence);
        Some((doc, msg(words.clone(), words), true))
    } else {
        None
    }
}

fn median(v: &[f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    s[s.len() / 2]
}

/// Evidence as people write it: "suratlamaran" → "SURAT LAMARAN".
fn spaced(compact: &str) -> String {
    const WORDS: &[&str] = &[
        "surat", "pernyataan", "lamaran", "pekerjaan", "perihal:", "transkrip", "nilai", "akademik", "menyatakan", "bahwa",
        "mengajukan", "kartu", "tanda", "penduduk", "daftar", "indeks", "prestasi", "kumulatif", "diberikan", "gelar", "keterangan",
        "registrasi", "hal:", "permohonan", "menjadi", "calon", "pegawai", "transcript", "of", "academic", "record", "izin",
        "praktik", "cpns", "pppk",
    ];
    let mut out = String::new();
    let mut rest = compact;
    'outer: while !rest.is_empty() {
        for w in WORDS.iter().copied() {
            if let Some(r) = rest.strip_prefix(w) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(w);
                rest = r;
                continue 'outer;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(rest);
        break;
    }
    out.to_ascii_uppercase()
}

/// A photo with a red background is a pas foto; an image shaped like an ID card (85.6 × 54 mm)
/// is a KTP; any other portrait photo is probably a pas foto (a weak hint).
fn classify_image(bytes: &[u8], kind: Kind) -> Option<(DocType, Message, bool)> {
    let info = image::inspect(bytes, kind, DocType::PasFoto)?;
    if info.red_background == Some(true) {
        return Some((DocType::PasFoto, msg("latar merah", "red background"), true));
    }
    let (w, h) = (info.width as f64, info.height as f64);
    if w <= 0.0 || h <= 0.0 {
        return None;
    }
    let ratio = w / h;
    if (1.45..=1.75).contains(&ratio) {
        let size = format!("{}×{}", info.width, info.height);
        return Some((DocType::Ktp, msg(format!("bentuk kartu {size}"), format!("card shape {size}")), true));
    }
    if (0.6..=0.85).contains(&ratio) && info.width <= 2000 {
        let size = format!("{}×{}", info.width, info.height);
        return Some((DocType::PasFoto, msg(format!("foto potret {size}"), format!("portrait photo {size}")), false));
    }
    None
}

/// Document names people put in file names (the same words the upload page's rows use).
const NAME_PATTERNS: [(DocType, &[&str]); 7] = [
    (DocType::SuratPernyataan, &["surat pernyataan", "pernyataan", "sp "]),
    (DocType::SuratLamaran, &["surat lamaran", "lamaran", "application letter"]),
    (DocType::Transkrip, &["transkrip", "transcript", "nilai"]),
    (DocType::Ijazah, &["ijazah", "ijasah", "diploma"]),
    (DocType::PasFoto, &["pas foto", "pasfoto", "pas photo", "foto formal", "foto diri", "foto"]),
    (DocType::Ktp, &["ktp", "e ktp", "kartu tanda penduduk"]),
    (DocType::Pendukung, &["sertifikat", "str", "skck", "toefl", "surat keterangan", "pendukung", "akreditasi"]),
];

/// The document type a file name names, with the word that named it. The earliest mention wins.
pub fn classify_name(name: &str) -> Option<(DocType, String)> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map(|(s, _)| s).unwrap_or(base);
    let mut norm = String::from(" ");
    for c in stem.chars().flat_map(|c| c.to_lowercase()) {
        norm.push(if c.is_ascii_alphanumeric() || !c.is_ascii() { c } else { ' ' });
    }
    norm.push(' ');
    let mut best: Option<(usize, DocType, &str)> = None;
    for (doc, words) in NAME_PATTERNS {
        for w in words {
            // Whole words only ("strata" is not "str"), allowing a glued prefix/suffix of digits.
            let needle = format!(" {} ", w.trim());
            let found = norm.find(&needle).or_else(|| {
                // "suratlamaran", "pasfoto2": the word glued to others.
                if w.len() >= 5 { norm.find(w.trim()) } else { None }
            });
            if let Some(i) = found {
                if best.is_none_or(|b| i < b.0) {
                    best = Some((i, doc, w.trim()));
                }
            }
        }
    }
    best.map(|(_, doc, w)| (doc, w.to_string()))
}

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

#[cfg(test)]
mod tests {
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

//! Which document a file is: its content first (title, subject line, a photo's background, a
//! card's shape), its name second.

use super::*;

/// Text looked at for classification: the first pages' text, capped.
const MAX_CLASSIFY_CHARS: usize = 20_000;
const CLASSIFY_PAGES: u32 = 2;
/// The head of a document (title, subject line): the first characters of page 1 in reading
/// order, spaces removed.
const HEAD_CHARS: usize = 240;

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
pub(super) fn classify_text(layouts: &[PageLayout]) -> Option<(DocType, Message, bool)> {
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
pub(super) fn spaced(compact: &str) -> String {
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


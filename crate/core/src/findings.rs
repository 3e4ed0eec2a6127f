//! Turns a report's facts into the verdict: findings with bilingual messages, by document type
//! and stage. Every message says what is wrong and what to do, in Indonesian first.

use crate::options::{ExpectedType, Options, Stage};
use crate::report::{Coverage, EmeteraiStatus, ErrorCode, Finding, Kind, Message, Report, Severity, SignatureStatus};

/// Stamping portals commonly require PDF 1.6 or newer; older files usually still stamp after a
/// fresh export, so this is a warning, not an error.
const MIN_STAMPING_VERSION: f64 = 1.6;

fn finding(code: &str, severity: Severity, id: String, en: String) -> Finding {
    Finding { code: code.into(), severity, message: Message { id, en } }
}

fn kb(bytes: u64) -> u64 {
    bytes.div_ceil(1024)
}

fn kind_name(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Pdf => ("PDF", "a PDF"),
        Kind::Jpeg => ("gambar JPG", "a JPG image"),
        Kind::Png => ("gambar PNG", "a PNG image"),
        Kind::Html => ("halaman web (HTML), bukan dokumen", "a web page (HTML), not a document"),
        Kind::Empty => ("berkas kosong", "an empty file"),
        Kind::Unknown => ("berkas yang tidak dikenal", "an unrecognised file"),
    }
}

/// How much an e-Meterai typically adds to a PDF (stamp image, CMS with certificates, timestamp).
const STAMP_GROWTH_BYTES: u64 = 50 * 1024;

/// The common paper a page size is (Word's and printers' defaults), for the not-A4 message.
fn paper_name(wmm: f64, hmm: f64) -> &'static str {
    let (short, long) = if wmm < hmm { (wmm, hmm) } else { (hmm, wmm) };
    let near = |a: f64, b: f64| (a - b).abs() <= 2.0;
    match () {
        _ if near(short, 216.0) && near(long, 279.0) => " (Letter)",
        _ if near(short, 215.0) && near(long, 330.0) => " (F4/Folio)",
        _ if near(short, 216.0) && near(long, 356.0) => " (Legal)",
        _ if near(short, 148.0) && near(long, 210.0) => " (A5)",
        _ => "",
    }
}

/// Fill `report.findings`, most severe first.
pub fn evaluate(report: &mut Report, options: &Options) {
    let mut out = Vec::new();
    let rules = options.doc.rules();
    let stage = options.stage;

    // Size is checked whatever the file is: the portal refuses it before reading it.
    if report.bytes > report.max_bytes {
        // Shrinking a stamped PDF breaks its stamp: say so where it matters.
        let (caveat_id, caveat_en) = if report.kind == Kind::Pdf {
            (" (jangan untuk berkas yang sudah ber-e-Meterai)", " (never a file that already carries an e-Meterai)")
        } else {
            ("", "")
        };
        out.push(finding(
            "too_large",
            Severity::Error,
            format!("Ukuran {} KB melebihi batas {} KB. Perkecil berkasnya dulu{caveat_id}.", kb(report.bytes), kb(report.max_bytes)),
            format!("Size {} KB exceeds the {} KB limit. Make the file smaller first{caveat_en}.", kb(report.bytes), kb(report.max_bytes)),
        ));
    }

    // Before stamping, a PDF just under its limit can end up over it: the stamp adds its image,
    // signature and certificates, and a stamped file can no longer be shrunk.
    if stage == Stage::Stamping && report.kind == Kind::Pdf && report.bytes <= report.max_bytes
        && report.bytes + STAMP_GROWTH_BYTES > report.max_bytes
    {
        out.push(finding(
            "near_limit",
            Severity::Warning,
            format!(
                "Ukuran {} KB sudah dekat batas {} KB. e-Meterai menambah sekitar {} KB, dan berkas yang sudah ber-e-Meterai tidak boleh diperkecil: perkecil sekarang, sebelum dibubuhi.",
                kb(report.bytes), kb(report.max_bytes), STAMP_GROWTH_BYTES / 1024
            ),
            format!(
                "At {} KB the file is close to the {} KB limit. The e-Meterai adds about {} KB, and a stamped file must not be shrunk: make it smaller now, before stamping.",
                kb(report.bytes), kb(report.max_bytes), STAMP_GROWTH_BYTES / 1024
            ),
        ));
    }

    let (kind_id, kind_en) = kind_name(report.kind);
    match (report.error, report.kind, rules.expected) {
        (Some(ErrorCode::Empty), _, _) | (_, Kind::Empty, _) => out.push(finding(
            "empty",
            Severity::Error,
            "Berkas kosong (0 byte). Pilih ulang berkas yang benar.".into(),
            "The file is empty (0 bytes). Choose the right file again.".into(),
        )),
        (_, Kind::Pdf, ExpectedType::Jpeg) => out.push(finding(
            "wrong_type",
            Severity::Error,
            "Dokumen ini harus berupa gambar JPG, bukan PDF. Simpan ulang sebagai .jpg.".into(),
            "This document must be a JPG image, not a PDF. Save it again as .jpg.".into(),
        )),
        (_, Kind::Png, ExpectedType::Jpeg) => out.push(finding(
            "wrong_type",
            Severity::Error,
            "Berkas ini PNG, padahal yang diminta JPG/JPEG. Simpan ulang sebagai .jpg.".into(),
            "This file is a PNG, but a JPG/JPEG is required. Save it again as .jpg.".into(),
        )),
        (_, Kind::Jpeg | Kind::Png | Kind::Html | Kind::Unknown, ExpectedType::Pdf) => out.push(finding(
            "not_pdf",
            Severity::Error,
            format!("Berkas ini sebenarnya {kind_id}, bukan PDF, walaupun namanya berakhiran .pdf. Ekspor ulang dokumen sebagai PDF."),
            format!("This file is really {kind_en}, not a PDF, even if its name ends in .pdf. Export the document as PDF again."),
        )),
        (_, Kind::Html | Kind::Unknown, ExpectedType::Jpeg) => out.push(finding(
            "wrong_type",
            Severity::Error,
            format!("Berkas ini {kind_id}, bukan gambar JPG. Pilih foto/pindaian dalam format .jpg."),
            format!("This file is {kind_en}, not a JPG image. Choose a photo or scan in .jpg format."),
        )),
        (_, Kind::Html | Kind::Unknown, ExpectedType::Any) => out.push(finding(
            "not_pdf",
            Severity::Error,
            format!("Berkas ini {kind_id}, bukan PDF atau JPG. Pilih berkas dokumen yang benar."),
            format!("This file is {kind_en}, not a PDF or JPG. Choose the right document file."),
        )),
        _ => {}
    }

    // The name and the bytes disagree (a photo renamed to .pdf, a PDF named .jpg): say so whatever
    // the document type, unless a finding above already did. The portal checks both.
    if !out.iter().any(|f| matches!(f.code.as_str(), "not_pdf" | "wrong_type" | "empty")) {
        if let Some(f) = name_mismatch(&options.file, report.kind) {
            out.push(f);
        }
    }

    match report.error {
        Some(ErrorCode::Corrupt) => out.push(finding(
            "corrupt",
            Severity::Error,
            "PDF rusak atau terpotong dan tidak bisa dibaca. Ekspor/unduh ulang dari sumbernya.".into(),
            "The PDF is damaged or truncated and cannot be read. Export or download it again from its source.".into(),
        )),
        Some(ErrorCode::NeedsPassword) => out.push(finding(
            "needs_password",
            Severity::Error,
            "PDF dikunci dengan kata sandi. Portal tidak bisa membukanya: simpan ulang tanpa kata sandi.".into(),
            "The PDF is locked with a password. The portal cannot open it: save it again without a password.".into(),
        )),
        Some(ErrorCode::TooComplex) => out.push(finding(
            "too_complex",
            Severity::Error,
            "PDF ini terlalu rumit atau besar untuk diperiksa dengan aman. Ekspor ulang dengan pengaturan standar.".into(),
            "This PDF is too complex or large to check safely. Export it again with standard settings.".into(),
        )),
        _ => {}
    }

    if let Some(pdf) = &report.pdf {
        if pdf.recovered && report.error.is_none() {
            out.push(finding(
                "recovered",
                Severity::Warning,
                "Struktur PDF rusak sebagian dan harus diperbaiki untuk dibaca. Sebaiknya ekspor ulang.".into(),
                "Part of the PDF structure is damaged and had to be repaired to read it. Consider exporting it again.".into(),
            ));
        }
        if pdf.encrypted && !pdf.needs_password {
            let severity = if stage == Stage::Stamping { Severity::Error } else { Severity::Warning };
            out.push(finding(
                "encrypted",
                severity,
                "PDF terenkripsi (ada pembatasan izin). Portal e-Meterai dapat menolaknya: simpan ulang tanpa proteksi.".into(),
                "The PDF is encrypted (permission restrictions). The e-Meterai portal may reject it: save it again without protection.".into(),
            ));
        }
        if !pdf.a4 && pdf.pages > 0 {
            let first_off = pdf.page_sizes.iter().position(|p| !p.a4).map(|i| i + 1).unwrap_or(1);
            let size = &pdf.page_sizes[first_off - 1];
            let (wmm, hmm) = ((size.width * 25.4 / 72.0).round(), (size.height * 25.4 / 72.0).round());
            let severity = if stage == Stage::Stamping { Severity::Error } else { Severity::Warning };
            out.push(finding(
                "not_a4",
                severity,
                format!("Halaman {first_off} berukuran {wmm}×{hmm} mm{}, bukan A4 (210×297 mm). Atur ukuran kertas ke A4 lalu ekspor ulang.", paper_name(wmm, hmm)),
                format!("Page {first_off} is {wmm}×{hmm} mm{}, not A4 (210×297 mm). Set the paper size to A4 and export again.", paper_name(wmm, hmm)),
            ));
        }
        if stage == Stage::Stamping && crate::pdf::version_number(&pdf.version) < MIN_STAMPING_VERSION {
            out.push(finding(
                "old_pdf_version",
                Severity::Warning,
                format!("Versi PDF {} lebih lama dari 1.6 yang umumnya diminta portal e-Meterai. Ekspor ulang dari aplikasi terbaru.", pdf.version),
                format!("PDF version {} is older than the 1.6 stamping portals usually ask for. Export it again from a current app.", pdf.version),
            ));
        }
        if !pdf.has_text && report.error.is_none() && pdf.pages > 0 {
            out.push(finding(
                "no_text",
                Severity::Info,
                "Halaman hanya berisi gambar (hasil pindai), tanpa teks. Posisi tanda tangan tidak bisa dipastikan.".into(),
                "The pages are images only (a scan), without text. The signature position cannot be determined.".into(),
            ));
        }
    }

    if report.certified {
        let severity = if stage == Stage::Stamping { Severity::Error } else { Severity::Warning };
        out.push(finding(
            "certified",
            severity,
            "PDF ini tersertifikasi (dikunci oleh tanda tangan sertifikasi), sehingga tidak bisa dibubuhi tanda tangan lain.".into(),
            "This PDF is certified (locked by a certifying signature), so it cannot take another signature.".into(),
        ));
    }

    emeterai_findings(report, options, &mut out);

    if report.kind == Kind::Pdf && report.error.is_none() && report.signature_spot.is_none() {
        let severity = if stage == Stage::Stamping || rules.emeterai_expected { Severity::Warning } else { Severity::Info };
        out.push(finding(
            "no_signature_spot",
            severity,
            "Letak tanda tangan tidak ditemukan. Tempatkan e-Meterai sendiri di samping tanda tangan (biasanya kanan bawah).".into(),
            "The signature position was not found. Place the e-Meterai yourself beside the signature (usually lower right).".into(),
        ));
    }

    if let Some(image) = &report.image {
        if image.red_background == Some(false) && options.doc == crate::DocType::PasFoto {
            out.push(finding(
                "red_background_missing",
                Severity::Warning,
                "Latar belakang pas foto tampaknya bukan merah. Banyak instansi mewajibkan latar merah.".into(),
                "The photo's background does not look red. Many agencies require a red background.".into(),
            ));
        }
    }

    out.sort_by_key(|f| match f.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    });
    if !out.iter().any(|f| f.severity != Severity::Info) {
        out.insert(
            0,
            finding(
                "ready",
                Severity::Info,
                match stage {
                    Stage::Upload => "Siap diunggah.".into(),
                    Stage::Stamping => "Siap dibubuhi e-Meterai.".into(),
                },
                match stage {
                    Stage::Upload => "Ready to upload.".into(),
                    Stage::Stamping => "Ready for the e-Meterai.".into(),
                },
            ),
        );
    }
    report.findings = out;
}

fn emeterai_findings(report: &Report, options: &Options, out: &mut Vec<Finding>) {
    if report.kind != Kind::Pdf || report.error.is_some() {
        return;
    }
    let e = &report.emeterai;
    let serial = e.serial.clone().unwrap_or_else(|| "-".into());
    let expected = options.doc.rules().emeterai_expected;
    match (options.stage, e.status) {
        (Stage::Stamping, _) if e.count > 0 => {
            out.push(finding(
                "emeterai_present",
                Severity::Error,
                format!("PDF ini sudah memiliki e-Meterai (nomor seri {serial}). Jangan dibubuhi lagi: meterai berbayar akan terbuang."),
                format!("This PDF already carries an e-Meterai (serial {serial}). Do not stamp it again: a paid stamp would be wasted."),
            ));
        }
        (Stage::Upload, EmeteraiStatus::Intact) => out.push(finding(
            "emeterai_intact",
            Severity::Info,
            format!("e-Meterai utuh (nomor seri {serial}), berkas tidak berubah sejak dibubuhi."),
            format!("The e-Meterai is intact (serial {serial}); the file has not changed since stamping."),
        )),
        (Stage::Upload, EmeteraiStatus::ModifiedAfter) => out.push(modified_after_finding(report, &serial)),
        (Stage::Upload, EmeteraiStatus::Broken) => out.push(finding(
            "emeterai_broken",
            Severity::Error,
            format!("e-Meterai rusak (nomor seri {serial}): berkas disimpan ulang, dikompres atau dicetak ulang setelah dibubuhi. Unduh lagi berkas asli dari riwayat pembubuhan."),
            format!("The e-Meterai is broken (serial {serial}): the file was re-saved, compressed or printed after stamping. Download the original again from the stamping history."),
        )),
        (Stage::Upload, EmeteraiStatus::Unknown) if e.count > 0 => {
            let why = report
                .signatures
                .iter()
                .find(|s| s.is_emeterai && s.status == SignatureStatus::Unknown)
                .map(|s| s.detail.clone())
                .unwrap_or_default();
            out.push(finding(
                "emeterai_unverified",
                Severity::Warning,
                format!("e-Meterai (nomor seri {serial}) tidak dapat diverifikasi penuh di sini: tidak ada yang terbukti rusak, tetapi sebagian pemeriksaan tidak dapat dijalankan (misalnya algoritme yang tidak didukung). Periksa dengan aplikasi PDF atau portal e-Meterai sebelum mengunggah. ({why})"),
                format!("The e-Meterai (serial {serial}) could not be fully verified here: nothing is proven wrong, but part of the check could not be completed (for example an unsupported algorithm). Check it in a PDF reader or on the e-Meterai portal before uploading. ({why})"),
            ))
        }
        (Stage::Upload, EmeteraiStatus::Absent) if expected => out.push(finding(
            "emeterai_missing",
            Severity::Error,
            "Dokumen ini wajib ber-e-Meterai, tetapi belum ada e-Meterai. Bubuhkan e-Meterai dulu, lalu unggah hasilnya.".into(),
            "This document needs an e-Meterai, but it has none. Stamp it first, then upload the stamped file.".into(),
        )),
        _ => {}
    }
    if e.count > 1 {
        out.push(finding(
            "multiple_emeterai",
            Severity::Warning,
            format!("PDF ini memiliki {} e-Meterai. Biasanya satu dokumen cukup satu.", e.count),
            format!("This PDF carries {} e-Meterai stamps. One per document is usually enough.", e.count),
        ));
    }
    for s in report.signatures.iter().filter(|s| !s.is_emeterai) {
        out.push(finding(
            "signature_other",
            Severity::Info,
            format!("Ada tanda tangan digital lain ({}): {}.", s.field, status_id(s.status)),
            format!("There is another digital signature ({}): {}.", s.field, status_en(s.status)),
        ));
    }
}

/// A warning when the file name's extension says one kind and the bytes another.
fn name_mismatch(file: &str, kind: Kind) -> Option<Finding> {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let named = match ext.as_str() {
        "pdf" => Kind::Pdf,
        "jpg" | "jpeg" | "jpe" | "jfif" => Kind::Jpeg,
        "png" => Kind::Png,
        _ => return None,
    };
    if named == kind || matches!(kind, Kind::Empty) {
        return None;
    }
    let (kind_id, kind_en) = kind_name(kind);
    let (named_id, named_en) = kind_name(named);
    // An error, never a warning: whatever slot the file goes into expects what its name says, and
    // a file that is not what it claims is never ready to upload.
    Some(finding(
        "name_mismatch",
        Severity::Error,
        format!("Nama berkas berakhiran .{ext} ({named_id}), tetapi isinya {kind_id}. Berkas ini belum siap diunggah: simpan atau ekspor ulang dalam format yang sesuai dengan namanya, jangan hanya mengganti nama."),
        format!("The file name ends in .{ext} ({named_en}), but its content is {kind_en}. It is not ready to upload: save or export it again in the format its name says; do not just rename it."),
    ))
}

/// A stamp whose signed part verifies but is not the whole file: which way, with its own code,
/// because the fix differs (an editor's save, bytes glued on by a tool, a stamp that never covered
/// the document).
fn modified_after_finding(report: &Report, serial: &str) -> Finding {
    let coverage = report
        .signatures
        .iter()
        .filter(|s| s.is_emeterai && s.status == SignatureStatus::ModifiedAfter)
        .map(|s| s.checks.coverage)
        .next();
    match coverage {
        Some(Coverage::AppendedBytes) => finding(
            "emeterai_appended_bytes",
            Severity::Error,
            format!("Ada data tambahan di akhir berkas setelah e-Meterai dibubuhi (nomor seri {serial}): berkas tidak lagi persis seperti yang ditandatangani, dan verifikator portal akan menolaknya. Unduh lagi berkas asli dari riwayat pembubuhan dan unggah tanpa diolah aplikasi lain."),
            format!("Data was appended to the end of the file after the e-Meterai was applied (serial {serial}): the file is no longer exactly what was signed, and the portal's verifier will reject it. Download the original again from the stamping history and upload it without passing it through another app."),
        ),
        Some(Coverage::VisibleMarksAfter) => finding(
            "emeterai_visible_marks_after",
            Severity::Error,
            format!("Ada tanda baru yang terlihat, ditambahkan setelah dibubuhi e-Meterai (nomor seri {serial}): kotak, tulisan, catatan atau isi halaman yang tampil atau tercetak tidak lagi sama dengan yang ditandatangani, dan verifikator portal akan menolaknya. Unggah berkas persis seperti yang diberikan portal e-Meterai."),
            format!("There are new visible marks, added after the e-Meterai was applied (serial {serial}): a box, text, note or page content that is shown or printed is no longer what was signed, and the portal's verifier will reject it. Upload the file exactly as the stamping portal gave it."),
        ),
        Some(Coverage::Partial) => finding(
            "emeterai_partial_coverage",
            Severity::Error,
            format!("Tanda tangan e-Meterai (nomor seri {serial}) tidak mencakup seluruh dokumen: sebagian isi berkas berada di luar bagian yang ditandatangani. Berkas seperti ini tidak dibuat oleh portal e-Meterai; minta berkas asli dari riwayat pembubuhan."),
            format!("The e-Meterai signature (serial {serial}) does not cover the whole document: part of the file lies outside what was signed. The stamping portal does not produce files like this; get the original from the stamping history."),
        ),
        _ => finding(
            "emeterai_modified_after",
            Severity::Error,
            format!("Berkas diubah setelah dibubuhi e-Meterai (nomor seri {serial}). Unggah berkas persis seperti yang diberikan portal e-Meterai."),
            format!("The file was changed after stamping (serial {serial}). Upload the file exactly as the stamping portal gave it."),
        ),
    }
}

fn status_id(s: crate::report::SignatureStatus) -> &'static str {
    match s {
        crate::report::SignatureStatus::Intact => "utuh",
        crate::report::SignatureStatus::ModifiedAfter => "berkas diubah setelah ditandatangani",
        crate::report::SignatureStatus::Broken => "rusak",
        crate::report::SignatureStatus::Unknown => "belum dapat diverifikasi",
    }
}

fn status_en(s: crate::report::SignatureStatus) -> &'static str {
    match s {
        crate::report::SignatureStatus::Intact => "intact",
        crate::report::SignatureStatus::ModifiedAfter => "the file was changed after signing",
        crate::report::SignatureStatus::Broken => "broken",
        crate::report::SignatureStatus::Unknown => "could not be verified",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_when_the_name_and_the_bytes_disagree() {
        assert_eq!(name_mismatch("foto.pdf", Kind::Jpeg).map(|f| f.code), Some("name_mismatch".into()));
        assert_eq!(name_mismatch("C:\\Users\\a\\scan.JPG", Kind::Pdf).map(|f| f.severity), Some(Severity::Error));
        assert!(name_mismatch("surat.pdf", Kind::Pdf).is_none());
        assert!(name_mismatch("foto.jpeg", Kind::Jpeg).is_none());
        assert!(name_mismatch("berkas", Kind::Jpeg).is_none(), "no extension, nothing to compare");
        assert!(name_mismatch("dir.pdf/foto", Kind::Jpeg).is_none());
    }

    #[test]
    fn names_the_usual_wrong_papers() {
        assert_eq!(paper_name(216.0, 279.0), " (Letter)");
        assert_eq!(paper_name(330.0, 215.0), " (F4/Folio)");
        assert_eq!(paper_name(216.0, 356.0), " (Legal)");
        assert_eq!(paper_name(100.0, 100.0), "");
    }
}

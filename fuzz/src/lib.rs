//! What the fuzz targets do with their input, shared with the regression replay
//! (crate/core/tests/fuzz_regressions.rs includes this file by path), so a committed reproducer
//! is run exactly as the fuzzer ran it. Depends only on sscasn-core, serde_json and std.

use sscasn_core::profile::{normalize_phone, parse_nik, valid_email, validate, Date, Profile};
use sscasn_core::{analyze, DocType, Options, Report, Stage};

/// The options a fuzz input asks for with its first byte:
/// bits 0-2 the document type (`DocType::ALL`), bit 3 the stage (set: stamping),
/// bits 4-5 the page's stated limit: none, 0 (means "default"), 200 KB, or u64::MAX KB.
pub fn options_for(selector: u8) -> Options {
    Options {
        file: "fuzz".into(),
        doc: DocType::ALL[(selector & 7) as usize],
        stage: if selector & 8 != 0 { Stage::Stamping } else { Stage::Upload },
        max_kb: [None, Some(0), Some(200), Some(u64::MAX)][((selector >> 4) & 3) as usize],
        ..Options::default()
    }
}

/// The selector byte for a document type and stage (no stated limit): what the seeding uses.
pub fn selector_for(doc: DocType, stage: Stage) -> u8 {
    let d = DocType::ALL.iter().position(|&x| x == doc).unwrap_or(7) as u8;
    d | if stage == Stage::Stamping { 8 } else { 0 }
}

/// The report must also survive what the wasm binding and CLI do with it: serialise to JSON.
fn check_report(report: &Report) {
    let json = serde_json::to_string(report).expect("a report always serialises");
    assert!(json.starts_with('{'));
}

/// `analyze` target: byte 0 picks the options, the rest is the file.
pub fn run_analyze(data: &[u8]) -> Option<Report> {
    let (&selector, file) = data.split_first()?;
    let report = analyze(file, &options_for(selector));
    check_report(&report);
    Some(report)
}

/// Separates a content stream from an optional ToUnicode CMap in a `content` input.
pub const CMAP_SEPARATOR: &[u8] = b"\0CMAP\0";

const DEFAULT_CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
2 beginbfchar <0003> <0020> <0024> <0041> endbfchar\n\
1 beginbfrange <0044> <005D> <0061> endbfrange\n\
endcmap CMapName currentdict /CMap defineresource pop end end\n";

/// Wrap `content` (and `cmap`, the Type0 font's ToUnicode) in a small, valid one-page A4 PDF
/// with a correct xref: a standard-14 font (F1), a Type0/Identity-H font with /W (F2), a simple
/// TrueType font with /Widths (F3), an image (Im1) and a Form XObject that draws text (Fm1).
pub fn content_pdf(content: &[u8], cmap: &[u8]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let stream = |dict: &str, data: &[u8]| {
        let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        o.extend_from_slice(data);
        o.extend_from_slice(b"\nendstream");
        o
    };
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()); // 1
    objects.push(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()); // 2
    objects.push(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Contents 4 0 R \
/Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 9 0 R >> /XObject << /Im1 10 0 R /Fm1 11 0 R >> >> >>"
            .to_vec(),
    ); // 3
    objects.push(stream("", content)); // 4
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec()); // 5
    objects.push(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+DejaVuSans-Bold /Encoding /Identity-H \
/DescendantFonts [7 0 R] /ToUnicode 8 0 R >>"
            .to_vec(),
    ); // 6
    objects.push(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+DejaVuSans-Bold /DW 600 \
/W [3 [318] 36 [684 686] 68 93 613] /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
            .to_vec(),
    ); // 7
    objects.push(stream("", cmap)); // 8
    objects.push(
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Times-Roman /FirstChar 32 /LastChar 40 \
/Widths [250 333 408 500 500 833 778 180 333] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding \
/Differences [33 /exclam /quotedbl] >> >>"
            .to_vec(),
    ); // 9
    objects.push(stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0, 255, 255, 0],
    )); // 10
    objects.push(stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 200 50] /Matrix [1 0 0 1 0 0] \
/Resources << /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 0 0 Td (Tanda tangan) Tj ET",
    )); // 11

    let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    pdf
}

/// `content` target: `content [\0CMAP\0 cmap]`, analysed as a surat lamaran before stamping
/// (where the signature spot and stamp suggestion matter most).
pub fn run_content(data: &[u8]) -> Report {
    let (content, cmap) = match find(data, CMAP_SEPARATOR) {
        Some(at) => (&data[..at], &data[at + CMAP_SEPARATOR.len()..]),
        None => (data, DEFAULT_CMAP),
    };
    let pdf = content_pdf(content, cmap);
    let report = analyze(&pdf, &Options { doc: DocType::SuratLamaran, stage: Stage::Stamping, ..Default::default() });
    check_report(&report);
    report
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `profile` target: the bytes as profile JSON (what the popup sends) and as options JSON (what
/// the page sends), then as text through each field parser and as an imported profile file.
pub fn run_profile(data: &[u8]) {
    if let Ok(profile) = serde_json::from_slice::<Profile>(data) {
        let problems = validate(&profile);
        serde_json::to_string(&problems).expect("problems serialise");
    }
    if let Ok(options) = serde_json::from_slice::<Options>(data) {
        let _ = options.max_bytes();
    }
    // The bytes as a form snapshot (what the fill collector reads from a hostile page): a plan
    // never fills a control it must not touch, nor one control twice.
    if let Ok(snapshot) = serde_json::from_slice::<sscasn_core::fill::Snapshot>(data) {
        let plan = sscasn_core::fill::plan(&snapshot, &serde_json::from_slice::<Profile>(data).unwrap_or_default());
        let mut seen = std::collections::BTreeSet::new();
        for step in &plan.steps {
            assert!(!plan.untouched.iter().any(|u| u.control == step.control), "a step on an untouched control");
            assert!(seen.insert(step.control), "two steps on one control");
        }
        serde_json::to_string(&plan).expect("a plan serialises");
    }
    let text = String::from_utf8_lossy(data);
    let _ = parse_nik(&text);
    let _ = valid_email(&text);
    let _ = Date::parse(&text);
    // An imported profile file (plain or locked): inspected without panicking, serialisable.
    serde_json::to_string(&sscasn_core::vault::inspect(&text)).expect("inspection serialises");
    let _ = sscasn_core::vault::pin_problem(&text);
    // Normalising is idempotent: both forms normalise back to themselves.
    if let Some(phone) = normalize_phone(&text) {
        assert_eq!(normalize_phone(&phone.local).as_ref(), Some(&phone), "local form of {text:?}");
        assert_eq!(normalize_phone(&phone.international).as_ref(), Some(&phone), "international form of {text:?}");
    }
}

/// `fit` target: any bytes → `fit::fit_file` with a limit of half their size (so it always has
/// work to do). A fitted file must be within the limit; signed files never come back changed.
pub fn run_fit(data: &[u8]) -> sscasn_core::fit::FitOutcome {
    let max = (data.len() as u64 / 2).max(1024);
    let outcome = sscasn_core::fit::fit_file(data, max);
    if outcome.ok {
        assert!(outcome.bytes.len() as u64 <= max, "fitted file over the limit");
        // Only PDFs carry signatures: a photo may contain these bytes by chance and is fitted.
        let pdf = sscasn_core::sniff::sniff(data) == sscasn_core::Kind::Pdf;
        let signed = [b"/ByteRange".as_slice(), b"/DocMDP"].iter().any(|k| data.windows(k.len()).any(|w| w == *k));
        assert!(!(pdf && signed), "a signed PDF was rewritten");
    }
    serde_json::to_string(&outcome).expect("an outcome always serialises");
    outcome
}

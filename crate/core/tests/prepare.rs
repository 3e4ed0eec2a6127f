//! "Persiapan dokumen": classification of a mixed set (tests/prepare/set.json), the e-Meterai
//! count, the rules read from the upload page, and `sscasn-check --prepare`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use sscasn_core::prepare::{self, Action, ClassifiedBy, Rules, RuleSource, SetItem, Verdict};
use sscasn_core::{DocType, EmeteraiStatus};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

struct Entry {
    from: String,
    name: String,
    doc: String,
    by: String,
    duplicate_of: Option<String>,
}

fn mixed_set() -> Vec<Entry> {
    let text = std::fs::read_to_string(tests_dir().join("prepare/set.json")).expect("tests/prepare/set.json");
    let v: Value = serde_json::from_str(&text).expect("set.json");
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| Entry {
            from: f["from"].as_str().unwrap().into(),
            name: f["as"].as_str().unwrap().into(),
            doc: f["doc"].as_str().unwrap().into(),
            by: f["by"].as_str().unwrap().into(),
            duplicate_of: f["duplicate_of"].as_str().map(String::from),
        })
        .collect()
}

fn load(entries: &[Entry]) -> Vec<(String, Vec<u8>)> {
    entries
        .iter()
        .map(|e| (e.name.clone(), std::fs::read(tests_dir().join(&e.from)).unwrap_or_else(|err| panic!("{}: {err}", e.from))))
        .collect()
}

/// The mixed set, checked once for all the tests that read it.
fn mixed_prepared() -> &'static prepare::PreparedSet {
    static SET: std::sync::OnceLock<prepare::PreparedSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| prepare::prepare_set(&load(&mixed_set()), None))
}

fn by_str(b: ClassifiedBy) -> &'static str {
    match b {
        ClassifiedBy::Content => "content",
        ClassifiedBy::Name => "name",
        ClassifiedBy::Chosen => "chosen",
        ClassifiedBy::Unknown => "unknown",
    }
}

#[test]
fn mixed_set_is_classified_by_content_then_name() {
    let entries = mixed_set();
    assert!(entries.len() >= 20, "the mixed set has {} files", entries.len());
    let set = mixed_prepared();
    let mut wrong = Vec::new();
    for (e, p) in entries.iter().zip(&set.files) {
        let got = (p.doc.as_str(), by_str(p.classified_by));
        if got != (e.doc.as_str(), e.by.as_str()) {
            wrong.push(format!("{}: expected {} by {}, got {} by {} ({:?})", e.name, e.doc, e.by, got.0, got.1, p.evidence.en));
        }
        assert_eq!(p.duplicate_of, e.duplicate_of, "{}", e.name);
    }
    let right = entries.len() - wrong.len();
    eprintln!("prepare: classification {right}/{} right", entries.len());
    assert!(wrong.is_empty(), "misclassified:\n{}", wrong.join("\n"));
}

#[test]
fn content_beats_a_misleading_name_and_says_why() {
    let bytes = std::fs::read(tests_dir().join("fixtures/letters/surat_lamaran_800kb.pdf")).unwrap();
    let p = prepare::prepare_file(&bytes, "ijazah.pdf", None, None);
    assert_eq!((p.doc, p.classified_by), (DocType::SuratLamaran, ClassifiedBy::Content));
    assert_eq!((p.evidence.id.as_str(), p.evidence.en.as_str()), ("PERIHAL: LAMARAN", "PERIHAL: LAMARAN"));
    // An unstamped letter is checked for stamping and told to get a stamp.
    assert_eq!(p.report.stage, sscasn_core::Stage::Stamping);
    assert_eq!(p.action, Action::Stamp);
    assert!(p.todo.id.contains("e-Meterai"), "{}", p.todo.id);
    // The person corrects the type: the choice wins and the rules follow it.
    let p = prepare::prepare_file(&bytes, "ijazah.pdf", Some(DocType::Ijazah), None);
    assert_eq!((p.doc, p.classified_by), (DocType::Ijazah, ClassifiedBy::Chosen));
    assert_eq!(p.report.stage, sscasn_core::Stage::Upload);
    assert_eq!(p.action, Action::None);
}

#[test]
fn verdicts_and_actions_of_the_mixed_set() {
    let set = mixed_prepared();
    let get = |name: &str| set.files.iter().find(|p| p.file == name).unwrap();
    // A scan over the transcript's 500 KB: shrink it.
    let scan = get("transkrip nilai.pdf");
    assert_eq!((scan.verdict, scan.action), (Verdict::Error, Action::Shrink));
    assert!(scan.todo.id.contains("Perkecil otomatis") && scan.todo.id.contains("500 KB"), "{}", scan.todo.id);
    // A stamped letter whose stamp is intact is ready.
    let stamped = get("lamaran_bermeterai.pdf");
    assert_eq!(stamped.report.emeterai.status, EmeteraiStatus::Intact);
    assert_eq!((stamped.verdict, stamped.action), (Verdict::Ok, Action::None));
    assert_eq!((get("IMG_0001.jpg").evidence.id.as_str(), get("IMG_0001.jpg").evidence.en.as_str()), ("latar merah", "red background"));
    assert_eq!(get("scan1.png").evidence.en, "card shape 300×200");
    // Unknown type: the person chooses.
    assert_eq!(get("IMG_4032.jpg").action, Action::ChooseType);
    // A blue pas foto is a pas foto with a problem.
    let blue = get("pasfoto_biru.jpg");
    assert!(blue.report.findings.iter().any(|f| f.code == "red_background_missing"));
    assert_ne!(blue.verdict, Verdict::Ok);
    // The duplicate.
    assert_eq!(get("pas_foto (1).jpg").action, Action::Duplicate);
    // Defaults, said as such.
    assert!(set.files.iter().all(|p| p.rule.source == RuleSource::Default));
    assert!(!set.summary.rules_from_page);
}

#[test]
fn emeterai_to_buy_is_needed_minus_stamped_intact() {
    let read = |p: &str| std::fs::read(tests_dir().join(p)).unwrap();
    let files = |lamaran: &str| {
        vec![
            ("lamaran.pdf".to_string(), read(lamaran)),
            ("pernyataan.pdf".to_string(), read("fixtures/producers/surat_pernyataan_chromium.pdf")),
            ("ijazah.pdf".to_string(), read("prepare/files/ijazah_chromium.pdf")),
            ("transkrip.pdf".to_string(), read("prepare/files/transkrip_chromium.pdf")),
            ("foto.jpg".to_string(), read("fixtures/images/pas_foto_red.jpg")),
        ]
    };
    // Lamaran stamped intact, pernyataan not stamped yet, KTP missing: 1 e-Meterai to buy.
    let s = prepare::prepare_set(&files("fixtures/stamped/stamped_pkcs7.pdf"), None).summary;
    assert_eq!(s.missing, vec![DocType::Ktp]);
    assert_eq!((s.emeterai_needed, s.emeterai_stamped, s.emeterai_to_buy), (2, 1, 1));
    assert_eq!(s.emeterai_for, vec![DocType::SuratPernyataan]);
    assert!(s.message.id.contains("Belum ada: KTP."), "{}", s.message.id);
    assert!(s.message.id.contains("e-Meterai yang perlu dibeli: 1 (surat pernyataan)"), "{}", s.message.id);
    assert!(s.message.en.contains("e-Meterai to buy: 1 (statement letter)"), "{}", s.message.en);
    // The lamaran's stamp was broken by re-saving: it needs a new one too.
    let s = prepare::prepare_set(&files("fixtures/stamped/stamped_then_rewritten.pdf"), None).summary;
    assert_eq!((s.emeterai_needed, s.emeterai_stamped, s.emeterai_to_buy), (2, 0, 2));
    // Nothing stamped and no letters at all: both letters are missing and need stamps.
    let s = prepare::summarize(&[], None);
    assert_eq!(s.missing.len(), 6);
    assert_eq!(s.emeterai_to_buy, 2);
    // A page that does not list the surat pernyataan: only the lamaran needs one.
    let rules = Rules::from_json(r#"{"rows":[{"doc":"surat_lamaran","max_kb":800}]}"#).unwrap();
    let item = SetItem { file: "a.pdf".into(), doc: DocType::SuratLamaran, digest: "x".into(), emeterai: EmeteraiStatus::Absent, verdict: Verdict::Warning };
    let s = prepare::summarize(&[item], Some(&rules));
    assert_eq!((s.emeterai_to_buy, s.missing.len()), (1, 0));
}

#[test]
fn rules_from_the_page_override_the_defaults() {
    let rules = Rules::from_json(
        r#"{"date":"2026-11-29T10:00:00.000Z","source":"https://daftar-sscasn.bkn.go.id/unggah-dokumen",
            "rows":[{"doc":"surat_lamaran","max_kb":300,"expected":"pdf"},{"doc":"ijazah","max_kb":800}]}"#,
    )
    .unwrap();
    let bytes = std::fs::read(tests_dir().join("fixtures/letters/surat_lamaran_800kb.pdf")).unwrap();
    let p = prepare::prepare_file(&bytes, "lamaran.pdf", None, Some(&rules));
    assert_eq!((p.rule.max_kb, p.rule.source), (300, RuleSource::Page));
    assert_eq!(p.report.max_bytes, 300 * 1024);
    assert_eq!(p.verdict, Verdict::Error);
    assert!(p.report.findings.iter().any(|f| f.code == "too_large"));
    // A letter with text is never shrunk by us (it would be re-drawn): the finding says what to do.
    assert_eq!(p.action, Action::Fix);
    let s = prepare::summarize(&[SetItem::from(&p)], Some(&rules));
    assert!(s.rules_from_page);
    assert_eq!(s.rules_date.as_deref(), Some("2026-11-29T10:00:00.000Z"));
    assert_eq!(s.missing, vec![DocType::Ijazah]);
    // A page asking for an unusual type: said, not silently ignored.
    let odd = Rules::from_json(r#"{"rows":[{"doc":"ijazah","max_kb":800,"expected":"jpeg"}]}"#).unwrap();
    let ijazah = std::fs::read(tests_dir().join("prepare/files/ijazah_chromium.pdf")).unwrap();
    let p = prepare::prepare_file(&ijazah, "ijazah.pdf", None, Some(&odd));
    assert_eq!((p.verdict, p.action), (Verdict::Warning, Action::Fix));
    assert!(p.todo.id.starts_with("Halaman unggah meminta JPG untuk dokumen ini, padahal biasanya PDF"), "{}", p.todo.id);
}

#[test]
fn hostile_and_empty_files_get_a_verdict_not_a_panic() {
    for (name, bytes) in [("kosong.pdf", Vec::new()), ("acak.pdf", b"%PDF-1.7\n\x00\xff garbage".to_vec()), ("page.html", b"<html>error</html>".to_vec())] {
        let p = prepare::prepare_file(&bytes, name, None, None);
        assert_eq!(p.verdict, Verdict::Error, "{name}");
        assert!(!p.todo.id.is_empty());
    }
}

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sscasn-check"))
}

/// The mixed set copied under its names into a fresh directory.
fn set_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sscasn-prepare-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for e in mixed_set() {
        std::fs::copy(tests_dir().join(&e.from), dir.join(&e.name)).unwrap();
    }
    dir
}

#[test]
fn cli_prepare_prints_the_table_and_json() {
    let dir = set_dir("cli");
    let out = cli().args(["--prepare", dir.to_str().unwrap(), "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "some files need work");
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), mixed_set().len());
    let foto = files.iter().find(|f| f["file"] == "IMG_0001.jpg").unwrap();
    assert_eq!((foto["doc"].as_str(), foto["classified_by"].as_str()), (Some("pas_foto"), Some("content")));
    assert_eq!(foto["rule"]["source"], "default");
    assert!(v["summary"]["emeterai_to_buy"].is_u64());
    assert_eq!(v["summary"]["missing"], serde_json::json!([]));

    // The readable table, with page rules from a file.
    let rules = std::env::temp_dir().join(format!("sscasn-prepare-rules-{}.json", std::process::id()));
    std::fs::write(&rules, r#"{"date":"2026-11-29","rows":[{"doc":"transkrip","max_kb":500},{"doc":"ktp","max_kb":200}]}"#).unwrap();
    let out = cli().args(["--prepare", dir.to_str().unwrap(), "--rules", rules.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Rules: from the upload page (2026-11-29)"), "{text}");
    assert!(text.contains("transcript") && text.contains("transkrip nilai.pdf") && text.contains("Shrink to fit"), "{text}");
    assert!(text.contains("e-Meterai to buy:"), "{text}");
    let _ = std::fs::remove_file(&rules);

    // Usage errors.
    let out = cli().args(["--prepare", dir.to_str().unwrap(), "--rules", "/nonexistent.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = cli().args(["--prepare", dir.join("IMG_0001.jpg").to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "--prepare takes a directory");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The set check reads each file once and decides its type before the verdict: that must give the
/// very report `analyze` gives for the same type, stage and limit (no drift between the two paths),
/// on every fixture up to 1 MB, hostile ones included.
#[test]
fn the_set_check_reports_what_analyze_reports() {
    let root = tests_dir().join("fixtures");
    let mut n = 0;
    for group in ["letters", "producers", "stamped", "structure", "scans", "broken", "images"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(group)).unwrap().flatten().map(|e| e.path()).collect();
        files.sort();
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            // The big photos and the bomb are slow in a debug build, and nothing new for this check.
            if bytes.len() > 1024 * 1024 {
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // Classified; photos also under a chosen type (the red-background check depends on it).
            let chosen: &[Option<DocType>] = if group == "images" { &[None, Some(DocType::PasFoto)] } else { &[None] };
            for &doc in chosen {
                let p = prepare::prepare_file(&bytes, &name, doc, None);
                let options = sscasn_core::Options { file: name.clone(), doc: p.doc, stage: p.report.stage, max_kb: Some(p.rule.max_kb), ..Default::default() };
                let direct = sscasn_core::analyze(&bytes, &options);
                assert_eq!(p.report, direct, "{group}/{name} as {:?}", p.doc);
                n += 1;
            }
        }
    }
    assert!(n > 40, "{n} checks");
}

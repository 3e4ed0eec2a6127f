//! The sscasn-check contract: flags, the JSON shape, exit codes, directories, usage errors.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sscasn-check"))
}

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(p)
}

fn json_of(args: &[&str]) -> (i32, Vec<Value>) {
    let out = cli().args(args).output().expect("run sscasn-check");
    let parsed: Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    (out.status.code().unwrap_or(-1), parsed.as_array().expect("a JSON array").clone())
}

#[test]
fn json_has_one_report_per_file_in_order_with_the_contract_keys() {
    let ok = fixture("stamped/stamped_pkcs7.pdf");
    let bad = fixture("broken/photo_renamed.pdf");
    let (code, reports) = json_of(&["--json", "--doc", "surat_lamaran", ok.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(code, 1, "one file is not ok");
    assert_eq!(reports.len(), 2);
    for key in [
        "file", "bytes", "kind", "ok", "error", "pdf", "signatures", "certified", "emeterai", "signature_spot",
        "stamp_suggestion", "findings", "image",
    ] {
        assert!(reports[0].get(key).is_some(), "missing key {key}");
    }
    assert_eq!(reports[0]["file"], ok.to_str().unwrap());
    assert_eq!(reports[0]["ok"], true);
    assert_eq!(reports[0]["emeterai"]["status"], "intact");
    assert_eq!(reports[1]["kind"], "jpeg");
    assert_eq!(reports[1]["error"], "not_pdf");
    let rect = reports[0]["stamp_suggestion"]["rect"].as_array().unwrap();
    assert!(rect[0].as_f64() < rect[2].as_f64() && rect[1].as_f64() < rect[3].as_f64());
}

#[test]
fn exit_zero_when_every_file_is_ok_and_max_kb_overrides_the_limit() {
    let f = fixture("stamped/stamped_pkcs7.pdf");
    let (code, r) = json_of(&["--json", "--doc", "surat_lamaran", f.to_str().unwrap()]);
    assert_eq!((code, r[0]["max_bytes"].as_u64()), (0, Some(800 * 1024)));
    let (code, r) = json_of(&["--json", "--doc", "surat_lamaran", "--max-kb", "5", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(r[0]["max_bytes"].as_u64(), Some(5 * 1024));
    assert!(r[0]["findings"].as_array().unwrap().iter().any(|f| f["code"] == "too_large"));
}

#[test]
fn limit_as_the_page_writes_it() {
    // The same grammar as the extension: "maks. 0,2 MB" is 209 715 bytes, shown as 205 KB.
    let f = fixture("stamped/stamped_pkcs7.pdf");
    let (code, r) = json_of(&["--json", "--doc", "surat_lamaran", "--limit", "Surat lamaran, maks. 0,2 MB", f.to_str().unwrap()]);
    assert_eq!((code, r[0]["max_bytes"].as_u64()), (0, Some(209_715)));
    let (code, r) = json_of(&["--json", "--limit", "ukuran file paling besar 5 kilobyte", f.to_str().unwrap()]);
    assert_eq!((code, r[0]["max_bytes"].as_u64()), (1, Some(5 * 1024)));
    // A later --max-kb wins, as given.
    let (_, r) = json_of(&["--json", "--limit", "maks. 0,2 MB", "--max-kb", "300", f.to_str().unwrap()]);
    assert_eq!(r[0]["max_bytes"].as_u64(), Some(300 * 1024));
}

#[test]
fn stamping_stage_refuses_an_already_stamped_file() {
    let f = fixture("stamped/stamped_pkcs7.pdf");
    let (code, r) = json_of(&["--json", "--stage", "stamping", "--doc", "surat_lamaran", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(r[0]["findings"][0]["code"], "emeterai_present");
}

#[test]
fn a_directory_checks_every_file_in_name_order() {
    let dir = fixture("stamped");
    let (_, reports) = json_of(&["--json", dir.to_str().unwrap()]);
    let names: Vec<String> = reports.iter().map(|r| r["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(names.len(), std::fs::read_dir(&dir).unwrap().count());
}

#[test]
fn usage_errors_exit_two_with_a_clear_message() {
    for (args, needle) in [
        (vec!["--doc", "passport", "x.pdf"], "unknown document type 'passport'"),
        (vec!["--stage", "print", "x.pdf"], "unknown stage 'print'"),
        (vec!["--max-kb", "lots", "x.pdf"], "--max-kb needs a positive number"),
        (vec!["--limit", "minimal 100 KB", "x.pdf"], "--limit: 'minimal 100 KB' states no size limit"),
        (vec!["--frobnicate", "x.pdf"], "unknown option '--frobnicate'"),
        (vec!["--json"], "no files given"),
        (vec!["/no/such/file.pdf"], "/no/such/file.pdf"),
    ] {
        let out = cli().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    }
}

#[test]
fn readable_report_speaks_the_chosen_language() {
    let f = fixture("letters/surat_lamaran_std14.pdf");
    let out = cli().args(["--doc", "surat_lamaran", "--lang", "en", f.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("This document needs an e-Meterai"), "{text}");
    assert!(text.contains("signature spot: page 1"), "{text}");
    let out = cli().args(["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("usage: sscasn-check"));
}

/// A JPEG named .pdf is never ready, whatever slot it is meant for or none: the slot expects what
/// its name says. Through the CLI without --doc, and with every document type.
#[test]
fn a_jpeg_named_pdf_is_never_ok() {
    let jpeg = fixture("broken/photo_renamed.pdf");
    let (code, reports) = json_of(&["--json", jpeg.to_str().unwrap()]);
    assert_eq!((code, &reports[0]["ok"]), (1, &Value::Bool(false)), "no --doc: {:?}", reports[0]["findings"]);
    for doc in ["surat_lamaran", "surat_pernyataan", "ijazah", "transkrip", "pas_foto", "ktp", "pendukung", "other"] {
        for stage in ["upload", "stamping"] {
            let (code, reports) = json_of(&["--json", "--doc", doc, "--stage", stage, jpeg.to_str().unwrap()]);
            assert_eq!((code, &reports[0]["ok"]), (1, &Value::Bool(false)), "--doc {doc} --stage {stage}: {:?}", reports[0]["findings"]);
        }
    }
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    use std::process::Stdio;
    let letter = fixture("letters/surat_lamaran_std14.pdf");
    let mut args = vec!["--json".to_string()];
    args.extend(std::iter::repeat(letter.display().to_string()).take(40));
    let mut child = cli().args(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run sscasn-check");
    drop(child.stdout.take()); // `| head -c 0`: the pipe's read end closes before any output
    let out = child.wait_with_output().expect("wait for sscasn-check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

//! The wasm build's own tests, run in Node by wasm-bindgen-test-runner: the exported calls take
//! bytes and a JS options object and return plain JS objects shaped like the CLI's JSON.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn options(doc: &str, stage: &str) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"doc".into(), &doc.into()).unwrap();
    Reflect::set(&o, &"stage".into(), &stage.into()).unwrap();
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn empty_file_is_reported_as_empty() {
    let r = sscasn_wasm::analyze(&[], options("surat_lamaran", "upload")).unwrap();
    assert_eq!(get(&r, "kind").as_string().as_deref(), Some("empty"));
    assert_eq!(get(&r, "error").as_string().as_deref(), Some("empty"));
    assert_eq!(get(&r, "ok").as_bool(), Some(false));
    assert!(get(&r, "pdf").is_null());
}

#[wasm_bindgen_test]
fn a_jpeg_named_pdf_is_not_a_pdf() {
    let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x01, 0x90, 0x02, 0x58, 3];
    let r = sscasn_wasm::analyze(&jpeg, options("surat_lamaran", "upload")).unwrap();
    assert_eq!(get(&r, "kind").as_string().as_deref(), Some("jpeg"));
    assert_eq!(get(&r, "error").as_string().as_deref(), Some("not_pdf"));
    let image = get(&r, "image");
    assert_eq!(get(&image, "width").as_f64(), Some(600.0));
    let findings = js_sys::Array::from(&get(&r, "findings"));
    let first = findings.get(0);
    assert_eq!(get(&first, "severity").as_string().as_deref(), Some("error"));
    assert!(get(&get(&first, "message"), "id").as_string().unwrap().contains("bukan PDF"));
}

#[wasm_bindgen_test]
fn a_minimal_pdf_yields_pdf_facts() {
    let pdf = b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    let r = sscasn_wasm::analyze(pdf, options("ijazah", "upload")).unwrap();
    let facts = get(&r, "pdf");
    assert_eq!(get(&facts, "pages").as_f64(), Some(1.0));
    assert_eq!(get(&facts, "a4").as_bool(), Some(true));
    assert_eq!(get(&get(&r, "emeterai"), "status").as_string().as_deref(), Some("absent"));
}

#[wasm_bindgen_test]
fn bad_options_are_a_clear_error_not_a_trap() {
    assert!(sscasn_wasm::analyze(b"%PDF-1.4", options("passport", "upload")).is_err());
    let r = sscasn_wasm::analyze(b"%PDF-1.4", JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "doc").as_string().as_deref(), Some("other"));
}

#[wasm_bindgen_test]
fn profile_validation_and_phone_normalisation_cross_into_js() {
    let p = Object::new();
    Reflect::set(&p, &"nik".into(), &"3171045708950003".into()).unwrap();
    Reflect::set(&p, &"jenis_kelamin".into(), &"L".into()).unwrap();
    let problems = js_sys::Array::from(&sscasn_wasm::validate_profile(p.into()).unwrap());
    assert_eq!(problems.length(), 1);
    assert_eq!(get(&problems.get(0), "field").as_string().as_deref(), Some("jenis_kelamin"));
    let phone = sscasn_wasm::normalize_phone("0812-3456-7890").unwrap();
    assert_eq!(get(&phone, "international").as_string().as_deref(), Some("+6281234567890"));
    assert!(sscasn_wasm::normalize_phone("021-555").unwrap().is_null());
}

#[wasm_bindgen_test]
fn a_stamped_pdf_is_never_fitted_and_a_scan_is() {
    let stamped = include_bytes!("../../../tests/fixtures/stamped/stamped_pkcs7.pdf");
    let r = sscasn_wasm::fit_file(stamped, 1024.0).unwrap();
    let outcome = get(&r, "outcome");
    assert_eq!(get(&outcome, "refusal").as_string().as_deref(), Some("signed"));
    assert_eq!(js_sys::Uint8Array::from(get(&r, "bytes")).length(), 0);

    let scan = include_bytes!("../../../tests/fixtures/scans/scan_800kb.pdf");
    let r = sscasn_wasm::fit_file(scan, 300.0 * 1024.0).unwrap();
    let outcome = get(&r, "outcome");
    assert_eq!(get(&outcome, "ok").as_bool(), Some(true));
    let bytes = js_sys::Uint8Array::from(get(&r, "bytes")).to_vec();
    assert!(bytes.len() <= 300 * 1024 && bytes.starts_with(b"%PDF-"));
    assert_eq!(get(&outcome, "after_bytes").as_f64(), Some(bytes.len() as f64));
    assert!(js_sys::Uint8Array::from(get(&r, "thumbnail")).length() > 100);
    assert!(sscasn_wasm::fit_file(scan, f64::NAN).is_err());
}

#[wasm_bindgen_test]
fn a_control_is_checked_against_the_rule_its_page_states() {
    let texts = Object::new();
    Reflect::set(&texts, &"control".into(), &"Unggah".into()).unwrap();
    Reflect::set(&texts, &"row".into(), &"Transkrip Nilai (PDF)".into()).unwrap();
    let notices = js_sys::Array::of1(&"Ketentuan umum: setiap berkas PDF maksimal 0,2 MB".into());
    Reflect::set(&texts, &"notices".into(), &notices).unwrap();
    let o = Object::new();
    Reflect::set(&o, &"doc".into(), &"transkrip".into()).unwrap();
    let padded = [b"%PDF-1.7\n".as_slice(), &vec![b' '; 300 * 1024]].concat();
    let r = sscasn_wasm::check_in_control(&padded, o.into(), false, texts.clone().into()).unwrap();
    let rule = get(&r, "rule");
    assert_eq!(get(&rule, "source").as_string().as_deref(), Some("notice"));
    assert_eq!(get(&rule, "max_bytes").as_f64(), Some(209_715.0));
    assert_eq!(get(&get(&r, "report"), "max_bytes").as_f64(), Some(209_715.0));
    let items = js_sys::Array::of1(&{
        let i = Object::new();
        Reflect::set(&i, &"doc".into(), &"transkrip".into()).unwrap();
        Reflect::set(&i, &"texts".into(), &texts).unwrap();
        i.into()
    });
    let rules = js_sys::Array::from(&sscasn_wasm::rules_for_controls(items.into()).unwrap());
    assert_eq!(get(&rules.get(0), "max_kb").as_f64(), Some(205.0));
    assert!(sscasn_wasm::rules_for_controls(JsValue::from(3)).is_err());
}

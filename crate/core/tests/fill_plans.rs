//! The fill plan on snapshots saved from real form pages (tests/fixtures/forms/*.snapshot.json,
//! written by scripts/save-form-snapshots.mjs from the gallery and the replicas), checked field by
//! field against tests/fixtures/forms/expected.json: which control gets which value and how, the
//! applicable fields reported without a control and why, the controls never touched, the
//! "add another job" button.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use sscasn_core::fill::{plan, Plan, Snapshot};
use sscasn_core::profile::Profile;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/forms")
}

fn snapshot(name: &str) -> Snapshot {
    let text = std::fs::read_to_string(dir().join(format!("{name}.snapshot.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn profile() -> Profile {
    serde_json::from_str(&std::fs::read_to_string(dir().join("profile.json")).unwrap()).unwrap()
}

fn how(p: &Plan, field: &str) -> Option<(usize, String, String)> {
    p.steps.iter().find(|s| s.field == field).map(|s| {
        let how = serde_json::to_value(s.how).unwrap().as_str().unwrap().to_string();
        (s.control, s.value.clone(), how)
    })
}

#[test]
fn every_saved_form_is_planned_field_by_field() {
    let expected: BTreeMap<String, Value> = serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap()).unwrap();
    assert!(expected.len() >= 8, "at least 8 form variants");
    let profile = profile();
    let mut problems = Vec::new();
    for (name, want) in &expected {
        let p = plan(&snapshot(name), &profile);
        let steps = want["steps"].as_object().unwrap();
        for (field, s) in steps {
            let want_step = (s[0].as_u64().unwrap() as usize, s[1].as_str().unwrap().to_string(), s[2].as_str().unwrap().to_string());
            match how(&p, field) {
                Some(got) if got == want_step => {}
                got => problems.push(format!("{name}: {field}: want {want_step:?}, got {got:?}")),
            }
        }
        for s in &p.steps {
            if !steps.contains_key(&s.field) {
                problems.push(format!("{name}: unexpected step {} -> #{} {:?}", s.field, s.control, s.value));
            }
        }
        let missing: BTreeMap<String, String> = p.missing.iter().map(|m| (m.field.clone(), m.reason.clone())).collect();
        let want_missing: BTreeMap<String, String> =
            want["missing"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
        if missing != want_missing {
            problems.push(format!("{name}: missing {missing:?}, want {want_missing:?}"));
        }
        let untouched: BTreeMap<String, String> = p.untouched.iter().map(|u| (u.control.to_string(), u.reason.clone())).collect();
        let want_untouched: BTreeMap<String, String> =
            want["untouched"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
        if untouched != want_untouched {
            problems.push(format!("{name}: untouched {untouched:?}, want {want_untouched:?}"));
        }
        let add = p.add_entry.as_ref().map(|a| serde_json::json!([a.control, a.needed])).unwrap_or(Value::Null);
        if add != want["add_entry"] {
            problems.push(format!("{name}: add_entry {add}, want {}", want["add_entry"]));
        }
        if serde_json::json!(p.job_entries) != want["job_entries"] {
            problems.push(format!("{name}: {} job entries, want {}", p.job_entries, want["job_entries"]));
        }
        for s in &p.steps {
            assert!(!p.untouched.iter().any(|u| u.control == s.control), "{name}: a step on an untouched control");
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_field_empty_in_the_profile_and_a_choice_the_page_does_not_offer_are_reported() {
    let mut p = profile();
    p.no_kk.clear();
    p.formasi.lokasi = "Kantor Regional IX Jayapura".into();
    let plan = plan(&snapshot("grid-bootstrap"), &p);
    let reason = |f: &str| plan.missing.iter().find(|m| m.field == f).map(|m| m.reason.as_str());
    assert_eq!(reason("no_kk"), Some("empty_in_profile"));
    assert_eq!(reason("formasi.lokasi"), Some("no_option"));
    assert!(how(&plan, "no_kk").is_none() && how(&plan, "formasi.lokasi").is_none());
    let name = &plan.missing.iter().find(|m| m.field == "formasi.lokasi").unwrap().name;
    assert_eq!((name.id.as_str(), name.en.as_str()), ("Lokasi formasi", "Formasi location"));
}

#[test]
fn the_login_page_asks_only_for_the_nik_and_reports_nothing_else() {
    let plan = plan(&snapshot("replica-login"), &profile());
    assert_eq!(plan.steps.len(), 1);
    // Every other field of the profile is accounted for as not on this page, and nothing else.
    assert!(plan.missing.iter().all(|m| m.reason == "not_on_page"), "{:?}", plan.missing);
    assert_eq!(plan.unrecognised, vec![]);
    let reasons: Vec<&str> = plan.untouched.iter().map(|u| u.reason.as_str()).collect();
    assert_eq!(reasons, ["password", "captcha", "submit"]);
}

#[test]
fn a_page_without_a_job_entry_left_asks_for_the_add_button_and_names_the_jobs_not_placed() {
    let plan = plan(&snapshot("replica-riwayat"), &profile());
    assert_eq!(plan.add_entry.as_ref().map(|a| a.needed), Some(1));
    let no_entry: Vec<&str> = plan.missing.iter().filter(|m| m.reason == "no_entry").map(|m| m.field.as_str()).collect();
    assert_eq!(no_entry, ["pekerjaan.1.perusahaan", "pekerjaan.1.jabatan", "pekerjaan.1.mulai", "pekerjaan.1.gaji"]);
    // The second job is current: its end date is neither filled nor reported.
    assert!(!plan.missing.iter().any(|m| m.field == "pekerjaan.1.selesai"));
}

#[test]
fn an_empty_profile_still_tells_which_controls_the_page_has() {
    let plan = plan(&snapshot("antd-form"), &Profile::default());
    assert_eq!(plan.steps, vec![]);
    assert!(plan.matched >= 20, "{}", plan.matched);
}

#[test]
fn a_hostile_snapshot_gets_a_bounded_plan_that_never_fills_one_control_twice() {
    let mut snap = snapshot("grid-bootstrap");
    let first = snap.controls[0].clone();
    snap.controls.insert(1, first); // the same id twice
    for c in snap.controls.iter_mut().take(3) {
        c.labels.push(sscasn_core::fill::Label { source: "label".into(), text: "NIK ".repeat(10_000), ..Default::default() });
        c.options = vec!["Perempuan".repeat(1000); 5000];
    }
    let plan = plan(&snap, &profile());
    let mut seen = std::collections::BTreeSet::new();
    assert!(plan.steps.iter().all(|s| seen.insert(s.control)), "one step per control");
    assert!(plan.steps.iter().any(|s| s.field == "formasi.instansi"));
}

/// Every field of the profile, as the plan must account for it (a current job's end date and an
/// unticked "still working" box are said by the page's empty end date).
fn profile_fields(p: &Profile) -> Vec<String> {
    let mut out: Vec<String> = ["nik", "no_kk", "nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "no_hp", "email", "alamat"]
        .iter()
        .map(|k| k.to_string())
        .chain(["jenjang", "program_studi", "institusi", "nomor_ijazah", "ipk", "tahun_lulus"].iter().map(|k| format!("pendidikan.{k}")))
        .chain(["instansi", "lokasi", "jabatan"].iter().map(|k| format!("formasi.{k}")))
        .collect();
    for (e, j) in p.pekerjaan.iter().enumerate() {
        for k in ["perusahaan", "jabatan", "mulai", "gaji"] {
            out.push(format!("pekerjaan.{e}.{k}"));
        }
        if !j.sekarang {
            out.push(format!("pekerjaan.{e}.selesai"));
        }
    }
    out
}

#[test]
fn every_profile_field_is_accounted_for_on_every_saved_form() {
    let expected: BTreeMap<String, Value> = serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap()).unwrap();
    let profile = profile();
    for name in expected.keys() {
        let p = plan(&snapshot(name), &profile);
        for field in profile_fields(&profile) {
            let steps = p.steps.iter().filter(|s| s.field == field).count();
            let missing = p.missing.iter().filter(|m| m.field == field).count();
            assert!(steps + missing > 0 && (steps == 0 || missing == 0), "{name}: {field}: {steps} step(s), {missing} missing");
        }
    }
}

#[test]
fn colon_tables_shared_labels_split_dates_and_fixed_prefixes() {
    let profile = profile();
    let p = plan(&snapshot("colon-table"), &profile);
    // "Tempat / Tgl. Lahir": one label, a text box then a date, in reading order.
    assert_eq!(how(&p, "tempat_lahir"), Some((3, "Jakarta".into(), "type".into())));
    assert_eq!(how(&p, "tanggal_lahir"), Some((4, "1995-08-17".into(), "type".into())));
    // "+62" shown before the input: the rest of the number is typed.
    assert_eq!(how(&p, "no_hp").map(|s| s.1), Some("81234567890".into()));
    assert_eq!(how(&p, "pendidikan.ipk").map(|s| s.0), Some(14), "IPK (skala 4,00) in a th/td row");
    let unrecognised: Vec<&str> = p.unrecognised.iter().map(|u| u.label.as_str()).collect();
    assert_eq!(unrecognised, ["Agama"], "the control the plan cannot map is named by its label");

    let p = plan(&snapshot("dl-split-date"), &profile);
    let date: Vec<(usize, &str)> = p.steps.iter().filter(|s| s.field == "tanggal_lahir").map(|s| (s.control, s.value.as_str())).collect();
    assert_eq!(date, [(3, "17"), (4, "Agustus"), (5, "1995")]);
    assert_eq!(how(&p, "pendidikan.jenjang").map(|s| s.1), Some("S-1".into()));
    assert_eq!(how(&p, "jenis_kelamin").map(|s| s.1), Some("P".into()));
}

#[test]
fn a_date_in_three_inputs_and_a_caption_over_them_is_one_field() {
    use sscasn_core::fill::{Control, Label};
    let label = |source: &str, text: &str| Label { source: source.into(), text: text.into(), ..Default::default() };
    let input = |id: usize, x: f64, own: &str| Control {
        id,
        kind: "text".into(),
        visible: true,
        rect: [x, 100.0, 60.0, 30.0],
        labels: vec![label("placeholder", own), label("above", "Tanggal Lahir")],
        ..Default::default()
    };
    let mut nik = input(0, 0.0, "");
    nik.rect[1] = 40.0;
    nik.labels = vec![label("label", "NIK")];
    let snap = Snapshot { controls: vec![nik, input(1, 0.0, "DD"), input(2, 70.0, "MM"), input(3, 140.0, "YYYY")], ..Default::default() };
    let p = plan(&snap, &profile());
    let date: Vec<(usize, &str)> = p.steps.iter().filter(|s| s.field == "tanggal_lahir").map(|s| (s.control, s.value.as_str())).collect();
    assert_eq!(date, [(1, "17"), (2, "08"), (3, "1995")]);
    assert_eq!(p.unrecognised, vec![], "no part is left as an unknown control");
}

/** A select at `x` on one line of a form, showing its first option, with `labels`. */
fn date_select(id: usize, x: f64, options: Vec<String>, labels: Vec<sscasn_core::fill::Label>) -> sscasn_core::fill::Control {
    sscasn_core::fill::Control {
        id,
        kind: "select".into(),
        visible: true,
        rect: [x, 100.0, 60.0, 30.0],
        value: options[0].clone(),
        labels,
        options,
        ..Default::default()
    }
}

#[test]
fn one_caption_over_a_place_and_a_date_split_in_three_names_both() {
    use sscasn_core::fill::{Control, Label};
    // "Tempat / Tgl. Lahir" left of a text box and day / month / year selects: the content script
    // numbers the four controls sharing it; the trio is one part, the date.
    let shared = |part: usize| Label { source: "left".into(), text: "Tempat / Tgl. Lahir".into(), part, parts: 4 };
    let select = |id: usize, x: f64, options: Vec<String>| date_select(id, x, options, vec![shared(id)]);
    let place = Control { id: 0, kind: "text".into(), visible: true, rect: [0.0, 100.0, 150.0, 30.0], labels: vec![shared(0)], ..Default::default() };
    // The same caption as the place box's own <label for> (the content script numbers it too).
    let mut labelled = place.clone();
    labelled.labels[0].source = "label".into();
    let days = std::iter::once("Tgl".to_string()).chain((1..=31).map(|d| format!("{d:02}"))).collect();
    let months = std::iter::once("Bln".to_string()).chain(["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"].map(String::from)).collect();
    let years = std::iter::once("Thn".to_string()).chain((1959..=2008).rev().map(|y| y.to_string())).collect();
    let trio = [select(1, 160.0, days), select(2, 230.0, months), select(3, 300.0, years)];
    for first in [place, labelled] {
        let snap = Snapshot { controls: [vec![first], trio.to_vec()].concat(), ..Default::default() };
        let p = plan(&snap, &profile());
        assert_eq!(how(&p, "tempat_lahir").map(|s| s.0), Some(0));
        let date: Vec<(usize, &str)> = p.steps.iter().filter(|s| s.field == "tanggal_lahir").map(|s| (s.control, s.value.as_str())).collect();
        assert_eq!(date, [(1, "17"), (2, "Agustus"), (3, "1995")]);
        assert_eq!(p.unrecognised, vec![]);
    }
}

#[test]
fn a_split_date_named_only_by_its_first_option_is_the_date_it_names() {
    // Placeholder-only forms: the day select shows "Tanggal Lahir (tgl)" before a choice.
    let select = |id: usize, x: f64, options: Vec<String>| date_select(id, x, options, vec![]);
    let days = std::iter::once("Tanggal Lahir (tgl)".to_string()).chain((1..=31).map(|d| d.to_string())).collect();
    let months = std::iter::once("Bulan".to_string()).chain((1..=12).map(|m| format!("{m:02}"))).collect();
    let years = std::iter::once("Tahun".to_string()).chain((1959..=2008).rev().map(|y| y.to_string())).collect();
    let snap = Snapshot { controls: vec![select(0, 0.0, days), select(1, 70.0, months), select(2, 140.0, years)], ..Default::default() };
    let p = plan(&snap, &profile());
    let date: Vec<(usize, &str)> = p.steps.iter().filter(|s| s.field == "tanggal_lahir").map(|s| (s.control, s.value.as_str())).collect();
    assert_eq!(date, [(0, "17"), (1, "08"), (2, "1995")]);
}

#[test]
fn a_control_labelled_for_a_field_the_plan_is_unsure_of_is_named_never_called_absent() {
    let mut snap = snapshot("grid-bootstrap");
    let profile = profile();
    let id = plan(&snap, &profile).steps.iter().find(|s| s.field == "nama").unwrap().control;
    let c = snap.controls.iter_mut().find(|c| c.id == id).unwrap();
    c.labels = vec![sscasn_core::fill::Label { source: "id".into(), text: "nama".into(), ..Default::default() }];
    let p = plan(&snap, &profile);
    assert!(how(&p, "nama").is_none());
    let m = p.missing.iter().find(|m| m.field == "nama").unwrap();
    assert_eq!((m.reason.as_str(), m.control), ("unsure", Some(id)));
}

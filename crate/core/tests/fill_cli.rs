//! `sscasn-check --plan-fill SNAPSHOT --profile PROFILE [--json]`: the same plan as the extension's.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/forms/");
    let args: Vec<String> = args.iter().map(|a| a.replace("@", dir)).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_sscasn-check")).args(&args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn plan_fill_prints_the_plan_and_exits_by_what_is_missing() {
    let (code, out, _) = run(&["--plan-fill", "@replica-biodata.snapshot.json", "--profile", "@profile.json", "--json"]);
    assert_eq!(code, 0, "every applicable field has a control");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["steps"].as_array().unwrap().len(), 9);
    assert_eq!(plan["steps"][6]["field"], "no_hp");
    assert_eq!(plan["steps"][6]["value"], "081234567890");

    let (code, out, _) = run(&["--plan-fill", "@element-plus-form.snapshot.json", "--profile", "@profile.json", "--lang", "en"]);
    assert_eq!(code, 1, "the job salaries have no control on this page");
    assert!(out.contains("pekerjaan.0.gaji (Job 1: Salary): not_on_page"), "{out}");
    assert!(out.contains("never touched: #21 (captcha)"), "{out}");
}

#[test]
fn plan_fill_usage_errors() {
    let (code, _, err) = run(&["--plan-fill", "@replica-login.snapshot.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("--plan-fill needs --profile"), "{err}");
    let (code, _, err) = run(&["--plan-fill", "@profile.json", "--profile", "@profile.json"]);
    assert_eq!(code, 2, "a profile is not a snapshot");
    assert!(err.contains("profile.json"), "{err}");
}

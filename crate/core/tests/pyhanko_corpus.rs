//! pyHanko's own test PDFs (from the pyhanko sdist on PyPI, cached in .cache/pyhanko-corpus/ by
//! scripts/pyhanko-corpus/fetch.sh, which `./build.sh setup` runs) through the checker and
//! poppler's `pdfsig`: every signature's status must agree, or be one of the named, justified
//! exceptions in tests/pyhanko-corpus/exceptions.json — and every exception must still be needed.
//! Skipped, saying so, where the corpus or pdfsig is missing (a machine that never reached PyPI).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use sscasn_core::{analyze, Options, SignatureStatus};

mod common;
use common::pdfsig_statuses;

fn name(s: Option<SignatureStatus>) -> Value {
    match s {
        None => Value::Null,
        Some(s) => serde_json::to_value(s).expect("status as JSON"),
    }
}

#[test]
fn pdfsig_agrees_on_pyhankos_test_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = root.join(".cache/pyhanko-corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        eprintln!("SKIPPED: no pyHanko corpus in {} (scripts/pyhanko-corpus/fetch.sh fetches it from PyPI)", corpus.display());
        return;
    };
    if Command::new("pdfsig").arg("-v").output().is_err() {
        eprintln!("SKIPPED: pdfsig is not installed (./build.sh setup installs poppler-utils)");
        return;
    }
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect();
    files.sort();
    assert!(files.len() >= 100, "the corpus looks incomplete: {} PDFs", files.len());
    let list: Value = serde_json::from_str(&std::fs::read_to_string(root.join("tests/pyhanko-corpus/exceptions.json")).unwrap()).unwrap();
    let mut exceptions: BTreeMap<(String, usize), &Value> = list["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| ((e["file"].as_str().unwrap().to_string(), e["signature"].as_u64().unwrap() as usize), e))
        .collect();
    let (mut same, mut named, mut problems) = (0, BTreeMap::<String, usize>::new(), Vec::new());
    for path in &files {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let ours = analyze(&std::fs::read(path).unwrap(), &Options::default()).signatures;
        let theirs = pdfsig_statuses(path);
        if ours.len() != theirs.len() {
            problems.push(format!("{file}: {} signatures for us, {} for pdfsig", ours.len(), theirs.len()));
            continue;
        }
        for (i, (o, t)) in ours.iter().zip(&theirs).enumerate() {
            let timestamp_ok = t.is_none() && o.subfilter.as_deref() == Some("ETSI.RFC3161") && o.status == SignatureStatus::Intact;
            if Some(o.status) == *t || timestamp_ok {
                same += 1;
                continue;
            }
            match exceptions.remove(&(file.clone(), i + 1)) {
                Some(e) if e["ours"] == name(Some(o.status)) && e["pdfsig"] == name(*t) => {
                    *named.entry(e["name"].as_str().unwrap().to_string()).or_default() += 1;
                }
                _ => problems.push(format!("{file} #{}: ours {:?} ({}), pdfsig {t:?}", i + 1, o.status, o.detail)),
            }
        }
    }
    problems.extend(exceptions.keys().map(|(f, i)| format!("{f} #{i}: exception no longer needed")));
    eprintln!("pyHanko corpus: {} files, {same} signatures agree with pdfsig, named exceptions {named:?}", files.len());
    assert!(problems.is_empty(), "{} difference(s) with pdfsig:\n{}", problems.len(), problems.join("\n"));
    assert!(same >= 40, "too few signatures compared: {same}");
}

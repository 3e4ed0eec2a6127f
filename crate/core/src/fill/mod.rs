//! Form filling, planned here and carried out by the extension: the content script collects a
//! snapshot of the page's controls (every candidate label with its source, as a person would read
//! it), [`plan`] matches controls to profile fields — one control per field, one field per
//! control, repeated job entries in page order — and formats each value for its control; the
//! content script then types or chooses, and reads every value back.
//!
//! The plan also lists every applicable profile field left without a control, with the reason,
//! and the controls that are never touched (captcha, password, file, submit).

mod reading;
mod snapshot;
mod values;
pub mod words;

pub use snapshot::*;
pub use values::choose_option;
pub use reading::meaningless;
use reading::*;
use values::*;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::profile::{normalize_phone, Date, Profile};
use crate::report::Message;
use words::{any_phrase, contains_phrase, words, FieldDef, Section, ValueKind, FIELDS, JOB_FIELDS};

/// At most this many controls, labels per control and options per control are read.
pub const MAX_CONTROLS: usize = 2000;
const MAX_LABELS: usize = 24;
const MAX_OPTIONS: usize = 500;
/// A control must score at least this for a field to be filled into it.
const THRESHOLD: f64 = 0.45;

pub(super) fn message(id: impl Into<String>, en: impl Into<String>) -> Message {
    Message { id: id.into(), en: en.into() }
}

fn name_of(def: &FieldDef, job: Option<usize>) -> Message {
    match job {
        Some(i) => message(format!("Pekerjaan {}: {}", i + 1, def.name_id), format!("Job {}: {}", i + 1, def.name_en)),
        None => message(def.name_id, def.name_en),
    }
}

/// One caption over a row whose date is split in three ("Tempat / Tgl. Lahir" over a text box and
/// day / month / year): the trio is one part of that caption, so the parts after it move down.
fn one_part_per_date(controls: &mut [Control], trio: &[usize]) {
    let members: Vec<&Control> = trio.iter().filter_map(|id| controls.iter().find(|c| c.id == *id)).collect();
    let Some(first) = members.first() else { return };
    let mut shared = Vec::new();
    for l in first.labels.iter().filter(|l| l.parts > 2) {
        let mut seen: Vec<usize> = members
            .iter()
            .filter_map(|m| m.labels.iter().find(|x| x.source == l.source && x.text == l.text && x.parts == l.parts).map(|x| x.part))
            .collect();
        seen.sort_unstable();
        if seen.len() == members.len() && seen.windows(2).all(|w| w[1] == w[0] + 1) {
            shared.push((l.source.clone(), l.text.clone(), l.parts, seen[0], seen.len() - 1));
        }
    }
    // The caption may reach the first control as its own <label> and the rest as text on their left.
    for (_, text, parts, start, extra) in shared {
        for c in controls.iter_mut() {
            for l in c.labels.iter_mut().filter(|l| l.text == text && l.parts == parts) {
                l.part = match l.part {
                    p if p > start + extra => p - extra,
                    p if p >= start => start,
                    p => p,
                };
                l.parts = parts - extra;
            }
        }
    }
}

/// Match the page's controls to the profile's fields and say how to fill each.
pub fn plan(snapshot: &Snapshot, profile: &Profile) -> Plan {
    // A control id names one control: a repeated id (a hostile or broken snapshot) is skipped.
    let mut ids = BTreeSet::new();
    let mut owned: Vec<Control> = snapshot.controls.iter().take(MAX_CONTROLS).filter(|c| ids.insert(c.id)).cloned().collect();
    let visible_usable = |c: &&Control| c.visible && !c.disabled && !c.readonly;
    // A date split in three (day / month / year side by side) is planned as one date control.
    let trios: Vec<Vec<usize>> = {
        let fillable: Vec<&Control> = owned.iter().filter(visible_usable).collect();
        date_groups(&fillable).iter().map(|g| g.iter().map(|&(_, k)| fillable[k].id).collect()).collect()
    };
    for trio in &trios {
        one_part_per_date(&mut owned, trio);
    }
    let raw: Vec<&Control> = owned.iter().collect();
    let fillable: Vec<&Control> = raw.iter().copied().filter(visible_usable).collect();
    let mut composites: Vec<Control> = Vec::new();
    let mut members_of: BTreeMap<usize, Vec<(char, usize)>> = BTreeMap::new();
    let mut in_group = BTreeSet::new();
    for g in date_groups(&fillable) {
        let mut c = fillable[g[0].1].clone();
        c.kind = "date_parts".into();
        c.options.clear();
        c.labels.clear();
        for &(_, k) in &g {
            for l in &fillable[k].labels {
                let part_word =
                    date_part(&Control { kind: "text".into(), labels: vec![Label { source: "label".into(), ..l.clone() }], ..Default::default() }).is_some();
                if !part_word && !c.labels.iter().any(|x| x.source == l.source && x.text == l.text) {
                    c.labels.push(l.clone());
                }
            }
            // A select's first option shown before any choice ("Tanggal Lahir (tgl)"), when it is
            // no day, month or year, is the caption a person reads on the date.
            let member = fillable[k];
            if let Some(first) = member.options.first() {
                let w = words(first);
                if member.kind == "select" && member.value == *first && !is_prompt(&w) && number_of(&w).is_none() && month_of(&w).is_none() {
                    let caption =
                        Control { kind: "text".into(), labels: vec![Label { source: "label".into(), text: first.clone(), ..Default::default() }], ..Default::default() };
                    if date_part(&caption).is_none() && !c.labels.iter().any(|x| x.text == *first) {
                        c.labels.push(Label { source: "placeholder".into(), text: first.clone(), ..Default::default() });
                    }
                }
            }
        }
        members_of.insert(c.id, g.iter().map(|&(p, k)| (p, fillable[k].id)).collect());
        in_group.extend(g[1..].iter().map(|&(_, k)| fillable[k].id));
        composites.push(c);
    }
    let controls: Vec<&Control> = raw.iter().filter(|c| !in_group.contains(&c.id)).map(|c| composites.iter().find(|x| x.id == c.id).unwrap_or(c)).collect();
    let by_id: BTreeMap<usize, &Control> = raw.iter().map(|c| (c.id, *c)).collect();
    let reads: Vec<Read> = controls.iter().map(|c| read(c)).collect();
    let mut out = Plan::default();
    let mut usable = Vec::new();
    for (i, c) in controls.iter().enumerate() {
        if let Some(reason) = never_touch(c, &reads[i]) {
            if c.kind != "button" || reason != "submit" || c.visible {
                out.untouched.push(Untouched { control: c.id, reason: reason.into() });
            }
            continue;
        }
        if c.kind == "button" || !c.visible || c.disabled || c.readonly && !matches!(c.kind.as_str(), "combobox" | "datepicker") {
            continue;
        }
        usable.push(i);
    }
    let field_scores: BTreeMap<usize, Vec<f64>> = usable.iter().map(|&i| (i, scores(controls[i], &reads[i], FIELDS, false))).collect();
    let job_scores: BTreeMap<usize, Vec<f64>> = usable.iter().map(|&i| (i, scores(controls[i], &reads[i], JOB_FIELDS, true))).collect();
    let best = |v: &Vec<f64>| v.iter().copied().enumerate().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap_or((0, 0.0));

    // Job entries: controls whose best reading is a job field, grouped by the largest container
    // that holds no second control for the same job field (one card, row or fieldset per job).
    let job_candidates: Vec<usize> = usable
        .iter()
        .copied()
        .filter(|i| {
            let (_, j) = best(&job_scores[i]);
            let (_, f) = best(&field_scores[i]);
            j >= THRESHOLD && j > f
        })
        .collect();
    let job_field_of = |i: usize| best(&job_scores[&i]).0;
    // Twice: a lone "Jabatan" that is not a job's (no other job field beside it) is dropped from
    // the candidates after the first pass, so it no longer splits the real entries.
    let first = group_entries(&job_candidates, &job_candidates, &controls, &job_field_of);
    let kept: Vec<usize> = first.iter().flatten().copied().collect();
    let mut entries = group_entries(&job_candidates, &kept, &controls, &job_field_of);
    entries.sort_by_key(|m| m.iter().map(|&i| controls[i].id).min());
    out.job_entries = entries.len();

    // One field per control, one control per field, best pairs first: job entries, then the rest
    // (a control left over in an entry goes back to the others).
    let mut assigned: Vec<(usize, String, usize, Option<usize>, f64)> = Vec::new(); // (control idx, field, def idx, job, score)
    let mut used_controls = BTreeSet::new();
    for (e, members) in entries.iter().enumerate() {
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for &i in members {
            for (f, &s) in job_scores[&i].iter().enumerate() {
                if s >= THRESHOLD {
                    pairs.push((s, i, f));
                }
            }
        }
        for (s, i, f) in best_pairs(pairs, &mut used_controls) {
            assigned.push((i, format!("pekerjaan.{e}.{}", JOB_FIELDS[f].key), f, Some(e), s));
        }
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for &i in usable.iter().filter(|i| !used_controls.contains(*i)) {
        for (f, &s) in field_scores[&i].iter().enumerate() {
            if s >= THRESHOLD {
                pairs.push((s, i, f));
            }
        }
    }
    for (s, i, f) in best_pairs(pairs, &mut used_controls) {
        assigned.push((i, FIELDS[f].key.to_string(), f, None, s));
    }
    out.matched = assigned.len();

    assigned.sort_by_key(|a| controls[a.0].id);
    for (i, field, f, job, score) in &assigned {
        let c = controls[*i];
        let (def, raw) = match job {
            Some(e) => {
                let def = &JOB_FIELDS[*f];
                let current = profile.pekerjaan.get(*e).is_some_and(|j| j.sekarang);
                if def.key == "selesai" && current {
                    continue; // still working there: the end date stays empty
                }
                (def, job_value(profile, *e, def.key))
            }
            None => (&FIELDS[*f], profile_value(profile, field)),
        };
        let name = name_of(def, *job);
        if raw.is_empty() && def.kind == ValueKind::Flag {
            continue; // not ticked in the profile: the checkbox is left as it is
        }
        if raw.is_empty() {
            if job.is_none_or(|e| e < profile.pekerjaan.len()) {
                out.missing.push(Missing { field: field.clone(), name, reason: "empty_in_profile".into(), control: Some(c.id) });
            }
            continue;
        }
        if let Some(members) = members_of.get(&c.id) {
            let members: Vec<(char, &Control)> = members.iter().map(|&(p, id)| (p, by_id[&id])).collect();
            match Date::parse(&raw).ok_or("bad_value").and_then(|d| date_part_steps(d, &members)) {
                Ok(parts) => {
                    for (control, value, how, option) in parts {
                        out.steps.push(Step {
                            control,
                            field: field.clone(),
                            name: name.clone(),
                            value,
                            how,
                            option,
                            search: None,
                            score: (score * 100.0).round() / 100.0,
                        });
                    }
                }
                Err(reason) => out.missing.push(Missing { field: field.clone(), name, reason: reason.into(), control: Some(c.id) }),
            }
            continue;
        }
        match format_for(c, def, field, &raw, &reads[*i]) {
            Ok((value, how, option)) => {
                let search = (how == How::Choose).then(|| search_text(&value));
                out.steps.push(Step { control: c.id, field: field.clone(), name, value, how, option, search, score: (score * 100.0).round() / 100.0 });
            }
            Err(reason) => out.missing.push(Missing { field: field.clone(), name, reason: reason.into(), control: Some(c.id) }),
        }
    }

    // Every field of the profile is accounted for. "Not on this page" only when no control left
    // over is labelled for it; one that is (but was not sure enough) is named instead.
    let filled: BTreeSet<String> = assigned.iter().map(|a| a.1.clone()).collect();
    let leftover: Vec<usize> = usable.iter().copied().filter(|i| !used_controls.contains(i)).collect();
    let labelled_for = |def: &FieldDef| -> Option<usize> {
        leftover
            .iter()
            .find(|&&i| {
                kind_fit(def.kind, def.key, &controls[i].kind).is_some()
                    && reads[i].labels.iter().any(|(w, l, src)| src != "autocomplete" && *w >= 0.5 && phrase_strength(l, def) >= 0.6)
            })
            .map(|&i| controls[i].id)
    };
    for def in FIELDS {
        if filled.contains(def.key) {
            continue;
        }
        let (reason, control) = if profile_value(profile, def.key).is_empty() {
            ("empty_in_profile", None)
        } else {
            match labelled_for(def) {
                Some(id) => ("unsure", Some(id)),
                None => ("not_on_page", None),
            }
        };
        out.missing.push(Missing { field: def.key.into(), name: name_of(def, None), reason: reason.into(), control });
    }
    for (e, job) in profile.pekerjaan.iter().enumerate() {
        if job.perusahaan.trim().is_empty() && job.jabatan.trim().is_empty() {
            continue; // an empty entry in the profile
        }
        for def in JOB_FIELDS {
            let field = format!("pekerjaan.{e}.{}", def.key);
            // A page without a "still working here" box says it by the empty end date.
            let implied = def.kind == ValueKind::Flag || (def.key == "selesai" && job.sekarang);
            if filled.contains(&field) || implied {
                continue;
            }
            let (reason, control) = if job_value(profile, e, def.key).is_empty() {
                ("empty_in_profile", None)
            } else if e < entries.len() || entries.is_empty() {
                match labelled_for(def) {
                    Some(id) if e < entries.len().max(1) => ("unsure", Some(id)),
                    _ => ("not_on_page", None),
                }
            } else {
                ("no_entry", None)
            };
            out.missing.push(Missing { field, name: name_of(def, Some(e)), reason: reason.into(), control });
        }
    }
    // Controls a person would fill that the plan could not read, by the label the person sees.
    for &i in &leftover {
        let c = controls[i];
        if !matches!(c.kind.as_str(), "button") && !out.missing.iter().any(|m| m.control == Some(c.id)) {
            out.unrecognised.push(Unrecognised { control: c.id, label: seen_label(c) });
        }
    }
    // Another entry is needed and the page offers a button to add one.
    let wanted = profile.pekerjaan.iter().filter(|j| !j.perusahaan.trim().is_empty() || !j.jabatan.trim().is_empty()).count();
    if wanted > entries.len() && (!entries.is_empty() || any_job_context(&reads, &usable)) {
        let add = controls.iter().enumerate().find(|(i, c)| {
            c.kind == "button" && c.visible && !c.disabled && any_phrase(&reads[*i].all, words::ADD_WORDS) && never_touch(c, &reads[*i]).is_none() && {
                let r = &reads[*i];
                any_phrase(&r.all, words::JOB_CONTEXT) || any_phrase(&r.context, words::JOB_CONTEXT) || !entries.is_empty()
            }
        });
        if let Some((_, c)) = add {
            out.add_entry = Some(AddEntry { control: c.id, needed: wanted - entries.len() });
        }
    }
    out
}

/// Job entries among `candidates`: each grouped under the largest container that holds no second
/// control for its job field (one card, table row or fieldset per job); an entry is at least two
/// job fields, or one that only a job has.
fn group_entries(candidates: &[usize], clash_with: &[usize], controls: &[&Control], job_field_of: &dyn Fn(usize) -> usize) -> Vec<Vec<usize>> {
    let mut by_container: Vec<(Option<u32>, Vec<usize>)> = Vec::new();
    for &i in candidates {
        let field = job_field_of(i);
        let mut chosen = None;
        for &a in &controls[i].path {
            if clash_with.iter().any(|&o| o != i && job_field_of(o) == field && controls[o].path.contains(&a)) {
                break;
            }
            chosen = Some(a);
        }
        match by_container.iter_mut().find(|(c, _)| *c == chosen && chosen.is_some()) {
            Some((_, v)) => v.push(i),
            None => by_container.push((chosen, vec![i])),
        }
    }
    by_container.into_iter().map(|(_, members)| members).filter(|m| m.len() >= 2 || m.iter().any(|&i| JOB_FIELDS[job_field_of(i)].key != "jabatan")).collect()
}

fn any_job_context(reads: &[Read], usable: &[usize]) -> bool {
    usable.iter().any(|&i| any_phrase(&reads[i].context, words::JOB_CONTEXT))
}

/// Greedy one-to-one assignment: the best-scoring (score, control, field) pairs first (ties by
/// control order), each control and each field taken once; controls already in `used_controls`
/// are skipped, and the ones chosen are added to it.
fn best_pairs(mut pairs: Vec<(f64, usize, usize)>, used_controls: &mut BTreeSet<usize>) -> Vec<(f64, usize, usize)> {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut used_fields = BTreeSet::new();
    pairs
        .into_iter()
        .filter(|&(_, i, f)| {
            if used_controls.contains(&i) || used_fields.contains(&f) {
                return false;
            }
            used_controls.insert(i);
            used_fields.insert(f);
            true
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats_as_pages_state_them() {
        let d = Date::new(1995, 8, 17).unwrap();
        for (hint, want) in [
            ("DD-MM-YYYY", "17-08-1995"),
            ("dd/mm/yyyy", "17/08/1995"),
            ("Format: hh-bb-tttt", "17-08-1995"),
            ("YYYY-MM-DD", "1995-08-17"),
            ("contoh (mm/dd/yyyy)", "08/17/1995"),
            ("Tanggal (DD.MM.YYYY)", "17.08.1995"),
        ] {
            assert_eq!(date_format(hint).map(|f| format_date(d, f)).as_deref(), Some(want), "{hint}");
        }
        assert_eq!(date_format("Tanggal Lahir"), None);
        assert_eq!(date_format("pilih tanggal"), None);
    }

    #[test]
    fn phone_numbers_as_the_placeholder_shows_them() {
        let p = normalize_phone("0812-3456-7890").unwrap();
        assert_eq!(shape_phone(&p, "08xx-xxxx-xxxx").as_deref(), Some("0812-3456-7890"));
        assert_eq!(shape_phone(&p, "+62 8xx xxxx xxxx").as_deref(), Some("+62 812 3456 7890"));
        assert_eq!(shape_phone(&p, "62-812-xxxx-xxxx").as_deref(), Some("62-812-3456-7890"));
        assert_eq!(shape_phone(&p, "(0xx) xxxx xxxxx").as_deref(), Some("(081) 2345 67890"));
        assert_eq!(shape_phone(&p, "08xxxxxxxxxx"), None, "no groups: typed as digits");
        assert_eq!(shape_phone(&p, "Nomor HP aktif"), None);
        assert_eq!(shape_phone(&p, "+62 8xx"), None, "too short to be a picture of the number");
    }

    #[test]
    fn options_are_chosen_by_meaning() {
        let o = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(choose_option("jenis_kelamin", "P", &o(&["-- Pilih --", "Laki-laki", "Perempuan"])), Some(2));
        assert_eq!(choose_option("jenis_kelamin", "L", &o(&["Pria", "Wanita"])), Some(0));
        assert_eq!(choose_option("pendidikan.jenjang", "S1", &o(&["SMA/SMK", "D-III", "S-1 / Sarjana", "S-2"])), Some(2));
        assert_eq!(choose_option("pendidikan.jenjang", "D3", &o(&["SMA/SMK", "Diploma III", "S-1"])), Some(1));
        assert_eq!(
            choose_option("formasi.instansi", "Badan Kepegawaian Negara", &o(&["Badan Pusat Statistik", "Badan Kepegawaian Negara", "Kementerian Keuangan"])),
            Some(1)
        );
        assert_eq!(choose_option("formasi.lokasi", "Kantor Pusat Jakarta", &o(&["Kantor Regional I Yogyakarta"])), None);
        assert_eq!(choose_option("pendidikan.program_studi", "Teknik Informatika", &o(&["S-1 Teknik Informatika", "S-1 Sistem Informasi"])), Some(0));
    }

    #[test]
    fn labels_without_meaning_shared_labels_and_month_names() {
        for t in [":", "*", "(wajib)", "1.", "a)", "•", " : "] {
            assert!(meaningless(t), "{t}");
        }
        assert!(!meaningless("NIK") && !meaningless("No. HP"));
        assert_eq!(label_piece("Tempat / Tgl. Lahir", 0, 2), Some(words("tempat lahir")));
        assert_eq!(label_piece("Tempat / Tgl. Lahir", 1, 2), Some(words("tanggal lahir")));
        assert_eq!(label_piece("Tanggal Lahir", 0, 3), None);
        for (m, n) in [("Agustus", 8), ("Agt", 8), ("Aug", 8), ("08", 8), ("Mei", 5), ("December", 12), ("Des", 12), ("13", 0)] {
            assert_eq!(month_of(&words(m)).unwrap_or(0), n, "{m}");
        }
        let o = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(choose_option("pendidikan.jenjang", "S-1", &o(&["SLTA/Sederajat", "Diploma III (D3)", "Strata 1 (S1)"])), Some(2));
        assert_eq!(choose_option("pendidikan.jenjang", "Sarjana", &o(&["SMA", "D-IV", "S1"])), Some(2));
        assert_eq!(choose_option("jenis_kelamin", "P", &o(&["-", "L", "P"])), Some(2));
        assert_eq!(choose_option("jenis_kelamin", "Perempuan", &o(&["Male", "Female"])), Some(1));
    }
}

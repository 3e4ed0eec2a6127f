//! Form filling, planned here and carried out by the extension: the content script collects a
//! snapshot of the page's controls (every candidate label with its source, as a person would read
//! it), [`plan`] matches controls to profile fields — one control per field, one field per
//! control, repeated job entries in page order — and formats each value for its control; the
//! content script then types or chooses, and reads every value back.
//!
//! The plan also lists every applicable profile field left without a control, with the reason,
//! and the controls that are never touched (captcha, password, file, submit).

pub mod words;

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

/// One candidate label of a control and where on the page it came from: `label` (`<label for>`
/// or wrapping), `aria_label`, `aria_labelledby`, `aria_describedby`, `placeholder`, `title`,
/// `name`, `id`, `autocomplete`, `left` (text left of it in the same row), `above`,
/// `table_header` (its column's or row's header), `legend` (fieldset), `heading` (the section's
/// heading), `text` (a button's own text).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Label {
    pub source: String,
    pub text: String,
}

/// A control as the content script saw it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Control {
    /// Index in the content script's list (the plan refers to controls by it).
    pub id: usize,
    /// text, email, tel, number, date, month, select, combobox, datepicker, radio, checkbox,
    /// textarea, password, file, button, submit.
    pub kind: String,
    /// The component library behind it, when known (react-select, el-select, antd-select,
    /// el-date, antd-date); empty for native controls.
    pub widget: String,
    pub visible: bool,
    pub disabled: bool,
    pub readonly: bool,
    /// `[x, y, width, height]` in CSS pixels.
    pub rect: [f64; 4],
    pub labels: Vec<Label>,
    /// Visible option texts (selects, radio groups, listboxes already open).
    pub options: Vec<String>,
    /// Ancestor elements, nearest first (opaque ids; used to find repeated entries).
    pub path: Vec<u32>,
    /// Its current value as shown.
    pub value: String,
}

/// The page: its controls in document order (`controls` is required).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub title: String,
    pub controls: Vec<Control>,
}

/// How the content script fills a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Type the text (native setter + input/change events).
    Type,
    /// Native select: choose option `option`.
    Select,
    /// Radio group: click option `option`.
    Radio,
    /// Searchable or remote select: open, type `search`, wait for options, choose the one the
    /// core picks for `value` ([`choose_option`]).
    Choose,
    /// A date picker widget: type `value` in its format and confirm.
    PickDate,
    /// Tick a checkbox (never untick one).
    Check,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub control: usize,
    /// `nik`, `pendidikan.ipk`, `pekerjaan.1.jabatan`.
    pub field: String,
    pub name: Message,
    /// What to type or which option text to choose; also what reading back must show.
    pub value: String,
    pub how: How,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    pub score: f64,
}

/// A profile field this page asks for (its section is on the page) that the plan cannot fill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Missing {
    pub field: String,
    pub name: Message,
    /// `not_on_page`, `no_entry` (no job entry left for it), `no_option` (the control offers no
    /// matching choice), `empty_in_profile`.
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Untouched {
    pub control: usize,
    /// `password`, `captcha`, `file`, `submit`.
    pub reason: String,
}

/// Click this button (e.g. "Tambah Riwayat Pekerjaan") to get another job entry, then collect
/// and plan again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddEntry {
    pub control: usize,
    pub needed: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub missing: Vec<Missing>,
    pub untouched: Vec<Untouched>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub add_entry: Option<AddEntry>,
    /// Controls that match a profile field (whether or not the profile has a value for it).
    pub matched: usize,
    /// Job entries found on the page.
    pub job_entries: usize,
}

fn message(id: impl Into<String>, en: impl Into<String>) -> Message {
    Message { id: id.into(), en: en.into() }
}

/// How much a label's source counts (the label a person reads first counts most).
fn source_weight(source: &str) -> f64 {
    match source {
        "label" | "aria_label" | "aria_labelledby" => 1.0,
        "left" => 0.95,
        "table_header" | "above" => 0.85,
        "autocomplete" => 0.9,
        "placeholder" | "title" => 0.7,
        "name" => 0.6,
        "id" => 0.5,
        "aria_describedby" => 0.4,
        _ => 0.0,
    }
}

/// `autocomplete` tokens (WHATWG) and the field they name.
fn autocomplete_field(token: &str) -> Option<&'static str> {
    Some(match token {
        "name" => "nama",
        "email" => "email",
        "tel" | "tel-national" | "mobile" => "no_hp",
        "bday" => "tanggal_lahir",
        "sex" => "jenis_kelamin",
        "street-address" | "address-line1" => "alamat",
        "organization" => "perusahaan",
        "organization-title" => "jabatan",
        _ => return None,
    })
}

/// How well one label's words name `def` (0 when the label speaks of something else).
fn phrase_strength(w: &[String], def: &FieldDef) -> f64 {
    if w.is_empty() || def.not.iter().any(|n| w.iter().any(|x| x == n)) {
        return 0.0;
    }
    let mut best: f64 = 0.0;
    for (phrase, weight) in def.phrases {
        let p: Vec<&str> = phrase.split(' ').collect();
        if contains_phrase(w, &p) {
            // A label that says only this ("Jabatan") beats one that also says more.
            let cover = p.len() as f64 / w.len().max(p.len()) as f64;
            best = best.max(weight * (0.75 + 0.25 * cover));
        }
    }
    best
}

/// A control's words per source, read once.
struct Read {
    labels: Vec<(f64, Vec<String>, String)>,
    context: Vec<String>,
    all: Vec<String>,
    options: Vec<Vec<String>>,
}

fn read(c: &Control) -> Read {
    let mut labels = Vec::new();
    let mut context = Vec::new();
    let mut all = Vec::new();
    for l in c.labels.iter().take(MAX_LABELS) {
        let w = words(&l.text);
        match l.source.as_str() {
            "legend" | "heading" => context.extend(w.iter().cloned()),
            // `autocomplete="new-password"` is how some libraries stop browser suggestions.
            "autocomplete" => labels.push((source_weight(&l.source), w, l.source.clone())),
            _ => {
                all.extend(w.iter().cloned());
                labels.push((source_weight(&l.source), w, l.source.clone()));
            }
        }
    }
    let options = c.options.iter().take(MAX_OPTIONS).map(|o| words(o)).collect();
    Read { labels, context, all, options }
}

/// Why a control must never be touched, if it must not.
fn never_touch(c: &Control, r: &Read) -> Option<&'static str> {
    match c.kind.as_str() {
        "password" => return Some("password"),
        "file" => return Some("file"),
        "submit" => return Some("submit"),
        "button" => {
            return (any_phrase(&r.all, words::SUBMIT_WORDS) && !any_phrase(&r.all, words::ADD_WORDS)).then_some("submit");
        }
        _ => {}
    }
    if any_phrase(&r.all, &["captcha", "kode keamanan", "kode verifikasi", "ketik kode", "security code", "verification code", "kode captcha"]) {
        return Some("captcha");
    }
    if any_phrase(&r.all, words::NEVER_TOUCH) {
        return Some("password");
    }
    None
}

/// Whether a value of `kind` can go into a control of `control_kind`, and a bonus when the
/// control's type itself says what it holds (`type=email`, `type=date`).
fn kind_fit(kind: ValueKind, key: &str, control_kind: &str) -> Option<f64> {
    use ValueKind::*;
    if (kind == Flag) != (control_kind == "checkbox") {
        return None;
    }
    match control_kind {
        "checkbox" => Some(0.0),
        "button" | "submit" | "password" | "file" => None,
        "radio" => matches!(kind, Gender | Choice).then_some(0.0),
        "date" | "datepicker" => (kind == Date).then_some(0.2),
        "month" => (kind == Date && !key.ends_with("lahir")).then_some(0.1),
        "email" => (key == "email").then_some(0.5),
        "tel" => match key {
            "no_hp" => Some(0.3),
            "nik" | "no_kk" => Some(0.0),
            _ => None,
        },
        "number" => matches!(kind, Digits | Decimal | Year | Phone).then_some(0.0),
        _ => Some(0.0),
    }
}

/// The score of every field for one control (`job` = the fields of a job entry).
fn scores(c: &Control, r: &Read, defs: &[FieldDef], job: bool) -> Vec<f64> {
    let job_ctx = any_phrase(&r.context, words::JOB_CONTEXT);
    let formasi_ctx = any_phrase(&r.context, words::FORMASI_CONTEXT);
    defs.iter()
        .map(|def| {
            let Some(bonus) = kind_fit(def.kind, def.key, &c.kind) else { return 0.0 };
            let mut found: Vec<f64> = Vec::new();
            for (weight, w, source) in &r.labels {
                let s = if source == "autocomplete" {
                    if w.iter().any(|t| autocomplete_field(t) == Some(def.key)) || autocomplete_field(&w.join("-")) == Some(def.key) {
                        1.0
                    } else {
                        0.0
                    }
                } else {
                    phrase_strength(w, def)
                };
                if s > 0.0 {
                    found.push(weight * s);
                }
            }
            // Options speak too: "Laki-laki / Perempuan" is a gender whatever the label says.
            if def.kind == ValueKind::Gender && r.options.iter().any(|o| gender_of(o).is_some()) {
                found.push(0.9);
            }
            if def.key == "pendidikan.jenjang" && r.options.iter().filter(|o| jenjang_of(o).is_some()).count() >= 2 {
                found.push(0.7);
            }
            found.sort_by(|a, b| b.total_cmp(a));
            let Some(&best) = found.first() else { return 0.0 };
            let mut score = best + 0.2 * found.get(1).copied().unwrap_or(0.0) + bonus;
            match def.section {
                Section::Pekerjaan if job_ctx => score += 0.25,
                Section::Pekerjaan if formasi_ctx => score *= 0.6,
                Section::Formasi if formasi_ctx => score += 0.25,
                Section::Formasi if job_ctx => score *= 0.6,
                _ => {}
            }
            if job && !job_ctx && def.section == Section::Pekerjaan && def.key == "jabatan" {
                score *= 0.95; // a lone "Jabatan" is the formasi's unless the page says work history
            }
            score
        })
        .collect()
}

/// "L"/"P" from an option or a profile value.
fn gender_of(w: &[String]) -> Option<char> {
    let has = |x: &str| w.iter().any(|t| t == x);
    if has("perempuan") || has("wanita") || has("female") || (w.len() == 1 && has("p")) {
        Some('P')
    } else if (has("laki") || has("pria") || has("male") || (w.len() == 1 && has("l"))) && !has("female") {
        Some('L')
    } else {
        None
    }
}

/// A level of education from its usual spellings ("S1", "S-1", "Sarjana", "Strata 1", "D-III").
fn jenjang_of(w: &[String]) -> Option<&'static str> {
    let has = |x: &str| w.iter().any(|t| t == x);
    let seq = |a: &str, b: &str| contains_phrase(w, &[a, b]);
    Some(if seq("s", "1") || seq("strata", "1") || has("sarjana") || has("bachelor") {
        "S1"
    } else if seq("s", "2") || seq("strata", "2") || has("magister") || has("master") {
        "S2"
    } else if seq("s", "3") || seq("strata", "3") || has("doktor") || has("doctor") {
        "S3"
    } else if seq("d", "4") || seq("diploma", "4") {
        "D4"
    } else if seq("d", "3") || seq("diploma", "3") {
        "D3"
    } else if seq("d", "2") || seq("diploma", "2") {
        "D2"
    } else if seq("d", "1") || seq("diploma", "1") {
        "D1"
    } else if has("sma") || has("smk") || has("slta") || has("ma") {
        "SLTA"
    } else if has("smp") || has("sltp") {
        "SLTP"
    } else {
        return None;
    })
}

/// Options that only ask to choose ("-- Pilih --", "Select…").
fn is_prompt(w: &[String]) -> bool {
    w.is_empty() || (w.len() <= 3 && w.iter().any(|t| matches!(t.as_str(), "pilih" | "select" | "choose" | "silakan")))
}

/// The option that means `value` for `field` (exact words first, then the one containing them),
/// or None when nothing offered matches. This is the only place options are matched.
pub fn choose_option(field: &str, value: &str, options: &[String]) -> Option<usize> {
    let key = field.rsplit('.').next().unwrap_or(field);
    let want = words(value);
    if want.is_empty() {
        return None;
    }
    let opts: Vec<Vec<String>> = options.iter().take(MAX_OPTIONS).map(|o| words(o)).collect();
    let mut best: Option<(f64, usize)> = None;
    for (i, o) in opts.iter().enumerate() {
        if is_prompt(o) {
            continue;
        }
        let score = if key == "jenis_kelamin" {
            let g = value.trim().chars().next().map(|c| c.to_ascii_uppercase());
            if gender_of(o).is_some() && gender_of(o) == g.filter(|c| *c == 'L' || *c == 'P').or_else(|| gender_of(&want)) {
                1.0
            } else {
                0.0
            }
        } else if key == "jenjang" && jenjang_of(&want).is_some() {
            if jenjang_of(o) == jenjang_of(&want) {
                1.0
            } else {
                0.0
            }
        } else if *o == want {
            1.0
        } else if contains_phrase(o, &want.iter().map(String::as_str).collect::<Vec<_>>()) {
            0.8 + 0.1 * want.len() as f64 / o.len() as f64
        } else if contains_phrase(&want, &o.iter().map(String::as_str).collect::<Vec<_>>()) && o.len() * 2 >= want.len() {
            0.6
        } else {
            let common = want.iter().filter(|t| o.contains(t)).count() as f64;
            let ratio = common / want.len().max(o.len()) as f64;
            if ratio >= 0.6 {
                0.4 * ratio
            } else {
                0.0
            }
        };
        if score > 0.0 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// A date format a page states ("DD-MM-YYYY", "dd/mm/yyyy", "hh-bb-tttt", "YYYY-MM-DD").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DateFormat {
    order: [char; 3],
    sep: char,
}

fn date_format(text: &str) -> Option<DateFormat> {
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let unit = |run: &[char]| -> Option<char> {
        let c = *run.first()?;
        if !run.iter().all(|x| *x == c) {
            return None;
        }
        match (c, run.len()) {
            ('d' | 'h', 1..=2) => Some('D'),
            ('m' | 'b', 1..=2) => Some('M'),
            ('y', 2 | 4) => Some('Y'),
            ('t', 1..=2) => Some('D'),
            ('t', 4) => Some('Y'),
            _ => None,
        }
    };
    let is_unit_char = |c: char| "dhmbyt".contains(c);
    let mut i = 0;
    while i < lower.len() {
        if !is_unit_char(lower[i]) || (i > 0 && lower[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        // three runs separated by one separator each
        let mut j = i;
        let mut runs = Vec::new();
        let mut sep = None;
        for k in 0..3 {
            let start = j;
            while j < lower.len() && j - start < 4 && lower[j] == lower[start] && is_unit_char(lower[j]) {
                j += 1;
            }
            if j == start {
                break;
            }
            runs.push(&lower[start..j]);
            if k < 2 {
                match lower.get(j) {
                    Some(&c) if "-/. ".contains(c) && sep.is_none_or(|s| s == c) => {
                        sep = Some(c);
                        j += 1;
                    }
                    _ => break,
                }
            }
        }
        let after_ok = lower.get(j).is_none_or(|c| !c.is_alphanumeric());
        if runs.len() == 3 && after_ok {
            let order: Option<Vec<char>> = runs.iter().map(|r| unit(r)).collect();
            if let Some(o) = order {
                let mut sorted = o.clone();
                sorted.sort_unstable();
                if sorted == ['D', 'M', 'Y'] {
                    return Some(DateFormat { order: [o[0], o[1], o[2]], sep: sep.unwrap_or('-') });
                }
            }
        }
        i += 1;
    }
    None
}

fn format_date(d: Date, f: DateFormat) -> String {
    let part = |c: char| match c {
        'D' => format!("{:02}", d.day),
        'M' => format!("{:02}", d.month),
        _ => format!("{:04}", d.year),
    };
    format!("{}{}{}{}{}", part(f.order[0]), f.sep, part(f.order[1]), f.sep, part(f.order[2]))
}

/// The value of `field` in `profile` as stored (empty when absent).
fn profile_value(p: &Profile, field: &str) -> String {
    let v = match field {
        "nik" => &p.nik,
        "no_kk" => &p.no_kk,
        "nama" => &p.nama,
        "tempat_lahir" => &p.tempat_lahir,
        "tanggal_lahir" => &p.tanggal_lahir,
        "jenis_kelamin" => &p.jenis_kelamin,
        "no_hp" => &p.no_hp,
        "email" => &p.email,
        "alamat" => &p.alamat,
        "pendidikan.jenjang" => &p.pendidikan.jenjang,
        "pendidikan.program_studi" => &p.pendidikan.program_studi,
        "pendidikan.institusi" => &p.pendidikan.institusi,
        "pendidikan.nomor_ijazah" => &p.pendidikan.nomor_ijazah,
        "pendidikan.ipk" => &p.pendidikan.ipk,
        "pendidikan.tahun_lulus" => &p.pendidikan.tahun_lulus,
        "formasi.instansi" => &p.formasi.instansi,
        "formasi.lokasi" => &p.formasi.lokasi,
        "formasi.jabatan" => &p.formasi.jabatan,
        _ => return String::new(),
    };
    v.trim().to_string()
}

fn job_value(p: &Profile, i: usize, key: &str) -> String {
    let Some(j) = p.pekerjaan.get(i) else { return String::new() };
    match key {
        "perusahaan" => &j.perusahaan,
        "jabatan" => &j.jabatan,
        "mulai" => &j.mulai,
        "selesai" => &j.selesai,
        "gaji" => &j.gaji,
        "sekarang" => return if j.sekarang { "true".into() } else { String::new() },
        _ => return String::new(),
    }
    .trim()
    .to_string()
}

/// The value as this control wants it, and how to put it there; Err(reason) when it cannot go in.
fn format_for(c: &Control, def: &FieldDef, field: &str, raw: &str) -> Result<(String, How, Option<usize>), &'static str> {
    let hints: String = c.labels.iter().filter(|l| l.source != "heading" && l.source != "legend").map(|l| l.text.as_str()).collect::<Vec<_>>().join(" | ");
    // Choices: native selects and radio groups by option text; searchable selects by the core's
    // choice among the options they show once searched.
    if c.kind == "select" || c.kind == "radio" {
        let i = choose_option(field, raw, &c.options).ok_or("no_option")?;
        let how = if c.kind == "select" { How::Select } else { How::Radio };
        return Ok((c.options[i].clone(), how, Some(i)));
    }
    if def.kind == ValueKind::Flag {
        return Ok(("true".into(), How::Check, None));
    }
    let text = match def.kind {
        ValueKind::Date => {
            let d = Date::parse(raw).ok_or("bad_value")?;
            match c.kind.as_str() {
                "date" => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
                "month" => format!("{:04}-{:02}", d.year, d.month),
                // Date pickers show their library's default (ISO) unless the page states another.
                "datepicker" => format_date(d, date_format(&hints).unwrap_or(DateFormat { order: ['Y', 'M', 'D'], sep: '-' })),
                _ => format_date(d, date_format(&hints).unwrap_or(DateFormat { order: ['D', 'M', 'Y'], sep: '-' })),
            }
        }
        ValueKind::Phone => match normalize_phone(raw) {
            Some(p) => c.labels.iter().filter(|l| l.source == "placeholder").find_map(|l| shape_phone(&p, &l.text)).unwrap_or_else(|| {
                let international = hints.contains("+62") || words(&hints).first().is_some_and(|w| w.starts_with("62"));
                if international {
                    p.international
                } else {
                    p.local
                }
            }),
            None => raw.to_string(),
        },
        ValueKind::Gender => {
            let g = raw.chars().next().map(|c| c.to_ascii_uppercase());
            if c.kind == "combobox" {
                return Ok((if g == Some('P') { "Perempuan" } else { "Laki-laki" }.into(), How::Choose, None));
            }
            if g == Some('P') { "Perempuan" } else { "Laki-laki" }.to_string()
        }
        ValueKind::Digits if def.key == "gaji" || c.kind == "number" => raw.chars().filter(|c| c.is_ascii_digit()).collect(),
        ValueKind::Digits => raw.chars().filter(|c| !c.is_whitespace()).collect(),
        ValueKind::Decimal => {
            let comma_hint = hints.chars().collect::<Vec<_>>().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == ',' && w[2].is_ascii_digit());
            if c.kind == "number" || !comma_hint {
                raw.replace(',', ".")
            } else {
                raw.replace('.', ",")
            }
        }
        _ => raw.to_string(),
    };
    let how = match c.kind.as_str() {
        "combobox" => How::Choose,
        "datepicker" => How::PickDate,
        _ => How::Type,
    };
    Ok((text, how, None))
}

/// The number written the way a placeholder such as `08xx-xxxx-xxxx` or `+62 812 3456 7890`
/// shows it (its prefix, groups and separators); None when the placeholder is not such a picture.
fn shape_phone(p: &crate::profile::Phone, placeholder: &str) -> Option<String> {
    let t = placeholder.trim();
    let slot = |c: char| c.is_ascii_digit() || "xX#*".contains(c);
    if t.is_empty() || !t.chars().all(|c| slot(c) || "+ -.()".contains(c)) {
        return None;
    }
    if t.chars().filter(|c| slot(*c)).count() < 8 || !t.chars().any(|c| " -.".contains(c)) {
        return None;
    }
    let number: &str = if t.starts_with('+') || t.starts_with("62") { &p.international } else { &p.local };
    let mut digits = number.chars().filter(|c| c.is_ascii_digit());
    let mut out = String::new();
    if t.starts_with('+') {
        out.push('+');
    }
    let mut separator = String::new();
    for ch in t.chars().filter(|c| *c != '+') {
        if slot(ch) {
            match digits.next() {
                Some(d) => {
                    out.push_str(&separator);
                    separator.clear();
                    out.push(d);
                }
                None => break,
            }
        } else {
            separator.push(ch);
        }
    }
    out.extend(digits);
    Some(out)
}

/// First few words of a value, as a person types into a search box.
fn search_text(value: &str) -> String {
    value.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

fn name_of(def: &FieldDef, job: Option<usize>) -> Message {
    match job {
        Some(i) => message(format!("Pekerjaan {}: {}", i + 1, def.name_id), format!("Job {}: {}", i + 1, def.name_en)),
        None => message(def.name_id, def.name_en),
    }
}

/// Match the page's controls to the profile's fields and say how to fill each.
pub fn plan(snapshot: &Snapshot, profile: &Profile) -> Plan {
    // A control id names one control: a repeated id (a hostile or broken snapshot) is skipped.
    let mut ids = BTreeSet::new();
    let controls: Vec<&Control> = snapshot.controls.iter().take(MAX_CONTROLS).filter(|c| ids.insert(c.id)).collect();
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

    // Sections on the page: two of its fields seen (one for the formasi, any job entry).
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (_, _, f, job, _) in &assigned {
        if job.is_none() {
            let section = match FIELDS[*f].section {
                Section::DataDiri => "data_diri",
                Section::Pendidikan => "pendidikan",
                Section::Formasi => "formasi",
                Section::Pekerjaan => "pekerjaan",
            };
            *seen.entry(section).or_default() += 1;
        }
    }
    let applicable = |s: Section| match s {
        Section::DataDiri => seen.get("data_diri").copied().unwrap_or(0) >= 2,
        Section::Pendidikan => seen.get("pendidikan").copied().unwrap_or(0) >= 2,
        Section::Formasi => seen.get("formasi").copied().unwrap_or(0) >= 2,
        Section::Pekerjaan => false,
    };

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
        match format_for(c, def, field, &raw) {
            Ok((value, how, option)) => {
                let search = (how == How::Choose).then(|| search_text(&value));
                out.steps.push(Step { control: c.id, field: field.clone(), name, value, how, option, search, score: (score * 100.0).round() / 100.0 });
            }
            Err(reason) => out.missing.push(Missing { field: field.clone(), name, reason: reason.into(), control: Some(c.id) }),
        }
    }

    // Applicable fields with a value and no control.
    let filled: BTreeSet<String> = assigned.iter().map(|a| a.1.clone()).collect();
    for def in FIELDS {
        if applicable(def.section) && !filled.contains(def.key) && !profile_value(profile, def.key).is_empty() {
            out.missing.push(Missing { field: def.key.into(), name: name_of(def, None), reason: "not_on_page".into(), control: None });
        }
    }
    if !entries.is_empty() {
        for (e, job) in profile.pekerjaan.iter().enumerate() {
            for def in JOB_FIELDS {
                let field = format!("pekerjaan.{e}.{}", def.key);
                // A page without a "still working here" box says it by the empty end date.
                let implied = def.kind == ValueKind::Flag || (def.key == "selesai" && job.sekarang);
                if filled.contains(&field) || job_value(profile, e, def.key).is_empty() || implied {
                    continue;
                }
                let reason = if e < entries.len() { "not_on_page" } else { "no_entry" };
                out.missing.push(Missing { field, name: name_of(def, Some(e)), reason: reason.into(), control: None });
            }
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
    by_container
        .into_iter()
        .map(|(_, members)| members)
        .filter(|m| m.len() >= 2 || m.iter().any(|&i| JOB_FIELDS[job_field_of(i)].key != "jabatan"))
        .collect()
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
}

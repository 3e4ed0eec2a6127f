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
/// `name`, `id`, `autocomplete`, `left` (text left of it in the same row), `above`, `right` (the
/// text right of a checkbox or radio), `table_header` (its column's or row's header), `legend`
/// (fieldset), `heading` (the section's heading), `text` (a button's own text); and what is not a
/// label but part of the value: `prefix` / `suffix`, fixed text shown beside the input inside its
/// box ("+62", "Rp", "%", "/ 4,00").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Label {
    pub source: String,
    pub text: String,
    /// One label governing several controls in its row ("Tempat / Tgl. Lahir" → a text box and a
    /// date): this control is number `part` (0-based, reading order) of `parts`; 0 parts = its own.
    #[serde(skip_serializing_if = "is_zero")]
    pub part: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub parts: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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
    /// `not_on_page` (no control on the page is labelled for it), `unsure` (a control is labelled
    /// for it, but the plan could not be sure it is this field's: `control` names it), `no_entry`
    /// (no job entry left for it), `no_option` (the control offers no matching choice),
    /// `bad_value`, `empty_in_profile`. Every field of the profile is either a step or here.
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<usize>,
}

/// A control the plan could not map to any profile field, by the label a person sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unrecognised {
    pub control: usize,
    pub label: String,
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
    /// Fillable controls left unfilled because the plan could not tell what they ask for.
    pub unrecognised: Vec<Unrecognised>,
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
        "left" | "right" => 0.95,
        "table_header" | "above" => 0.85,
        "autocomplete" => 0.9,
        "placeholder" | "title" => 0.7,
        "name" => 0.6,
        "id" => 0.5,
        "aria_describedby" => 0.4,
        _ => 0.0,
    }
}

/// Text that carries no meaning of its own: ":", "*", "(wajib)", bullets, numbering ("1.", "a)").
pub fn meaningless(text: &str) -> bool {
    let w = words(text);
    w.iter().all(|t| {
        matches!(t.as_str(), "wajib" | "diisi" | "harus" | "required" | "optional" | "opsional")
            || t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 2
            || t.len() == 1 && w.len() == 1 && text.trim().len() <= 3 && text.trim().ends_with(['.', ')'])
    })
}

/// The piece of a label that names control `part` of `parts` ("Tempat / Tgl. Lahir": part 0 is
/// "Tempat lahir", part 1 "Tgl. Lahir"); None when the label does not split into that many.
fn label_piece(text: &str, part: usize, parts: usize) -> Option<Vec<String>> {
    let pieces: Vec<Vec<String>> = text
        .split(['/', '&', ','])
        .flat_map(|p| p.split(" dan ").map(str::to_string).collect::<Vec<_>>())
        .map(|p| words(&p))
        .filter(|w| !w.is_empty())
        .collect();
    if pieces.len() != parts || part >= parts {
        return None;
    }
    let mut piece = pieces[part].clone();
    // "Tempat / Tgl. Lahir": a lone word before the slash shares the last word ("lahir").
    if part + 1 < parts && piece.len() == 1 {
        if let Some(tail) = pieces[parts - 1].last() {
            if pieces[parts - 1].len() > 1 {
                piece.push(tail.clone());
            }
        }
    }
    Some(piece)
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
    if def.key == "pendidikan.ipk" && w.first().is_some_and(|x| x == "skala") {
        return 0.0; // "Skala IPK": the scale, not the IPK
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
    /// Fixed text shown before the input inside its box ("+62", "Rp"); a suffix ("/ 4,00")
    /// stays among the hints (it tells the decimal comma).
    prefix: String,
}

fn read(c: &Control) -> Read {
    let mut labels = Vec::new();
    let mut context = Vec::new();
    let mut all = Vec::new();
    let mut prefix = String::new();
    for l in c.labels.iter().take(MAX_LABELS) {
        if meaningless(&l.text) && l.source != "prefix" && l.source != "suffix" {
            continue;
        }
        let w = match (l.parts > 1).then(|| label_piece(&l.text, l.part, l.parts)) {
            Some(Some(piece)) => piece,
            _ => words(&l.text),
        };
        match l.source.as_str() {
            "legend" | "heading" => context.extend(w.iter().cloned()),
            "prefix" => prefix = l.text.clone(),
            "suffix" => {}
            // `autocomplete="new-password"` is how some libraries stop browser suggestions.
            "autocomplete" => labels.push((source_weight(&l.source), w, l.source.clone())),
            _ => {
                all.extend(w.iter().cloned());
                labels.push((source_weight(&l.source), w, l.source.clone()));
            }
        }
    }
    let options = c.options.iter().take(MAX_OPTIONS).map(|o| words(o)).collect();
    Read { labels, context, all, options, prefix }
}

/// The label a person sees for a control (for "Kolom yang tidak dikenali: …").
fn seen_label(c: &Control) -> String {
    for source in ["label", "aria_label", "aria_labelledby", "left", "right", "above", "table_header", "placeholder", "title", "legend"] {
        if let Some(l) = c.labels.iter().find(|l| l.source == source && !meaningless(&l.text)) {
            let t = l.text.trim().trim_end_matches([':', '*', ' ']).trim();
            return t.chars().take(60).collect();
        }
    }
    c.labels.iter().find(|l| l.source == "name" || l.source == "id").map(|l| l.text.clone()).unwrap_or_else(|| format!("#{}", c.id))
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
        "date" | "datepicker" | "date_parts" => (kind == Date).then_some(0.2),
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
            let Some(bonus) = kind_fit(def.kind, def.key, &c.kind) else {
                return 0.0;
            };
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
            let Some(&best) = found.first() else {
                return 0.0;
            };
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
    let Some(j) = p.pekerjaan.get(i) else {
        return String::new();
    };
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
fn format_for(c: &Control, def: &FieldDef, field: &str, raw: &str, r: &Read) -> Result<(String, How, Option<usize>), &'static str> {
    let hints: String =
        c.labels.iter().filter(|l| !matches!(l.source.as_str(), "heading" | "legend" | "prefix")).map(|l| l.text.as_str()).collect::<Vec<_>>().join(" | ");
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
            // A fixed "+62", "62" or "0" shown before the input: the rest of the number is typed.
            Some(p) if r.prefix.contains("62") => p.international.trim_start_matches('+').trim_start_matches("62").to_string(),
            Some(p) if r.prefix.trim() == "0" => p.local.trim_start_matches('0').to_string(),
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

/// A month from its name or abbreviation, Indonesian or English ("Agustus", "Agt", "Aug").
fn month_of(w: &[String]) -> Option<u32> {
    if w.len() == 1 {
        if let Ok(n) = w[0].parse::<u32>() {
            return (1..=12).contains(&n).then_some(n);
        }
    }
    const MONTHS: [&[&str]; 12] = [
        &["januari", "january", "jan"],
        &["februari", "pebruari", "february", "feb", "peb"],
        &["maret", "march", "mar"],
        &["april", "apr"],
        &["mei", "may"],
        &["juni", "june", "jun"],
        &["juli", "july", "jul"],
        &["agustus", "august", "agu", "agt", "agst", "aug", "ags"],
        &["september", "sep", "sept"],
        &["oktober", "october", "okt", "oct"],
        &["november", "nopember", "nov", "nop"],
        &["desember", "december", "des", "dec"],
    ];
    let names: Vec<&String> = w.iter().filter(|t| !t.chars().all(|c| c.is_ascii_digit())).collect();
    let [name] = names.as_slice() else {
        return None;
    };
    MONTHS.iter().position(|m| m.contains(&name.as_str())).map(|i| i as u32 + 1)
}

fn number_of(w: &[String]) -> Option<u32> {
    match w {
        [n] => n.parse().ok(),
        _ => None,
    }
}

/// Which part of a date a control holds when a date is split in three: 'D', 'M' or 'Y' — from a
/// select's options (1–31, month names, years) or an input's own short label ("DD", "Bulan").
fn date_part(c: &Control) -> Option<char> {
    if c.kind == "select" {
        // The first option often names the part ("Tgl", "Bulan", "Tahun"): a prompt, not a choice.
        let part_word =
            |o: &Vec<String>| o.len() == 1 && matches!(o[0].as_str(), "tanggal" | "hari" | "bulan" | "tahun" | "day" | "month" | "year" | "dd" | "mm" | "yyyy");
        let opts: Vec<Vec<String>> = c.options.iter().take(MAX_OPTIONS).map(|o| words(o)).filter(|o| !is_prompt(o) && !part_word(o)).collect();
        let nums: Vec<u32> = opts.iter().filter_map(|o| number_of(o)).collect();
        if opts.len() >= 28 && opts.len() <= 31 && nums.len() == opts.len() && nums.iter().all(|n| (1..=31).contains(n)) {
            return Some('D');
        }
        if opts.len() == 12 && opts.iter().all(|o| month_of(o).is_some()) {
            return Some('M');
        }
        if opts.len() >= 5 && nums.iter().filter(|n| (1900..=2100).contains(*n)).count() * 10 >= opts.len() * 9 {
            return Some('Y');
        }
        return None;
    }
    if !matches!(c.kind.as_str(), "text" | "number" | "tel") {
        return None;
    }
    c.labels.iter().filter(|l| !matches!(l.source.as_str(), "heading" | "legend" | "above")).find_map(|l| {
        let w = words(&l.text);
        let last = w.last()?;
        // The part word alone, or last in a name ("tgl_lahir_dd").
        if w.len() > 1 && !matches!(l.source.as_str(), "name" | "id") {
            return None;
        }
        match last.as_str() {
            "dd" | "hh" | "tanggal" | "hari" | "day" | "d" => Some('D'),
            "mm" | "bb" | "bulan" | "month" | "m" => Some('M'),
            "yyyy" | "tttt" | "tahun" | "year" | "yy" | "y" => Some('Y'),
            _ => None,
        }
    })
}

/// Three controls side by side holding a day, a month and a year: one date.
fn date_groups(controls: &[&Control]) -> Vec<Vec<(char, usize)>> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i + 2 < controls.len() {
        let trio: Vec<Option<char>> = controls[i..i + 3].iter().map(|c| date_part(c)).collect();
        let same_row = controls[i..i + 3].iter().all(|c| (c.rect[1] - controls[i].rect[1]).abs() < controls[i].rect[3].max(20.0));
        let mut parts: Vec<char> = trio.iter().flatten().copied().collect();
        parts.sort_unstable();
        if same_row && parts == ['D', 'M', 'Y'] {
            groups.push((0..3).map(|k| (trio[k].unwrap(), i + k)).collect());
            i += 3;
        } else {
            i += 1;
        }
    }
    groups
}

/// The steps that put date `d` into a day / month / year trio, or Err(reason).
fn date_part_steps(d: Date, members: &[(char, &Control)]) -> Result<Vec<(usize, String, How, Option<usize>)>, &'static str> {
    members
        .iter()
        .map(|(part, c)| {
            let want = match part {
                'D' => d.day,
                'M' => d.month,
                _ => d.year,
            };
            if c.kind == "select" {
                let i = c
                    .options
                    .iter()
                    .take(MAX_OPTIONS)
                    .position(|o| {
                        let w = words(o);
                        if *part == 'M' {
                            month_of(&w) == Some(want)
                        } else {
                            number_of(&w) == Some(want)
                        }
                    })
                    .ok_or("no_option")?;
                Ok((c.id, c.options[i].clone(), How::Select, Some(i)))
            } else {
                let text = if *part == 'Y' { format!("{want:04}") } else { format!("{want:02}") };
                Ok((c.id, text, How::Type, None))
            }
        })
        .collect()
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
    let raw: Vec<&Control> = snapshot.controls.iter().take(MAX_CONTROLS).filter(|c| ids.insert(c.id)).collect();
    // A date split in three (day / month / year side by side) is planned as one date control.
    let fillable: Vec<&Control> = raw.iter().copied().filter(|c| c.visible && !c.disabled && !c.readonly).collect();
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
                    c.labels.push(Label { part: 0, parts: 0, ..l.clone() });
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

//! Reading a control as a person does: its labels by source, the words of each, whether it must
//! never be touched, and how well it fits each profile field.

use super::*;

/// How much a label's source counts (the label a person reads first counts most).
pub(super) fn source_weight(source: &str) -> f64 {
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
pub(super) fn label_piece(text: &str, part: usize, parts: usize) -> Option<Vec<String>> {
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
pub(super) fn autocomplete_field(token: &str) -> Option<&'static str> {
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
pub(super) fn phrase_strength(w: &[String], def: &FieldDef) -> f64 {
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
pub(super) struct Read {
    pub(super) labels: Vec<(f64, Vec<String>, String)>,
    pub(super) context: Vec<String>,
    pub(super) all: Vec<String>,
    pub(super) options: Vec<Vec<String>>,
    /// Fixed text shown before the input inside its box ("+62", "Rp"); a suffix ("/ 4,00")
    /// stays among the hints (it tells the decimal comma).
    pub(super) prefix: String,
}

pub(super) fn read(c: &Control) -> Read {
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
pub(super) fn seen_label(c: &Control) -> String {
    for source in ["label", "aria_label", "aria_labelledby", "left", "right", "above", "table_header", "placeholder", "title", "legend"] {
        if let Some(l) = c.labels.iter().find(|l| l.source == source && !meaningless(&l.text)) {
            let t = l.text.trim().trim_end_matches([':', '*', ' ']).trim();
            return t.chars().take(60).collect();
        }
    }
    c.labels.iter().find(|l| l.source == "name" || l.source == "id").map(|l| l.text.clone()).unwrap_or_else(|| format!("#{}", c.id))
}

/// Why a control must never be touched, if it must not.
pub(super) fn never_touch(c: &Control, r: &Read) -> Option<&'static str> {
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
pub(super) fn kind_fit(kind: ValueKind, key: &str, control_kind: &str) -> Option<f64> {
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
pub(super) fn scores(c: &Control, r: &Read, defs: &[FieldDef], job: bool) -> Vec<f64> {
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


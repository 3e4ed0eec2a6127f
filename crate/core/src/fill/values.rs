//! Each value in its control's format: options chosen by meaning, dates as the page writes them
//! (or split in day / month / year controls), phone numbers without a fixed prefix typed again.

use super::*;

/// "L"/"P" from an option or a profile value.
pub(super) fn gender_of(w: &[String]) -> Option<char> {
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
pub(super) fn jenjang_of(w: &[String]) -> Option<&'static str> {
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
pub(super) fn is_prompt(w: &[String]) -> bool {
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
pub(super) struct DateFormat {
    pub(super) order: [char; 3],
    pub(super) sep: char,
}

pub(super) fn date_format(text: &str) -> Option<DateFormat> {
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

pub(super) fn format_date(d: Date, f: DateFormat) -> String {
    let part = |c: char| match c {
        'D' => format!("{:02}", d.day),
        'M' => format!("{:02}", d.month),
        _ => format!("{:04}", d.year),
    };
    format!("{}{}{}{}{}", part(f.order[0]), f.sep, part(f.order[1]), f.sep, part(f.order[2]))
}

/// The value of `field` in `profile` as stored (empty when absent).
pub(super) fn profile_value(p: &Profile, field: &str) -> String {
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

pub(super) fn job_value(p: &Profile, i: usize, key: &str) -> String {
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
pub(super) fn format_for(c: &Control, def: &FieldDef, field: &str, raw: &str, r: &Read) -> Result<(String, How, Option<usize>), &'static str> {
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
pub(super) fn shape_phone(p: &crate::profile::Phone, placeholder: &str) -> Option<String> {
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
pub(super) fn month_of(w: &[String]) -> Option<u32> {
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

pub(super) fn number_of(w: &[String]) -> Option<u32> {
    match w {
        [n] => n.parse().ok(),
        _ => None,
    }
}

/// Which part of a date a control holds when a date is split in three: 'D', 'M' or 'Y' — from a
/// select's options (1–31, month names, years) or an input's own short label ("DD", "Bulan").
pub(super) fn date_part(c: &Control) -> Option<char> {
    if c.kind == "select" {
        // The first option often names the part ("Tgl", "Bulan", "Tahun"): a prompt, not a choice.
        let part_word =
            |o: &Vec<String>| o.len() == 1 && matches!(o[0].as_str(), "tanggal" | "hari" | "bulan" | "tahun" | "day" | "month" | "year" | "dd" | "mm" | "yyyy");
        // Or the first option names the date it belongs to ("Tanggal Lahir (tgl)"): no value either.
        let caption = |k: usize, o: &Vec<String>| k == 0 && number_of(o).is_none() && month_of(o).is_none();
        let opts: Vec<Vec<String>> = c
            .options
            .iter()
            .take(MAX_OPTIONS)
            .map(|o| words(o))
            .enumerate()
            .filter(|(k, o)| !is_prompt(o) && !part_word(o) && !caption(*k, o))
            .map(|(_, o)| o)
            .collect();
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
pub(super) fn date_groups(controls: &[&Control]) -> Vec<Vec<(char, usize)>> {
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
pub(super) fn date_part_steps(d: Date, members: &[(char, &Control)]) -> Result<Vec<(usize, String, How, Option<usize>)>, &'static str> {
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
pub(super) fn search_text(value: &str) -> String {
    value.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}


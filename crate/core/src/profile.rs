//! The applicant's profile (kept only in the browser) and its validation: NIK and KK structure,
//! the birth date and gender encoded in the NIK, phone numbers, e-mail, dates, IPK and work
//! history. Every problem is a bilingual message for the field it belongs to.

use serde::{Deserialize, Serialize};

use crate::report::Message;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Education {
    pub jenjang: String,
    pub program_studi: String,
    pub institusi: String,
    pub nomor_ijazah: String,
    /// As typed: "3,45" or "3.45".
    pub ipk: String,
    pub tahun_lulus: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Job {
    pub perusahaan: String,
    pub jabatan: String,
    /// YYYY-MM-DD
    pub mulai: String,
    /// YYYY-MM-DD, or empty while `sekarang`.
    pub selesai: String,
    pub sekarang: bool,
    pub gaji: String,
}

/// The formasi applied for, as the person wrote it (chosen on the page by its visible text).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Formasi {
    pub instansi: String,
    pub lokasi: String,
    pub jabatan: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub nik: String,
    pub no_kk: String,
    pub nama: String,
    pub tempat_lahir: String,
    /// YYYY-MM-DD
    pub tanggal_lahir: String,
    /// "L" (laki-laki) or "P" (perempuan).
    pub jenis_kelamin: String,
    pub no_hp: String,
    pub email: String,
    pub alamat: String,
    pub pendidikan: Education,
    pub formasi: Formasi,
    pub pekerjaan: Vec<Job>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// Dotted path of the field: `nik`, `pendidikan.ipk`, `pekerjaan.1.selesai`.
    pub field: String,
    pub message: Message,
}

/// Province codes in use (Kemendagri): the first two digits of a NIK or KK.
const PROVINCES: &[u32] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74,
    75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

fn problem(field: &str, id: String, en: String) -> FieldProblem {
    FieldProblem { field: field.into(), message: Message { id, en } }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month) && (1900..=2100).contains(&year)).then_some(Date { year, month, day })
    }

    /// Parse `YYYY-MM-DD` (what date inputs give) or `DD-MM-YYYY` / `DD/MM/YYYY` (what people type).
    pub fn parse(s: &str) -> Option<Date> {
        let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
        let nums: Vec<u32> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
        match (parts.first().map(|p| p.len()), nums.as_slice()) {
            (Some(4), &[y, m, d]) => Date::new(y, m, d),
            (Some(1 | 2), &[d, m, y]) if parts[2].len() == 4 => Date::new(y, m, d),
            _ => None,
        }
    }
}

/// What a NIK says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NikFacts {
    pub province: u32,
    /// Day, month and two-digit year of birth (women's day is stored + 40).
    pub birth_day: u32,
    pub birth_month: u32,
    pub birth_year_2: u32,
    pub female: bool,
}

/// Read a NIK: 16 digits, a province in use, a real day and month of birth.
pub fn parse_nik(nik: &str) -> Result<NikFacts, &'static str> {
    let n = nik.trim();
    if n.len() != 16 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return Err("length");
    }
    let num = |a: usize, b: usize| n[a..b].parse::<u32>().unwrap_or(0);
    let province = num(0, 2);
    if !PROVINCES.contains(&province) {
        return Err("region");
    }
    let raw_day = num(6, 8);
    let female = raw_day > 40;
    let day = if female { raw_day - 40 } else { raw_day };
    let month = num(8, 10);
    let year2 = num(10, 12);
    // Either century: a real date in 19yy or 20yy.
    if Date::new(1900 + year2, month, day).is_none() && Date::new(2000 + year2, month, day).is_none() {
        return Err("date");
    }
    if num(12, 16) == 0 {
        return Err("serial");
    }
    Ok(NikFacts { province, birth_day: day, birth_month: month, birth_year_2: year2, female })
}

/// A phone number in both forms SSCASN pages ask for: `08…` and `+628…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    pub local: String,
    pub international: String,
}

/// Normalise `0812-3456-789`, `+62 812 3456 789`, `62812…` or `812…` to both forms.
pub fn normalize_phone(s: &str) -> Option<Phone> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_string()
    } else {
        digits
    };
    // Mobile numbers: 8xx, 9 to 12 digits after the country code.
    (national.starts_with('8') && (9..=12).contains(&national.len()))
        .then(|| Phone { local: format!("0{national}"), international: format!("+62{national}") })
}

/// A plausible e-mail address (the syntax SSCASN accepts; no network check).
pub fn valid_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else { return false };
    let label_ok = |l: &str| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
        && domain.contains('.')
        && domain.split('.').all(label_ok)
        && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Every problem in the profile; empty fields are not problems (the person may fill them later).
pub fn validate(p: &Profile) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    let birth = if p.tanggal_lahir.trim().is_empty() { None } else { Date::parse(&p.tanggal_lahir) };
    if !p.tanggal_lahir.trim().is_empty() && birth.is_none() {
        out.push(problem("tanggal_lahir", "Tanggal lahir bukan tanggal yang benar.".into(), "The date of birth is not a real date.".into()));
    }
    if !p.nik.trim().is_empty() {
        match parse_nik(&p.nik) {
            Err("length") => out.push(problem("nik", "NIK harus 16 angka.".into(), "The NIK must be 16 digits.".into())),
            Err("region") => out.push(problem(
                "nik",
                "Dua angka pertama NIK bukan kode provinsi yang berlaku.".into(),
                "The first two digits of the NIK are not a valid province code.".into(),
            )),
            Err("date") => out.push(problem(
                "nik",
                "Angka ke-7 s.d. 12 NIK (tanggal lahir) tidak membentuk tanggal yang benar.".into(),
                "Digits 7–12 of the NIK (the birth date) do not form a real date.".into(),
            )),
            Err(_) => out.push(problem("nik", "Nomor urut NIK (4 angka terakhir) tidak boleh 0000.".into(), "The NIK's last four digits cannot be 0000.".into())),
            Ok(f) => {
                if let Some(b) = birth {
                    if (b.day, b.month, b.year % 100) != (f.birth_day, f.birth_month, f.birth_year_2) {
                        out.push(problem(
                            "nik",
                            format!("Tanggal lahir dalam NIK ({:02}-{:02}-{:02}) tidak sama dengan tanggal lahir di profil.", f.birth_day, f.birth_month, f.birth_year_2),
                            format!("The birth date in the NIK ({:02}-{:02}-{:02}) differs from the profile's date of birth.", f.birth_day, f.birth_month, f.birth_year_2),
                        ));
                    }
                }
                match (p.jenis_kelamin.trim(), f.female) {
                    ("L", true) => out.push(problem(
                        "jenis_kelamin",
                        "NIK ini milik perempuan (tanggal lahir + 40), tetapi jenis kelamin diisi laki-laki.".into(),
                        "This NIK belongs to a woman (birth day + 40), but the gender says male.".into(),
                    )),
                    ("P", false) => out.push(problem(
                        "jenis_kelamin",
                        "NIK ini milik laki-laki, tetapi jenis kelamin diisi perempuan.".into(),
                        "This NIK belongs to a man, but the gender says female.".into(),
                    )),
                    _ => {}
                }
            }
        }
    }
    if !p.no_kk.trim().is_empty() {
        let kk = p.no_kk.trim();
        if kk.len() != 16 || !kk.bytes().all(|b| b.is_ascii_digit()) {
            out.push(problem("no_kk", "Nomor KK harus 16 angka.".into(), "The family card number (KK) must be 16 digits.".into()));
        } else if !PROVINCES.contains(&kk[..2].parse().unwrap_or(0)) {
            out.push(problem(
                "no_kk",
                "Dua angka pertama nomor KK bukan kode provinsi yang berlaku.".into(),
                "The first two digits of the KK are not a valid province code.".into(),
            ));
        }
    }
    if !p.jenis_kelamin.trim().is_empty() && !["L", "P"].contains(&p.jenis_kelamin.trim()) {
        out.push(problem("jenis_kelamin", "Pilih laki-laki (L) atau perempuan (P).".into(), "Choose male (L) or female (P).".into()));
    }
    if !p.no_hp.trim().is_empty() && normalize_phone(&p.no_hp).is_none() {
        out.push(problem(
            "no_hp",
            "Nomor HP tidak dikenali. Tulis seperti 081234567890 atau +6281234567890.".into(),
            "The phone number is not recognised. Write it like 081234567890 or +6281234567890.".into(),
        ));
    }
    if !p.email.trim().is_empty() && !valid_email(&p.email) {
        out.push(problem("email", "Alamat email tidak valid.".into(), "The e-mail address is not valid.".into()));
    }
    let e = &p.pendidikan;
    if !e.ipk.trim().is_empty() {
        match e.ipk.trim().replace(',', ".").parse::<f64>() {
            Ok(v) if (0.0..=4.0).contains(&v) => {}
            _ => out.push(problem("pendidikan.ipk", "IPK harus angka 0,00 sampai 4,00.".into(), "The GPA (IPK) must be a number from 0.00 to 4.00.".into())),
        }
    }
    if !e.tahun_lulus.trim().is_empty() {
        let year: Option<u32> = e.tahun_lulus.trim().parse().ok().filter(|y| (1950..=2100).contains(y));
        match (year, birth) {
            (None, _) => out.push(problem("pendidikan.tahun_lulus", "Tahun lulus harus tahun 4 angka.".into(), "The graduation year must be a 4-digit year.".into())),
            (Some(y), Some(b)) if y < b.year + 14 => out.push(problem(
                "pendidikan.tahun_lulus",
                "Tahun lulus terlalu dekat dengan tahun lahir.".into(),
                "The graduation year is too close to the year of birth.".into(),
            )),
            _ => {}
        }
    }
    for (i, job) in p.pekerjaan.iter().enumerate() {
        let field = |f: &str| format!("pekerjaan.{i}.{f}");
        let start = if job.mulai.trim().is_empty() { None } else { Date::parse(&job.mulai) };
        if !job.mulai.trim().is_empty() && start.is_none() {
            out.push(problem(&field("mulai"), "Tanggal mulai bukan tanggal yang benar.".into(), "The start date is not a real date.".into()));
        }
        if job.sekarang || job.selesai.trim().is_empty() {
            continue;
        }
        match Date::parse(&job.selesai) {
            None => out.push(problem(&field("selesai"), "Tanggal selesai bukan tanggal yang benar.".into(), "The end date is not a real date.".into())),
            Some(end) if start.is_some_and(|s| end < s) => out.push(problem(
                &field("selesai"),
                "Tanggal selesai lebih awal dari tanggal mulai.".into(),
                "The end date is before the start date.".into(),
            )),
            _ => {}
        }
        if !job.gaji.trim().is_empty() && !job.gaji.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == ' ') {
            out.push(problem(&field("gaji"), "Gaji hanya berisi angka.".into(), "The salary may contain digits only.".into()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            nik: "3171045708950003".into(), // Jakarta, born 17-08-1995, female (57 = 17 + 40)
            no_kk: "3171041203150007".into(),
            nama: "SITI AMINAH".into(),
            tanggal_lahir: "1995-08-17".into(),
            jenis_kelamin: "P".into(),
            no_hp: "0812-3456-7890".into(),
            email: "siti.aminah@example.co.id".into(),
            pendidikan: Education { ipk: "3,45".into(), tahun_lulus: "2017".into(), ..Default::default() },
            pekerjaan: vec![Job { mulai: "2018-01-02".into(), selesai: "2020-12-31".into(), gaji: "5.000.000".into(), ..Default::default() }],
            ..Default::default()
        }
    }

    fn fields(p: &Profile) -> Vec<String> {
        validate(p).into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn a_consistent_profile_has_no_problems() {
        assert_eq!(validate(&profile()), vec![]);
        assert_eq!(validate(&Profile::default()), vec![], "empty fields are not errors");
    }

    #[test]
    fn reads_real_looking_niks() {
        let f = parse_nik("3171045708950003").unwrap();
        assert_eq!((f.province, f.birth_day, f.birth_month, f.birth_year_2, f.female), (31, 17, 8, 95, true));
        let m = parse_nik("3273011201000001").unwrap();
        assert_eq!((m.birth_day, m.birth_month, m.birth_year_2, m.female), (12, 1, 0, false));
        assert_eq!(parse_nik("317104570895000"), Err("length"));
        assert_eq!(parse_nik("31710457089500O3"), Err("length"));
        assert_eq!(parse_nik("9971045708950003"), Err("region"));
        assert_eq!(parse_nik("3171043213950003"), Err("date"), "month 13");
        assert_eq!(parse_nik("3171047202950003"), Err("date"), "32 + 40 is not a day");
        assert_eq!(parse_nik("3171042902010003"), Err("date"), "29 Feb 1901 / 2001 do not exist");
        assert!(parse_nik("3171042902000003").is_ok(), "29 Feb 2000 exists");
        assert_eq!(parse_nik("3171045708950000"), Err("serial"));
    }

    #[test]
    fn nik_must_agree_with_birth_date_and_gender() {
        let mut p = profile();
        p.tanggal_lahir = "1995-08-18".into();
        assert_eq!(fields(&p), ["nik"]);
        let mut p = profile();
        p.jenis_kelamin = "L".into();
        assert_eq!(fields(&p), ["jenis_kelamin"]);
        let mut p = profile();
        p.nik = "3171041708950003".into(); // a man's NIK
        assert_eq!(fields(&p), ["jenis_kelamin"]);
    }

    #[test]
    fn kk_email_phone_dates_ipk() {
        let mut p = profile();
        p.no_kk = "12345".into();
        p.email = "siti@@example".into();
        p.no_hp = "12345".into();
        p.tanggal_lahir = "1995-02-30".into();
        p.pendidikan.ipk = "4,5".into();
        p.pendidikan.tahun_lulus = "20x7".into();
        let f = fields(&p);
        for want in ["no_kk", "email", "no_hp", "tanggal_lahir", "pendidikan.ipk", "pendidikan.tahun_lulus"] {
            assert!(f.contains(&want.to_string()), "{want} in {f:?}");
        }
        let msg = validate(&p).into_iter().find(|f| f.field == "no_kk").unwrap().message;
        assert!(msg.id.contains("16 angka") && msg.en.contains("16 digits"));
    }

    #[test]
    fn a_job_cannot_end_before_it_starts_unless_current() {
        let mut p = profile();
        p.pekerjaan.push(Job { mulai: "2021-03-01".into(), selesai: "2020-03-01".into(), ..Default::default() });
        assert_eq!(fields(&p), ["pekerjaan.1.selesai"]);
        p.pekerjaan[1].sekarang = true;
        assert_eq!(fields(&p), Vec::<String>::new());
    }

    #[test]
    fn phone_numbers_normalise_both_ways() {
        let want = Some(Phone { local: "081234567890".into(), international: "+6281234567890".into() });
        for s in ["081234567890", "0812-3456-7890", "+62 812 3456 7890", "6281234567890", "81234567890"] {
            assert_eq!(normalize_phone(s), want, "{s}");
        }
        assert_eq!(normalize_phone("021-5551234"), None, "a landline is not a mobile number");
        assert_eq!(normalize_phone("08123"), None);
    }

    #[test]
    fn emails_and_dates() {
        assert!(valid_email("a.b+c@mail.example.id"));
        for bad in ["", "a@b", "a@@b.id", ".a@b.id", "a..b@c.id", "a@-b.id", "a b@c.id", "a@b.c"] {
            assert!(!valid_email(bad), "{bad}");
        }
        assert_eq!(Date::parse("17-08-1995"), Date::new(1995, 8, 17));
        assert_eq!(Date::parse("1995/08/17"), Date::new(1995, 8, 17));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
    }
}

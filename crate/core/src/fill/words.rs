//! Words as a person reads them: labels, names and option texts normalised to lower-case word
//! lists (camelCase and `snake_case` split, letters split from digits, common Indonesian
//! abbreviations spelled out), and the vocabulary of each profile field in Indonesian and English.

/// Lower-case words of `text`: `tglLahir` → `tanggal lahir`, `no_hp` → `nomor hp`,
/// `E-mail` → `email`, `S-1` / `S1` → `s 1`, `D-III` → `d 3`.
pub fn words(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    for c in text.chars().take(400) {
        if let Some(p) = prev {
            let camel = p.is_lowercase() && c.is_uppercase();
            let digit_edge = (p.is_ascii_digit() && c.is_alphabetic()) || (p.is_alphabetic() && c.is_ascii_digit());
            if camel || digit_edge {
                spaced.push(' ');
            }
        }
        spaced.extend(fold(c).to_lowercase());
        prev = Some(c);
    }
    let raw: Vec<&str> = spaced.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut out: Vec<String> = Vec::with_capacity(raw.len() + 2);
    let mut i = 0;
    while i < raw.len() {
        let w = raw[i];
        let next = raw.get(i + 1).copied();
        // "e mail" / "e-mail" → email; "s d" / "s.d." → sampai
        let joined = match (w, next) {
            ("e", Some("mail")) => Some("email"),
            ("whats", Some("app")) => Some("whatsapp"),
            ("hand", Some("phone")) => Some("hp"),
            ("handphone", _) => None,
            _ => None,
        };
        if let Some(j) = joined {
            out.push(j.into());
            i += 2;
            continue;
        }
        if w == "s" && next == Some("d") {
            out.push("sampai".into());
            i += 2;
            continue;
        }
        let prev_word = out.last().map(String::as_str);
        match expand(w, prev_word) {
            Some(list) => out.extend(list.iter().map(|s| s.to_string())),
            None => out.push(w.to_string()),
        }
        i += 1;
    }
    out
}

/// Accented Latin letters as their plain forms (names and places are typed both ways).
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        _ => c,
    }
}

/// Abbreviations spelled out (and Roman numerals after a degree letter).
fn expand(w: &str, prev: Option<&str>) -> Option<&'static [&'static str]> {
    Some(match w {
        "no" | "nmr" | "nomer" | "num" | "nr" | "nbr" => &["nomor"],
        "tgl" | "tggl" | "tang" => &["tanggal"],
        "tmp" | "tmpt" | "tpt" => &["tempat"],
        "telp" | "tlp" | "tel" | "telpon" => &["telepon"],
        "thn" | "th" => &["tahun"],
        "bln" => &["bulan"],
        "jns" => &["jenis"],
        "kel" if prev == Some("jenis") => &["kelamin"],
        "prodi" => &["program", "studi"],
        "wa" => &["whatsapp"],
        "dob" => &["tanggal", "lahir"],
        "handphone" | "hape" => &["hp"],
        "surel" => &["email"],
        "ii" if matches!(prev, Some("d" | "s" | "strata" | "diploma")) => &["2"],
        "iii" if matches!(prev, Some("d" | "s" | "strata" | "diploma")) => &["3"],
        "iv" if matches!(prev, Some("d" | "s" | "strata" | "diploma")) => &["4"],
        "i" if matches!(prev, Some("d" | "s" | "strata" | "diploma")) => &["1"],
        _ => return None,
    })
}

/// Whether `phrase` occurs in `text` as consecutive words.
pub fn contains_phrase(text: &[String], phrase: &[&str]) -> bool {
    !phrase.is_empty() && text.len() >= phrase.len() && text.windows(phrase.len()).any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

/// Where a profile value belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    DataDiri,
    Pendidikan,
    Formasi,
    Pekerjaan,
}

/// What kind of value a field holds (decides how it is formatted for a control).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Text,
    Date,
    Phone,
    Gender,
    Digits,
    Decimal,
    Year,
    Choice,
    /// A yes/no checkbox ("Masih bekerja"): ticked when the profile says so, else left alone.
    Flag,
}

/// A profile field: its key, the phrases that name it (weight 1.0 strong … 0.5 weak), words that
/// mean the label is about something else, and its names for the summary.
pub struct FieldDef {
    pub key: &'static str,
    pub section: Section,
    pub kind: ValueKind,
    pub phrases: &'static [(&'static str, f64)],
    pub not: &'static [&'static str],
    pub name_id: &'static str,
    pub name_en: &'static str,
}

const PERSON_NOT: &[&str] = &[
    "perusahaan", "instansi", "ibu", "ayah", "jabatan", "sekolah", "kampus", "universitas", "institusi", "kantor", "pengguna",
    "user", "company", "mother", "father", "wali", "pasangan", "suami", "istri", "anak", "bank", "rekening", "kota", "tempat",
    "file", "dokumen", "unit", "atasan",
];

/// Every field of the profile that a form may ask for (jobs: the fields of one entry).
pub const FIELDS: &[FieldDef] = &[
    FieldDef {
        key: "nik",
        section: Section::DataDiri,
        kind: ValueKind::Digits,
        phrases: &[("nik", 1.0), ("nomor induk kependudukan", 1.0), ("nomor ktp", 0.9), ("ktp", 0.6), ("national id", 0.8), ("nomor identitas", 0.6)],
        not: &["kk", "keluarga", "nip", "npwp", "ibu", "ayah", "pasangan", "file", "unggah", "upload", "foto", "scan"],
        name_id: "NIK",
        name_en: "NIK",
    },
    FieldDef {
        key: "no_kk",
        section: Section::DataDiri,
        kind: ValueKind::Digits,
        phrases: &[("nomor kk", 1.0), ("kk", 0.9), ("kartu keluarga", 1.0), ("family card", 1.0), ("nokk", 1.0)],
        not: &["file", "unggah", "upload", "foto", "scan", "kepala"],
        name_id: "Nomor KK",
        name_en: "Family card number (KK)",
    },
    FieldDef {
        key: "nama",
        section: Section::DataDiri,
        kind: ValueKind::Text,
        phrases: &[("nama lengkap", 1.0), ("nama", 0.8), ("full name", 1.0), ("name", 0.7), ("nama sesuai ktp", 1.0)],
        not: PERSON_NOT,
        name_id: "Nama lengkap",
        name_en: "Full name",
    },
    FieldDef {
        key: "tempat_lahir",
        section: Section::DataDiri,
        kind: ValueKind::Text,
        phrases: &[
            ("tempat lahir", 1.0),
            ("kota kelahiran", 1.0),
            ("tempat kelahiran", 1.0),
            ("kota lahir", 1.0),
            ("kabupaten kota lahir", 1.0),
            ("place of birth", 1.0),
            ("birth place", 1.0),
            ("birthplace", 1.0),
            ("lahir di", 0.8),
        ],
        not: &["tanggal", "date", "ibu", "ayah"],
        name_id: "Tempat lahir",
        name_en: "Place of birth",
    },
    FieldDef {
        key: "tanggal_lahir",
        section: Section::DataDiri,
        kind: ValueKind::Date,
        phrases: &[
            ("tanggal lahir", 1.0),
            ("tanggal kelahiran", 1.0),
            ("date of birth", 1.0),
            ("birth date", 1.0),
            ("birthdate", 1.0),
            ("birthday", 0.9),
            ("lahir", 0.5),
        ],
        not: &["tempat", "kota", "place", "ibu", "ayah", "anak"],
        name_id: "Tanggal lahir",
        name_en: "Date of birth",
    },
    FieldDef {
        key: "jenis_kelamin",
        section: Section::DataDiri,
        kind: ValueKind::Gender,
        phrases: &[("jenis kelamin", 1.0), ("kelamin", 0.9), ("gender", 1.0), ("sex", 1.0)],
        not: &[],
        name_id: "Jenis kelamin",
        name_en: "Gender",
    },
    FieldDef {
        key: "no_hp",
        section: Section::DataDiri,
        kind: ValueKind::Phone,
        phrases: &[
            ("nomor hp", 1.0),
            ("hp", 0.9),
            ("ponsel", 1.0),
            ("nomor ponsel", 1.0),
            ("telepon seluler", 1.0),
            ("seluler", 0.9),
            ("whatsapp", 0.9),
            ("telepon", 0.7),
            ("mobile", 0.9),
            ("phone", 0.8),
            ("nomor telepon", 0.8),
        ],
        not: &["rumah", "kantor", "darurat", "orang", "perusahaan", "instansi", "atasan", "keluarga", "home", "office", "emergency", "ayah", "ibu"],
        name_id: "Nomor HP",
        name_en: "Mobile number",
    },
    FieldDef {
        key: "email",
        section: Section::DataDiri,
        kind: ValueKind::Text,
        phrases: &[("email", 1.0), ("alamat email", 1.0), ("mail", 0.6)],
        not: &["konfirmasi", "ulangi", "confirm", "kantor", "perusahaan", "atasan"],
        name_id: "Email",
        name_en: "E-mail",
    },
    FieldDef {
        key: "alamat",
        section: Section::DataDiri,
        kind: ValueKind::Text,
        phrases: &[("alamat", 0.9), ("alamat domisili", 1.0), ("alamat lengkap", 1.0), ("domisili", 0.9), ("address", 1.0), ("alamat tinggal", 1.0)],
        not: &["email", "kantor", "perusahaan", "instansi", "ktp", "ip", "web", "website", "kode", "pos", "rt", "rw", "provinsi", "kabupaten", "kecamatan", "kelurahan", "desa"],
        name_id: "Alamat",
        name_en: "Address",
    },
    FieldDef {
        key: "pendidikan.jenjang",
        section: Section::Pendidikan,
        kind: ValueKind::Choice,
        phrases: &[
            ("jenjang", 1.0),
            ("jenjang pendidikan", 1.0),
            ("pendidikan terakhir", 0.9),
            ("tingkat pendidikan", 1.0),
            ("strata", 0.8),
            ("degree", 0.9),
            ("education level", 1.0),
        ],
        not: &["program", "studi", "jurusan", "institusi", "nama"],
        name_id: "Jenjang pendidikan",
        name_en: "Education level",
    },
    FieldDef {
        key: "pendidikan.program_studi",
        section: Section::Pendidikan,
        kind: ValueKind::Choice,
        phrases: &[
            ("program studi", 1.0),
            ("jurusan", 1.0),
            ("pendidikan", 0.7),
            ("kualifikasi pendidikan", 1.0),
            ("major", 0.9),
            ("study program", 1.0),
            ("field of study", 1.0),
        ],
        not: &["jenjang", "tingkat", "terakhir", "institusi", "tahun", "nomor", "ipk", "lulus", "perguruan", "universitas", "level"],
        name_id: "Program studi / pendidikan",
        name_en: "Study programme",
    },
    FieldDef {
        key: "pendidikan.institusi",
        section: Section::Pendidikan,
        kind: ValueKind::Text,
        phrases: &[
            ("perguruan tinggi", 1.0),
            ("universitas", 0.9),
            ("nama sekolah", 1.0),
            ("asal sekolah", 1.0),
            ("kampus", 0.8),
            ("institusi pendidikan", 1.0),
            ("institusi", 0.7),
            ("university", 1.0),
            ("school", 0.8),
        ],
        not: &["jurusan", "program", "tahun", "nomor", "ipk"],
        name_id: "Perguruan tinggi / sekolah",
        name_en: "University / school",
    },
    FieldDef {
        key: "pendidikan.nomor_ijazah",
        section: Section::Pendidikan,
        kind: ValueKind::Text,
        phrases: &[("nomor ijazah", 1.0), ("ijazah", 0.7), ("certificate number", 1.0), ("diploma number", 1.0)],
        not: &["tanggal", "tahun", "file", "unggah", "upload", "scan", "foto"],
        name_id: "Nomor ijazah",
        name_en: "Diploma number",
    },
    FieldDef {
        key: "pendidikan.ipk",
        section: Section::Pendidikan,
        kind: ValueKind::Decimal,
        phrases: &[("ipk", 1.0), ("indeks prestasi", 1.0), ("indeks prestasi kumulatif", 1.0), ("gpa", 1.0), ("nilai", 0.5)],
        // "Skala IPK" asks for the scale; "IPK (skala 4,00)" asks for the IPK and states the scale.
        not: &["maksimum"],
        name_id: "IPK",
        name_en: "GPA (IPK)",
    },
    FieldDef {
        key: "pendidikan.tahun_lulus",
        section: Section::Pendidikan,
        kind: ValueKind::Year,
        phrases: &[("tahun lulus", 1.0), ("tahun kelulusan", 1.0), ("lulus tahun", 1.0), ("lulus", 0.6), ("graduation year", 1.0), ("year of graduation", 1.0)],
        not: &["tanggal", "nomor"],
        name_id: "Tahun lulus",
        name_en: "Graduation year",
    },
    FieldDef {
        key: "formasi.instansi",
        section: Section::Formasi,
        kind: ValueKind::Choice,
        phrases: &[("instansi", 1.0), ("instansi tujuan", 1.0), ("instansi yang dilamar", 1.0), ("agency", 1.0)],
        not: &["perusahaan", "company", "employer", "pendidikan", "asal"],
        name_id: "Instansi (formasi)",
        name_en: "Agency (formasi)",
    },
    FieldDef {
        key: "formasi.lokasi",
        section: Section::Formasi,
        kind: ValueKind::Choice,
        phrases: &[("lokasi", 1.0), ("lokasi formasi", 1.0), ("lokasi kerja", 1.0), ("unit penempatan", 1.0), ("penempatan", 0.9), ("unit kerja", 0.8), ("location", 1.0)],
        not: &["ujian", "tes", "test", "lahir"],
        name_id: "Lokasi formasi",
        name_en: "Formasi location",
    },
    FieldDef {
        key: "formasi.jabatan",
        section: Section::Formasi,
        kind: ValueKind::Choice,
        phrases: &[("jabatan", 0.9), ("formasi jabatan", 1.0), ("jabatan yang dilamar", 1.0), ("formasi", 0.8), ("position", 0.8)],
        not: &["perusahaan", "riwayat", "pekerjaan", "terakhir", "atasan"],
        name_id: "Jabatan (formasi)",
        name_en: "Position applied for",
    },
];

/// The fields of one work-history entry (`pekerjaan.<i>.<key>`).
pub const JOB_FIELDS: &[FieldDef] = &[
    FieldDef {
        key: "perusahaan",
        section: Section::Pekerjaan,
        kind: ValueKind::Text,
        phrases: &[
            ("perusahaan", 1.0),
            ("nama perusahaan", 1.0),
            ("instansi perusahaan", 1.0),
            ("perusahaan instansi", 1.0),
            ("nama instansi", 0.8),
            ("instansi", 0.7),
            ("tempat kerja", 1.0),
            ("tempat bekerja", 1.0),
            ("nama kantor", 1.0),
            ("employer", 1.0),
            ("company", 1.0),
        ],
        not: &["alamat", "telepon", "email", "jabatan", "atasan"],
        name_id: "Perusahaan/instansi",
        name_en: "Employer",
    },
    FieldDef {
        key: "jabatan",
        section: Section::Pekerjaan,
        kind: ValueKind::Text,
        phrases: &[("jabatan", 1.0), ("posisi", 1.0), ("position", 1.0), ("job title", 1.0), ("jabatan terakhir", 1.0)],
        not: &["atasan", "perusahaan"],
        name_id: "Jabatan",
        name_en: "Position",
    },
    FieldDef {
        key: "mulai",
        section: Section::Pekerjaan,
        kind: ValueKind::Date,
        phrases: &[
            ("mulai", 1.0),
            ("tanggal mulai", 1.0),
            ("mulai bekerja", 1.0),
            ("dari", 0.8),
            ("dari tanggal", 1.0),
            ("sejak", 0.9),
            ("tmt", 0.9),
            ("awal", 0.7),
            ("start", 1.0),
            ("start date", 1.0),
            ("from", 0.8),
        ],
        not: &["selesai", "sampai", "hingga", "akhir", "end"],
        name_id: "Mulai",
        name_en: "Start",
    },
    FieldDef {
        key: "selesai",
        section: Section::Pekerjaan,
        kind: ValueKind::Date,
        phrases: &[
            ("selesai", 1.0),
            ("tanggal selesai", 1.0),
            ("sampai", 0.9),
            ("sampai tanggal", 1.0),
            ("hingga", 0.9),
            ("berakhir", 1.0),
            ("akhir", 0.7),
            ("end", 0.9),
            ("end date", 1.0),
            ("until", 0.9),
            ("to", 0.5),
        ],
        not: &["mulai", "awal", "start", "sejak"],
        name_id: "Selesai",
        name_en: "End",
    },
    FieldDef {
        key: "gaji",
        section: Section::Pekerjaan,
        kind: ValueKind::Digits,
        phrases: &[("gaji", 1.0), ("gaji terakhir", 1.0), ("penghasilan", 1.0), ("salary", 1.0), ("upah", 1.0), ("pendapatan", 0.9)],
        not: &[],
        name_id: "Gaji",
        name_en: "Salary",
    },
    FieldDef {
        key: "sekarang",
        section: Section::Pekerjaan,
        kind: ValueKind::Flag,
        phrases: &[
            ("masih bekerja", 1.0),
            ("sampai sekarang", 1.0),
            ("hingga sekarang", 1.0),
            ("sekarang", 0.8),
            ("saat ini", 0.8),
            ("masih aktif", 0.9),
            ("currently working", 1.0),
            ("current job", 1.0),
            ("present", 0.7),
        ],
        not: &[],
        name_id: "Masih bekerja",
        name_en: "Current job",
    },
];

/// Words that say a label or heading is about the work history, the formasi or a password/captcha.
pub const JOB_CONTEXT: &[&str] = &["pekerjaan", "riwayat kerja", "pengalaman kerja", "pengalaman", "work", "employment", "kerja"];
pub const FORMASI_CONTEXT: &[&str] = &["formasi", "lamaran", "dilamar", "pilih formasi", "seleksi"];
pub const NEVER_TOUCH: &[&str] = &[
    "captcha", "kode keamanan", "kode verifikasi", "ketik kode", "kata sandi", "password", "sandi", "otp", "pin", "kode captcha",
    "security code", "verification code",
];
pub const SUBMIT_WORDS: &[&str] = &[
    "simpan permanen", "simpan", "kirim", "submit", "selanjutnya", "daftar", "daftar sekarang", "bayar", "masuk", "login", "lanjut",
    "next", "save", "finish", "selesai", "hapus", "delete", "reset", "batal",
];
pub const ADD_WORDS: &[&str] = &["tambah", "add", "tambahkan"];

/// Whether any of `phrases` occurs in `text`.
pub fn any_phrase(text: &[String], phrases: &[&str]) -> bool {
    phrases.iter().any(|p| contains_phrase(text, &p.split(' ').collect::<Vec<_>>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_and_expand() {
        assert_eq!(words("tglLahir"), ["tanggal", "lahir"]);
        assert_eq!(words("No. HP / WhatsApp"), ["nomor", "hp", "whatsapp"]);
        assert_eq!(words("E-mail"), ["email"]);
        assert_eq!(words("Surel"), ["email"]);
        assert_eq!(words("no_kk"), ["nomor", "kk"]);
        assert_eq!(words("S-1 / Sarjana"), ["s", "1", "sarjana"]);
        assert_eq!(words("D-III"), ["d", "3"]);
        assert_eq!(words("data[0][tgl_mulai]"), ["data", "0", "tanggal", "mulai"]);
        assert_eq!(words("Prodi"), ["program", "studi"]);
        assert_eq!(words("s.d."), ["sampai"]);
    }

    #[test]
    fn phrases_are_consecutive_words() {
        let w = words("Nomor Induk Kependudukan (NIK)");
        assert!(contains_phrase(&w, &["nomor", "induk"]));
        assert!(!contains_phrase(&w, &["nomor", "kependudukan"]));
    }
}

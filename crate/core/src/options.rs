//! What the caller tells the checker: which document this is and at which stage, and the rules
//! that follow from it (expected type, default size limit, whether an e-Meterai is expected).
//! Defaults follow the 2023–2024 SSCASN announcements; the page's own stated limit overrides them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    SuratLamaran,
    SuratPernyataan,
    Ijazah,
    Transkrip,
    PasFoto,
    Ktp,
    Pendukung,
    #[default]
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Before a stamp is bought/applied: anything that would waste the stamp is an error.
    Stamping,
    /// After stamping: a missing, broken or modified e-Meterai (where expected) is the problem.
    #[default]
    Upload,
}

/// The file type a document must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedType {
    Pdf,
    Jpeg,
    /// Either is accepted (`other`: the page did not say).
    Any,
}

/// The rules that follow from the document type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocRules {
    pub expected: ExpectedType,
    pub default_max_bytes: u64,
    pub emeterai_expected: bool,
}

const KB: u64 = 1024;

impl DocType {
    pub const ALL: [DocType; 8] = [
        DocType::SuratLamaran,
        DocType::SuratPernyataan,
        DocType::Ijazah,
        DocType::Transkrip,
        DocType::PasFoto,
        DocType::Ktp,
        DocType::Pendukung,
        DocType::Other,
    ];

    pub fn rules(self) -> DocRules {
        use DocType::*;
        let (expected, kb, emeterai_expected) = match self {
            SuratLamaran => (ExpectedType::Pdf, 800, true),
            SuratPernyataan => (ExpectedType::Pdf, 800, true),
            Ijazah => (ExpectedType::Pdf, 800, false),
            Transkrip => (ExpectedType::Pdf, 500, false),
            PasFoto => (ExpectedType::Jpeg, 200, false),
            Ktp => (ExpectedType::Jpeg, 200, false),
            Pendukung => (ExpectedType::Pdf, 800, false),
            Other => (ExpectedType::Any, 800, false),
        };
        DocRules { expected, default_max_bytes: kb * KB, emeterai_expected }
    }

    /// The snake_case name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        use DocType::*;
        match self {
            SuratLamaran => "surat_lamaran",
            SuratPernyataan => "surat_pernyataan",
            Ijazah => "ijazah",
            Transkrip => "transkrip",
            PasFoto => "pas_foto",
            Ktp => "ktp",
            Pendukung => "pendukung",
            Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|d| d.as_str() == s.trim().to_ascii_lowercase())
    }
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Stamping => "stamping",
            Stage::Upload => "upload",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        match s.trim().to_ascii_lowercase().as_str() {
            "stamping" => Some(Stage::Stamping),
            "upload" => Some(Stage::Upload),
            _ => None,
        }
    }
}

/// Options for one analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Options {
    /// The file's name, only echoed in the report (the kind is sniffed from the bytes).
    pub file: String,
    pub doc: DocType,
    pub stage: Stage,
    /// The limit the page states, in KB (1 KB = 1024 bytes); overrides the document default.
    pub max_kb: Option<u64>,
    /// The limit in bytes when the page wrote one that is not a whole number of KB ("maks. 0,2 MB"
    /// is 209 715 bytes); wins over `max_kb`.
    pub limit_bytes: Option<u64>,
}

impl Options {
    pub fn max_bytes(&self) -> u64 {
        if let Some(bytes) = self.limit_bytes.filter(|b| *b > 0) {
            return bytes;
        }
        match self.max_kb {
            Some(kb) if kb > 0 => kb.saturating_mul(KB),
            _ => self.doc.rules().default_max_bytes,
        }
    }
}

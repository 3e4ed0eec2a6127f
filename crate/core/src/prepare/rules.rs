//! The upload page's rules for a set: the rows the extension remembered (or a `--rules` file),
//! validated and bounded, else the document types' defaults.

use super::*;

/// At most this many rows are read from a rules file (a real page has fewer than 15).
const MAX_RULE_ROWS: usize = 64;

/// One row of the upload page: a document, its stated limit and type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleRow {
    pub doc: DocType,
    /// The limit the page states, in KB (1 KB = 1024 bytes).
    pub max_kb: Option<u64>,
    /// `pdf` or `jpeg`, as the page asks (informative: the document type's rules decide).
    pub expected: Option<String>,
    /// The page asks for this document (rows marked optional — "jika ada" — are not).
    pub required: bool,
    /// The page says this document carries a (electronic) meterai.
    pub emeterai: bool,
}

impl Default for RuleRow {
    fn default() -> Self {
        RuleRow { doc: DocType::Other, max_kb: None, expected: None, required: true, emeterai: false }
    }
}

/// The rules of one registration, as read from its upload page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Rules {
    /// When the page was read (ISO 8601, as the extension stores it).
    pub date: Option<String>,
    /// Where it was read (the page's address).
    pub source: Option<String>,
    pub rows: Vec<RuleRow>,
}

impl Rules {
    /// Parse and validate a rules JSON (the extension's stored rules, or `--rules FILE`).
    pub fn from_json(text: &str) -> Result<Rules, String> {
        let rules: Rules = serde_json::from_str(text).map_err(|e| format!("rules: {e}"))?;
        rules.validated()
    }

    /// Bounds every field: a rules object comes from storage or a file, not from us.
    pub fn validated(mut self) -> Result<Rules, String> {
        if self.rows.len() > MAX_RULE_ROWS {
            return Err(format!("rules: {} rows (at most {MAX_RULE_ROWS})", self.rows.len()));
        }
        for r in &mut self.rows {
            if let Some(kb) = r.max_kb {
                if kb == 0 || kb > 1_000_000 {
                    return Err(format!("rules: bad max_kb {kb} for {}", r.doc.as_str()));
                }
            }
            if let Some(e) = &r.expected {
                if e != "pdf" && e != "jpeg" {
                    r.expected = None;
                }
            }
        }
        self.date = self.date.map(|d| d.chars().take(40).collect());
        self.source = self.source.map(|s| s.chars().take(300).collect());
        Ok(self)
    }

    fn row(&self, doc: DocType) -> Option<&RuleRow> {
        self.rows.iter().find(|r| r.doc == doc)
    }
}

/// Where a file's rule came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSource {
    /// The upload page, as last visited.
    Page,
    /// The document type's usual rule (the page was never read, or did not list this document).
    Default,
}

/// The rule applied to one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedRule {
    pub max_kb: u64,
    /// The file type checked: `pdf`, `jpeg` or `any` (the document type's).
    pub expected: String,
    /// The type the upload page asked for, when it differs from `expected` (said to the person;
    /// the checks follow the document type).
    pub page_expected: Option<String>,
    pub emeterai: bool,
    pub required: bool,
    pub source: RuleSource,
}

/// The rule for `doc`: the page's row, else the document type's defaults.
pub fn rule_for(rules: Option<&Rules>, doc: DocType) -> AppliedRule {
    let d = doc.rules();
    let default_expected = match d.expected {
        ExpectedType::Pdf => "pdf",
        ExpectedType::Jpeg => "jpeg",
        ExpectedType::Any => "any",
    };
    match rules.and_then(|r| r.row(doc)) {
        Some(row) => AppliedRule {
            max_kb: row.max_kb.unwrap_or(d.default_max_bytes / 1024),
            expected: default_expected.into(),
            page_expected: row.expected.clone().filter(|e| default_expected != "any" && e != default_expected),
            emeterai: row.emeterai || d.emeterai_expected,
            required: row.required,
            source: RuleSource::Page,
        },
        None => AppliedRule {
            max_kb: d.default_max_bytes / 1024,
            expected: default_expected.into(),
            page_expected: None,
            emeterai: d.emeterai_expected,
            // Without the page, the documents every 2023–2024 registration asked for.
            required: rules.is_none() && DEFAULT_REQUIRED.contains(&doc),
            source: RuleSource::Default,
        },
    }
}

/// The documents every CASN registration of 2023–2024 asked for (used when the page is unknown).
pub const DEFAULT_REQUIRED: [DocType; 6] =
    [DocType::SuratLamaran, DocType::SuratPernyataan, DocType::Ijazah, DocType::Transkrip, DocType::PasFoto, DocType::Ktp];


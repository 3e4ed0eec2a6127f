//! The report: what the checker says about one file. This is the contract shared by the CLI
//! (`--json`), the wasm binding and the extension, so field names are stable snake_case.

use serde::{Deserialize, Serialize};

use crate::options::{DocType, Stage};

/// A rectangle in PDF points, origin at the page's bottom-left: `[x0, y0, x1, y1]`, x0<x1, y0<y1.
pub type Rect = [f64; 4];

/// What the bytes really are, sniffed from their content (never from the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
    Html,
    Empty,
    Unknown,
}

/// Why a file could not be analysed at all (as opposed to findings about a readable file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Empty,
    NotPdf,
    Corrupt,
    NeedsPassword,
    TooComplex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// A user-facing sentence in both languages the extension speaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub message: Message,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageInfo {
    pub width: f64,
    pub height: f64,
    pub a4: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PdfInfo {
    /// Header version, e.g. "1.7" (a later `/Version` in the catalog wins).
    pub version: String,
    pub pages: u32,
    pub encrypted: bool,
    pub needs_password: bool,
    /// Every page is A4, portrait or landscape, within a few points.
    pub a4: bool,
    /// At least one page shows text (scans show none).
    pub has_text: bool,
    /// lopdf had to rebuild the cross-reference table to read the file.
    pub recovered: bool,
    pub page_sizes: Vec<PageInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureStatus {
    /// The digest and the signature value verify, and the signature covers the whole file (or
    /// only a document timestamp / validation data follows it).
    Intact,
    /// What was signed verifies, but the file is more than what was signed: a later revision that
    /// changes the document, bytes appended after it, or a ByteRange that leaves part of the file
    /// out (`checks.coverage` says which).
    ModifiedAfter,
    /// Proven wrong: digest mismatch, a signature value that does not verify, ByteRange or
    /// Contents malformed.
    Broken,
    /// Nothing proven wrong, but not verified either (an algorithm or key not checked here):
    /// `detail` says why.
    Unknown,
}

/// The outcome of one check on a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Passed,
    Failed,
    /// Could not be checked here (algorithm, key); see the signature's `detail`.
    Unsupported,
    /// Not run: not applicable, or an earlier check already decided.
    NotRun,
}

/// What part of the file a signature's ByteRange covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Everything but the `/Contents` string, to the end of the file.
    WholeFile,
    /// Its revision, then later revisions that only add a document timestamp or validation data.
    ValidationDataAfter,
    /// Its revision, then later revisions that change the document.
    ChangedAfter,
    /// Its revision, then a later revision that adds marks a person sees: an annotation or
    /// widget that shows something, page content, a page.
    VisibleMarksAfter,
    /// Its revision (and any allowed later ones), then bytes that are not a PDF revision.
    AppendedBytes,
    /// The ByteRange itself leaves part of the document out: not two ranges, not from byte 0, or
    /// a hole that is not exactly the `/Contents` string.
    Partial,
    /// Not decided (the ByteRange does not fit the file).
    NotChecked,
}

/// Which checks ran on a signature, and what they found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureChecks {
    /// ByteRange well-formed and inside the file.
    pub byte_range: Check,
    pub coverage: Coverage,
    /// The hash of the signed bytes against what the signature states (`messageDigest`, the
    /// embedded SHA-1 of `adbe.pkcs7.sha1`, a timestamp's message imprint). `not_run` for a
    /// signature without signed attributes: its value signs the bytes directly.
    pub digest: Check,
    /// The signature value verified with the signer certificate's public key.
    pub signature: Check,
    /// The algorithm the signature value was checked with, e.g. "RSA PKCS#1 v1.5, SHA-256".
    pub algorithm: Option<String>,
    /// An RFC 3161 signature timestamp token inside the signature: its imprint and its own value.
    pub timestamp: Check,
    /// Whether the certificate chains to a trusted root: never checked offline.
    pub certificate_chain: Check,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureInfo {
    pub field: String,
    pub page: Option<u32>,
    pub rect: Option<Rect>,
    pub subfilter: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    /// Signing time as written in `/M` (raw PDF date string).
    pub signed_at: Option<String>,
    pub is_emeterai: bool,
    /// The stamp's serial from `[SERIAL] reason`, when this is an e-Meterai.
    pub serial: Option<String>,
    pub status: SignatureStatus,
    /// Why the status is what it is, in plain words for a developer (English).
    pub detail: String,
    /// A certifying (DocMDP) signature.
    pub certifying: bool,
    /// Which checks ran and what each found.
    pub checks: SignatureChecks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmeteraiStatus {
    Absent,
    Intact,
    ModifiedAfter,
    Broken,
    /// Could not be read (e.g. a password is needed, or the file is not a PDF).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmeteraiSummary {
    pub status: EmeteraiStatus,
    pub serial: Option<String>,
    pub page: Option<u32>,
    pub rect: Option<Rect>,
    /// How many e-Meterai signatures the file carries.
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureSpot {
    pub page: u32,
    pub rect: Rect,
    /// The text (or "image") the spot was found from.
    pub anchor: String,
    /// 0..1: how sure we are the hand signature sits here.
    pub confidence: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StampSuggestion {
    pub page: u32,
    pub rect: Rect,
    /// `left` / `right` of the signature, or `fallback` (lower-right guess, no signature found).
    pub side: String,
    pub confidence: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageInfo {
    /// `jpeg` or `png`.
    pub format: String,
    pub width: u32,
    pub height: u32,
    /// For a pas foto: whether the background (the border area) is red. `None` when not decoded.
    pub red_background: Option<bool>,
}

/// A page drawn as boxes: where text lines and images are (points, page's lower-left origin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageOutline {
    pub page: u32,
    pub width: f64,
    pub height: f64,
    pub text: Vec<Rect>,
    pub images: Vec<Rect>,
}

/// Everything the checker says about one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub file: String,
    pub bytes: u64,
    pub kind: Kind,
    /// No finding of error severity.
    pub ok: bool,
    pub error: Option<ErrorCode>,
    /// Why `error` is set, for a developer (English); the findings carry the user's message.
    pub error_detail: Option<String>,
    pub doc: DocType,
    pub stage: Stage,
    /// The size limit applied, in bytes (the caller's, else the document type's default).
    pub max_bytes: u64,
    pub pdf: Option<PdfInfo>,
    pub signatures: Vec<SignatureInfo>,
    pub certified: bool,
    pub emeterai: EmeteraiSummary,
    pub signature_spot: Option<SignatureSpot>,
    pub stamp_suggestion: Option<StampSuggestion>,
    pub findings: Vec<Finding>,
    pub image: Option<ImageInfo>,
    /// An outline of the stamp suggestion's page, for a preview without a PDF renderer.
    pub preview: Option<PageOutline>,
}

/// Round to 1/100 of a point so native and wasm reports compare equal and stay readable.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Normalise a rectangle: sorted corners (some tools write LLY > URY), rounded.
pub fn normalize_rect(r: [f64; 4]) -> Rect {
    [
        round2(r[0].min(r[2])),
        round2(r[1].min(r[3])),
        round2(r[0].max(r[2])),
        round2(r[1].max(r[3])),
    ]
}

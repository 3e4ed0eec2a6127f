//! "Make it fit": a photo or a scanned PDF that is over its size limit is re-encoded until it fits,
//! locally. A PDF that carries any signature or e-Meterai is never touched: any rewrite breaks the
//! signature, and a broken e-Meterai gets the document rejected.
//!
//! [`fit_file`] is the one entry point: it sniffs the file and returns a [`FitOutcome`] with the
//! new bytes, or a refusal that says why (in Indonesian and English).

pub mod photo;
pub mod raster;
pub mod scan;

use serde::Serialize;

use crate::report::{Kind, Message};

/// Why a file was not made to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// Signed or stamped: changing any byte would break the signature / e-Meterai.
    Signed,
    /// Password-protected or encrypted.
    Encrypted,
    /// Not a JPEG, PNG or PDF (PNG photos are converted by the browser's own encoder).
    NotSupported,
    /// A PDF whose size is not in images we can re-encode (a text document, or unusual images).
    NoImages,
    /// The file cannot be read.
    Unreadable,
    /// Too many pixels or pages to process safely.
    TooLarge,
    /// Even at the lowest quality and resolution that stay readable, it is still too big.
    CannotFit,
    /// It is already within the limit.
    AlreadyFits,
}

impl Refusal {
    pub fn message(self) -> Message {
        let (id, en) = match self {
            Refusal::Signed => (
                "Tidak diperkecil: PDF ini bertanda tangan digital/ber-e-Meterai, dan mengubahnya akan merusak e-Meterai. Perkecil berkas aslinya dulu, baru bubuhkan e-Meterai.",
                "Not shrunk: this PDF carries a digital signature or e-Meterai, and changing it would break the e-Meterai. Shrink the original first, then stamp it.",
            ),
            Refusal::Encrypted => (
                "Tidak diperkecil: PDF ini dikunci/terenkripsi. Simpan ulang tanpa kunci dari aplikasi asalnya.",
                "Not shrunk: this PDF is locked/encrypted. Save it again without protection from the app that made it.",
            ),
            Refusal::NotSupported => (
                "Hanya foto JPG dan PDF hasil pindai yang bisa diperkecil di sini (foto PNG diubah ke JPG oleh ekstensi di browser).",
                "Only JPG photos and scanned PDFs can be shrunk here (PNG photos are converted to JPG by the extension in the browser).",
            ),
            Refusal::NoImages => (
                "Tidak diperkecil: ukuran PDF ini bukan dari gambar hasil pindai. Ekspor ulang dari aplikasi asalnya dengan ukuran lebih kecil.",
                "Not shrunk: this PDF's size does not come from scanned images. Export it again from the app that made it, at a smaller size.",
            ),
            Refusal::Unreadable => (
                "Tidak diperkecil: berkas ini tidak dapat dibaca.",
                "Not shrunk: this file cannot be read.",
            ),
            Refusal::TooLarge => (
                "Tidak diperkecil: gambarnya terlalu besar untuk diproses dengan aman di peramban.",
                "Not shrunk: its images are too large to process safely in the browser.",
            ),
            Refusal::CannotFit => (
                "Tidak bisa dibuat muat tanpa membuatnya sulit dibaca (di bawah 100 dpi). Pindai ulang lebih sedikit halaman atau dalam hitam-putih.",
                "Cannot be made to fit without becoming hard to read (below 100 dpi). Scan fewer pages again, or in black and white.",
            ),
            Refusal::AlreadyFits => ("Berkas ini sudah di bawah batas ukuran.", "This file is already within the size limit."),
        };
        Message { id: id.into(), en: en.into() }
    }
}

/// What fitting did, for the person (before/after) and for tests. The bytes travel separately.
#[derive(Debug, Clone, Serialize)]
pub struct FitOutcome {
    pub ok: bool,
    pub refusal: Option<Refusal>,
    pub message: Option<Message>,
    /// `jpeg` or `pdf`: the kind of the fitted file.
    pub kind: Option<Kind>,
    pub before_bytes: u64,
    pub after_bytes: u64,
    pub max_bytes: u64,
    /// Photo: the output's pixel size. Scan: the largest re-encoded page image.
    pub width: u32,
    pub height: u32,
    /// JPEG quality used (1–100).
    pub quality: u8,
    /// Scan: the resolution of the re-encoded page images, in dots per inch.
    pub dpi: Option<u32>,
    /// Scan: pages and images re-encoded.
    pub pages: u32,
    pub images: u32,
    /// Photo: the EXIF orientation that was applied to the pixels (1 = none).
    pub orientation: u8,
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// A small JPEG of the result (photo, or the first page image of a scan) for a preview.
    #[serde(skip)]
    pub thumbnail: Vec<u8>,
}

impl FitOutcome {
    pub fn refused(refusal: Refusal, before_bytes: u64, max_bytes: u64) -> FitOutcome {
        FitOutcome {
            ok: false,
            refusal: Some(refusal),
            message: Some(refusal.message()),
            kind: None,
            before_bytes,
            after_bytes: 0,
            max_bytes,
            width: 0,
            height: 0,
            quality: 0,
            dpi: None,
            pages: 0,
            images: 0,
            orientation: 1,
            bytes: Vec::new(),
            thumbnail: Vec::new(),
        }
    }
}

/// Lowest JPEG quality tried before giving up pixels (photos) or resolution (scans).
pub const MIN_QUALITY: u8 = 35;
/// Highest quality worth spending bytes on.
pub const MAX_QUALITY: u8 = 92;
/// Thumbnails are at most this wide/high.
const THUMBNAIL_SIDE: u32 = 240;

/// Make `bytes` fit in `max_bytes`. Never alters signed PDFs; never panics.
pub fn fit_file(bytes: &[u8], max_bytes: u64) -> FitOutcome {
    let before = bytes.len() as u64;
    let max_bytes = max_bytes.max(1);
    let kind = crate::sniff::sniff(bytes);
    if before <= max_bytes && kind != Kind::Png {
        return FitOutcome::refused(Refusal::AlreadyFits, before, max_bytes);
    }
    match kind {
        Kind::Jpeg => photo::fit_photo(bytes, max_bytes),
        Kind::Pdf => scan::fit_scan(bytes, max_bytes),
        _ => FitOutcome::refused(Refusal::NotSupported, before, max_bytes),
    }
}

/// The highest quality in [`MIN_QUALITY`, `MAX_QUALITY`] whose output `size_at(q)` fits `max`,
/// by bisection (sizes grow with quality). `None` when even the lowest does not fit.
/// `size_at` returns `None` on failure, which counts as not fitting.
pub(crate) fn best_quality(max: u64, mut size_at: impl FnMut(u8) -> Option<u64>) -> Option<u8> {
    if size_at(MIN_QUALITY)? > max {
        return None;
    }
    let (mut lo, mut hi) = (MIN_QUALITY, MAX_QUALITY + 1); // lo fits, hi does not (or is past the end)
    while hi - lo > 2 {
        let mid = lo + (hi - lo) / 2;
        match size_at(mid) {
            Some(size) if size <= max => lo = mid,
            _ => hi = mid,
        }
    }
    Some(lo)
}

/// A small preview JPEG of `raster`.
pub(crate) fn thumbnail(raster: &raster::Raster) -> Vec<u8> {
    let scale = (THUMBNAIL_SIDE as f64 / raster.width.max(raster.height) as f64).min(1.0);
    let w = ((raster.width as f64 * scale).round() as u32).max(1);
    let h = ((raster.height as f64 * scale).round() as u32).max(1);
    raster::encode_jpeg(&raster::downscale(raster, w, h), 70).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bisection_finds_the_highest_fitting_quality() {
        let q = best_quality(5_000, |q| Some(q as u64 * 100)).unwrap();
        assert!((49..=50).contains(&q), "{q}");
        assert_eq!(best_quality(10, |q| Some(q as u64 * 100)), None);
        assert!(best_quality(u64::MAX, |q| Some(q as u64)).unwrap() >= MAX_QUALITY - 2);
    }

    #[test]
    fn refuses_what_it_cannot_shrink() {
        assert_eq!(fit_file(b"hello", 1).refusal, Some(Refusal::NotSupported));
        assert_eq!(fit_file(b"%PDF-1.7\n", 1_000).refusal, Some(Refusal::AlreadyFits));
        assert_eq!(fit_file(b"%PDF-1.7\nnot really", 2).refusal, Some(Refusal::Unreadable));
        let m = Refusal::Signed.message();
        assert!(m.id.contains("e-Meterai") && m.en.contains("break the e-Meterai"));
    }
}

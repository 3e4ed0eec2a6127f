//! Photos (pas foto, KTP): the best-quality JPEG under the limit. Quality is searched first at a
//! generous size; only when even the lowest quality is too big are pixels given up, in proportion
//! to the overshoot. EXIF orientation is applied to the pixels and all metadata is dropped (the
//! output has no EXIF, so no viewer can rotate it twice, and no GPS position leaks).

use super::raster::{self, Raster};
use super::{best_quality, thumbnail, FitOutcome, Refusal, MIN_QUALITY};
use crate::report::Kind;

/// Longest side kept: well above what pas foto / KTP rules ask for.
pub const MAX_SIDE: u32 = 2400;
const MAX_ROUNDS: usize = 8;

pub fn fit_photo(jpeg: &[u8], max_bytes: u64) -> FitOutcome {
    let before = jpeg.len() as u64;
    let refused = |r| FitOutcome::refused(r, before, max_bytes);
    let Some((w, h)) = crate::image::jpeg_size(jpeg) else { return refused(Refusal::Unreadable) };
    if (w as u64) * (h as u64) > raster::MAX_PIXELS {
        return refused(Refusal::TooLarge);
    }
    let orientation = raster::exif_orientation(jpeg);
    let scale = (MAX_SIDE as f64 / w.max(h) as f64).min(1.0);
    let (first_w, first_h) = ((w as f64 * scale).round() as u32, (h as f64 * scale).round() as u32);
    // The decoder's own 1/2..1/8 scaling gets close to the first size for free.
    let decoded = match raster::decode_jpeg(jpeg, first_w, first_h) {
        Ok(r) => r,
        Err(raster::RasterError::TooLarge) => return refused(Refusal::TooLarge),
        Err(_) => return refused(Refusal::Unreadable),
    };
    let upright = raster::apply_orientation(raster::downscale(&decoded, first_w, first_h), orientation);
    drop(decoded);
    fit_raster(upright, before, max_bytes, orientation)
}

/// Search quality, then size, for `image`; `before` is the original file's size.
pub fn fit_raster(image: Raster, before: u64, max_bytes: u64, orientation: u8) -> FitOutcome {
    let mut current = image;
    for _ in 0..MAX_ROUNDS {
        let mut lowest = 0;
        let quality = best_quality(max_bytes, |q| {
            let size = raster::encode_jpeg(&current, q).ok()?.len() as u64;
            if q == MIN_QUALITY {
                lowest = size;
            }
            Some(size)
        });
        if let Some(quality) = quality {
            let Ok(bytes) = raster::encode_jpeg(&current, quality) else { break };
            return FitOutcome {
                ok: true,
                refusal: None,
                message: None,
                kind: Some(Kind::Jpeg),
                before_bytes: before,
                after_bytes: bytes.len() as u64,
                max_bytes,
                width: current.width,
                height: current.height,
                quality,
                dpi: None,
                pages: 0,
                images: 1,
                orientation,
                thumbnail: thumbnail(&current),
                bytes,
            };
        }
        if lowest == 0 || current.width.min(current.height) <= 16 {
            break;
        }
        // Fewer pixels, in proportion to the overshoot (bytes grow roughly with pixel count).
        let factor = ((max_bytes as f64 / lowest as f64).sqrt() * 0.95).clamp(0.3, 0.9);
        let (nw, nh) = ((current.width as f64 * factor) as u32, (current.height as f64 * factor) as u32);
        current = raster::downscale(&current, nw.max(1), nh.max(1));
    }
    FitOutcome::refused(Refusal::CannotFit, before, max_bytes)
}

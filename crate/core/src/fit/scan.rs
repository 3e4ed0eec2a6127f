//! Scanned PDFs: the page images are re-encoded as JPEG, at lower quality first and then at lower
//! resolution, down to [`MIN_DPI`] so text stays readable. Only the image streams change: pages,
//! their sizes (A4 stays A4), any text layer (OCR) and everything else are kept, because an image
//! is drawn at the size its page asks for whatever its pixel count.
//!
//! Any signature (e-Meterai or personal, valid or not) stops everything before a byte is changed.

use std::borrow::Cow;
use std::collections::BTreeMap;

use lopdf::{Document, Object, ObjectId, Stream};

use super::raster::{self, Raster, RasterError};
use super::{best_quality, thumbnail, FitOutcome, Refusal};
use crate::limits::Budget;
use crate::pdf::decode::{decode_stream, filters};
use crate::pdf::load::{self, resolve};
use crate::report::Kind;

/// The lowest resolution offered: ordinary 10–12 pt text is still readable at 100 dpi.
pub const MIN_DPI: u32 = 100;
/// Resolutions tried, best first (never above the scan's own).
const DPI_STEPS: [u32; 4] = [200, 150, 120, MIN_DPI];
/// Images smaller than this are not worth re-encoding (logos, stamps, signatures).
const MIN_IMAGE_BYTES: usize = 8 * 1024;
/// Re-encoding is offered when the images are at least this share of the file.
const MIN_IMAGE_SHARE: f64 = 0.5;
/// Most pixels held at once across all pages (about 90 MB of RGB).
const MAX_RETAINED_PIXELS: u64 = 30_000_000;
/// Most pages processed.
const MAX_PAGES: usize = 60;
/// Room for the larger image dictionaries and /Length digits, per image.
const DICT_SLACK: u64 = 160;

/// One image XObject that can be re-encoded.
struct Candidate {
    id: ObjectId,
    /// Pixels per inch as drawn (the lower of the two axes; the largest placement).
    dpi: f64,
    width: u32,
    height: u32,
    /// At the first resolution step, kept for the lower ones.
    retained: Raster,
}

pub fn fit_scan(bytes: &[u8], max_bytes: u64) -> FitOutcome {
    let before = bytes.len() as u64;
    let refused = |r| FitOutcome::refused(r, before, max_bytes);
    // Cheap and conservative first: any signature dictionary at all means hands off, even one the
    // loader would not find (a damaged file, a signature in an unreferenced object).
    if contains(bytes, b"/ByteRange") || contains(bytes, b"/DocMDP") || contains(bytes, b"adbe.pkcs7") {
        return refused(Refusal::Signed);
    }
    let mut budget = Budget::for_file(bytes.len());
    let loaded = match load::load(bytes, &mut budget) {
        Ok(l) => l,
        Err(_) => return refused(Refusal::Unreadable),
    };
    if loaded.needs_password || loaded.encrypted {
        return refused(Refusal::Encrypted);
    }
    let mut doc = loaded.doc;
    let pages = load::pages(&doc, &mut budget);
    if pages.is_empty() {
        return refused(Refusal::Unreadable);
    }
    if pages.len() > MAX_PAGES {
        return refused(Refusal::TooLarge);
    }
    if !crate::pdf::signatures::signatures(&doc, &pages, bytes, &mut budget).is_empty() {
        return refused(Refusal::Signed);
    }
    let Ok(layouts) = crate::layout::read_pages(&doc, &pages, &mut budget) else {
        return refused(Refusal::TooLarge);
    };

    // Where each image is drawn: the largest placement decides its resolution.
    let mut placed: BTreeMap<ObjectId, (f64, f64)> = BTreeMap::new();
    for layout in &layouts {
        for (id, r) in &layout.image_objects {
            let e = placed.entry(*id).or_insert((0.0, 0.0));
            e.0 = e.0.max(r[2] - r[0]);
            e.1 = e.1.max(r[3] - r[1]);
        }
    }
    let mut sources = Vec::new();
    let mut image_bytes = 0usize;
    for (&id, &(w_pt, h_pt)) in &placed {
        let Ok(stream) = doc.get_object(id).and_then(|o| o.as_stream()) else { continue };
        if stream.content.len() < MIN_IMAGE_BYTES || w_pt < 1.0 || h_pt < 1.0 {
            continue;
        }
        let Some((width, height)) = dimensions(&doc, stream) else { continue };
        let dpi = (width as f64 * 72.0 / w_pt).min(height as f64 * 72.0 / h_pt);
        image_bytes += stream.content.len();
        sources.push((id, width, height, dpi));
    }
    if sources.is_empty() || (image_bytes as f64) < MIN_IMAGE_SHARE * bytes.len() as f64 {
        return refused(Refusal::NoImages);
    }

    // Decode each image once, already reduced to the first resolution step (bounded in memory).
    let top_dpi = sources.iter().map(|s| s.3).fold(0.0, f64::max);
    let mut start_dpi = (DPI_STEPS[0] as f64).min(top_dpi);
    let retained_at = |dpi: f64| -> u64 {
        sources.iter().map(|s| (s.1 as f64 * s.2 as f64 * (dpi / s.3).min(1.0).powi(2)) as u64).sum()
    };
    while retained_at(start_dpi) > MAX_RETAINED_PIXELS && start_dpi > MIN_DPI as f64 {
        start_dpi = (start_dpi * 0.8).max(MIN_DPI as f64);
    }
    if retained_at(start_dpi) > MAX_RETAINED_PIXELS {
        return refused(Refusal::TooLarge);
    }
    let mut candidates = Vec::new();
    for (id, width, height, dpi) in sources {
        let Ok(stream) = doc.get_object(id).and_then(|o| o.as_stream()) else { continue };
        let (tw, th) = scaled(width, height, (start_dpi / dpi).min(1.0));
        match decode_image(&doc, stream, width, height, tw, th, &mut budget) {
            Ok(r) => {
                let retained = raster::downscale(&r, tw, th);
                candidates.push(Candidate { id, dpi, width, height, retained });
            }
            Err(RasterError::TooLarge) => return refused(Refusal::TooLarge),
            Err(_) => {} // an image we cannot decode stays as it is
        }
    }
    let kept_bytes: usize = candidates
        .iter()
        .filter_map(|c| doc.get_object(c.id).and_then(|o| o.as_stream()).ok())
        .map(|s| s.content.len())
        .sum();
    if candidates.is_empty() || (kept_bytes as f64) < MIN_IMAGE_SHARE * bytes.len() as f64 {
        return refused(Refusal::NoImages);
    }

    // Everything but the candidates' data: measured once by writing the file with empty images
    // (their pixels are decoded already, so the originals are no longer needed).
    let overhead = {
        for c in &candidates {
            replace_image(&mut doc, c.id, &c.retained, Vec::new());
        }
        match save(&mut doc) {
            Some(b) => b.len() as u64 + DICT_SLACK * candidates.len() as u64,
            None => return refused(Refusal::Unreadable),
        }
    };
    if overhead >= max_bytes {
        return refused(Refusal::CannotFit);
    }

    let steps: Vec<f64> = {
        let mut s: Vec<f64> = DPI_STEPS.iter().map(|&d| d as f64).filter(|&d| d < start_dpi - 0.5).collect();
        s.insert(0, start_dpi);
        s
    };
    for &dpi in &steps {
        // At the first step the retained pixels are used as they are (no copy: memory is the limit).
        let rasters: Vec<Cow<Raster>> = candidates
            .iter()
            .map(|c| {
                let (w, h) = scaled(c.width, c.height, (dpi / c.dpi).min(1.0));
                if (w, h) == (c.retained.width, c.retained.height) {
                    Cow::Borrowed(&c.retained)
                } else {
                    Cow::Owned(raster::downscale(&c.retained, w, h))
                }
            })
            .collect();
        let encode_all = |q: u8| -> Option<Vec<Vec<u8>>> { rasters.iter().map(|r| raster::encode_jpeg(r, q).ok()).collect() };
        let quality = best_quality(max_bytes - overhead, |q| {
            encode_all(q).map(|all| all.iter().map(|j| j.len() as u64).sum())
        });
        let Some(quality) = quality else { continue };
        let Some(encoded) = encode_all(quality) else { continue };
        for ((c, r), jpeg) in candidates.iter().zip(&rasters).zip(encoded) {
            replace_image(&mut doc, c.id, r.as_ref(), jpeg);
        }
        drop_linearization(&mut doc);
        let Some(out) = save(&mut doc) else { return refused(Refusal::Unreadable) };
        if out.len() as u64 > max_bytes || !still_readable(&out, layouts.len()) {
            return refused(Refusal::Unreadable);
        }
        let largest = rasters.iter().max_by_key(|r| r.pixel_count()).map(|r| (r.width, r.height));
        return FitOutcome {
            ok: true,
            refusal: None,
            message: None,
            kind: Some(Kind::Pdf),
            before_bytes: before,
            after_bytes: out.len() as u64,
            max_bytes,
            width: largest.map_or(0, |r| r.0),
            height: largest.map_or(0, |r| r.1),
            quality,
            dpi: Some(dpi.min(top_dpi).round() as u32),
            pages: layouts.len() as u32,
            images: candidates.len() as u32,
            orientation: 1,
            thumbnail: rasters.first().map(|r| thumbnail(r)).unwrap_or_default(),
            bytes: out,
        };
    }
    refused(Refusal::CannotFit)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

fn scaled(w: u32, h: u32, factor: f64) -> (u32, u32) {
    (((w as f64 * factor).round() as u32).max(1), ((h as f64 * factor).round() as u32).max(1))
}

fn int(doc: &Document, stream: &Stream, key: &[u8]) -> Option<i64> {
    stream.dict.get(key).ok().and_then(|o| resolve(doc, o).as_i64().ok())
}

/// Width and height of an image XObject we know how to re-encode, else `None`.
fn dimensions(doc: &Document, stream: &Stream) -> Option<(u32, u32)> {
    if stream.dict.get(b"Subtype").ok()?.as_name().ok()? != b"Image" {
        return None;
    }
    let mask = stream.dict.get(b"ImageMask").ok().and_then(|o| o.as_bool().ok()).unwrap_or(false);
    if mask || int(doc, stream, b"BitsPerComponent").unwrap_or(8) != 8 {
        return None;
    }
    let w = u32::try_from(int(doc, stream, b"Width")?).ok()?;
    let h = u32::try_from(int(doc, stream, b"Height")?).ok()?;
    (w > 0 && h > 0 && (w as u64 * h as u64) <= raster::MAX_PIXELS).then_some((w, h))
}

/// Samples per pixel of the image's colour space: 1 (grey) or 3 (RGB); others are not handled.
fn channels(doc: &Document, stream: &Stream) -> Option<u8> {
    let cs = resolve(doc, stream.dict.get(b"ColorSpace").ok()?);
    let (name, array) = match cs {
        Object::Name(n) => (n.as_slice(), None),
        Object::Array(a) => (a.first()?.as_name().ok()?, Some(a)),
        _ => return None,
    };
    match name {
        b"DeviceGray" | b"CalGray" | b"G" => Some(1),
        b"DeviceRGB" | b"CalRGB" | b"RGB" => Some(3),
        b"ICCBased" => {
            let profile = resolve(doc, array?.get(1)?).as_stream().ok()?;
            match int(doc, profile, b"N")? {
                1 => Some(1),
                3 => Some(3),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Decode an image XObject to pixels, at least `min_w` × `min_h` when the JPEG decoder can
/// shrink for free.
fn decode_image(
    doc: &Document,
    stream: &Stream,
    width: u32,
    height: u32,
    min_w: u32,
    min_h: u32,
    budget: &mut Budget,
) -> Result<Raster, RasterError> {
    let unsupported = RasterError::Unsupported("image encoding not handled");
    let list = filters(stream);
    let expected = channels(doc, stream);
    match list.last().map(String::as_str) {
        Some("DCTDecode" | "DCT") if list.len() == 1 => {
            let r = raster::decode_jpeg(&stream.content, min_w, min_h)?;
            // The colour space must agree with the JPEG's own components.
            if expected.is_some_and(|c| c != r.channels) {
                return Err(unsupported);
            }
            Ok(r)
        }
        Some("FlateDecode" | "Fl") if list.len() == 1 => {
            // Scans exceed the content-stream cap: the dimensions bound the output instead.
            let c = expected.ok_or(unsupported.clone())?;
            let row = width as usize * c as usize + 1; // + a PNG predictor byte per row
            let data = crate::pdf::decode::inflate_image(&stream.content, row * height as usize, budget).map_err(|e| match e {
                crate::pdf::decode::DecodeError::TooLarge => RasterError::TooLarge,
                _ => unsupported.clone(),
            })?;
            let data = undo_predictor(doc, stream, data, width as usize * c as usize, c as usize)?;
            Raster::from_samples(width, height, c, data)
        }
        Some("FlateDecode" | "Fl") | None => {
            let c = expected.ok_or(unsupported.clone())?;
            let data = decode_stream(stream, budget).map_err(|_| unsupported.clone())?;
            let data = undo_predictor(doc, stream, data, width as usize * c as usize, c as usize)?;
            Raster::from_samples(width, height, c, data)
        }
        _ => Err(unsupported),
    }
}

/// Reverse PNG row predictors (Predictor ≥ 10), which scanners use with Flate.
fn undo_predictor(doc: &Document, stream: &Stream, data: Vec<u8>, row_len: usize, bpp: usize) -> Result<Vec<u8>, RasterError> {
    let params = stream.dict.get(b"DecodeParms").ok().map(|o| resolve(doc, o));
    let params = match params {
        Some(Object::Array(a)) => a.first().map(|o| resolve(doc, o)),
        other => other,
    };
    let predictor = params.and_then(|p| p.as_dict().ok()).and_then(|d| d.get(b"Predictor").ok()).and_then(|o| o.as_i64().ok());
    match predictor {
        None | Some(1) => Ok(data),
        Some(p) if p >= 10 => {
            let mut out = Vec::with_capacity(data.len());
            let mut prev = vec![0u8; row_len];
            for row in data.chunks(row_len + 1) {
                if row.len() < row_len + 1 {
                    break;
                }
                let (kind, src) = (row[0], &row[1..]);
                let mut cur = vec![0u8; row_len];
                for i in 0..row_len {
                    let left = if i >= bpp { cur[i - bpp] } else { 0 };
                    let up = prev[i];
                    let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
                    let pred = match kind {
                        0 => 0,
                        1 => left,
                        2 => up,
                        3 => ((left as u16 + up as u16) / 2) as u8,
                        4 => paeth(left, up, up_left),
                        _ => return Err(RasterError::Unsupported("bad PNG predictor")),
                    };
                    cur[i] = src[i].wrapping_add(pred);
                }
                out.extend_from_slice(&cur);
                prev = cur;
            }
            Ok(out)
        }
        Some(_) => Err(RasterError::Unsupported("TIFF predictor")),
    }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = ((p - a as i16).abs(), (p - b as i16).abs(), (p - c as i16).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Put `jpeg` in place of image `id`, keeping its colour space, decode array and masks.
fn replace_image(doc: &mut Document, id: ObjectId, raster: &Raster, jpeg: Vec<u8>) {
    let Ok(Object::Stream(old)) = doc.get_object(id) else { return };
    let mut dict = old.dict.clone();
    dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
    dict.remove(b"DecodeParms");
    dict.set("Width", Object::Integer(raster.width as i64));
    dict.set("Height", Object::Integer(raster.height as i64));
    dict.set("BitsPerComponent", Object::Integer(8));
    if !dict.has(b"ColorSpace") {
        let cs: &[u8] = if raster.channels == 1 { b"DeviceGray" } else { b"DeviceRGB" };
        dict.set("ColorSpace", Object::Name(cs.to_vec()));
    }
    let mut stream = Stream::new(dict, jpeg);
    stream.allows_compression = false; // JPEG data does not deflate
    doc.objects.insert(id, Object::Stream(stream));
}

/// A rewritten file is no longer linearized; drop the hint so readers do not trust stale offsets.
fn drop_linearization(doc: &mut Document) {
    let ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.has(b"Linearized")))
        .map(|(id, _)| *id)
        .collect();
    for id in ids {
        doc.objects.remove(&id);
    }
}

fn save(doc: &mut Document) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    doc.save_to(&mut out).ok()?;
    Some(out)
}

/// The output must read back cleanly with the same number of pages before it is offered.
fn still_readable(bytes: &[u8], pages: usize) -> bool {
    let report = crate::analyze(bytes, &crate::Options::default());
    report.error.is_none() && report.pdf.as_ref().is_some_and(|p| p.pages as usize == pages)
}

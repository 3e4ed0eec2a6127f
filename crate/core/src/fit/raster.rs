//! Pixels in memory: JPEG decoding with a size cap (and the decoder's own 1/2–1/8 scaling, which
//! is far cheaper than decoding everything and shrinking after), EXIF orientation, area-average
//! downscaling and JPEG encoding.

/// Most pixels ever held for one image (a 12-megapixel photo is 12 M; a 300-dpi A4 scan 8.7 M).
pub const MAX_PIXELS: u64 = 50_000_000;

/// 8-bit greyscale (1 channel) or RGB (3 channels) pixels, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub channels: u8,
    pub pixels: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RasterError {
    /// More pixels than [`MAX_PIXELS`], or a size the encoder cannot write.
    TooLarge,
    /// Not decodable (broken data, CMYK, 16-bit).
    Unsupported(&'static str),
}

impl Raster {
    pub fn pixel_count(&self) -> u64 {
        self.width as u64 * self.height as u64
    }

    /// A raster from raw samples, checking the length matches.
    pub fn from_samples(width: u32, height: u32, channels: u8, pixels: Vec<u8>) -> Result<Raster, RasterError> {
        if width == 0 || height == 0 || (width as u64 * height as u64) > MAX_PIXELS {
            return Err(RasterError::TooLarge);
        }
        if !matches!(channels, 1 | 3) {
            return Err(RasterError::Unsupported("only grey and RGB images"));
        }
        let need = width as usize * height as usize * channels as usize;
        if pixels.len() < need {
            return Err(RasterError::Unsupported("image data shorter than its size"));
        }
        let mut pixels = pixels;
        pixels.truncate(need);
        Ok(Raster { width, height, channels, pixels })
    }
}

/// Decode a JPEG, letting the decoder shrink by 1/2, 1/4 or 1/8 while staying at least
/// `min_width` × `min_height` (pass 0, 0 for full size).
pub fn decode_jpeg(bytes: &[u8], min_width: u32, min_height: u32) -> Result<Raster, RasterError> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().map_err(|_| RasterError::Unsupported("unreadable JPEG"))?;
    let info = decoder.info().ok_or(RasterError::Unsupported("unreadable JPEG"))?;
    if (info.width as u64 * info.height as u64) > MAX_PIXELS {
        return Err(RasterError::TooLarge);
    }
    decoder.set_max_decoding_buffer_size(MAX_PIXELS as usize * 4);
    if min_width > 0 && min_height > 0 {
        let w = min_width.min(info.width as u32).max(1) as u16;
        let h = min_height.min(info.height as u32).max(1) as u16;
        decoder.scale(w, h).map_err(|_| RasterError::Unsupported("unreadable JPEG"))?;
    }
    let pixels = decoder.decode().map_err(|_| RasterError::Unsupported("unreadable JPEG"))?;
    let info = decoder.info().ok_or(RasterError::Unsupported("unreadable JPEG"))?;
    let channels = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => 1,
        jpeg_decoder::PixelFormat::RGB24 => 3,
        jpeg_decoder::PixelFormat::CMYK32 => return Err(RasterError::Unsupported("CMYK JPEG")),
        jpeg_decoder::PixelFormat::L16 => return Err(RasterError::Unsupported("16-bit JPEG")),
    };
    Raster::from_samples(info.width as u32, info.height as u32, channels, pixels)
}

/// Encode as a baseline JPEG at `quality` (1–100) with optimised Huffman tables, no metadata.
pub fn encode_jpeg(raster: &Raster, quality: u8) -> Result<Vec<u8>, RasterError> {
    let (w, h) = (u16::try_from(raster.width), u16::try_from(raster.height));
    let (Ok(w), Ok(h)) = (w, h) else { return Err(RasterError::TooLarge) };
    let mut out = Vec::with_capacity(raster.pixels.len() / 8);
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100));
    encoder.set_optimized_huffman_tables(true);
    let color = if raster.channels == 1 { jpeg_encoder::ColorType::Luma } else { jpeg_encoder::ColorType::Rgb };
    encoder.encode(&raster.pixels, w, h, color).map_err(|_| RasterError::Unsupported("JPEG encoding failed"))?;
    Ok(out)
}

/// Shrink to `width` × `height` by area averaging (every source pixel counts, so fine text in a
/// scan turns grey rather than vanishing). Never enlarges.
pub fn downscale(src: &Raster, width: u32, height: u32) -> Raster {
    let width = width.clamp(1, src.width);
    let height = height.clamp(1, src.height);
    if width == src.width && height == src.height {
        return src.clone();
    }
    let c = src.channels as usize;
    let horizontal = resample_rows(&src.pixels, src.width as usize, src.height as usize, c, width as usize);
    let vertical = resample_columns(&horizontal, width as usize, src.height as usize, c, height as usize);
    Raster { width, height, channels: src.channels, pixels: vertical }
}

/// For each output index, the source indices and weights (summing to 1) it averages.
fn contributions(src_len: usize, dst_len: usize) -> Vec<Vec<(usize, f32)>> {
    let scale = src_len as f64 / dst_len as f64;
    (0..dst_len)
        .map(|i| {
            let start = i as f64 * scale;
            let end = ((i + 1) as f64 * scale).min(src_len as f64);
            let mut parts = Vec::with_capacity(scale.ceil() as usize + 1);
            let mut x = start.floor() as usize;
            while (x as f64) < end && x < src_len {
                let covered = (end.min(x as f64 + 1.0) - start.max(x as f64)).max(0.0);
                if covered > 0.0 {
                    parts.push((x, (covered / (end - start)) as f32));
                }
                x += 1;
            }
            parts
        })
        .collect()
}

fn resample_rows(src: &[u8], w: usize, h: usize, c: usize, new_w: usize) -> Vec<u8> {
    let table = contributions(w, new_w);
    let mut out = vec![0u8; new_w * h * c];
    let mut acc = vec![0f32; c];
    for y in 0..h {
        let row = &src[y * w * c..(y + 1) * w * c];
        let out_row = &mut out[y * new_w * c..(y + 1) * new_w * c];
        for (x, parts) in table.iter().enumerate() {
            acc.iter_mut().for_each(|a| *a = 0.0);
            for &(sx, weight) in parts {
                for ch in 0..c {
                    acc[ch] += row[sx * c + ch] as f32 * weight;
                }
            }
            for ch in 0..c {
                out_row[x * c + ch] = acc[ch].round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    out
}

fn resample_columns(src: &[u8], w: usize, h: usize, c: usize, new_h: usize) -> Vec<u8> {
    let table = contributions(h, new_h);
    let stride = w * c;
    let mut out = vec![0u8; stride * new_h];
    let mut acc = vec![0f32; stride];
    for (y, parts) in table.iter().enumerate() {
        acc.iter_mut().for_each(|a| *a = 0.0);
        for &(sy, weight) in parts {
            let row = &src[sy * stride..(sy + 1) * stride];
            for (a, &v) in acc.iter_mut().zip(row) {
                *a += v as f32 * weight;
            }
        }
        for (o, a) in out[y * stride..(y + 1) * stride].iter_mut().zip(&acc) {
            *o = a.round().clamp(0.0, 255.0) as u8;
        }
    }
    out
}

/// The EXIF orientation (1–8) of a JPEG, 1 when absent or unreadable.
pub fn exif_orientation(jpeg: &[u8]) -> u8 {
    let mut i = 2;
    while i + 4 <= jpeg.len() && jpeg[i] == 0xFF {
        let marker = jpeg[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let len = u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
        if len < 2 || i + 2 + len > jpeg.len() {
            break;
        }
        let segment = &jpeg[i + 4..i + 2 + len];
        if marker == 0xE1 && segment.starts_with(b"Exif\0\0") {
            return tiff_orientation(&segment[6..]).unwrap_or(1);
        }
        i += 2 + len;
    }
    1
}

fn tiff_orientation(tiff: &[u8]) -> Option<u8> {
    let little = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |o: usize| -> Option<u16> {
        let b = [*tiff.get(o)?, *tiff.get(o + 1)?];
        Some(if little { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) })
    };
    let u32_at = |o: usize| -> Option<u32> {
        let b = [*tiff.get(o)?, *tiff.get(o + 1)?, *tiff.get(o + 2)?, *tiff.get(o + 3)?];
        Some(if little { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    };
    let ifd = u32_at(4)? as usize;
    let count = u16_at(ifd)? as usize;
    for n in 0..count.min(512) {
        let entry = ifd + 2 + n * 12;
        if u16_at(entry)? == 0x0112 {
            let v = u16_at(entry + 8)?;
            return (1..=8).contains(&v).then_some(v as u8);
        }
    }
    None
}

/// Turn the pixels upright for an EXIF orientation (2–8 mirror and/or rotate; 1 is upright).
pub fn apply_orientation(src: Raster, orientation: u8) -> Raster {
    if !(2..=8).contains(&orientation) {
        return src;
    }
    let (w, h, c) = (src.width as usize, src.height as usize, src.channels as usize);
    let swap = orientation >= 5;
    let (nw, nh) = if swap { (h, w) } else { (w, h) };
    let mut out = vec![0u8; src.pixels.len()];
    for y in 0..h {
        for x in 0..w {
            // Where the stored pixel (x, y) lands in the upright image.
            let (dx, dy) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (h - 1 - y, x),
                7 => (h - 1 - y, w - 1 - x),
                _ => (y, w - 1 - x), // 8
            };
            let s = (y * w + x) * c;
            let d = (dy * nw + dx) * c;
            out[d..d + c].copy_from_slice(&src.pixels[s..s + c]);
        }
    }
    Raster { width: nw as u32, height: nh as u32, channels: src.channels, pixels: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32) -> Raster {
        let mut px = Vec::new();
        for y in 0..h {
            for x in 0..w {
                px.extend_from_slice(&[(x * 255 / w.max(2)) as u8, (y * 255 / h.max(2)) as u8, 128]);
            }
        }
        Raster::from_samples(w, h, 3, px).unwrap()
    }

    #[test]
    fn downscale_averages_areas() {
        let r = Raster::from_samples(4, 1, 1, vec![0, 255, 0, 255]).unwrap();
        assert_eq!(downscale(&r, 2, 1).pixels, vec![128, 128]);
        let r = Raster::from_samples(3, 1, 1, vec![0, 90, 180]).unwrap();
        assert_eq!(downscale(&r, 2, 1).pixels, vec![30, 150]);
        let g = gradient(101, 57);
        let s = downscale(&g, 30, 20);
        assert_eq!((s.width, s.height, s.pixels.len()), (30, 20, 30 * 20 * 3));
    }

    #[test]
    fn encode_then_decode_round_trips_size_and_colour() {
        let g = gradient(200, 120);
        let jpg = encode_jpeg(&g, 85).unwrap();
        let back = decode_jpeg(&jpg, 0, 0).unwrap();
        assert_eq!((back.width, back.height, back.channels), (200, 120, 3));
        let mid = |r: &Raster| r.pixels[(60 * 200 + 100) * 3] as i32;
        assert!((mid(&back) - mid(&g)).abs() < 8);
        let half = decode_jpeg(&jpg, 100, 60).unwrap();
        assert_eq!((half.width, half.height), (100, 60), "decoder scaled 1/2");
    }

    #[test]
    fn orientation_six_turns_the_image_clockwise() {
        // 2×1: left pixel 10, right pixel 20. Orientation 6 (rotate 90° CW to view) → 1×2, 10 on top.
        let r = Raster::from_samples(2, 1, 1, vec![10, 20]).unwrap();
        let up = apply_orientation(r.clone(), 6);
        assert_eq!((up.width, up.height, up.pixels.clone()), (1, 2, vec![10, 20]));
        let up = apply_orientation(r.clone(), 8);
        assert_eq!(up.pixels, vec![20, 10]);
        assert_eq!(apply_orientation(r.clone(), 3).pixels, vec![20, 10]);
        assert_eq!(apply_orientation(r, 1).pixels, vec![10, 20]);
    }

    #[test]
    fn reads_exif_orientation_both_byte_orders() {
        for little in [true, false] {
            let mut tiff = if little { b"II*\0".to_vec() } else { b"MM\0*".to_vec() };
            let w16 = |v: u16| if little { v.to_le_bytes() } else { v.to_be_bytes() };
            let w32 = |v: u32| if little { v.to_le_bytes() } else { v.to_be_bytes() };
            tiff.extend_from_slice(&w32(8));
            tiff.extend_from_slice(&w16(1));
            tiff.extend_from_slice(&w16(0x0112));
            tiff.extend_from_slice(&w16(3));
            tiff.extend_from_slice(&w32(1));
            tiff.extend_from_slice(&w16(6));
            tiff.extend_from_slice(&[0, 0]);
            let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
            let seg_len = (2 + 6 + tiff.len()) as u16;
            jpeg.extend_from_slice(&seg_len.to_be_bytes());
            jpeg.extend_from_slice(b"Exif\0\0");
            jpeg.extend_from_slice(&tiff);
            jpeg.extend_from_slice(&[0xFF, 0xD9]);
            assert_eq!(exif_orientation(&jpeg), 6);
        }
        assert_eq!(exif_orientation(b"\xFF\xD8\xFF\xE1\x00"), 1);
    }
}

//! JPEG/PNG inspection: format and pixel size from the headers, and for a pas foto whether the
//! background is red (decoded at 1/8 scale: the border colour needs no detail).

use crate::options::DocType;
use crate::report::{ImageInfo, Kind};

/// Refuse to decode images larger than this many pixels (a crafted header can claim billions).
const MAX_DECODE_PIXELS: u64 = 50_000_000;

pub fn inspect(bytes: &[u8], kind: Kind, doc: DocType) -> Option<ImageInfo> {
    let (format, (width, height)) = match kind {
        Kind::Jpeg => ("jpeg", jpeg_size(bytes)?),
        Kind::Png => ("png", png_size(bytes)?),
        _ => return None,
    };
    let red_background = if doc == DocType::PasFoto && kind == Kind::Jpeg && (width as u64) * (height as u64) <= MAX_DECODE_PIXELS {
        jpeg_red_background(bytes)
    } else {
        None
    };
    Some(ImageInfo { format: format.into(), width, height, red_background })
}

/// Width and height from the first SOFn marker, skipping APPn/EXIF segments safely.
pub fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF || marker == 0x01 || (0xD0..=0xD8).contains(&marker) {
            i += if marker == 0xFF { 1 } else { 2 };
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], *bytes.get(i + 3)?]) as usize;
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let h = u16::from_be_bytes([*bytes.get(i + 5)?, *bytes.get(i + 6)?]) as u32;
            let w = u16::from_be_bytes([*bytes.get(i + 7)?, *bytes.get(i + 8)?]) as u32;
            return Some((w, h));
        }
        if marker == 0xD9 || len < 2 {
            return None;
        }
        i += 2 + len;
    }
    None
}

pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    Some((w, h))
}

/// Whether most of the top band and the upper side bands are red (the pas foto background).
fn jpeg_red_background(bytes: &[u8]) -> Option<bool> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().ok()?;
    let info = decoder.info()?;
    decoder.scale(info.width / 8 + 1, info.height / 8 + 1).ok()?;
    let pixels = decoder.decode().ok()?;
    let info = decoder.info()?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => 3,
        _ => return Some(false), // greyscale/CMYK photos are not red-backed
    };
    if w < 4 || h < 4 || pixels.len() < w * h * channels {
        return None;
    }
    let band_x = (w / 10).max(1);
    let band_y = (h / 10).max(1);
    let (mut red, mut total) = (0usize, 0usize);
    for y in 0..h / 2 {
        for x in 0..w {
            if y >= band_y && x >= band_x && x < w - band_x {
                continue;
            }
            let p = (y * w + x) * channels;
            let (r, g, b) = (pixels[p] as f32, pixels[p + 1] as f32, pixels[p + 2] as f32);
            total += 1;
            if r > 110.0 && r > g * 1.6 && r > b * 1.6 {
                red += 1;
            }
        }
    }
    Some(total > 0 && red * 100 >= total * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sizes_from_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&400u32.to_be_bytes());
        png.extend_from_slice(&600u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((400, 600)));
        // SOI, APP0 (len 4), SOF0 with 600x400.
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x01, 0x90, 0x02, 0x58, 3];
        assert_eq!(jpeg_size(&jpeg), Some((600, 400)));
        assert_eq!(jpeg_size(&[0xFF, 0xD8, 0xFF]), None);
        assert_eq!(jpeg_size(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]), None);
    }
}

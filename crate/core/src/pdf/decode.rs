//! Bounded stream decoding. lopdf's own `decompressed_content()` inflates without a limit, so a
//! 1 KB stream can ask for gigabytes; everything the checker reads goes through here instead.

use lopdf::{Object, Stream};
use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_HAS_MORE_INPUT, TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use crate::limits::{Budget, MAX_INFLATE_RATIO};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Output would exceed the per-stream or per-file budget, or the inflation ratio is absurd.
    TooLarge,
    /// The data is not valid for its filter.
    Invalid(&'static str),
    /// A filter we do not decode (images: DCT, JPX, CCITT, JBIG2; or LZW).
    Unsupported(String),
}

/// The stream's filters, in order.
pub fn filters(stream: &Stream) -> Vec<String> {
    match stream.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![String::from_utf8_lossy(n).into_owned()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect(),
        _ => Vec::new(),
    }
}

/// Decode a stream's data through all its filters, within the budget.
pub fn decode_stream(stream: &Stream, budget: &mut Budget) -> Result<Vec<u8>, DecodeError> {
    let mut data = stream.content.clone();
    for filter in filters(stream) {
        data = match filter.as_str() {
            "FlateDecode" | "Fl" => inflate_bounded(&data, budget)?,
            "ASCIIHexDecode" | "AHx" => ascii_hex(&data)?,
            "ASCII85Decode" | "A85" => ascii85(&data)?,
            // Old writers' LZW and run-length content: lopdf's decoders, bounded by the budget.
            "LZWDecode" | "LZW" | "RunLengthDecode" | "RL" => {
                let mut dict = lopdf::Dictionary::new();
                let full: &str = if filter.starts_with('L') { "LZWDecode" } else { "RunLengthDecode" };
                dict.set("Filter", Object::Name(full.as_bytes().to_vec()));
                if let Ok(parms) = stream.dict.get(b"DecodeParms") {
                    if let Object::Dictionary(_) = parms {
                        dict.set("DecodeParms", parms.clone());
                    }
                }
                let limit = budget.inflated_left();
                let out = Stream::new(dict, data)
                    .decompressed_content_with_limit(limit)
                    .map_err(|_| DecodeError::Invalid("LZW or run-length data"))?;
                budget.inflate(out.len()).map_err(|_| DecodeError::TooLarge)?;
                out
            }
            other => return Err(DecodeError::Unsupported(other.to_string())),
        };
        budget.spend(1 + data.len() as u64 / 1024).map_err(|_| DecodeError::TooLarge)?;
    }
    Ok(data)
}

/// Inflate zlib (or, failing that, raw deflate) data, stopping at the budget's limit.
pub fn inflate_bounded(input: &[u8], budget: &mut Budget) -> Result<Vec<u8>, DecodeError> {
    let limit = budget.inflated_left();
    // A ratio cap on top of the absolute cap: real content streams compress ~3-20x.
    let ratio_cap = input.len().saturating_mul(MAX_INFLATE_RATIO).max(1 << 20);
    inflate_within(input, limit.min(ratio_cap), budget)
}

/// Inflate image samples whose size is known from the image's dimensions: at most `expected`
/// bytes (page content streams have a much lower cap, real scans do not fit under it).
pub fn inflate_image(input: &[u8], expected: usize, budget: &mut Budget) -> Result<Vec<u8>, DecodeError> {
    if expected > budget.inflated_total_left() {
        return Err(DecodeError::TooLarge);
    }
    inflate_within(input, expected.max(1024), budget)
}

/// Inflate zlib data, or raw deflate when there is no valid zlib header, to at most `cap` bytes,
/// and charge the output to the budget.
fn inflate_within(input: &[u8], cap: usize, budget: &mut Budget) -> Result<Vec<u8>, DecodeError> {
    let out = inflate_with_cap(input, cap, true).or_else(|e| match e {
        DecodeError::Invalid(_) => inflate_with_cap(input, cap, false),
        other => Err(other),
    })?;
    budget.inflate(out.len()).map_err(|_| DecodeError::TooLarge)?;
    Ok(out)
}

fn inflate_with_cap(input: &[u8], cap: usize, zlib: bool) -> Result<Vec<u8>, DecodeError> {
    let mut state = Box::<DecompressorOxide>::default();
    let mut out: Vec<u8> = vec![0; (input.len().saturating_mul(4)).clamp(1024, cap.max(1024))];
    let mut in_pos = 0;
    let mut out_pos = 0;
    let base_flags = if zlib { TINFL_FLAG_PARSE_ZLIB_HEADER } else { 0 } | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    loop {
        let (status, consumed, produced) =
            decompress(&mut state, &input[in_pos..], &mut out, out_pos, base_flags | TINFL_FLAG_HAS_MORE_INPUT);
        in_pos += consumed;
        out_pos += produced;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput => {
                if out.len() >= cap {
                    return Err(DecodeError::TooLarge);
                }
                let new_len = out.len().saturating_mul(2).min(cap);
                out.resize(new_len, 0);
            }
            // Truncated streams are common in damaged-but-readable files: keep what we got.
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                if out_pos == 0 && in_pos == 0 {
                    return Err(DecodeError::Invalid("truncated deflate data"));
                }
                break;
            }
            _ => {
                if out_pos > 0 {
                    break; // corrupt tail after usable data, as pdf.js and poppler tolerate
                }
                return Err(DecodeError::Invalid("invalid deflate data"));
            }
        }
    }
    out.truncate(out_pos);
    Ok(out)
}

fn ascii_hex(data: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        if b.is_ascii_whitespace() {
            continue;
        }
        let v = (b as char).to_digit(16).ok_or(DecodeError::Invalid("bad hex digit"))? as u8;
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    Ok(out)
}

fn ascii85(data: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u32; 5];
    let mut n = 0;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in body {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                group[n] = (b - b'!') as u32;
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |acc, &d| acc * 85 + d as u64);
                    if v > u32::MAX as u64 {
                        return Err(DecodeError::Invalid("bad ascii85 group"));
                    }
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            b if b.is_ascii_whitespace() => {}
            _ => return Err(DecodeError::Invalid("bad ascii85 character")),
        }
    }
    if n > 1 {
        for d in group.iter_mut().skip(n) {
            *d = 84;
        }
        let v = group.iter().fold(0u64, |acc, &d| acc * 85 + d as u64).min(u32::MAX as u64);
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn zlib(data: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
    }

    #[test]
    fn inflates_flate_streams() {
        let s = Stream::new(dictionary! {"Filter" => "FlateDecode"}, zlib(b"BT /F1 12 Tf (Hi) Tj ET"));
        let mut b = Budget::for_file(100);
        assert_eq!(decode_stream(&s, &mut b).unwrap(), b"BT /F1 12 Tf (Hi) Tj ET");
    }

    #[test]
    fn refuses_a_decompression_bomb() {
        let bomb = zlib(&vec![0u8; 200 * 1024 * 1024]);
        assert!(bomb.len() < 300 * 1024);
        let s = Stream::new(dictionary! {"Filter" => "FlateDecode"}, bomb);
        let mut b = Budget::for_file(100);
        assert_eq!(decode_stream(&s, &mut b), Err(DecodeError::TooLarge));
    }

    #[test]
    fn decodes_ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6C6C6F>").unwrap(), b"Hello");
        assert_eq!(ascii85(b"<~87cURDZ~>").unwrap(), b"Hello");
    }

    #[test]
    fn keeps_usable_prefix_of_truncated_stream() {
        let full = zlib(&b"q 1 0 0 1 0 0 cm Q ".repeat(2000));
        let mut b = Budget::for_file(100);
        let out = inflate_bounded(&full[..full.len() / 2], &mut b).unwrap();
        assert!(!out.is_empty() && out.len() < 2000 * 19);
    }
}

//! Sniff what a file really is from its first bytes. A photo renamed to `.pdf` or a saved error
//! page named `surat.pdf` is the common case, so the name is never consulted.

use crate::report::Kind;

/// PDF readers accept `%PDF-` anywhere in the first 1024 bytes (some tools prepend junk).
const PDF_HEADER_WINDOW: usize = 1024;

pub fn sniff(bytes: &[u8]) -> Kind {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Kind::Empty;
    }
    let head = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if find(head, b"%PDF-").is_some() {
        return Kind::Pdf;
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Kind::Jpeg;
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Kind::Png;
    }
    if looks_like_html(head) {
        return Kind::Html;
    }
    Kind::Unknown
}

/// Where the PDF header starts (bytes before it are junk some tools prepend).
pub fn pdf_header_offset(bytes: &[u8]) -> Option<usize> {
    find(&bytes[..bytes.len().min(PDF_HEADER_WINDOW)], b"%PDF-")
}

fn looks_like_html(head: &[u8]) -> bool {
    let text: String = String::from_utf8_lossy(head)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(256)
        .collect::<String>()
        .to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<title", "<script", "<div"]
        .iter()
        .any(|p| text.starts_with(p))
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b""), Kind::Empty);
        assert_eq!(sniff(b"  \n"), Kind::Empty);
        assert_eq!(sniff(b"%PDF-1.7\n%..."), Kind::Pdf);
        assert_eq!(sniff(b"junk\r\n%PDF-1.4\n"), Kind::Pdf);
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Kind::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Kind::Png);
        assert_eq!(sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff(b"  <html><body>502 Bad Gateway"), Kind::Html);
        assert_eq!(sniff(b"PK\x03\x04 a docx"), Kind::Unknown);
    }
}

//! "Make it fit" on real-sized inputs: a 12-megapixel phone photo stored sideways (EXIF 6), a
//! 12-megapixel worst-case noise photo, a 300-dpi A4 colour scan and a two-page Flate/PNG-predictor
//! grey scan. Every output is under its limit, right way up, readable by the checker itself and
//! (for PDFs) by qpdf and poppler; every signed or stamped PDF is refused untouched.

use std::path::{Path, PathBuf};
use std::process::Command;

use sscasn_core::fit::{fit_file, raster, scan::MIN_DPI, FitOutcome, Refusal};
use sscasn_core::{analyze, DocType, Kind, Options};

const KB: u64 = 1024;

fn fixture(rel: &str) -> (PathBuf, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, bytes)
}

fn fitted(rel: &str, max_kb: u64) -> FitOutcome {
    let (_, bytes) = fixture(rel);
    let out = fit_file(&bytes, max_kb * KB);
    assert!(out.ok, "{rel} → {max_kb} KB refused: {:?}", out.refusal);
    assert!(out.after_bytes <= max_kb * KB && out.bytes.len() as u64 == out.after_bytes, "{rel}: {} bytes", out.after_bytes);
    assert!(!out.thumbnail.is_empty() && raster::decode_jpeg(&out.thumbnail, 0, 0).is_ok(), "{rel}: thumbnail");
    out
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("sscasn-fit-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Average brightness of the top and bottom tenth of an image.
fn band_means(r: &raster::Raster) -> (f64, f64, [f64; 3]) {
    let c = r.channels as usize;
    let row_mean = |y0: u32, y1: u32| {
        let mut sum = [0f64; 3];
        let mut n = 0f64;
        for y in y0..y1 {
            for x in 0..r.width {
                let i = ((y * r.width + x) as usize) * c;
                for ch in 0..c {
                    sum[ch] += r.pixels[i + ch] as f64;
                }
                n += 1.0;
            }
        }
        sum.map(|s| s / n)
    };
    let top = row_mean(0, r.height / 10);
    let bottom = row_mean(r.height * 9 / 10, r.height);
    (top.iter().sum::<f64>() / 3.0, bottom.iter().sum::<f64>() / 3.0, top)
}

#[test]
fn phone_photo_is_upright_metadata_free_and_under_200_kb() {
    let (_, original) = fixture("images/phone_photo_12mp_exif6.jpg");
    assert_eq!(sscasn_core::image::jpeg_size(&original), Some((4000, 3000)), "stored sideways");
    assert_eq!(raster::exif_orientation(&original), 6);
    let out = fitted("images/phone_photo_12mp_exif6.jpg", 200);
    assert_eq!(out.kind, Some(Kind::Jpeg));
    assert_eq!(out.orientation, 6);
    // Portrait now, in the pixels themselves: 3:4, at most 2400 px high.
    assert!(out.height > out.width && out.height <= 2400, "{}x{}", out.width, out.height);
    assert!((out.width as f64 / out.height as f64 - 0.75).abs() < 0.01);
    assert_eq!(raster::exif_orientation(&out.bytes), 1);
    let needle = b"KameraUji";
    assert!(!out.bytes.windows(needle.len()).any(|w| w == needle), "camera metadata dropped");
    assert!(!out.bytes.windows(4).any(|w| w == b"Exif"), "no EXIF segment");
    // The red background is at the top and the dark clothes at the bottom: turned the right way.
    let decoded = raster::decode_jpeg(&out.bytes, 0, 0).unwrap();
    assert_eq!((decoded.width, decoded.height), (out.width, out.height));
    let (top, bottom, top_rgb) = band_means(&decoded);
    assert!(top_rgb[0] > 150.0 && top_rgb[1] < 80.0, "top is red: {top_rgb:?}");
    assert!(bottom < top, "bottom darker: {bottom} vs {top}");
    // The checker agrees: a pas foto within the limit, red background found.
    let report = analyze(&out.bytes, &Options { doc: DocType::PasFoto, max_kb: Some(200), ..Options::default() });
    assert!(report.ok, "{:?}", report.findings);
    assert_eq!(report.image.as_ref().and_then(|i| i.red_background), Some(true));
    assert!(out.quality >= 60, "a smooth photo keeps a good quality: {}", out.quality);
}

#[test]
fn noise_photo_gives_up_pixels_only_when_quality_is_not_enough() {
    let out = fitted("images/photo_12mp.jpg", 200);
    assert!(out.width < 2400 && out.height < 1800, "{}x{}", out.width, out.height);
    assert!((out.width as f64 / out.height as f64 - 4.0 / 3.0).abs() < 0.01, "aspect kept");
    assert!(out.quality >= sscasn_core::fit::MIN_QUALITY);
    let report = analyze(&out.bytes, &Options { doc: DocType::Ktp, max_kb: Some(200), ..Options::default() });
    assert!(report.ok, "{:?}", report.findings);
}

/// Check a fitted PDF with the checker, qpdf and pdfimages; returns the images' (x, y) ppi.
fn check_pdf(out: &FitOutcome, original: &[u8], name: &str) -> Vec<(u32, u32)> {
    let before = analyze(original, &Options::default());
    let after = analyze(&out.bytes, &Options { doc: DocType::Ijazah, max_kb: Some(out.max_bytes / KB), ..Options::default() });
    assert!(after.ok && after.error.is_none(), "{name}: {:?}", after.findings);
    let (b, a) = (before.pdf.unwrap(), after.pdf.as_ref().unwrap().clone());
    assert_eq!(a.pages, b.pages, "{name}: pages");
    assert_eq!(a.page_sizes, b.page_sizes, "{name}: page sizes unchanged");
    assert!(a.a4, "{name}: still A4");
    let path = write_temp(name, &out.bytes);
    let qpdf = Command::new("qpdf").arg("--check").arg(&path).output().expect("qpdf (./build.sh setup installs it)");
    assert!(qpdf.status.success(), "{name}: qpdf --check: {}", String::from_utf8_lossy(&qpdf.stdout));
    let list = Command::new("pdfimages").arg("-list").arg(&path).output().expect("pdfimages (poppler-utils)");
    let text = String::from_utf8_lossy(&list.stdout);
    let ppi: Vec<(u32, u32)> = text
        .lines()
        .skip(2)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.get(8).copied(), Some("jpeg"), "{name}: {l}");
            Some((f.get(12)?.parse().ok()?, f.get(13)?.parse().ok()?))
        })
        .collect();
    let _ = std::fs::remove_file(path);
    assert_eq!(ppi.len() as u32, a.pages, "{name}: one image per page: {text}");
    ppi
}

#[test]
fn colour_scan_at_300_dpi_fits_300_kb_at_200_dpi() {
    let (_, original) = fixture("scans/scan_300dpi_colour.pdf");
    let out = fitted("scans/scan_300dpi_colour.pdf", 300);
    assert_eq!((out.kind, out.pages, out.images, out.dpi), (Some(Kind::Pdf), 1, 1, Some(200)));
    let ppi = check_pdf(&out, &original, "colour.pdf");
    assert!(ppi.iter().all(|&(x, y)| (199..=201).contains(&x) && (199..=201).contains(&y)), "{ppi:?}");
}

#[test]
fn colour_scan_squeezed_to_150_kb_lowers_quality_not_below_100_dpi() {
    let (_, original) = fixture("scans/scan_300dpi_colour.pdf");
    let out = fitted("scans/scan_300dpi_colour.pdf", 150);
    let ppi = check_pdf(&out, &original, "colour150.pdf");
    assert!(ppi.iter().all(|&(x, _)| x >= MIN_DPI), "{ppi:?}");
}

#[test]
fn grey_flate_scan_with_predictors_fits_across_two_pages() {
    let (_, original) = fixture("scans/scan_flate_grey_2pages.pdf");
    let out = fitted("scans/scan_flate_grey_2pages.pdf", 150);
    assert_eq!((out.pages, out.images), (2, 2));
    let dpi = out.dpi.unwrap();
    assert!((MIN_DPI..150).contains(&dpi), "resolution given up only as needed: {dpi}");
    let ppi = check_pdf(&out, &original, "grey.pdf");
    assert!(ppi.iter().all(|&(x, y)| x == dpi && y == dpi), "{ppi:?} vs {dpi}");
    // The pixels are the scan's: decode page 1's new image and compare its darkness with the original's.
    let doc = lopdf::Document::load_mem(&out.bytes).unwrap();
    let image = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .find(|s| s.dict.get(b"Subtype").ok().and_then(|n| n.as_name().ok()) == Some(b"Image".as_slice()))
        .unwrap();
    let r = raster::decode_jpeg(&image.content, 0, 0).unwrap();
    assert_eq!(r.channels, 1, "grey stays grey");
    let mean = r.pixels.iter().map(|&v| v as f64).sum::<f64>() / r.pixels.len() as f64;
    assert!((150.0..235.0).contains(&mean), "paper with text, not black or blank: {mean}");
}

#[test]
fn what_cannot_fit_is_refused_with_a_reason() {
    let (_, scan) = fixture("scans/scan_300dpi_colour.pdf");
    let out = fit_file(&scan, 20 * KB);
    assert_eq!(out.refusal, Some(Refusal::CannotFit));
    assert!(out.bytes.is_empty() && out.message.unwrap().id.contains("100 dpi"));
    let (_, letter) = fixture("letters/surat_lamaran_ttf_dejavu.pdf");
    assert_eq!(fit_file(&letter, KB).refusal, Some(Refusal::NoImages));
    assert_eq!(fit_file(&scan, 2_000 * KB).refusal, Some(Refusal::AlreadyFits));
    let (_, html) = fixture("broken/error_page.pdf");
    assert_eq!(fit_file(&html, 1).refusal, Some(Refusal::NotSupported));
    let (_, random) = fixture("broken/header_then_random.pdf");
    assert_eq!(fit_file(&random, KB).refusal, Some(Refusal::Unreadable));
    let (_, locked) = fixture("structure/user_password.pdf");
    assert_eq!(fit_file(&locked, 1).refusal, Some(Refusal::Encrypted));
}

#[test]
fn no_signed_or_stamped_pdf_is_ever_altered() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/stamped");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let out = fit_file(&bytes, 1);
        assert_eq!(out.refusal, Some(Refusal::Signed), "{}", entry.path().display());
        assert!(out.bytes.is_empty());
        assert!(out.message.unwrap().en.contains("would break the e-Meterai"));
        n += 1;
    }
    assert!(n >= 8);
}

/// A 300-dpi A4 colour page stored with Flate (26 MB of samples, above the 16 MB page-content
/// cap): decoded within the bounds its own dimensions give, and fitted.
#[test]
fn flate_colour_scan_at_300_dpi_is_decoded_and_fitted() {
    use lopdf::{dictionary, Document, Object, Stream};
    let (w, h) = (2480u32, 3508u32);
    // Paper tone with dark "text" bars and a little texture, like a scanned letter.
    let mut samples = Vec::with_capacity((w * h * 3) as usize);
    let mut seed = 0x2545_F491u32;
    for y in 0..h {
        for x in 0..w {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223); // sensor noise
            let text = (y / 40) % 2 == 1 && (x / 90) % 5 != 4 && (300..w - 300).contains(&x);
            let v = if text { 50 } else { 222 } + (seed >> 28) as u8;
            samples.extend_from_slice(&[v, v, v.saturating_sub(8)]);
        }
    }
    let data = miniz_oxide::deflate::compress_to_vec_zlib(&samples, 6);
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => w as i64, "Height" => h as i64,
        "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "FlateDecode" },
        data,
    );
    let image_id = doc.add_object(image);
    let content = doc.add_object(Stream::new(dictionary! {}, b"q 595.28 0 0 841.89 0 0 cm /Im0 Do Q".to_vec()));
    let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(595.28), Object::Real(841.89)],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image_id } } });
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(bytes.len() > 300 * 1024, "the input is over the limit: {} bytes", bytes.len());
    let out = fit_file(&bytes, 300 * KB);
    assert!(out.ok, "{:?}", out.refusal);
    assert_eq!((out.dpi, out.images), (Some(200), 1));
    assert!(out.after_bytes <= 300 * KB);
    let report = analyze(&out.bytes, &Options { max_kb: Some(300), ..Options::default() });
    assert!(report.ok && report.pdf.unwrap().a4, "{:?}", report.findings);
}

//! A sweep of what a tool can append to a stamped letter, generated here from
//! tests/fixtures/stamped/stamped_pkcs7.pdf: every kind of incremental update (document
//! information, XMP, page content, resources, annotations of each subtype with and without an
//! appearance, widgets, AcroForm changes, NeedAppearances, OpenAction / JavaScript, Names,
//! outlines, a page added / removed / rotated, an object rewritten with the same content, DSS,
//! a document timestamp), each with the status the stamp must then have, and byte changes in
//! every signed range and truncations. No false intact (a change a person could see, or any
//! change that is not validation data, reads intact) and no false broken (an update after the
//! stamp never reads broken: the signed bytes are unchanged).

use std::path::Path;

use lopdf::{dictionary, Dictionary, Document, Object, Stream};
use sscasn_core::{analyze, Coverage, DocType, Options, SignatureInfo, SignatureStatus};

const STAMPED: &str = "stamped/stamped_pkcs7.pdf";
// The stamped letter's objects (checked in `base`): page, catalog, Info, page tree, page content,
// AcroForm, the stamp's widget and its appearance; the first free object number.
const PAGE: u32 = 5;
const CATALOG: u32 = 6;
const INFO: u32 = 7;
const PAGES: u32 = 8;
const CONTENT: u32 = 9;
const ACROFORM: u32 = 11;
const STAMP_WIDGET: u32 = 12;
const NEW: u32 = 17;
/// Not an object: in an update's list, the trailer's new /Info.
const TRAILER_INFO: u32 = 0;

struct Base {
    bytes: Vec<u8>,
    doc: Document,
    startxref: usize,
}

fn base() -> Base {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(STAMPED)).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap() + 9;
    let startxref = std::str::from_utf8(&bytes[at..]).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    assert_eq!(doc.trailer.get(b"Root").unwrap().as_reference().unwrap(), (CATALOG, 0));
    assert_eq!(doc.trailer.get(b"Info").unwrap().as_reference().unwrap(), (INFO, 0));
    assert_eq!(doc.page_iter().collect::<Vec<_>>(), vec![(PAGE, 0)]);
    assert_eq!(doc.get_dictionary((STAMP_WIDGET, 0)).unwrap().get(b"FT").unwrap().as_name().unwrap(), b"Sig");
    assert_eq!(doc.trailer.get(b"Size").unwrap().as_i64().unwrap(), NEW as i64);
    Base { bytes, doc, startxref }
}

impl Base {
    fn dict(&self, id: u32) -> Dictionary {
        self.doc.get_dictionary((id, 0)).unwrap().clone()
    }

    /// The stamped file with one incremental update holding `objects` (a classic xref section,
    /// /Prev to the stamped revision's).
    fn update(&self, objects: &[(u32, Object)]) -> Vec<u8> {
        let mut out = self.bytes.clone();
        let mut offsets = Vec::new();
        let mut info = INFO;
        for (n, obj) in objects {
            if *n == TRAILER_INFO {
                info = obj.as_reference().unwrap().0;
                continue;
            }
            offsets.push((*n, out.len()));
            out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
            write(obj, &mut out);
            out.extend_from_slice(b"\nendobj\n");
        }
        offsets.sort();
        let xref = out.len();
        out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
        for (n, at) in &offsets {
            out.extend_from_slice(format!("{n} 1\n{at:010} 00000 n \n").as_bytes());
        }
        let size = offsets.iter().map(|(n, _)| n + 1).max().unwrap_or(0).max(NEW);
        let mut trailer = dictionary! { "Size" => size as i64, "Root" => (CATALOG, 0), "Info" => (info, 0), "Prev" => self.startxref as i64 };
        if let Ok(id) = self.doc.trailer.get(b"ID") {
            trailer.set("ID", id.clone());
        }
        out.extend_from_slice(b"trailer\n");
        write(&Object::Dictionary(trailer), &mut out);
        out.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        out
    }
}

/// PDF syntax for an object (strings as hex, names escaped).
fn write(obj: &Object, out: &mut Vec<u8>) {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(format!("{r}").as_bytes()),
        Object::Name(n) => {
            out.push(b'/');
            for &b in n {
                if (0x21..=0x7e).contains(&b) && !b"()<>[]{}/%#".contains(&b) {
                    out.push(b);
                } else {
                    out.extend_from_slice(format!("#{b:02X}").as_bytes());
                }
            }
        }
        Object::String(s, _) => {
            out.push(b'<');
            out.extend(s.iter().flat_map(|b| format!("{b:02X}").into_bytes()));
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for item in items {
                write(item, out);
                out.push(b' ');
            }
            out.push(b']');
        }
        Object::Dictionary(d) => {
            out.extend_from_slice(b"<<");
            for (k, v) in d.iter() {
                write(&Object::Name(k.clone()), out);
                out.push(b' ');
                write(v, out);
                out.push(b'\n');
            }
            out.extend_from_slice(b">>");
        }
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", s.content.len() as i64);
            write(&Object::Dictionary(dict), out);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((n, g)) => out.extend_from_slice(format!("{n} {g} R").as_bytes()),
    }
}

fn r(n: u32) -> Object {
    Object::Reference((n, 0))
}
fn refs(ns: &[u32]) -> Object {
    Object::Array(ns.iter().map(|n| r(*n)).collect())
}
fn rect(v: [f32; 4]) -> Object {
    Object::Array(v.iter().map(|x| Object::Real(*x)).collect())
}
fn text(s: &str) -> Object {
    Object::string_literal(s)
}
/// A Form XObject appearance.
fn form(content: &str, bbox: [f32; 4]) -> Object {
    Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => rect(bbox), "Resources" => helv() }, content.as_bytes().to_vec()).into()
}
/// A stream that names no type at all, as the appearance in the issue that started this sweep.
fn bare(content: &str, bbox: Option<[f32; 4]>) -> Object {
    let mut dict = Dictionary::new();
    if let Some(b) = bbox {
        dict.set("BBox", rect(b));
        dict.set("Resources", helv());
    }
    Stream::new(dict, content.as_bytes().to_vec()).into()
}
fn helv() -> Object {
    dictionary! { "Font" => dictionary! { "Helv" => dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" } } }.into()
}
const VISIBLE: &str = "q 1 1 0.6 rg 0 0 400 60 re f 0.8 0 0 rg BT /Helv 20 Tf 10 20 Td (DOKUMEN INI TELAH DIUBAH) Tj ET Q";
const BOX: [f32; 4] = [0.0, 0.0, 400.0, 60.0];
const ON_BODY: [f32; 4] = [100.0, 500.0, 500.0, 560.0];

/// What the stamp must read after one update.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Intact: only validation data, a document timestamp, or nothing a person can see.
    Intact,
    /// Changed after stamping, with marks a person sees.
    Visible,
    /// Changed after stamping, nothing new to see (metadata, actions, structure).
    Changed,
    /// The letter's only page removed: no longer a readable document (no page), so the stamp is
    /// not read at all — never intact, never ready.
    NotReadable,
}

struct Case {
    name: String,
    objects: Vec<(u32, Object)>,
    expect: Expect,
}

fn case(name: impl Into<String>, expect: Expect, objects: Vec<(u32, Object)>) -> Case {
    Case { name: name.into(), objects, expect }
}

impl Base {
    fn with(&self, id: u32, change: impl FnOnce(&mut Dictionary)) -> (u32, Object) {
        let mut d = self.dict(id);
        change(&mut d);
        (id, Object::Dictionary(d))
    }
    /// The page's /Annots and the AcroForm's /Fields grown by `widget`.
    fn add_widget(&self, widget: u32) -> Vec<(u32, Object)> {
        vec![
            self.with(PAGE, |p| p.set("Annots", refs(&[STAMP_WIDGET, widget]))),
            self.with(ACROFORM, |a| a.set("Fields", refs(&[STAMP_WIDGET, widget]))),
        ]
    }
    fn add_annot(&self, annot: u32) -> (u32, Object) {
        self.with(PAGE, |p| p.set("Annots", refs(&[STAMP_WIDGET, annot])))
    }
    fn sig_widget(&self, extra: Dictionary) -> Dictionary {
        let mut w = dictionary! { "FT" => "Sig", "Type" => "Annot", "Subtype" => "Widget", "T" => text("Sig2"), "P" => r(PAGE), "F" => 4 };
        for (k, v) in extra.iter() {
            w.set(k.clone(), v.clone());
        }
        w
    }
    fn doc_timestamp(&self) -> Object {
        dictionary! { "Type" => "DocTimeStamp", "Filter" => "Adobe.PPKLite", "SubFilter" => "ETSI.RFC3161",
            "ByteRange" => vec![0.into(), 0.into(), 0.into(), 0.into()], "Contents" => Object::String(vec![0; 64], lopdf::StringFormat::Hexadecimal) }
        .into()
    }
    fn with_dss(&self, mut objects: Vec<(u32, Object)>, first: u32) -> Vec<(u32, Object)> {
        objects.push((first, bare("0\u{82}cert", None)));
        objects.push((first + 1, dictionary! { "Certs" => refs(&[first]) }.into()));
        objects.push(self.with(CATALOG, |c| c.set("DSS", r(first + 1))));
        objects
    }
}

fn cases(b: &Base) -> Vec<Case> {
    use Expect::*;
    let mut cases = vec![
        // Validation data and document timestamps (PAdES B-LT / B-LTA).
        case("DSS with direct arrays", Intact, b.with_dss(vec![], NEW)),
        case("DSS with indirect arrays, VRI and OCSP/CRL streams", Intact, vec![
            (NEW, bare("0\u{82}cert", None)),
            (NEW + 1, bare("0\u{82}ocsp", None)),
            (NEW + 2, bare("0\u{82}crl", None)),
            (NEW + 3, refs(&[NEW])),
            (NEW + 4, refs(&[NEW + 1])),
            (NEW + 5, refs(&[NEW + 2])),
            (NEW + 6, dictionary! { "Type" => "VRI", "Cert" => r(NEW + 3), "OCSP" => r(NEW + 4) }.into()),
            (NEW + 7, dictionary! { "0123456789ABCDEF0123456789ABCDEF01234567" => r(NEW + 6) }.into()),
            (NEW + 8, dictionary! { "Type" => "DSS", "Certs" => r(NEW + 3), "OCSPs" => r(NEW + 4), "CRLs" => r(NEW + 5), "VRI" => r(NEW + 7) }.into()),
            b.with(CATALOG, |c| c.set("DSS", r(NEW + 8))),
        ]),
        case("DSS with Info /ModDate and /Producer bookkeeping", Intact, {
            let mut o = b.with_dss(vec![], NEW);
            o.push(b.with(INFO, |i| {
                i.set("ModDate", text("D:20270101000000Z"));
                i.set("Producer", text("pyHanko"));
            }));
            o
        }),
        case("document timestamp, zero-area widget", Intact, {
            let mut o = vec![(NEW, b.doc_timestamp()), (NEW + 1, b.sig_widget(dictionary! { "V" => r(NEW), "Rect" => rect([0.0; 4]) }).into())];
            o.extend(b.add_widget(NEW + 1));
            o
        }),
        case("document timestamp, widget whose appearance paints nothing", Intact, {
            let mut o = vec![
                (NEW, b.doc_timestamp()),
                (NEW + 1, b.sig_widget(dictionary! { "V" => r(NEW), "Rect" => rect(ON_BODY), "AP" => dictionary! { "N" => r(NEW + 2) } }).into()),
                (NEW + 2, form("q Q", BOX)),
            ];
            o.extend(b.add_widget(NEW + 1));
            o
        }),
        case("document timestamp, hidden widget with a visible appearance", Intact, {
            let mut o = vec![
                (NEW, b.doc_timestamp()),
                (NEW + 1, b.sig_widget(dictionary! { "V" => r(NEW), "F" => 2, "Rect" => rect(ON_BODY), "AP" => dictionary! { "N" => r(NEW + 2) } }).into()),
                (NEW + 2, form(VISIBLE, BOX)),
            ];
            o.extend(b.add_widget(NEW + 1));
            o
        }),
        case("document timestamp with validation data", Intact, {
            let mut o = vec![(NEW, b.doc_timestamp()), (NEW + 1, b.sig_widget(dictionary! { "V" => r(NEW), "Rect" => rect([0.0; 4]) }).into())];
            o.extend(b.add_widget(NEW + 1));
            b.with_dss(o, NEW + 2)
        }),
        case("empty signature field, widget without appearance", Intact, {
            let mut o = vec![(NEW, b.sig_widget(dictionary! { "Rect" => rect(ON_BODY) }).into())];
            o.extend(b.add_widget(NEW));
            o
        }),
        case("objects rewritten with the same content (strings as hex)", Intact, vec![
            (PAGE, Object::Dictionary(b.dict(PAGE))),
            (CATALOG, Object::Dictionary(b.dict(CATALOG))),
            (INFO, Object::Dictionary(b.dict(INFO))),
            (CONTENT, b.doc.get_object((CONTENT, 0)).unwrap().clone()),
        ]),
        case("an object nothing refers to", Intact, vec![(NEW, bare(VISIBLE, Some(BOX)))]),
        // Marks a person sees.
        case("empty signature field whose appearance names no type paints over the letter", Visible, {
            let mut o = vec![(NEW, b.sig_widget(dictionary! { "Rect" => rect(ON_BODY), "AP" => dictionary! { "N" => r(NEW + 1) } }).into()), (NEW + 1, bare(VISIBLE, Some(BOX)))];
            o.extend(b.add_widget(NEW));
            o
        }),
        case("document timestamp whose widget shows a box", Visible, {
            let mut o = vec![
                (NEW, b.doc_timestamp()),
                (NEW + 1, b.sig_widget(dictionary! { "V" => r(NEW), "Rect" => rect(ON_BODY), "AP" => dictionary! { "N" => r(NEW + 2) } }).into()),
                (NEW + 2, form(VISIBLE, BOX)),
            ];
            o.extend(b.add_widget(NEW + 1));
            o
        }),
        case("the stamp's own appearance replaced", Visible, vec![
            (NEW, form(VISIBLE, BOX)),
            b.with(STAMP_WIDGET, |w| w.set("AP", dictionary! { "N" => r(NEW) })),
        ]),
        case("page content appended", Visible, vec![
            (NEW, bare("BT /F1 12 Tf 100 100 Td (tambahan) Tj ET", None)),
            b.with(PAGE, |p| p.set("Contents", refs(&[CONTENT, NEW]))),
        ]),
        case("page content rewritten", Visible, vec![(CONTENT, bare("BT /F1 12 Tf 100 700 Td (Surat yang lain) Tj ET", None))]),
        case("an image drawn through new resources", Visible, vec![
            (NEW, form(VISIBLE, BOX)),
            (NEW + 1, bare("q 1 0 0 1 100 500 cm /Fx0 Do Q", None)),
            b.with(PAGE, |p| {
                let mut res = b.dict(PAGE).get(b"Resources").unwrap().as_dict().unwrap().clone();
                res.set("XObject", dictionary! { "Fx0" => r(NEW) });
                p.set("Resources", res);
                p.set("Contents", refs(&[CONTENT, NEW + 1]));
            }),
        ]),
        case("a page added", Visible, vec![
            (NEW, bare("BT /F1 12 Tf 100 700 Td (Lampiran) Tj ET", None)),
            (NEW + 1, dictionary! { "Type" => "Page", "Parent" => r(PAGES), "MediaBox" => rect([0.0, 0.0, 595.0, 842.0]), "Contents" => r(NEW), "Resources" => dictionary! {} }.into()),
            b.with(PAGES, |p| {
                p.set("Kids", refs(&[PAGE, NEW + 1]));
                p.set("Count", 2);
            }),
        ]),
        case("a text field with an appearance", Visible, {
            let mut o = vec![
                (NEW, dictionary! { "FT" => "Tx", "Type" => "Annot", "Subtype" => "Widget", "T" => text("nama"), "V" => text("X"), "Rect" => rect(ON_BODY), "P" => r(PAGE), "F" => 4, "AP" => dictionary! { "N" => r(NEW + 1) } }.into()),
                (NEW + 1, form(VISIBLE, BOX)),
            ];
            o.extend(b.add_widget(NEW));
            o
        }),
        // Changes with nothing new to see.
        case("Info /Title rewritten", Changed, vec![b.with(INFO, |i| i.set("Title", text("Diedit")))]),
        case("Info /Producer and /ModDate only, nothing added", Changed, vec![b.with(INFO, |i| {
            i.set("Producer", text("Editor"));
            i.set("ModDate", text("D:20270101000000Z"));
        })]),
        case("Info replaced by a new object", Changed, vec![(NEW, dictionary! { "Producer" => text("Editor") }.into()), (TRAILER_INFO, r(NEW))]),
        case("XMP metadata added", Changed, vec![
            (NEW, Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>".to_vec()).into()),
            b.with(CATALOG, |c| c.set("Metadata", r(NEW))),
        ]),
        case("a font added to the page's resources", Changed, vec![
            (NEW, dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" }.into()),
            b.with(PAGE, |p| {
                let mut res = b.dict(PAGE).get(b"Resources").unwrap().as_dict().unwrap().clone();
                res.set("Font", dictionary! { "F1" => r(2), "F2" => r(3), "F3" => r(4), "F9" => r(NEW) });
                p.set("Resources", res);
            }),
        ]),
        case("AcroForm /NeedAppearances", Changed, vec![b.with(ACROFORM, |a| a.set("NeedAppearances", true))]),
        case("AcroForm /DA and /DR with a text field without widget", Changed, vec![
            (NEW, dictionary! { "FT" => "Tx", "T" => text("catatan") }.into()),
            b.with(ACROFORM, |a| a.set("Fields", refs(&[STAMP_WIDGET, NEW]))),
        ]),
        case("a text field widget without appearance", Changed, {
            let mut o = vec![(NEW, dictionary! { "FT" => "Tx", "Type" => "Annot", "Subtype" => "Widget", "T" => text("nama"), "Rect" => rect(ON_BODY), "P" => r(PAGE) }.into())];
            o.extend(b.add_widget(NEW));
            o
        }),
        case("OpenAction JavaScript", Changed, vec![
            (NEW, dictionary! { "S" => "JavaScript", "JS" => text("app.alert('x')") }.into()),
            b.with(CATALOG, |c| c.set("OpenAction", r(NEW))),
        ]),
        case("Names JavaScript tree", Changed, vec![
            (NEW, dictionary! { "S" => "JavaScript", "JS" => text("1") }.into()),
            (NEW + 1, dictionary! { "Names" => vec![text("a"), r(NEW)] }.into()),
            b.with(CATALOG, |c| c.set("Names", dictionary! { "JavaScript" => r(NEW + 1) })),
        ]),
        case("outlines", Changed, vec![
            (NEW, dictionary! { "Type" => "Outlines", "First" => r(NEW + 1), "Last" => r(NEW + 1), "Count" => 1 }.into()),
            (NEW + 1, dictionary! { "Title" => text("Surat"), "Parent" => r(NEW), "Dest" => vec![r(PAGE), "Fit".into()] }.into()),
            b.with(CATALOG, |c| c.set("Outlines", r(NEW))),
        ]),
        case("catalog /Lang", Changed, vec![b.with(CATALOG, |c| c.set("Lang", text("id-ID")))]),
        case("page rotated", Changed, vec![b.with(PAGE, |p| p.set("Rotate", 90))]),
        case("page size changed", Changed, vec![b.with(PAGE, |p| p.set("MediaBox", rect([0.0, 0.0, 612.0, 792.0])))]),
        case("the page removed", NotReadable, vec![b.with(PAGES, |p| {
            p.set("Kids", refs(&[]));
            p.set("Count", 0);
        })]),
        case("another signer's signature, invisible", Changed, {
            let mut o = vec![
                (NEW, dictionary! { "Type" => "Sig", "Filter" => "Adobe.PPKLite", "SubFilter" => "adbe.pkcs7.detached", "ByteRange" => vec![0.into(), 0.into(), 0.into(), 0.into()], "Contents" => Object::String(vec![0; 64], lopdf::StringFormat::Hexadecimal) }.into()),
                (NEW + 1, b.sig_widget(dictionary! { "V" => r(NEW), "Rect" => rect([0.0; 4]) }).into()),
            ];
            o.extend(b.add_widget(NEW + 1));
            o
        }),
    ];
    // Annotations of each subtype, with and without an appearance.
    for subtype in ["Text", "FreeText", "Square", "Circle", "Line", "Polygon", "Ink", "Highlight", "Underline", "StrikeOut", "Stamp", "Link", "FileAttachment", "Caret", "Redact"] {
        let mut annot = dictionary! { "Type" => "Annot", "Subtype" => subtype, "Rect" => rect(ON_BODY), "P" => r(PAGE), "F" => 4, "Contents" => text("diubah"), "C" => vec![1.into(), 0.into(), 0.into()] };
        // Each subtype's required keys, so that viewers draw it.
        let quad = || rect([100.0, 560.0, 500.0, 560.0]).as_array().unwrap().iter().chain(rect([100.0, 500.0, 500.0, 500.0]).as_array().unwrap()).cloned().collect::<Vec<_>>();
        match subtype {
            "Line" => annot.set("L", rect([100.0, 500.0, 500.0, 560.0])),
            "Polygon" => annot.set("Vertices", Object::Array([100.0, 500.0, 500.0, 500.0, 300.0, 560.0].iter().map(|x| Object::Real(*x)).collect())),
            "Ink" => annot.set("InkList", vec![Object::Array([100.0, 500.0, 300.0, 560.0, 500.0, 500.0].iter().map(|x| Object::Real(*x)).collect())]),
            "Highlight" | "Underline" | "StrikeOut" | "Redact" => annot.set("QuadPoints", quad()),
            "FileAttachment" => annot.set("FS", dictionary! { "Type" => "Filespec", "F" => text("lampiran.txt") }),
            _ => {}
        }
        let mut hidden = annot.clone();
        let mut with_ap = annot.clone();
        with_ap.set("AP", dictionary! { "N" => r(NEW + 1) });
        cases.push(case(format!("{subtype} annotation with an appearance"), Visible, vec![(NEW, with_ap.into()), (NEW + 1, form(VISIBLE, BOX)), b.add_annot(NEW)]));
        // Viewers draw these from their type (an icon, the text, the shape), appearance or not.
        cases.push(case(format!("{subtype} annotation without an appearance"), Visible, vec![(NEW, annot.into()), b.add_annot(NEW)]));
        hidden.set("F", 2);
        hidden.set("AP", dictionary! { "N" => r(NEW + 1) });
        cases.push(case(format!("{subtype} annotation, hidden"), Changed, vec![(NEW, hidden.into()), (NEW + 1, form(VISIBLE, BOX)), b.add_annot(NEW)]));
    }
    cases
}

fn stamp(report: &sscasn_core::Report) -> Option<&SignatureInfo> {
    report.signatures.iter().find(|s| s.is_emeterai)
}

fn options() -> Options {
    Options { file: "surat.pdf".into(), doc: DocType::SuratLamaran, ..Default::default() }
}

#[test]
fn every_kind_of_update_after_a_stamp_has_its_status() {
    let b = base();
    let intact = analyze(&b.bytes, &options());
    assert_eq!(stamp(&intact).map(|s| s.status), Some(SignatureStatus::Intact), "the base letter");
    let mut problems = Vec::new();
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    let all = cases(&b);
    // SWEEP_OUT=dir keeps every generated file, to open in a viewer or run pdfsig / pyHanko on.
    let keep = std::env::var_os("SWEEP_OUT").map(std::path::PathBuf::from);
    // What a person sees, asked of a real renderer (poppler's pdftoppm, where installed): an
    // update read as intact renders exactly as the stamped letter, one read as visible marks not.
    let base_picture = render(&b.bytes);
    let mut rendered = 0;
    for (i, c) in all.iter().enumerate() {
        let pdf = b.update(&c.objects);
        if let Some(dir) = &keep {
            std::fs::create_dir_all(dir).unwrap();
            let name: String = c.name.chars().map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '_' }).collect();
            std::fs::write(dir.join(format!("{i:02}_{:?}_{name}.pdf", c.expect)), &pdf).unwrap();
        }
        if let (Some(base_picture), Expect::Intact | Expect::Visible) = (&base_picture, c.expect) {
            let same = render(&pdf).as_ref() == Some(base_picture);
            rendered += 1;
            // Viewers differ in drawing an annotation that has no appearance from its type
            // (poppler draws some, Acrobat more): those are checked only by status.
            let drawn_by_type = c.name.ends_with("without an appearance");
            if same != (c.expect == Expect::Intact) && !(same && drawn_by_type) {
                problems.push(format!("{}: poppler renders it {} the stamped letter", c.name, if same { "exactly as" } else { "differently from" }));
            }
        }
        let report = analyze(&pdf, &options());
        let Some(s) = stamp(&report) else {
            if c.expect != Expect::NotReadable || report.ok {
                problems.push(format!("{}: the stamp is no longer found ({:?})", c.name, report.error));
            }
            *counts.entry("not readable").or_default() += 1;
            continue;
        };
        let got = match (s.status, s.checks.coverage) {
            (SignatureStatus::Intact, Coverage::ValidationDataAfter) => Some(Expect::Intact),
            (SignatureStatus::ModifiedAfter, Coverage::VisibleMarksAfter) => Some(Expect::Visible),
            (SignatureStatus::ModifiedAfter, Coverage::ChangedAfter) => Some(Expect::Changed),
            _ => None,
        };
        *counts.entry(match got { Some(Expect::Intact) => "intact", Some(Expect::Visible) => "visible marks", Some(Expect::Changed) => "changed", Some(Expect::NotReadable) | None => "other" }).or_default() += 1;
        if got != Some(c.expect) {
            problems.push(format!("{}: expected {:?}, got {:?} / {:?} ({})", c.name, c.expect, s.status, s.checks.coverage, s.detail));
        }
        let code = match c.expect {
            Expect::Intact => "emeterai_intact",
            Expect::Visible => "emeterai_visible_marks_after",
            Expect::Changed | Expect::NotReadable => "emeterai_modified_after",
        };
        if got == Some(c.expect) && !report.findings.iter().any(|f| f.code == code) {
            problems.push(format!("{}: no {code} finding: {:?}", c.name, report.findings.iter().map(|f| &f.code).collect::<Vec<_>>()));
        }
    }
    eprintln!("{} updates: {counts:?}; {rendered} rendered with pdftoppm", all.len());
    assert!(problems.is_empty(), "{} of {} updates misread:\n{}", problems.len(), all.len(), problems.join("\n"));
    assert!(all.len() >= 70, "the sweep shrank: {}", all.len());
}

/// Bytes a tool glues on, or an update cut short: changed after, never broken (the signed bytes
/// are as they were).
#[test]
fn appended_bytes_and_cut_updates_are_changed_not_broken() {
    let b = base();
    let full = b.update(&[b.with(INFO, |i| i.set("Title", text("Diedit")))]);
    let mut variants = vec![("garbage after %%EOF", [b.bytes.clone(), b"\n% a tool\n\0\0\0".to_vec()].concat())];
    for cut in [b.bytes.len() + 1, b.bytes.len() + (full.len() - b.bytes.len()) / 2, full.len() - 3] {
        variants.push(("an update cut short", full[..cut].to_vec()));
    }
    for (what, pdf) in variants {
        let report = analyze(&pdf, &options());
        let s = stamp(&report).unwrap_or_else(|| panic!("{what}: stamp not found"));
        assert_eq!(s.status, SignatureStatus::ModifiedAfter, "{what} ({} bytes): {}", pdf.len(), s.detail);
        assert!(!report.ok, "{what}");
    }
}

/// A byte changed anywhere in either signed range, or the file cut anywhere inside the signed
/// revision: never intact, never ready; a changed byte the file can still be read with is broken.
#[test]
fn byte_changes_in_every_signed_range_and_truncations_are_never_intact() {
    let b = base();
    let ranges = stamp(&analyze(&b.bytes, &options())).map(|_| byte_range(&b.bytes)).unwrap();
    let (mut broken, mut unreadable, mut total) = (0, 0, 0);
    for (start, len) in ranges {
        for step in 0..24 {
            let at = start + len * step / 24 + 1;
            let at = at.min(start + len - 1);
            let mut pdf = b.bytes.clone();
            pdf[at] = match pdf[at] {
                c @ b'0'..=b'8' => c + 1,
                b'9' => b'0',
                c @ (b'a'..=b'y' | b'A'..=b'Y') => c + 1,
                c => c ^ 0x20,
            };
            total += 1;
            let report = analyze(&pdf, &options());
            assert!(!report.ok, "byte {at} changed: still ready");
            match stamp(&report).map(|s| s.status) {
                Some(SignatureStatus::Broken) => broken += 1,
                Some(other) => panic!("byte {at} ({:?}) changed: the stamp reads {other:?}", pdf[at] as char),
                None => unreadable += 1,
            }
        }
    }
    for cut in [b.bytes.len() - 1, b.bytes.len() - 7, b.bytes.len() - 200, b.bytes.len() * 3 / 4, b.bytes.len() / 2, b.bytes.len() / 4, 100] {
        total += 1;
        let report = analyze(&b.bytes[..cut], &options());
        assert!(!report.ok, "cut at {cut}: still ready");
        assert!(stamp(&report).is_none_or(|s| s.status != SignatureStatus::Intact), "cut at {cut}: intact");
    }
    eprintln!("{total} byte changes and cuts: {broken} broken, {unreadable} no longer read as stamped, the rest not intact");
    assert!(broken >= 40, "most single-byte changes must read broken: {broken}");
}

/// Every page at 40 dpi as PNG bytes, or `None` without pdftoppm.
fn render(pdf: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("pdftoppm").args(["-r", "40", "-png", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().ok()?;
    child.stdin.take()?.write_all(pdf).ok()?;
    let out = child.wait_with_output().ok()?;
    out.status.success().then_some(out.stdout)
}

fn byte_range(pdf: &[u8]) -> Vec<(usize, usize)> {
    let at = pdf.windows(10).position(|w| w == b"/ByteRange").unwrap() + 10;
    let text = std::str::from_utf8(&pdf[at..at + 80]).unwrap_or_default();
    let nums: Vec<usize> = text.trim_start().trim_start_matches('[').split(']').next().unwrap().split_whitespace().map(|n| n.parse().unwrap()).collect();
    vec![(nums[0], nums[1]), (nums[2], nums[3])]
}

//! What we need from a signature's CMS SignedData: the signer's digest algorithm, the signed
//! `messageDigest` attribute, the signed attributes as signed, the signature value and algorithm,
//! the signer certificate (subject, public key) and a signature timestamp token. Parsed with
//! RustCrypto's `cms` (and a small DER walker, [`Tlv`], for the bytes that must stay as signed); the
//! value is verified in `crypto.rs`, which builds on this module (never the other way round).

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode, Reader, SliceReader};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

const OID_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const OID_SIGNATURE_TIMESTAMP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
const OID_SUBJECT_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
const OID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const OID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const OID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const OID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlgorithm {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SignerFacts {
    pub digest: DigestAlgorithm,
    /// The signed `messageDigest` attribute; `None` when the signer has no signed attributes
    /// (then the signature value signs the content itself).
    pub message_digest: Option<Vec<u8>>,
    /// The signer certificate's subject (or the first certificate's), formatted only when
    /// asked: formatting looks each attribute's name up in a table of OIDs.
    pub signer_subject: Option<SubjectName>,
    /// Content the CMS carries itself, which in turn holds the digest of the signed ranges.
    pub embedded: Option<Embedded>,
    /// The signed attributes as signed (DER `SET OF`), when present.
    pub signed_attrs: Option<Vec<u8>>,
    pub signature_algorithm: AlgorithmId,
    pub signature: Vec<u8>,
    /// The signer certificate's public key, found by the SignerInfo's identifier.
    pub public_key: Option<PublicKey>,
    /// An RFC 3161 signature timestamp token (unsigned attribute), as DER.
    pub timestamp_token: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AlgorithmId {
    pub oid: ObjectIdentifier,
    /// DER of the parameters, when present.
    pub params: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PublicKey {
    pub algorithm: ObjectIdentifier,
    pub params: Option<Vec<u8>>,
    /// The subjectPublicKey bits (PKCS#1 RSAPublicKey, or an SEC1 point).
    pub key: Vec<u8>,
}

/// A certificate subject, kept as read.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectName(cms::cert::x509::name::Name);

impl std::fmt::Display for SubjectName {
    /// RFC 4514 text, e.g. `CN=PERURI e-Meterai,O=PERURI,C=ID`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Signatures that sign a statement about the ranges rather than the ranges themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedded {
    /// The embedded content (its digest is `message_digest`).
    pub content: Vec<u8>,
    /// How the ranges were hashed, and the hash the content states for them.
    pub range_digest: DigestAlgorithm,
    pub range_hash: Vec<u8>,
    /// An RFC 3161 timestamp token (a document timestamp), not a signer's signature.
    pub timestamp: bool,
}

/// Why a CMS could not be used: malformed (proven wrong), or using something not checked here.
#[derive(Debug, Clone, PartialEq)]
pub enum CmsError {
    Malformed(String),
    Unsupported(String),
}

impl From<&str> for CmsError {
    fn from(s: &str) -> CmsError {
        CmsError::Malformed(s.into())
    }
}

/// Parse the SignedData in a signature's Contents (zero padding after it is allowed). DER, or BER
/// with indefinite lengths as some signers (BouncyCastle's default) write it: the `der` crate
/// reads DER only, so a BER value is re-encoded first rather than reported as a broken stamp.
pub fn signer_facts(bytes: &[u8]) -> Result<SignerFacts, CmsError> {
    signer_facts_der(bytes).or_else(|first| match ber_to_der(bytes) {
        Some(der_bytes) => signer_facts_der(&der_bytes).map_err(|_| first),
        None => Err(first),
    })
}

fn signer_facts_der(der_bytes: &[u8]) -> Result<SignerFacts, CmsError> {
    let malformed = |m: String| CmsError::Malformed(m);
    let mut reader = SliceReader::new(der_bytes).map_err(|e| malformed(format!("CMS: {e}")))?;
    let info = ContentInfo::decode(&mut reader).map_err(|e| malformed(format!("CMS is not valid DER: {e}")))?;
    let _ = reader.remaining_len(); // the rest is Contents' zero padding
    let signed: SignedData = info.content.decode_as().map_err(|e| malformed(format!("CMS SignedData: {e}")))?;
    let signer = signed.signer_infos.0.iter().next().ok_or("CMS has no signer")?;
    let digest = algorithm(&signer.digest_alg.oid).map_err(CmsError::Unsupported)?;
    let message_digest = match signer.signed_attrs.as_ref() {
        None => None,
        Some(attrs) => Some(
            attrs
                .iter()
                .find(|a| a.oid == OID_MESSAGE_DIGEST)
                .and_then(|a| a.values.iter().next())
                .and_then(|v| v.decode_as::<OctetString>().ok())
                .map(|o| o.as_bytes().to_vec())
                .ok_or("CMS has no messageDigest attribute")?,
        ),
    };
    let signed_attrs = match message_digest {
        Some(_) => Some(raw_signed_attrs(der_bytes).ok_or("CMS signed attributes cannot be read")?),
        None => None,
    };
    let certs: Vec<&cms::cert::x509::Certificate> = signed
        .certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    CertificateChoices::Certificate(cert) => Some(cert),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let signer_cert = certs.iter().copied().find(|c| identifies(&signer.sid, c));
    let signer_subject = signer_cert.or(certs.first().copied()).map(|c| SubjectName(c.tbs_certificate.subject.clone()));
    let public_key = signer_cert.map(|c| {
        let spki = &c.tbs_certificate.subject_public_key_info;
        PublicKey {
            algorithm: spki.algorithm.oid,
            params: spki.algorithm.parameters.as_ref().and_then(|p| p.to_der().ok()),
            key: spki.subject_public_key.raw_bytes().to_vec(),
        }
    });
    let signature_algorithm = AlgorithmId {
        oid: signer.signature_algorithm.oid,
        params: signer.signature_algorithm.parameters.as_ref().and_then(|p| p.to_der().ok()),
    };
    let timestamp_token = signer.unsigned_attrs.as_ref().and_then(|attrs| {
        attrs.iter().find(|a| a.oid == OID_SIGNATURE_TIMESTAMP).and_then(|a| a.values.iter().next()).and_then(|v| v.to_der().ok())
    });
    // Embedded content (RFC 5652 §5.4: when eContent is present, the messageDigest covers its
    // value, not the ranges): a document timestamp's TSTInfo (its messageImprint hashes the
    // ranges), or a digest of the ranges — adbe.pkcs7.sha1's bare SHA-1, or, in a detached
    // signature, the ranges' digest in the signer's algorithm, as poppler compares it. An empty
    // eContent in a detached signature is read as no content, as poppler/NSS do (the signed
    // messageDigest is then the ranges' digest); pyHanko rejects such a CMS as malformed instead.
    let embedded = match signed.encap_content_info.econtent.as_ref().and_then(|any| any.decode_as::<OctetString>().ok()) {
        None => None,
        Some(inner) if inner.as_bytes().is_empty() => None,
        Some(inner) => {
            let content = inner.as_bytes().to_vec();
            if signed.encap_content_info.econtent_type == OID_TST_INFO {
                let (oid, range_hash) = message_imprint(&content).ok_or("the timestamp token cannot be read")?;
                Some(Embedded { range_digest: algorithm(&oid).map_err(CmsError::Unsupported)?, range_hash, content, timestamp: true })
            } else {
                let range_digest = if content.len() == 20 { DigestAlgorithm::Sha1 } else { digest };
                Some(Embedded { range_digest, range_hash: content.clone(), content, timestamp: false })
            }
        }
    };
    Ok(SignerFacts {
        digest,
        message_digest,
        signer_subject,
        embedded,
        signed_attrs,
        signature_algorithm,
        signature: signer.signature.as_bytes().to_vec(),
        public_key,
        timestamp_token,
    })
}

/// Whether `cert` is the one the SignerInfo names (issuer and serial, or subject key identifier).
fn identifies(sid: &SignerIdentifier, cert: &cms::cert::x509::Certificate) -> bool {
    let tbs = &cert.tbs_certificate;
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(is) => is.issuer == tbs.issuer && is.serial_number == tbs.serial_number,
        SignerIdentifier::SubjectKeyIdentifier(ski) => tbs.extensions.iter().flatten().any(|e| {
            e.extn_id == OID_SUBJECT_KEY_ID
                && OctetString::from_der(e.extn_value.as_bytes()).is_ok_and(|v| v.as_bytes() == ski.0.as_bytes())
        }),
    }
}

pub(crate) fn algorithm(oid: &ObjectIdentifier) -> Result<DigestAlgorithm, String> {
    match *oid {
        OID_SHA1 => Ok(DigestAlgorithm::Sha1),
        OID_SHA256 => Ok(DigestAlgorithm::Sha256),
        OID_SHA384 => Ok(DigestAlgorithm::Sha384),
        OID_SHA512 => Ok(DigestAlgorithm::Sha512),
        other => Err(format!("unsupported digest algorithm {other}")),
    }
}

/// `(hash algorithm, hashed message)` of an RFC 3161 TSTInfo:
/// `SEQUENCE { version, policy, messageImprint SEQUENCE { AlgorithmIdentifier, OCTET STRING }, ... }`.
fn message_imprint(tst_info: &[u8]) -> Option<(ObjectIdentifier, Vec<u8>)> {
    let mut reader = SliceReader::new(tst_info).ok()?;
    reader
        .sequence(|r| {
            let _version = der::asn1::Int::decode(r)?;
            let _policy = ObjectIdentifier::decode(r)?;
            let imprint = r.sequence(|m| {
                let algorithm = m.sequence(|a| {
                    let oid = ObjectIdentifier::decode(a)?;
                    let rest = a.remaining_len();
                    a.read_slice(rest)?; // parameters (NULL or absent)
                    Ok(oid)
                })?;
                let hashed = OctetString::decode(m)?;
                Ok((algorithm, hashed.as_bytes().to_vec()))
            })?;
            // serialNumber, genTime and the optional rest are not needed.
            let rest = r.remaining_len();
            r.read_slice(rest)?;
            Ok(imprint)
        })
        .ok()
}

/// Deepest BER nesting re-encoded (CMS is about 10 deep).
const MAX_BER_DEPTH: usize = 48;

/// Re-encode the first BER value of `input` with DER lengths: indefinite lengths become definite
/// and constructed OCTET STRINGs primitive. `None` when it is not well-formed BER.
fn ber_to_der(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len());
    ber_value(input, 0, &mut out, 0)?;
    Some(out)
}

/// Re-encode the value at `pos` into `out`; returns the position after it.
fn ber_value(input: &[u8], pos: usize, out: &mut Vec<u8>, depth: usize) -> Option<usize> {
    if depth > MAX_BER_DEPTH {
        return None;
    }
    let first = *input.get(pos)?;
    let mut p = pos + 1;
    if first & 0x1F == 0x1F {
        // High tag number: base-128 continuation bytes.
        while *input.get(p)? & 0x80 != 0 {
            p += 1;
        }
        p += 1;
    }
    let tag = input.get(pos..p)?;
    let constructed = first & 0x20 != 0;
    let len_byte = *input.get(p)?;
    p += 1;
    let definite_len = match len_byte {
        0x80 => None,
        l if l < 0x80 => Some(l as usize),
        l => {
            let n = (l & 0x7F) as usize;
            if n > 4 {
                return None;
            }
            let mut len = 0usize;
            for _ in 0..n {
                len = len << 8 | *input.get(p)? as usize;
                p += 1;
            }
            Some(len)
        }
    };
    if !constructed {
        let len = definite_len?;
        let content = input.get(p..p.checked_add(len)?)?;
        write_tlv(out, tag, content);
        return Some(p + len);
    }
    let mut children = Vec::new();
    let end = match definite_len {
        Some(len) => {
            let end = p.checked_add(len)?;
            if end > input.len() {
                return None;
            }
            while p < end {
                p = ber_value(input, p, &mut children, depth + 1)?;
            }
            end
        }
        None => {
            while input.get(p..p + 2)? != [0, 0] {
                p = ber_value(input, p, &mut children, depth + 1)?;
            }
            p + 2
        }
    };
    if first == 0x24 {
        // Constructed OCTET STRING: DER wants one primitive string of the pieces.
        let mut joined = Vec::new();
        let mut q = 0;
        while q < children.len() {
            let (start, stop) = definite_content(&children, q)?;
            joined.extend_from_slice(children.get(start..stop)?);
            q = stop;
        }
        write_tlv(out, &[0x04], &joined);
    } else {
        write_tlv(out, tag, &children);
    }
    Some(end)
}

/// Content bounds of the (already re-encoded, single-byte-tag) value at `pos`.
fn definite_content(der: &[u8], pos: usize) -> Option<(usize, usize)> {
    let len_byte = *der.get(pos + 1)?;
    let (len, start) = if len_byte < 0x80 {
        (len_byte as usize, pos + 2)
    } else {
        let n = (len_byte & 0x7F) as usize;
        let mut len = 0usize;
        for i in 0..n.min(8) {
            len = len << 8 | *der.get(pos + 2 + i)? as usize;
        }
        (len, pos + 2 + n)
    };
    Some((start, start.checked_add(len)?))
}

fn write_tlv(out: &mut Vec<u8>, tag: &[u8], content: &[u8]) {
    out.extend_from_slice(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = (len as u64).to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (8 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
}

/// Digest of the byte ranges a signature covers, without copying them.
pub fn digest_ranges(algorithm: DigestAlgorithm, parts: &[&[u8]]) -> Vec<u8> {
    fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
        let mut d = D::new();
        for p in parts {
            d.update(p);
        }
        d.finalize().to_vec()
    }
    match algorithm {
        DigestAlgorithm::Sha1 => run::<Sha1>(parts),
        DigestAlgorithm::Sha256 => run::<Sha256>(parts),
        DigestAlgorithm::Sha384 => run::<Sha384>(parts),
        DigestAlgorithm::Sha512 => run::<Sha512>(parts),
    }
}

/// One DER value: its tag, its content and the whole encoding.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub raw: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// The first value in `input` (single-byte tags, definite lengths: DER).
    pub fn parse(input: &'a [u8]) -> Option<Tlv<'a>> {
        let tag = *input.first()?;
        if tag & 0x1F == 0x1F {
            return None;
        }
        let first = *input.get(1)? as usize;
        let (len, header) = if first < 0x80 {
            (first, 2)
        } else {
            let n = first & 0x7F;
            if n == 0 || n > 4 {
                return None;
            }
            let mut len = 0usize;
            for i in 0..n {
                len = len << 8 | *input.get(2 + i)? as usize;
            }
            (len, 2 + n)
        };
        let end = header.checked_add(len)?;
        Some(Tlv { tag, content: input.get(header..end)?, raw: input.get(..end)? })
    }

    /// The values one after another in `content`; `None` items mean malformed.
    pub fn children(mut content: &'a [u8]) -> impl Iterator<Item = Option<Tlv<'a>>> {
        std::iter::from_fn(move || {
            if content.is_empty() {
                return None;
            }
            match Tlv::parse(content) {
                Some(t) => {
                    content = &content[t.raw.len()..];
                    Some(Some(t))
                }
                None => {
                    content = &[];
                    Some(None)
                }
            }
        })
    }
}

/// The signed attributes of the first SignerInfo, re-tagged as the `SET OF` that was signed
/// (RFC 5652 5.4: the signature covers the DER of the attributes with an EXPLICIT SET OF tag, not
/// the `[0] IMPLICIT` they are stored under). Raw bytes, because re-encoding could reorder them.
pub fn raw_signed_attrs(content_info: &[u8]) -> Option<Vec<u8>> {
    let ci = Tlv::parse(content_info)?;
    let mut parts = Tlv::children(ci.content);
    let _oid = parts.next()??;
    let explicit = parts.next()??;
    let signed_data = Tlv::parse(explicit.content)?;
    // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
    let signer_infos = Tlv::children(signed_data.content).flatten().filter(|t| t.tag == 0x31).nth(1)?;
    let signer = Tlv::children(signer_infos.content).next()??;
    let attrs = Tlv::children(signer.content).flatten().find(|t| t.tag == 0xA0)?;
    let mut out = attrs.raw.to_vec();
    out[0] = 0x31;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_garbage_without_panicking() {
        assert!(signer_facts(b"").is_err());
        assert!(signer_facts(&[0x30, 0x82, 0xff, 0xff, 0x06]).is_err());
        assert!(signer_facts(&[0u8; 64]).is_err());
    }

    #[test]
    fn reencodes_indefinite_lengths_and_chunked_octet_strings() {
        // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { 04 01 AA, 04 01 BB }, INTEGER 5 }
        let ber = [0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 0xAA, 0x04, 0x01, 0xBB, 0x00, 0x00, 0x02, 0x01, 0x05, 0x00, 0x00];
        assert_eq!(ber_to_der(&ber).unwrap(), vec![0x30, 0x07, 0x04, 0x02, 0xAA, 0xBB, 0x02, 0x01, 0x05]);
        assert_eq!(ber_to_der(&[0x30, 0x80, 0x02]), None);
        let deep: Vec<u8> = std::iter::repeat([0x30, 0x80]).take(100).flatten().collect();
        assert_eq!(ber_to_der(&deep), None, "nesting is bounded");
    }

    /// The CMS inside a real stamped fixture, as its signer wrote it (DER).
    fn fixture_cms() -> Vec<u8> {
        let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/stamped/stamped_pkcs7.pdf")).unwrap();
        let at = memchr::memmem::find(&pdf, b"/Contents <").unwrap() + b"/Contents <".len();
        let end = at + pdf[at..].iter().position(|&b| b == b'>').unwrap();
        let hex = &pdf[at..end];
        (0..hex.len() / 2).map(|i| u8::from_str_radix(std::str::from_utf8(&hex[2 * i..2 * i + 2]).unwrap(), 16).unwrap()).collect()
    }

    #[test]
    fn reads_the_same_signature_written_as_ber() {
        let der_bytes = fixture_cms();
        let facts = signer_facts(&der_bytes).expect("the fixture's DER CMS");
        // Re-wrap the outer ContentInfo with an indefinite length, as BER encoders do.
        let (start, end) = definite_content(&der_bytes, 0).unwrap();
        let mut ber = vec![0x30, 0x80];
        ber.extend_from_slice(&der_bytes[start..end]);
        ber.extend_from_slice(&[0, 0, 0, 0]);
        assert!(signer_facts_der(&ber).is_err(), "der alone rejects it");
        assert_eq!(signer_facts(&ber).unwrap(), facts);
    }

    #[test]
    fn digests_ranges_as_one_message() {
        let whole = digest_ranges(DigestAlgorithm::Sha256, &[b"hello world"]);
        let split = digest_ranges(DigestAlgorithm::Sha256, &[b"hello", b" world"]);
        assert_eq!(whole, split);
        assert_eq!(whole.len(), 32);
    }
}

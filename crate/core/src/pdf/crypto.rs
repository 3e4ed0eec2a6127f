//! Verifying a CMS signature value with the signer's public key: RSA PKCS#1 v1.5 and PSS, ECDSA on
//! P-256, P-384 and P-521 (arithmetic in `bignum.rs`), with SHA-1 and SHA-2 (RustCrypto). Only
//! verification: no key is ever made or used to sign. Anything this cannot check (another curve, a
//! key too large, unusual PSS parameters) is `Unsupported` with the reason, never `Invalid`: a false
//! "broken" would make a person throw away a paid stamp.

use der::asn1::ObjectIdentifier;
use der::Decode;

use super::bignum::{ecdsa_verify, rsa_public, EcdsaError, P256, P384, P521};
use super::cms::{digest_ranges, DigestAlgorithm, SignerFacts};

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
const OID_RSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const OID_RSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const OID_RSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");
const OID_EC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_ECDSA_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");
const OID_ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const OID_ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const OID_ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");

/// Largest RSA modulus checked (bytes): 8192 bits. Bounds the work a hostile key can cause.
const MAX_RSA_BYTES: usize = 1024;
/// Longest RSA public exponent checked (bytes); real ones are 3 or 65537.
const MAX_RSA_EXPONENT_BYTES: usize = 8;

/// The outcome of checking a signature value.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Verified; the algorithm that was checked, e.g. "RSA PKCS#1 v1.5, SHA-256".
    Valid(String),
    /// Proven wrong: the value does not verify with the signer's key.
    Invalid(String),
    /// Not checked, and why.
    Unsupported(String),
}

/// Verify the signer's signature over what it signs: the DER of its signed attributes, or, when
/// it has none, `content` itself (the signed byte ranges, or the embedded content).
pub fn verify_value(facts: &SignerFacts, digest: DigestAlgorithm, content: &[&[u8]]) -> Verdict {
    let prehash = match &facts.signed_attrs {
        Some(attrs) => digest_ranges(digest, &[attrs]),
        None => digest_ranges(digest, content),
    };
    let Some(key) = &facts.public_key else {
        return Verdict::Unsupported("the signer's certificate is not in the signature".into());
    };
    let sig_oid = facts.signature_algorithm.oid;
    let hash_name = digest_name(digest);
    if key.algorithm == OID_EC_KEY {
        if !matches!(sig_oid, OID_EC_KEY | OID_ECDSA_SHA1 | OID_ECDSA_SHA256 | OID_ECDSA_SHA384 | OID_ECDSA_SHA512) {
            return Verdict::Unsupported(format!("signature algorithm {sig_oid} with an EC key"));
        }
        let curve = match key.params.as_deref().and_then(|p| ObjectIdentifier::from_der(p).ok()) {
            Some(OID_P256) => &P256,
            Some(OID_P384) => &P384,
            Some(OID_P521) => &P521,
            Some(other) => return Verdict::Unsupported(format!("elliptic curve {other} is not checked")),
            None => return Verdict::Unsupported("elliptic curve not named".into()),
        };
        let name = format!("ECDSA {}, {hash_name}", curve.name);
        let rs = Tlv::parse(&facts.signature)
            .filter(|t| t.tag == 0x30)
            .map(|t| Tlv::children(t.content).collect::<Vec<_>>());
        let (r, s) = match rs.as_deref() {
            Some([Some(r), Some(s)]) if r.tag == 0x02 && s.tag == 0x02 => (r.content, s.content),
            _ => return Verdict::Invalid(format!("the {name} signature value is not a DER (r, s) pair")),
        };
        return match ecdsa_verify(curve, &key.key, r, s, &prehash) {
            Ok(()) => Verdict::Valid(name),
            Err(EcdsaError::Unsupported(why)) => Verdict::Unsupported(why.into()),
            Err(EcdsaError::Invalid(why)) => Verdict::Invalid(format!("{name}: {why}")),
        };
    }
    if key.algorithm != OID_RSA && key.algorithm != OID_RSA_PSS {
        return Verdict::Unsupported(format!("public key algorithm {}", key.algorithm));
    }
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
    let parts = Tlv::parse(&key.key).filter(|t| t.tag == 0x30).map(|t| Tlv::children(t.content).collect::<Vec<_>>());
    let (n, e) = match parts.as_deref() {
        Some([Some(n), Some(e)]) if n.tag == 0x02 && e.tag == 0x02 => (strip_zeros(n.content), strip_zeros(e.content)),
        _ => return Verdict::Unsupported("the RSA public key cannot be read".into()),
    };
    if n.len() > MAX_RSA_BYTES || e.len() > MAX_RSA_EXPONENT_BYTES || n.len() < 64 {
        return Verdict::Unsupported(format!("RSA key of {} bits is not checked", n.len() * 8));
    }
    let Some(em) = rsa_public(n, e, &facts.signature) else {
        return Verdict::Invalid("the RSA signature value does not fit the key".into());
    };
    let mod_bits = n.len() * 8 - n[0].leading_zeros() as usize;
    match sig_oid {
        OID_RSA | OID_RSA_SHA1 | OID_RSA_SHA256 | OID_RSA_SHA384 | OID_RSA_SHA512 => {
            if pkcs1_v15_matches(&em, digest, &prehash) {
                Verdict::Valid(format!("RSA PKCS#1 v1.5, {hash_name}"))
            } else {
                Verdict::Invalid(format!("the RSA PKCS#1 v1.5 ({hash_name}) signature value does not verify"))
            }
        }
        OID_RSA_PSS => {
            let (pss_hash, salt) = match pss_params(facts.signature_algorithm.params.as_deref()) {
                Ok(p) => p,
                Err(why) => return Verdict::Unsupported(why),
            };
            if pss_hash != digest {
                return Verdict::Unsupported("RSA-PSS hash differs from the digest algorithm".into());
            }
            if pss_matches(&em, mod_bits, digest, salt, &prehash) {
                Verdict::Valid(format!("RSA-PSS, {hash_name}"))
            } else {
                Verdict::Invalid(format!("the RSA-PSS ({hash_name}) signature value does not verify"))
            }
        }
        other => Verdict::Unsupported(format!("signature algorithm {other} with an RSA key")),
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    &b[b.iter().take_while(|x| **x == 0).count()..]
}

/// EMSA-PKCS1-v1_5: `00 01 FF…FF 00 DigestInfo`, the DigestInfo naming `digest` (with or without
/// NULL parameters) and holding `hash`.
fn pkcs1_v15_matches(em: &[u8], digest: DigestAlgorithm, hash: &[u8]) -> bool {
    let Some(rest) = em.strip_prefix(&[0x00, 0x01]) else { return false };
    let pad = rest.iter().take_while(|b| **b == 0xFF).count();
    if pad < 8 || rest.get(pad) != Some(&0) {
        return false;
    }
    let t = &rest[pad + 1..];
    let Some(info) = Tlv::parse(t).filter(|i| i.tag == 0x30 && i.raw.len() == t.len()) else { return false };
    let items: Vec<_> = Tlv::children(info.content).collect();
    let [Some(alg), Some(value)] = items.as_slice() else { return false };
    let alg_items: Vec<_> = Tlv::children(alg.content).collect();
    let oid_ok = match alg_items.as_slice() {
        [Some(oid)] | [Some(oid), Some(Tlv { tag: 0x05, content: [], .. })] => {
            ObjectIdentifier::from_der(oid.raw).ok().and_then(|o| super::cms::algorithm(&o).ok()) == Some(digest)
        }
        _ => false,
    };
    alg.tag == 0x30 && oid_ok && value.tag == 0x04 && value.content == hash
}

/// EMSA-PSS-VERIFY (RFC 8017 9.1.2) with MGF1 over the same hash.
fn pss_matches(em_full: &[u8], mod_bits: usize, digest: DigestAlgorithm, salt_len: usize, mhash: &[u8]) -> bool {
    let em_bits = mod_bits - 1;
    let em_len = em_bits.div_ceil(8);
    if em_full.len() < em_len || em_full[..em_full.len() - em_len].iter().any(|b| *b != 0) {
        return false;
    }
    let em = &em_full[em_full.len() - em_len..];
    let h_len = mhash.len();
    if em_len < h_len.saturating_add(salt_len).saturating_add(2) || em.last() != Some(&0xBC) {
        return false;
    }
    let (masked_db, h) = (&em[..em_len - h_len - 1], &em[em_len - h_len - 1..em_len - 1]);
    let top_bits = 8 * em_len - em_bits;
    if top_bits > 0 && masked_db[0] >> (8 - top_bits) != 0 {
        return false;
    }
    // MGF1(H, len)
    let mut mask = Vec::with_capacity(masked_db.len() + h_len);
    let mut counter: u32 = 0;
    while mask.len() < masked_db.len() {
        mask.extend(digest_ranges(digest, &[h, &counter.to_be_bytes()]));
        counter += 1;
    }
    let mut db: Vec<u8> = masked_db.iter().zip(&mask).map(|(a, b)| a ^ b).collect();
    if top_bits > 0 {
        db[0] &= 0xFF >> top_bits;
    }
    let ps_len = em_len - h_len - salt_len - 2;
    if db[..ps_len].iter().any(|b| *b != 0) || db[ps_len] != 1 {
        return false;
    }
    let salt = &db[ps_len + 1..];
    digest_ranges(digest, &[&[0u8; 8], mhash, salt]) == h
}

pub fn digest_name(d: DigestAlgorithm) -> &'static str {
    match d {
        DigestAlgorithm::Sha1 => "SHA-1",
        DigestAlgorithm::Sha256 => "SHA-256",
        DigestAlgorithm::Sha384 => "SHA-384",
        DigestAlgorithm::Sha512 => "SHA-512",
    }
}

/// `RSASSA-PSS-params ::= SEQUENCE { [0] hashAlgorithm DEFAULT sha1, [1] maskGenAlgorithm DEFAULT
/// mgf1SHA1, [2] saltLength DEFAULT 20, [3] trailerField DEFAULT 1 }`. MGF1 must use the same hash
/// (what the `rsa` crate verifies).
fn pss_params(params: Option<&[u8]>) -> Result<(DigestAlgorithm, usize), String> {
    let bad = || "RSA-PSS parameters cannot be read".to_string();
    let mut hash = DigestAlgorithm::Sha1;
    let mut mgf_hash = DigestAlgorithm::Sha1;
    let mut salt = 20usize;
    let Some(params) = params else { return Ok((hash, salt)) };
    let seq = Tlv::parse(params).ok_or_else(bad)?;
    if seq.tag == 0x05 {
        return Ok((hash, salt)); // NULL: all defaults
    }
    for field in Tlv::children(seq.content) {
        let field = field.ok_or_else(bad)?;
        let inner = Tlv::parse(field.content).ok_or_else(bad)?;
        match field.tag {
            0xA0 => hash = algorithm_hash(inner.content)?,
            0xA1 => {
                let mut parts = Tlv::children(inner.content);
                let oid = parts.next().flatten().and_then(|t| ObjectIdentifier::from_der(t.raw).ok()).ok_or_else(bad)?;
                if oid != OID_MGF1 {
                    return Err(format!("RSA-PSS mask generation {oid} is not checked"));
                }
                let h = parts.next().flatten().ok_or_else(bad)?;
                mgf_hash = algorithm_hash(h.content)?;
            }
            0xA2 => {
                let n = inner.content;
                if inner.tag != 0x02 || n.is_empty() || n.len() > 4 {
                    return Err(bad());
                }
                salt = n.iter().fold(0usize, |acc, b| acc << 8 | *b as usize);
            }
            0xA3 => {
                if inner.content != [1] {
                    return Err("RSA-PSS trailer field other than 1".into());
                }
            }
            _ => return Err(bad()),
        }
    }
    if mgf_hash != hash {
        return Err("RSA-PSS with a different MGF1 hash is not checked".into());
    }
    Ok((hash, salt))
}

/// The hash an AlgorithmIdentifier's content names.
fn algorithm_hash(alg_content: &[u8]) -> Result<DigestAlgorithm, String> {
    let oid = Tlv::children(alg_content)
        .next()
        .flatten()
        .and_then(|t| ObjectIdentifier::from_der(t.raw).ok())
        .ok_or("RSA-PSS hash cannot be read")?;
    super::cms::algorithm(&oid)
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
    fn reads_pss_parameters() {
        assert_eq!(pss_params(None), Ok((DigestAlgorithm::Sha1, 20)));
        // SEQUENCE { [0] { sha256 }, [1] { mgf1 { sha256 } }, [2] { 32 } }
        let sha256 = [0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00];
        let mut mgf = vec![0x30, 0x1a, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08];
        mgf.extend_from_slice(&sha256);
        let mut body = vec![0xA0, sha256.len() as u8];
        body.extend_from_slice(&sha256);
        body.extend_from_slice(&[0xA1, mgf.len() as u8]);
        body.extend_from_slice(&mgf);
        body.extend_from_slice(&[0xA2, 0x03, 0x02, 0x01, 0x20]);
        let mut seq = vec![0x30, body.len() as u8];
        seq.extend_from_slice(&body);
        assert_eq!(pss_params(Some(&seq)), Ok((DigestAlgorithm::Sha256, 32)));
        assert!(pss_params(Some(&[0x30, 0x03, 0xA2, 0x01])).is_err());
    }

    #[test]
    fn walks_der_without_panicking() {
        assert!(Tlv::parse(&[]).is_none());
        assert!(Tlv::parse(&[0x30, 0x85, 0, 0, 0, 0, 0]).is_none());
        assert!(Tlv::parse(&[0x30, 0x05, 1]).is_none());
        assert_eq!(Tlv::children(&[0x02, 0x01, 0x05, 0x30]).collect::<Vec<_>>().len(), 2);
        assert_eq!(raw_signed_attrs(&[0x30, 0x00]), None);
    }
}

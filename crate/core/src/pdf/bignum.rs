//! Just enough big-number arithmetic to VERIFY signatures: Montgomery arithmetic modulo an odd
//! modulus (RSA's n, an elliptic curve's p and n), RSA's public operation, and ECDSA verification on
//! the NIST curves P-256, P-384 and P-521. Written here rather than pulled in as crates (`rsa`,
//! `p256`, `p384`) because those cost ~66 KB of gzipped wasm, and verification needs none of their
//! constant-time machinery: every input (public key, signature, hash) is public.

use std::cmp::Ordering;

/// Little-endian 32-bit limbs.
type Limbs = Vec<u32>;

fn from_be(bytes: &[u8], limbs: usize) -> Option<Limbs> {
    let bytes = &bytes[bytes.iter().take_while(|b| **b == 0).count()..];
    if bytes.len() > limbs * 4 {
        return None;
    }
    let mut out = vec![0u32; limbs];
    for (i, b) in bytes.iter().rev().enumerate() {
        out[i / 4] |= (*b as u32) << (8 * (i % 4));
    }
    Some(out)
}

fn to_be(a: &[u32], len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    for i in 0..len.min(a.len() * 4) {
        out[len - 1 - i] = (a[i / 4] >> (8 * (i % 4))) as u8;
    }
    out
}

fn cmp(a: &[u32], b: &[u32]) -> Ordering {
    for i in (0..a.len()).rev() {
        match a[i].cmp(&b[i]) {
            Ordering::Equal => continue,
            o => return o,
        }
    }
    Ordering::Equal
}

fn is_zero(a: &[u32]) -> bool {
    a.iter().all(|x| *x == 0)
}

/// `a -= b`, returning the borrow.
fn sub_in_place(a: &mut [u32], b: &[u32]) -> bool {
    let mut borrow = 0i64;
    for i in 0..a.len() {
        let d = a[i] as i64 - b[i] as i64 - borrow;
        a[i] = d as u32;
        borrow = (d < 0) as i64;
    }
    borrow != 0
}

/// `a += b`, returning the carry.
fn add_in_place(a: &mut [u32], b: &[u32]) -> bool {
    let mut carry = 0u64;
    for i in 0..a.len() {
        let s = a[i] as u64 + b[i] as u64 + carry;
        a[i] = s as u32;
        carry = s >> 32;
    }
    carry != 0
}

/// Arithmetic modulo an odd `m`, values kept in Montgomery form (`x·R mod m`, `R = 2^(32·limbs)`).
pub struct Modulus {
    m: Limbs,
    /// `-m⁻¹ mod 2³²`.
    inv: u32,
    /// `R² mod m`.
    r2: Limbs,
}

impl Modulus {
    pub fn new(m_be: &[u8]) -> Option<Modulus> {
        let significant = m_be.len() - m_be.iter().take_while(|b| **b == 0).count();
        let limbs = significant.div_ceil(4).max(1);
        let m = from_be(m_be, limbs)?;
        if m[0] & 1 == 0 || (limbs == 1 && m[0] < 3) {
            return None;
        }
        // Newton's iteration for m⁻¹ mod 2³².
        let mut x: u32 = 1;
        for _ in 0..5 {
            x = x.wrapping_mul(2u32.wrapping_sub(m[0].wrapping_mul(x)));
        }
        let mut md = Modulus { m, inv: x.wrapping_neg(), r2: Vec::new() };
        // R² mod m: 1 doubled 64·limbs times, modulo m.
        let mut r = vec![0u32; limbs];
        r[0] = 1;
        for _ in 0..64 * limbs {
            r = md.add(&r, &r);
        }
        md.r2 = r;
        Some(md)
    }

    fn limbs(&self) -> usize {
        self.m.len()
    }

    pub fn bytes(&self) -> usize {
        let top = self.m.iter().rposition(|x| *x != 0).unwrap_or(0);
        top * 4 + (4 - self.m[top].leading_zeros() as usize / 8)
    }

    pub fn bits(&self) -> usize {
        let top = self.m.iter().rposition(|x| *x != 0).unwrap_or(0);
        top * 32 + 32 - self.m[top].leading_zeros() as usize
    }

    /// A plain integer below m, as limbs (not Montgomery form); `None` when ≥ m or too long.
    pub fn parse(&self, be: &[u8]) -> Option<Limbs> {
        let a = from_be(be, self.limbs())?;
        (cmp(&a, &self.m) == Ordering::Less).then_some(a)
    }

    /// `a mod m` for an `a` with at most as many limbs as m and below 2m.
    fn reduce_once(&self, be: &[u8]) -> Option<Limbs> {
        let mut a = from_be(be, self.limbs())?;
        if cmp(&a, &self.m) != Ordering::Less {
            sub_in_place(&mut a, &self.m);
        }
        (cmp(&a, &self.m) == Ordering::Less).then_some(a)
    }

    pub fn add(&self, a: &[u32], b: &[u32]) -> Limbs {
        let mut r = a.to_vec();
        let carry = add_in_place(&mut r, b);
        if carry || cmp(&r, &self.m) != Ordering::Less {
            sub_in_place(&mut r, &self.m);
        }
        r
    }

    pub fn sub(&self, a: &[u32], b: &[u32]) -> Limbs {
        let mut r = a.to_vec();
        if sub_in_place(&mut r, b) {
            add_in_place(&mut r, &self.m);
        }
        r
    }

    /// Montgomery product `a·b·R⁻¹ mod m` (CIOS).
    pub fn mul(&self, a: &[u32], b: &[u32]) -> Limbs {
        let n = self.limbs();
        let mut t = vec![0u32; n + 2];
        for &bi in b.iter().take(n) {
            let mut c = 0u64;
            for j in 0..n {
                let s = t[j] as u64 + a[j] as u64 * bi as u64 + c;
                t[j] = s as u32;
                c = s >> 32;
            }
            let s = t[n] as u64 + c;
            t[n] = s as u32;
            t[n + 1] = (s >> 32) as u32;
            let q = t[0].wrapping_mul(self.inv);
            let mut c = (t[0] as u64 + q as u64 * self.m[0] as u64) >> 32;
            for j in 1..n {
                let s = t[j] as u64 + q as u64 * self.m[j] as u64 + c;
                t[j - 1] = s as u32;
                c = s >> 32;
            }
            let s = t[n] as u64 + c;
            t[n - 1] = s as u32;
            t[n] = t[n + 1] + (s >> 32) as u32;
        }
        let mut r = t[..n].to_vec();
        if t[n] != 0 || cmp(&r, &self.m) != Ordering::Less {
            sub_in_place(&mut r, &self.m);
        }
        r
    }

    pub fn to_mont(&self, a: &[u32]) -> Limbs {
        self.mul(a, &self.r2)
    }

    pub fn from_mont(&self, a: &[u32]) -> Limbs {
        let mut one = vec![0u32; self.limbs()];
        one[0] = 1;
        self.mul(a, &one)
    }

    fn one(&self) -> Limbs {
        let mut one = vec![0u32; self.limbs()];
        one[0] = 1;
        self.to_mont(&one)
    }

    /// `a^e` with `a` in Montgomery form and `e` big-endian bytes; the result in Montgomery form.
    pub fn pow(&self, a: &[u32], e: &[u8]) -> Limbs {
        let mut r = self.one();
        for byte in e {
            for bit in (0..8).rev() {
                r = self.mul(&r, &r);
                if byte >> bit & 1 == 1 {
                    r = self.mul(&r, a);
                }
            }
        }
        r
    }

    /// `a⁻¹` (Montgomery form in and out) for a prime modulus, by Fermat: `a^(m-2)`.
    pub fn inverse(&self, a: &[u32]) -> Limbs {
        let mut e = self.m.clone();
        let mut two = vec![0u32; self.limbs()];
        two[0] = 2;
        sub_in_place(&mut e, &two);
        self.pow(a, &to_be(&e, self.limbs() * 4))
    }
}

/// RSA's public operation `s^e mod n` as `k` big-endian bytes (`k` = the modulus length);
/// `None` when the signature is not below the modulus.
pub fn rsa_public(n_be: &[u8], e_be: &[u8], sig: &[u8]) -> Option<Vec<u8>> {
    let m = Modulus::new(n_be)?;
    // Some signers drop the signature's leading zero bytes: the value is what counts.
    if sig.len() > m.bytes() {
        return None;
    }
    let s = m.parse(sig)?;
    let r = m.from_mont(&m.pow(&m.to_mont(&s), e_be));
    Some(to_be(&r, m.bytes()))
}

/// A NIST prime curve `y² = x³ - 3x + b`.
pub struct Curve {
    pub name: &'static str,
    p: &'static str,
    n: &'static str,
    b: &'static str,
    gx: &'static str,
    gy: &'static str,
}

pub const P256: Curve = Curve {
    name: "P-256",
    p: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
    n: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
    b: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
    gx: "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
    gy: "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
};

pub const P384: Curve = Curve {
    name: "P-384",
    p: "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
    n: "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
    b: "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
    gx: "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
    gy: "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
};

pub const P521: Curve = Curve {
    name: "P-521",
    p: "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    n: "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
    b: "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
    gx: "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
    gy: "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650",
};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap_or(0)).collect()
}

/// A point in Jacobian coordinates (Montgomery form); `z = 0` is the point at infinity.
#[derive(Clone)]
struct Point {
    x: Limbs,
    y: Limbs,
    z: Limbs,
}

struct Field<'a> {
    f: &'a Modulus,
}

impl Field<'_> {
    fn double(&self, p: &Point) -> Point {
        let f = self.f;
        if is_zero(&p.z) || is_zero(&p.y) {
            return Point { x: p.x.clone(), y: p.y.clone(), z: vec![0; p.z.len()] };
        }
        // a = -3: M = 3(X - Z²)(X + Z²)
        let zz = f.mul(&p.z, &p.z);
        let t = f.mul(&f.sub(&p.x, &zz), &f.add(&p.x, &zz));
        let m = f.add(&f.add(&t, &t), &t);
        let yy = f.mul(&p.y, &p.y);
        let s = f.mul(&p.x, &yy);
        let s = f.add(&s, &s);
        let s = f.add(&s, &s); // S = 4XY²
        let x3 = f.sub(&f.mul(&m, &m), &f.add(&s, &s));
        let yyyy = f.mul(&yy, &yy);
        let y8 = f.add(&yyyy, &yyyy);
        let y8 = f.add(&y8, &y8);
        let y8 = f.add(&y8, &y8); // 8Y⁴
        let y3 = f.sub(&f.mul(&m, &f.sub(&s, &x3)), &y8);
        let yz = f.mul(&p.y, &p.z);
        Point { x: x3, y: y3, z: f.add(&yz, &yz) }
    }

    fn add(&self, p: &Point, q: &Point) -> Point {
        let f = self.f;
        if is_zero(&p.z) {
            return q.clone();
        }
        if is_zero(&q.z) {
            return p.clone();
        }
        let z1z1 = f.mul(&p.z, &p.z);
        let z2z2 = f.mul(&q.z, &q.z);
        let u1 = f.mul(&p.x, &z2z2);
        let u2 = f.mul(&q.x, &z1z1);
        let s1 = f.mul(&p.y, &f.mul(&q.z, &z2z2));
        let s2 = f.mul(&q.y, &f.mul(&p.z, &z1z1));
        let h = f.sub(&u2, &u1);
        let r = f.sub(&s2, &s1);
        if is_zero(&h) {
            return if is_zero(&r) { self.double(p) } else { Point { x: p.x.clone(), y: p.y.clone(), z: vec![0; p.z.len()] } };
        }
        let hh = f.mul(&h, &h);
        let hhh = f.mul(&h, &hh);
        let v = f.mul(&u1, &hh);
        let x3 = f.sub(&f.sub(&f.mul(&r, &r), &hhh), &f.add(&v, &v));
        let y3 = f.sub(&f.mul(&r, &f.sub(&v, &x3)), &f.mul(&s1, &hhh));
        let z3 = f.mul(&f.mul(&p.z, &q.z), &h);
        Point { x: x3, y: y3, z: z3 }
    }

    /// `a·P + b·Q` (Shamir's trick), scalars as big-endian bytes.
    fn mul2(&self, a: &[u8], p: &Point, b: &[u8], q: &Point) -> Point {
        let pq = self.add(p, q);
        let mut r = Point { x: p.x.clone(), y: p.y.clone(), z: vec![0; p.z.len()] };
        for i in 0..a.len().max(b.len()) * 8 {
            r = self.double(&r);
            let bit = |s: &[u8]| {
                let (byte, shift) = (i / 8, 7 - i % 8);
                let off = a.len().max(b.len()) - s.len();
                byte >= off && s[byte - off] >> shift & 1 == 1
            };
            match (bit(a), bit(b)) {
                (true, true) => r = self.add(&r, &pq),
                (true, false) => r = self.add(&r, p),
                (false, true) => r = self.add(&r, q),
                (false, false) => {}
            }
        }
        r
    }
}

/// Why an ECDSA check did not pass.
#[derive(Debug, PartialEq)]
pub enum EcdsaError {
    /// The key is not a usable point (compressed points are not decoded here).
    Unsupported(&'static str),
    Invalid(&'static str),
}

/// Verify an ECDSA signature (`r`, `s` big-endian) over `hash` with the SEC1 public `key`.
pub fn ecdsa_verify(curve: &Curve, key: &[u8], r: &[u8], s: &[u8], hash: &[u8]) -> Result<(), EcdsaError> {
    let fp = Modulus::new(&hex(curve.p)).ok_or(EcdsaError::Invalid("curve"))?;
    let fn_ = Modulus::new(&hex(curve.n)).ok_or(EcdsaError::Invalid("curve"))?;
    let len = fp.bytes();
    let (qx, qy) = match key.split_first() {
        Some((4, rest)) if rest.len() == 2 * len => rest.split_at(len),
        Some((2 | 3, _)) => return Err(EcdsaError::Unsupported("compressed EC public keys are not decoded here")),
        _ => return Err(EcdsaError::Invalid("the public key is not a point of this curve")),
    };
    let (qx, qy) = match (fp.parse(qx), fp.parse(qy)) {
        (Some(x), Some(y)) => (fp.to_mont(&x), fp.to_mont(&y)),
        _ => return Err(EcdsaError::Invalid("the public key is not a point of this curve")),
    };
    // y² = x³ - 3x + b
    let b = fp.to_mont(&fp.parse(&hex(curve.b)).ok_or(EcdsaError::Invalid("curve"))?);
    let x3 = fp.mul(&fp.mul(&qx, &qx), &qx);
    let three_x = fp.add(&fp.add(&qx, &qx), &qx);
    if fp.mul(&qy, &qy) != fp.add(&fp.sub(&x3, &three_x), &b) {
        return Err(EcdsaError::Invalid("the public key is not on the curve"));
    }
    // 1 ≤ r, s < n
    let (Some(rn), Some(sn)) = (fn_.parse(r), fn_.parse(s)) else {
        return Err(EcdsaError::Invalid("r or s out of range"));
    };
    if is_zero(&rn) || is_zero(&sn) {
        return Err(EcdsaError::Invalid("r or s is zero"));
    }
    // e: the leftmost bits of the hash, as many as n has.
    let nbits = fn_.bits();
    let e_be: Vec<u8> = if hash.len() * 8 > nbits {
        let keep = nbits.div_ceil(8);
        let shift = keep * 8 - nbits;
        let mut t = hash[..keep].to_vec();
        if shift > 0 {
            let mut carry = 0u8;
            for byte in t.iter_mut() {
                let next = *byte << (8 - shift);
                *byte = *byte >> shift | carry;
                carry = next;
            }
        }
        t
    } else {
        hash.to_vec()
    };
    let e = fn_.reduce_once(&e_be).ok_or(EcdsaError::Invalid("hash"))?;
    let w = fn_.inverse(&fn_.to_mont(&sn));
    let u1 = fn_.from_mont(&fn_.mul(&fn_.to_mont(&e), &w));
    let u2 = fn_.from_mont(&fn_.mul(&fn_.to_mont(&rn), &w));
    let one = fp.to_mont(&{
        let mut o = vec![0u32; fp.limbs()];
        o[0] = 1;
        o
    });
    let g = Point {
        x: fp.to_mont(&fp.parse(&hex(curve.gx)).ok_or(EcdsaError::Invalid("curve"))?),
        y: fp.to_mont(&fp.parse(&hex(curve.gy)).ok_or(EcdsaError::Invalid("curve"))?),
        z: one.clone(),
    };
    let q = Point { x: qx, y: qy, z: one };
    let field = Field { f: &fp };
    let sum = field.mul2(&to_be(&u1, fn_.limbs() * 4), &g, &to_be(&u2, fn_.limbs() * 4), &q);
    if is_zero(&sum.z) {
        return Err(EcdsaError::Invalid("the signature value does not verify"));
    }
    let zinv = fp.inverse(&sum.z);
    let x = fp.from_mont(&fp.mul(&sum.x, &fp.mul(&zinv, &zinv)));
    let v = fn_.reduce_once(&to_be(&x, fp.limbs() * 4)).ok_or(EcdsaError::Invalid("x"))?;
    if v == rn {
        Ok(())
    } else {
        Err(EcdsaError::Invalid("the signature value does not verify"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn montgomery_arithmetic_matches_plain_arithmetic() {
        let m = Modulus::new(&[0x00, 0xF1]).unwrap(); // 241
        let a = m.to_mont(&m.parse(&[200]).unwrap());
        let b = m.to_mont(&m.parse(&[100]).unwrap());
        assert_eq!(m.from_mont(&m.mul(&a, &b)), vec![(200 * 100 % 241) as u32]);
        assert_eq!(m.from_mont(&m.pow(&a, &[3])), vec![(200u64.pow(3) % 241) as u32]);
        let inv = m.from_mont(&m.inverse(&a));
        assert_eq!(inv[0] as u64 * 200 % 241, 1);
        assert!(Modulus::new(&[0x10]).is_none(), "even moduli are refused");
        assert!(m.parse(&[241]).is_none(), "values must be below the modulus");
    }

    #[test]
    fn rsa_public_operation() {
        // n = 3233 (61·53), e = 17: 65^17 mod 3233 = 2790.
        assert_eq!(rsa_public(&[0x0c, 0xa1], &[17], &[0x00, 0x41]), Some(vec![0x0a, 0xe6]));
        assert_eq!(rsa_public(&[0x0c, 0xa1], &[17], &[0xff, 0xff]), None, "signature ≥ n");
        assert_eq!(rsa_public(&[0x0c, 0xa1], &[17], &[0x41]), Some(vec![0x0a, 0xe6]), "leading zeros dropped");
        assert_eq!(rsa_public(&[0x0c, 0xa1], &[17], &[0, 0, 0x41]), None, "longer than the modulus");
    }

    #[test]
    fn ecdsa_generator_is_on_each_curve() {
        for c in [&P256, &P384, &P521] {
            let mut key = vec![4];
            let len = Modulus::new(&hex(c.p)).unwrap().bytes();
            key.extend(hex(c.gx)[hex(c.gx).len() - len..].iter());
            key.extend(hex(c.gy)[hex(c.gy).len() - len..].iter());
            // A signature with r = s = 1 is in range but does not verify; the key is accepted.
            assert_eq!(ecdsa_verify(c, &key, &[1], &[1], &[0; 32]), Err(EcdsaError::Invalid("the signature value does not verify")), "{}", c.name);
            key[5] ^= 1;
            assert_eq!(ecdsa_verify(c, &key, &[1], &[1], &[0; 32]), Err(EcdsaError::Invalid("the public key is not on the curve")), "{}", c.name);
        }
    }
}

//! Hostile-input smoke test: thousands of deterministic mutations of the fixture corpus (byte
//! flips, truncations, spliced tokens) must each produce a report, never a panic. (A panic in
//! wasm aborts the instance, so "no panic" is a product requirement, not a nicety.) The
//! coverage-guided fuzzer is issue 8's; this keeps what it would find first from coming back.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use sscasn_core::{analyze, DocType, Options, Stage};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"<<", b">>", b"[", b"]", b"(", b")", b"/Type /Page", b" 0 R", b"stream\n", b"endstream", b"obj", b"endobj",
    b"/Length 999999999", b"/Filter /FlateDecode", b"/ByteRange [0 10 20 30]", b"/Contents <3082>", b"-1", b"1e308",
    b"/Kids [1 0 R]", b"BT /F1 1e9 Tf (x) Tj ET", b"q 1 0 0 1 0 0 cm", b"/W [0 [1 2] 5 4 3]", b"begincodespacerange",
];

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut v = src.to_vec();
    for _ in 0..1 + rng.below(8) {
        if v.is_empty() {
            v.extend_from_slice(b"%PDF-1.7\n");
        }
        let at = rng.below(v.len());
        match rng.below(5) {
            0 => v[at] ^= 1 << rng.below(8),
            1 => v.truncate(at.max(16)),
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, t.iter().copied());
            }
            3 => {
                let len = rng.below(64).min(v.len() - at);
                v.drain(at..at + len);
            }
            _ => {
                let n = (v[at] as usize) % 10;
                v[at] = b'0' + n as u8;
            }
        }
    }
    v
}

#[test]
fn mutated_fixtures_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut seeds = Vec::new();
    for group in ["letters", "producers", "stamped", "signatures", "pagetrees", "structure", "broken"] {
        for e in std::fs::read_dir(dir.join(group)).expect("fixtures").flatten() {
            let bytes = std::fs::read(e.path()).expect("read");
            if bytes.len() < 200_000 {
                seeds.push(bytes);
            }
        }
    }
    // MUTATION_RUNS / MUTATION_SEED let a longer hunt run the same code (e.g. 100000 runs).
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let mut rng = Rng(env("MUTATION_SEED").unwrap_or(0x5C5C_A5E0_2024_0812) | 1);
    let mut panics = Vec::new();
    let runs = env("MUTATION_RUNS").unwrap_or(3000) as usize;
    for i in 0..runs {
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, seed);
        let options = Options { doc: DocType::SuratLamaran, stage: if i % 2 == 0 { Stage::Upload } else { Stage::Stamping }, ..Default::default() };
        if catch_unwind(AssertUnwindSafe(|| analyze(&input, &options))).is_err() {
            panics.push(i);
        }
    }
    assert!(panics.is_empty(), "{} of {runs} mutants panicked: {:?}", panics.len(), &panics[..panics.len().min(20)]);
}

//! sscasn-core: checks a file a person is about to upload to SSCASN or stamp with an e-Meterai.
//!
//! One entry point, [`analyze()`], takes the file's bytes and [`Options`] and returns a [`Report`]:
//! the file's real kind, PDF health, signatures and e-Meterai state, where the hand signature sits,
//! where the stamp should go, and findings in Indonesian and English. It never panics on any input
//! and bounds the work it does (see [`limits`]); it uses no clock, threads or I/O, so the same
//! bytes give the same report natively and in wasm.

pub mod analyze;
pub mod fill;
pub mod findings;
pub mod fingerprint;
pub mod fit;
pub mod image;
pub mod layout;
pub mod limits;
pub mod options;
pub mod pdf;
pub mod prepare;
pub mod profile;
pub mod report;
pub mod sniff;
pub mod spot;
pub mod stated_rules;
pub mod vault;

pub use options::{DocType, Options, Stage};
pub use report::*;

pub use analyze::page_fingerprints;

/// Analyse one file. Never panics; every problem becomes a finding. The steps are in [`analyze`].
pub fn analyze(bytes: &[u8], options: &Options) -> Report {
    analyze::analyze(bytes, options)
}

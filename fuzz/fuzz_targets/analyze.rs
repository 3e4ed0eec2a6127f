//! Any bytes → `analyze`, with options chosen by the first byte (see `sscasn_fuzz::options_for`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    sscasn_fuzz::run_analyze(data);
});

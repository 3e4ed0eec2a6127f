//! Any bytes as profile JSON → `profile::validate`, and as text → the field parsers.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    sscasn_fuzz::run_profile(data);
});

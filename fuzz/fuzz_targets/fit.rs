//! Any bytes → "make it fit" (photo re-encoding, scanned-PDF image re-encoding, refusals).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    sscasn_fuzz::run_fit(data);
});

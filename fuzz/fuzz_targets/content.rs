//! Any bytes as a page's content stream (and optionally a ToUnicode CMap), wrapped in a small
//! valid PDF, → `analyze`: reaches the content-stream lexer, interpreter, fonts and the signature
//! spot logic directly, without the fuzzer having to get through Flate first.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    sscasn_fuzz::run_content(data);
});

//! sscasn-check: the command-line face of sscasn-core (stub; see crate docs).
fn main() {}

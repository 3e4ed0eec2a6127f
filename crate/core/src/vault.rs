//! The profile at rest: the parameters and the format of the PIN-locked profile ("brankas"), the
//! validation of a file someone imports, the PIN rule and how long a person waits after wrong PINs.
//! The cryptography itself is the browser's WebCrypto (AES-256-GCM with a key from
//! PBKDF2-SHA-256); this module decides the numbers and checks the shape, so a tampered or foreign
//! file is turned away with a clear message before any key is derived. No I/O, no clock.
//!
//! The locked profile, as stored in `storage.local` and as exported (JSON, base64 fields):
//!
//! ```json
//! { "format": "sscasn-helper-profile", "version": 1,
//!   "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 1200000, "salt": "<16 bytes>" },
//!   "cipher": { "name": "AES-GCM", "iv": "<12 bytes>" },
//!   "data": "<ciphertext of the profile JSON + 16-byte tag>" }
//! ```
//!
//! The header is bound to the ciphertext as AES-GCM additional data:
//! `"{format}/{version}/PBKDF2-SHA-256/{iterations}/{salt}"` — changing the iteration count or the
//! salt makes decryption fail like a wrong PIN does, never decrypt something else.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::report::Message;

pub const FORMAT: &str = "sscasn-helper-profile";
pub const VERSION: u32 = 1;
/// PBKDF2-SHA-256 iterations for new locks. Measured with bench/pbkdf2.mjs on the shared 2-core
/// test machine (a server core, faster than a mid-range laptop's): 1.0M took 186 ms in Chromium
/// and 291 ms in Firefox at low load, 1.2M took 262 ms and 668 ms under load — so a mid-range
/// laptop spends at least 200 ms, and one unlock per 15 minutes stays bearable on an old PC.
pub const KDF_ITERATIONS: u32 = 1_200_000;
/// Imported files may carry another count (an older release, another setting), within these bounds:
/// below, the lock is too weak to trust; above, unlocking would freeze the browser for minutes.
pub const MIN_ITERATIONS: u64 = 100_000;
pub const MAX_ITERATIONS: u64 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
pub const TAG_BYTES: usize = 16;
/// A profile is a few KB; anything near this is not ours.
pub const MAX_DATA_BYTES: usize = 200_000;
pub const MAX_FILE_BYTES: usize = 400_000;
pub const MIN_PIN_CHARS: usize = 6;
pub const MAX_PIN_CHARS: usize = 64;
/// How long an unlocked profile stays unlocked unless the person chooses otherwise.
pub const DEFAULT_UNLOCK_MINUTES: u32 = 15;
pub const MAX_UNLOCK_MINUTES: u32 = 240;

/// The numbers the extension uses (one source of truth).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Params {
    pub format: String,
    pub version: u32,
    pub iterations: u32,
    pub salt_bytes: usize,
    pub iv_bytes: usize,
    pub min_pin: usize,
    pub max_pin: usize,
    pub default_minutes: u32,
    pub max_minutes: u32,
}

pub fn params() -> Params {
    Params {
        format: FORMAT.into(),
        version: VERSION,
        iterations: KDF_ITERATIONS,
        salt_bytes: SALT_BYTES,
        iv_bytes: IV_BYTES,
        min_pin: MIN_PIN_CHARS,
        max_pin: MAX_PIN_CHARS,
        default_minutes: DEFAULT_UNLOCK_MINUTES,
        max_minutes: MAX_UNLOCK_MINUTES,
    }
}

/// What an imported (or stored) file is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inspection {
    /// A locked profile in a format this release reads; `iterations` is the work to unlock it.
    Locked { iterations: u64 },
    /// A plain JSON object without `format`: an unencrypted profile export.
    Plain,
    /// Not something to import; `code` is stable, the message is for the person.
    Invalid { code: String, message: Message },
}

fn invalid(code: &str, id: &str, en: &str) -> Inspection {
    Inspection::Invalid { code: code.into(), message: Message { id: id.into(), en: en.into() } }
}

/// Decoded length of standard padded base64, or None when `s` is not that.
pub fn base64_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() % 4 != 0 {
        return None;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    if pad > 2 {
        return None;
    }
    let body = &b[..b.len() - pad];
    if !body.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/') {
        return None;
    }
    Some(b.len() / 4 * 3 - pad)
}

/// Look at a file's text: a locked profile (well-formed, supported), a plain profile, or neither.
/// Never panics; bounded by [`MAX_FILE_BYTES`].
pub fn inspect(text: &str) -> Inspection {
    if text.len() > MAX_FILE_BYTES {
        return invalid(
            "too_large",
            "Berkas terlalu besar untuk sebuah profil.",
            "The file is too large to be a profile.",
        );
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => {
            return invalid(
                "not_json",
                "Berkas ini bukan profil SSCASN Helper (bukan JSON).",
                "This file is not an SSCASN Helper profile (not JSON).",
            )
        }
    };
    let Some(obj) = value.as_object() else {
        return invalid(
            "not_object",
            "Berkas ini bukan profil SSCASN Helper.",
            "This file is not an SSCASN Helper profile.",
        );
    };
    let Some(format) = obj.get("format") else { return Inspection::Plain };
    if format.as_str() != Some(FORMAT) {
        return invalid(
            "unknown_format",
            "Berkas ini bukan profil SSCASN Helper.",
            "This file is not an SSCASN Helper profile.",
        );
    }
    match obj.get("version").and_then(Value::as_u64) {
        Some(v) if v == VERSION as u64 => {}
        Some(v) if v > VERSION as u64 => {
            return invalid(
                "newer_version",
                "Profil ini dibuat oleh versi SSCASN Helper yang lebih baru. Perbarui ekstensi lalu impor lagi.",
                "This profile was made by a newer SSCASN Helper. Update the extension, then import again.",
            )
        }
        _ => return damaged("bad_version"),
    }
    let kdf = obj.get("kdf");
    let field = |o: Option<&Value>, k: &str| o.and_then(|o| o.get(k)).cloned();
    if field(kdf, "name").and_then(|v| v.as_str().map(String::from)).as_deref() != Some("PBKDF2")
        || field(kdf, "hash").and_then(|v| v.as_str().map(String::from)).as_deref() != Some("SHA-256")
    {
        return damaged("bad_kdf");
    }
    let Some(iterations) = field(kdf, "iterations").and_then(|v| v.as_u64()) else { return damaged("bad_kdf") };
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
        return damaged("bad_iterations");
    }
    let b64 = |v: Option<Value>| v.and_then(|v| v.as_str().and_then(base64_len));
    if b64(field(kdf, "salt")) != Some(SALT_BYTES) {
        return damaged("bad_salt");
    }
    let cipher = obj.get("cipher");
    if field(cipher, "name").and_then(|v| v.as_str().map(String::from)).as_deref() != Some("AES-GCM") {
        return damaged("bad_cipher");
    }
    if b64(field(cipher, "iv")) != Some(IV_BYTES) {
        return damaged("bad_iv");
    }
    match b64(obj.get("data").cloned()) {
        Some(n) if n > TAG_BYTES && n <= MAX_DATA_BYTES => Inspection::Locked { iterations },
        _ => damaged("bad_data"),
    }
}

fn damaged(code: &str) -> Inspection {
    invalid(
        code,
        "Berkas profil terkunci ini rusak atau telah diubah; tidak dapat dibuka.",
        "This locked profile file is damaged or was altered; it cannot be opened.",
    )
}

/// The PIN rule (checked when a PIN is chosen, not when one is typed to unlock).
pub fn pin_problem(pin: &str) -> Option<Message> {
    let n = pin.chars().count();
    if n < MIN_PIN_CHARS {
        return Some(Message {
            id: format!("PIN minimal {MIN_PIN_CHARS} angka atau huruf."),
            en: format!("The PIN needs at least {MIN_PIN_CHARS} digits or letters."),
        });
    }
    if n > MAX_PIN_CHARS {
        return Some(Message {
            id: format!("PIN paling banyak {MAX_PIN_CHARS} karakter."),
            en: format!("The PIN may have at most {MAX_PIN_CHARS} characters."),
        });
    }
    if pin.trim() != pin {
        return Some(Message {
            id: "PIN tidak boleh diawali atau diakhiri spasi.".into(),
            en: "The PIN may not begin or end with a space.".into(),
        });
    }
    let first = pin.chars().next();
    if pin.chars().all(|c| Some(c) == first) {
        return Some(Message {
            id: "PIN tidak boleh satu angka atau huruf yang diulang.".into(),
            en: "The PIN may not be one digit or letter repeated.".into(),
        });
    }
    None
}

/// How long to wait before the next try after `failures` wrong PINs in a row: a typo costs a
/// second; from the fifth wrong PIN on, each one doubles the wait (30 s, 1 min, 2 min, … up to an
/// hour). Nothing is ever wiped.
pub fn unlock_wait_ms(failures: u32) -> u64 {
    match failures {
        0 => 0,
        1 => 1_000,
        2 => 2_000,
        3 => 5_000,
        4 => 10_000,
        n => (30_000u64 << (n - 5).min(20)).min(3_600_000),
    }
}

/// Minutes to keep a profile unlocked: the default when not given, within 1..=MAX.
pub fn unlock_minutes(requested: Option<f64>) -> u32 {
    match requested {
        Some(m) if m.is_finite() && m >= 1.0 => (m.round() as u64).min(MAX_UNLOCK_MINUTES as u64) as u32,
        _ => DEFAULT_UNLOCK_MINUTES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locked(iterations: u64, salt: &str, iv: &str, data: &str) -> String {
        format!(
            r#"{{"format":"{FORMAT}","version":1,"kdf":{{"name":"PBKDF2","hash":"SHA-256","iterations":{iterations},"salt":"{salt}"}},"cipher":{{"name":"AES-GCM","iv":"{iv}"}},"data":"{data}"}}"#
        )
    }
    const SALT: &str = "AAECAwQFBgcICQoLDA0ODw==";
    const IV: &str = "AAECAwQFBgcICQoL";
    const DATA: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    fn code(i: Inspection) -> String {
        match i {
            Inspection::Invalid { code, .. } => code,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn a_well_formed_locked_profile_is_recognised() {
        assert_eq!(inspect(&locked(1_200_000, SALT, IV, DATA)), Inspection::Locked { iterations: 1_200_000 });
    }

    #[test]
    fn a_plain_profile_is_told_apart() {
        assert_eq!(inspect(r#"{"nik":"3171045708950003"}"#), Inspection::Plain);
        assert_eq!(code(inspect("[1,2]")), "not_object");
        assert_eq!(code(inspect("nope")), "not_json");
        assert_eq!(code(inspect(r#"{"format":"other"}"#)), "unknown_format");
    }

    #[test]
    fn tampered_or_foreign_headers_are_rejected_with_a_code() {
        assert_eq!(code(inspect(&locked(1_000, SALT, IV, DATA))), "bad_iterations");
        assert_eq!(code(inspect(&locked(50_000_000, SALT, IV, DATA))), "bad_iterations");
        assert_eq!(code(inspect(&locked(1_200_000, "AAEC", IV, DATA))), "bad_salt");
        assert_eq!(code(inspect(&locked(1_200_000, SALT, "!!!!", DATA))), "bad_iv");
        assert_eq!(code(inspect(&locked(1_200_000, SALT, IV, "AAEC"))), "bad_data");
        assert_eq!(code(inspect(&locked(1_200_000, SALT, IV, DATA).replace("AES-GCM", "AES-CBC"))), "bad_cipher");
        assert_eq!(code(inspect(&locked(1_200_000, SALT, IV, DATA).replace("SHA-256", "SHA-1"))), "bad_kdf");
        assert_eq!(code(inspect(&locked(1_200_000, SALT, IV, DATA).replace(r#""version":1"#, r#""version":2"#))), "newer_version");
        assert_eq!(code(inspect(&locked(1_200_000, SALT, IV, DATA).replace(r#""version":1"#, r#""version":"1""#))), "bad_version");
        let Inspection::Invalid { message, .. } = inspect(&locked(1_200_000, SALT, IV, "AAEC")) else { panic!() };
        assert!(message.id.contains("rusak") && message.en.contains("damaged"));
    }

    #[test]
    fn huge_input_is_refused_before_parsing() {
        assert_eq!(code(inspect(&" ".repeat(MAX_FILE_BYTES + 1))), "too_large");
    }

    #[test]
    fn base64_lengths() {
        assert_eq!(base64_len(SALT), Some(16));
        assert_eq!(base64_len(IV), Some(12));
        assert_eq!(base64_len("AA=="), Some(1));
        assert_eq!(base64_len("A==="), None);
        assert_eq!(base64_len("AAA"), None);
        assert_eq!(base64_len("AA-_"), None);
    }

    #[test]
    fn pin_rule() {
        assert!(pin_problem("12345").is_some());
        assert!(pin_problem("111111").is_some());
        assert!(pin_problem(" 123456").is_some());
        assert!(pin_problem(&"12".repeat(40)).is_some());
        assert_eq!(pin_problem("246810"), None);
        assert_eq!(pin_problem("kucing-oranye"), None);
    }

    #[test]
    fn waits_grow_and_never_wipe() {
        let waits: Vec<u64> = (0..8).map(unlock_wait_ms).collect();
        assert_eq!(waits, vec![0, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000]);
        assert!(waits.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(unlock_wait_ms(40), 3_600_000);
        assert_eq!(unlock_wait_ms(u32::MAX), 3_600_000);
    }

    #[test]
    fn unlock_minutes_default_and_bounds() {
        assert_eq!(unlock_minutes(None), 15);
        assert_eq!(unlock_minutes(Some(f64::NAN)), 15);
        assert_eq!(unlock_minutes(Some(0.0)), 15);
        assert_eq!(unlock_minutes(Some(30.0)), 30);
        assert_eq!(unlock_minutes(Some(1e12)), 240);
    }
}

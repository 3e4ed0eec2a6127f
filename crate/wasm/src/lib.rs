//! The JavaScript face of sscasn-core. Translation only: no checking logic lives here.

use wasm_bindgen::prelude::*;

/// Analyse a file's bytes. `options` is `{file?, doc?, stage?, max_kb?}` (snake_case, as in the
/// CLI); the result is the same report the CLI prints with `--json`, as a plain JS object.
#[wasm_bindgen]
pub fn analyze(bytes: &[u8], options: JsValue) -> Result<JsValue, JsError> {
    let options = parse_options(options)?;
    to_js(&sscasn_core::analyze(bytes, &options))
}

/// The stamping helper's page fingerprints, asked for when it needs them: `pages` is the 1-based
/// page numbers it wants (`[1, 2, 3]`); returns `[{page, width, height, text, images}]` for those
/// that exist (at most 30), `[]` when the file is not a readable PDF.
#[wasm_bindgen(js_name = pageFingerprints)]
pub fn page_fingerprints(bytes: &[u8], pages: JsValue) -> Result<JsValue, JsError> {
    let pages: Vec<u32> = serde_wasm_bindgen::from_value(pages).map_err(|e| JsError::new(&format!("bad pages: {e}")))?;
    to_js(&sscasn_core::page_fingerprints(bytes, &pages))
}

/// Check a file in one upload control: `texts` is what the page says around it (`{control, row,
/// notices, page, accept, stamping_page}`, see sscasn_core::stated_rules::ControlTexts); the limit
/// and stage come from those words (the row's own rule, else the page's general notice, else the
/// default). `options` as for `analyze`; `stageForced` keeps its stage (an e-Meterai portal).
/// Returns `{report, rule}`.
#[wasm_bindgen(js_name = checkInControl)]
pub fn check_in_control(bytes: &[u8], options: JsValue, stage_forced: bool, texts: JsValue) -> Result<JsValue, JsError> {
    let options = parse_options(options)?;
    let texts: sscasn_core::stated_rules::ControlTexts =
        serde_wasm_bindgen::from_value(texts).map_err(|e| JsError::new(&format!("bad texts: {e}")))?;
    to_js(&sscasn_core::stated_rules::check_in_control(bytes, &options, stage_forced, &texts))
}

/// The rule of each control (`[{doc, texts}]`) without a file: what the upload page states, for
/// "Persiapan dokumen". Returns `[rule]` in the same order.
#[wasm_bindgen(js_name = rulesForControls)]
pub fn rules_for_controls(items: JsValue) -> Result<JsValue, JsError> {
    #[derive(serde::Deserialize)]
    struct Item {
        doc: sscasn_core::DocType,
        texts: sscasn_core::stated_rules::ControlTexts,
    }
    let items: Vec<Item> = serde_wasm_bindgen::from_value(items).map_err(|e| JsError::new(&format!("bad items: {e}")))?;
    let rules: Vec<_> = items.iter().map(|i| sscasn_core::stated_rules::rule_for_control(&i.texts, i.doc)).collect();
    to_js(&rules)
}

/// Make a photo or scanned PDF fit `max_bytes` (see sscasn_core::fit). Returns
/// `{outcome, bytes, thumbnail}`: the outcome as the CLI's `--fit --json` prints it, the new file
/// and a small JPEG preview (both empty `Uint8Array`s when refused).
#[wasm_bindgen(js_name = fitFile)]
pub fn fit_file(bytes: &[u8], max_bytes: f64) -> Result<JsValue, JsError> {
    if !(max_bytes.is_finite() && max_bytes >= 1.0) {
        return Err(JsError::new("bad size limit"));
    }
    let outcome = sscasn_core::fit::fit_file(bytes, max_bytes as u64);
    let result = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&result, &key.into(), value).map(|_| ());
    set("outcome", &to_js(&outcome)?).map_err(|_| JsError::new("cannot build result"))?;
    set("bytes", &js_sys::Uint8Array::from(outcome.bytes.as_slice()).into()).map_err(|_| JsError::new("cannot build result"))?;
    set("thumbnail", &js_sys::Uint8Array::from(outcome.thumbnail.as_slice()).into())
        .map_err(|_| JsError::new("cannot build result"))?;
    Ok(result.into())
}

/// "Persiapan dokumen": classify and check one file of a set (see sscasn_core::prepare).
/// `doc` is the type the person chose, or null to classify; `rules` the upload page's stored
/// rules (`{date, source, rows: [{doc, max_kb, expected, required, emeterai}]}`) or null.
#[wasm_bindgen(js_name = prepareFile)]
pub fn prepare_file(bytes: &[u8], name: &str, doc: Option<String>, rules: JsValue) -> Result<JsValue, JsError> {
    let doc = match doc {
        Some(d) => Some(sscasn_core::DocType::parse(&d).ok_or_else(|| JsError::new("unknown document type"))?),
        None => None,
    };
    let rules = parse_rules(rules)?;
    to_js(&sscasn_core::prepare::prepare_file(bytes, name, doc, rules.as_ref()))
}

/// The set's summary from its files (`[{file, doc, digest, emeterai, verdict}]`, as
/// `prepareFile` returned them) and the same rules.
#[wasm_bindgen(js_name = prepareSummary)]
pub fn prepare_summary(items: JsValue, rules: JsValue) -> Result<JsValue, JsError> {
    let items: Vec<sscasn_core::prepare::SetItem> =
        serde_wasm_bindgen::from_value(items).map_err(|e| JsError::new(&format!("bad items: {e}")))?;
    let rules = parse_rules(rules)?;
    to_js(&sscasn_core::prepare::summarize(&items, rules.as_ref()))
}

fn parse_rules(rules: JsValue) -> Result<Option<sscasn_core::prepare::Rules>, JsError> {
    if rules.is_undefined() || rules.is_null() {
        return Ok(None);
    }
    let rules: sscasn_core::prepare::Rules = serde_wasm_bindgen::from_value(rules).map_err(|e| JsError::new(&format!("bad rules: {e}")))?;
    rules.validated().map(Some).map_err(|e| JsError::new(&e))
}

/// The core's version, shown in the popup.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn parse_options(options: JsValue) -> Result<sscasn_core::Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(sscasn_core::Options::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("bad options: {e}")))
}

/// Validate a profile object (see sscasn_core::profile::Profile); returns `[{field, message: {id, en}}]`.
#[wasm_bindgen(js_name = validateProfile)]
pub fn validate_profile(profile: JsValue) -> Result<JsValue, JsError> {
    let profile: sscasn_core::profile::Profile =
        serde_wasm_bindgen::from_value(profile).map_err(|e| JsError::new(&format!("bad profile: {e}")))?;
    to_js(&sscasn_core::profile::validate(&profile))
}

/// Both forms of a mobile number (`{local: "08…", international: "+628…"}`), or null.
#[wasm_bindgen(js_name = normalizePhone)]
pub fn normalize_phone(number: &str) -> Result<JsValue, JsError> {
    to_js(&sscasn_core::profile::normalize_phone(number))
}

/// The locked profile's parameters (see sscasn_core::vault): format, version, PBKDF2 iterations, …
#[wasm_bindgen(js_name = vaultParams)]
pub fn vault_params() -> Result<JsValue, JsError> {
    to_js(&sscasn_core::vault::params())
}

/// What a profile file is: `{kind: "locked", iterations}`, `{kind: "plain"}` or
/// `{kind: "invalid", code, message: {id, en}}`.
#[wasm_bindgen(js_name = inspectProfileFile)]
pub fn inspect_profile_file(text: &str) -> Result<JsValue, JsError> {
    to_js(&sscasn_core::vault::inspect(text))
}

/// Why a new PIN is not acceptable (`{id, en}`), or null.
#[wasm_bindgen(js_name = pinProblem)]
pub fn pin_problem(pin: &str) -> Result<JsValue, JsError> {
    to_js(&sscasn_core::vault::pin_problem(pin))
}

/// Milliseconds to wait after `failures` wrong PINs in a row.
#[wasm_bindgen(js_name = unlockWaitMs)]
pub fn unlock_wait_ms(failures: u32) -> f64 {
    sscasn_core::vault::unlock_wait_ms(failures) as f64
}

/// Minutes to keep the profile unlocked (default when not a number, bounded).
#[wasm_bindgen(js_name = unlockMinutes)]
pub fn unlock_minutes(requested: JsValue) -> u32 {
    sscasn_core::vault::unlock_minutes(requested.as_f64())
}

/// The fill plan for a page snapshot (see sscasn_core::fill): which control gets which profile
/// value and how, the applicable fields left without a control, the controls never touched.
/// A null profile plans against an empty one (tells whether the page has fillable fields).
#[wasm_bindgen(js_name = planFill)]
pub fn plan_fill(snapshot: JsValue, profile: JsValue) -> Result<JsValue, JsError> {
    let snapshot: sscasn_core::fill::Snapshot =
        serde_wasm_bindgen::from_value(snapshot).map_err(|e| JsError::new(&format!("bad snapshot: {e}")))?;
    let profile: sscasn_core::profile::Profile = if profile.is_null() || profile.is_undefined() {
        Default::default()
    } else {
        serde_wasm_bindgen::from_value(profile).map_err(|e| JsError::new(&format!("bad profile: {e}")))?
    };
    to_js(&sscasn_core::fill::plan(&snapshot, &profile))
}

/// Index of the option that means `value` for `field`, or null (see sscasn_core::fill::choose_option).
#[wasm_bindgen(js_name = chooseOption)]
pub fn choose_option(field: &str, value: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options: Vec<String> = serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("bad options: {e}")))?;
    to_js(&sscasn_core::fill::choose_option(field, value, &options))
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// Panics on purpose: lets tests prove that a trapped instance is replaced and the next check
/// works (the extension never calls it).
#[wasm_bindgen(js_name = selfTestPanic)]
pub fn self_test_panic() {
    panic!("self-test panic");
}

//! sscasn-check: check files before uploading them to SSCASN or stamping them with an e-Meterai.
//!
//! sscasn-check [--doc TYPE] [--stage stamping|upload] [--max-kb N | --limit TEXT] [--json] [--lang id|en] FILE|DIR...
//! sscasn-check --fit OUT [--doc TYPE] [--max-kb N] [--json] FILE
//! sscasn-check --fingerprints PAGES FILE
//! sscasn-check --plan-fill SNAPSHOT.json --profile PROFILE.json [--json] [--lang id|en]
//! Exit status: 0 every file ok, 1 any file not ok, 2 usage error.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sscasn_core::limits::MAX_FILE_BYTES;
use sscasn_core::{analyze, DocType, Options, Report, Severity, Stage};

const USAGE: &str = "usage: sscasn-check [--doc TYPE] [--stage stamping|upload] [--max-kb N | --limit TEXT] [--json] [--lang id|en] FILE|DIR...
       sscasn-check --fit OUT [--doc TYPE] [--max-kb N] [--json] [--lang id|en] FILE
       sscasn-check --prepare DIR [--rules rules.json] [--json] [--lang id|en|both]
       sscasn-check --plan-fill SNAPSHOT.json --profile PROFILE.json [--json] [--lang id|en]
       sscasn-check --fingerprints PAGES FILE

Checks each file the way the SSCASN Helper extension does: real file type, size against the
limit, PDF health, e-Meterai state, signature spot and where to put the stamp.
  --doc TYPE     surat_lamaran, surat_pernyataan, ijazah, transkrip, pas_foto, ktp, pendukung, other (default)
  --stage S      upload (default: after stamping) or stamping (before buying/applying a stamp)
  --max-kb N     the limit the page states, in KB (default: the document type's usual limit)
  --limit TEXT   the limit as the page writes it (\"maks. 0,2 MB\", \"ukuran file paling besar 500
                 kilobyte\", a row's whole text), read as the extension reads it
  --json         print one JSON array, one report per file
  --time         print how long each file took to stderr (\"time-ms FILE MS\")
  --lang L       language of the readable report: id (default), en, or both
  --fit OUT      make FILE fit the limit (photo re-encoded; scanned PDF's page images re-encoded,
                 at least 100 dpi) and write the result to OUT; signed/stamped PDFs are refused
  --prepare DIR  check a whole registration's documents at once: classify each file in DIR by its
                 content (then its name), check it against --rules (the upload page's rows, as the
                 extension stores them: {\"date\", \"rows\": [{\"doc\", \"max_kb\", \"required\"}]})
                 or the document types' defaults, and print one table with the missing documents
                 and how many e-Meterai to buy (exit 1 when a file has a problem or one is missing)
  --plan-fill S  the form-fill plan for a page snapshot S (what the extension collects) and the
                 profile given with --profile: control -> value, and every applicable field left
                 without a control (exit 1 when there is one)
  --fingerprints PAGES  print, as JSON, the fingerprints of FILE's pages PAGES (\"1,2,3\"): what
                 the stamping helper asks for to tell which page a viewer shows
A directory checks every file directly inside it, in name order.
Exit status: 0 when every file is ok, 1 when any is not, 2 for usage errors.";

/// `println!` that ends the program quietly when its reader has gone (`sscasn-check … | head`)
/// instead of panicking, and with exit status 2 on any other write error.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("sscasn-check: cannot write the output: {e}");
            std::process::exit(2);
        }
    }};
}

struct Args {
    options: Options,
    json: bool,
    lang: String,
    paths: Vec<PathBuf>,
    fit: Option<PathBuf>,
    /// Print each analysis's duration to stderr (for the benchmark).
    time: bool,
    /// `--prepare`: check the set of documents in this directory.
    prepare: bool,
    rules: Option<PathBuf>,
    /// `--plan-fill SNAPSHOT --profile PROFILE`.
    plan_fill: Option<(PathBuf, Option<PathBuf>)>,
    /// `--fingerprints PAGES`: the pages whose fingerprints to print.
    fingerprints: Option<Vec<u32>>,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args { options: Options::default(), json: false, lang: "id".into(), paths: Vec::new(), fit: None, time: false, prepare: false, rules: None, plan_fill: None, fingerprints: None };
    let mut profile = None;
    let mut args = args.peekable();
    let mut only_files = false;
    while let Some(arg) = args.next() {
        if only_files || !arg.starts_with("--") {
            parsed.paths.push(PathBuf::from(arg));
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| args.next()).ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "--" => only_files = true,
            "--json" => parsed.json = true,
            "--time" => parsed.time = true,
            "--help" | "-h" => return Err(String::new()),
            "--doc" => {
                let v = value("--doc")?;
                parsed.options.doc = DocType::parse(&v).ok_or(format!("unknown document type '{v}'"))?;
            }
            "--stage" => {
                let v = value("--stage")?;
                parsed.options.stage = Stage::parse(&v).ok_or(format!("unknown stage '{v}' (stamping or upload)"))?;
            }
            "--limit" => {
                // The limit as the page writes it ("maks. 0,2 MB", "— 800KB", a whole row's text),
                // read by the same grammar as the extension (sscasn_core::stated_rules).
                let v = value("--limit")?;
                let texts = sscasn_core::stated_rules::ControlTexts { row: v.clone(), ..Default::default() };
                let rule = sscasn_core::stated_rules::rule_for_control(&texts, parsed.options.doc);
                if rule.source != sscasn_core::stated_rules::LimitSource::Row {
                    return Err(format!("--limit: '{v}' states no size limit"));
                }
                parsed.options.limit_bytes = Some(rule.max_bytes);
                parsed.options.max_kb = Some(rule.max_kb);
            }
            "--max-kb" => {
                let v = value("--max-kb")?;
                let kb: u64 = v.parse().ok().filter(|k| *k > 0).ok_or(format!("--max-kb needs a positive number, not '{v}'"))?;
                parsed.options.max_kb = Some(kb);
                parsed.options.limit_bytes = None;
            }
            "--fingerprints" => {
                let v = value("--fingerprints")?;
                let pages: Option<Vec<u32>> = v.split(',').map(|p| p.trim().parse().ok().filter(|n| *n > 0)).collect();
                parsed.fingerprints = Some(pages.ok_or(format!("--fingerprints needs page numbers like 1,2,3, not '{v}'"))?);
            }
            "--fit" => parsed.fit = Some(PathBuf::from(value("--fit")?)),
            "--prepare" => {
                parsed.prepare = true;
                parsed.paths.push(PathBuf::from(value("--prepare")?));
            }
            "--rules" => parsed.rules = Some(PathBuf::from(value("--rules")?)),
            "--plan-fill" => parsed.plan_fill = Some((PathBuf::from(value("--plan-fill")?), None)),
            "--profile" => profile = Some(PathBuf::from(value("--profile")?)),
            "--lang" => {
                let v = value("--lang")?;
                if !["id", "en", "both"].contains(&v.as_str()) {
                    return Err(format!("unknown language '{v}' (id, en or both)"));
                }
                parsed.lang = v;
            }
            other => return Err(format!("unknown option '{other}'")),
        }
    }
    if let Some((_, p)) = &mut parsed.plan_fill {
        *p = Some(profile.ok_or("--plan-fill needs --profile PROFILE.json")?);
        return if parsed.paths.is_empty() { Ok(parsed) } else { Err("--plan-fill takes no other files".into()) };
    }
    if parsed.paths.is_empty() {
        return Err("no files given".into());
    }
    if parsed.prepare && (parsed.paths.len() != 1 || parsed.fit.is_some()) {
        return Err("--prepare takes exactly one directory".into());
    }
    if parsed.rules.is_some() && !parsed.prepare {
        return Err("--rules goes with --prepare".into());
    }
    if parsed.fingerprints.is_some() && parsed.paths.len() != 1 {
        return Err("--fingerprints takes exactly one file".into());
    }
    if parsed.fit.is_some() && parsed.paths.len() != 1 {
        return Err("--fit takes exactly one file".into());
    }
    Ok(parsed)
}

/// Expand directories (non-recursive, sorted by name) and check that every path is readable.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|e| e.is_file())
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Read at most MAX_FILE_BYTES + 1 bytes: a bigger file is reported too large without reading it all.
fn read_capped(path: &Path) -> std::io::Result<(Vec<u8>, u64)> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    Ok((bytes, size))
}

fn check(path: &Path, options: &Options) -> Result<Report, String> {
    let (bytes, size) = read_capped(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let options = Options { file: path.display().to_string(), ..options.clone() };
    if bytes.len() > MAX_FILE_BYTES {
        // Too big to analyse: report the size verdict only.
        let mut report = analyze(&[], &options);
        report.bytes = size;
        report.kind = sscasn_core::sniff::sniff(&bytes[..1024.min(bytes.len())]);
        report.error = Some(sscasn_core::ErrorCode::TooComplex);
        report.error_detail = Some(format!("file is {size} bytes; the checker reads at most {MAX_FILE_BYTES}"));
        sscasn_core::findings::evaluate(&mut report, &options);
        report.ok = false;
        return Ok(report);
    }
    Ok(analyze(&bytes, &options))
}

fn print_readable(r: &Report, lang: &str) {
    let msg = |m: &sscasn_core::Message| match lang {
        "en" => m.en.clone(),
        "both" => format!("{} / {}", m.id, m.en),
        _ => m.id.clone(),
    };
    let verdict = if r.ok { "OK" } else { "TIDAK OK / NOT OK" };
    out!("{}  [{}]", r.file, verdict);
    out!("  jenis/kind: {:?}, {} KB of max {} KB", r.kind, r.bytes.div_ceil(1024), r.max_bytes.div_ceil(1024));
    if let Some(detail) = &r.error_detail {
        out!("  error: {detail}");
    }
    if let Some(p) = &r.pdf {
        out!(
            "  PDF {}: {} page(s), A4: {}, text: {}, encrypted: {}{}",
            p.version,
            p.pages,
            p.a4,
            p.has_text,
            p.encrypted,
            if p.recovered { ", repaired" } else { "" }
        );
    }
    for s in &r.signatures {
        out!(
            "  signature '{}' page {:?}: {:?}{}{} — {}",
            s.field,
            s.page,
            s.status,
            if s.is_emeterai { ", e-Meterai" } else { "" },
            s.serial.as_deref().map(|x| format!(" [{x}]")).unwrap_or_default(),
            s.detail
        );
    }
    out!("  e-Meterai: {:?}{}", r.emeterai.status, r.emeterai.serial.as_deref().map(|s| format!(" ({s})")).unwrap_or_default());
    if let Some(s) = &r.signature_spot {
        out!("  signature spot: page {} {:?} from '{}' (confidence {})", s.page, s.rect, s.anchor, s.confidence);
    }
    if let Some(s) = &r.stamp_suggestion {
        out!("  stamp: page {} {:?} ({}, confidence {})", s.page, s.rect, s.side, s.confidence);
    }
    if let Some(i) = &r.image {
        out!("  image: {} {}x{}, red background: {:?}", i.format, i.width, i.height, i.red_background);
    }
    for f in &r.findings {
        let mark = match f.severity {
            Severity::Error => "✗",
            Severity::Warning => "!",
            Severity::Info => "·",
        };
        out!("  {mark} {}: {}", f.code, msg(&f.message));
    }
}

/// `--fit OUT`: make one file fit its limit; 0 when written, 1 when refused, 2 on I/O errors.
fn fit(input: &Path, out: &Path, args: &Args) -> ExitCode {
    let bytes = match read_capped(input) {
        Ok((b, _)) if b.len() <= MAX_FILE_BYTES => b,
        Ok(_) => {
            eprintln!("sscasn-check: {}: larger than {MAX_FILE_BYTES} bytes", input.display());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("sscasn-check: {}: {e}", input.display());
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let outcome = sscasn_core::fit::fit_file(&bytes, args.options.max_bytes());
    if args.time {
        eprintln!("time-ms {} {:.3}", input.display(), started.elapsed().as_secs_f64() * 1000.0);
    }
    if outcome.ok {
        if let Err(e) = std::fs::write(out, &outcome.bytes) {
            eprintln!("sscasn-check: {}: {e}", out.display());
            return ExitCode::from(2);
        }
    }
    if args.json {
        out!("{}", serde_json::to_string_pretty(&outcome).unwrap_or_default());
    } else if let Some(m) = &outcome.message {
        out!("{}  [{:?}]\n  {}", input.display(), outcome.refusal.unwrap_or(sscasn_core::fit::Refusal::Unreadable), if args.lang == "en" { &m.en } else { &m.id });
    } else {
        out!(
            "{} -> {}: {} KB -> {} KB (limit {} KB), {}x{} px, quality {}{}",
            input.display(),
            out.display(),
            outcome.before_bytes.div_ceil(1024),
            outcome.after_bytes.div_ceil(1024),
            outcome.max_bytes / 1024,
            outcome.width,
            outcome.height,
            outcome.quality,
            outcome.dpi.map(|d| format!(", {d} dpi, {} page(s)", outcome.pages)).unwrap_or_default()
        );
    }
    if outcome.ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// `--prepare DIR`: the whole set in one table; 0 when every file is ready and none is missing.
fn prepare(args: &Args) -> ExitCode {
    use sscasn_core::prepare::{self, doc_label, Action, RuleSource, Verdict};
    let dir = &args.paths[0];
    if !dir.is_dir() {
        eprintln!("sscasn-check: --prepare: {} is not a directory", dir.display());
        return ExitCode::from(2);
    }
    let rules = match &args.rules {
        Some(p) => match std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display())).and_then(|t| prepare::Rules::from_json(&t)) {
            Ok(r) => Some(r),
            Err(e) => {
                eprintln!("sscasn-check: {e}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let files = match expand(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("sscasn-check: {e}");
            return ExitCode::from(2);
        }
    };
    let mut set = Vec::new();
    for f in &files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match read_capped(f) {
            // Over the reading cap: still listed, as an unreadable (too large) file.
            Ok((bytes, _)) => set.push((name, if bytes.len() > MAX_FILE_BYTES { Vec::new() } else { bytes })),
            Err(e) => {
                eprintln!("sscasn-check: {}: {e}", f.display());
                return ExitCode::from(2);
            }
        }
    }
    let started = std::time::Instant::now();
    let result = prepare::prepare_set(&set, rules.as_ref());
    if args.time {
        eprintln!("time-ms {} {:.3}", dir.display(), started.elapsed().as_secs_f64() * 1000.0);
    }
    let all_ok = result.summary.missing.is_empty() && result.files.iter().all(|p| p.verdict != Verdict::Error);
    if args.json {
        match serde_json::to_string_pretty(&result) {
            Ok(s) => out!("{s}"),
            Err(e) => {
                eprintln!("sscasn-check: {e}");
                return ExitCode::from(2);
            }
        }
        return if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) };
    }
    let langs: &[bool] = match args.lang.as_str() {
        "en" => &[true],
        "both" => &[false, true],
        _ => &[false],
    };
    for &en in langs {
        let pick = |m: &sscasn_core::Message| if en { m.en.clone() } else { m.id.clone() };
        let s = &result.summary;
        let source = match (s.rules_from_page, &s.rules_date, en) {
            (true, Some(d), false) => format!("Aturan: dari halaman unggah ({d})"),
            (true, Some(d), true) => format!("Rules: from the upload page ({d})"),
            (true, None, false) => "Aturan: dari halaman unggah".into(),
            (true, None, true) => "Rules: from the upload page".into(),
            (false, _, false) => "Aturan: bawaan tiap jenis dokumen (halaman unggah belum dibaca)".into(),
            (false, _, true) => "Rules: each document type's defaults (upload page not read)".into(),
        };
        out!("{}  {}", if en { "Document preparation" } else { "Persiapan dokumen" }, dir.display());
        out!("{source}");
        let head = if en { ["DOCUMENT", "FILE", "VERDICT", "WHAT TO DO"] } else { ["DOKUMEN", "BERKAS", "HASIL", "YANG PERLU DILAKUKAN"] };
        out!("{:<24} {:<34} {:<10} {}", head[0], head[1], head[2], head[3]);
        // Grouped by document, in the order the upload page lists them.
        let mut rows: Vec<&prepare::PreparedFile> = result.files.iter().collect();
        rows.sort_by_key(|p| sscasn_core::DocType::ALL.iter().position(|d| *d == p.doc));
        for p in rows {
            let by = match (p.classified_by, en) {
                (prepare::ClassifiedBy::Content, false) => " (isi)",
                (prepare::ClassifiedBy::Content, true) => " (content)",
                (prepare::ClassifiedBy::Name, false) => " (nama)",
                (prepare::ClassifiedBy::Name, true) => " (name)",
                _ => "",
            };
            let verdict = match (p.verdict, en) {
                (Verdict::Ok, false) => "✓ siap",
                (Verdict::Ok, true) => "✓ ready",
                (Verdict::Warning, false) => "! tindakan",
                (Verdict::Warning, true) => "! action",
                (Verdict::Error, false) => "✗ masalah",
                (Verdict::Error, true) => "✗ problem",
            };
            let limit = if p.rule.source == RuleSource::Page { "" } else if en { " [default limit]" } else { " [batas bawaan]" };
            let limit = if p.action == Action::Shrink { limit } else { "" };
            out!("{:<24} {:<34} {:<10} {}{limit}", format!("{}{by}", doc_label(p.doc, en)), p.file, verdict, pick(&p.todo));
        }
        out!("{}", pick(&s.message));
        if langs.len() > 1 && !en {
            out!();
        }
    }
    if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// `--plan-fill`: print the plan; 0 when every applicable field has a control, 1 when not, 2 on errors.
fn plan_fill(snapshot: &Path, profile: &Path, args: &Args) -> ExitCode {
    let read = |p: &Path| -> Result<String, String> {
        let (bytes, _) = read_capped(p).map_err(|e| format!("{}: {e}", p.display()))?;
        String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", p.display()))
    };
    let parsed = read(snapshot)
        .and_then(|s| serde_json::from_str::<sscasn_core::fill::Snapshot>(&s).map_err(|e| format!("{}: {e}", snapshot.display())))
        .and_then(|snap| {
            let p = read(profile)?;
            let p = serde_json::from_str::<sscasn_core::profile::Profile>(&p).map_err(|e| format!("{}: {e}", profile.display()))?;
            Ok((snap, p))
        });
    let (snap, profile) = match parsed {
        Ok(x) => x,
        Err(e) => {
            eprintln!("sscasn-check: {e}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let plan = sscasn_core::fill::plan(&snap, &profile);
    if args.time {
        eprintln!("time-ms {} {:.3}", snapshot.display(), started.elapsed().as_secs_f64() * 1000.0);
    }
    let msg = |m: &sscasn_core::Message| if args.lang == "en" { m.en.clone() } else { m.id.clone() };
    if args.json {
        out!("{}", serde_json::to_string_pretty(&plan).unwrap_or_default());
    } else {
        out!("{}: {} control(s) matched, {} job entr(ies)", snapshot.display(), plan.matched, plan.job_entries);
        for s in &plan.steps {
            out!("  #{:<3} {:<28} {:?} {:?} (score {})", s.control, s.field, s.how, s.value, s.score);
        }
        for m in &plan.missing {
            out!("  - {} ({}): {}", m.field, msg(&m.name), m.reason);
        }
        for u in &plan.unrecognised {
            out!("  not recognised: #{} {:?}", u.control, u.label);
        }
        for u in &plan.untouched {
            out!("  never touched: #{} ({})", u.control, u.reason);
        }
        if let Some(a) = &plan.add_entry {
            out!("  add {} job entr(ies) with button #{}", a.needed, a.control);
        }
    }
    // 1 when the page asks for something the plan leaves unfilled: a field of a section the page
    // has (or a control labelled for it), a refused value, a control it could not read.
    let planned: std::collections::BTreeSet<String> = plan.steps.iter().map(|s| section_of(&s.field)).collect();
    let left_on_page = plan.missing.iter().any(|m| match m.reason.as_str() {
        "empty_in_profile" => false,
        "not_on_page" => planned.contains(&section_of(&m.field)),
        _ => true,
    });
    if left_on_page || !plan.unrecognised.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// `pendidikan.ipk` → `pendidikan`, `pekerjaan.0.gaji` → `pekerjaan.0`, `nik` → `` (data diri).
fn section_of(field: &str) -> String {
    field.rsplit_once('.').map(|(section, _)| section.to_string()).unwrap_or_default()
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            out!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("sscasn-check: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some((snapshot, Some(profile))) = &args.plan_fill {
        return plan_fill(snapshot, profile, &args);
    }
    if let Some(pages) = &args.fingerprints {
        return match read_capped(&args.paths[0]) {
            Ok((bytes, _)) => {
                out!("{}", serde_json::to_string(&sscasn_core::page_fingerprints(&bytes, pages)).unwrap_or_default());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("sscasn-check: {}: {e}", args.paths[0].display());
                ExitCode::from(2)
            }
        };
    }
    if let Some(out) = &args.fit {
        return fit(&args.paths[0], out, &args);
    }
    if args.prepare {
        return prepare(&args);
    }
    let files = match expand(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("sscasn-check: {e}");
            return ExitCode::from(2);
        }
    };
    let mut reports = Vec::new();
    for f in &files {
        let started = std::time::Instant::now();
        let checked = check(f, &args.options);
        if args.time {
            eprintln!("time-ms {} {:.3}", f.display(), started.elapsed().as_secs_f64() * 1000.0);
        }
        match checked {
            Ok(r) => reports.push(r),
            Err(e) => {
                eprintln!("sscasn-check: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if args.json {
        match serde_json::to_string_pretty(&reports) {
            Ok(s) => out!("{s}"),
            Err(e) => {
                eprintln!("sscasn-check: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        for r in &reports {
            print_readable(r, &args.lang);
        }
    }
    if reports.iter().all(|r| r.ok) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

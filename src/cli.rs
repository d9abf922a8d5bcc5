//! The native command line (not built for wasm32: see `main.rs`).
//!
//! ```text
//! article-analyzer analyze [--offsets utf16|utf8|chars] [--pretty] [--jsonl] [FILE...]
//! ```

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use article_analyzer::output::{report, OffsetUnit};

const USAGE: &str = "\
usage: article-analyzer analyze [--offsets utf16|utf8|chars] [--pretty] [--jsonl] [FILE...]
       article-analyzer draw [FILE]
       article-analyzer eval-ner FILE.conll [--types conll]
       article-analyzer eval-attribution [--split dev] [--data DIR] [--errors N]
       article-analyzer --version

analyze   print the analysis of each FILE (standard input when none) as JSON.
          One FILE or stdin: one JSON document. Several FILEs: one JSON object per line,
          each with a \"file\" field.
          --jsonl   read JSON Lines objects with a string \"text\" field; write one analysis
                    per line, in order, echoing the other fields (such as \"id\")
          --offsets unit of every offset (default utf16, as JavaScript string indices)
          --pretty  indent the JSON (not with --jsonl or several files)
draw      print the analysis as caret drawings under the text
eval-ner  entity-level precision, recall and F1 (exact span and type, conlleval convention) of
          the analyzer on a CoNLL-format file (token first, NER tag last; IOB1 or IOB2),
          overall and per type; labels are mapped to CoNLL's PER/ORG/LOC/MISC (--types conll,
          the only scheme)
eval-attribution
          score cue, source and content spans against PolNeAR (default
          ../shared/data/attribution/polnear, split dev), exact and overlap matching, on all
          attributions and on the speech and sourcing subset; --errors N prints N misses
";

struct Options {
    unit: OffsetUnit,
    pretty: bool,
    jsonl: bool,
    files: Vec<String>,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options { unit: OffsetUnit::Utf16, pretty: false, jsonl: false, files: Vec::new() };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--pretty" => o.pretty = true,
            "--jsonl" => o.jsonl = true,
            "--offsets" => {
                i += 1;
                let v = args.get(i).ok_or("--offsets needs a value: utf16, utf8 or chars")?;
                o.unit = OffsetUnit::parse(v).ok_or_else(|| format!("--offsets: unknown unit {v:?} (utf16, utf8 or chars)"))?;
            }
            s if s.starts_with("--offsets=") => {
                let v = &s["--offsets=".len()..];
                o.unit = OffsetUnit::parse(v).ok_or_else(|| format!("--offsets: unknown unit {v:?} (utf16, utf8 or chars)"))?;
            }
            "-" => o.files.push(a.clone()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => o.files.push(a.clone()),
        }
        i += 1;
    }
    Ok(o)
}

/// Reads a whole input as UTF-8, naming it and the first bad byte offset on error.
fn read_input(name: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if name == "-" {
        io::stdin().lock().read_to_end(&mut bytes).map_err(|e| format!("<stdin>: cannot read: {e}"))?;
    } else {
        bytes = std::fs::read(name).map_err(|e| format!("{name}: cannot read: {e}"))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        let shown = if name == "-" { "<stdin>" } else { name };
        format!("{shown}: invalid UTF-8 at byte offset {}", e.utf8_error().valid_up_to())
    })
}

fn to_json(value: &impl serde::Serialize, pretty: bool) -> String {
    let r = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    r.unwrap_or_else(|e| format!("{{\"error\":\"serialization failed: {e}\"}}"))
}

fn analyze_text(text: &str, unit: OffsetUnit) -> serde_json::Value {
    let analysis = article_analyzer::analyze(text);
    serde_json::to_value(report(text, &analysis, unit)).unwrap_or(serde_json::Value::Null)
}

/// How many JSONL lines are read before the batch is analysed (in parallel) and written.
const BATCH_LINES: usize = 256;
/// How many bytes of JSONL are read before the batch is analysed, whatever its line count.
const BATCH_BYTES: usize = 8 << 20;

/// One line of a JSONL input: its number, the byte offset where it starts, and its bytes.
struct RawLine {
    no: usize,
    offset: usize,
    bytes: Vec<u8>,
}

/// Turns one JSONL line into its output line (`Ok(None)` for a blank line) or an error message.
fn jsonl_line(shown: &str, raw: RawLine, unit: OffsetUnit) -> Result<Option<String>, String> {
    let RawLine { no, offset, bytes } = raw;
    let line = String::from_utf8(bytes).map_err(|e| format!("{shown}: line {no}: invalid UTF-8 at byte offset {}", offset + e.utf8_error().valid_up_to()))?;
    if line.trim().is_empty() {
        return Ok(None);
    }
    let value: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{shown}: line {no}: not JSON: {e}"))?;
    let serde_json::Value::Object(mut obj) = value else {
        return Err(format!("{shown}: line {no}: not a JSON object with a string \"text\" field"));
    };
    let Some(serde_json::Value::String(text)) = obj.remove("text") else {
        return Err(format!("{shown}: line {no}: no string \"text\" field"));
    };
    if let serde_json::Value::Object(analysis) = analyze_text(&text, unit) {
        for (k, v) in analysis {
            obj.entry(k).or_insert(v);
        }
    }
    Ok(Some(to_json(&obj, false)))
}

/// A progress bar on stderr, counting input bytes, when stderr is a terminal; hidden otherwise.
fn jsonl_progress(name: &str, len: Option<u64>) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match len {
        Some(n) => indicatif::ProgressBar::new(n).with_style(
            indicatif::ProgressStyle::with_template("{prefix} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{prefix} {spinner} {bytes} {bytes_per_sec}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    };
    bar.with_prefix(name.to_string())
}

/// Analyses the lines of one batch on every core (rayon), then writes the results in input order:
/// each output line to `out`, each error message to stderr. Returns the number of errors.
fn jsonl_flush(shown: &str, batch: &mut Vec<RawLine>, unit: OffsetUnit, out: &mut impl Write) -> io::Result<usize> {
    use rayon::prelude::*;
    let results: Vec<Result<Option<String>, String>> = batch.drain(..).collect::<Vec<_>>().into_par_iter().map(|raw| jsonl_line(shown, raw, unit)).collect();
    let mut failures = 0;
    for r in results {
        match r {
            Ok(Some(line)) => writeln!(out, "{line}")?,
            Ok(None) => {}
            Err(msg) => {
                eprintln!("{msg}");
                failures += 1;
            }
        }
    }
    Ok(failures)
}

/// `analyze --jsonl`: streams each input in bounded batches ([`BATCH_LINES`] lines or
/// [`BATCH_BYTES`] bytes), so memory stays constant however long the input; each batch is analysed
/// in parallel and written in order. Returns the number of inputs (lines or files) that failed.
fn run_jsonl(o: &Options, out: &mut impl Write) -> io::Result<usize> {
    let mut failures = 0;
    let names: Vec<String> = if o.files.is_empty() { vec!["-".into()] } else { o.files.clone() };
    for name in names {
        let shown = if name == "-" { "<stdin>".to_string() } else { name.clone() };
        let (mut reader, len): (Box<dyn BufRead>, Option<u64>) = if name == "-" {
            (Box::new(io::BufReader::new(io::stdin())), None)
        } else {
            match std::fs::File::open(&name) {
                Ok(f) => {
                    let len = f.metadata().ok().map(|m| m.len());
                    (Box::new(io::BufReader::new(f)), len)
                }
                Err(e) => {
                    eprintln!("{shown}: cannot read: {e}");
                    failures += 1;
                    continue;
                }
            }
        };
        let progress = jsonl_progress(&shown, len);
        let mut batch: Vec<RawLine> = Vec::with_capacity(BATCH_LINES);
        let mut batch_bytes = 0usize;
        let mut line_no = 0usize;
        let mut offset = 0usize;
        loop {
            let mut bytes = Vec::new();
            let read = match reader.read_until(b'\n', &mut bytes) {
                Ok(n) => n,
                Err(e) => {
                    failures += jsonl_flush(&shown, &mut batch, o.unit, out)?;
                    eprintln!("{shown}: line {}: cannot read: {e}", line_no + 1);
                    failures += 1;
                    break;
                }
            };
            if read == 0 {
                break;
            }
            line_no += 1;
            progress.inc(read as u64);
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
            }
            let line_offset = offset;
            offset += bytes.len() + 1;
            batch_bytes += bytes.len();
            batch.push(RawLine { no: line_no, offset: line_offset, bytes });
            if batch.len() >= BATCH_LINES || batch_bytes >= BATCH_BYTES {
                failures += jsonl_flush(&shown, &mut batch, o.unit, out)?;
                batch_bytes = 0;
            }
        }
        failures += jsonl_flush(&shown, &mut batch, o.unit, out)?;
        progress.finish_and_clear();
    }
    Ok(failures)
}

fn run_analyze(o: &Options, out: &mut impl Write) -> io::Result<usize> {
    if o.jsonl {
        return run_jsonl(o, out);
    }
    let names: Vec<String> = if o.files.is_empty() { vec!["-".into()] } else { o.files.clone() };
    let several = names.len() > 1;
    let mut failures = 0;
    for name in &names {
        match read_input(name) {
            Ok(text) => {
                let value = analyze_text(&text, o.unit);
                if several {
                    let mut obj = serde_json::Map::new();
                    obj.insert("file".into(), serde_json::Value::String(name.clone()));
                    if let serde_json::Value::Object(m) = value {
                        obj.extend(m);
                    }
                    writeln!(out, "{}", to_json(&obj, false))?;
                } else {
                    writeln!(out, "{}", to_json(&value, o.pretty))?;
                }
            }
            Err(msg) => {
                eprintln!("{msg}");
                failures += 1;
            }
        }
    }
    Ok(failures)
}

/// `eval-ner FILE [--types conll]`: scores the analyzer on a CoNLL file, one document at a time,
/// through the same `analyze` path as the command line.
fn run_eval_ner(args: &[String], out: &mut impl Write) -> io::Result<usize> {
    use article_analyzer::entities::eval::{evaluate, parse_conll};
    let mut file = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--types" => {
                i += 1;
                if args.get(i).map(String::as_str) != Some("conll") {
                    eprintln!("eval-ner: --types: only \"conll\" is supported");
                    return Ok(1);
                }
            }
            f if file.is_none() && !f.starts_with("--") => file = Some(f.to_string()),
            other => {
                eprintln!("eval-ner: unexpected argument {other:?}\n\n{USAGE}");
                return Ok(1);
            }
        }
        i += 1;
    }
    let Some(file) = file else {
        eprintln!("eval-ner: missing FILE\n\n{USAGE}");
        return Ok(1);
    };
    let text = match read_input(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return Ok(1);
        }
    };
    let docs = parse_conll(&text);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let start = std::time::Instant::now();
    let scores = evaluate(&docs, |t| article_analyzer::analyze(t).entities);
    let secs = start.elapsed().as_secs_f64();
    writeln!(out, "{file}: {} documents, {} gold entities, {:.2} MB analysed in {:.2}s", docs.len(), docs.iter().map(|d| d.gold.len()).sum::<usize>(), bytes as f64 / 1e6, secs)?;
    write!(out, "{}", scores.table())?;
    Ok(0)
}

/// `eval-attribution`: prints P/R/F1 tables for PolNeAR.
fn run_eval_attribution(args: &[String], out: &mut impl Write) -> io::Result<usize> {
    use article_analyzer::attribution::eval;
    let mut split = "dev".to_string();
    let mut data = "../shared/data/attribution/polnear".to_string();
    let mut errors = 0usize;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--split" => split = value,
            "--data" => data = value,
            "--errors" => errors = value.parse().unwrap_or(20),
            other => {
                eprintln!("eval-attribution: unknown option {other}");
                return Ok(1);
            }
        }
        i += 2;
    }
    let articles = match eval::load(std::path::Path::new(&data), &split) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("eval-attribution: cannot read {data}/{split}: {e}");
            return Ok(1);
        }
    };
    let started = std::time::Instant::now();
    let (all, speech) = eval::evaluate(&articles);
    writeln!(out, "PolNeAR {split}: {} articles (first annotator alphabetically), analysed in {:.2}s", articles.len(), started.elapsed().as_secs_f64())?;
    write!(out, "{}", eval::table("all attributions", &all))?;
    write!(out, "{}", eval::table("speech and sourcing subset", &speech))?;
    if errors > 0 {
        write!(out, "{}", eval::mismatches(&articles, errors))?;
    }
    Ok(0)
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cmd.as_str() {
        "analyze" => match parse_options(&args[1..]) {
            Ok(o) => run_analyze(&o, &mut out),
            Err(e) => {
                eprintln!("article-analyzer: {e}\n\n{USAGE}");
                return ExitCode::from(2);
            }
        },
        "draw" => {
            let name = args.get(1).cloned().unwrap_or_else(|| "-".into());
            match read_input(&name) {
                Ok(text) => {
                    let a = article_analyzer::analyze(&text);
                    write!(out, "{}", article_analyzer::snapshot::draw(&text, &a, Default::default())).map(|_| 0)
                }
                Err(e) => {
                    eprintln!("{e}");
                    Ok(1)
                }
            }
        }
        "eval-ner" => run_eval_ner(&args[1..], &mut out),
        "eval-attribution" => run_eval_attribution(&args[1..], &mut out),
        "--version" | "-V" | "version" => writeln!(out, "article-analyzer {}", env!("CARGO_PKG_VERSION")).map(|_| 0),
        "--help" | "-h" | "help" => write!(out, "{USAGE}").map(|_| 0),
        other => {
            eprintln!("article-analyzer: unknown command {other:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let flushed = out.flush();
    match (result, flushed) {
        (Ok(0), Ok(())) => ExitCode::SUCCESS,
        (Ok(n), Ok(())) => {
            eprintln!("article-analyzer: {n} input(s) failed");
            ExitCode::from(1)
        }
        (Err(e), _) | (_, Err(e)) => {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("article-analyzer: write error: {e}");
            ExitCode::from(1)
        }
    }
}

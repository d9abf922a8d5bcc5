//! The CLI's JSON contract: every span's text equals the text at its offsets, in all three units,
//! for the sample articles and for hostile Unicode; JSON Lines echo and error handling.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_article-analyzer");

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn article-analyzer");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!("{}/www/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Slices `text` by offsets in `unit`.
fn slice(text: &str, unit: &str, start: usize, end: usize) -> String {
    match unit {
        "utf8" => text.get(start..end).expect("utf8 offsets on char boundaries").to_string(),
        "chars" => text.chars().skip(start).take(end - start).collect(),
        "utf16" => {
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(&units[start..end]).expect("utf16 offsets not inside a surrogate pair")
        }
        _ => unreachable!(),
    }
}

/// Checks every span of a report against the text; returns how many spans were checked.
fn check_spans(text: &str, unit: &str, report: &Value) -> usize {
    let mut checked = 0;
    let mut check = |span: &Value| {
        let start = span["start"].as_u64().unwrap() as usize;
        let end = span["end"].as_u64().unwrap() as usize;
        assert!(start <= end, "{span}");
        assert_eq!(slice(text, unit, start, end), span["text"].as_str().unwrap(), "{unit}: {span}");
        checked += 1;
    };
    for key in ["entities", "quotes", "furniture"] {
        for item in report[key].as_array().unwrap_or(&vec![]) {
            check(item);
        }
    }
    let attributions = report["attributions"].as_array().unwrap();
    for a in attributions {
        for part in ["cue", "source", "content"] {
            assert!(a.get(part).is_some(), "attribution without {part}: {a}");
            if !a[part].is_null() {
                check(&a[part]);
            }
        }
        assert!(a.get("source_kind").is_some());
    }
    for e in report["entities"].as_array().unwrap() {
        assert!(e["label"].is_string());
    }
    for q in report["quotes"].as_array().unwrap() {
        assert!(matches!(q["kind"].as_str(), Some("direct" | "partial" | "indirect")), "{q}");
        match &q["attribution"] {
            Value::Null => {}
            Value::Number(n) => assert!((n.as_u64().unwrap() as usize) < attributions.len()),
            other => panic!("attribution must be an index or null, got {other}"),
        }
    }
    assert_eq!(report["offsets"], unit);
    checked
}

#[test]
fn contract_holds_in_every_unit_for_both_samples() {
    for name in ["sample.txt", "sample-revised.txt"] {
        let text = sample(name);
        for unit in ["utf16", "utf8", "chars"] {
            let out = run(&["analyze", "--offsets", unit], text.as_bytes());
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let report: Value = serde_json::from_slice(&out.stdout).unwrap();
            let n = check_spans(&text, unit, &report);
            assert!(n > 0, "{name}: no spans at all");
        }
    }
}

#[test]
fn offsets_differ_by_unit_on_non_ascii_text() {
    let text = "👩‍👩‍👧 中文 e\u{301}\r\n“We will not back down,” the minister told Reuters on Tuesday 🇰🇷.";
    let mut starts = Vec::new();
    for unit in ["utf16", "utf8", "chars"] {
        let out = run(&["analyze", &format!("--offsets={unit}")], text.as_bytes());
        assert!(out.status.success());
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(check_spans(text, unit, &report) > 0);
        let dates = report["entities"].as_array().unwrap().iter().find(|e| e["label"] == "DATE").cloned().expect("Tuesday is a DATE");
        starts.push(dates["start"].as_u64().unwrap());
    }
    // UTF-16, UTF-8 and scalar offsets of "Tuesday" all differ after emoji and CJK.
    assert!(starts[0] != starts[1] && starts[1] != starts[2] && starts[0] != starts[2], "{starts:?}");
}

#[test]
fn jsonl_echoes_fields_keeps_order_and_reports_bad_lines() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"It happened on Thursday.\"}\n",
        "not json\n",
        "[1, 2]\n",
        "{\"id\": 2, \"text\": 5}\n",
        "\n",
        "{\"id\": \"three\", \"text\": \"Two ships left in February 2022.\", \"outlet\": \"x\"}\n",
    );
    let out = run(&["analyze", "--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1), "bad lines make the exit code non-zero");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in ["line 2", "line 3", "line 4"] {
        assert!(stderr.contains(line), "stderr names {line}: {stderr}");
    }
    let lines: Vec<Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[1]["id"], "three");
    assert_eq!(lines[1]["outlet"], "x");
    assert!(lines[1].get("text").is_none(), "the text is not echoed back");
    assert_eq!(lines[1]["entities"][0]["text"], "Two");
}

#[test]
fn bad_files_are_named_and_the_rest_still_processed() {
    let dir = std::env::temp_dir().join(format!("aa-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.txt");
    let bad = dir.join("bad.txt");
    std::fs::write(&good, "On Friday, it rained.").unwrap();
    std::fs::write(&bad, b"abc\xffdef").unwrap();
    let missing = dir.join("missing.txt");
    let out = run(&["analyze", bad.to_str().unwrap(), missing.to_str().unwrap(), good.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.txt: invalid UTF-8 at byte offset 3"), "{stderr}");
    assert!(stderr.contains("missing.txt: cannot read"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0]["file"].as_str().unwrap().ends_with("good.txt"));
    assert_eq!(lines[0]["entities"][0]["text"], "Friday");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn invalid_utf8_on_stdin_and_bad_options() {
    let out = run(&["analyze"], b"ok \xe2\x82");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>: invalid UTF-8 at byte offset 3"));
    let out = run(&["analyze", "--offsets", "bytes16"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown unit"));
}

#[test]
fn pretty_output_is_the_same_json() {
    let text = "On Friday, 3% of $5 million left.";
    let a: Value = serde_json::from_slice(&run(&["analyze"], text.as_bytes()).stdout).unwrap();
    let out = run(&["analyze", "--pretty"], text.as_bytes());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\n  \"entities\""));
    let b: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a, b);
}

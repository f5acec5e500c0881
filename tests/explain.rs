//! Traces (`fairrec check --explain`, `fairrec explain ID --document FILE`), as a user sees
//! them: the Nepal passport finding in both formats, personal data hidden unless asked, a
//! not-assessable result naming the facts that would decide it, and every trace of every
//! example concluding what its finding says.

mod common;

use common::{fairrec, temp_file, AS_OF};
use serde_json::Value;

const NEPAL: &str = "examples/agency-nepal-malaysia-violations.yaml";

/// The findings of the JSON report of one document.
fn findings(json: &str) -> Vec<Value> {
    let report: Value = serde_json::from_str(json).expect("the report is JSON");
    report["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["findings"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn explain_document_shows_the_passport_trace_with_its_exceptions() {
    let run = fairrec(&[
        "explain",
        "FR-GP11-001",
        "--document",
        NEPAL,
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("explain-nepal-passport-human", run.stdout);
}

#[test]
fn check_explain_puts_the_trace_under_the_finding() {
    let run = fairrec(&["check", "--explain", "--as-of", AS_OF, NEPAL]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let start = run
        .stdout
        .find("Why FR-GP11-001 concluded this:")
        .expect("a trace under the passport finding");
    let trace: String = run.stdout[start..]
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    insta::assert_snapshot!("check-explain-nepal-passport-human", trace);
    // Without --explain nothing changes.
    let plain = fairrec(&["check", "--as-of", AS_OF, NEPAL]);
    assert!(!plain.stdout.contains("concluded this"));
}

#[test]
fn check_explain_json_has_a_trace_object_per_finding() {
    let run = fairrec(&[
        "check",
        "--explain",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        NEPAL,
    ]);
    let traced = findings(&run.stdout);
    assert!(traced.iter().all(|f| f["trace"].is_object()));
    let passport = traced
        .iter()
        .find(|f| f["rule"] == "FR-GP11-001")
        .expect("the passport finding");
    insta::assert_json_snapshot!("check-explain-nepal-passport-json", passport["trace"]);
    let plain = fairrec(&["check", "--format", "json", "--as-of", AS_OF, NEPAL]);
    assert!(findings(&plain.stdout)
        .iter()
        .all(|f| f.get("trace").is_none()));
}

#[test]
fn a_not_assessable_trace_names_the_facts_that_would_decide_it() {
    let run = fairrec(&[
        "check",
        "--explain",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        NEPAL,
    ]);
    let unknown: Vec<Value> = findings(&run.stdout)
        .into_iter()
        .filter(|f| f["outcome"] == "not_assessable")
        .collect();
    assert!(!unknown.is_empty(), "the Nepal example has facts left out");
    for finding in &unknown {
        let trace = &finding["trace"];
        assert_eq!(trace["outcome"], "not_assessable");
        assert_eq!(trace["deciding_facts"], finding["missing"]);
    }
    let human = fairrec(&[
        "explain",
        "FR-GP12-023",
        "--document",
        NEPAL,
        "--as-of",
        AS_OF,
    ]);
    insta::assert_snapshot!("explain-nepal-not-assessable-human", human.stdout);
}

/// The report without the lines of the document it quotes under each finding (`  75 │
/// ...`): those show the user's own file, as without --explain; traces are what is hidden.
fn without_quoted_source(report: &str) -> String {
    report
        .lines()
        .filter(|line| {
            let trimmed = line.trim_start();
            let digits = trimmed.len()
                - trimmed
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            !(digits > 0 && trimmed[digits..].trim_start().starts_with('│'))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn personal_data_is_hidden_unless_asked() {
    let text = std::fs::read_to_string(NEPAL).expect("the example");
    let text = text.replacen(
        "  - type: passport\n    held_by: agency\n",
        "  - type: passport\n    held_by: agency\n    worker: Ram Bahadur Thapa\n    number: PA1234567\n",
        1,
    );
    assert!(
        text.contains("PA1234567"),
        "the example still lists the passport"
    );
    let path = temp_file("nepal-custody-register.yaml", text);
    for format in ["human", "json"] {
        let hidden = fairrec(&[
            "check",
            "--explain",
            "--format",
            format,
            "--as-of",
            AS_OF,
            &path,
        ]);
        assert!(hidden.stdout.contains("FR-GP11-001"), "{}", hidden.stderr);
        let traces = without_quoted_source(&hidden.stdout);
        let marked = if format == "json" {
            "\"hidden\":true"
        } else {
            "personal data, hidden"
        };
        assert!(traces.contains(marked), "{format}");
        assert!(!traces.contains("PA1234567"), "{format}");
        assert!(!traces.contains("Ram Bahadur Thapa"), "{format}");
        let shown = fairrec(&[
            "check",
            "--explain",
            "--show-personal-data",
            "--format",
            format,
            "--as-of",
            AS_OF,
            &path,
        ]);
        assert!(shown.stdout.contains("PA1234567"), "{format}");
        assert!(shown.stdout.contains("Ram Bahadur Thapa"), "{format}");
    }
    let explained = fairrec(&[
        "explain",
        "FR-GP11-001",
        "--document",
        &path,
        "--as-of",
        AS_OF,
    ]);
    assert!(explained.stdout.contains("personal data, hidden"));
    assert!(!explained.stdout.contains("PA1234567"));
}

#[test]
fn explain_document_reports_a_file_it_cannot_read_in_every_format() {
    let file = temp_file("not-utf8.yaml", b"kind: agency\nname: \"\xff\"\n");
    let path = file.as_str();
    let human = fairrec(&["explain", "FR-GP11-001", "--document", path]);
    assert_eq!(human.code, 2, "{}", human.stdout);
    assert!(human
        .stdout
        .contains("not checked: the document has errors"));
    assert!(
        human.stdout.contains("is not UTF-8 text"),
        "{}",
        human.stdout
    );

    let json = fairrec(&[
        "explain",
        "FR-GP11-001",
        "--document",
        path,
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 2, "{}", json.stderr);
    let report: Value = serde_json::from_str(&json.stdout).expect("the report is JSON");
    let error = &report["documents"][0]["errors"][0];
    assert_eq!(error["code"], "fairrec::io");
    assert_eq!(error["location"]["line"], 2);
    assert_eq!(error["location"]["column"], 8);
}

#[test]
fn explain_document_lists_the_errors_of_a_document_it_cannot_check() {
    let file = temp_file(
        "misspelt.yaml",
        b"kind: agency\nschema_version: 2\nname: X\ndocuments:\n  - type: passprt\n",
    );
    let path = file.as_str();
    let run = fairrec(&[
        "explain",
        "FR-GP11-001",
        "--document",
        path,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("the report is JSON");
    let errors = report["documents"][0]["errors"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        errors
            .iter()
            .any(|e| e["code"] == "fairrec::document::enum-value" && e["location"]["line"] == 5),
        "{errors:?}"
    );
}

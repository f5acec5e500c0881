//! Validation help as a user sees it beyond the human snapshots (`broken_inputs`): the JSON
//! report carries the same errors, at the same file, line and column, with the advice that
//! makes them fixable (a "did you mean" for a misspelt enum value at any depth, plain words
//! and the parser's own text for an indentation slip, the errors beneath a misspelt field in
//! the same run); and no error is lost in any format.

mod common;
use common::{fairrec, relative, AS_OF};

use serde_json::Value;

/// The report of `file` in `format`.
fn check(file: &str, format: &str) -> String {
    let run = fairrec(&["check", file, "--as-of", AS_OF, "--format", format]);
    assert_eq!(run.code, 2, "{file} should be refused ({format})");
    run.stdout
}

/// Every error of the JSON report of `file`, its documents' and the run's.
fn json_errors(file: &str) -> Vec<Value> {
    let json: Value = serde_json::from_str(&check(file, "json")).expect("JSON report");
    let documents = json["documents"].as_array().cloned().unwrap_or_default();
    documents
        .iter()
        .chain(std::iter::once(&json))
        .flat_map(|d| d["errors"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// An error's line and column in the JSON report.
fn place(error: &Value) -> (u64, u64) {
    let location = &error["location"];
    let number = |key: &str| location[key].as_u64().expect("a located error");
    (number("line"), number("column"))
}

#[test]
fn the_json_report_shows_every_error_the_human_one_does_at_the_same_place() {
    insta::glob!("broken-documents/*.yaml", |path| {
        let file = relative(path);
        let human = check(&file, "human");
        let errors = json_errors(&file);
        let shown = human.matches(&format!("[{file}:")).count();
        assert_eq!(
            errors.len(),
            shown,
            "{file}: {shown} errors shown, {} in JSON",
            errors.len()
        );
        for error in &errors {
            assert_eq!(error["location"]["file"], file.as_str(), "{file}: {error}");
            let (line, column) = place(error);
            assert!(
                human.contains(&format!("[{file}:{line}:{column}]")),
                "{file}: the JSON error at {line}:{column} is not in the human output"
            );
            let code = error["code"].as_str().unwrap_or_default();
            assert!(
                human.contains(code),
                "{file}: {code} missing from human output"
            );
        }
    });
}

/// One case: a broken document, and what its JSON errors say, in order: line, code and a
/// piece of the message and of the advice.
struct Case {
    file: &'static str,
    errors: &'static [(u64, &'static str, &'static str, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        file: "enum-value-deep-held-by-agensy.yaml",
        errors: &[(35, "enum-value", "`documents[2].held_by`", "did you mean `agency`? the values are: worker, agency")],
    },
    Case {
        file: "enum-value-in-list-in-record-wage-deductoin.yaml",
        errors: &[(20, "enum-value", "`costs[0].recovery_channels[1]`", "did you mean `wage_deduction`? the values are:")],
    },
    Case {
        file: "enum-value-given-a-list.yaml",
        errors: &[(31, "wrong-type", "found a list", "write one of: worker, agency, employer")],
    },
    Case {
        file: "indentation-field-one-space-less.yaml",
        errors: &[(9, "yaml", "`valid_from` is not lined up", "move it 1 space right, to column 3. The YAML parser said: \"while parsing a block mapping, did not find expected key\" (line 9, column 2)")],
    },
    Case {
        file: "indentation-list-item-out-of-line.yaml",
        errors: &[(19, "yaml", "list item's `-`", "Move it 1 space left, to column 3")],
    },
    // The parser stops on line 29; the line to move is 28.
    Case {
        file: "indentation-field-at-the-wrong-depth.yaml",
        errors: &[(28, "yaml", "`days_before_departure` is not lined up", "The YAML parser said: \"mapping values are not allowed in this context\" (line 29, column 14)")],
    },
    Case {
        file: "invalid-yaml-bad-indentation.yaml",
        errors: &[(8, "yaml", "`number` is not lined up", "move it 3 spaces left, to column 3")],
    },
    Case {
        file: "indentation-tab.yaml",
        errors: &[(12, "yaml", "a tab", "indent with spaces only")],
    },
    Case {
        file: "yaml-value-holds-colon.yaml",
        errors: &[(16, "yaml", "holds `: `", "put the value in quotes")],
    },
    Case {
        file: "wrong-record-country-indented-under-licence.yaml",
        errors: &[(10, "unknown-field", "`country` in `licence`", "is `country` indented under the wrong field? It is a field of the document itself")],
    },
    Case {
        file: "wrong-record-worker-copy-after-contract.yaml",
        errors: &[(29, "unknown-field", "`worker_copy`", "It is a field of `contract`, the field just above it")],
    },
    Case {
        file: "misspelt-parent-field-errors-beneath.yaml",
        errors: &[
            (14, "unknown-field", "`recruitmnet_costs`", "did you mean `recruitment_costs`?"),
            (15, "wrong-type", "assuming `recruitmnet_costs` (line 14) is `recruitment_costs`: `clauses.recruitment_costs.employer_pays_all`", "write `true` or `false`"),
            (16, "enum-value", "assuming `recruitmnet_costs` (line 14) is `recruitment_costs`: `medicl`", "did you mean `medical`?"),
        ],
    },
];

#[test]
fn the_json_report_carries_the_advice_at_the_line_to_change() {
    for case in CASES {
        let file = format!("tests/broken-documents/{}", case.file);
        let errors = json_errors(&file);
        assert_eq!(errors.len(), case.errors.len(), "{file}: {errors:#?}");
        for (error, (line, code, message, help)) in errors.iter().zip(case.errors) {
            assert_eq!(place(error).0, *line, "{file}: {error}");
            assert_eq!(
                error["code"],
                format!("fairrec::document::{code}"),
                "{file}"
            );
            let text = |key: &str| error[key].as_str().unwrap_or_default().to_string();
            assert!(text("message").contains(message), "{file}: {error}");
            assert!(text("help").contains(help), "{file}: {error}");
        }
    }
}

#[test]
fn every_format_reports_each_error_at_its_line() {
    for case in CASES {
        let file = format!("tests/broken-documents/{}", case.file);
        for format in ["sarif", "markdown", "html", "csv", "junit"] {
            let report = check(&file, format);
            for (line, code, _, _) in case.errors {
                let at = match format {
                    "sarif" => format!("\"startLine\": {line}"),
                    "markdown" => format!("line {line}, column"),
                    "csv" => format!(",{line},"),
                    _ => format!("{file}:{line}:"),
                };
                assert!(report.contains(&at), "{file} ({format}): no `{at}`");
                assert!(
                    report.contains(&format!("fairrec::document::{code}")),
                    "{file} ({format}): no {code}"
                );
            }
        }
    }
}

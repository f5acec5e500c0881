//! The command line as a user meets it: exit codes, formats, and the acceptance scenarios of
//! the engine-core issue (unknown field, broken rule file, facts left out).

mod common;
use common::{fairrec, temp_file, AS_OF};

const VIOLATING: &str = "examples/agency-nepal-malaysia-violations.yaml";
const COMPLIANT: &str = "examples/agency-philippines-hongkong-compliant.yaml";

#[test]
fn exit_status_is_1_with_violations_and_0_when_compliant() {
    assert_eq!(fairrec(&["check", VIOLATING, "--as-of", AS_OF]).code, 1);
    assert_eq!(fairrec(&["check", COMPLIANT, "--as-of", AS_OF]).code, 0);
}

#[test]
fn input_errors_win_over_violations() {
    let run = fairrec(&["check", VIOLATING, "does-not-exist.yaml", "--as-of", AS_OF]);
    assert_eq!(run.code, 2);
    assert!(run
        .stdout
        .contains("cannot read `does-not-exist.yaml`: no such file"));
    // The readable file was still checked.
    assert!(run.stdout.contains("FR-GP7-001"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(fairrec(&["check"]).code, 2);
    let run = fairrec(&["check", COMPLIANT, "--as-of", "2026-13-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not a date"));
}

#[test]
fn json_follows_format_version_1() {
    let run = fairrec(&[
        "check", VIOLATING, COMPLIANT, "--format", "json", "--as-of", AS_OF,
    ]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(report["fairrec"]["version"], 1);
    assert_eq!(report["fairrec"]["as_of"], AS_OF);
    assert!(report["fairrec"]["rules_hash"]
        .as_str()
        .is_some_and(|h| h.len() == 16));
    let documents = report["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 2);
    let first = &documents[0];
    assert_eq!(first["path"], VIOLATING);
    assert_eq!(first["kind"], "agency");
    let finding = &first["findings"][0];
    for key in [
        "rule",
        "title",
        "principles",
        "guidelines",
        "severity",
        "outcome",
        "message",
        "remedy",
        "location",
        "missing",
    ] {
        assert!(!finding[key].is_null(), "finding lacks {key}");
    }
    assert!(finding["location"]["line"].as_u64().is_some_and(|l| l > 1));
    assert_eq!(report["summary"]["documents"], 2);
    assert_eq!(documents[1]["findings"].as_array().map(Vec::len), Some(0));
}

#[test]
fn an_unknown_field_is_refused_with_its_position_and_a_suggestion() {
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(COMPLIANT))
            .expect("example");
    let lines = text.lines().count();
    let path = temp_file("unknown-field.yaml", format!("{text}licence_numbr: X-1\n"));
    let run = fairrec(&["check", &path, "--as-of", AS_OF]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains(&format!("{path}:{}:1]", lines + 1)),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("unknown field `licence_numbr`"));
    assert!(
        run.stdout.contains("did you mean `licence`?"),
        "{}",
        run.stdout
    );
}

#[test]
fn leaving_out_the_facts_gives_not_assessable_never_pass() {
    let path = temp_file(
        "no-facts.yaml",
        "kind: agency\nschema_version: 2\nname: Silent Agency\ncosts:\n  - category: medical\n    amount: 100 USD\n",
    );
    let run = fairrec(&["check", &path, "--format", "json", "--as-of", AS_OF]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let findings = report["documents"][0]["findings"]
        .as_array()
        .expect("findings");
    let outcome_of = |rule: &str| {
        findings.iter().find(|f| f["rule"] == rule).map(|f| {
            (
                f["outcome"].as_str().unwrap_or("").to_string(),
                f["missing"].clone(),
            )
        })
    };
    let (outcome, missing) = outcome_of("FR-GP7-001").expect("GP7 rule reported");
    assert_eq!(outcome, "not_assessable");
    assert_eq!(missing, serde_json::json!(["costs[0].paid_by"]));
    let (outcome, missing) = outcome_of("FR-GP11-001").expect("GP11 rule reported");
    assert_eq!(outcome, "not_assessable");
    assert_eq!(missing, serde_json::json!(["documents"]));
    // Unknown is not compliant: the document is incomplete, and that is not a clean exit...
    assert_eq!(report["documents"][0]["verdict"], "incomplete");
    assert_eq!(run.code, 1, "an incomplete document does not exit 0");
    // ...unless the user knowingly checks a partial file.
    let partial = fairrec(&["check", &path, "--allow-incomplete", "--as-of", AS_OF]);
    assert_eq!(partial.code, 0, "{}", partial.stdout);
    // FR-GP7-002 (illegitimate cost categories) has its facts: the category is given.
    let passes = fairrec(&["check", &path, "--show-passes", "--as-of", AS_OF]);
    assert!(passes.stdout.contains("✓ pass FR-GP7-002"));

    // A document that states no fact at all: no rule may pass, whatever rules the pack has.
    for kind in ["agency", "employer"] {
        let path = temp_file(
            &format!("silent-{kind}.yaml"),
            format!("kind: {kind}\nschema_version: 2\nname: Silent\n"),
        );
        let run = fairrec(&["check", &path, "--format", "json", "--as-of", AS_OF]);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
        let document = &report["documents"][0];
        assert_eq!(document["passed"], 0, "nothing may pass without evidence");
        let findings = document["findings"].as_array().expect("findings");
        assert!(!findings.is_empty());
        assert!(
            findings.iter().all(|f| f["outcome"] == "not_assessable"),
            "{kind}: {findings:?}"
        );
    }
}

#[test]
fn show_passes_lists_the_rules_that_hold() {
    let run = fairrec(&["check", COMPLIANT, "--show-passes", "--as-of", AS_OF]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("✓ pass FR-GP7-001"));
}

#[test]
fn a_rule_pack_naming_a_missing_field_fails_to_load() {
    let dir = std::env::temp_dir().join(format!("fairrec-pack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in std::fs::read_dir(&rules).expect("rules dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("rule file");
        let text = text.replace("cost.category in {illicit", "cost.categroy in {illicit");
        std::fs::write(dir.join(path.file_name().expect("name")), text).expect("copy");
    }
    let run = fairrec(&["check", "--rules", &dir.display().to_string(), COMPLIANT]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.is_empty(),
        "no document may be checked with a broken pack"
    );
    assert!(run.stderr.contains("no document was checked"));
    assert!(
        run.stderr.contains("record `Cost` has no field `categroy`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `category`?"));
    assert!(run.stderr.contains("conditions.fr:"));
}

#[test]
fn parallel_checking_keeps_the_output_identical() {
    let args = |jobs: &'static str| {
        [
            "check",
            "examples",
            "tests/fixtures/FR-GP7-001",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--jobs",
            jobs,
        ]
    };
    let one = fairrec(&args("1"));
    let two = fairrec(&args("2"));
    assert_eq!(one.code, two.code);
    assert_eq!(
        one.stdout, two.stdout,
        "the report must not depend on --jobs"
    );
}

/// Runs `fairrec` expecting it to stop: exit 2 and, on stdout, exactly one JSON report with
/// no documents and the reasons in `errors`.
fn stopped_json(args: &[&str]) -> serde_json::Value {
    let run = fairrec(args);
    assert_eq!(run.code, 2, "{args:?} should stop:\n{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|error| {
        panic!(
            "{args:?}: stdout is not one JSON document ({error}):\n{}",
            run.stdout
        )
    });
    assert_eq!(report["fairrec"]["version"], 1);
    assert_eq!(report["documents"], serde_json::json!([]));
    let errors = report["errors"].as_array().expect("errors");
    assert!(!errors.is_empty(), "{args:?}: no error said why");
    assert_eq!(report["summary"]["errors"], errors.len());
    report
}

#[test]
fn json_stop_names_an_empty_rule_folder() {
    let dir = std::env::temp_dir()
        .join(format!("fairrec-test-{}", std::process::id()))
        .join("empty-rules");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let dir = dir.display().to_string();
    let report = stopped_json(&["check", COMPLIANT, "--format", "json", "--rules", &dir]);
    let error = &report["errors"][0];
    assert_eq!(error["code"], "fairrec::rules::empty-pack");
    assert_eq!(error["file"], dir.as_str());
    assert!(error["help"].is_string());
    assert!(error["location"].is_null());
}

#[test]
fn json_stop_names_a_missing_rule_folder() {
    let missing = "tests/no-such-rule-folder";
    let report = stopped_json(&["check", COMPLIANT, "--format", "json", "--rules", missing]);
    let error = &report["errors"][0];
    assert_eq!(error["code"], "fairrec::io");
    assert_eq!(error["file"], missing);
    assert!(error["message"]
        .as_str()
        .is_some_and(|m| m.contains(missing)));
    assert!(error["location"].is_null());
}

/// A temporary overlay folder holding one broken-rule case and the overlay's name, so the
/// case is loaded on top of the built-in pack exactly as a ministry's overlay would be.
fn overlay_with(case: &std::path::Path) -> String {
    let name = case.file_stem().and_then(|n| n.to_str()).unwrap_or("case");
    let dir = std::env::temp_dir().join(format!("fairrec-overlay-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("overlay.fr"),
        "overlay \"test overlay\" jurisdiction \"nowhere\"\n",
    )
    .expect("overlay file");
    std::fs::copy(case, dir.join("case.fr")).expect("case file");
    dir.display().to_string()
}

#[test]
fn json_stop_locates_a_broken_rule_file() {
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/broken-rules/unknown-field-in-condition-paid-bye.fr");
    let dir = overlay_with(&case);
    let report = stopped_json(&["check", COMPLIANT, "--format", "json", "--overlay", &dir]);
    let error = &report["errors"][0];
    let file = format!("{dir}/case.fr");
    assert_eq!(error["code"], "fairrec::rules::unknown-field");
    assert_eq!(error["location"]["file"], file.as_str());
    assert_eq!(error["location"]["line"], 9);
    assert_eq!(error["location"]["column"], 19);
    let shown = serde_json::to_string_pretty(&report)
        .expect("JSON")
        .replace(&dir, "[overlay]")
        .replace(env!("CARGO_PKG_VERSION"), "[version]");
    insta::assert_snapshot!("json-stop-broken-rule-file", shown);
}

#[test]
fn json_stop_on_every_broken_rule_file_points_into_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken-rules");
    for entry in std::fs::read_dir(root).expect("broken-rules") {
        let case = entry.expect("entry").path();
        let dir = overlay_with(&case);
        let report = stopped_json(&["check", COMPLIANT, "--format", "json", "--overlay", &dir]);
        let errors = report["errors"].as_array().expect("errors");
        assert!(!errors.is_empty(), "{}: not refused", case.display());
        for error in errors {
            assert!(
                error["code"]
                    .as_str()
                    .is_some_and(|c| c.starts_with("fairrec::rules::")),
                "{}: {error}",
                case.display()
            );
            assert!(
                error["location"]["file"]
                    .as_str()
                    .is_some_and(|f| f.starts_with(&format!("{dir}/"))),
                "{}: {error}",
                case.display()
            );
            assert!(error["location"]["line"].as_u64().is_some_and(|l| l >= 1));
            assert!(error["location"]["column"].as_u64().is_some_and(|c| c >= 1));
        }
    }
}

#[test]
fn json_stop_on_a_date_that_does_not_exist() {
    let report = stopped_json(&[
        "check",
        COMPLIANT,
        "--format",
        "json",
        "--as-of",
        "2026-13-45",
    ]);
    assert_eq!(report["errors"][0]["code"], "fairrec::cli::bad-as-of");
    insta::assert_json_snapshot!("json-stop-bad-as-of", report, {".fairrec.tool_version" => "[version]"});
}

#[test]
fn json_stop_on_arguments_clap_refuses() {
    let report = stopped_json(&["check", COMPLIANT, "--format", "json", "--jobs", "abc"]);
    let error = &report["errors"][0];
    assert_eq!(error["code"], "fairrec::cli::arguments");
    insta::assert_json_snapshot!("json-stop-jobs-not-a-number", report, {".fairrec.tool_version" => "[version]"});
    // `--format=json` counts too, wherever it stands, and for any subcommand.
    let report = stopped_json(&["rules", "--format=json", "--principle", "seven"]);
    assert_eq!(report["errors"][0]["code"], "fairrec::cli::arguments");
    let report = stopped_json(&["check", "--format", "json"]);
    assert!(report["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("<FILE>")));
    // Help is not an error: it is printed as usual.
    let help = fairrec(&["check", "--format", "json", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Usage: fairrec check"));
}

#[test]
fn json_stop_on_an_unknown_kind() {
    let report = stopped_json(&["rules", "--kind", "agencey", "--format", "json"]);
    assert_eq!(report["errors"][0]["code"], "fairrec::cli::unknown-kind");
}

#[test]
fn human_stops_still_go_to_stderr_only() {
    let run = fairrec(&["check", COMPLIANT, "--jobs", "abc"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("invalid value 'abc' for '--jobs <N>'"));
    let run = fairrec(&["check", COMPLIANT, "--rules", "tests/no-such-rule-folder"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("cannot read the rule pack `tests/no-such-rule-folder`"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_document_errors_carry_code_help_and_file() {
    let file = "tests/broken-documents/unknown-field-near-miss-licence-nuber.yaml";
    let run = fairrec(&["check", file, "--format", "json", "--as-of", AS_OF]);
    assert_eq!(run.code, 2);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(
        report["errors"],
        serde_json::json!([]),
        "the run itself went on"
    );
    let error = &report["documents"][0]["errors"][0];
    assert_eq!(error["code"], "fairrec::document::unknown-field");
    assert_eq!(error["file"], file);
    assert_eq!(error["location"]["file"], file);
    assert!(error["location"]["line"].as_u64().is_some_and(|l| l > 1));
    assert!(
        error["help"]
            .as_str()
            .is_some_and(|h| h.contains("did you mean")),
        "{error}"
    );
}

const FREEDONIA: &str = "examples/overlays/freedonia";
const FREEDONIA_AGENCY: &str = "examples/overlays/freedonia/agency-example.yaml";

#[test]
fn a_document_compliant_under_the_pack_fails_under_the_national_overlay() {
    let plain = fairrec(&["check", FREEDONIA_AGENCY, "--as-of", AS_OF]);
    assert_eq!(plain.code, 0, "{}", plain.stdout);
    let overlaid = fairrec(&[
        "check",
        "--overlay",
        FREEDONIA,
        FREEDONIA_AGENCY,
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(overlaid.code, 1, "{}", overlaid.stdout);
    for expected in [
        "FD-FRA-001",
        "applied is 14 days",
        "overlay \"Freedonia recruitment rules (fictional)\" (jurisdiction: Freedonia",
        "parameter min_contract_days_before_departure = 14 (overlay \"Freedonia recruitment rules (fictional)\": Freedonia Recruitment of Workers Act 2031 (fictional), s. 12(2))",
        "disabled FR-GP5-003",
    ] {
        assert!(overlaid.stdout.contains(expected), "missing `{expected}` in\n{}", overlaid.stdout);
    }
    let json = fairrec(&[
        "check",
        "--overlay",
        FREEDONIA,
        FREEDONIA_AGENCY,
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 1);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let header = &report["fairrec"];
    assert_eq!(
        header["overlays"][0]["name"],
        "Freedonia recruitment rules (fictional)"
    );
    assert_eq!(
        header["overlays"][0]["jurisdiction"],
        "Freedonia (a fictional country, for demonstration only)"
    );
    assert_eq!(header["parameters"][0]["value"], "14");
    assert_eq!(
        header["parameters"][0]["source"],
        "overlay \"Freedonia recruitment rules (fictional)\": Freedonia Recruitment of Workers Act 2031 (fictional), s. 12(2)"
    );
    assert_eq!(header["disabled_rules"][0]["rule"], "FR-GP5-003");
    assert!(header["disabled_rules"][0]["because"]
        .as_str()
        .is_some_and(|b| b.starts_with("Freedonia forbids sub-agents outright")));
    let rules: Vec<&str> = report["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(rules, ["FD-FRA-001", "FR-GP8-002"]);
}

#[test]
fn an_agency_checked_with_its_corridors_agreement_cites_the_clause_it_breaches() {
    let agency = "examples/agency-nepal-malaysia-violations.yaml";
    let agreement = "examples/agreement-nepal-malaysia-compliant.yaml";
    let json = fairrec(&[
        "check", agency, agreement, "--as-of", AS_OF, "--format", "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let findings: Vec<&serde_json::Value> = report["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "FR-GP6-002")
        .collect();
    assert_eq!(findings.len(), 3, "{findings:?}");
    let first = findings[0];
    assert_eq!(first["outcome"], "violation");
    assert_eq!(first["location"]["line"], 37);
    assert_eq!(first["location"]["path"], "costs[0].paid_by");
    assert_eq!(first["related"]["file"], agreement);
    assert_eq!(first["related"]["line"], 20);
    assert_eq!(first["related"]["path"], "clauses.recruitment_costs");
    // Alone, the agency's worker-paid costs cannot be judged against an agreement: the rule
    // is not applied, which the summary says once for the corridor, not as a finding.
    let alone = fairrec(&["check", agency, "--as-of", AS_OF, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&alone.stdout).expect("JSON");
    let outcomes: Vec<&str> = report["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "FR-GP6-002")
        .filter_map(|f| f["outcome"].as_str())
        .collect();
    assert!(outcomes.is_empty(), "{outcomes:?}");
    let unmatched = &report["summary"]["unmatched"];
    assert_eq!(
        unmatched,
        &serde_json::json!([{
            "document": "the `agreement` document with origin NP and destination MY",
            "rules": ["FR-GP6-002", "FR-GP6-006"],
            "documents": 1,
        }])
    );
    let human = fairrec(&["check", agency, "--as-of", AS_OF]);
    assert_eq!(
        human
            .stdout
            .matches("the `agreement` document with origin NP")
            .count(),
        1,
        "said once, in the summary: {}",
        human.stdout
    );
}

#[test]
fn the_sdg_indicator_is_computed_per_worker_then_summarised_by_sex() {
    let path = common::temp_file(
        "sdg-10-7-1.yaml",
        "kind: agency\nschema_version: 2\nname: Survey agency\nexchange_rates:\n  - {from: MYR, to: NPR, rate: 28.4}\nworker_records:\n  - {id: w1, sex: female, recruitment_cost: 120000 NPR, first_month_earnings: 1450 MYR}\n  - {id: w2, sex: male, recruitment_cost: 90000 NPR, first_month_earnings: 1500 MYR}\n  - {id: w3, sex: male, recruitment_cost: 0 NPR, first_month_earnings: 1500 MYR}\n  - {id: w4, recruitment_cost: 50000 NPR, first_month_earnings: 1200 MYR}\n  - {id: w5, sex: female, recruitment_cost: 10 USD, first_month_earnings: 1200 MYR}\n",
    );
    let json = fairrec(&["check", &path, "--format", "json", "--as-of", AS_OF]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let figure = &report["documents"][0]["figures"][0];
    assert_eq!(figure["id"], "SDG-10-7-1");
    assert_eq!(figure["items"], 5);
    // No USD rate is declared: that worker is left out, never guessed.
    assert_eq!(figure["excluded"], 1);
    // 120000/41180, 90000/42600, 0/42600, 50000/34080: each worker's own ratio, then summarised.
    assert_eq!(figure["overall"]["n"], 4);
    assert_eq!(figure["overall"]["mean"], "1.6235");
    assert_eq!(figure["overall"]["median"], "1.7899");
    assert_eq!(figure["overall"]["p80"], "2.4332");
    assert_eq!(figure["by"]["male"]["n"], 2);
    assert_eq!(figure["by"]["male"]["median"], "1.0563");
    assert_eq!(figure["by"]["not recorded"]["n"], 1);
    let human = fairrec(&["check", &path, "--as-of", AS_OF]);
    assert!(
        human
            .stdout
            .contains("all workers: n=4, mean 1.62, median 1.79, 80th percentile 2.43"),
        "{}",
        human.stdout
    );
}

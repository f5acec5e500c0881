//! Follow-up audits as a ministry runs them: stable document ids, `--waivers` (applied,
//! expired, unused, and a broken waiver file), `--baseline` with last year's JSON report
//! (one finding fixed, one added), `--fail-on-new`, and what every format says about them.

mod common;
use common::{fairrec, temp_file, AS_OF};

use std::path::{Path, PathBuf};

const NEPAL: &str = "examples/agency-nepal-malaysia-violations.yaml";
const WAIVERS: &str = "tests/audit/waivers-2026.yaml";
const BROKEN_WAIVERS: &str = "tests/audit/waivers-broken.yaml";
const NEPAL_ID: &str = "agency:himalaya-manpower-services-pvt-ltd:dofe-0457-076";

fn json(run: &common::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

/// The part of human output from `heading` to the next blank line.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no `{heading}` in\n{text}"));
    let rest = &text[start..];
    &rest[..rest.find("\n\n").map_or(rest.len(), |end| end + 1)]
}

#[test]
fn every_document_has_a_stable_id_its_own_or_derived() {
    let run = fairrec(&["check", NEPAL, "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(json(&run)["documents"][0]["id"], NEPAL_ID);
    let human = fairrec(&["check", NEPAL, "--as-of", AS_OF]);
    assert!(human.stdout.contains(&format!("\n   id {NEPAL_ID}\n")));
    // An explicit `id` wins; it survives a change of name.
    let path = temp_file(
        "explicit-id.yaml",
        "kind: agency\nschema_version: 2\nname: Renamed Agency\nid: DoFE-0457/076\n",
    );
    let run = fairrec(&["check", &path, "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(json(&run)["documents"][0]["id"], "DoFE-0457/076");
    // An empty one is refused with its place.
    let path = temp_file(
        "empty-id.yaml",
        "kind: agency\nschema_version: 2\nname: A\nid: \"\"\n",
    );
    let run = fairrec(&["check", &path, "--as-of", AS_OF]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("`id` is empty"), "{}", run.stdout);
    assert!(run.stdout.contains("empty-id.yaml:4:5]"), "{}", run.stdout);
}

#[test]
fn waivers_over_the_examples_are_applied_expired_or_unused_and_each_is_reported() {
    let args = ["check", "examples", "--as-of", AS_OF, "--waivers", WAIVERS];
    let human = fairrec(&args);
    assert_eq!(human.code, 1, "the other violations still count");
    insta::assert_snapshot!("waivers-human-summary", section(&human.stdout, "Waivers ("));
    assert!(human
        .stdout
        .contains("╰── waived medium violation: GP4, GP10"));
    let flat = human
        .stdout
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("help: Waived until 2026-09-30 (waiver 1 in the waiver file), approved by Director, Labour Migration Division on 2026-05-20: a job-advertisement template"),
        "{}",
        human.stdout
    );

    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let report = json(&fairrec(&with_json));
    let nepal = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["id"] == NEPAL_ID)
        .expect("the Nepal agency");
    let waived: Vec<&serde_json::Value> = nepal["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["outcome"] == "waived")
        .collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["rule"], "FR-GP4-007");
    assert_eq!(waived[0]["location"]["path"], "job_ads_state_terms");
    assert_eq!(waived[0]["waiver"]["outcome"], "violation");
    assert_eq!(
        waived[0]["waiver"]["approved_by"],
        "Director, Labour Migration Division"
    );
    // The expired waiver covers nothing: its finding is a violation again.
    assert!(nepal["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["rule"] == "FR-GP8-002" && f["outcome"] == "violation"));
    let statuses: Vec<(&str, u64)> = report["summary"]["waivers"]
        .as_array()
        .expect("waivers")
        .iter()
        .map(|w| {
            (
                w["status"].as_str().unwrap_or(""),
                w["findings"].as_u64().unwrap_or(9),
            )
        })
        .collect();
    assert_eq!(statuses, [("applied", 1), ("expired", 1), ("unused", 0)]);
    assert_eq!(report["summary"]["waived"], 1);
}

#[test]
fn a_waiver_for_a_rule_whose_finding_another_absorbed_is_unused_and_says_which() {
    let waivers = temp_file(
        "medical-fee-waiver.yaml",
        format!("- {{rule: FR-GP7-001, document: \"{NEPAL_ID}\", item: \"costs[1]\", reason: refunded in full, approved_by: Director, approved_on: 2026-01-15, expires: 2026-12-31}}\n"),
    );
    // Alone, the medical fee is FR-GP7-001's finding: the waiver covers it.
    let alone = json(&fairrec(&[
        "check",
        NEPAL,
        "--as-of",
        AS_OF,
        "--waivers",
        &waivers,
        "--format",
        "json",
    ]));
    assert_eq!(alone["summary"]["waivers"][0]["status"], "applied");
    // With the corridor's agreement, FR-GP6-002 reports the fee and also cites FR-GP7-001:
    // the finding says more than what was approved, so the waiver is unused and says why.
    let agreement = "examples/agreement-nepal-malaysia-compliant.yaml";
    let args = [
        "check",
        NEPAL,
        agreement,
        "--as-of",
        AS_OF,
        "--waivers",
        &waivers,
    ];
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let both = json(&fairrec(&with_json));
    assert_eq!(both["summary"]["waivers"][0]["status"], "unused");
    assert_eq!(both["summary"]["waivers"][0]["reported_as"], "FR-GP6-002");
    let human = fairrec(&args).stdout;
    let flat = human.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("a waiver must name FR-GP6-002 to cover it"),
        "{human}"
    );
}

#[test]
fn a_document_whose_only_findings_are_waived_is_compliant_with_waivers() {
    let path = temp_file(
        "one-fee.yaml",
        "kind: agency\nschema_version: 2\nname: One Fee Agency\nid: LIC-1\ncosts:\n  - {category: medical, label: medical, amount: 100 USD, paid_by: worker, recovered_by: upfront}\n",
    );
    let run = fairrec(&["check", &path, "--as-of", AS_OF, "--format", "json"]);
    let findings = json(&run)["documents"][0]["findings"].clone();
    let mut waivers = String::new();
    for finding in findings.as_array().expect("findings") {
        waivers.push_str(&format!(
            "- {{rule: {}, document: LIC-1, reason: refunded, approved_by: Director, approved_on: 2026-01-01, expires: 2026-12-31}}\n",
            finding["rule"].as_str().expect("rule")
        ));
    }
    let file = temp_file("one-fee-waivers.yaml", waivers);
    let run = fairrec(&["check", &path, "--as-of", AS_OF, "--waivers", &file]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("· COMPLIANT WITH WAIVERS"),
        "{}",
        run.stdout
    );
    // After the waivers expire, the findings count again.
    let later = fairrec(&["check", &path, "--as-of", "2027-01-01", "--waivers", &file]);
    assert_eq!(later.code, 1);
    assert!(later.stdout.contains("expired on 2026-12-31"));
}

#[test]
fn a_broken_waiver_file_is_refused_with_its_places_and_the_run_still_reported() {
    let human = fairrec(&[
        "check",
        NEPAL,
        "--as-of",
        AS_OF,
        "--waivers",
        BROKEN_WAIVERS,
    ]);
    assert_eq!(human.code, 2);
    // The run's own errors come first, each with its place, then the documents.
    let documents = human
        .stdout
        .find("── examples")
        .expect("the document is reported");
    insta::assert_snapshot!("waivers-broken-human", &human.stdout[..documents]);
    assert!(human
        .stdout
        .contains("── examples/agency-nepal-malaysia-violations.yaml"));
    assert!(!human.stdout.contains("waived"), "nothing is waived");
    let report = json(&fairrec(&[
        "check",
        NEPAL,
        "--as-of",
        AS_OF,
        "--waivers",
        BROKEN_WAIVERS,
        "--format",
        "json",
    ]));
    let errors: Vec<(String, u64)> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap_or("").to_string(),
                e["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("fairrec::waivers::unknown-field".to_string(), 5),
            ("fairrec::waivers::invalid-value".to_string(), 6),
            ("fairrec::waivers::unknown-rule".to_string(), 2),
            ("fairrec::waivers::invalid-value".to_string(), 10),
            ("fairrec::waivers::invalid-value".to_string(), 13),
        ]
    );
    assert_eq!(report["documents"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["summary"]["errors"], 5);
}

/// A copy of the examples in a fresh temporary folder.
fn copy_of_examples(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fairrec-audit-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(examples).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

#[test]
fn last_years_report_as_baseline_gives_one_resolved_and_one_new() {
    let dir = copy_of_examples("baseline");
    let folder = dir.display().to_string();
    let baseline = dir.join("last-year.json").display().to_string();
    let last_year = fairrec(&[
        "check",
        &folder,
        "--as-of",
        "2025-06-01",
        "--format",
        "json",
        "-o",
        &baseline,
    ]);
    assert_eq!(last_year.code, 1);
    // This year: the agency gives workers their contract (one finding fixed), but now makes
    // them sign under pressure (one added); a comment on top shifts every line.
    let agency = dir.join("agency-nepal-malaysia-violations.yaml");
    let text = std::fs::read_to_string(&agency).expect("copy");
    let text = format!("# Follow-up inspection, 2026.\n{text}")
        .replace("  worker_copy: false", "  worker_copy: true")
        .replace(
            "  signed_under_pressure: false",
            "  signed_under_pressure: true",
        );
    std::fs::write(&agency, text).expect("edit");
    // The JSON report is in the folder too: `.json` files are not checked.
    let run = fairrec(&["check", &folder, "--as-of", AS_OF, "--baseline", &baseline]);
    assert_eq!(run.code, 1);
    let shown = run.stdout.replace(&folder, "[examples]");
    insta::assert_snapshot!(
        "baseline-human-summary",
        section(&shown, "Since the earlier audit (")
    );
    let document = &shown[shown.find("  ✓ resolved since").expect("resolved list")..];
    insta::assert_snapshot!(
        "baseline-human-document",
        &document[..document.find("\n\n──").expect("next document")]
    );
    assert!(run.stdout.contains("╰── new: critical violation: GP9"));

    let report = json(&fairrec(&[
        "check",
        &folder,
        "--as-of",
        AS_OF,
        "--baseline",
        &baseline,
        "--format",
        "json",
    ]));
    let summary = &report["summary"]["baseline"];
    assert_eq!(summary["new"]["total"], 1);
    assert_eq!(summary["resolved"]["total"], 1);
    assert_eq!(
        summary["documents_missing"].as_array().map(Vec::len),
        Some(0)
    );
    let new: Vec<(&str, &str)> = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| d["findings"].as_array().into_iter().flatten())
        .filter(|f| f["change"] == "new")
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or(""),
                f["location"]["path"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(new, [("FR-GP9-002", "contract.signed_under_pressure")]);
    let resolved: Vec<&serde_json::Value> = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| d["comparison"]["resolved"].as_array().into_iter().flatten())
        .collect();
    assert_eq!(resolved.len(), 1);
    assert_eq!(resolved[0]["rule"], "FR-GP8-003");
    assert_eq!(resolved[0]["location"]["path"], "contract.worker_copy");

    // `--fail-on-new`: the new violation fails the run; without it, the same baseline
    // against itself has nothing new, so the run passes though violations remain.
    let args = [
        "check",
        &folder,
        "--as-of",
        AS_OF,
        "--baseline",
        &baseline,
        "--fail-on-new",
    ];
    assert_eq!(fairrec(&args).code, 1);
    let this_year = dir.join("this-year.json").display().to_string();
    fairrec(&[
        "check", &folder, "--as-of", AS_OF, "--format", "json", "-o", &this_year,
    ]);
    let again = fairrec(&[
        "check",
        &folder,
        "--as-of",
        AS_OF,
        "--baseline",
        &this_year,
        "--fail-on-new",
    ]);
    assert_eq!(
        again.code,
        0,
        "{}",
        section(&again.stdout, "Since the earlier audit (")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_baseline_that_is_not_a_fairrec_report_is_refused_with_its_place() {
    let cases = [
        ("not-json.json", "{\"fairrec\": ", "fairrec::baseline::json"),
        ("other.json", "{\"results\": []}", "fairrec::baseline::not-a-report"),
        (
            "version-2.json",
            "{\"fairrec\": {\"version\": 2}, \"documents\": []}",
            "fairrec::baseline::version",
        ),
        (
            "no-ids.json",
            "{\"fairrec\": {\"version\": 1}, \"documents\": [{\"path\": \"a.yaml\", \"index\": 0, \"kind\": \"agency\", \"name\": \"A\", \"verdict\": \"compliant\", \"findings\": []}]}",
            "fairrec::baseline::no-ids",
        ),
    ];
    for (name, text, code) in cases {
        let path = temp_file(name, text);
        let run = fairrec(&[
            "check",
            NEPAL,
            "--as-of",
            AS_OF,
            "--baseline",
            &path,
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 2, "{name}");
        let report = json(&run);
        assert_eq!(report["errors"][0]["code"], code, "{name}");
        assert_eq!(report["errors"][0]["file"], path.as_str(), "{name}");
        assert!(
            report["errors"][0]["location"]["line"].as_u64().is_some(),
            "{name}"
        );
        assert_eq!(
            report["documents"].as_array().map(Vec::len),
            Some(1),
            "{name}"
        );
    }
    let without = fairrec(&["check", NEPAL, "--fail-on-new"]);
    assert_eq!(without.code, 2, "--fail-on-new needs --baseline");
}

#[test]
fn every_format_reports_waivers_and_changes() {
    let dir = copy_of_examples("formats");
    let agency = dir
        .join("agency-nepal-malaysia-violations.yaml")
        .display()
        .to_string();
    let baseline = dir.join("last-year.json").display().to_string();
    fairrec(&[
        "check", &agency, "--as-of", AS_OF, "--format", "json", "-o", &baseline,
    ]);
    let text = std::fs::read_to_string(&agency).expect("copy");
    std::fs::write(
        &agency,
        text.replace("  worker_copy: false", "  worker_copy: true"),
    )
    .expect("edit");
    for format in ["human", "json", "sarif", "markdown", "csv", "junit", "html"] {
        let run = fairrec(&[
            "check",
            &agency,
            "--as-of",
            AS_OF,
            "--waivers",
            WAIVERS,
            "--baseline",
            &baseline,
            "--format",
            format,
        ]);
        assert_eq!(run.code, 1, "{format}");
        // Human output and Markdown wrap long lines: compare words, not line breaks.
        let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        for needed in [
            NEPAL_ID,
            "a job-advertisement template stating the job, employer, place and wage",
            "FR-GP8-003",
            "expired",
            "unused",
        ] {
            assert!(flat.contains(needed), "{format} lacks {needed}");
        }
        let resolved = ["resolved", "absent"];
        assert!(resolved.iter().any(|w| run.stdout.contains(w)), "{format}");
    }
    let sarif = fairrec(&[
        "check",
        &agency,
        "--as-of",
        AS_OF,
        "--waivers",
        WAIVERS,
        "--baseline",
        &baseline,
        "--format",
        "sarif",
    ]);
    let log = json(&sarif);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/schemas/sarif-schema-2.1.0.json").expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::draft4::options()
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results
        .iter()
        .any(|r| r["suppressions"][0]["status"] == "accepted"));
    assert!(results.iter().any(|r| r["baselineState"] == "absent"));
    let _ = std::fs::remove_dir_all(&dir);
}

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
        "kind: agency\nschema_version: 1\nname: Silent Agency\ncosts:\n  - category: medical\n    amount: 100 USD\n",
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
    assert_eq!(run.code, 0, "not assessable alone is not a violation");
    // FR-GP7-002 (illegitimate cost categories) has its facts: the category is given.
    let passes = fairrec(&["check", &path, "--show-passes", "--as-of", AS_OF]);
    assert!(passes.stdout.contains("✓ pass FR-GP7-002"));

    // A document that states no fact at all: no rule may pass, whatever rules the pack has.
    for kind in ["agency", "employer"] {
        let path = temp_file(
            &format!("silent-{kind}.yaml"),
            format!("kind: {kind}\nschema_version: 1\nname: Silent\n"),
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
    assert!(run.stderr.contains("gp07-recruitment-fees.fr:"));
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

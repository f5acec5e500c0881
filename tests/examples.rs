//! Every example document, checked as a user would: the human report, the JSON report and
//! the exit status (1 for the examples with violations, 0 for the compliant ones). The
//! snapshots show findings (violations, gaps, not assessable) but not how many rules
//! passed, nor the pack's hash: a new rule changes only the examples where it fires.

mod common;
use common::{fairrec, relative, AS_OF};

use fairrec::pack::RulePack;

#[test]
fn examples_match_snapshots() {
    let pack = RulePack::builtin().expect("built-in rules load");
    insta::glob!("../examples", "*.yaml", |path| {
        let file = relative(path);
        let human = fairrec(&["check", &file, "--as-of", AS_OF]);
        let expected = if file.contains("compliant") { 0 } else { 1 };
        assert_eq!(human.code, expected, "{file}: {}", human.stderr);
        insta::with_settings!({filters => vec![
            (r"\d+ rule\(s\) passed", "[n] rule(s) passed"),
            (r"Rule pack [0-9a-f]{16}", "Rule pack [hash]"), (r"fairrec \d+\.\d+\.\d+ ·", "fairrec [version] ·"),
        ]}, {
            insta::assert_snapshot!("human", human.stdout);
        });

        let json = fairrec(&["check", &file, "--as-of", AS_OF, "--format", "json"]);
        assert_eq!(json.code, expected);
        let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
        assert_eq!(value["fairrec"]["rules_hash"], pack.hash.as_str());
        for document in value["documents"].as_array().expect("documents") {
            assert_every_applicable_rule_is_accounted_for(&pack, document);
        }
        insta::assert_json_snapshot!("json", value, {
            ".fairrec.rules_hash" => "[rules hash]",
            ".fairrec.tool_version" => "[version]",
            ".documents[].passed" => "[n]",
        });
    });
}

/// The pass count left out of the snapshots is checked here instead: every rule for the
/// document's kind either passed, has a finding, or was not applied for want of a document
/// not in the run (so a compliant example, with no finding, passed them all).
fn assert_every_applicable_rule_is_accounted_for(pack: &RulePack, document: &serde_json::Value) {
    let kind = document["kind"].as_str().expect("kind");
    let applicable = pack
        .rules
        .iter()
        .filter(|r| r.kinds.iter().any(|k| k == kind))
        .count();
    // A rule whose finding was merged into a more specific rule's (`supersedes`) is
    // accounted for by that finding's `also_breaches`.
    let mut with_findings: Vec<&str> = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .flat_map(|f| {
            let merged = f["also_breaches"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m["rule"].as_str());
            f["rule"].as_str().into_iter().chain(merged)
        })
        .collect();
    let unmatched = document["unmatched"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u["rule"].as_str());
    with_findings.extend(unmatched);
    with_findings.sort_unstable();
    with_findings.dedup();
    let passed = document["passed"].as_u64().expect("passed") as usize;
    assert_eq!(
        passed + with_findings.len(),
        applicable,
        "{}: {passed} passed and {} with findings, of {applicable} {kind} rules",
        document["path"],
        with_findings.len()
    );
}

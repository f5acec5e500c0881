//! Lints the built-in rule pack as a whole: every rule is cited, documented and fixtured;
//! every principle and fee category is covered; the generated reference documents in docs/
//! are current; and `fairrec rules` / `fairrec explain` show what the pack holds. Snapshots
//! show one rule or a filtered list, so a new rule does not rewrite them.

mod common;
use common::fairrec;

use fairrec::catalogue::{coverage_markdown, schema_markdown};
use fairrec::pack::RulePack;
use std::path::Path;

fn pack() -> RulePack {
    RulePack::builtin().expect("built-in rules load")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_rule_is_cited_documented_and_remedied() {
    let pack = pack();
    for rule in &pack.rules {
        assert!(
            !rule.principles.is_empty(),
            "{} cites no principle",
            rule.id
        );
        assert!(
            !rule.source.trim().is_empty(),
            "{} has no paraphrase",
            rule.id
        );
        assert!(!rule.remedy.trim().is_empty(), "{} has no remedy", rule.id);
        for section in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## Compliant",
        ] {
            assert!(rule.docs.contains(section), "{} lacks `{section}`", rule.id);
        }
    }
}

#[test]
fn rule_ids_and_names_are_unique_and_name_the_problem() {
    let pack = pack();
    let banned: Vec<String> =
        std::fs::read_to_string(root().join("tests/disallowed_rule_names.txt"))
            .expect("list")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_string)
            .collect();
    let mut ids = std::collections::HashSet::new();
    let mut names = std::collections::HashSet::new();
    for rule in &pack.rules {
        assert!(ids.insert(&rule.id), "{} repeats", rule.id);
        assert!(
            names.insert(&rule.name),
            "{} repeats the name {}",
            rule.id,
            rule.name
        );
        for pattern in &banned {
            let hit = match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
                (Some(suffix), _) => rule.name.ends_with(suffix),
                (_, Some(prefix)) => rule.name.starts_with(prefix),
                _ => rule.name == *pattern,
            };
            assert!(
                !hit,
                "{}: the name `{}` matches `{pattern}`",
                rule.id, rule.name
            );
        }
    }
}

#[test]
fn every_principle_kind_and_fee_category_has_a_rule() {
    let pack = pack();
    for number in 1..=13 {
        assert!(
            pack.principles.contains_key(&number),
            "GP{number} is not declared"
        );
        assert!(
            pack.rules.iter().any(|r| r.principles.contains(&number)),
            "no rule cites GP{number}"
        );
    }
    for kind in ["agency", "employer", "agreement"] {
        assert!(
            pack.rules.iter().any(|r| r.kinds.iter().any(|k| k == kind)),
            "no rule for {kind}"
        );
    }
    let categories = pack
        .schema
        .enums
        .iter()
        .find(|e| e.name == "FeeCategory")
        .expect("FeeCategory enum");
    for value in categories.values.keys() {
        assert!(
            pack.rules.iter().any(|r| r
                .covers
                .iter()
                .any(|(e, v)| e == "FeeCategory" && v == value)),
            "no rule covers the fee category `{value}`"
        );
    }
}

#[test]
fn generated_reference_documents_are_current() {
    let pack = pack();
    for (file, text, command) in [
        ("docs/coverage.md", coverage_markdown(&pack), "coverage"),
        ("docs/schema.md", schema_markdown(&pack), "schema"),
        (
            "docs/legal-basis.md",
            fairrec::catalogue::legal_basis_markdown(&pack),
            "basis",
        ),
        (
            "docs/errors.md",
            fairrec::diagnostic::errors_markdown(),
            "errors",
        ),
    ] {
        let on_disk = std::fs::read_to_string(root().join(file)).unwrap_or_default();
        assert!(
            on_disk == text,
            "{file} is out of date: run `cargo run -- {command} > {file}`"
        );
    }
}

#[test]
fn rules_json_lists_every_rule_with_its_citations() {
    let pack = pack();
    let run = fairrec(&["rules", "--format", "json"]);
    assert_eq!(run.code, 0);
    let rules: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("JSON list");
    let mut cited: Vec<u64> = rules
        .iter()
        .flat_map(|r| r["principles"].as_array().cloned().unwrap_or_default())
        .filter_map(|p| p.as_u64())
        .collect();
    cited.sort_unstable();
    cited.dedup();
    assert_eq!(cited, (1..=13).collect::<Vec<u64>>());
    for key in [
        "id",
        "title",
        "principles",
        "guidelines",
        "kinds",
        "severity",
    ] {
        assert!(!rules[0][key].is_null(), "rule summary lacks {key}");
    }
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let pack_ids: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, pack_ids, "the list is the pack's rules, in order");
    // One entry shows the format; a snapshot of the whole list would change with every rule.
    let entry = rules.iter().find(|r| r["id"] == "FR-GP7-004");
    insta::assert_json_snapshot!("rules-json-entry", entry);
}

#[test]
fn rules_can_be_filtered_by_principle_and_kind() {
    let run = fairrec(&["rules", "--principle", "11", "--kind", "agreement"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("rules-gp11-agreement", run.stdout);
    let unknown = fairrec(&["rules", "--kind", "agencey"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown
        .stderr
        .contains("there is no document kind `agencey`"));
}

#[test]
fn explain_prints_a_rules_documentation() {
    let run = fairrec(&["explain", "FR-GP7-004"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("explain-FR-GP7-004", run.stdout);
    let typo = fairrec(&["explain", "FR-GP7-04"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean `FR-GP7-004`?"),
        "{}",
        typo.stderr
    );
}

/// Every error code is raised somewhere: the documented list is the real one.
#[test]
fn every_error_code_is_used() {
    let mut sources = String::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("code.rs") {
                sources.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    for code in fairrec::diagnostic::ErrorCode::ALL {
        let variant = format!("ErrorCode::{code:?}");
        assert!(
            sources.contains(&variant),
            "{} ({variant}) is documented but never raised",
            code.as_str()
        );
    }
}

//! Runs every rule fixture: `tests/fixtures/<RULE-ID>/fail/*.yaml` must give that rule a
//! violation or gap; `pass/*.yaml` must give it no finding at all (not even not-assessable).
//! The rendered report of each fixture is snapshotted.

mod common;
use common::{relative, AS_OF};

use fairrec::batch::{check_file, read_file};
use fairrec::finding::Outcome;
use fairrec::pack::RulePack;
use fairrec::report::human::HumanReport;

#[test]
fn fixtures_match_snapshots() {
    let pack = RulePack::builtin().expect("built-in rules load");
    let as_of = AS_OF.parse().expect("valid date");
    insta::glob!("fixtures/*/*/*.yaml", |path| {
        let case_dir = path.parent().expect("fixture sits in pass/ or fail/");
        let rule_id = case_dir
            .parent()
            .and_then(|d| d.file_name())
            .and_then(|n| n.to_str())
            .expect("rule folder");
        assert!(
            pack.rule(rule_id).is_some(),
            "no rule {rule_id} for {}",
            path.display()
        );
        let limits = fairrec::limits::Limits::default();
        let file =
            read_file(std::path::Path::new(&relative(path)), &limits).expect("fixture readable");
        let results = check_file(&pack, file, as_of, &limits);
        let mut report = HumanReport::new(&pack, false, false);
        let mut rendered = String::new();
        let mut outcomes = Vec::new();
        for result in &results {
            assert!(
                result.errors.is_empty(),
                "{}: {:?}",
                path.display(),
                result.errors
            );
            rendered.push_str(&report.document(result));
            outcomes.extend(
                result
                    .findings
                    .findings
                    .iter()
                    .filter(|f| pack.rules[f.rule].id == rule_id)
                    .map(|f| f.outcome),
            );
        }
        if case_dir.ends_with("fail") {
            assert!(
                outcomes
                    .iter()
                    .any(|o| matches!(o, Outcome::Violation | Outcome::Gap)),
                "{}: {rule_id} should fire, got {outcomes:?}",
                path.display()
            );
        } else {
            assert!(
                outcomes.is_empty(),
                "{}: {rule_id} should pass, got {outcomes:?}",
                path.display()
            );
        }
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn every_rule_has_pass_and_fail_fixtures() {
    let pack = RulePack::builtin().expect("built-in rules load");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for rule in &pack.rules {
        for side in ["pass", "fail"] {
            let dir = root.join(&rule.id).join(side);
            let count = std::fs::read_dir(&dir)
                .map(|entries| {
                    entries
                        .filter(|e| {
                            e.as_ref()
                                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
                        })
                        .count()
                })
                .unwrap_or(0);
            assert!(
                count > 0,
                "{} has no {side} fixture in {}",
                rule.id,
                dir.display()
            );
        }
    }
}

//! Runs every rule fixture: `tests/fixtures/<RULE-ID>/fail/*.yaml` must give that rule a
//! violation or gap; `pass/*.yaml` must make that rule pass (no finding at all, not even
//! not-assessable); `review/*.yaml` (optional) must make it ask for a person's review. Like ruff's per-rule tests, each snapshot shows only the rule under test:
//! its findings as a user sees them and its outcome, so adding a rule adds that rule's
//! snapshots and changes no other.

mod common;
use common::{relative, render_rule_outcome, AS_OF};

use fairrec::batch::{check_file, read_file};
use fairrec::finding::Outcome;
use fairrec::pack::RulePack;

#[test]
fn fixtures_match_snapshots() {
    let pack = RulePack::builtin().expect("built-in rules load");
    let as_of = AS_OF.parse().expect("valid date");
    insta::glob!("fixtures/*/*/*.yaml", |path| {
        let case_dir = path
            .parent()
            .expect("fixture sits in pass/, fail/ or review/");
        let rule_id = case_dir
            .parent()
            .and_then(|d| d.file_name())
            .and_then(|n| n.to_str())
            .expect("rule folder");
        let index = pack
            .rules
            .iter()
            .position(|r| r.id == rule_id)
            .unwrap_or_else(|| panic!("no rule {rule_id} for {}", path.display()));
        let limits = fairrec::limits::Limits::default();
        let file =
            read_file(std::path::Path::new(&relative(path)), &limits).expect("fixture readable");
        let results = check_file(&pack, file, as_of, &limits);
        for result in &results {
            assert!(
                result.errors.is_empty(),
                "{}: {:?}",
                path.display(),
                result.errors
            );
        }
        let outcomes: Vec<Outcome> = results
            .iter()
            .flat_map(|r| &r.findings.findings)
            .filter(|f| f.rule == index)
            .map(|f| f.outcome)
            .collect();
        if case_dir.ends_with("review") {
            // An exception a person must judge is claimed: the finding asks for review.
            assert!(
                outcomes.contains(&Outcome::Review)
                    && !outcomes
                        .iter()
                        .any(|o| matches!(o, Outcome::Violation | Outcome::Gap)),
                "{}: {rule_id} should ask for review, got {outcomes:?}",
                path.display()
            );
        } else if case_dir.ends_with("fail") {
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
            // A fixture may hold other documents the rule reads (an agreement after `---`);
            // the rule must have passed on every document of a kind it applies to.
            let applies = |r: &&fairrec::batch::DocumentResult| {
                r.kind
                    .as_ref()
                    .is_some_and(|k| pack.rules[index].kinds.contains(k))
            };
            assert!(
                results.iter().any(|r| applies(&r))
                    && results
                        .iter()
                        .filter(applies)
                        .all(|r| r.findings.passed.contains(&index)),
                "{}: {rule_id} does not apply to this document, so it cannot pass",
                path.display()
            );
        }
        insta::assert_snapshot!(render_rule_outcome(&pack, &results, rule_id));
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

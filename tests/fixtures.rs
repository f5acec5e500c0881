//! The built-in pack's fixtures (`tests/fixtures/<RULE-ID>/{pass,fail,review}/*.yaml`): each
//! states at its top what the rules must conclude about it (`# expect: FR-GP11-001 violation
//! at documents[0].held_by`), and they run through the same code as `fairrec test`. Every rule
//! needs a fixture that makes it fire and one it passes.
//!
//! Like ruff's per-rule tests, each fixture also has a snapshot showing only the rules it
//! names: their findings as a user sees them and their outcome, so adding a rule adds that
//! rule's snapshots and changes no other.

mod common;
use common::{relative, render_rule_outcome, AS_OF};

use fairrec::batch::{check_file, read_file};
use fairrec::fixture::{read, render, run};
use fairrec::limits::Limits;
use fairrec::pack::RulePack;

#[test]
fn built_in_fixtures_meet_their_expectations_and_cover_every_rule() {
    let pack = RulePack::builtin().expect("built-in rules load");
    let options = run::Options {
        as_of: AS_OF.parse().expect("valid date"),
        limits: Limits::default(),
        coverage_of: (0..pack.rules.len()).collect(),
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let result = run::run(&pack, &[root], &options);
    let report = render::human(&result, false, false);
    assert!(result.fixtures.len() > 500, "the fixtures were found");
    assert_eq!(result.failed(), 0, "{report}");
    assert_eq!(result.in_error(), 0, "{report}");
    assert!(result.coverage.without_failing.is_empty(), "{report}");
    assert!(result.coverage.without_passing.is_empty(), "{report}");
}

#[test]
fn fixtures_match_snapshots() {
    let pack = RulePack::builtin().expect("built-in rules load");
    let as_of = AS_OF.parse().expect("valid date");
    insta::glob!("fixtures/*/*/*.yaml", |path| {
        let rule_id = path
            .parent()
            .and_then(|side| side.parent())
            .and_then(|d| d.file_name())
            .and_then(|n| n.to_str())
            .expect("fixture sits in <RULE-ID>/pass/, fail/ or review/");
        let limits = Limits::default();
        let file =
            read_file(std::path::Path::new(&relative(path)), &limits).expect("fixture readable");
        let fixture = read(file.clone()).expect("the fixture states its expectations");
        assert!(
            fixture.expectations.iter().all(|e| e.rule == rule_id),
            "{}: a fixture in the folder of {rule_id} expects only of {rule_id}",
            path.display()
        );
        let results = check_file(&pack, file, fixture.as_of.unwrap_or(as_of), &limits);
        insta::assert_snapshot!(render_rule_outcome(&pack, &results, rule_id));
    });
}

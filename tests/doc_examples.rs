//! Every rule's documentation is executed: the YAML fragment under `## Example` must make the
//! rule fire (violation or gap), the one under `## Compliant` must make it pass (not even
//! not-assessable: a compliant example establishes the facts), and every rule has both. This
//! is the lint `fairrec check-rules` runs (`src/lint/examples.rs` wraps each fragment into a
//! whole document of each kind the rule applies to); here it runs on the built-in pack inside
//! `cargo test`.

mod common;
use common::AS_OF;

use fairrec::diagnostic::ErrorCode;
use fairrec::lint::{lint, LintInput};
use fairrec::pack::RulePack;

#[test]
fn documented_examples_fire_and_compliant_examples_pass() {
    let pack = RulePack::builtin().expect("built-in rules load");
    let files = RulePack::builtin_files();
    let report = lint(&LintInput {
        pack: &pack,
        files: &files,
        fixtures: &[],
        as_of: AS_OF.parse().expect("date"),
        allow: None,
    });
    let problems: Vec<String> = report
        .findings
        .iter()
        .filter(|e| {
            matches!(
                e.code(),
                ErrorCode::LintDocExample | ErrorCode::LintDocSection
            )
        })
        .map(|e| format!("{}: {}", e.file().name, e.message()))
        .collect();
    assert!(
        problems.is_empty(),
        "{} documented block(s) of {} rules are wrong:\n{}",
        problems.len(),
        pack.rules.len(),
        problems.join("\n")
    );
}

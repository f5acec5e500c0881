//! The rule author's commands as a new user meets them: `fairrec test` (fixtures with their
//! expectations, a diff when one is not met, coverage, JUnit), `fairrec fmt` and
//! `fairrec check-rules`, with their exit codes (0 clean, 1 findings, 2 errors).

mod common;
use common::{fairrec, AS_OF, TOY_SCHEMA};

use std::path::{Path, PathBuf};

const FREEDONIA: &str = "examples/overlays/freedonia";

/// A fresh folder for one test, under this process's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("fairrec-rule-tooling-{}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A copy of the Freedonia overlay's rule files (not its fixtures) in `dir`.
fn copy_overlay_rules(dir: &Path) {
    for entry in std::fs::read_dir(FREEDONIA).expect("the example overlay") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "fr") {
            std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
        }
    }
}

fn text(path: &Path) -> String {
    path.display().to_string()
}

/// Output with the scratch folder's path written as `[tmp]`.
fn shown(output: &str, dir: &Path) -> String {
    output.replace(&text(dir), "[tmp]")
}

const TEN_DAYS: &str = "# Ten days is too late under the overlay's 14.
# expect: FR-GP8-002 violation at contract.days_before_departure
kind: agency
schema_version: 2
name: Example Recruitment Ltd. (fictional)
workers: {languages: [en]}
contract: {written: true, languages: [en], days_before_departure: 10, worker_copy: true}
";

#[test]
fn breaking_an_expectation_fails_with_a_diff_and_restoring_it_passes() {
    let dir = scratch("broken-expectation");
    copy_overlay_rules(&dir);
    let fixture = dir.join("contract-ten-days.yaml");
    std::fs::write(
        &fixture,
        TEN_DAYS.replace("violation at contract.days_before_departure", "pass"),
    )
    .expect("write");
    let run = fairrec(&["test", &text(&dir), "--as-of", AS_OF]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    insta::assert_snapshot!("test-broken-expectation", shown(&run.stdout, &dir));
    std::fs::write(&fixture, TEN_DAYS).expect("write");
    let run = fairrec(&["test", &text(&dir), "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    // Coverage: the overlay's own rule has no fixture here.
    assert!(
        run.stdout
            .contains("1 without a failing fixture (one expecting a violation or gap): FD-FRA-001"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_overlay_folder_runs_its_own_fixtures_on_the_overlay() {
    let run = fairrec(&["test", FREEDONIA]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    insta::assert_snapshot!("test-freedonia", run.stdout);
    // Named with `--overlay` too, it is loaded once.
    let twice = fairrec(&["test", FREEDONIA, "--overlay", FREEDONIA]);
    assert_eq!(twice.stdout, run.stdout);
}

#[test]
fn the_built_in_fixtures_pass_from_the_command_line() {
    let run = fairrec(&["test", "tests/fixtures", "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.starts_with("coverage: each of the"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_folder_with_its_own_pack_is_tested_on_that_pack() {
    let dir = scratch("own-pack");
    let rule = r#"
/// ## What it checks
/// Too many books.
rule LIB-001 too-many-books {
    title    "Too many books"
    cites    GP1
    kinds    library
    severity low
    source   "x"
    when     count(books) > params.max_books
    message  "{count(books)} books"
    remedy   "Fewer."
}
"#;
    std::fs::write(dir.join("library.fr"), format!("{TOY_SCHEMA}{rule}")).expect("write");
    let document = "kind: library\nschema_version: 1\nname: toy\nbooks: [{title: a}]\n";
    std::fs::write(
        dir.join("one-book.yaml"),
        format!("# expect: LIB-001 pass\n{document}"),
    )
    .expect("write");
    let run = fairrec(&["test", &text(&dir)]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("1 without a failing fixture (one expecting a violation or gap): LIB-001"),
        "{}",
        run.stdout
    );
    // The same with `--rules` named: the folder is not loaded twice.
    let named = fairrec(&["test", "--rules", &text(&dir), &text(&dir)]);
    assert_eq!(named.stdout, run.stdout);
}

#[test]
fn junit_output_fails_the_case_and_escapes_what_it_quotes() {
    let dir = scratch("junit");
    copy_overlay_rules(&dir);
    std::fs::write(
        dir.join("a&b <c>.yaml"),
        TEN_DAYS.replace("violation at contract.days_before_departure", "gap"),
    )
    .expect("write");
    let run = fairrec(&["test", &text(&dir), "--as-of", AS_OF, "--format", "junit"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("test-junit", shown(&run.stdout, &dir));
}

#[test]
fn fixtures_that_cannot_be_run_are_located_errors() {
    let dir = scratch("fixture-errors");
    let body = "kind: agency\nschema_version: 2\nname: X\n";
    for (name, text) in [
        (
            "misspelt-rule.yaml",
            format!("# expect: FR-GP11-01 violation\n{body}"),
        ),
        (
            "misspelt-outcome.yaml",
            format!("# expect: FR-GP11-001 violoation\n{body}"),
        ),
        ("no-expectation.yaml", body.to_string()),
        (
            "invalid-document.yaml",
            format!("# expect: FR-GP11-001 pass\n{body}documnets: []\n"),
        ),
    ] {
        std::fs::write(dir.join(name), text).expect("write");
    }
    let run = fairrec(&["test", &text(&dir), "--as-of", AS_OF]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let output = shown(&run.stdout, &dir);
    // The coverage of the whole pack by these four files says nothing: leave it out.
    let errors = output.split("coverage of").next().unwrap_or_default();
    insta::assert_snapshot!("test-fixture-errors", errors);
}

#[test]
fn fmt_check_passes_on_the_built_in_pack_and_the_overlay() {
    let run = fairrec(&["fmt", "--check", "rules", FREEDONIA]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn fmt_check_lists_what_would_change_and_fmt_changes_it() {
    let dir = scratch("fmt");
    let file = dir.join("rules.fr");
    let messy = "// a pack\nparam   days :integer= 7\n\n\n\nenum Payer{\n  worker ,\n\n  employer\n}\nprinciple 1 \"x\"\n";
    let tidy = "// a pack\nparam days: integer= 7\n\nenum Payer {\n    worker,\n\n    employer\n}\n\nprinciple 1 \"x\"\n";
    std::fs::write(&file, messy).expect("write");
    let check = fairrec(&["fmt", "--check", &text(&dir)]);
    assert_eq!(check.code, 1);
    assert_eq!(
        shown(&check.stdout, &dir),
        "[tmp]/rules.fr:2: not formatted\n"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        messy,
        "--check changes nothing"
    );
    let fmt = fairrec(&["fmt", &text(&file)]);
    assert_eq!(fmt.code, 0, "{}", fmt.stderr);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), tidy);
    std::fs::write(&file, "rule X-1 a {\n    title \"open\n}\n").expect("write");
    let broken = fairrec(&["fmt", &text(&file)]);
    assert_eq!(broken.code, 2);
    assert!(
        broken.stderr.contains("fairrec::rules::syntax"),
        "{}",
        broken.stderr
    );
}

#[test]
fn check_rules_passes_on_the_built_in_pack_and_the_overlay() {
    let pack = fairrec(&["check-rules", "rules", "--as-of", AS_OF]);
    assert_eq!(pack.code, 0, "{}", pack.stdout);
    assert!(pack.stdout.contains("0 finding(s)"), "{}", pack.stdout);
    assert!(
        pack.stdout.contains("allowed by rules/check-rules.allow"),
        "{}",
        pack.stdout
    );
    let overlay = fairrec(&["check-rules", FREEDONIA, "--as-of", AS_OF]);
    assert_eq!(overlay.code, 0, "{}", overlay.stdout);
}

const LINTED_OVERLAY: &str = r#"overlay "Lint test" jurisdiction "Nowhere"
instrument NA_1 national_law "Nowhere Act"

/// Never read by any rule.
param unused_days: integer = 3

/// ## What it checks
/// Sub-agents.
/// ## Example
/// sub_agents: []
rule NW-001 agency-uses-sub-agents {
    title    "Sub-agents"
    cites    NA_1
    kinds    agency
    severity low
    source   ""
    when     count(sub_agents) > 0
    message  "sub-agents"
    remedy   ""
}
"#;

#[test]
fn check_rules_reports_each_finding_where_it_is() {
    let dir = scratch("check-rules");
    std::fs::write(dir.join("overlay.fr"), LINTED_OVERLAY).expect("write");
    std::fs::write(
        dir.join("check-rules.allow"),
        "# accepted\nno-remedy NW-001 \"the remedy is in the Act\"\nno-source NW-002 \"stale\"\n",
    )
    .expect("write");
    let run = fairrec(&["check-rules", &text(&dir), "--as-of", AS_OF]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    insta::assert_snapshot!("check-rules-findings", shown(&run.stdout, &dir));
}

#[test]
fn check_rules_stops_with_exit_2_when_the_rules_do_not_load() {
    let dir = scratch("check-rules-duplicate");
    std::fs::write(
        dir.join("a.fr"),
        LINTED_OVERLAY.replace("NW-001", "FR-GP7-001"),
    )
    .expect("write");
    let run = fairrec(&["check-rules", &text(&dir)]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("FR-GP7-001"), "{}", run.stderr);
}

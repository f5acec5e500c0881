//! Every rule's documentation is executed: the YAML fragment under `## Example` must make the
//! rule fire (violation or gap), the one under `## Compliant` must make it pass (not even
//! not-assessable: a compliant example establishes the facts). Each fragment is wrapped into
//! a whole document of each kind the rule applies to; it must be a valid document for at
//! least one of them, and is checked against every kind where it is valid.

mod common;
use common::AS_OF;

use fairrec::batch::check_file;
use fairrec::diagnostic::SourceFile;
use fairrec::finding::Outcome;
use fairrec::limits::Limits;
use fairrec::pack::ir::Rule;
use fairrec::pack::RulePack;

/// The text of the `## <title>` section of a rule's documentation.
fn section(docs: &str, title: &str) -> Option<String> {
    let heading = format!("## {title}");
    let mut lines = docs.lines().skip_while(|line| line.trim() != heading);
    lines.next()?;
    let body: Vec<&str> = lines.take_while(|line| !line.starts_with("## ")).collect();
    Some(body.join("\n").trim().to_string())
}

/// Top-level fields a kind requires that say which document it is rather than what it
/// practises; the wrapper supplies them when the fragment does not, as it supplies `name`.
const IDENTITY: &[(&str, &str, &str)] = &[("agreement", "parties", "parties: [NP, MY]")];

/// The fragment as a whole document of `kind`.
fn document(kind: &str, fragment: &str) -> String {
    let mut text = format!("kind: {kind}\nschema_version: 2\nname: doc example\n");
    for (_, field, line) in IDENTITY.iter().filter(|(k, _, _)| *k == kind) {
        if !fragment
            .lines()
            .any(|l| l.starts_with(&format!("{field}:")))
        {
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push_str(fragment);
    text.push('\n');
    text
}

/// What went wrong with one documented block, or `None` when it shows what it should.
fn check_block(pack: &RulePack, index: usize, rule: &Rule, title: &str) -> Option<String> {
    let Some(fragment) = section(&rule.docs, title) else {
        return Some(format!("{}: no `## {title}` section", rule.id));
    };
    let as_of = AS_OF.parse().expect("date");
    let mut invalid = Vec::new();
    let mut checked_kinds = 0;
    for kind in &rule.kinds {
        let name = format!("{} {title} as {kind}", rule.id);
        let results = check_file(
            pack,
            SourceFile::new(name, document(kind, &fragment)),
            as_of,
            &Limits::default(),
        );
        let errors: Vec<&str> = results
            .iter()
            .flat_map(|r| &r.errors)
            .map(|e| e.message())
            .collect();
        if !errors.is_empty() {
            invalid.push(format!("as {kind}: {}", errors.join("; ")));
            continue;
        }
        checked_kinds += 1;
        let findings: Vec<_> = results
            .iter()
            .flat_map(|r| &r.findings.findings)
            .filter(|f| f.rule == index)
            .collect();
        let fires = findings
            .iter()
            .any(|f| matches!(f.outcome, Outcome::Violation | Outcome::Gap));
        let shown: Vec<String> = findings
            .iter()
            .map(|f| format!("{} ({})", f.outcome.as_str(), f.message))
            .collect();
        if title == "Example" && !fires {
            return Some(format!(
                "{}: the example does not make the rule fire as {kind}; it gives {shown:?}\n    {fragment}",
                rule.id
            ));
        }
        if title == "Compliant" && !findings.is_empty() {
            return Some(format!(
                "{}: the compliant example does not pass as {kind}; it gives {shown:?}\n    {fragment}",
                rule.id
            ));
        }
    }
    if checked_kinds == 0 {
        return Some(format!(
            "{}: the `## {title}` block is a valid document for none of its kinds:\n    {fragment}\n    {}",
            rule.id,
            invalid.join("\n    ")
        ));
    }
    None
}

#[test]
fn documented_examples_fire_and_compliant_examples_pass() {
    let pack = RulePack::builtin().expect("built-in rules load");
    let mut problems = Vec::new();
    let mut blocks = 0;
    for (index, rule) in pack.rules.iter().enumerate() {
        for title in ["Example", "Compliant"] {
            blocks += 1;
            problems.extend(check_block(&pack, index, rule, title));
        }
    }
    assert_eq!(blocks, 2 * pack.rules.len());
    assert!(
        problems.is_empty(),
        "{} of {blocks} documented blocks are wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_wrapper_supplies_every_required_top_level_field() {
    let pack = RulePack::builtin().expect("built-in rules load");
    for (kind, def) in &pack.schema.kinds {
        for (field, field_def) in &pack.schema.records[def.root].fields {
            if !field_def.optional {
                assert!(
                    IDENTITY.iter().any(|(k, f, _)| k == kind && f == field),
                    "{kind} documents require `{field}`: add it to IDENTITY"
                );
            }
        }
    }
}

#[test]
fn sections_are_read_up_to_the_next_heading() {
    let docs = "## What it checks\nx\n## Example\na: 1\nb: [2]\n## Compliant\na: 0\n";
    assert_eq!(section(docs, "Example").as_deref(), Some("a: 1\nb: [2]"));
    assert_eq!(section(docs, "Compliant").as_deref(), Some("a: 0"));
    assert_eq!(section(docs, "Why it matters"), None);
}

//! Shared helpers: run the real binary from the crate root, render results without colour.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The date every test checks documents as of, so snapshots do not change with the clock.
pub const AS_OF: &str = "2026-06-01";

/// What a run of the binary produced.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `fairrec` with `args` from the crate root.
pub fn fairrec(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_fairrec"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the fairrec binary runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// A path relative to the crate root, with forward slashes, as users would type it.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Writes `bytes` to a file in this test process's temporary folder and returns its path.
pub fn temp_file(name: &str, bytes: impl AsRef<[u8]>) -> String {
    let dir = std::env::temp_dir().join(format!("fairrec-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file");
    path.display().to_string()
}

/// What a user would see about one rule in the results of one file: each document's heading
/// and that rule's findings, rendered as `fairrec check` renders them, then one line with the
/// rule's outcome (`FR-GP11-001: pass`, `FR-GP7-001: 2 violations`). Nothing here depends
/// on the other rules of the pack, so adding a rule leaves other rules' snapshots alone.
pub fn render_rule_outcome(
    pack: &fairrec::pack::RulePack,
    results: &[fairrec::batch::DocumentResult],
    rule_id: &str,
) -> String {
    use fairrec::finding::{DocumentFindings, Outcome};

    let index = pack
        .rules
        .iter()
        .position(|r| r.id == rule_id)
        .unwrap_or_else(|| panic!("no rule {rule_id} in the pack"));
    let report = fairrec::report::human::HumanReport::new(pack, false, false);
    let mut out = String::new();
    for result in results {
        let findings: Vec<_> = result
            .findings
            .findings
            .iter()
            .filter(|f| f.rule == index)
            .cloned()
            .collect();
        let only_this_rule = fairrec::batch::DocumentResult {
            file: result.file.clone(),
            index: result.index,
            kind: result.kind.clone(),
            name: result.name.clone(),
            id: result.id.clone(),
            findings: DocumentFindings {
                findings: findings.clone(),
                passed: Vec::new(),
                figures: Vec::new(),
                unmatched: Vec::new(),
            },
            errors: result.errors.clone(),
            groups: result.groups.clone(),
            comparison: None,
        };
        // The renderer closes each document with counts over the whole pack; over one
        // rule's findings they would mislead, so the rule's own outcome line replaces them.
        // The document's stable id is the examples' and the CLI tests' concern, not a rule's.
        for line in report.document(&only_this_rule).lines() {
            let counts = line.trim_start().starts_with(|c: char| c.is_ascii_digit())
                && line.ends_with("rule(s) passed");
            let id = line.starts_with("   id ");
            if !counts && !id {
                out.push_str(line);
                out.push('\n');
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        let outcome = if !result.errors.is_empty() {
            "not checked (the document has errors)".to_string()
        } else if result.findings.passed.contains(&index) {
            "pass".to_string()
        } else if findings.is_empty() {
            match &result.kind {
                Some(kind) => format!("does not apply to {kind} documents"),
                None => "does not apply".to_string(),
            }
        } else {
            [
                Outcome::Violation,
                Outcome::Gap,
                Outcome::Review,
                Outcome::NotAssessable,
            ]
            .into_iter()
            .filter_map(|outcome| {
                let n = findings.iter().filter(|f| f.outcome == outcome).count();
                let word = match (outcome, n) {
                    (Outcome::Violation, 1) => "violation",
                    (Outcome::Violation, _) => "violations",
                    (Outcome::Gap, 1) => "gap",
                    (Outcome::Gap, _) => "gaps",
                    (Outcome::Review, _) => "for review",
                    _ => "not assessable",
                };
                (n > 0).then(|| format!("{n} {word}"))
            })
            .collect::<Vec<_>>()
            .join(", ")
        };
        out.push_str(&format!("{rule_id}: {outcome}\n"));
    }
    out
}

/// A toy schema with nothing about recruitment in it: a lending library. Engine tests load
/// it with their own rules, to show the engine takes everything from rule text.
pub const TOY_SCHEMA: &str = r#"
principle 1 "Books are looked after"

/// The state a book is in.
enum Condition { good, worn, damaged }

/// A book on the shelf.
record Book {
    title: text
    condition: Condition?
    pages: integer?
    price: money?
    due: date?
    rare: boolean?
}

/// A library's record of its books.
kind library version 1 {
    books: list<Book>?
    budget: money?
    opened: date?
    a: boolean?
    b: boolean?
    c: boolean?
}

/// The most books a reader may borrow.
param max_books: integer = 3
/// The dearest book the library buys.
param max_price: money = 50 USD
"#;

/// The date toy documents are checked as of, unless a test says otherwise.
pub const TOY_AS_OF: &str = "2026-06-01";

/// The toy schema with `rules`, loaded from strings; panics with the errors if refused.
pub fn toy_pack(rules: &str) -> fairrec::pack::RulePack {
    let file = fairrec::diagnostic::SourceFile::new("toy.fr", format!("{TOY_SCHEMA}{rules}"));
    match fairrec::pack::RulePack::load(vec![file]) {
        Ok(pack) => pack,
        Err(errors) => panic!(
            "the toy pack is refused:\n{}",
            errors
                .iter()
                .map(|e| fairrec::report::human::render_diagnostic(e, false))
                .collect::<String>()
        ),
    }
}

/// Checks a `library` document whose top-level fields are `fields` (YAML), as of `as_of`.
pub fn toy_results(
    pack: &fairrec::pack::RulePack,
    fields: &str,
    as_of: &str,
) -> Vec<fairrec::batch::DocumentResult> {
    let text = format!("kind: library\nschema_version: 1\nname: toy\n{fields}\n");
    fairrec::batch::check_file(
        pack,
        fairrec::diagnostic::SourceFile::new("toy.yaml", text),
        as_of.parse().expect("a date"),
        &fairrec::limits::Limits::default(),
    )
}

/// One rule's conclusion as a test compares it: the outcome, where a violation or gap
/// points, and what a not-assessable outcome is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub rule: String,
    pub outcome: fairrec::finding::Outcome,
    pub path: String,
    pub missing: Vec<String>,
}

impl Seen {
    pub fn violation(rule: &str, path: &str) -> Seen {
        Seen {
            rule: rule.into(),
            outcome: fairrec::finding::Outcome::Violation,
            path: path.into(),
            missing: Vec::new(),
        }
    }

    pub fn pass(rule: &str) -> Seen {
        Seen {
            rule: rule.into(),
            outcome: fairrec::finding::Outcome::Pass,
            path: String::new(),
            missing: Vec::new(),
        }
    }

    pub fn not_assessable(rule: &str, missing: &[&str]) -> Seen {
        Seen {
            rule: rule.into(),
            outcome: fairrec::finding::Outcome::NotAssessable,
            path: String::new(),
            missing: missing.iter().map(|m| m.to_string()).collect(),
        }
    }
}

/// Every rule's conclusions on a toy document, in the pack's rule order; panics if the
/// document has errors.
pub fn toy_outcomes(pack: &fairrec::pack::RulePack, fields: &str, as_of: &str) -> Vec<Seen> {
    use fairrec::finding::Outcome;
    let results = toy_results(pack, fields, as_of);
    let mut seen = Vec::new();
    for result in &results {
        assert!(
            result.errors.is_empty(),
            "the toy document has errors: {:?}",
            result
                .errors
                .iter()
                .map(|e| e.message())
                .collect::<Vec<_>>()
        );
        for (index, rule) in pack.rules.iter().enumerate() {
            if result.findings.passed.contains(&index) {
                seen.push(Seen::pass(&rule.id));
            }
            for finding in result.findings.findings.iter().filter(|f| f.rule == index) {
                let located = matches!(finding.outcome, Outcome::Violation | Outcome::Gap);
                seen.push(Seen {
                    rule: rule.id.clone(),
                    outcome: finding.outcome,
                    path: if located {
                        finding.path.clone()
                    } else {
                        String::new()
                    },
                    missing: finding.missing.clone(),
                });
            }
        }
    }
    seen
}

/// The SHA-256 of a file, as reports state it.
pub fn sha256_of(path: &str) -> String {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("file");
    fairrec::digest::InputFile::of_bytes(path, &bytes)
        .sha256
        .unwrap_or_default()
}

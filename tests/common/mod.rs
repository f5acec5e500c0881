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
    let mut report = fairrec::report::human::HumanReport::new(pack, false, false);
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
            findings: DocumentFindings {
                findings: findings.clone(),
                passed: Vec::new(),
            },
            errors: result.errors.clone(),
        };
        // The renderer closes each document with counts over the whole pack; over one
        // rule's findings they would mislead, so the rule's own outcome line replaces them.
        for line in report.document(&only_this_rule).lines() {
            let counts = line.trim_start().starts_with(|c: char| c.is_ascii_digit())
                && line.ends_with("rule(s) passed");
            if !counts {
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
            [Outcome::Violation, Outcome::Gap, Outcome::NotAssessable]
                .into_iter()
                .filter_map(|outcome| {
                    let n = findings.iter().filter(|f| f.outcome == outcome).count();
                    let word = match (outcome, n) {
                        (Outcome::Violation, 1) => "violation",
                        (Outcome::Violation, _) => "violations",
                        (Outcome::Gap, 1) => "gap",
                        (Outcome::Gap, _) => "gaps",
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

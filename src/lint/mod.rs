//! `fairrec check-rules`: lints a rule pack or an overlay that loads, for what loading does not
//! refuse but a reader of its reports would miss: a rule with no principle, paraphrase,
//! remedy or documentation section, a convention cited without its article, two rules of one
//! name, documented examples that are not valid documents or do not behave as documented, a
//! rule without a fixture that makes it fire or one it passes, a parameter no rule reads.
//! (Duplicate ids are refused by the loader itself.)
//!
//! Each finding is a located [`SourceError`] with a `fairrec::lint::*` code. A pack may accept
//! findings on purpose, each with the reason, in a file named [`ALLOW_FILE`] beside its rule
//! files. One entry a line, `#` comments allowed:
//!
//! ```text
//! # LINT  RULE-ID (or parameter)  "why it is accepted"
//! unpinned-citation FR-GP6-007 "the rule asks the agreement to protect wages as a whole"
//! ```
//!
//! The reason is required: an allowlist is where a reviewer reads why a finding stands. An
//! entry that allows nothing, or that cannot be read, is a finding itself, so the list cannot
//! go stale in silence.

mod examples;
mod rules;

use jiff::civil::Date;

use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, SourceFile, Span};
use crate::dsl::ast::FileAst;
use crate::finding::Outcome;
use crate::pack::RulePack;

/// The allowlist's file name, in the pack's or overlay's folder.
pub const ALLOW_FILE: &str = "check-rules.allow";

/// What the lints look at.
#[derive(Debug)]
pub struct LintInput<'a> {
    /// The loaded pack, overlays applied.
    pub pack: &'a RulePack,
    /// The rule files under lint: the pack's, or the overlay's alone.
    pub files: &'a [SourceFile],
    /// What the fixtures found expect: rule id and outcome, one entry per `# expect:` line.
    pub fixtures: &'a [(String, Outcome)],
    /// The date documented examples are checked as of.
    pub as_of: Date,
    /// The pack's allowlist, when it has one.
    pub allow: Option<&'a SourceFile>,
}

/// A finding and the rule or parameter it is about (what an allowlist entry names).
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    /// A rule id or parameter name.
    pub target: String,
    /// The located message.
    pub error: SourceError,
}

impl Finding {
    fn new(target: &str, code: ErrorCode, file: &SourceFile, span: Span, message: String) -> Self {
        Self {
            target: target.to_string(),
            error: SourceError::new(code, file, span, message),
        }
    }
}

/// What the lints found.
#[derive(Debug)]
pub struct LintReport {
    /// The findings the allowlist does not allow, in file order.
    pub findings: Vec<SourceError>,
    /// How many findings the allowlist allowed.
    pub allowed: usize,
}

/// Whether these rule files make an overlay (one of them says `overlay "..."`) rather than a
/// pack of their own.
pub fn is_overlay(files: &[SourceFile]) -> bool {
    files
        .iter()
        .any(|file| crate::dsl::parser::parse_file(file).is_ok_and(|ast| !ast.overlays.is_empty()))
}

/// Runs every lint on the rules and parameters of `input.files`.
pub fn lint(input: &LintInput) -> LintReport {
    let parsed: Vec<(&SourceFile, FileAst)> = input
        .files
        .iter()
        .filter_map(|file| {
            crate::dsl::parser::parse_file(file)
                .ok()
                .map(|ast| (file, ast))
        })
        .collect();
    let mut findings = Vec::new();
    for (file, ast) in &parsed {
        for decl in &ast.rules {
            let Some(rule) = input.pack.rule(&decl.id.text) else {
                continue;
            };
            findings.extend(rules::rule_lints(input, file, decl, rule));
            findings.extend(examples::example_lints(input, file, decl));
        }
    }
    findings.extend(rules::unused_params(input.pack, &parsed));
    let (mut errors, allowed) = match input.allow {
        Some(allow) => apply_allowlist(allow, findings),
        None => (findings.into_iter().map(|f| f.error).collect(), 0),
    };
    errors.sort_by(|a, b| {
        (a.file().name.as_ref(), a.span().start).cmp(&(b.file().name.as_ref(), b.span().start))
    });
    LintReport {
        findings: errors,
        allowed,
    }
}

/// The short name of a lint code, as allowlists write it: `unpinned-citation`.
pub fn short_name(code: ErrorCode) -> &'static str {
    code.as_str().rsplit("::").next().unwrap_or_default()
}

/// The lint codes, for allowlists.
pub(crate) const CODES: [ErrorCode; 10] = [
    ErrorCode::LintDuplicateName,
    ErrorCode::LintNoPrinciple,
    ErrorCode::LintNoSource,
    ErrorCode::LintUnpinnedCitation,
    ErrorCode::LintNoRemedy,
    ErrorCode::LintDocSection,
    ErrorCode::LintDocExample,
    ErrorCode::LintNoFailingFixture,
    ErrorCode::LintNoPassingFixture,
    ErrorCode::LintUnusedParam,
];

/// One entry.
struct Entry {
    lint: String,
    target: String,
    span: Span,
    used: bool,
}

/// The findings the allowlist does not allow, and a finding for each entry that cannot be
/// read or allows nothing; then how many findings it allowed.
fn apply_allowlist(file: &SourceFile, findings: Vec<Finding>) -> (Vec<SourceError>, usize) {
    let (mut entries, mut errors) = read_allowlist(file);
    let mut allowed = 0;
    for finding in findings {
        let lint = short_name(finding.error.code());
        match entries
            .iter_mut()
            .find(|e| e.lint == lint && e.target == finding.target)
        {
            Some(entry) => {
                entry.used = true;
                allowed += 1;
            }
            None => errors.push(finding.error),
        }
    }
    for entry in entries.iter().filter(|e| !e.used) {
        errors.push(
            SourceError::new(
                ErrorCode::LintAllowlist,
                file,
                entry.span,
                format!(
                    "`{} {}` allows nothing: there is no such finding",
                    entry.lint, entry.target
                ),
            )
            .with_help("remove the entry"),
        );
    }
    (errors, allowed)
}

fn read_allowlist(file: &SourceFile) -> (Vec<Entry>, Vec<SourceError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let span = Span::new(start + (line.len() - line.trim_start().len()), text.len());
        let error =
            |message: String| SourceError::new(ErrorCode::LintAllowlist, file, span, message);
        let mut words = text.splitn(3, char::is_whitespace);
        let (lint, target) = (
            words.next().unwrap_or_default(),
            words.next().unwrap_or_default(),
        );
        let reason = words.next().unwrap_or_default().trim();
        let known = CODES.iter().map(|code| short_name(*code));
        if !known.clone().any(|name| name == lint) {
            errors.push(
                error(format!("`{lint}` is not a lint of `fairrec check-rules`"))
                    .suggest(did_you_mean(lint, known)),
            );
        } else if target.is_empty()
            || reason.len() < 3
            || !reason.starts_with('"')
            || !reason.ends_with('"')
            || reason[1..reason.len() - 1].trim().is_empty()
        {
            errors.push(
                error("an allowlist entry names a lint, a rule (or parameter) and the reason in quotes".into())
                    .with_help("write `LINT RULE-ID \"why the finding is accepted\"`"),
            );
        } else {
            entries.push(Entry {
                lint: lint.to_string(),
                target: target.to_string(),
                span,
                used: false,
            });
        }
    }
    (entries, errors)
}

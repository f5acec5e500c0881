//! Human output: each finding as a miette diagnostic underlining the YAML value, with the
//! rule id, principle, message and remedy. It renders from the checked result rather than
//! the report model because it draws the source text, which the model does not keep; the
//! summary at the end comes from the model (`human_summary`).

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, Report,
    Severity as MietteSeverity,
};
use std::fmt::Write as _;

use super::human_summary::verdict_words;
use crate::batch::DocumentResult;
use crate::diagnostic::{escape, escape_lines, SourceError};
use crate::eval::ABSENT_DOCUMENT;
use crate::finding::{Finding, Outcome, Related};
use crate::pack::ir::Rule;
use crate::pack::RulePack;

/// Beyond this column no underline is drawn (the renderer cannot pad that far); the
/// finding names its file, line and column instead.
const MAX_SNIPPET_COLUMN: usize = 2_000;

/// Errors shown per document; JSON output lists them all.
const MAX_ERRORS_SHOWN: usize = 50;

/// Renders results for a terminal or a plain log.
pub struct HumanReport<'a> {
    pack: &'a RulePack,
    handler: GraphicalReportHandler,
    show_passes: bool,
}

impl<'a> HumanReport<'a> {
    /// `color` picks coloured output (off for files, pipes and `NO_COLOR`).
    pub fn new(pack: &'a RulePack, color: bool, show_passes: bool) -> Self {
        Self {
            pack,
            handler: handler(color),
            show_passes,
        }
    }

    /// Lays diagnostics out for `width` columns instead of 80 (a terminal's width).
    pub fn with_width(mut self, width: usize) -> Self {
        self.handler = self.handler.with_width(width);
        self
    }

    /// Renders any diagnostic the same way.
    pub fn diagnostic(&self, diagnostic: &dyn miette::Diagnostic) -> String {
        let mut out = String::new();
        // Rendering into a String cannot fail.
        let _ = self.handler.render_report(&mut out, diagnostic);
        out
    }
}

/// Renders one rule-file or document error for a terminal or a log.
pub fn render_diagnostic(error: &SourceError, color: bool) -> String {
    render_with(&handler(color), error)
}

/// An input error, with its snippet unless the place is too far right to draw.
fn render_with(handler: &GraphicalReportHandler, error: &SourceError) -> String {
    let mut out = String::new();
    let (line, column) = error.line_column();
    // An error about a whole file (it could not be read) has no text to show.
    if error.file().text.is_empty() {
        let mut diagnostic =
            MietteDiagnostic::new(error.message().to_string()).with_code(error.code().as_str());
        if let Some(help) = error.help() {
            diagnostic = diagnostic.with_help(help);
        }
        let _ = handler.render_report(&mut out, &diagnostic);
        return out;
    }
    if column <= MAX_SNIPPET_COLUMN {
        let _ = handler.render_report(&mut out, error);
        return out;
    }
    let mut diagnostic = MietteDiagnostic::new(format!(
        "{} (at {}:{line}:{column})",
        error.message(),
        escape(&error.file().name)
    ))
    .with_code(error.code().as_str());
    if let Some(help) = error.help() {
        diagnostic = diagnostic.with_help(help);
    }
    let _ = handler.render_report(&mut out, &diagnostic);
    out
}

fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme).with_width(80)
}

impl<'a> HumanReport<'a> {
    /// One document: a heading, its errors or its findings.
    pub fn document(&self, result: &DocumentResult) -> String {
        let mut out = String::new();
        let what = match (&result.kind, &result.name) {
            (Some(kind), Some(name)) => format!("{kind} \"{name}\""),
            (Some(kind), None) => kind.clone(),
            _ => "document".to_string(),
        };
        let _ = writeln!(
            out,
            "── {} · document {} · {} · {}",
            escape(&result.file.name),
            result.index + 1,
            escape(&what),
            verdict_words(result.verdict())
        );
        for error in result.errors.iter().take(MAX_ERRORS_SHOWN) {
            out.push_str(&self.source_error(error));
        }
        if result.errors.len() > MAX_ERRORS_SHOWN {
            let _ = writeln!(
                out,
                "  … and {} more error(s) in this document (all are listed with --format json)",
                result.errors.len() - MAX_ERRORS_SHOWN
            );
        }
        let mut unassessed = Vec::new();
        for finding in &result.findings.findings {
            let rule = &self.pack.rules[finding.rule];
            if finding.outcome == Outcome::NotAssessable {
                unassessed.push((rule, finding));
            } else {
                out.push_str(&self.finding(result, rule, finding));
            }
        }
        // Missing facts are listed compactly: they ask for evidence, not for a fix.
        if !unassessed.is_empty() {
            let _ = writeln!(
                out,
                "\n  ? not assessable: the document does not give the facts these rules need"
            );
            for (rule, finding) in unassessed {
                let (line, _) = result.file.line_column(finding.span.start);
                let needs = if finding.missing.is_empty() {
                    escape(&finding.message)
                } else {
                    let needs: Vec<String> = finding
                        .missing
                        .iter()
                        .map(|m| match m.strip_prefix(ABSENT_DOCUMENT) {
                            Some(document) => format!("{document}, checked in the same run"),
                            None => m.clone(),
                        })
                        .collect();
                    format!("needs {}", escape(&needs.join(", ")))
                };
                let _ = writeln!(
                    out,
                    "    {} ({}) {needs} (line {line})",
                    rule.id,
                    citation(rule)
                );
            }
        }
        for figure in &result.findings.figures {
            out.push_str(&figure_lines(self.pack, figure));
        }
        if self.show_passes {
            for index in &result.findings.passed {
                let rule = &self.pack.rules[*index];
                let _ = writeln!(out, "  ✓ pass {} {}", rule.id, escape(&rule.title));
            }
        }
        if result.errors.is_empty() {
            let _ = writeln!(
                out,
                "   {} violation(s), {} gap(s), {} not assessable, {} rule(s) passed\n",
                result.count(Outcome::Violation),
                result.count(Outcome::Gap),
                result.count(Outcome::NotAssessable),
                result.findings.passed.len()
            );
        }
        out
    }

    fn finding(&self, result: &DocumentResult, rule: &Rule, finding: &Finding) -> String {
        let (severity, label) = match finding.outcome {
            Outcome::Violation => (
                MietteSeverity::Error,
                format!("{} violation: {}", rule.severity.as_str(), citation(rule)),
            ),
            Outcome::Gap => (
                MietteSeverity::Warning,
                format!("{} gap: {}", rule.severity.as_str(), citation(rule)),
            ),
            Outcome::Review => (
                MietteSeverity::Warning,
                format!(
                    "{} — needs review: {}",
                    rule.severity.as_str(),
                    citation(rule)
                ),
            ),
            _ => (
                MietteSeverity::Advice,
                format!("not assessable: {}", citation(rule)),
            ),
        };
        let mut help = String::new();
        if let Some(basis) = &finding.review {
            let _ = writeln!(
                help,
                "Needs a person's review: {basis}. Check that the exception was lawfully authorised and applies to these workers."
            );
        }
        if let Some(actor) = &finding.actor {
            let _ = writeln!(help, "{}", actor_line(result, actor));
        }
        help.push_str(&rule.remedy);
        for principle in &rule.principles {
            if let Some(p) = self.pack.principles.get(principle) {
                let _ = write!(help, "\nGeneral principle {principle}: {}", p.title);
            }
        }
        for guideline in &rule.guidelines {
            if let Some(g) = self.pack.guidelines.get(guideline) {
                let _ = write!(help, "\n{guideline} ({}): {}", g.actor, g.title);
            }
        }
        for cite in &rule.instruments {
            let _ = write!(help, "\n{}: {}", cite.id, self.pack.cite_text(cite));
        }
        for merged in &finding.merged {
            let other = &self.pack.rules[*merged];
            let _ = write!(
                help,
                "\nAlso breaches {} ({}): {}; reported once, here",
                other.id,
                citation(other),
                other.title
            );
        }
        for exception in &finding.exceptions {
            let why = if exception.needs.is_empty() {
                "the document shows it does not apply".to_string()
            } else {
                format!(
                    "not shown; the document would need {}",
                    exception.needs.join(", ")
                )
            };
            let _ = write!(help, "\nNot excused: {} ({why})", exception.label);
        }
        let diagnostic = MietteDiagnostic::new(escape(&finding.message))
            .with_code(rule.id.clone())
            .with_severity(severity)
            .with_help(escape_lines(&help));
        let (line, column) = result.file.line_column(finding.span.start);
        let report = if column > MAX_SNIPPET_COLUMN {
            // Too far right to draw an underline: name the place instead.
            let message = format!(
                "{} (at {}:{line}:{column})",
                diagnostic.message,
                escape(&result.file.name)
            );
            Report::new(MietteDiagnostic {
                message,
                ..diagnostic
            })
        } else {
            let diagnostic =
                diagnostic.with_label(LabeledSpan::new_with_span(Some(label), finding.span));
            Report::new(diagnostic).with_source_code(result.file.source())
        };
        let mut out = String::new();
        let _ = self.handler.render_report(&mut out, report.as_ref());
        if let Some(related) = &finding.related {
            out.push_str(&self.related(rule, related));
        }
        out
    }

    /// The `also at` place of a finding, drawn in its own file.
    fn related(&self, rule: &Rule, related: &Related) -> String {
        let (line, column) = related.file.line_column(related.span.start);
        let message = format!(
            "{} also concerns {}:{line}:{column} ({})",
            rule.id,
            escape(&related.file.name),
            escape(&related.path)
        );
        let mut diagnostic = MietteDiagnostic::new(message).with_severity(MietteSeverity::Advice);
        let report = if column > MAX_SNIPPET_COLUMN {
            Report::new(diagnostic)
        } else {
            diagnostic = diagnostic.with_label(LabeledSpan::new_with_span(
                Some("the clause this finding breaches".to_string()),
                related.span,
            ));
            Report::new(diagnostic).with_source_code(related.file.source())
        };
        let mut out = String::new();
        let _ = self.handler.render_report(&mut out, report.as_ref());
        out
    }

    fn source_error(&self, error: &SourceError) -> String {
        render_with(&self.handler, error)
    }
}

/// Who is responsible, and the document's subject's part in it.
fn actor_line(result: &DocumentResult, actor: &crate::finding::Actor) -> String {
    use crate::finding::Relation;
    let subject = match (&result.kind, &result.name) {
        (Some(kind), Some(name)) => format!("the {kind} `{name}`"),
        _ => "the document's subject".to_string(),
    };
    let name = escape(&actor.name);
    match actor.relation {
        Relation::Caused if actor.name == subject => {
            format!("Responsible: {name}, which caused it.")
        }
        relation => format!(
            "Responsible: {name}; {} {} it.",
            escape(&subject),
            relation.words()
        ),
    }
}

/// A figure as people read it: `n`, mean, median and 80th percentile, overall and by group.
pub fn figure_lines(pack: &RulePack, result: &crate::finding::FigureResult) -> String {
    let Some(figure) = pack.figures.get(result.figure) else {
        return String::new();
    };
    let unit = result
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" {u}"));
    let stats = |s: &crate::finding::Statistics| {
        format!(
            "n={}, mean {}{unit}, median {}{unit}, 80th percentile {}{unit}",
            s.n,
            s.mean.round_dp(2).normalize(),
            s.median.round_dp(2).normalize(),
            s.p80.round_dp(2).normalize()
        )
    };
    let mut out = format!("\n  ◆ {} {}\n", figure.id, escape(&figure.title));
    match &result.overall {
        Some(overall) => {
            let _ = writeln!(out, "    all workers: {}", stats(overall));
        }
        None => {
            let _ = writeln!(out, "    no item has the facts this figure needs");
        }
    }
    for (group, s) in &result.by_group {
        let _ = writeln!(out, "    {}: {}", escape(group), stats(s));
    }
    if result.excluded > 0 {
        let _ = writeln!(
            out,
            "    {} of {} left out: a fact or an exchange rate they need is not given",
            result.excluded, result.items
        );
    }
    out
}

/// The principles and instruments a rule cites, in short form.
fn citation(rule: &Rule) -> String {
    rule.principles
        .iter()
        .map(|p| format!("GP{p}"))
        .chain(rule.instruments.iter().map(|c| c.id.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

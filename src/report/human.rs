//! Human output: each finding as a miette diagnostic underlining the YAML value, with the
//! rule id, principle, message and remedy. It renders from the checked result rather than
//! the report model because it draws the source text, which the model does not keep; the
//! summary at the end comes from the model (`human_summary`).

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, Report,
    Severity as MietteSeverity,
};
use std::fmt::Write as _;

use super::human_audit::{change_prefix, counts_extra, id_line, resolved_lines, waiver_line};
use super::human_summary::verdict_words;
use super::text::outcome_words;
use crate::batch::DocumentResult;
use crate::diagnostic::{escape, escape_lines, SourceError};
use crate::eval::ABSENT_DOCUMENT;
use crate::explain::render::render as render_trace;
use crate::explain::Trace;
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
    width: usize,
}

impl<'a> HumanReport<'a> {
    /// `color` picks coloured output (off for files, pipes and `NO_COLOR`).
    pub fn new(pack: &'a RulePack, color: bool, show_passes: bool) -> Self {
        Self {
            pack,
            handler: handler(color),
            show_passes,
            width: 80,
        }
    }

    /// Lays diagnostics out for `width` columns instead of 80 (a terminal's width).
    pub fn with_width(mut self, width: usize) -> Self {
        self.handler = self.handler.with_width(width);
        self.width = width;
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
        self.document_traced(result, &[])
    }

    /// One document, each finding followed by its trace (`--explain`): `traces` holds one
    /// entry per finding, in order.
    pub fn document_traced(&self, result: &DocumentResult, traces: &[Option<Trace>]) -> String {
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
        out.push_str(&id_line(result));
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
        for (i, finding) in result.findings.findings.iter().enumerate() {
            let rule = &self.pack.rules[finding.rule];
            let trace = traces.get(i).and_then(Option::as_ref);
            if finding.outcome == Outcome::NotAssessable {
                unassessed.push((rule, finding, trace));
            } else {
                out.push_str(&self.finding(result, rule, finding));
                if let Some(trace) = trace {
                    let _ = writeln!(out, "  Why {} concluded this:", rule.id);
                    out.push_str(&render_trace(trace, "    "));
                    out.push('\n');
                }
            }
        }
        // Missing facts are listed compactly: they ask for evidence, not for a fix.
        if !unassessed.is_empty() {
            let _ = writeln!(
                out,
                "\n  ? not assessable: the document does not give the facts these rules need"
            );
            for (rule, finding, trace) in unassessed {
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
                let new = if finding.change == Some(crate::finding::Change::New) {
                    " (new)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "    {} ({}) {needs} (line {line}){new}",
                    rule.id,
                    citation(rule)
                );
                if let Some(trace) = trace {
                    out.push_str(&render_trace(trace, "        "));
                }
            }
        }
        out.push_str(&resolved_lines(self.pack, result, self.width));
        for figure in &result.findings.figures {
            out.push_str(&super::text::figure_lines(self.pack, figure));
        }
        if self.show_passes {
            for index in &result.findings.passed {
                let rule = &self.pack.rules[*index];
                let _ = writeln!(out, "  ✓ pass {} {}", rule.id, escape(&rule.title));
            }
        }
        let (waived, since) = counts_extra(result);
        if result.errors.is_empty() {
            let _ = writeln!(
                out,
                "   {} violation(s), {} gap(s), {} not assessable, {waived}{} rule(s) passed",
                result.count(Outcome::Violation),
                result.count(Outcome::Gap),
                result.count(Outcome::NotAssessable),
                result.findings.passed.len()
            );
        }
        out.push_str(&since);
        if result.errors.is_empty() {
            out.push('\n');
        }
        out
    }

    /// The run's own errors (a waiver file or baseline that could not be used), shown before
    /// the documents.
    pub fn run_errors(&self, errors: &[SourceError]) -> String {
        if errors.is_empty() {
            return String::new();
        }
        let mut out = String::from(
            "── run · files that could not be used (nothing in them was applied) · ERROR\n",
        );
        for error in errors {
            out.push_str(&self.source_error(error));
        }
        out.push('\n');
        out
    }

    fn finding(&self, result: &DocumentResult, rule: &Rule, finding: &Finding) -> String {
        let (severity, label) = match finding.outcome {
            Outcome::Waived => (
                MietteSeverity::Advice,
                format!(
                    "waived {} {}: {}",
                    rule.severity.as_str(),
                    finding
                        .waiver
                        .as_ref()
                        .map_or("finding", |w| outcome_words(w.outcome)),
                    citation(rule)
                ),
            ),
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
        let label = format!("{}{label}", change_prefix(finding));
        let mut help = String::new();
        if let Some(waiver) = &finding.waiver {
            let _ = writeln!(help, "{}", waiver_line(waiver));
        }
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

/// The principles and instruments a rule cites, in short form.
fn citation(rule: &Rule) -> String {
    rule.principles
        .iter()
        .map(|p| format!("GP{p}"))
        .chain(rule.instruments.iter().map(|c| c.id.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

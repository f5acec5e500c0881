//! Markdown output: a dated audit report for one agency or a batch, fit to attach to a
//! letter. A header with the date of the check (the `--as-of` date, never the clock), the
//! version, rule pack and overlays; the summary; then each document with its verdict and
//! its findings grouped by principle, each with its line, the actor, the remedy and the
//! legal basis; the parameters; the inputs with their SHA-256. Every text that comes from a
//! document or a rule file is escaped, so it reads as text and never as Markdown or HTML.

use std::fmt::Write as _;

use super::markdown_summary::{inputs_section, pack_section, summary_section};
use super::model::{DocumentReport, FindingReport, Report, RunHeader};
use super::sections::{principle_groups, principle_title, PrincipleGroups};
use super::text::{basis_lines, citation, figure_stats, outcome_words};
use crate::diagnostic::escape;
use crate::finding::{Outcome, Relation, Verdict};

/// The whole report as Markdown.
pub fn render(report: &Report) -> String {
    let header = &report.header;
    let mut out = String::from("# Fair recruitment audit report\n\n");
    let _ = writeln!(
        out,
        "- **Date of the check (as of):** {}",
        md(header.as_of.as_deref().unwrap_or("not known"))
    );
    let _ = writeln!(out, "- **fairrec version:** {}", header.tool_version);
    let _ = writeln!(
        out,
        "- **Rule pack:** {}",
        header
            .rules_hash
            .as_deref()
            .map_or("not loaded".to_string(), |h| format!("`{h}`"))
    );
    if header.overlays.is_empty() {
        let _ = writeln!(out, "- **Overlays:** none");
    }
    for overlay in &header.overlays {
        let _ = writeln!(
            out,
            "- **Overlay:** {} (jurisdiction: {}), from {}, hash `{}`",
            md(&overlay.name),
            md(&overlay.jurisdiction),
            md(&overlay.dir),
            overlay.hash
        );
    }
    let _ = writeln!(out, "\n> {}\n", md(header.notice));
    summary_section(&mut out, header, &report.summary);
    super::markdown_audit::summary_section(&mut out, header, &report.summary);
    if !report.errors.is_empty() {
        // A run that checked documents stopped for nothing: its errors are files it could
        // not use (a waiver file, an earlier audit).
        out.push_str(if report.documents.is_empty() {
            "## Why the check stopped\n\n"
        } else {
            "## Files that could not be used\n\nNothing in them was applied: no waiver, no comparison.\n\n"
        });
        for error in &report.errors {
            let _ = writeln!(out, "- {}", error_text(error));
        }
        out.push('\n');
    }
    if !report.documents.is_empty() {
        out.push_str("## Documents\n\n");
    }
    for (number, document) in report.documents.iter().enumerate() {
        document_section(&mut out, header, number + 1, document);
    }
    pack_section(&mut out, header);
    inputs_section(&mut out, &report.inputs);
    out
}

fn document_section(
    out: &mut String,
    header: &RunHeader,
    number: usize,
    document: &DocumentReport,
) {
    let _ = writeln!(
        out,
        "### {number}. {} — {}\n",
        md(&document.what()),
        verdict_words(document.verdict)
    );
    let _ = writeln!(
        out,
        "File {}, document {}. {} violation(s), {} gap(s), {} not assessable, {} for review, {} rule(s) passed.\n",
        md(&document.path),
        document.index + 1,
        document.count(Outcome::Violation),
        document.count(Outcome::Gap),
        document.count(Outcome::NotAssessable),
        document.count(Outcome::Review),
        document.passed.len()
    );
    super::markdown_audit::document_lines(out, document);
    for error in &document.errors {
        let _ = writeln!(out, "- **Error:** {}", error_text(error));
    }
    if !document.errors.is_empty() {
        out.push('\n');
    }
    // Findings under the principles they cite (their rule's and those of the rules merged
    // into them), in principle then rule order; each finding appears once.
    let PrincipleGroups { groups, unassessed } = principle_groups(header, document);
    for (principles, findings) in groups {
        let titles: Vec<String> = principles
            .iter()
            .map(|number| format!("GP{number} ({})", md(principle_title(header, *number))))
            .collect();
        let title = if titles.is_empty() {
            "No general principle cited".to_string()
        } else {
            titles.join(" and ")
        };
        let _ = writeln!(out, "#### {title}\n");
        for finding in findings {
            finding_entry(out, header, document, finding);
        }
    }
    super::markdown_audit::resolved_section(out, document);
    if !unassessed.is_empty() {
        out.push_str("#### Not assessable: facts the document does not give\n\n");
        for finding in unassessed {
            let Some(rule) = header.rules.get(finding.rule) else {
                continue;
            };
            let needs = if finding.missing.is_empty() {
                md(&finding.message)
            } else {
                format!("needs {}", md(&finding.missing.join(", ")))
            };
            let _ = writeln!(
                out,
                "- **{}** ({}) {needs} (line {})",
                rule.id,
                md(&citation(rule)),
                finding.location.line
            );
        }
        out.push('\n');
    }
    for figure in &document.figures {
        let Some(info) = header.figures.get(figure.figure) else {
            continue;
        };
        let _ = writeln!(out, "#### {} {}\n", info.id, md(&info.title));
        match &figure.overall {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "- all workers: {}",
                    figure_stats(s, figure.unit.as_deref())
                );
            }
            None => out.push_str("- no item has the facts this figure needs\n"),
        }
        for (group, s) in &figure.by_group {
            let _ = writeln!(
                out,
                "- {}: {}",
                md(group),
                figure_stats(s, figure.unit.as_deref())
            );
        }
        if figure.excluded > 0 {
            let _ = writeln!(
                out,
                "- {} of {} left out: a fact or an exchange rate they need is not given",
                figure.excluded, figure.items
            );
        }
        out.push('\n');
    }
}

fn finding_entry(
    out: &mut String,
    header: &RunHeader,
    document: &DocumentReport,
    finding: &FindingReport,
) {
    let Some(rule) = header.rules.get(finding.rule) else {
        return;
    };
    let place = if finding.location.path.is_empty() {
        format!("line {}", finding.location.line)
    } else {
        format!(
            "line {}, {}",
            finding.location.line,
            md(&finding.location.path)
        )
    };
    let _ = writeln!(
        out,
        "- **{}** {} ({}{} {}; {place})  ",
        rule.id,
        md(&rule.title),
        super::markdown_audit::change_word(finding),
        rule.severity.as_str(),
        outcome_words(finding.outcome)
    );
    let _ = writeln!(out, "  {}  ", md(&finding.message));
    super::markdown_audit::waiver_line(out, finding);
    if let Some(review) = &finding.review {
        let _ = writeln!(out, "  Needs a person's review: {}.  ", md(review));
    }
    if let Some(actor) = &finding.actor {
        let subject = match (&document.kind, &document.name) {
            (Some(kind), Some(name)) => format!("the {kind} `{name}`"),
            _ => "the document's subject".to_string(),
        };
        if actor.relation == Relation::Caused && actor.name == subject {
            let _ = writeln!(
                out,
                "  Responsible: {}, which caused it.  ",
                md(&actor.name)
            );
        } else {
            let _ = writeln!(
                out,
                "  Responsible: {}; {} {} it.  ",
                md(&actor.name),
                md(&subject),
                actor.relation.words()
            );
        }
    }
    if let Some(related) = &finding.related {
        let _ = writeln!(
            out,
            "  Also at: {}, line {} ({}).  ",
            md(&related.file),
            related.line,
            md(&related.path)
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
        let _ = writeln!(
            out,
            "  Not excused: {} ({}).  ",
            md(&exception.label),
            md(&why)
        );
    }
    for other in finding
        .also_breaches
        .iter()
        .filter_map(|i| header.rules.get(*i))
    {
        let _ = writeln!(
            out,
            "  Also breaches {} ({}): {}.  ",
            other.id,
            md(&citation(other)),
            md(&other.title)
        );
    }
    let _ = writeln!(out, "  Remedy: {}  ", md(&rule.remedy));
    let _ = writeln!(
        out,
        "  Legal basis: {}\n",
        md(&basis_lines(header, rule).join("; "))
    );
}

pub(super) fn error_text(error: &super::model::ErrorEntry) -> String {
    let place = match (&error.file, error.position) {
        (Some(file), Some((line, column))) => {
            format!("{}, line {line}, column {column}: ", md(file))
        }
        (Some(file), None) => format!("{}: ", md(file)),
        _ => String::new(),
    };
    let help = error
        .help
        .as_deref()
        .map_or(String::new(), |h| format!(" ({})", md(h)));
    format!(
        "{place}{}{help} [{}]",
        md(&error.message),
        error.code.as_str()
    )
}

pub(super) fn verdict_words(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::NonCompliant => "non-compliant",
        Verdict::Gaps => "gaps",
        Verdict::Incomplete => "incomplete",
        Verdict::CompliantWithWaivers => "compliant with waivers",
        Verdict::Compliant => "compliant",
        Verdict::Error => "error (not checked)",
    }
}

/// Text from a document or a rule file, safe in running text and in table cells: line
/// breaks become spaces, control characters are shown escaped, every character that
/// Markdown or HTML acts on inside a line is backslash-escaped, and so is a first
/// character that would start a list, a quote or a heading.
pub fn md(text: &str) -> String {
    let flat = escape(&text.replace(['\r', '\n'], " "));
    let mut out = String::with_capacity(flat.len());
    for (position, c) in flat.chars().enumerate() {
        let special = matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '#'
                | '&'
                | '!'
                | '~'
                | '$'
        );
        if special || (position == 0 && matches!(c, '-' | '+' | '=')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn document_text_cannot_become_markup() {
        assert_eq!(md("a | b"), "a \\| b");
        assert_eq!(md("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(md("`code` *b* [l](u)"), "\\`code\\` \\*b\\* \\[l\\](u)");
        assert_eq!(md("- not a list - item"), "\\- not a list - item");
        assert_eq!(md("line\n# heading"), "line \\# heading");
        assert_eq!(md("&lt;"), "\\&lt;");
    }
}

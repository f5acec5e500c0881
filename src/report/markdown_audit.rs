//! What audits add to the Markdown report: each document's stable id and what changed
//! since the earlier audit, a waived finding's waiver, the findings resolved since, and in
//! the summary the documents missing from the run, the waivers with what became of them,
//! the comparison over the run and the stable ids several documents share.

use std::fmt::Write as _;

use super::markdown::md;
use super::markup::Markdown;
use super::model::{DocumentReport, FindingReport, RunHeader};
use super::sections::{comparison_counts, missing_document, shared_ids_section, unmatched_section};
use super::summary::Summary;
use super::text::outcome_words;
use crate::finding::{Change, ComparedAs, Outcome};

/// `Id …. 3 waived. Since the earlier audit: …` after a document's counts.
pub(super) fn document_lines(out: &mut String, document: &DocumentReport) {
    let mut parts = Vec::new();
    if let Some(id) = &document.id {
        parts.push(format!("Stable id: {}.", md(id)));
    }
    let waived = document.count(Outcome::Waived);
    if waived > 0 {
        parts.push(format!("{waived} finding(s) waived."));
    }
    if let Some(c) = comparison_counts(document) {
        parts.push(match c.status {
            ComparedAs::Compared => format!(
                "Since the earlier audit: {} new, {} resolved, {} unchanged.",
                c.new, c.resolved, c.unchanged
            ),
            ComparedAs::NewDocument => {
                "Not in the earlier audit: every finding is new.".to_string()
            }
            ComparedAs::NotCompared => {
                "Not compared with the earlier audit: the document could not be checked."
                    .to_string()
            }
        });
    }
    if !parts.is_empty() {
        let _ = write!(out, "{}\n\n", parts.join(" "));
    }
}

/// `new, ` or `` before a finding's outcome.
pub(super) fn change_word(finding: &FindingReport) -> &'static str {
    match finding.change {
        Some(Change::New) => "new, ",
        _ => "",
    }
}

/// The waiver line of a waived finding.
pub(super) fn waiver_line(out: &mut String, finding: &FindingReport) {
    if let Some(w) = &finding.waiver {
        let _ = writeln!(
            out,
            "  Waived ({}) until {}, approved by {} on {}: {}.  ",
            outcome_words(w.outcome),
            w.expires,
            md(&w.approved_by),
            w.approved_on,
            md(&w.reason)
        );
    }
}

/// The findings of the earlier audit no longer found.
pub(super) fn resolved_section(out: &mut String, document: &DocumentReport) {
    let Some(comparison) = &document.comparison else {
        return;
    };
    if comparison.resolved.is_empty() {
        return;
    }
    out.push_str("#### Resolved since the earlier audit\n\n");
    for f in &comparison.resolved {
        let _ = writeln!(
            out,
            "- **{}** ({}, was at {}, line {}): {}",
            md(&f.rule),
            outcome_words(f.outcome),
            md(&f.path),
            f.line,
            md(&f.message)
        );
    }
    out.push('\n');
}

/// The audit's part of the summary.
pub(super) fn summary_section(out: &mut String, header: &RunHeader, summary: &Summary) {
    unmatched_section(out, &Markdown, header, summary);
    let audit = &summary.audit;
    if let Some(file) = &audit.waiver_file {
        let _ = writeln!(out, "### Waivers ({})\n", md(file));
        out.push_str("| # | Line | Rule | Document | Item | Status | Findings | Approved by | Approved on | Expires | Reason |\n|--:|--:|---|---|---|---|--:|---|---|---|---|\n");
        for w in &audit.waivers {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                w.index + 1,
                w.line,
                md(&w.rule),
                md(&w.document),
                md(w.item.as_deref().unwrap_or("-")),
                status_words(w),
                w.findings,
                md(&w.approved_by),
                w.approved_on,
                w.expires,
                md(&w.reason)
            );
        }
        out.push('\n');
    }
    if let Some(b) = &audit.baseline {
        let _ = writeln!(
            out,
            "### Since the earlier audit\n\nCompared with {} (as of {}): {} new, {} resolved and {} unchanged finding(s); {} new violation(s) and {} new gap(s). Documents: {} compared, {} not in the earlier audit, {} not compared, {} of the earlier audit not in this run.\n",
            md(&b.file),
            md(b.as_of.as_deref().unwrap_or("not known")),
            b.new.total(),
            b.resolved.total(),
            b.unchanged.total(),
            b.new.violations,
            b.new.gaps,
            b.documents_compared,
            b.documents_new,
            b.documents_not_compared,
            b.documents_missing.len()
        );
        for d in &b.documents_missing {
            let _ = writeln!(out, "- {}", missing_document(&Markdown, d));
        }
        if !b.same_rules {
            out.push_str("- The rule pack differs from the earlier audit's: some changes may come from the rules, not the documents.\n");
        }
        if !b.documents_missing.is_empty() || !b.same_rules {
            out.push('\n');
        }
    }
    shared_ids_section(out, &Markdown, audit);
}

/// A waiver's status in words; an unused one names the rule that reports the fact now.
fn status_words(w: &crate::audit::waivers::WaiverUse) -> String {
    let status = w.status.as_str().replace('_', " ");
    match &w.reported_as {
        Some(rule) => format!("{status} (reported as {} here)", md(rule)),
        None => status,
    }
}

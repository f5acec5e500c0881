//! What audits add to human output: each document's stable id under its heading, a waived
//! finding's label and waiver, the findings resolved since the earlier audit, and at the
//! end the documents missing from the run, what became of each waiver, the comparison over
//! the run and the stable ids several documents share.

use std::fmt::Write as _;

use super::model::RunHeader;
use super::summary::Summary;
use super::text::outcome_words;
use crate::audit::waivers::WaiverStatus;
use crate::batch::DocumentResult;
use crate::diagnostic::escape;
use crate::finding::{Change, ComparedAs, Finding, Outcome, WaiverNote};
use crate::pack::RulePack;

/// `   id agency:himalaya-…`, under a document's heading.
pub(super) fn id_line(result: &DocumentResult) -> String {
    match &result.id {
        Some(id) => format!("   id {}\n", escape(id)),
        None => String::new(),
    }
}

/// `new: ` before the label of a finding the earlier audit did not have.
pub(super) fn change_prefix(finding: &Finding) -> &'static str {
    match finding.change {
        Some(Change::New) => "new: ",
        _ => "",
    }
}

/// The first line of a waived finding's help.
pub(super) fn waiver_line(waiver: &WaiverNote) -> String {
    format!(
        "Waived until {} (waiver {} in the waiver file), approved by {} on {}: {}",
        waiver.expires,
        waiver.index + 1,
        waiver.approved_by,
        waiver.approved_on,
        waiver.reason
    )
}

/// The closing counts' waived part and, with an earlier audit, what changed since it.
pub(super) fn counts_extra(result: &DocumentResult) -> (String, String) {
    let waived = result.count(Outcome::Waived);
    let waived = if waived > 0 {
        format!("{waived} waived, ")
    } else {
        String::new()
    };
    let Some(comparison) = &result.comparison else {
        return (waived, String::new());
    };
    let count = |change| {
        result
            .findings
            .findings
            .iter()
            .filter(|f| f.change == Some(change))
            .count()
    };
    let since = match comparison.status {
        ComparedAs::Compared => format!(
            "   since the earlier audit: {} new, {} resolved, {} unchanged\n",
            count(Change::New),
            comparison.resolved.len(),
            count(Change::Unchanged)
        ),
        ComparedAs::NewDocument => {
            "   not in the earlier audit: every finding is new\n".to_string()
        }
        ComparedAs::NotCompared => {
            "   not compared with the earlier audit: the document could not be checked\n"
                .to_string()
        }
    };
    (waived, since)
}

/// The findings of the earlier audit that are no longer found.
pub(super) fn resolved_lines(pack: &RulePack, result: &DocumentResult, width: usize) -> String {
    let Some(comparison) = &result.comparison else {
        return String::new();
    };
    if comparison.resolved.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n  ✓ resolved since the earlier audit: no longer found\n");
    for finding in &comparison.resolved {
        let title = pack
            .rules
            .iter()
            .find(|r| r.id == finding.rule)
            .map_or(String::new(), |r| format!(" {}", r.title));
        let text = format!(
            "{}{} ({}, was at {}, line {}): {}",
            finding.rule,
            title,
            outcome_words(finding.outcome),
            if finding.path.is_empty() {
                "the document"
            } else {
                &finding.path
            },
            finding.line,
            finding.message
        );
        out.push_str(&wrap(&text, "    ", "      ", width));
    }
    out
}

/// The audit's part of the closing summary, wrapped to `width` columns.
pub(super) fn summary_sections(header: &RunHeader, summary: &Summary, width: usize) -> String {
    let wrapped = |text: &str, first: &str, rest: &str| wrap(text, first, rest, width);
    let mut out = String::new();
    if !summary.unmatched.is_empty() {
        out.push_str(
            "\nNot in this run: documents other rules read, so those rules were not applied\n",
        );
        for entry in &summary.unmatched {
            let rules: Vec<&str> = entry
                .rules
                .iter()
                .filter_map(|r| header.rules.get(*r))
                .map(|r| r.id.as_str())
                .collect();
            let _ = writeln!(
                out,
                "  {}\n    {} for {} document(s); check it in the same run to apply them",
                escape(&entry.document),
                rules.join(", "),
                entry.documents
            );
        }
    }
    let audit = &summary.audit;
    if let Some(file) = &audit.waiver_file {
        let _ = writeln!(out, "\nWaivers ({})", escape(file));
        if audit.waivers.is_empty() {
            out.push_str("  the file lists no waiver\n");
        }
        for w in &audit.waivers {
            let item = w
                .item
                .as_deref()
                .map_or(String::new(), |i| format!(", item {i}"));
            let what = match w.status {
                WaiverStatus::Applied => format!(
                    "applied: {} finding(s) waived until {}",
                    w.findings, w.expires
                ),
                WaiverStatus::Unused => match &w.reported_as {
                    Some(rule) => format!(
                        "unused: here the fact is reported by {rule}, which also cites {} (one fact, one finding); a waiver must name {rule} to cover it",
                        w.rule
                    ),
                    None => "unused: it names no finding of this run (check the rule, the document id and the item)".to_string(),
                },
                WaiverStatus::Expired => format!(
                    "expired on {}: the {} finding(s) it names count again",
                    w.expires, w.findings
                ),
                WaiverStatus::NotYetApproved => format!(
                    "not yet in force: approved on {}, after the check date; the {} finding(s) it names count",
                    w.approved_on, w.findings
                ),
            };
            let head = format!(
                "{}. {} (line {}) on {}{item}",
                w.index + 1,
                w.rule,
                w.line,
                w.document
            );
            let why = format!(
                "approved by {} on {}: {}",
                w.approved_by, w.approved_on, w.reason
            );
            out.push_str(&wrapped(&head, "  ", "     "));
            out.push_str(&wrapped(&what, "     ", "     "));
            out.push_str(&wrapped(&why, "     ", "     "));
        }
    }
    if let Some(b) = &audit.baseline {
        let _ = writeln!(
            out,
            "\nSince the earlier audit ({}, as of {})",
            escape(&b.file),
            escape(b.as_of.as_deref().unwrap_or("-"))
        );
        let _ = writeln!(
            out,
            "  {} new, {} resolved, {} unchanged finding(s)",
            b.new.total(),
            b.resolved.total(),
            b.unchanged.total()
        );
        let _ = writeln!(
            out,
            "  new: {} violation(s), {} gap(s), {} not assessable, {} for review, {} waived",
            b.new.violations, b.new.gaps, b.new.not_assessable, b.new.reviews, b.new.waived
        );
        let documents = format!(
            "documents: {} compared, {} not in the earlier audit, {} not compared (errors), {} of the earlier audit not in this run",
            b.documents_compared,
            b.documents_new,
            b.documents_not_compared,
            b.documents_missing.len()
        );
        out.push_str(&wrapped(&documents, "  ", "    "));
        for d in &b.documents_missing {
            let text = format!(
                "not in this run: {} ({} #{}, {} finding(s) then)",
                d.id,
                d.path,
                d.index + 1,
                d.findings
            );
            out.push_str(&wrapped(&text, "    ", "      "));
        }
        if !b.same_rules {
            let note = "the rule pack differs from the earlier audit's: some changes may come from the rules, not the documents";
            out.push_str(&wrapped(note, "  ", "  "));
        }
    }
    if !audit.shared_ids.is_empty() {
        out.push_str(
            "\nStable ids shared by several documents (give each document its own `id`)\n",
        );
        for (id, n) in &audit.shared_ids {
            let _ = writeln!(out, "  {} ({n} documents)", escape(id));
        }
    }
    out
}

/// `text` escaped and wrapped at `width` columns at word boundaries, the first line indented
/// by `first`, the others by `rest`.
fn wrap(text: &str, first: &str, rest: &str, width: usize) -> String {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = textwrap::fill(&escape(text), options);
    out.push('\n');
    out
}

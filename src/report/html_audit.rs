//! What audits add to the HTML report: each document's stable id and what changed since the
//! earlier audit, a waived finding's waiver and a new finding's mark, the findings resolved
//! since, and in the summary the documents missing from the run, the waivers with what
//! became of them, the comparison over the run and the stable ids several documents share.
//! Every text from a document, a waiver file or an earlier report is escaped.

use std::fmt::Write as _;

use super::html::{esc, rich};
use super::markup::Html;
use super::model::{DocumentReport, FindingReport, RunHeader};
use super::sections::{comparison_counts, missing_document, shared_ids_section, unmatched_section};
use super::summary::Summary;
use super::text::outcome_words;
use crate::finding::{Change, ComparedAs, Outcome};

/// The document's stable id and, with an earlier audit, what changed since.
pub(super) fn document_meta(out: &mut String, document: &DocumentReport) {
    let mut parts = Vec::new();
    if let Some(id) = &document.id {
        parts.push(format!("Stable id <code>{}</code>", esc(id)));
    }
    let waived = document.count(Outcome::Waived);
    if waived > 0 {
        parts.push(format!("{waived} finding(s) waived"));
    }
    if let Some(c) = comparison_counts(document) {
        parts.push(match c.status {
            ComparedAs::Compared => format!(
                "since the earlier audit: {} new, {} resolved, {} unchanged",
                c.new, c.resolved, c.unchanged
            ),
            ComparedAs::NewDocument => "not in the earlier audit: every finding is new".into(),
            ComparedAs::NotCompared => "not compared with the earlier audit".into(),
        });
    }
    if !parts.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", parts.join(" · "));
    }
}

/// `new` before a finding's outcome chip, when the earlier audit did not have it.
pub(super) fn new_chip(finding: &FindingReport) -> &'static str {
    match finding.change {
        Some(Change::New) => "<span class=\"chip new\">new</span>",
        _ => "",
    }
}

/// The waiver of a waived finding, as a term and its description.
pub(super) fn waiver_fact(out: &mut String, finding: &FindingReport) {
    if let Some(w) = &finding.waiver {
        let _ = writeln!(
            out,
            "<dt>Waived</dt><dd>a {} waived until {}, approved by {} on {}: {}</dd>",
            outcome_words(w.outcome),
            esc(&w.expires),
            esc(&w.approved_by),
            esc(&w.approved_on),
            rich(&w.reason)
        );
    }
}

/// The findings of the earlier audit no longer found.
pub(super) fn resolved_list(out: &mut String, document: &DocumentReport) {
    let Some(comparison) = &document.comparison else {
        return;
    };
    if comparison.resolved.is_empty() {
        return;
    }
    out.push_str("<h4>Resolved since the earlier audit</h4>\n<ul class=\"resolved\">\n");
    for f in &comparison.resolved {
        let _ = writeln!(
            out,
            "<li><code>{}</code> ({}, was at <code>{}</code>, line {}): {}</li>",
            esc(&f.rule),
            outcome_words(f.outcome),
            esc(&f.path),
            f.line,
            rich(&f.message)
        );
    }
    out.push_str("</ul>\n");
}

/// The audit's part of the summary.
pub(super) fn summary_part(out: &mut String, header: &RunHeader, summary: &Summary) {
    unmatched_section(out, &Html, header, summary);
    let audit = &summary.audit;
    if let Some(file) = &audit.waiver_file {
        let _ = writeln!(
            out,
            "<h3>Waivers (<code>{}</code>)</h3>\n<table>\n<thead><tr><th class=\"n\">#</th>\
             <th>Rule</th><th>Document</th><th>Item</th><th>Status</th>\
             <th class=\"n\">Findings</th><th>Approved</th><th>Expires</th><th>Reason</th>\
             </tr></thead>\n<tbody>",
            esc(file)
        );
        for w in &audit.waivers {
            let _ = writeln!(
                out,
                "<tr><td class=\"n\">{}</td><td><code>{}</code></td><td><code>{}</code></td>\
                 <td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{} on {}</td><td>{}</td>\
                 <td>{}</td></tr>",
                w.index + 1,
                esc(&w.rule),
                esc(&w.document),
                w.item
                    .as_deref()
                    .map_or("-".to_string(), |i| format!("<code>{}</code>", esc(i))),
                match &w.reported_as {
                    Some(rule) => format!(
                        "{} (reported as <code>{}</code> here)",
                        w.status.as_str().replace('_', " "),
                        esc(rule)
                    ),
                    None => w.status.as_str().replace('_', " "),
                },
                w.findings,
                esc(&w.approved_by),
                esc(&w.approved_on),
                esc(&w.expires),
                esc(&w.reason)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if let Some(b) = &audit.baseline {
        let _ = writeln!(
            out,
            "<h3>Since the earlier audit</h3>\n<p>Compared with <code>{}</code> (as of {}): \
             {} new, {} resolved and {} unchanged finding(s); {} new violation(s) and {} new \
             gap(s). Documents: {} compared, {} not in the earlier audit, {} not compared, {} \
             of the earlier audit not in this run.</p>",
            esc(&b.file),
            esc(b.as_of.as_deref().unwrap_or("not known")),
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
        if !b.documents_missing.is_empty() {
            out.push_str("<ul>\n");
            for d in &b.documents_missing {
                let _ = writeln!(out, "<li>{}</li>", missing_document(&Html, d));
            }
            out.push_str("</ul>\n");
        }
        if !b.same_rules {
            out.push_str("<p>The rule pack differs from the earlier audit's: some changes may come from the rules, not the documents.</p>\n");
        }
    }
    shared_ids_section(out, &Html, audit);
}

//! What the Markdown, HTML and human reports say alike, written once: the grouping of a
//! document's findings under the principles they cite, a document's comparison with the
//! earlier audit in numbers, the pooled figures of a corridor in words, and the audit
//! sections whose structure is the same in Markdown and HTML (through [`Markup`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::markup::Markup;
use super::model::{DocumentReport, FindingReport, RunHeader};
use super::summary::{PooledFigure, Summary};
use super::text::figure_stats;
use crate::audit::compare::MissingDocument;
use crate::audit::AuditSummary;
use crate::finding::{Change, ComparedAs, Outcome};

/// A document's findings under the principles they cite (their rule's and those of the
/// rules merged into them), in principle then rule order, each finding once; and apart,
/// its not-assessable findings, which ask for facts rather than a fix.
pub(super) struct PrincipleGroups<'a> {
    /// Principle numbers and the findings citing exactly those.
    pub groups: BTreeMap<Vec<u32>, Vec<&'a FindingReport>>,
    /// Findings not assessable, in rule order.
    pub unassessed: Vec<&'a FindingReport>,
}

/// Groups a document's findings by the principles they cite.
pub(super) fn principle_groups<'a>(
    header: &RunHeader,
    document: &'a DocumentReport,
) -> PrincipleGroups<'a> {
    let mut groups: BTreeMap<Vec<u32>, Vec<&FindingReport>> = BTreeMap::new();
    let mut unassessed = Vec::new();
    for finding in &document.findings {
        if finding.outcome == Outcome::NotAssessable {
            unassessed.push(finding);
            continue;
        }
        let mut cited: Vec<u32> = std::iter::once(finding.rule)
            .chain(finding.also_breaches.iter().copied())
            .filter_map(|index| header.rules.get(index))
            .flat_map(|r| r.principles.iter().copied())
            .collect();
        cited.sort_unstable();
        cited.dedup();
        groups.entry(cited).or_default().push(finding);
    }
    PrincipleGroups { groups, unassessed }
}

/// A principle's title by number, or `""`.
pub(super) fn principle_title(header: &RunHeader, number: u32) -> &str {
    header
        .principles
        .iter()
        .find(|p| p.number == number)
        .map_or("", |p| p.title.as_str())
}

/// A document compared with the earlier audit, in numbers.
pub(super) struct ComparisonCounts {
    /// Whether, and how, it was compared.
    pub status: ComparedAs,
    /// Findings the earlier audit did not have.
    pub new: usize,
    /// Findings of the earlier audit no longer found.
    pub resolved: usize,
    /// Findings in both.
    pub unchanged: usize,
}

/// The comparison of a document with the earlier audit; `None` without one.
pub(super) fn comparison_counts(document: &DocumentReport) -> Option<ComparisonCounts> {
    let comparison = document.comparison.as_ref()?;
    let count = |change| {
        document
            .findings
            .iter()
            .filter(|f| f.change == Some(change))
            .count()
    };
    Some(ComparisonCounts {
        status: comparison.status,
        new: count(Change::New),
        resolved: comparison.resolved.len(),
        unchanged: count(Change::Unchanged),
    })
}

/// `SDG-10-7-1: n=12, mean 0.4, …; 2 left out` per pooled figure (not escaped).
pub(super) fn pooled_figure_texts(header: &RunHeader, figures: &[PooledFigure]) -> Vec<String> {
    figures
        .iter()
        .filter_map(|f| {
            let id = &header.figures.get(f.figure)?.id;
            let mut text = match &f.stats {
                Some(stats) => format!("{id}: {}", figure_stats(stats, f.unit.as_deref())),
                None => format!("{id}: no value"),
            };
            if f.excluded > 0 {
                let _ = write!(text, "; {} left out", f.excluded);
            }
            if f.shared > 0 {
                let _ = write!(text, "; {} in documents of several corridors", f.shared);
            }
            Some(text)
        })
        .collect()
}

/// The documents other rules read that are not in the run, with the rules left unapplied.
pub(super) fn unmatched_section(
    out: &mut String,
    m: &impl Markup,
    header: &RunHeader,
    summary: &Summary,
) {
    if summary.unmatched.is_empty() {
        return;
    }
    m.heading(out, 3, "Not in this run");
    m.paragraph(
        out,
        "Rules that read these documents were not applied; check them in the same run to apply them.",
    );
    let items: Vec<String> = summary
        .unmatched
        .iter()
        .map(|u| {
            let rules: Vec<String> = u
                .rules
                .iter()
                .filter_map(|r| header.rules.get(*r))
                .map(|r| m.rule_id(&r.id))
                .collect();
            format!(
                "{}: {} not applied to {} document(s)",
                m.prose(&u.document),
                rules.join(", "),
                u.documents
            )
        })
        .collect();
    m.list(out, &items);
}

/// A document of the earlier audit not in this run, as a list item.
pub(super) fn missing_document(m: &impl Markup, d: &MissingDocument) -> String {
    format!(
        "Not in this run: {} ({} #{}, {} finding(s) then)",
        m.code(&d.id),
        m.text(&d.path),
        d.index + 1,
        d.findings
    )
}

/// The stable ids that several documents share.
pub(super) fn shared_ids_section(out: &mut String, m: &impl Markup, audit: &AuditSummary) {
    if audit.shared_ids.is_empty() {
        return;
    }
    m.heading(out, 3, "Stable ids shared by several documents");
    m.paragraph(
        out,
        &format!("Give each document its own {}.", m.literal("id")),
    );
    let items: Vec<String> = audit
        .shared_ids
        .iter()
        .map(|(id, n)| format!("{} ({n} documents)", m.code(id)))
        .collect();
    m.list(out, &items);
}

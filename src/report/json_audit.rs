//! The JSON of what audits add (docs/json-format.md): each document's stable id, the rules
//! it left unapplied for want of another document, its comparison with the earlier audit;
//! each finding's waiver and change; and in the summary the documents missing from the run,
//! the waivers with what became of them, the comparison over the run and shared ids.
//! `json` places these fields among its own (keys in byte order).

use serde::Serialize;

use super::json_object::{object, Seq};
use super::model::{DocumentReport, FindingReport, RunHeader};
use super::summary::Summary;
use crate::audit::compare::BaselineSummary;
use crate::audit::AuditSummary;
use crate::finding::OutcomeCounts;

/// A rule's id by its index in the header, or `""`.
fn rule_id(header: &RunHeader, index: usize) -> &str {
    header.rules.get(index).map_or("", |r| r.id.as_str())
}

/// A document's `unmatched`: the rules not applied, with the document each one needs.
pub(super) fn unmatched<'a>(
    header: &'a RunHeader,
    document: &'a DocumentReport,
) -> impl Serialize + 'a {
    Seq(|| {
        document
            .unmatched
            .iter()
            .map(|u| object! {"document": &u.document, "rule": rule_id(header, u.rule)})
    })
}

/// A document's `comparison` with the earlier audit, or `null`.
pub(super) fn comparison(document: &DocumentReport) -> Option<impl Serialize + '_> {
    let comparison = document.comparison.as_ref()?;
    Some(object! {
        "resolved": Seq(|| comparison.resolved.iter().map(|f| object! {
            "location": object! {"line": f.line, "path": &f.path},
            "message": &f.message,
            "outcome": f.outcome,
            "rule": &f.rule,
        })),
        "status": comparison.status.as_str(),
    })
}

/// A finding's `waiver`, or `null`.
pub(super) fn waiver(finding: &FindingReport) -> Option<impl Serialize + '_> {
    let w = finding.waiver.as_ref()?;
    Some(object! {
        "approved_by": &w.approved_by,
        "approved_on": &w.approved_on,
        "expires": &w.expires,
        "index": w.index,
        "outcome": w.outcome,
        "reason": &w.reason,
    })
}

fn counts(c: &OutcomeCounts) -> impl Serialize {
    object! {
        "gaps": c.gaps, "not_assessable": c.not_assessable, "reviews": c.reviews,
        "total": c.total(), "violations": c.violations, "waived": c.waived,
    }
}

/// The summary's `unmatched`: each document missing from the run and the rules it left
/// unapplied.
pub(super) fn unmatched_summary<'a>(
    header: &'a RunHeader,
    summary: &'a Summary,
) -> impl Serialize + 'a {
    Seq(|| {
        summary.unmatched.iter().map(|u| {
            object! {
                "document": &u.document,
                "documents": u.documents,
                "rules": Seq(|| u.rules.iter().map(|r| rule_id(header, *r))),
            }
        })
    })
}

/// The summary's `waivers`, with what became of each.
pub(super) fn waivers(audit: &AuditSummary) -> impl Serialize + '_ {
    Seq(|| {
        audit.waivers.iter().map(|w| {
            object! {
                "approved_by": &w.approved_by, "approved_on": &w.approved_on,
                "document": &w.document, "expires": &w.expires, "findings": w.findings,
                "index": w.index, "item": &w.item, "line": w.line, "reason": &w.reason,
                "reported_as": &w.reported_as, "rule": &w.rule, "status": w.status.as_str(),
            }
        })
    })
}

/// The summary's `baseline`: the comparison over the run.
pub(super) fn baseline(b: &BaselineSummary) -> impl Serialize + '_ {
    object! {
        "as_of": &b.as_of,
        "documents_compared": b.documents_compared,
        "documents_missing": Seq(|| b.documents_missing.iter().map(|d| object! {
            "findings": d.findings, "id": &d.id, "index": d.index, "kind": &d.kind,
            "name": &d.name, "path": &d.path,
        })),
        "documents_new": b.documents_new,
        "documents_not_compared": b.documents_not_compared,
        "file": &b.file,
        "new": counts(&b.new),
        "resolved": counts(&b.resolved),
        "rules_hash": &b.rules_hash,
        "same_rules": b.same_rules,
        "tool_version": &b.tool_version,
        "unchanged": counts(&b.unchanged),
    }
}

/// The summary's `shared_ids`: ids more than one document has.
pub(super) fn shared_ids(audit: &AuditSummary) -> impl Serialize + '_ {
    Seq(|| {
        audit
            .shared_ids
            .iter()
            .map(|(id, n)| object! {"documents": n, "id": id})
    })
}

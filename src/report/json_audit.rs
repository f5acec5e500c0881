//! The JSON of what audits add (docs/json-format.md): each document's stable id, the rules
//! it left unapplied for want of another document, its comparison with the earlier audit;
//! each finding's waiver and change; and in the summary the documents missing from the run,
//! the waivers with what became of them, the comparison over the run and shared ids.

use serde_json::{json, Value};

use super::model::{DocumentReport, FindingReport, RunHeader};
use super::summary::Summary;
use crate::finding::OutcomeCounts;

/// A rule's id by its index in the header, or `""`.
fn rule_id(header: &RunHeader, index: usize) -> &str {
    header.rules.get(index).map_or("", |r| r.id.as_str())
}

/// `id`, `unmatched` and `comparison` of a document.
pub(super) fn add_document(header: &RunHeader, document: &DocumentReport, value: &mut Value) {
    value["id"] = json!(document.id);
    value["unmatched"] = document
        .unmatched
        .iter()
        .map(|u| json!({"rule": rule_id(header, u.rule), "document": u.document}))
        .collect();
    value["comparison"] = match &document.comparison {
        None => Value::Null,
        Some(comparison) => json!({
            "status": comparison.status.as_str(),
            "resolved": comparison.resolved.iter().map(|f| json!({
                "rule": f.rule,
                "outcome": f.outcome,
                "location": {"line": f.line, "path": f.path},
                "message": f.message,
            })).collect::<Vec<_>>(),
        }),
    };
}

/// `waiver` and `change` of a finding.
pub(super) fn add_finding(finding: &FindingReport, value: &mut Value) {
    value["waiver"] = match &finding.waiver {
        None => Value::Null,
        Some(w) => json!({
            "index": w.index,
            "outcome": w.outcome,
            "reason": w.reason,
            "approved_by": w.approved_by,
            "approved_on": w.approved_on,
            "expires": w.expires,
        }),
    };
    value["change"] = json!(finding.change.map(|c| c.as_str()));
}

fn counts(c: &OutcomeCounts) -> Value {
    json!({
        "violations": c.violations, "gaps": c.gaps, "not_assessable": c.not_assessable,
        "reviews": c.reviews, "waived": c.waived, "total": c.total(),
    })
}

/// `unmatched`, `waiver_file`, `waivers`, `baseline` and `shared_ids` of the summary.
pub(super) fn add_summary(header: &RunHeader, summary: &Summary, value: &mut Value) {
    value["unmatched"] = summary
        .unmatched
        .iter()
        .map(|u| {
            json!({
                "document": u.document,
                "rules": u.rules.iter().map(|r| rule_id(header, *r)).collect::<Vec<_>>(),
                "documents": u.documents,
            })
        })
        .collect();
    let audit = &summary.audit;
    value["waiver_file"] = json!(audit.waiver_file);
    value["waivers"] = audit
        .waivers
        .iter()
        .map(|w| {
            json!({
                "index": w.index, "line": w.line, "rule": w.rule, "document": w.document,
                "item": w.item, "reason": w.reason, "approved_by": w.approved_by,
                "approved_on": w.approved_on, "expires": w.expires,
                "status": w.status.as_str(), "findings": w.findings,
                "reported_as": w.reported_as,
            })
        })
        .collect();
    value["baseline"] = match &audit.baseline {
        None => Value::Null,
        Some(b) => json!({
            "file": b.file,
            "as_of": b.as_of,
            "tool_version": b.tool_version,
            "rules_hash": b.rules_hash,
            "same_rules": b.same_rules,
            "new": counts(&b.new),
            "unchanged": counts(&b.unchanged),
            "resolved": counts(&b.resolved),
            "documents_compared": b.documents_compared,
            "documents_new": b.documents_new,
            "documents_not_compared": b.documents_not_compared,
            "documents_missing": b.documents_missing.iter().map(|d| json!({
                "id": d.id, "path": d.path, "index": d.index, "kind": d.kind,
                "name": d.name, "findings": d.findings,
            })).collect::<Vec<_>>(),
        }),
    };
    value["shared_ids"] = audit
        .shared_ids
        .iter()
        .map(|(id, n)| json!({"id": id, "documents": n}))
        .collect();
}

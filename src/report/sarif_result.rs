//! The results and notifications of a SARIF run: one result per finding, an `absent`
//! result per finding resolved since the earlier audit, a notification per input or run
//! error, each at a physical location in an input file (`sarif` writes the run around them).

use serde::Serialize;
use std::collections::BTreeMap;

use super::json_object::{object, Omit};
use super::model::{DocumentReport, ErrorEntry, FindingReport, RuleInfo};
use super::sarif::uri;
use crate::finding::{EarlierFinding, Outcome};

/// Input files by path, for artifact indexes.
pub(super) struct Places<'a> {
    pub(super) artifacts: BTreeMap<&'a str, usize>,
}

impl Places<'_> {
    /// A physical location in `file`, at a line and column when given.
    fn physical(&self, file: &str, position: Option<(usize, usize)>) -> impl Serialize {
        object! {
            "artifactLocation": object! {
                "index": Omit(self.artifacts.get(file).copied()),
                "uri": uri(file),
            },
            "region": Omit(position.map(|(line, column)| object! {
                "startColumn": column,
                "startLine": line,
            })),
        }
    }
}

/// violation → error, gap → warning, not assessable and review → note; a waived finding
/// keeps the level of the outcome it would have (its suppression says it is accepted).
fn level(finding: &FindingReport) -> &'static str {
    match finding
        .waiver
        .as_ref()
        .map_or(finding.outcome, |w| w.outcome)
    {
        Outcome::Violation => "error",
        Outcome::Gap => "warning",
        Outcome::NotAssessable | Outcome::Review | Outcome::Pass | Outcome::Waived => "note",
    }
}

/// A finding of the earlier audit no longer found: an `absent` result in the document's
/// file, with no region (its line then may have moved since).
pub(super) fn absent<'a>(
    places: &'a Places<'_>,
    document: &'a DocumentReport,
    resolved: &'a EarlierFinding,
    rule_index: Option<usize>,
) -> impl Serialize + 'a {
    object! {
        "baselineState": "absent",
        "kind": "pass",
        "level": "none",
        "locations": [object! {"physicalLocation": places.physical(&document.path, None)}],
        "message": object! {
            "text": format!("resolved since the earlier audit: {}", resolved.message),
        },
        "properties": object! {
            "document": object! {
                "id": &document.id,
                "index": document.index,
                "kind": &document.kind,
                "name": &document.name,
            },
            "earlierLine": resolved.line,
            "outcome": resolved.outcome,
            "path": &resolved.path,
        },
        "ruleId": &resolved.rule,
        "ruleIndex": Omit(rule_index),
    }
}

/// A finding as a result at its line and column.
pub(super) fn result<'a>(
    places: &'a Places<'_>,
    document: &'a DocumentReport,
    finding: &'a FindingReport,
    rule: &'a RuleInfo,
    rule_index: usize,
) -> impl Serialize + 'a {
    let at = Some((finding.location.line, finding.location.column));
    let properties = object! {
        "actor": Omit(finding.actor.as_ref().map(|a| object! {"name": &a.name, "relation": a.relation})),
        "document": object! {
            "id": &document.id,
            "index": document.index,
            "kind": &document.kind,
            "name": &document.name,
            "verdict": document.verdict,
        },
        "missing": Omit((!finding.missing.is_empty()).then_some(&finding.missing)),
        "outcome": finding.outcome,
        "path": &finding.location.path,
        "principles": &rule.principles,
        "review": Omit(finding.review.as_ref()),
        "severity": rule.severity,
        "waiver": Omit(finding.waiver.as_ref().map(|w| object! {
            "approved_by": &w.approved_by,
            "approved_on": &w.approved_on,
            "expires": &w.expires,
            "index": w.index,
            "outcome": w.outcome,
            "reason": &w.reason,
        })),
    };
    let related = finding.related.as_ref().map(|related| {
        [object! {
            "id": 1,
            "message": object! {"text": format!("also at {}", related.path)},
            "physicalLocation": places.physical(&related.file, Some((related.line, related.column))),
        }]
    });
    let suppressions = finding.waiver.as_ref().map(|waiver| {
        [object! {
            "justification": format!(
                "{} (approved by {} on {}, until {})",
                waiver.reason, waiver.approved_by, waiver.approved_on, waiver.expires
            ),
            "kind": "external",
            "status": "accepted",
        }]
    });
    object! {
        "baselineState": Omit(finding.change.map(|c| c.as_str())),
        "level": level(finding),
        "locations": [object! {"physicalLocation": places.physical(&document.path, at)}],
        "message": object! {"text": &finding.message},
        "properties": properties,
        "relatedLocations": Omit(related),
        "ruleId": &rule.id,
        "ruleIndex": rule_index,
        "suppressions": Omit(suppressions),
    }
}

/// An input or run error as a notification of the invocation.
pub(super) fn notification<'a>(
    places: &'a Places<'_>,
    error: &'a ErrorEntry,
) -> impl Serialize + 'a {
    let text = match &error.help {
        Some(help) => format!("{} ({help})", error.message),
        None => error.message.clone(),
    };
    object! {
        "descriptor": object! {"id": error.code.as_str()},
        "level": "error",
        "locations": Omit(error.file.as_ref().map(|file| {
            [object! {"physicalLocation": places.physical(file, error.position)}]
        })),
        "message": object! {"text": text},
    }
}

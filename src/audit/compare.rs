//! A document against the same document (by stable id) in an earlier audit: each finding is
//! new or unchanged, and the earlier findings no longer found are resolved. Findings are
//! matched by rule id, outcome (a waived finding by the outcome it would have) and YAML
//! path, never by line: lines shift whenever a file is edited, paths only when its items
//! are reordered. Matching counts: two equal findings then and one now leave one resolved.

use serde::Serialize;

use super::baseline::Baseline;
use crate::batch::DocumentResult;
use crate::finding::{
    Change, ComparedAs, Comparison, EarlierFinding, Finding, Outcome, OutcomeCounts,
};
use crate::pack::RulePack;

/// A document of the earlier audit.
#[derive(Debug, Clone)]
pub(super) struct EarlierDocument {
    pub id: String,
    pub path: String,
    pub index: usize,
    pub kind: Option<String>,
    pub name: Option<String>,
    /// Whether it was checked (it had no errors).
    pub checked: bool,
    pub findings: Vec<EarlierFinding>,
    /// Whether a document of this run had its id.
    pub seen: bool,
}

/// A document of the earlier audit that no document of this run has the id of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingDocument {
    /// Its stable id.
    pub id: String,
    /// Its file then.
    pub path: String,
    /// Its position in that file, from 0.
    pub index: usize,
    /// Its kind.
    pub kind: Option<String>,
    /// Its name.
    pub name: Option<String>,
    /// Its findings then.
    pub findings: usize,
}

/// The comparison of a whole run with the earlier audit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BaselineSummary {
    /// The earlier report's file.
    pub file: String,
    /// Its check date.
    pub as_of: Option<String>,
    /// The fairrec version that wrote it.
    pub tool_version: Option<String>,
    /// Its rule pack's hash.
    pub rules_hash: Option<String>,
    /// Whether this run used the same rule pack (hash): when not, some changes come from
    /// the rules rather than the documents.
    pub same_rules: bool,
    /// Findings not in the earlier audit, by outcome now.
    pub new: OutcomeCounts,
    /// Findings in both.
    pub unchanged: OutcomeCounts,
    /// Findings of the earlier audit no longer found, by outcome then.
    pub resolved: OutcomeCounts,
    /// Documents compared.
    pub documents_compared: usize,
    /// Documents the earlier audit did not check (no document with the id, or one with errors).
    pub documents_new: usize,
    /// Documents of this run that could not be checked, so were not compared.
    pub documents_not_compared: usize,
    /// Documents of the earlier audit not in this run.
    pub documents_missing: Vec<MissingDocument>,
}

impl Baseline {
    /// Marks each finding of `result` new or unchanged and lists the resolved ones, adding
    /// to `summary`'s counts.
    pub(super) fn compare(
        &mut self,
        pack: &RulePack,
        result: &mut DocumentResult,
        summary: &mut BaselineSummary,
    ) {
        let earlier = result.id.as_ref().and_then(|id| self.documents.get_mut(id));
        let status = match (&earlier, result.errors.is_empty()) {
            (_, false) => ComparedAs::NotCompared,
            (Some(earlier), true) if earlier.checked => ComparedAs::Compared,
            _ => ComparedAs::NewDocument,
        };
        let mut resolved = Vec::new();
        match status {
            ComparedAs::NotCompared => summary.documents_not_compared += 1,
            ComparedAs::NewDocument => {
                summary.documents_new += 1;
                for finding in &mut result.findings.findings {
                    finding.change = Some(Change::New);
                    summary.new.add(finding.outcome);
                }
            }
            ComparedAs::Compared => {
                summary.documents_compared += 1;
                let earlier_findings = earlier.as_ref().map_or(&[][..], |e| &e.findings[..]);
                let mut left: Vec<Option<&EarlierFinding>> =
                    earlier_findings.iter().map(Some).collect();
                for finding in &mut result.findings.findings {
                    let key = key_of(pack, finding);
                    let found = left.iter_mut().find(|slot| {
                        slot.is_some_and(|e| (e.rule.as_str(), e.outcome, e.path.as_str()) == key)
                    });
                    let change = match found {
                        Some(slot) => {
                            *slot = None;
                            summary.unchanged.add(finding.outcome);
                            Change::Unchanged
                        }
                        None => {
                            summary.new.add(finding.outcome);
                            Change::New
                        }
                    };
                    finding.change = Some(change);
                }
                for earlier in left.into_iter().flatten() {
                    summary.resolved.add(earlier.outcome);
                    resolved.push(earlier.clone());
                }
            }
        }
        if let Some(earlier) = earlier {
            earlier.seen = true;
        }
        result.comparison = Some(Comparison { status, resolved });
    }

    /// The earlier audit's documents that no document of this run had the id of.
    pub(super) fn missing(&self) -> Vec<MissingDocument> {
        self.documents
            .values()
            .filter(|d| !d.seen)
            .map(|d| MissingDocument {
                id: d.id.clone(),
                path: d.path.clone(),
                index: d.index,
                kind: d.kind.clone(),
                name: d.name.clone(),
                findings: d.findings.len(),
            })
            .collect()
    }
}

/// What a finding is matched by: rule id, outcome (before any waiver) and path.
fn key_of<'a>(pack: &'a RulePack, finding: &'a Finding) -> (&'a str, Outcome, &'a str) {
    let rule = pack.rules.get(finding.rule).map_or("", |r| r.id.as_str());
    let outcome = finding
        .waiver
        .as_ref()
        .map_or(finding.outcome, |w| w.outcome);
    (rule, outcome, finding.path.as_str())
}

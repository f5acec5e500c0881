//! After a document's rules have run: one fact, one finding. A rule that `supersedes` others
//! absorbs their findings on the same item, and a document missing from the run is said once
//! per rule.

use super::ABSENT_DOCUMENT;
use crate::finding::{Finding, Outcome};
use crate::pack::RulePack;

/// A document missing from the run is one missing fact: when a rule cannot be assessed for
/// several items only for want of it, the first such finding says so and the others go.
pub(super) fn collapse_absent_documents(findings: &mut Vec<Finding>, from: usize) {
    let mut seen: Vec<Vec<String>> = Vec::new();
    let rule_findings = findings.split_off(from);
    findings.extend(rule_findings.into_iter().filter(|finding| {
        let only_absent = finding.outcome == Outcome::NotAssessable
            && !finding.missing.is_empty()
            && finding
                .missing
                .iter()
                .all(|m| m.starts_with(ABSENT_DOCUMENT));
        if !only_absent || !seen.contains(&finding.missing) {
            if only_absent {
                seen.push(finding.missing.clone());
            }
            return true;
        }
        false
    }));
}

/// For each violation, gap or review of a rule that `supersedes` others, removes those
/// rules' findings on the same item and records them as merged into it.
pub(super) fn apply_supersedes(pack: &RulePack, findings: &mut Vec<Finding>) {
    let definite = |f: &Finding| {
        matches!(
            f.outcome,
            Outcome::Violation | Outcome::Gap | Outcome::Review
        )
    };
    let mut absorbed = vec![false; findings.len()];
    let mut merges: Vec<(usize, usize)> = Vec::new();
    for (winner, finding) in findings.iter().enumerate() {
        let supersedes = &pack.rules[finding.rule].supersedes;
        // An absorbed finding absorbs nothing in turn: two rules that supersede each other
        // keep the first.
        if supersedes.is_empty() || !definite(finding) || absorbed[winner] {
            continue;
        }
        for (loser, other) in findings.iter().enumerate() {
            // Only a definite finding is merged: a rule that could not be assessed is not
            // a breach, and its missing facts stay asked for.
            if loser != winner
                && !absorbed[loser]
                && definite(other)
                && other.subject == finding.subject
                && supersedes.contains(&pack.rules[other.rule].id)
            {
                absorbed[loser] = true;
                merges.push((winner, other.rule));
            }
        }
    }
    for (winner, rule) in merges {
        if !findings[winner].merged.contains(&rule) {
            findings[winner].merged.push(rule);
        }
    }
    let mut position = 0;
    findings.retain(|_| {
        let keep = !absorbed[position];
        position += 1;
        keep
    });
}

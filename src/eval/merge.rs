//! After a document's rules have run: one fact, one finding. A rule that `supersedes` others
//! absorbs their findings on the same item, and a rule that could not be assessed only for
//! want of a document missing from the run is no finding at all: the run's summary says
//! once which documents were missing and which rules they left unapplied.

use super::ABSENT_DOCUMENT;
use crate::finding::{Finding, Outcome, Unmatched};
use crate::pack::RulePack;

/// Takes the not-assessable findings (from `from` on) whose only missing facts are documents
/// absent from the run out of `findings`, into `unmatched`, once per rule and document. A
/// finding that also lacks facts of the document itself stays: it asks for those.
pub(super) fn take_absent_documents(
    findings: &mut Vec<Finding>,
    from: usize,
    unmatched: &mut Vec<Unmatched>,
) {
    let only_absent = |finding: &Finding| {
        finding.outcome == Outcome::NotAssessable
            && !finding.missing.is_empty()
            && finding
                .missing
                .iter()
                .all(|m| m.starts_with(ABSENT_DOCUMENT))
    };
    // Nearly always there is none: leave the findings where they are.
    if !findings[from.min(findings.len())..].iter().any(only_absent) {
        return;
    }
    let rule_findings = findings.split_off(from);
    for finding in rule_findings {
        if !only_absent(&finding) {
            findings.push(finding);
            continue;
        }
        for missing in &finding.missing {
            let entry = Unmatched {
                rule: finding.rule,
                document: missing.trim_start_matches(ABSENT_DOCUMENT).to_string(),
            };
            if !unmatched.contains(&entry) {
                unmatched.push(entry);
            }
        }
    }
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

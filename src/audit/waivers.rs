//! Waivers (`--waivers FILE`): a finding an authority has knowingly accepted for a time,
//! named by rule id, the document's stable id and optionally the item. A waiver in force on
//! the check date (approved on or before it, expiring on or after it) turns each finding it
//! names into a `waived` one that keeps its message, place and actor and gains the waiver's
//! reason and approver; it no longer decides the verdict. An expired waiver, or one not yet
//! approved on the check date, covers nothing, and the findings it names count again. Every
//! waiver is reported with what became of it: applied, expired, not yet approved, or unused
//! (it named no finding of this run, often a sign of a typo or of a practice that stopped).
//!
//! A waiver covers the findings of the rule it names, not a finding of a more specific rule
//! that has absorbed that rule's finding on the same item (`also_breaches`: the agreement
//! for the corridor is in the run, and the fee is now also a breach of it). The approval was
//! for the finding as it was; the finding now says more. Such a waiver is unused, and says
//! which rule reports the fact now, so that a waiver can be granted for it.

use jiff::civil::Date;
use serde::Serialize;

use crate::finding::{Finding, Outcome, WaiverNote};
use crate::pack::RulePack;

/// One waiver, as its file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    /// The rule's id, `FR-GP7-001`.
    pub rule: String,
    /// The document's stable id.
    pub document: String,
    /// The item: a YAML path such as `costs[2]`, covering the findings at that path or
    /// inside it; `None` for every finding of the rule on the document.
    pub item: Option<String>,
    /// Why it was granted.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// When.
    pub approved_on: Date,
    /// The last day it applies.
    pub expires: Date,
    /// Its line in the waiver file.
    pub line: usize,
}

impl Waiver {
    /// Whether it names this finding of the document with this id.
    fn names(&self, rule_id: &str, document: &str, path: &str) -> bool {
        self.rule == rule_id
            && self.document == document
            && self.item.as_deref().is_none_or(|item| within(path, item))
    }

    /// What it is on the check date, before knowing whether it named anything.
    fn standing(&self, as_of: Date) -> WaiverStatus {
        if as_of > self.expires {
            WaiverStatus::Expired
        } else if as_of < self.approved_on {
            WaiverStatus::NotYetApproved
        } else {
            WaiverStatus::Applied
        }
    }
}

/// `costs[2].paid_by` is within `costs[2]` and within itself, not within `costs[20]`.
fn within(path: &str, item: &str) -> bool {
    match path.strip_prefix(item) {
        Some(rest) => rest.is_empty() || rest.starts_with('.') || rest.starts_with('['),
        None => false,
    }
}

/// What became of a waiver in a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaiverStatus {
    /// In force, and it covers at least one finding.
    Applied,
    /// In force, but it named no finding of this run.
    Unused,
    /// Its `expires` date is before the check date: the findings it names count again.
    Expired,
    /// Its `approved_on` date is after the check date: it does not apply yet.
    NotYetApproved,
}

impl WaiverStatus {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            WaiverStatus::Applied => "applied",
            WaiverStatus::Unused => "unused",
            WaiverStatus::Expired => "expired",
            WaiverStatus::NotYetApproved => "not_yet_approved",
        }
    }
}

/// A waiver and what became of it, as reports list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaiverUse {
    /// Its position in the file, from 0.
    pub index: usize,
    /// Its line in the file.
    pub line: usize,
    /// The rule's id.
    pub rule: String,
    /// The document's stable id.
    pub document: String,
    /// The item, when it names one.
    pub item: Option<String>,
    /// Why it was granted.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// When, `YYYY-MM-DD`.
    pub approved_on: String,
    /// The last day it applies, `YYYY-MM-DD`.
    pub expires: String,
    /// What became of it.
    pub status: WaiverStatus,
    /// The findings it names: covered when applied; counted again when expired or not yet
    /// approved.
    pub findings: usize,
    /// For an unused waiver: the rule whose finding on the item has absorbed the named
    /// rule's (one fact, one finding), which a waiver would have to name instead.
    pub reported_as: Option<String>,
}

/// The waivers of a run, with how many findings each named so far.
#[derive(Debug, Clone, Default)]
pub struct Waivers {
    /// The file they were read from.
    pub file: String,
    list: Vec<Waiver>,
    named: Vec<usize>,
    absorbed_by: Vec<Option<String>>,
}

impl Waivers {
    /// The waivers read from `file`.
    pub fn new(file: impl Into<String>, list: Vec<Waiver>) -> Self {
        let named = vec![0; list.len()];
        let absorbed_by = vec![None; list.len()];
        Self {
            file: file.into(),
            list,
            named,
            absorbed_by,
        }
    }

    /// Waives each finding of the document with stable id `document` that a waiver in force
    /// names (the first such waiver in the file), and counts every waiver that names it.
    pub fn apply(
        &mut self,
        pack: &RulePack,
        document: &str,
        findings: &mut [Finding],
        as_of: Date,
    ) {
        for finding in findings.iter_mut() {
            if matches!(finding.outcome, Outcome::Pass | Outcome::Waived) {
                continue;
            }
            let Some(rule) = pack.rules.get(finding.rule) else {
                continue;
            };
            for (index, waiver) in self.list.iter().enumerate() {
                if !waiver.names(&rule.id, document, &finding.path) {
                    let absorbed = finding.merged.iter().filter_map(|m| pack.rules.get(*m));
                    for merged in absorbed {
                        if waiver.names(&merged.id, document, &finding.path) {
                            self.absorbed_by[index].get_or_insert_with(|| rule.id.clone());
                        }
                    }
                    continue;
                }
                self.named[index] += 1;
                if finding.waiver.is_none() && waiver.standing(as_of) == WaiverStatus::Applied {
                    finding.waiver = Some(WaiverNote {
                        index,
                        outcome: finding.outcome,
                        reason: waiver.reason.clone(),
                        approved_by: waiver.approved_by.clone(),
                        approved_on: waiver.approved_on.to_string(),
                        expires: waiver.expires.to_string(),
                    });
                    finding.outcome = Outcome::Waived;
                }
            }
        }
    }

    /// Every waiver, in file order, with what became of it.
    pub fn uses(&self, as_of: Date) -> Vec<WaiverUse> {
        self.list
            .iter()
            .zip(&self.named)
            .zip(&self.absorbed_by)
            .enumerate()
            .map(|(index, ((waiver, named), absorbed_by))| {
                let status = match waiver.standing(as_of) {
                    WaiverStatus::Applied if *named == 0 => WaiverStatus::Unused,
                    standing => standing,
                };
                WaiverUse {
                    index,
                    line: waiver.line,
                    rule: waiver.rule.clone(),
                    document: waiver.document.clone(),
                    item: waiver.item.clone(),
                    reason: waiver.reason.clone(),
                    approved_by: waiver.approved_by.clone(),
                    approved_on: waiver.approved_on.to_string(),
                    expires: waiver.expires.to_string(),
                    status,
                    findings: *named,
                    reported_as: absorbed_by.clone().filter(|_| *named == 0),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{within, Waiver, WaiverStatus};
    use jiff::civil::date;

    #[test]
    fn an_item_covers_its_own_path_and_the_paths_inside_it() {
        assert!(within("costs[2].paid_by", "costs[2]"));
        assert!(within("costs[2]", "costs[2]"));
        assert!(within("costs[2].paid_by", "costs"));
        assert!(!within("costs[20].paid_by", "costs[2]"));
        assert!(!within("costs_total", "costs"));
    }

    #[test]
    fn a_waiver_applies_from_its_approval_to_its_expiry_inclusive() {
        let waiver = Waiver {
            rule: "FR-GP7-001".into(),
            document: "agency:a".into(),
            item: None,
            reason: "r".into(),
            approved_by: "b".into(),
            approved_on: date(2026, 1, 15),
            expires: date(2026, 6, 1),
            line: 1,
        };
        assert_eq!(waiver.standing(date(2026, 6, 1)), WaiverStatus::Applied);
        assert_eq!(waiver.standing(date(2026, 1, 15)), WaiverStatus::Applied);
        assert_eq!(waiver.standing(date(2026, 6, 2)), WaiverStatus::Expired);
        assert_eq!(
            waiver.standing(date(2026, 1, 14)),
            WaiverStatus::NotYetApproved
        );
    }
}

//! The documents rules read that are not in the run (the agreement for a corridor), each
//! said once in the summary with the rules it left unapplied and how many documents they
//! were not applied to, instead of a not-assessable finding per rule and document.

use serde::Serialize;
use std::collections::BTreeMap;

use super::model::DocumentReport;

/// A document that rules read (the agreement for a corridor) and that is not in the run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UnmatchedSummary {
    /// It, in words: the `agreement` document with origin NP and destination MY.
    pub document: String,
    /// The rules left unapplied for want of it, by index in the header's rules, in order.
    pub rules: Vec<usize>,
    /// The documents they were not applied to.
    pub documents: usize,
}

/// Gathers [`UnmatchedSummary`]s one document at a time, in the order of their words.
#[derive(Debug, Default)]
pub(super) struct UnmatchedBuilder {
    by_document: BTreeMap<String, UnmatchedSummary>,
}

impl UnmatchedBuilder {
    /// Adds the documents `document`'s rules needed and did not find.
    pub(super) fn add(&mut self, document: &DocumentReport) {
        let mut absent: Vec<&str> = document
            .unmatched
            .iter()
            .map(|u| u.document.as_str())
            .collect();
        absent.sort_unstable();
        absent.dedup();
        for name in absent {
            let entry = self.by_document.entry(name.to_string()).or_default();
            entry.document = name.to_string();
            entry.documents += 1;
            for u in document.unmatched.iter().filter(|u| u.document == name) {
                if !entry.rules.contains(&u.rule) {
                    entry.rules.push(u.rule);
                }
            }
        }
    }

    /// Every missing document, with its rules in pack order.
    pub(super) fn finish(self) -> Vec<UnmatchedSummary> {
        let mut unmatched: Vec<UnmatchedSummary> = self.by_document.into_values().collect();
        for entry in &mut unmatched {
            entry.rules.sort_unstable();
        }
        unmatched
    }
}

//! Results → what users read: `human` (miette diagnostics) and `json` (format version 1).
//! Both stream: each document is written as soon as it is checked; totals are counters.

pub mod human;
pub mod json;

use crate::batch::DocumentResult;
use crate::finding::{Outcome, Verdict};

/// Running totals over a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Documents (and unreadable files) seen.
    pub documents: usize,
    /// Violation findings.
    pub violations: usize,
    /// Gap findings.
    pub gaps: usize,
    /// Not-assessable findings.
    pub not_assessable: usize,
    /// Findings that need a person's review.
    pub reviews: usize,
    /// Input errors.
    pub errors: usize,
    /// Documents per verdict, in the order of [`Verdict::ALL`].
    pub verdicts: [usize; 5],
}

impl Totals {
    /// Adds one document's counts.
    pub fn add(&mut self, result: &DocumentResult) {
        self.documents += 1;
        self.violations += result.count(Outcome::Violation);
        self.gaps += result.count(Outcome::Gap);
        self.not_assessable += result.count(Outcome::NotAssessable);
        self.reviews += result.count(Outcome::Review);
        self.errors += result.errors.len();
        let verdict = result.verdict();
        if let Some(slot) = Verdict::ALL.iter().position(|v| *v == verdict) {
            self.verdicts[slot] += 1;
        }
    }

    /// How many documents have this verdict.
    pub fn with_verdict(&self, verdict: Verdict) -> usize {
        Verdict::ALL
            .iter()
            .position(|v| *v == verdict)
            .map_or(0, |slot| self.verdicts[slot])
    }
}

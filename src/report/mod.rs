//! Results → what users read: `human` (miette diagnostics) and `json` (format version 1).
//! Both stream: each document is written as soon as it is checked; totals are counters.

pub mod human;
pub mod json;

use crate::batch::DocumentResult;
use crate::finding::Outcome;

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
    /// Input errors.
    pub errors: usize,
}

impl Totals {
    /// Adds one document's counts.
    pub fn add(&mut self, result: &DocumentResult) {
        self.documents += 1;
        self.violations += result.count(Outcome::Violation);
        self.gaps += result.count(Outcome::Gap);
        self.not_assessable += result.count(Outcome::NotAssessable);
        self.errors += result.errors.len();
    }
}

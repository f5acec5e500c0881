//! Results → what users read. The checked results become one report model (`model`, built by
//! `collect`, summed up by `summary`), which every format renders: `human` (miette
//! diagnostics, which also underline the source), `json` (format version 1), `sarif`
//! (2.1.0), `markdown` (a dated audit report), `html` (the same as one self-contained,
//! printable page with a chart), `csv` (a row per finding) and `junit` (a case per document
//! and rule). Human and JSON stream, each document written as soon as it is
//! checked; the others render the collected model, which holds no source text.

pub mod collect;
pub mod csv;
pub mod html;
mod html_audit;
mod html_chart;
mod html_document;
mod html_summary;
pub mod human;
mod human_audit;
pub mod human_summary;
pub mod json;
mod json_audit;
mod json_object;
pub mod junit;
pub mod markdown;
mod markdown_audit;
mod markdown_summary;
mod markup;
pub mod model;
pub mod sarif;
mod sarif_result;
mod sections;
pub mod summary;
mod summary_unmatched;
mod text;

use crate::finding::{Outcome, Verdict};
use model::DocumentReport;

/// Running totals over a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
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
    /// Findings an unexpired waiver covers.
    pub waived: usize,
    /// Input errors, and errors of the run (a waiver file or baseline that could not be used).
    pub errors: usize,
    /// Documents per verdict, in the order of [`Verdict::ALL`].
    pub verdicts: [usize; Verdict::ALL.len()],
}

impl Totals {
    /// Adds one document's counts.
    pub fn add(&mut self, document: &DocumentReport) {
        self.documents += 1;
        self.violations += document.count(Outcome::Violation);
        self.gaps += document.count(Outcome::Gap);
        self.not_assessable += document.count(Outcome::NotAssessable);
        self.reviews += document.count(Outcome::Review);
        self.waived += document.count(Outcome::Waived);
        self.errors += document.errors.len();
        if let Some(slot) = Verdict::ALL.iter().position(|v| *v == document.verdict) {
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

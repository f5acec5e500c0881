//! Findings: what evaluating one rule against one document concluded. Data, not errors.

use crate::diagnostic::{SourceFile, Span};

/// What a finding says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The document shows a practice that breaches a principle.
    Violation,
    /// The document never states a protection the principle calls for.
    Gap,
    /// The document does not give the facts the rule needs.
    NotAssessable,
    /// The rule holds for the document (listed only with `--show-passes`).
    Pass,
}

impl Outcome {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Violation => "violation",
            Outcome::Gap => "gap",
            Outcome::NotAssessable => "not_assessable",
            Outcome::Pass => "pass",
        }
    }
}

/// A second place a finding points at, often in another document of the run (the clause of
/// an agreement that the practice breaches).
#[derive(Debug, Clone)]
pub struct Related {
    /// The file.
    pub file: SourceFile,
    /// The YAML text.
    pub span: Span,
    /// Its YAML path in that document.
    pub path: String,
}

/// An exception (`unless`) that would have excused the practice but was not established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionNote {
    /// The defence, in words.
    pub label: String,
    /// The facts that would establish it, when the document does not give them; empty when
    /// the document shows the exception does not apply.
    pub needs: Vec<String>,
}

/// One conclusion about one document.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index of the rule in the pack.
    pub rule: usize,
    /// What was concluded.
    pub outcome: Outcome,
    /// The rule's message with the document's facts filled in.
    pub message: String,
    /// The YAML text that proves it (or the nearest node that exists).
    pub span: Span,
    /// The YAML path of that node, such as `costs[1].paid_by`.
    pub path: String,
    /// For `not_assessable`: the paths the document leaves out.
    pub missing: Vec<String>,
    /// A second place, from the rule's `also at`.
    pub related: Option<Related>,
    /// For a violation or gap: the rule's exceptions, none of them established.
    pub exceptions: Vec<ExceptionNote>,
}

/// All conclusions about one document.
#[derive(Debug, Clone, Default)]
pub struct DocumentFindings {
    /// Violations, gaps and not-assessable outcomes, in rule order.
    pub findings: Vec<Finding>,
    /// Rules that applied and found nothing, by index in the pack.
    pub passed: Vec<usize>,
}

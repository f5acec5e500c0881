//! Findings: what evaluating one rule against one document concluded. Data, not errors.

use crate::diagnostic::Span;

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

/// One conclusion about one document.
#[derive(Debug, Clone, PartialEq)]
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
}

/// All conclusions about one document.
#[derive(Debug, Clone, Default)]
pub struct DocumentFindings {
    /// Violations, gaps and not-assessable outcomes, in rule order.
    pub findings: Vec<Finding>,
    /// Rules that applied and found nothing, by index in the pack.
    pub passed: Vec<usize>,
}

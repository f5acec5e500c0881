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
    /// The practice is shown, but an exception is claimed that only a person can judge (an
    /// exception a national authority may authorise); the basis is named.
    Review,
    /// The rule holds for the document (listed only with `--show-passes`).
    Pass,
    /// A violation, gap, review or not-assessable finding that an unexpired waiver (from
    /// `--waivers`) names: still reported, with who approved it and why, but it no longer
    /// decides the verdict. [`WaiverNote::outcome`] says what it would be.
    Waived,
}

impl Outcome {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Violation => "violation",
            Outcome::Gap => "gap",
            Outcome::NotAssessable => "not_assessable",
            Outcome::Review => "review",
            Outcome::Pass => "pass",
            Outcome::Waived => "waived",
        }
    }

    /// The outcome a report word names (`violation`, `not_assessable`...).
    pub fn parse(word: &str) -> Option<Outcome> {
        [
            Outcome::Violation,
            Outcome::Gap,
            Outcome::NotAssessable,
            Outcome::Review,
            Outcome::Pass,
            Outcome::Waived,
        ]
        .into_iter()
        .find(|outcome| outcome.as_str() == word)
    }
}

/// What a check concludes about a whole document, shown before its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// At least one violation.
    NonCompliant,
    /// No violation, but protections the document never states.
    Gaps,
    /// No violation or gap, but rules that could not be assessed (facts not given) or that
    /// need a person's review: the check is not complete.
    Incomplete,
    /// Every rule that applies was assessed, and each either passed or found something that
    /// an unexpired waiver covers: compliant, on the strength of approved waivers.
    CompliantWithWaivers,
    /// Every rule that applies was assessed and passed.
    Compliant,
    /// The document could not be read or validated; no rule was assessed.
    Error,
}

impl Verdict {
    /// The verdict of a document with these findings (none when it had errors).
    pub fn of(findings: &DocumentFindings, has_errors: bool) -> Verdict {
        let has = |outcome| findings.findings.iter().any(|f| f.outcome == outcome);
        if has_errors {
            Verdict::Error
        } else if has(Outcome::Violation) {
            Verdict::NonCompliant
        } else if has(Outcome::Gap) {
            Verdict::Gaps
        } else if has(Outcome::NotAssessable) || has(Outcome::Review) {
            Verdict::Incomplete
        } else if has(Outcome::Waived) {
            Verdict::CompliantWithWaivers
        } else {
            Verdict::Compliant
        }
    }

    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NonCompliant => "non_compliant",
            Verdict::Gaps => "gaps",
            Verdict::Incomplete => "incomplete",
            Verdict::CompliantWithWaivers => "compliant_with_waivers",
            Verdict::Compliant => "compliant",
            Verdict::Error => "error",
        }
    }

    /// Every verdict, most serious first.
    pub const ALL: [Verdict; 6] = [
        Verdict::Error,
        Verdict::NonCompliant,
        Verdict::Gaps,
        Verdict::Incomplete,
        Verdict::CompliantWithWaivers,
        Verdict::Compliant,
    ];
}

/// How the document's subject relates to the harm a finding names, in the terms of the UN
/// Guiding Principles on Business and Human Rights (13, 19): the remedy differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The subject's own practice: cease it and remedy it.
    Caused,
    /// The subject contributed through its own acts or omissions (it paid, it knew): cease,
    /// use leverage on the others, remedy to the extent of the contribution.
    Contributed,
    /// The harm is linked to the subject's operations through a business relationship (a
    /// recruiter down the chain): use leverage to have it ceased and remedied.
    DirectlyLinked,
}

impl Relation {
    /// The rule-language word.
    pub fn parse(word: &str) -> Option<Relation> {
        match word {
            "caused" => Some(Relation::Caused),
            "contributed" => Some(Relation::Contributed),
            "directly_linked" => Some(Relation::DirectlyLinked),
            _ => None,
        }
    }

    /// How reports phrase it: "the agency `X` caused", "... is directly linked to".
    pub fn words(self) -> &'static str {
        match self {
            Relation::Caused => "caused",
            Relation::Contributed => "contributed to",
            Relation::DirectlyLinked => "is directly linked to",
        }
    }
}

/// Who a finding holds responsible, and how the document's subject relates to the harm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The actor responsible, in words: "the agency `Himalaya Manpower`", "the tier 3
    /// sub-agent `Village broker`".
    pub name: String,
    /// The document's subject's relation to the harm.
    pub relation: Relation,
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
    /// For `review`: the exception claimed, which a person must judge.
    pub review: Option<String>,
    /// Who is responsible (none for not-assessable results).
    pub actor: Option<Actor>,
    /// The item the finding is about (the innermost `for each` item's path, or empty for
    /// the document): findings about the same item are merged by `supersedes`.
    pub subject: String,
    /// Rules whose findings on the same item this one replaces (one fact, one finding), by
    /// index in the pack; their principles are breached too.
    pub merged: Vec<usize>,
    /// For `waived`: the waiver, and the outcome the finding would have without it.
    pub waiver: Option<WaiverNote>,
    /// Compared with an earlier audit (`--baseline`): new or unchanged; `None` without one.
    pub change: Option<Change>,
}

/// The waiver that covers a finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WaiverNote {
    /// Its position in the waiver file, from 0.
    pub index: usize,
    /// What the finding would be without it: violation, gap, review or not assessable.
    pub outcome: Outcome,
    /// Why it was granted.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// When, `YYYY-MM-DD`.
    pub approved_on: String,
    /// The last day it applies, `YYYY-MM-DD`.
    pub expires: String,
}

/// How a finding compares with the same document in an earlier audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Not in the earlier audit.
    New,
    /// In the earlier audit too (same rule, outcome and place in the document).
    Unchanged,
}

impl Change {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Unchanged => "unchanged",
        }
    }
}

/// A document compared with an earlier audit, by its stable id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Comparison {
    /// Whether, and how, the earlier audit had the document.
    pub status: ComparedAs,
    /// Findings of the earlier audit that are no longer found.
    pub resolved: Vec<EarlierFinding>,
}

/// Whether a document could be compared with the earlier audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparedAs {
    /// The earlier audit had a document with the same id: its findings were compared.
    Compared,
    /// The earlier audit had no document with this id: every finding is new.
    NewDocument,
    /// The document (or the earlier one) could not be read or validated: nothing compared.
    NotCompared,
}

impl ComparedAs {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ComparedAs::Compared => "compared",
            ComparedAs::NewDocument => "new_document",
            ComparedAs::NotCompared => "not_compared",
        }
    }
}

/// A finding as an earlier audit's JSON report gives it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EarlierFinding {
    /// The rule's id (the rule may since have left the pack).
    pub rule: String,
    /// Its outcome then (for a waived finding, the outcome it would have had).
    pub outcome: Outcome,
    /// Its YAML path then, `costs[0].paid_by`.
    pub path: String,
    /// Its line then.
    pub line: usize,
    /// Its message then.
    pub message: String,
}

/// A rule not applied to a document because a document it reads is not in the run (the
/// agreement for an agency's corridor): said once in the run's summary, not as a finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unmatched {
    /// The rule, by index in the pack.
    pub rule: usize,
    /// The document it needs, in words: the `agreement` document with origin NP and
    /// destination MY.
    pub document: String,
}

impl Finding {
    /// A rule that could not be assessed, pointing at `span` / `path`, naming what is missing.
    pub fn not_assessable(
        rule: usize,
        message: String,
        span: Span,
        path: String,
        missing: Vec<String>,
    ) -> Finding {
        Finding {
            rule,
            outcome: Outcome::NotAssessable,
            message,
            span,
            path,
            missing,
            related: None,
            exceptions: Vec::new(),
            review: None,
            actor: None,
            subject: String::new(),
            merged: Vec::new(),
            waiver: None,
            change: None,
        }
    }
}

/// All conclusions about one document.
#[derive(Debug, Clone, Default)]
pub struct DocumentFindings {
    /// Violations, gaps and not-assessable outcomes, in rule order.
    pub findings: Vec<Finding>,
    /// Rules that applied and found nothing, by index in the pack.
    pub passed: Vec<usize>,
    /// The pack's figures for this document (those whose list the document gives).
    pub figures: Vec<FigureResult>,
    /// Rules not applied because a document they read is not in the run.
    pub unmatched: Vec<Unmatched>,
}

/// n, mean, median and 80th percentile of a figure's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statistics {
    /// How many items had a value.
    pub n: usize,
    /// Their mean.
    pub mean: rust_decimal::Decimal,
    /// Their median.
    pub median: rust_decimal::Decimal,
    /// Their 80th percentile (linear interpolation between order statistics).
    pub p80: rust_decimal::Decimal,
}

/// One figure computed for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureResult {
    /// Index of the figure in the pack.
    pub figure: usize,
    /// The currency of the values when they are amounts (a ratio has none).
    pub unit: Option<String>,
    /// Items seen.
    pub items: usize,
    /// Items whose value could not be computed (a fact not given, a rate not declared).
    pub excluded: usize,
    /// Over every item with a value; `None` when none had one.
    pub overall: Option<Statistics>,
    /// By group (`female`, `male`, `not recorded`), when the figure is grouped.
    pub by_group: Vec<(String, Statistics)>,
    /// Every item's value, in document order: summaries over many documents pool these
    /// (a median of medians is not a median).
    pub values: Vec<rust_decimal::Decimal>,
}

/// Findings counted by outcome (passes are not counted); summaries and comparisons with an
/// earlier audit both count this way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct OutcomeCounts {
    /// Violations.
    pub violations: usize,
    /// Gaps.
    pub gaps: usize,
    /// Not assessable.
    pub not_assessable: usize,
    /// For a person's review.
    pub reviews: usize,
    /// Waived.
    pub waived: usize,
}

impl OutcomeCounts {
    /// Counts one finding.
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Violation => self.violations += 1,
            Outcome::Gap => self.gaps += 1,
            Outcome::NotAssessable => self.not_assessable += 1,
            Outcome::Review => self.reviews += 1,
            Outcome::Waived => self.waived += 1,
            Outcome::Pass => {}
        }
    }

    /// All of them.
    pub fn total(&self) -> usize {
        self.violations + self.gaps + self.not_assessable + self.reviews + self.waived
    }

    /// Whether anything was counted.
    pub fn any(&self) -> bool {
        *self != OutcomeCounts::default()
    }
}

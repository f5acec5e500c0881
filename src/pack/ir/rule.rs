//! Checked rules and figures: the parts around the expressions — citations, severity,
//! outcome, exceptions, actor, message pieces, steps.

use super::{Ir, LookupIr};
use crate::diagnostic::{SourceFile, Span};

/// A checked figure: a statistic computed over the items of a list in each document.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    /// `SDG-10-7-1`
    pub id: String,
    /// `recruitment-cost-share`
    pub name: String,
    /// What it measures.
    pub title: String,
    /// Its documentation.
    pub docs: String,
    /// What it rests on: principles, guidelines and instruments.
    pub principles: Vec<u32>,
    /// Guideline ids.
    pub guidelines: Vec<String>,
    /// Instruments.
    pub instruments: Vec<InstrumentCite>,
    /// The kinds it is computed for.
    pub kinds: Vec<String>,
    /// `for each` bindings: slot and collection, outermost first.
    pub bindings: Vec<(usize, Ir)>,
    /// The value derived per item (a number, or an amount).
    pub value: Ir,
    /// The group of each item, when the figure is split by group.
    pub by: Option<Ir>,
    /// How many slots evaluation needs.
    pub slots: usize,
}

/// One step of a rule before its condition: a `for each` binding or a `with` lookup, in the
/// order they run (a lookup right after the last binding its key reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Step {
    /// `rule.bindings[i]`
    Bind(usize),
    /// `rule.lookups[i]`
    Lookup(usize),
}

/// `unless "label" condition`: a defence the document must establish.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ExceptionIr {
    /// What the defence is, in words.
    pub label: String,
    /// When it is established.
    pub condition: Ir,
    /// Established, it asks for a person's review instead of excusing the practice.
    pub review: bool,
}

/// `actor "template" relation`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ActorIr {
    /// Who, as a message template.
    pub who: Vec<MessagePiece>,
    /// The document subject's relation to the harm.
    pub relation: crate::finding::Relation,
}

/// A citation of an instrument other than the principles and guidelines.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InstrumentCite {
    /// The instrument's id, such as `C181`.
    pub id: String,
    /// Article, section or paragraph, when given.
    pub pinpoint: Option<String>,
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A serious abuse or forced-labour indicator.
    Critical,
    /// A clear breach of a principle.
    High,
    /// A breach with limited direct harm.
    Medium,
    /// A weakness worth fixing.
    Low,
}

impl Severity {
    /// Parses the rule-language word.
    pub fn parse(word: &str) -> Option<Severity> {
        match word {
            "critical" => Some(Severity::Critical),
            "high" => Some(Severity::High),
            "medium" => Some(Severity::Medium),
            "low" => Some(Severity::Low),
            _ => None,
        }
    }

    /// The rule-language word.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// What a rule reports when its condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RuleOutcome {
    /// The practice breaches the principle.
    Violation,
    /// A protection the document never states.
    Gap,
}

/// One piece of a message template.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum MessagePiece {
    /// Literal text.
    Text(String),
    /// An expression whose value is inserted, written in the given style.
    Value(Ir, ValueStyle),
}

/// How a value is written into a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ValueStyle {
    /// As it is.
    Plain,
    /// An enum value (`wage_deduction`) as words (`wage deduction`).
    Words,
    /// A language code with its name: `Nepali (nep)`.
    Language,
}

/// A loaded, checked rule.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    /// `FR-GP7-001`
    pub id: String,
    /// `worker-pays-recruitment-cost`
    pub name: String,
    /// Names the problem.
    pub title: String,
    /// General principle numbers.
    pub principles: Vec<u32>,
    /// Operational guideline ids.
    pub guidelines: Vec<String>,
    /// Conventions, named standards, national acts or fairrec practice it rests on.
    pub instruments: Vec<InstrumentCite>,
    /// Document kinds it applies to.
    pub kinds: Vec<String>,
    /// Enum values the rule is about (`FeeCategory`, `medical`), for coverage tables.
    pub covers: Vec<(String, String)>,
    /// How serious.
    pub severity: Severity,
    /// Violation or gap.
    pub outcome: RuleOutcome,
    /// Our paraphrase of the source text.
    pub source: String,
    /// The `///` documentation.
    pub docs: String,
    /// `for each` bindings: slot and collection, outermost first.
    pub bindings: Vec<(usize, Ir)>,
    /// `with` lookups of other documents.
    pub lookups: Vec<LookupIr>,
    /// Bindings and lookups in the order they run.
    pub steps: Vec<Step>,
    /// The names bound, by slot (for messages about missing lists).
    pub slot_names: Vec<String>,
    /// The condition.
    pub when: Ir,
    /// Defences that excuse the practice when the document establishes them.
    pub exceptions: Vec<ExceptionIr>,
    /// The node a finding points at.
    pub at: Option<Ir>,
    /// A second place a finding points at, possibly in another document.
    pub also_at: Option<Ir>,
    /// The message template.
    pub message: Vec<MessagePiece>,
    /// What to do about it.
    pub remedy: String,
    /// Who is responsible; the document's subject, which caused it, when not given.
    pub actor: Option<ActorIr>,
    /// Rule ids whose findings on the same item this rule's finding replaces.
    pub supersedes: Vec<String>,
    /// The overlay that added it (`None` for the pack itself).
    pub overlay: Option<usize>,
    /// The rule file it comes from.
    pub file: SourceFile,
    /// Where in that file.
    pub span: Span,
    /// The text of its conditions as written, for traces.
    pub written: super::RuleWritten,
}

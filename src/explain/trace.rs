//! What a trace holds: for one conclusion of one rule on one document, the items the rule
//! was looking at, its condition with every part marked true, false or unknown and the
//! values each part saw, the exceptions considered, and what the trace concludes. Plain data,
//! serialised as the `trace` object of a finding in the JSON format.

use serde::Serialize;

/// The trace of one conclusion of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// The rule's id.
    pub rule: String,
    /// What the trace concludes; the same as the finding's outcome (tests hold it to that).
    pub outcome: TraceOutcome,
    /// The `for each` items and `with` documents the conclusion is about, outermost first.
    pub items: Vec<TraceItem>,
    /// The rule's condition; none when the rule stopped before it (see `note`).
    pub condition: Option<Check>,
    /// The exceptions, in order; empty when the condition does not hold (none is needed).
    pub exceptions: Vec<ExceptionCheck>,
    /// For not assessable: the facts that would decide it, as YAML paths.
    pub deciding_facts: Vec<String>,
    /// Why the rule stopped before its condition, when it did.
    pub note: Option<String>,
}

/// What a trace concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TraceOutcome {
    /// The condition holds and no exception is established.
    Violation,
    /// As a violation, for a rule about a protection the document does not state.
    Gap,
    /// The condition holds and an exception a person must judge is claimed.
    Review,
    /// Facts the document does not give would decide it.
    NotAssessable,
    /// The condition holds or may hold, but an exception is established.
    Excused,
    /// The condition does not hold.
    Pass,
}

impl TraceOutcome {
    /// In words, for people.
    pub fn words(self) -> &'static str {
        match self {
            TraceOutcome::Violation => "violation",
            TraceOutcome::Gap => "gap",
            TraceOutcome::Review => "needs review",
            TraceOutcome::NotAssessable => "not assessable",
            TraceOutcome::Excused => "excused",
            TraceOutcome::Pass => "pass",
        }
    }
}

/// A `for each` item or a `with` document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceItem {
    /// The rule's name for it: `document`.
    pub name: String,
    /// Where it comes from, as the rule writes it: `documents`, or the kind looked up.
    pub from: String,
    /// Where it is: its YAML path, line and (for another document) file; none when a
    /// looked-up document is not in the run.
    pub place: Option<ValuePlace>,
    /// Its fields that hold a single value, in document order.
    pub fields: Vec<SeenValue>,
}

/// Whether a condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// It holds.
    True,
    /// It does not hold.
    False,
    /// Facts not given would decide it.
    Unknown,
    /// Not evaluated: the other side of `and`/`or` already decided.
    NotNeeded,
}

impl Verdict {
    /// In words, for people.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::True => "true",
            Verdict::False => "false",
            Verdict::Unknown => "unknown",
            Verdict::NotNeeded => "not needed",
        }
    }
}

/// One condition or part of one, as written in the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// The rule's text for it: `custody.held_by != worker`.
    pub text: String,
    /// Whether it holds.
    pub result: Verdict,
    /// For unknown: the facts missing.
    pub missing: Vec<String>,
    /// The values it compared or read.
    pub values: Vec<SeenValue>,
    /// Its parts: the two sides of `and`/`or`, the inside of `not`, a named condition's
    /// body, or one entry per item of `any`/`all`.
    pub parts: Vec<Check>,
}

/// A value a condition saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeenValue {
    /// The rule's text for it: `custody.held_by`.
    pub text: String,
    /// The value; none when the document does not give it, or when it is personal data
    /// and traces hide it.
    pub value: Option<String>,
    /// Personal data, hidden (`--show-personal-data` shows it).
    pub hidden: bool,
    /// Where it is written, when read from a document.
    pub place: Option<ValuePlace>,
}

/// Where a value is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValuePlace {
    /// YAML path in its document.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// The file, when it is another document than the one checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// An exception (`unless`) and why it did or did not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExceptionCheck {
    /// The defence, in the rule's words.
    pub label: String,
    /// Established, it asks for a person's review instead of excusing.
    pub review: bool,
    /// `true`: established; `false`: the document shows it does not apply; `unknown`: the
    /// document does not give the facts that would establish it.
    pub result: Verdict,
    /// For unknown: the facts that would establish it.
    pub needs: Vec<String>,
    /// Its condition, part by part.
    pub condition: Check,
}

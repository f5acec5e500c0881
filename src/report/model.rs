//! The report model: one run as plain data — the run's header (versions, hashes, date,
//! overlays, parameters, the rules cited), each document's verdict and findings with their
//! places, the inputs with their SHA-256, the run's errors and the summary. Every format
//! renders it; none of it holds a source text, so a whole run can be collected cheaply.
//! Built from the pack and the checked results by `collect`.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::diagnostic::{ErrorCode, SourceError};
use crate::digest::InputFile;
use crate::finding::{Change, Comparison, Outcome, Relation, Unmatched, Verdict, WaiverNote};
use crate::pack::ir::Severity;

pub use super::summary::Summary;

/// A whole run, for the formats that need all of it before they write (SARIF, Markdown,
/// CSV, JUnit); JSON and human output stream the same parts one by one.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Versions, hashes, date, overlays, parameters, and the rules and principles cited.
    pub header: RunHeader,
    /// Every document, in input order.
    pub documents: Vec<DocumentReport>,
    /// Every input file with its digest, in input order.
    pub inputs: Vec<InputFile>,
    /// Errors of the run itself: why it stopped before checking any document, or a waiver
    /// file or baseline that could not be used; empty when there were none.
    pub errors: Vec<ErrorEntry>,
    /// Totals and summaries over the documents.
    pub summary: Summary,
}

/// What every report states before its results, so that it can be reproduced.
#[derive(Debug, Clone, Serialize)]
pub struct RunHeader {
    /// fairrec's version (`Cargo.toml`).
    pub tool_version: &'static str,
    /// The version of the JSON format.
    pub format_version: u32,
    /// What a finding means (non-binding guidance, not a legal ruling).
    pub notice: &'static str,
    /// The rule pack's hash; `None` when the run stopped before the pack loaded.
    pub rules_hash: Option<String>,
    /// The check date, `YYYY-MM-DD`; `None` when the run stopped before it was known.
    pub as_of: Option<String>,
    /// The overlays applied, in order.
    pub overlays: Vec<OverlayInfo>,
    /// Every parameter with the value used and its source.
    pub parameters: Vec<ParameterInfo>,
    /// Rules switched off by an overlay, with the justification.
    pub disabled_rules: Vec<DisabledInfo>,
    /// The pack's rules, in pack order: findings name them by index.
    pub rules: Vec<RuleInfo>,
    /// The pack's general principles, by number.
    pub principles: Vec<PrincipleInfo>,
    /// The pack's figures, in declaration order: figure results name them by index.
    pub figures: Vec<FigureInfo>,
}

/// An overlay applied on top of the pack.
#[derive(Debug, Clone, Serialize)]
pub struct OverlayInfo {
    /// Its name.
    pub name: String,
    /// The jurisdiction whose law it states.
    pub jurisdiction: String,
    /// The folder it was read from, as given.
    pub dir: String,
    /// A short hash of its files.
    pub hash: String,
}

/// A parameter and the value a run used.
#[derive(Debug, Clone, Serialize)]
pub struct ParameterInfo {
    /// Its name.
    pub name: String,
    /// The value used, as written.
    pub value: String,
    /// `fairrec default`, or the overlay and the act it cites.
    pub source: String,
}

/// A rule an overlay switched off.
#[derive(Debug, Clone, Serialize)]
pub struct DisabledInfo {
    /// The rule's id.
    pub rule: String,
    /// The rule's title.
    pub title: String,
    /// The overlay that disabled it.
    pub overlay: Option<String>,
    /// The justification.
    pub because: String,
}

/// A general principle.
#[derive(Debug, Clone, Serialize)]
pub struct PrincipleInfo {
    /// 1 to 13.
    pub number: u32,
    /// Its short title.
    pub title: String,
}

/// A figure the pack computes per document (SDG indicator 10.7.1).
#[derive(Debug, Clone, Serialize)]
pub struct FigureInfo {
    /// `SDG-10-7-1`
    pub id: String,
    /// What it measures.
    pub title: String,
}

/// A rule as reports cite it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    /// Its stable id, `FR-GP7-001`.
    pub id: String,
    /// Its kebab-case name, naming the problem.
    pub name: String,
    /// Its title.
    pub title: String,
    /// General principle numbers.
    pub principles: Vec<u32>,
    /// Operational guidelines cited.
    pub guidelines: Vec<GuidelineCite>,
    /// Conventions, standards, national acts or fairrec practice cited.
    pub instruments: Vec<InstrumentCiteInfo>,
    /// How serious.
    pub severity: Severity,
    /// What to do about a finding.
    pub remedy: String,
    /// The pack's paraphrase of the source text.
    pub source: String,
}

/// An operational guideline cited by a rule.
#[derive(Debug, Clone, Serialize)]
pub struct GuidelineCite {
    /// Its content id, `OG.REC.NO_FEES`.
    pub id: String,
    /// The actor it addresses; empty when the pack does not declare it.
    pub actor: String,
    /// Its short title; empty when the pack does not declare it.
    pub title: String,
}

/// An instrument cited by a rule.
#[derive(Debug, Clone, Serialize)]
pub struct InstrumentCiteInfo {
    /// `C181`
    pub id: String,
    /// `Art. 7(1)`, when given.
    pub pinpoint: Option<String>,
    /// The instrument and pinpoint in words.
    pub title: String,
}

/// One YAML document (or one file that could not be read or parsed).
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    /// The file, as given or found.
    pub path: String,
    /// Its position in the file, from 0.
    pub index: usize,
    /// Its kind, when it could be read.
    pub kind: Option<String>,
    /// Its name, when it could be read.
    pub name: Option<String>,
    /// Its stable id (its own `id`, or derived from its kind, name and id fields), when
    /// its envelope could be read.
    pub id: Option<String>,
    /// What the check concludes about it.
    pub verdict: Verdict,
    /// Violations, gaps, reviews and not-assessable results, in rule order.
    pub findings: Vec<FindingReport>,
    /// Why it was not evaluated.
    pub errors: Vec<ErrorEntry>,
    /// Rules that applied and found nothing, by index in [`RunHeader::rules`].
    pub passed: Vec<usize>,
    /// The pack's figures for it.
    pub figures: Vec<FigureReport>,
    /// Its corridors, each as `(field, value)` pairs of the corridor key.
    pub corridors: Vec<Vec<(String, String)>>,
    /// Rules not applied because a document they read is not in the run.
    pub unmatched: Vec<Unmatched>,
    /// Compared with the earlier audit (`--baseline`); `None` without one.
    pub comparison: Option<Comparison>,
}

impl DocumentReport {
    /// How many findings have this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.findings
            .iter()
            .filter(|f| f.outcome == outcome)
            .count()
    }

    /// `agency "Name"`, `agency`, or `document`, as headings print it (not escaped).
    pub fn what(&self) -> String {
        match (&self.kind, &self.name) {
            (Some(kind), Some(name)) => format!("{kind} \"{name}\""),
            (Some(kind), None) => kind.clone(),
            _ => "document".to_string(),
        }
    }
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct FindingReport {
    /// The rule, by index in [`RunHeader::rules`].
    pub rule: usize,
    /// What was concluded.
    pub outcome: Outcome,
    /// The rule's message with the document's facts filled in.
    pub message: String,
    /// Where it points: line and column (1-based, in characters) and YAML path.
    pub location: Location,
    /// The YAML text it points at, as written, when that is one short line (`agency`,
    /// `120000 NPR`): the offending value a report quotes. Not in the JSON format.
    pub value: Option<String>,
    /// For not assessable: the paths the document leaves out.
    pub missing: Vec<String>,
    /// A second place, often in another file.
    pub related: Option<RelatedLocation>,
    /// The rule's exceptions, none established.
    pub exceptions: Vec<ExceptionReport>,
    /// For review: the exception claimed, which a person must judge.
    pub review: Option<String>,
    /// Who is responsible.
    pub actor: Option<ActorReport>,
    /// Rules whose findings on the same item this one replaces, by index.
    pub also_breaches: Vec<usize>,
    /// For waived: the waiver and the outcome it would otherwise have.
    pub waiver: Option<WaiverNote>,
    /// New or unchanged since the earlier audit; `None` without one.
    pub change: Option<Change>,
    /// Why it was made (`--explain`); `None` without it. Only the human and JSON formats
    /// show it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<crate::explain::Trace>,
}

/// A place in the document's own file.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// YAML path, `costs[0].paid_by`; empty for the document itself.
    pub path: String,
}

/// A place in any file of the run.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedLocation {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// YAML path in that document.
    pub path: String,
}

/// An exception that was not established.
#[derive(Debug, Clone, Serialize)]
pub struct ExceptionReport {
    /// The defence, in words.
    pub label: String,
    /// `not_established` (shown not to apply) or `not_shown` (facts not given).
    pub status: &'static str,
    /// The facts that would establish it.
    pub needs: Vec<String>,
}

/// Who a finding holds responsible.
#[derive(Debug, Clone, Serialize)]
pub struct ActorReport {
    /// The actor, in words.
    pub name: String,
    /// The document's subject's relation to the harm.
    pub relation: Relation,
}

/// One figure for one document.
#[derive(Debug, Clone, Serialize)]
pub struct FigureReport {
    /// The figure, by index in [`RunHeader::figures`].
    pub figure: usize,
    /// The currency of the values, for amounts.
    pub unit: Option<String>,
    /// Items seen.
    pub items: usize,
    /// Items without a value.
    pub excluded: usize,
    /// Over every item with a value.
    pub overall: Option<Stats>,
    /// By group (sex), when grouped.
    pub by_group: Vec<(String, Stats)>,
}

/// n, mean, median and 80th percentile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// How many values.
    pub n: usize,
    /// Their mean.
    pub mean: Decimal,
    /// Their median.
    pub median: Decimal,
    /// Their 80th percentile.
    pub p80: Decimal,
}

impl From<&crate::finding::Statistics> for Stats {
    fn from(s: &crate::finding::Statistics) -> Self {
        Self {
            n: s.n,
            mean: s.mean,
            median: s.median,
            p80: s.p80,
        }
    }
}

/// A located error: of a document (why it was not evaluated) or of the run (why it stopped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorEntry {
    /// A stable code, such as `fairrec::rules::unknown-field`.
    #[serde(serialize_with = "code_text")]
    pub code: ErrorCode,
    /// One line, lowercase, no final period.
    pub message: String,
    /// Advice, when there is some.
    pub help: Option<String>,
    /// The file or folder the error is about, when there is one.
    pub file: Option<String>,
    /// The 1-based line and column (in characters) in `file`, when the error points inside it.
    pub position: Option<(usize, usize)>,
}

fn code_text<S: serde::Serializer>(code: &ErrorCode, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(code.as_str())
}

impl ErrorEntry {
    /// An error with a code and a message, and nothing else yet.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            help: None,
            file: None,
            position: None,
        }
    }

    /// Adds advice.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Names the file or folder the error is about.
    pub fn with_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
}

impl From<&SourceError> for ErrorEntry {
    fn from(error: &SourceError) -> Self {
        // An error about a whole file (it could not be read) points at no place in it.
        let position = (!error.file().text.is_empty()).then(|| error.line_column());
        Self {
            code: error.code(),
            message: error.message().to_string(),
            help: error.help().map(str::to_string),
            file: Some(error.file().name.to_string()),
            position,
        }
    }
}

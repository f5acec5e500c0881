//! JSON output, format version 1 (docs/json-format.md). Written as a stream: the header,
//! then each document as it is checked, then the run's errors and the summary. A run that
//! stops before checking anything writes the same envelope with no documents.

use serde_json::{json, Value};
use std::io::{self, Write};

use super::Totals;
use crate::batch::DocumentResult;
use crate::diagnostic::{ErrorCode, SourceError};
use crate::finding::Verdict;
use crate::pack::RulePack;

/// The version of the JSON format; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

/// Writes a JSON report incrementally.
pub struct JsonReport<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonReport<W> {
    /// Writes the header.
    pub fn start(out: W, pack: &RulePack, as_of: &str) -> io::Result<Self> {
        Self::open(out, Some(pack), Some(as_of))
    }

    /// Writes the header; the pack's hash, overlays, parameters and disabled rules, and the
    /// date, are `null` or empty when not known.
    fn open(mut out: W, pack: Option<&RulePack>, as_of: Option<&str>) -> io::Result<Self> {
        let header = json!({
            "version": FORMAT_VERSION,
            "notice": crate::catalogue::NOTICE,
            "rules_hash": pack.map(|p| p.hash.as_str()),
            "as_of": as_of,
            "overlays": pack.map_or_else(Vec::new, |pack| pack.overlays.iter().map(|o| json!({
                "name": o.name, "jurisdiction": o.jurisdiction, "dir": o.dir, "hash": o.hash,
            })).collect()),
            "parameters": pack.map_or_else(Vec::new, |pack| pack.params.iter().map(|p| json!({
                "name": p.name, "value": p.value.to_string(), "source": pack.param_source(p),
            })).collect()),
            "disabled_rules": pack.map_or_else(Vec::new, |pack| pack.disabled.iter().map(|d| json!({
                "rule": d.id,
                "title": d.title,
                "overlay": pack.overlays.get(d.overlay).map(|o| o.name.as_str()),
                "because": d.because,
            })).collect()),
        });
        write!(out, "{{\"fairrec\":{header},\"documents\":[")?;
        Ok(Self { out, first: true })
    }

    /// Writes one document.
    pub fn document(&mut self, pack: &RulePack, result: &DocumentResult) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        serde_json::to_writer(&mut self.out, &document_json(pack, result))?;
        Ok(())
    }

    /// Writes the summary and closes the object.
    pub fn finish(self, totals: &Totals) -> io::Result<W> {
        self.close(totals, &[])
    }

    /// Writes the run's own errors and the summary, and closes the object.
    fn close(mut self, totals: &Totals, errors: &[ErrorEntry]) -> io::Result<W> {
        let errors: Vec<Value> = errors.iter().map(ErrorEntry::to_json).collect();
        let verdicts: serde_json::Map<String, Value> = Verdict::ALL
            .iter()
            .map(|v| (v.as_str().to_string(), json!(totals.with_verdict(*v))))
            .collect();
        let summary = json!({
            "documents": totals.documents,
            "violations": totals.violations,
            "gaps": totals.gaps,
            "not_assessable": totals.not_assessable,
            "reviews": totals.reviews,
            "errors": totals.errors,
            "verdicts": verdicts,
        });
        writeln!(
            self.out,
            "],\"errors\":{},\"summary\":{summary}}}",
            Value::Array(errors)
        )?;
        Ok(self.out)
    }
}

/// Writes the whole report of a run that stopped before checking any document (arguments
/// that make no sense, a rule pack that does not load): the usual envelope, no documents,
/// `errors` saying why, and `null` for a rules hash or date not known yet.
pub fn write_stopped<W: Write>(
    out: W,
    pack: Option<&RulePack>,
    as_of: Option<&str>,
    errors: &[ErrorEntry],
) -> io::Result<W> {
    let totals = Totals {
        errors: errors.len(),
        ..Totals::default()
    };
    JsonReport::open(out, pack, as_of)?.close(&totals, errors)
}

/// An error as the JSON report lists it: in a document's `errors` (why the document was not
/// evaluated) or in the report's own `errors` (why the run stopped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEntry {
    /// A stable code, such as `fairrec::rules::unknown-field`.
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

    /// The error as a JSON object: `code`, `message`, `help`, `file` and `location`
    /// (`file`, `line`, `column`; `null` when the error points at no place in a file).
    pub fn to_json(&self) -> Value {
        let location = match self.position {
            Some((line, column)) => json!({"file": self.file, "line": line, "column": column}),
            None => Value::Null,
        };
        json!({
            "code": self.code.as_str(),
            "message": self.message,
            "help": self.help,
            "file": self.file,
            "location": location,
        })
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

/// One document as a JSON value.
pub fn document_json(pack: &RulePack, result: &DocumentResult) -> Value {
    let findings: Vec<Value> = result
        .findings
        .findings
        .iter()
        .map(|finding| {
            let rule = &pack.rules[finding.rule];
            let (line, column) = result.file.line_column(finding.span.start);
            let related = finding.related.as_ref().map(|related| {
                let (line, column) = related.file.line_column(related.span.start);
                json!({"file": related.file.name.as_ref(), "line": line, "column": column, "path": related.path})
            });
            let exceptions: Vec<Value> = finding
                .exceptions
                .iter()
                .map(|e| {
                    let status = if e.needs.is_empty() { "not_established" } else { "not_shown" };
                    json!({"label": e.label, "status": status, "needs": e.needs})
                })
                .collect();
            let instruments: Vec<Value> = rule
                .instruments
                .iter()
                .map(|c| json!({"id": c.id, "pinpoint": c.pinpoint, "title": pack.cite_text(c)}))
                .collect();
            let also: Vec<Value> = finding
                .merged
                .iter()
                .map(|index| {
                    let other = &pack.rules[*index];
                    json!({"rule": other.id, "title": other.title, "principles": other.principles})
                })
                .collect();
            let actor = finding
                .actor
                .as_ref()
                .map(|a| json!({"name": a.name, "relation": a.relation}));
            json!({
                "actor": actor,
                "also_breaches": also,
                "review": finding.review,
                "rule": rule.id,
                "title": rule.title,
                "principles": rule.principles,
                "guidelines": rule.guidelines,
                "instruments": instruments,
                "exceptions": exceptions,
                "related": related,
                "severity": rule.severity,
                "outcome": finding.outcome,
                "message": finding.message,
                "remedy": rule.remedy,
                "location": {"line": line, "column": column, "path": finding.path},
                "missing": finding.missing,
            })
        })
        .collect();
    let errors: Vec<Value> = result
        .errors
        .iter()
        .map(|error| ErrorEntry::from(error).to_json())
        .collect();
    let figures: Vec<Value> = result
        .findings
        .figures
        .iter()
        .filter_map(|f| {
            let figure = pack.figures.get(f.figure)?;
            let stats = |s: &crate::finding::Statistics| {
                json!({
                    "n": s.n,
                    "mean": s.mean.round_dp(4).normalize().to_string(),
                    "median": s.median.round_dp(4).normalize().to_string(),
                    "p80": s.p80.round_dp(4).normalize().to_string(),
                })
            };
            let by: serde_json::Map<String, Value> = f
                .by_group
                .iter()
                .map(|(g, s)| (g.clone(), stats(s)))
                .collect();
            Some(json!({
                "id": figure.id,
                "title": figure.title,
                "unit": f.unit,
                "items": f.items,
                "excluded": f.excluded,
                "overall": f.overall.as_ref().map(stats),
                "by": by,
            }))
        })
        .collect();
    json!({
        "figures": figures,
        "verdict": result.verdict(),
        "path": result.file.name.as_ref(),
        "index": result.index,
        "kind": result.kind,
        "name": result.name,
        "findings": findings,
        "errors": errors,
        "passed": result.findings.passed.len(),
    })
}

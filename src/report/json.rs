//! JSON output, format version 1 (docs/json-format.md). Written as a stream: the header,
//! then each document as it is checked, then the run's errors, the inputs with their
//! SHA-256 and the summary. A run that stops before checking anything writes the same
//! envelope with no documents (through [`render`] of a report with only errors). What
//! audits add (ids, waivers, the comparison with an earlier audit) is written by
//! `json_audit`. Keys inside each object come out in alphabetical order
//! (serde_json's map), so the text depends on nothing but the results.

use serde_json::{json, Map, Value};
use std::io::{self, Write};

use super::collect;
use super::model::{
    DocumentReport, ErrorEntry as Entry, FigureReport, FindingReport, Report, RunHeader, Stats,
};
use super::summary::{PooledFigure, Summary, SEVERITIES};
use crate::batch::DocumentResult;
use crate::digest::InputFile;
use crate::finding::Verdict;
use crate::pack::RulePack;

pub use super::collect::FORMAT_VERSION;
pub use super::model::ErrorEntry;

/// Writes a JSON report incrementally.
pub struct JsonReport<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonReport<W> {
    /// Writes the header.
    pub fn start(mut out: W, header: &RunHeader) -> io::Result<Self> {
        write!(
            out,
            "{{\"fairrec\":{},\"documents\":[",
            header_value(header)
        )?;
        Ok(Self { out, first: true })
    }

    /// Writes one document.
    pub fn document(&mut self, header: &RunHeader, document: &DocumentReport) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        serde_json::to_writer(&mut self.out, &document_value(header, document))?;
        Ok(())
    }

    /// Writes the run's own errors, the inputs and the summary, and closes the object.
    pub fn finish(
        mut self,
        header: &RunHeader,
        errors: &[ErrorEntry],
        inputs: &[InputFile],
        summary: &Summary,
    ) -> io::Result<W> {
        let errors: Vec<Value> = errors.iter().map(ErrorEntry::to_json).collect();
        let inputs: Vec<Value> = inputs
            .iter()
            .map(|i| json!({"path": i.path, "sha256": i.sha256, "bytes": i.bytes}))
            .collect();
        writeln!(
            self.out,
            "],\"errors\":{},\"inputs\":{},\"summary\":{}}}",
            Value::Array(errors),
            Value::Array(inputs),
            summary_value(header, summary)
        )?;
        Ok(self.out)
    }
}

/// A collected report as JSON text (the same bytes the streaming writer gives).
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    let written = JsonReport::start(&mut out, &report.header).and_then(|mut json| {
        for document in &report.documents {
            json.document(&report.header, document)?;
        }
        json.finish(
            &report.header,
            &report.errors,
            &report.inputs,
            &report.summary,
        )
    });
    // Writing into a Vec cannot fail, and serde_json writes UTF-8.
    let _ = written;
    String::from_utf8(out).unwrap_or_default()
}

impl Entry {
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

/// The overlays of the run, as every JSON-based format lists them.
pub(super) fn overlays_value(header: &RunHeader) -> Value {
    header
        .overlays
        .iter()
        .map(|o| json!({"name": o.name, "jurisdiction": o.jurisdiction, "dir": o.dir, "hash": o.hash}))
        .collect()
}

/// The parameters in force with their sources, as every JSON-based format lists them.
pub(super) fn parameters_value(header: &RunHeader) -> Value {
    header
        .parameters
        .iter()
        .map(|p| json!({"name": p.name, "value": p.value, "source": p.source}))
        .collect()
}

fn header_value(header: &RunHeader) -> Value {
    json!({
        "version": header.format_version,
        "tool_version": header.tool_version,
        "notice": header.notice,
        "rules_hash": header.rules_hash,
        "as_of": header.as_of,
        "overlays": overlays_value(header),
        "parameters": parameters_value(header),
        "disabled_rules": header.disabled_rules.iter().map(|d| json!({
            "rule": d.rule, "title": d.title, "overlay": d.overlay, "because": d.because,
        })).collect::<Vec<_>>(),
    })
}

/// One document as a JSON value, for tools and tests; the command line builds the header
/// once and calls [`document_value`].
pub fn document_json(pack: &RulePack, result: &DocumentResult) -> Value {
    document_value(
        &collect::header(Some(pack), None),
        &collect::document(result),
    )
}

/// One document of the model as a JSON value.
pub fn document_value(header: &RunHeader, document: &DocumentReport) -> Value {
    let findings: Vec<Value> = document
        .findings
        .iter()
        .map(|f| finding_value(header, f))
        .collect();
    let errors: Vec<Value> = document.errors.iter().map(ErrorEntry::to_json).collect();
    let figures: Vec<Value> = document
        .figures
        .iter()
        .filter_map(|f| figure_value(header, f))
        .collect();
    let corridors: Vec<Value> = document.corridors.iter().map(|k| key_value(k)).collect();
    let mut value = json!({
        "figures": figures,
        "verdict": document.verdict,
        "path": document.path,
        "index": document.index,
        "kind": document.kind,
        "name": document.name,
        "findings": findings,
        "errors": errors,
        "passed": document.passed.len(),
        "corridors": corridors,
    });
    super::json_audit::add_document(header, document, &mut value);
    value
}

fn finding_value(header: &RunHeader, finding: &FindingReport) -> Value {
    let Some(rule) = header.rules.get(finding.rule) else {
        return Value::Null;
    };
    let also: Vec<Value> = finding
        .also_breaches
        .iter()
        .filter_map(|index| header.rules.get(*index))
        .map(
            |other| json!({"rule": other.id, "title": other.title, "principles": other.principles}),
        )
        .collect();
    let guidelines: Vec<&str> = rule.guidelines.iter().map(|g| g.id.as_str()).collect();
    let mut value = json!({
        "actor": finding.actor.as_ref().map(|a| json!({"name": a.name, "relation": a.relation})),
        "also_breaches": also,
        "review": finding.review,
        "rule": rule.id,
        "title": rule.title,
        "principles": rule.principles,
        "guidelines": guidelines,
        "instruments": rule.instruments.iter().map(|c| json!({
            "id": c.id, "pinpoint": c.pinpoint, "title": c.title,
        })).collect::<Vec<_>>(),
        "exceptions": finding.exceptions.iter().map(|e| json!({
            "label": e.label, "status": e.status, "needs": e.needs,
        })).collect::<Vec<_>>(),
        "related": finding.related.as_ref().map(|r| json!({
            "file": r.file, "line": r.line, "column": r.column, "path": r.path,
        })),
        "severity": rule.severity,
        "outcome": finding.outcome,
        "message": finding.message,
        "remedy": rule.remedy,
        "location": {
            "line": finding.location.line,
            "column": finding.location.column,
            "path": finding.location.path,
        },
        "missing": finding.missing,
    });
    super::json_audit::add_finding(finding, &mut value);
    if let Some(trace) = &finding.trace {
        value["trace"] = serde_json::to_value(trace).unwrap_or(Value::Null);
    }
    value
}

/// n, mean, median and p80 as strings of at most four decimals.
fn stats_value(s: &Stats) -> Value {
    json!({
        "n": s.n,
        "mean": s.mean.round_dp(4).normalize().to_string(),
        "median": s.median.round_dp(4).normalize().to_string(),
        "p80": s.p80.round_dp(4).normalize().to_string(),
    })
}

fn figure_value(header: &RunHeader, figure: &FigureReport) -> Option<Value> {
    let info = header.figures.get(figure.figure)?;
    let by: Map<String, Value> = figure
        .by_group
        .iter()
        .map(|(g, s)| (g.clone(), stats_value(s)))
        .collect();
    Some(json!({
        "id": info.id,
        "title": info.title,
        "unit": figure.unit,
        "items": figure.items,
        "excluded": figure.excluded,
        "overall": figure.overall.as_ref().map(stats_value),
        "by": by,
    }))
}

fn pooled_value(header: &RunHeader, figure: &PooledFigure) -> Option<Value> {
    let info = header.figures.get(figure.figure)?;
    Some(json!({
        "id": info.id,
        "title": info.title,
        "unit": figure.unit,
        "overall": figure.stats.as_ref().map(stats_value),
        "excluded": figure.excluded,
        "shared": figure.shared,
    }))
}

fn key_value(key: &[(String, String)]) -> Value {
    Value::Object(
        key.iter()
            .map(|(field, value)| (field.clone(), Value::String(value.clone())))
            .collect(),
    )
}

pub(crate) fn summary_value(header: &RunHeader, summary: &Summary) -> Value {
    let totals = &summary.totals;
    let verdicts: Map<String, Value> = Verdict::ALL
        .iter()
        .map(|v| (v.as_str().to_string(), json!(totals.with_verdict(*v))))
        .collect();
    let counts = |c: &super::summary::OutcomeCounts| {
        json!({"violations": c.violations, "gaps": c.gaps,
               "not_assessable": c.not_assessable, "reviews": c.reviews, "waived": c.waived})
    };
    let principles: Vec<Value> = summary
        .principles
        .iter()
        .map(|p| {
            let by: Map<String, Value> = p
                .by_severity
                .iter()
                .map(|(s, c)| (s.as_str().to_string(), counts(c)))
                .collect();
            let mut value = counts(&p.counts);
            value["principle"] = json!(p.number);
            value["title"] = json!(p.title);
            value["documents"] = json!(p.documents);
            value["by_severity"] = Value::Object(by);
            value
        })
        .collect();
    let ranking: Vec<Value> = summary
        .ranking
        .iter()
        .map(|r| {
            let by: Map<String, Value> = SEVERITIES
                .iter()
                .zip(r.violations_by_severity)
                .map(|(s, n)| (s.as_str().to_string(), json!(n)))
                .collect();
            let mut value = counts(&r.counts);
            value["rank"] = json!(r.rank);
            value["path"] = json!(r.path);
            value["index"] = json!(r.index);
            value["kind"] = json!(r.kind);
            value["name"] = json!(r.name);
            value["verdict"] = json!(r.verdict);
            value["violations_by_severity"] = Value::Object(by);
            value
        })
        .collect();
    let corridors: Vec<Value> = summary
        .corridors
        .iter()
        .map(|c| {
            json!({
                "corridor": c.label,
                "key": key_value(&c.key),
                "documents": c.documents,
                "violations": c.violations,
                "gaps": c.gaps,
                "figures": c.figures.iter().filter_map(|f| pooled_value(header, f)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let figures: Vec<Value> = summary
        .figures
        .iter()
        .filter_map(|f| pooled_value(header, f))
        .collect();
    let mut value = json!({
        "documents": totals.documents,
        "violations": totals.violations,
        "gaps": totals.gaps,
        "not_assessable": totals.not_assessable,
        "reviews": totals.reviews,
        "waived": totals.waived,
        "errors": totals.errors,
        "verdicts": verdicts,
        "principles": principles,
        "ranking": ranking,
        "corridors": corridors,
        "figures": figures,
    });
    super::json_audit::add_summary(header, summary, &mut value);
    value
}

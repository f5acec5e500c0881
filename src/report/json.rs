//! JSON output, format version 1 (docs/json-format.md). Written as a stream: the header,
//! then each document as it is checked, then the summary.

use serde_json::{json, Value};
use std::io::{self, Write};

use super::Totals;
use crate::batch::DocumentResult;
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
    pub fn start(mut out: W, pack: &RulePack, as_of: &str) -> io::Result<Self> {
        let header = json!({
            "version": FORMAT_VERSION,
            "rules_hash": pack.hash,
            "as_of": as_of,
            "overlays": pack.overlays.iter().map(|o| json!({
                "name": o.name, "jurisdiction": o.jurisdiction, "dir": o.dir, "hash": o.hash,
            })).collect::<Vec<_>>(),
            "parameters": pack.params.iter().map(|p| json!({
                "name": p.name, "value": p.value.to_string(), "source": pack.param_source(p),
            })).collect::<Vec<_>>(),
            "disabled_rules": pack.disabled.iter().map(|d| json!({
                "rule": d.id,
                "title": d.title,
                "overlay": pack.overlays.get(d.overlay).map(|o| o.name.as_str()),
                "because": d.because,
            })).collect::<Vec<_>>(),
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
    pub fn finish(mut self, totals: &Totals) -> io::Result<W> {
        let summary = json!({
            "documents": totals.documents,
            "violations": totals.violations,
            "gaps": totals.gaps,
            "not_assessable": totals.not_assessable,
            "errors": totals.errors,
        });
        writeln!(self.out, "],\"summary\":{summary}}}")?;
        Ok(self.out)
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
            json!({
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
        .map(|error| {
            let (line, column) = error.line_column();
            json!({"code": error.code().as_str(), "message": error.message(), "help": error.help(), "location": {"line": line, "column": column}})
        })
        .collect();
    json!({
        "path": result.file.name.as_ref(),
        "index": result.index,
        "kind": result.kind,
        "name": result.name,
        "findings": findings,
        "errors": errors,
        "passed": result.findings.passed.len(),
    })
}

//! JSON output, format version 1 (docs/json-format.md). Written as a stream: the header,
//! then each document as it is checked, then the run's errors, the inputs with their
//! SHA-256 and the summary. A run that stops before checking anything writes the same
//! envelope with no documents (through [`render`] of a report with only errors). What
//! audits add (ids, waivers, the comparison with an earlier audit) is written by
//! `json_audit`. Nothing is built in memory first: each object borrows the report model
//! and is serialised straight to the writer (`json_object`). Keys inside each object come
//! out in byte order, so the text depends on nothing but the results.

use serde::Serialize;
use serde_json::Value;
use std::io::{self, Write};

use super::collect;
use super::json_audit;
use super::json_object::{object, write_compact, Omit, Seq, SortedMap};
use super::model::{DocumentReport, FigureReport, FindingReport, Report, RunHeader, Stats};
use super::summary::{OutcomeCounts, PooledFigure, Summary, SEVERITIES};
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
        out.write_all(b"{\"fairrec\":")?;
        write_compact(&mut out, &header_json(header))?;
        out.write_all(b",\"documents\":[")?;
        Ok(Self { out, first: true })
    }

    /// Writes one document.
    pub fn document(&mut self, header: &RunHeader, document: &DocumentReport) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        write_compact(&mut self.out, &document_json_view(header, document))
    }

    /// Writes the run's own errors, the inputs and the summary, and closes the object.
    pub fn finish(
        mut self,
        header: &RunHeader,
        errors: &[ErrorEntry],
        inputs: &[InputFile],
        summary: &Summary,
    ) -> io::Result<W> {
        self.out.write_all(b"],\"errors\":")?;
        write_compact(&mut self.out, &Seq(|| errors.iter().map(error)))?;
        self.out.write_all(b",\"inputs\":")?;
        write_compact(&mut self.out, &Seq(|| inputs.iter().map(input)))?;
        self.out.write_all(b",\"summary\":")?;
        write_compact(&mut self.out, &summary_json(header, summary))?;
        self.out.write_all(b"}\n")?;
        Ok(self.out)
    }
}

/// Writes a collected report as JSON (the same bytes the streaming writer gives).
pub fn write<W: Write>(report: &Report, out: W) -> io::Result<W> {
    let mut json = JsonReport::start(out, &report.header)?;
    for document in &report.documents {
        json.document(&report.header, document)?;
    }
    json.finish(
        &report.header,
        &report.errors,
        &report.inputs,
        &report.summary,
    )
}

/// A collected report as JSON text.
pub fn render(report: &Report) -> String {
    // Writing into a Vec cannot fail, and serde_json writes UTF-8.
    let out = write(report, Vec::new()).unwrap_or_default();
    String::from_utf8(out).unwrap_or_default()
}

/// An error as JSON: `code`, `message`, `help`, `file` and `location` (`file`, `line`,
/// `column`; `null` when the error points at no place in a file).
pub fn error(entry: &ErrorEntry) -> impl Serialize + '_ {
    object! {
        "code": entry.code.as_str(),
        "file": &entry.file,
        "help": &entry.help,
        "location": entry.position.map(|(line, column)| object! {
            "column": column,
            "file": &entry.file,
            "line": line,
        }),
        "message": &entry.message,
    }
}

fn input(input: &InputFile) -> impl Serialize + '_ {
    object! { "bytes": input.bytes, "path": &input.path, "sha256": &input.sha256 }
}

/// The overlays of the run, as every JSON-based format lists them.
pub(super) fn overlays(header: &RunHeader) -> impl Serialize + '_ {
    Seq(|| {
        header.overlays.iter().map(|o| {
            object! { "dir": &o.dir, "hash": &o.hash, "jurisdiction": &o.jurisdiction, "name": &o.name }
        })
    })
}

/// The parameters in force with their sources, as every JSON-based format lists them.
pub(super) fn parameters(header: &RunHeader) -> impl Serialize + '_ {
    Seq(|| {
        header
            .parameters
            .iter()
            .map(|p| object! { "name": &p.name, "source": &p.source, "value": &p.value })
    })
}

fn header_json(header: &RunHeader) -> impl Serialize + '_ {
    object! {
        "as_of": &header.as_of,
        "disabled_rules": Seq(|| header.disabled_rules.iter().map(|d| object! {
            "because": &d.because, "overlay": &d.overlay, "rule": &d.rule, "title": &d.title,
        })),
        "notice": header.notice,
        "overlays": overlays(header),
        "parameters": parameters(header),
        "rules_hash": &header.rules_hash,
        "tool_version": header.tool_version,
        "version": header.format_version,
    }
}

/// One document as a JSON value, for tools and tests; the command line builds the header
/// once and streams [`document_json_view`].
pub fn document_json(pack: &RulePack, result: &DocumentResult) -> Value {
    document_value(
        &collect::header(Some(pack), None),
        &collect::document(result),
    )
}

/// One document of the model as a JSON value (a tree built from [`document_json_view`]).
pub fn document_value(header: &RunHeader, document: &DocumentReport) -> Value {
    // Every object key is a string and no value refuses to serialise: this cannot fail.
    serde_json::to_value(document_json_view(header, document)).unwrap_or(Value::Null)
}

/// One document of the model as compact JSON text, as the report writes it.
pub fn document_text(header: &RunHeader, document: &DocumentReport) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and serde_json writes UTF-8.
    let _ = write_compact(&mut out, &document_json_view(header, document));
    String::from_utf8(out).unwrap_or_default()
}

/// One document of the model, ready to serialise; it borrows the header and the document.
pub fn document_json_view<'a>(
    header: &'a RunHeader,
    document: &'a DocumentReport,
) -> impl Serialize + 'a {
    object! {
        "comparison": json_audit::comparison(document),
        "corridors": Seq(|| document.corridors.iter().map(|k| key(k))),
        "errors": Seq(|| document.errors.iter().map(error)),
        "figures": Seq(|| document.figures.iter().filter_map(|f| figure(header, f))),
        "findings": Seq(|| document.findings.iter().map(|f| finding(header, f))),
        "id": &document.id,
        "index": document.index,
        "kind": &document.kind,
        "name": &document.name,
        "passed": document.passed.len(),
        "path": &document.path,
        "unmatched": json_audit::unmatched(header, document),
        "verdict": document.verdict,
    }
}

/// A finding; `None` (written `null`) for one whose rule is not in the header.
fn finding<'a>(header: &'a RunHeader, finding: &'a FindingReport) -> Option<impl Serialize + 'a> {
    let rule = header.rules.get(finding.rule)?;
    Some(object! {
        "actor": finding.actor.as_ref().map(|a| object! {"name": &a.name, "relation": a.relation}),
        "also_breaches": Seq(|| {
            finding
                .also_breaches
                .iter()
                .filter_map(|index| header.rules.get(*index))
                .map(|other| object! {
                    "principles": &other.principles, "rule": &other.id, "title": &other.title,
                })
        }),
        "change": finding.change.map(|c| c.as_str()),
        "exceptions": Seq(|| finding.exceptions.iter().map(|e| object! {
            "label": &e.label, "needs": &e.needs, "status": e.status,
        })),
        "guidelines": Seq(|| rule.guidelines.iter().map(|g| &g.id)),
        "instruments": Seq(|| rule.instruments.iter().map(|c| object! {
            "id": &c.id, "pinpoint": &c.pinpoint, "title": &c.title,
        })),
        "location": object! {
            "column": finding.location.column,
            "line": finding.location.line,
            "path": &finding.location.path,
        },
        "message": &finding.message,
        "missing": &finding.missing,
        "outcome": finding.outcome,
        "principles": &rule.principles,
        "related": finding.related.as_ref().map(|r| object! {
            "column": r.column, "file": &r.file, "line": r.line, "path": &r.path,
        }),
        "remedy": &rule.remedy,
        "review": &finding.review,
        "rule": &rule.id,
        "severity": rule.severity,
        "title": &rule.title,
        "trace": Omit(finding.trace.as_ref()),
        "waiver": json_audit::waiver(finding),
    })
}

/// A decimal as a string of at most four decimals.
struct Rounded(rust_decimal::Decimal);

impl Serialize for Rounded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.round_dp(4).normalize())
    }
}

/// n, mean, median and p80 as strings of at most four decimals.
fn stats(s: &Stats) -> impl Serialize {
    object! {
        "mean": Rounded(s.mean),
        "median": Rounded(s.median),
        "n": s.n,
        "p80": Rounded(s.p80),
    }
}

fn figure<'a>(header: &'a RunHeader, figure: &'a FigureReport) -> Option<impl Serialize + 'a> {
    let info = header.figures.get(figure.figure)?;
    Some(object! {
        "by": SortedMap(|| figure.by_group.iter().map(|(g, s)| (g.as_str(), stats(s)))),
        "excluded": figure.excluded,
        "id": &info.id,
        "items": figure.items,
        "overall": figure.overall.as_ref().map(stats),
        "title": &info.title,
        "unit": &figure.unit,
    })
}

fn pooled<'a>(header: &'a RunHeader, figure: &'a PooledFigure) -> Option<impl Serialize + 'a> {
    let info = header.figures.get(figure.figure)?;
    Some(object! {
        "excluded": figure.excluded,
        "id": &info.id,
        "overall": figure.stats.as_ref().map(stats),
        "shared": figure.shared,
        "title": &info.title,
        "unit": &figure.unit,
    })
}

/// A corridor's key as an object of its fields.
fn key(key: &[(String, String)]) -> impl Serialize + '_ {
    SortedMap(|| key.iter().map(|(field, value)| (field.as_str(), value)))
}

/// Violations, gaps, not assessable, reviews and waived.
fn counts(c: &OutcomeCounts) -> impl Serialize {
    object! {
        "gaps": c.gaps,
        "not_assessable": c.not_assessable,
        "reviews": c.reviews,
        "violations": c.violations,
        "waived": c.waived,
    }
}

/// The summary of the run, as JSON and SARIF (as a run property) give it.
pub(super) fn summary_json<'a>(header: &'a RunHeader, summary: &'a Summary) -> impl Serialize + 'a {
    let totals = &summary.totals;
    let principles = Seq(|| {
        summary.principles.iter().map(|p| {
            object! {
                "by_severity": SortedMap(|| p.by_severity.iter().map(|(s, c)| (s.as_str(), counts(c)))),
                "documents": p.documents,
                "gaps": p.counts.gaps,
                "not_assessable": p.counts.not_assessable,
                "principle": p.number,
                "reviews": p.counts.reviews,
                "title": &p.title,
                "violations": p.counts.violations,
                "waived": p.counts.waived,
            }
        })
    });
    let ranking = Seq(|| {
        summary.ranking.iter().map(|r| {
            object! {
                "gaps": r.counts.gaps,
                "index": r.index,
                "kind": &r.kind,
                "name": &r.name,
                "not_assessable": r.counts.not_assessable,
                "path": &r.path,
                "rank": r.rank,
                "reviews": r.counts.reviews,
                "verdict": r.verdict,
                "violations": r.counts.violations,
                "violations_by_severity": SortedMap(|| {
                    SEVERITIES.iter().zip(r.violations_by_severity).map(|(s, n)| (s.as_str(), n))
                }),
                "waived": r.counts.waived,
            }
        })
    });
    let corridors = Seq(|| {
        summary.corridors.iter().map(|c| {
            object! {
                "corridor": &c.label,
                "documents": c.documents,
                "figures": Seq(|| c.figures.iter().filter_map(|f| pooled(header, f))),
                "gaps": c.gaps,
                "key": key(&c.key),
                "violations": c.violations,
            }
        })
    });
    let audit = &summary.audit;
    object! {
        "baseline": audit.baseline.as_ref().map(json_audit::baseline),
        "corridors": corridors,
        "documents": totals.documents,
        "errors": totals.errors,
        "figures": Seq(|| summary.figures.iter().filter_map(|f| pooled(header, f))),
        "gaps": totals.gaps,
        "not_assessable": totals.not_assessable,
        "principles": principles,
        "ranking": ranking,
        "reviews": totals.reviews,
        "shared_ids": json_audit::shared_ids(audit),
        "unmatched": json_audit::unmatched_summary(header, summary),
        "verdicts": SortedMap(|| Verdict::ALL.iter().map(|v| (v.as_str(), totals.with_verdict(*v)))),
        "violations": totals.violations,
        "waived": totals.waived,
        "waiver_file": &audit.waiver_file,
        "waivers": json_audit::waivers(audit),
    }
}

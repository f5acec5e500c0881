//! An earlier audit (`--baseline OLD.json`): a JSON report fairrec wrote before, read back
//! for its documents' stable ids and findings. Anything else is refused with a located
//! error, never half-read: a file that is not JSON (with its line and column), JSON that is
//! not a fairrec report, a report of another format version, or one written before
//! documents had stable ids.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

use super::compare::EarlierDocument;
use crate::batch::read_file;
use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};
use crate::document::yaml::located_span;
use crate::finding::{EarlierFinding, Outcome};
use crate::limits::Limits;
use crate::report::collect::FORMAT_VERSION;

/// Advice for a file that is not an earlier fairrec JSON report.
const HELP: &str = "give `--baseline` the output of an earlier `fairrec check --format json` (or `-o report.json`), unchanged";

/// The earlier audit: its header and its documents by stable id.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// The file it was read from, as given.
    pub file: String,
    /// Its check date.
    pub as_of: Option<String>,
    /// The fairrec version that wrote it.
    pub tool_version: Option<String>,
    /// The rule pack's hash it was made with.
    pub rules_hash: Option<String>,
    /// Its documents by stable id (documents sharing an id pooled).
    pub(super) documents: BTreeMap<String, EarlierDocument>,
}

#[derive(Deserialize)]
struct Probe {
    fairrec: Option<ProbeHeader>,
}

#[derive(Deserialize)]
struct ProbeHeader {
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct ReportJson {
    fairrec: HeaderJson,
    documents: Vec<DocumentJson>,
}

#[derive(Deserialize)]
struct HeaderJson {
    as_of: Option<String>,
    tool_version: Option<String>,
    rules_hash: Option<String>,
}

#[derive(Deserialize)]
struct DocumentJson {
    id: Option<String>,
    path: String,
    index: usize,
    kind: Option<String>,
    name: Option<String>,
    verdict: String,
    findings: Vec<FindingJson>,
}

#[derive(Deserialize)]
struct FindingJson {
    rule: String,
    outcome: String,
    location: LocationJson,
    message: String,
    waiver: Option<WaiverJson>,
}

#[derive(Deserialize)]
struct LocationJson {
    line: usize,
    path: String,
}

#[derive(Deserialize)]
struct WaiverJson {
    outcome: String,
}

/// Reads the earlier audit at `path` (within `--max-file-bytes`).
pub fn read_baseline(path: &Path, limits: &Limits) -> Result<Baseline, SourceError> {
    let file = read_file(path, limits)?;
    let refuse = |code, span, message: String| SourceError::new(code, &file, span, message);
    let at = |error: &serde_json::Error| located_span(&file, error.line(), error.column());
    let probe: Probe = serde_json::from_str(&file.text).map_err(|error| {
        let code = if error.is_syntax() || error.is_eof() {
            ErrorCode::BaselineJson
        } else {
            ErrorCode::BaselineNotAReport
        };
        let what = if code == ErrorCode::BaselineJson {
            "is not JSON"
        } else {
            "is not a fairrec JSON report"
        };
        refuse(
            code,
            at(&error),
            format!("`{}` {what}: {}", file.name, reason(&error)),
        )
        .with_help(HELP)
    })?;
    let version = probe.fairrec.and_then(|header| header.version);
    match version.as_ref().and_then(serde_json::Value::as_u64) {
        None => {
            return Err(refuse(
                ErrorCode::BaselineNotAReport,
                Span::new(0, 1),
                format!("`{}` is not a fairrec JSON report: it has no `fairrec.version`", file.name),
            )
            .with_help(HELP))
        }
        Some(found) if found != u64::from(FORMAT_VERSION) => {
            return Err(refuse(
                ErrorCode::BaselineVersion,
                Span::new(0, 1),
                format!("`{}` is a fairrec JSON report of format version {found}; this fairrec compares with version {FORMAT_VERSION}", file.name),
            )
            .with_help(format!("use the fairrec release that reads version {found} reports, or check last year's documents again with this one to make a baseline")))
        }
        Some(_) => {}
    }
    let report: ReportJson = serde_json::from_str(&file.text).map_err(|error| {
        refuse(
            ErrorCode::BaselineNotAReport,
            at(&error),
            format!(
                "`{}` is not a fairrec JSON report: {}",
                file.name,
                reason(&error)
            ),
        )
        .with_help(HELP)
    })?;
    documents(&file, report)
}

/// serde_json's message without its own " at line 1 column 9": the error points there.
fn reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

fn documents(file: &SourceFile, report: ReportJson) -> Result<Baseline, SourceError> {
    let mut baseline = Baseline {
        file: file.name.to_string(),
        as_of: report.fairrec.as_of,
        tool_version: report.fairrec.tool_version,
        rules_hash: report.fairrec.rules_hash,
        documents: BTreeMap::new(),
    };
    for document in report.documents {
        let checked = document.verdict != "error";
        let Some(id) = document.id else {
            if checked {
                return Err(SourceError::new(
                    ErrorCode::BaselineNoIds,
                    file,
                    Span::new(0, 1),
                    format!("`{}` gives no stable id for document {} of `{}`: it was written by a fairrec without document ids", file.name, document.index + 1, document.path),
                )
                .with_help("check last year's documents again with this fairrec (the same `--as-of` date) to make a baseline with ids"));
            }
            continue;
        };
        let mut findings = Vec::with_capacity(document.findings.len());
        for finding in document.findings {
            let word = finding.waiver.map_or(finding.outcome, |w| w.outcome);
            let Some(outcome) = Outcome::parse(&word) else {
                return Err(SourceError::new(
                    ErrorCode::BaselineNotAReport,
                    file,
                    Span::new(0, 1),
                    format!("`{}` is not a fairrec JSON report: a finding of `{}` has the outcome `{word}`", file.name, document.path),
                )
                .with_help(HELP));
            };
            findings.push(EarlierFinding {
                rule: finding.rule,
                outcome,
                path: finding.location.path,
                line: finding.location.line,
                message: finding.message,
            });
        }
        let entry = baseline
            .documents
            .entry(id.clone())
            .or_insert_with(|| EarlierDocument {
                id,
                path: document.path.clone(),
                index: document.index,
                kind: document.kind.clone(),
                name: document.name.clone(),
                checked,
                findings: Vec::new(),
                seen: false,
            });
        entry.checked &= checked;
        entry.findings.extend(findings);
    }
    Ok(baseline)
}

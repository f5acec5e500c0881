//! CSV output for spreadsheets: one row per finding (`document` is `file#n`, the n-th
//! document of the file), one row per error, and one row for a
//! document with neither (so every document appears, with its verdict). Every row also
//! carries what the run rests on (fairrec version, rule pack hash, overlays, as-of date)
//! and the SHA-256 of the document's file, so a row pasted elsewhere still says where it
//! came from. Cells a spreadsheet would run as a formula are neutralised, and control
//! characters (line breaks included) are shown escaped (`\u{a}`), so a row is one line.
//! The last columns say what audits add: the document's stable id, the finding's change
//! since an earlier audit (`new`, `unchanged`, or `resolved` on a row for each finding no
//! longer found) and its waiver; the run's waivers each get a row with their status as the
//! outcome (`waiver_applied`, `waiver_expired`, `waiver_unused`, `waiver_not_yet_approved`).

use std::collections::BTreeMap;

use super::model::{ErrorEntry, Report};
use crate::diagnostic::escape;

/// The columns, in order.
pub const COLUMNS: [&str; 26] = [
    "document",
    "file",
    "index",
    "kind",
    "name",
    "verdict",
    "rule",
    "title",
    "outcome",
    "severity",
    "principles",
    "actor",
    "line",
    "column",
    "message",
    "sha256",
    "rules_hash",
    "as_of",
    "fairrec_version",
    "id",
    "change",
    "waived_outcome",
    "waiver_reason",
    "waiver_approved_by",
    "waiver_approved_on",
    "waiver_expires",
];

/// The whole report as CSV (RFC 4180, CRLF line ends, a header row).
pub fn render(report: &Report) -> String {
    let header = &report.header;
    let hashes: BTreeMap<&str, &str> = report
        .inputs
        .iter()
        .filter_map(|i| Some((i.path.as_str(), i.sha256.as_deref()?)))
        .collect();
    let overlays: Vec<String> = header
        .overlays
        .iter()
        .map(|o| format!("{}@{}", o.name, o.hash))
        .collect();
    let rules_hash = match (&header.rules_hash, overlays.is_empty()) {
        (Some(hash), true) => hash.clone(),
        (Some(hash), false) => format!("{hash}+{}", overlays.join("+")),
        (None, _) => String::new(),
    };
    let as_of = header.as_of.clone().unwrap_or_default();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let run = |row: &mut Vec<String>, sha: &str| {
        row.extend([
            sha.to_string(),
            rules_hash.clone(),
            as_of.clone(),
            header.tool_version.to_string(),
        ]);
    };
    // The audit columns of a row that has none of them but the id.
    let plain = |row: &mut Vec<String>, id: &str| {
        row.push(id.to_string());
        row.extend(std::iter::repeat_n(String::new(), 6));
    };
    for document in &report.documents {
        let sha = hashes.get(document.path.as_str()).copied().unwrap_or("");
        let id = document.id.as_deref().unwrap_or("");
        let lead = vec![
            format!("{}#{}", document.path, document.index + 1),
            document.path.clone(),
            (document.index + 1).to_string(),
            document.kind.clone().unwrap_or_default(),
            document.name.clone().unwrap_or_default(),
            document.verdict.as_str().to_string(),
        ];
        for finding in &document.findings {
            let Some(rule) = header.rules.get(finding.rule) else {
                continue;
            };
            let mut row = lead.clone();
            row.extend([
                rule.id.clone(),
                rule.title.clone(),
                finding.outcome.as_str().to_string(),
                rule.severity.as_str().to_string(),
                rule.principles
                    .iter()
                    .map(|p| format!("GP{p}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                finding
                    .actor
                    .as_ref()
                    .map_or(String::new(), |a| a.name.clone()),
                finding.location.line.to_string(),
                finding.location.column.to_string(),
                finding.message.clone(),
            ]);
            run(&mut row, sha);
            row.push(id.to_string());
            row.push(finding.change.map_or("", |c| c.as_str()).to_string());
            match &finding.waiver {
                Some(w) => row.extend([
                    w.outcome.as_str().to_string(),
                    w.reason.clone(),
                    w.approved_by.clone(),
                    w.approved_on.clone(),
                    w.expires.clone(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 5)),
            }
            rows.push(row);
        }
        for resolved in document.comparison.iter().flat_map(|c| &c.resolved) {
            let title = header
                .rules
                .iter()
                .find(|r| r.id == resolved.rule)
                .map_or(String::new(), |r| r.title.clone());
            let mut row = lead.clone();
            row.extend([
                resolved.rule.clone(),
                title,
                resolved.outcome.as_str().to_string(),
                String::new(),
                String::new(),
                String::new(),
                resolved.line.to_string(),
                String::new(),
                resolved.message.clone(),
            ]);
            run(&mut row, sha);
            row.push(id.to_string());
            row.push("resolved".to_string());
            row.extend(std::iter::repeat_n(String::new(), 5));
            rows.push(row);
        }
        for error in &document.errors {
            let mut row = lead.clone();
            row.extend(error_cells(error));
            run(&mut row, sha);
            plain(&mut row, id);
            rows.push(row);
        }
        if document.findings.is_empty() && document.errors.is_empty() {
            let mut row = lead.clone();
            row.extend(std::iter::repeat_n(String::new(), 9));
            run(&mut row, sha);
            plain(&mut row, id);
            rows.push(row);
        }
    }
    for error in &report.errors {
        let mut row = vec![String::new(); 6];
        row[1] = error.file.clone().unwrap_or_default();
        row[5] = "error".to_string();
        row.extend(error_cells(error));
        run(&mut row, "");
        plain(&mut row, "");
        rows.push(row);
    }
    let audit = &report.summary.audit;
    for waiver in &audit.waivers {
        let mut row = vec![String::new(); 6];
        row[1] = audit.waiver_file.clone().unwrap_or_default();
        row.extend([
            waiver.rule.clone(),
            String::new(),
            format!("waiver_{}", waiver.status.as_str()),
            String::new(),
            String::new(),
            String::new(),
            waiver.line.to_string(),
            String::new(),
            format!(
                "{} finding(s) named{}",
                waiver.findings,
                waiver
                    .item
                    .as_deref()
                    .map_or(String::new(), |i| format!(", item {i}"))
            ),
        ]);
        run(&mut row, "");
        row.extend([
            waiver.document.clone(),
            String::new(),
            String::new(),
            waiver.reason.clone(),
            waiver.approved_by.clone(),
            waiver.approved_on.clone(),
            waiver.expires.clone(),
        ]);
        rows.push(row);
    }
    write(&rows)
}

/// The rule-to-message cells of an error: its code as the rule, `error` as the outcome.
fn error_cells(error: &ErrorEntry) -> [String; 9] {
    let (line, column) = error
        .position
        .map_or((String::new(), String::new()), |(l, c)| {
            (l.to_string(), c.to_string())
        });
    let message = match &error.help {
        Some(help) => format!("{} ({help})", error.message),
        None => error.message.clone(),
    };
    [
        error.code.as_str().to_string(),
        String::new(),
        "error".to_string(),
        String::new(),
        String::new(),
        String::new(),
        line,
        column,
        message,
    ]
}

fn write(rows: &[Vec<String>]) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail; a record of the wrong length cannot happen, every
    // row being built with COLUMNS' length.
    let _ = writer.write_record(COLUMNS);
    for row in rows {
        let _ = writer.write_record(
            row.iter()
                .map(|cell| neutralise(&escape(cell)).into_owned()),
        );
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to a
/// spreadsheet (CSV injection): it gets a leading `'`, which spreadsheets show as text.
/// Numbers fairrec writes itself never start so (none is negative).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::{neutralise, write};

    #[test]
    fn formulas_are_neutralised_and_quotes_escaped() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("plain"), "plain");
        let text = write(&[vec!["a,b".into(); 26]]);
        assert!(text.contains("\"a,b\""), "{text}");
        let text = write(&[vec!["say \"hi\"".into(); 26]]);
        assert!(text.contains("\"say \"\"hi\"\"\""), "{text}");
    }
}

//! Where a report goes (standard output, or the file named by `-o`) and how a collected
//! report is rendered in each format that needs the whole run.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::ReportFormat;
use fairrec::diagnostic::JsonSafe;
use fairrec::report::model::Report;
use fairrec::report::{csv, html, json, junit, markdown, sarif};

/// Opens the report's destination: the `-o` file (created or truncated), else stdout.
pub fn open(output: Option<&Path>) -> io::Result<Box<dyn Write>> {
    Ok(match output {
        Some(path) => Box::new(BufWriter::new(File::create(path)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

/// A collected report in `format`; `None` for human output, which is written as it goes.
pub fn render(format: ReportFormat, report: &Report) -> Option<String> {
    Some(match format {
        ReportFormat::Human => return None,
        ReportFormat::Json => json::render(report),
        ReportFormat::Sarif => sarif::render(report),
        ReportFormat::Markdown => markdown::render(report),
        ReportFormat::Html => html::render(report),
        ReportFormat::Csv => csv::render(report),
        ReportFormat::Junit => junit::render(report),
    })
}

/// Writes a rendered report; JSON and SARIF pass through [`JsonSafe`], so controls that a
/// terminal would act on travel as `\u` escapes.
pub fn write(out: Box<dyn Write>, format: ReportFormat, text: &str) -> io::Result<()> {
    if matches!(format, ReportFormat::Json | ReportFormat::Sarif) {
        let mut safe = JsonSafe::new(out);
        safe.write_all(text.as_bytes())?;
        safe.into_inner()?.flush()
    } else {
        let mut out = out;
        out.write_all(text.as_bytes())?;
        out.flush()
    }
}

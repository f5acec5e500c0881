//! Where a report goes (standard output, or the file named by `-o`), how a collected
//! report is rendered in each format that needs the whole run, and what a terminal gets
//! besides: a progress bar on stderr, and the width human output is laid out for. The bar
//! appears only when stderr is a terminal and the batch has more than [`MIN_FILES`] files,
//! so it never reaches a report (which goes to stdout or the `-o` file), a log or a pipe; it
//! has no colour, so `NO_COLOR` has nothing to switch off, and it is cleared when the run
//! ends.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
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

/// Writes a collected report in `format` (human output is written as it goes, not here).
/// JSON and SARIF are serialised straight into the output through [`JsonSafe`], so controls
/// that a terminal would act on travel as `\u` escapes; buffered before the escaping, so
/// that sees large writes, not serde_json's tokens. The other formats are rendered first.
pub fn write_report(out: Box<dyn Write>, format: ReportFormat, report: &Report) -> io::Result<()> {
    let text = match format {
        ReportFormat::Human => return Ok(()),
        ReportFormat::Json | ReportFormat::Sarif => {
            let safe = BufWriter::new(JsonSafe::new(out));
            let safe = if format == ReportFormat::Json {
                json::write(report, safe)?
            } else {
                sarif::write(report, safe)?
            };
            let safe = safe.into_inner().map_err(|error| error.into_error())?;
            return safe.into_inner()?.flush();
        }
        ReportFormat::Markdown => markdown::render(report),
        ReportFormat::Html => html::render(report),
        ReportFormat::Csv => csv::render(report),
        ReportFormat::Junit => junit::render(report),
    };
    let mut out = out;
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Batches of this many files or fewer finish before a bar would be worth reading.
pub const MIN_FILES: usize = 5;

/// The width human output is laid out for when it does not go to a terminal, and the most
/// it takes of a wide one (longer lines are hard to read).
pub const DEFAULT_WIDTH: usize = 80;
const MAX_WIDTH: usize = 160;
/// Narrower terminals still get this: tables need room for their number columns.
const MIN_WIDTH: usize = 40;

/// The progress bar on stderr, or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar over `files` files, when [`shown`] says so.
    pub fn start(files: usize) -> Self {
        if !shown(files, io::stderr().is_terminal()) {
            return Self(None);
        }
        let style = ProgressStyle::with_template(
            "  checking {pos}/{len} files [{bar:40}] {elapsed} elapsed, about {eta} left",
        )
        .map_or_else(
            |_| ProgressStyle::default_bar(),
            |s| s.progress_chars("=> "),
        );
        let bar = ProgressBar::with_draw_target(
            Some(u64::try_from(files).unwrap_or(u64::MAX)),
            ProgressDrawTarget::stderr(),
        )
        .with_style(style);
        Self(Some(bar))
    }

    /// Whether a bar is on screen.
    pub fn active(&self) -> bool {
        self.0.is_some()
    }

    /// One more file done.
    pub fn file_done(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Runs `write` with the bar taken off the screen, so text written to the same
    /// terminal is not drawn over; `write` must flush what it writes.
    pub fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// Takes the bar off the screen for good.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// A bar is shown only on a terminal, and only for more than [`MIN_FILES`] files.
pub fn shown(files: usize, stderr_is_terminal: bool) -> bool {
    stderr_is_terminal && files > MIN_FILES
}

/// The width for human output: the terminal's when the report goes to one (between
/// [`MIN_WIDTH`] and [`MAX_WIDTH`]), else [`DEFAULT_WIDTH`], so files and logs do not
/// change with the window they were made in.
pub fn width(to_stdout: bool) -> usize {
    let columns = to_stdout
        .then(|| terminal_size::terminal_size_of(io::stdout()))
        .flatten()
        .map(|(terminal_size::Width(columns), _)| usize::from(columns));
    fit_width(columns)
}

fn fit_width(columns: Option<usize>) -> usize {
    columns.map_or(DEFAULT_WIDTH, |c| c.clamp(MIN_WIDTH, MAX_WIDTH))
}

/// Whether colour is wanted: `NO_COLOR` set to anything but the empty string turns it off
/// (no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::{fit_width, shown, DEFAULT_WIDTH};

    #[test]
    fn a_bar_only_for_a_batch_on_a_terminal() {
        assert!(!shown(100, false), "stderr redirected");
        assert!(!shown(5, true), "a handful of files");
        assert!(shown(6, true));
    }

    #[test]
    fn widths_follow_the_terminal_within_bounds() {
        assert_eq!(fit_width(None), DEFAULT_WIDTH);
        assert_eq!(fit_width(Some(120)), 120);
        assert_eq!(fit_width(Some(20)), 40);
        assert_eq!(fit_width(Some(400)), 160);
    }
}

//! Runs that stop before checking anything (bad arguments, a rule pack that does not load):
//! the errors go to stderr for people or, under `--format json`, into one JSON report on
//! stdout, so a tool reading stdout always gets a document it can parse. Exit status 2.

use std::ffi::OsString;
use std::path::Path;

use fairrec::diagnostic::{escape, escape_lines, ErrorCode};
use fairrec::pack::PackLoadError;
use fairrec::report::collect::header;
use fairrec::report::human::render_diagnostic;
use fairrec::report::model::{ErrorEntry, Report};
use fairrec::report::summary::Summary;

use super::{output, ExitStatus, ReportFormat};

/// Advice for a `--rules` folder that cannot serve as a rule pack.
const RULES_HELP: &str =
    "`--rules` and `--overlay` take a folder of rule files (*.fr); leave `--rules` out to use the built-in pack";

/// Why a run stopped.
#[derive(Debug)]
pub enum Stop {
    /// clap refused the arguments.
    Arguments(clap::Error),
    /// `--as-of` is not a date.
    BadAsOf(String),
    /// `--kind` names no document kind of the pack.
    UnknownKind {
        /// The kind asked for.
        kind: String,
        /// The kinds the pack has.
        kinds: Vec<String>,
    },
    /// The rule pack did not load.
    Pack(PackLoadError),
    /// The system refused to start fairrec's main thread.
    NoThread(String),
}

impl Stop {
    /// Reports the stop in `format` on stdout (`color` for diagnostics on stderr) and
    /// returns the status.
    pub fn report(self, format: impl Into<ReportFormat>, color: bool) -> ExitStatus {
        self.report_to(format.into(), color, None)
    }

    /// Reports the stop: for people on stderr; in a machine format as one report with no
    /// documents and the errors, on stdout or in the `-o` file.
    pub fn report_to(self, format: ReportFormat, color: bool, to: Option<&Path>) -> ExitStatus {
        let errors = self.errors();
        let mut summary = Summary::default();
        summary.totals.errors = errors.len();
        let report = Report {
            header: header(None, None),
            documents: Vec::new(),
            inputs: Vec::new(),
            errors,
            summary,
        };
        if format == ReportFormat::Human {
            super::print_err(&self.human(color));
        } else {
            // Nothing more can be said if the output is closed: the exit status tells.
            let _ = output::open(to).and_then(|out| output::write_report(out, format, &report));
        }
        ExitStatus::Failure
    }

    /// What people read on stderr.
    fn human(&self, color: bool) -> String {
        match self {
            // clap repeats the arguments it refuses: they may hold terminal escapes.
            Stop::Arguments(error) => escape_lines(&error.render().to_string()),
            Stop::BadAsOf(text) => format!(
                "error: `--as-of {}` is not a date; write it as YYYY-MM-DD\n",
                escape(text)
            ),
            Stop::UnknownKind { kind, kinds } => format!(
                "error: there is no document kind `{}`; the kinds are {}\n",
                escape(kind),
                kinds.join(", ")
            ),
            Stop::NoThread(reason) => {
                format!("error: the system refused to start fairrec's main thread ({reason})\n")
            }
            Stop::Pack(error) => {
                let mut out: String = error
                    .iter()
                    .map(|error| render_diagnostic(error, color))
                    .collect();
                out.push_str(&format!("error: {error}\n"));
                out
            }
        }
    }

    /// The same errors for a JSON report.
    fn errors(&self) -> Vec<ErrorEntry> {
        match self {
            Stop::Arguments(error) => vec![arguments_error(error)],
            Stop::BadAsOf(text) => vec![ErrorEntry::new(
                ErrorCode::CliAsOf,
                format!("`--as-of {text}` is not a date"),
            )
            .with_help("write it as YYYY-MM-DD")],
            Stop::UnknownKind { kind, kinds } => vec![ErrorEntry::new(
                ErrorCode::CliUnknownKind,
                format!("there is no document kind `{kind}`"),
            )
            .with_help(format!("the kinds are {}", kinds.join(", ")))],
            Stop::NoThread(reason) => vec![ErrorEntry::new(
                ErrorCode::RunThreads,
                format!("the system refused to start fairrec's main thread ({reason})"),
            )
            .with_help("raise the system's limit on threads or memory")],
            Stop::Pack(error) => error
                .iter()
                .map(|e| {
                    let entry = ErrorEntry::from(e);
                    if entry.help.is_none() && entry.position.is_none() {
                        entry.with_help(RULES_HELP)
                    } else {
                        entry
                    }
                })
                .collect(),
        }
    }
}

/// clap's error as one entry: its first paragraph (the error and the arguments it names) is
/// the message, the rest (tips, usage) is help.
fn arguments_error(error: &clap::Error) -> ErrorEntry {
    let text = error.render().to_string();
    let mut paragraphs = text.split("\n\n").map(|paragraph| {
        paragraph
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
    });
    let first = paragraphs.next().unwrap_or_default().join(" ");
    let message = first.strip_prefix("error: ").unwrap_or(&first);
    let help: Vec<String> = paragraphs
        .filter(|lines| !lines.is_empty())
        .map(|lines| lines.join(" "))
        .collect();
    let entry = ErrorEntry::new(ErrorCode::CliArguments, message);
    if help.is_empty() {
        entry
    } else {
        entry.with_help(help.join("\n"))
    }
}

/// Whether the raw arguments ask for JSON output (`--format json` or `--format=json`), read
/// before clap so that even arguments clap refuses are answered in JSON.
pub fn wants_json(args: &[OsString]) -> bool {
    let mut previous_was_format = false;
    for arg in args.iter().skip(1) {
        if arg == "--" {
            break;
        }
        if (previous_was_format && arg == "json") || arg == "--format=json" {
            return true;
        }
        previous_was_format = arg == "--format";
    }
    false
}

#[cfg(test)]
mod tests {
    use super::wants_json;
    use std::ffi::OsString;

    fn args(text: &str) -> Vec<OsString> {
        text.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn json_is_asked_for_in_either_spelling_before_a_double_dash() {
        assert!(wants_json(&args("fairrec check --format json --jobs abc")));
        assert!(wants_json(&args("fairrec check x.yaml --format=json")));
        assert!(!wants_json(&args("fairrec check --format human json.yaml")));
        assert!(!wants_json(&args("fairrec check -- --format json")));
        assert!(!wants_json(&args("fairrec --format")));
    }
}

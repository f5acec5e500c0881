//! `fairrec check`: load the pack, check each file as it comes, and write the report:
//! human and JSON output as each document is checked, the other formats once the run's
//! (text-free) report model is collected. Summaries are built as documents go by. On a
//! terminal, a progress bar on stderr and the terminal's width (`output`).

use jiff::civil::Date;
use std::io::{self, IsTerminal, Write};

use super::output::Progress;
use super::stop::Stop;
use super::{output, CheckArgs, ExitStatus, ReportFormat};
use fairrec::audit::Audit;
use fairrec::batch::Checked;
use fairrec::diagnostic::JsonSafe;
use fairrec::digest::InputFile;
use fairrec::inputs::expand_inputs;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use fairrec::parallel::check_in_order;
use fairrec::report::human::HumanReport;
use fairrec::report::json::JsonReport;
use fairrec::report::model::{DocumentReport, ErrorEntry, Report};
use fairrec::report::summary::SummaryBuilder;
use fairrec::report::{collect, human_summary, Totals};

/// Runs `fairrec check`.
pub fn run(args: &CheckArgs) -> ExitStatus {
    let color = args.output.is_none() && io::stdout().is_terminal() && !output::no_color();
    let to = args.output.as_deref();
    let as_of = match &args.as_of {
        Some(text) => match text.parse::<Date>() {
            Ok(date) => date,
            Err(_) => return Stop::BadAsOf(text.clone()).report_to(args.format, color, to),
        },
        None => today_utc(),
    };
    let limits = args.limits.limits();
    let pack = match super::load_pack(
        args.rules.as_deref(),
        &args.overlays,
        limits.max_rule_pack_bytes,
    ) {
        Ok(pack) => pack,
        Err(stop) => return stop.report_to(args.format, color, to),
    };
    let out = match output::open(to) {
        Ok(out) => out,
        Err(error) => {
            let shown = to.map_or(String::new(), |p| p.display().to_string());
            super::print_err(&format!(
                "error: cannot write the report to `{}`: {error}\n",
                fairrec::diagnostic::escape(&shown)
            ));
            return ExitStatus::Failure;
        }
    };
    match run_with(&pack, args, as_of, color, &limits, out) {
        Ok(status) => status,
        // A closed pipe (`fairrec check ... | head`) is not a failure of the check.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Clean,
        Err(error) => {
            super::print_err(&format!("error: cannot write the report: {error}\n"));
            ExitStatus::Failure
        }
    }
}

/// Where each checked document goes.
enum Sink {
    /// Rendered for people at once.
    Human(Box<dyn Write>),
    /// Written as JSON at once; buffered before the escaping, so that sees large writes,
    /// not serde_json's tokens.
    Json(JsonReport<io::BufWriter<JsonSafe<Box<dyn Write>>>>),
    /// Kept, without source text, for a format that needs the whole run.
    Collect(Box<dyn Write>, Vec<DocumentReport>),
}

fn run_with(
    pack: &RulePack,
    args: &CheckArgs,
    as_of: Date,
    color: bool,
    limits: &Limits,
    out: Box<dyn Write>,
) -> io::Result<ExitStatus> {
    let header = collect::header(Some(pack), Some(&as_of.to_string()));
    let width = output::width(args.output.is_none());
    let human = HumanReport::new(pack, color, args.show_passes).with_width(width);
    let mut audit = Audit::load(
        args.waivers.as_deref(),
        args.baseline.as_deref(),
        pack,
        as_of,
        limits,
    );
    let run_errors: Vec<ErrorEntry> = audit.errors().iter().map(ErrorEntry::from).collect();
    let mut sink = match args.format {
        ReportFormat::Human => {
            let mut out = out;
            out.write_all(human.run_errors(audit.errors()).as_bytes())?;
            Sink::Human(out)
        }
        ReportFormat::Json => Sink::Json(JsonReport::start(
            io::BufWriter::new(JsonSafe::new(out)),
            &header,
        )?),
        _ => Sink::Collect(out, Vec::new()),
    };
    let mut summary = SummaryBuilder::default();
    let mut inputs: Vec<InputFile> = Vec::new();
    let files = expand_inputs(&args.files);
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let progress = Progress::start(files.len());
    let index = fairrec::batch::index_run(pack, &files, limits);
    let on_screen = progress.active() && args.output.is_none() && io::stdout().is_terminal();
    let trace_options = fairrec::explain::TraceOptions {
        as_of,
        index: &index,
        limits,
        show_personal_data: args.show_personal_data,
    };
    let checked = check_in_order(
        pack,
        &files,
        as_of,
        limits,
        jobs,
        &index,
        |checked| -> io::Result<()> {
            let result = match checked {
                Checked::Input(input) => {
                    progress.file_done();
                    inputs.push(input);
                    return Ok(());
                }
                Checked::Document(result) => result,
            };
            let mut result = *result;
            audit.apply(pack, &mut result);
            let mut document = collect::document(&result);
            // Traces only for the formats that show them, after the check: its path stays
            // untouched.
            let traces = match args.format {
                ReportFormat::Human | ReportFormat::Json if args.explain => {
                    fairrec::explain::traces(pack, &result, &trace_options)
                }
                _ => Vec::new(),
            };
            for (finding, trace) in document.findings.iter_mut().zip(&traces) {
                finding.trace.clone_from(trace);
            }
            summary.add(&header, &document, &result.findings.figures);
            match &mut sink {
                // On the bar's terminal, with the bar off and flushed at once, or the bar
                // would draw over it.
                Sink::Human(out) if on_screen => progress.suspend(|| {
                    out.write_all(human.document_traced(&result, &traces).as_bytes())?;
                    out.flush()
                }),
                Sink::Human(out) => {
                    out.write_all(human.document_traced(&result, &traces).as_bytes())
                }
                Sink::Json(json) => json.document(&header, &document),
                Sink::Collect(_, documents) => {
                    documents.push(document);
                    Ok(())
                }
            }
        },
    );
    progress.finish();
    checked?;
    let mut summary = summary.finish(&header);
    summary.audit = audit.finish();
    summary.totals.errors += run_errors.len();
    let totals = summary.totals;
    let new_failures = args
        .fail_on_new
        .then(|| audit.new_failures(args.allow_incomplete));
    match sink {
        Sink::Human(mut out) => {
            let text = human_summary::render_width(&header, &summary, &inputs, width);
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Sink::Json(json) => json
            .finish(&header, &run_errors, &inputs, &summary)?
            .into_inner()
            .map_err(|error| error.into_error())?
            .into_inner()?
            .flush()?,
        Sink::Collect(out, documents) => {
            let report = Report {
                header,
                documents,
                inputs,
                errors: run_errors,
                summary,
            };
            output::write_report(out, args.format, &report)?;
        }
    }
    Ok(exit_status(&totals, args.allow_incomplete, new_failures))
}

/// 2 when anything could not be read or validated; 0 only when every document is compliant
/// (with or without waivers; or incomplete, with `--allow-incomplete`); 1 otherwise. With
/// `--fail-on-new`, 1 only when a new finding would on its own keep its document from
/// being accepted (`new_failures`).
fn exit_status(totals: &Totals, allow_incomplete: bool, new_failures: Option<usize>) -> ExitStatus {
    use fairrec::finding::Verdict;
    let accepted = totals.with_verdict(Verdict::Compliant)
        + totals.with_verdict(Verdict::CompliantWithWaivers)
        + if allow_incomplete {
            totals.with_verdict(Verdict::Incomplete)
        } else {
            0
        };
    if totals.errors > 0 {
        ExitStatus::Failure
    } else if let Some(new) = new_failures {
        if new > 0 {
            ExitStatus::Findings
        } else {
            ExitStatus::Clean
        }
    } else if accepted < totals.documents {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// Today's date in UTC, from the system clock.
pub fn today_utc() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let epoch = Date::constant(1970, 1, 1);
    jiff::Span::new()
        .try_days(days)
        .ok()
        .and_then(|span| epoch.checked_add(span).ok())
        .unwrap_or(epoch)
}

//! `fairrec check`: load the pack, check each file as it comes, stream the report.

use jiff::civil::Date;
use std::io::{self, IsTerminal, Write};

use super::stop::Stop;
use super::{CheckArgs, ExitStatus, Format};
use fairrec::diagnostic::JsonSafe;
use fairrec::inputs::expand_inputs;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use fairrec::parallel::check_in_order;
use fairrec::report::human::HumanReport;
use fairrec::report::json::JsonReport;
use fairrec::report::Totals;

/// Runs `fairrec check`.
pub fn run(args: &CheckArgs) -> ExitStatus {
    let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let as_of = match &args.as_of {
        Some(text) => match text.parse::<Date>() {
            Ok(date) => date,
            Err(_) => return Stop::BadAsOf(text.clone()).report(args.format, color),
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
        Err(stop) => return stop.report(args.format, color),
    };
    match run_with(&pack, args, as_of, color, &limits) {
        Ok(status) => status,
        // A closed pipe (`fairrec check ... | head`) is not a failure of the check.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Clean,
        Err(error) => {
            super::print_err(&format!("error: cannot write the report: {error}\n"));
            ExitStatus::Failure
        }
    }
}

fn run_with(
    pack: &RulePack,
    args: &CheckArgs,
    as_of: Date,
    color: bool,
    limits: &Limits,
) -> io::Result<ExitStatus> {
    let out = io::stdout().lock();
    let mut totals = Totals::default();
    let mut human = HumanReport::new(pack, color, args.show_passes);
    let (mut json, mut plain) = match args.format {
        // Buffered before the escaping, so it sees large writes, not serde_json's tokens.
        Format::Json => (
            Some(JsonReport::start(
                io::BufWriter::new(JsonSafe::new(out)),
                pack,
                &as_of.to_string(),
            )?),
            None,
        ),
        Format::Human => (None, Some(io::BufWriter::new(out))),
    };
    let inputs = expand_inputs(&args.files);
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let index = fairrec::batch::index_run(pack, &inputs, limits);
    check_in_order(
        pack,
        &inputs,
        as_of,
        limits,
        jobs,
        &index,
        |result| -> io::Result<()> {
            totals.add(&result);
            if let Some(json) = json.as_mut() {
                json.document(pack, &result)?;
            }
            if let Some(plain) = plain.as_mut() {
                plain.write_all(human.document(&result).as_bytes())?;
            }
            Ok(())
        },
    )?;
    if let Some(json) = json {
        let buffered = json.finish(&totals)?;
        buffered
            .into_inner()
            .map_err(|error| error.into_error())?
            .into_inner()?
            .flush()?;
    }
    if let Some(mut plain) = plain {
        plain.write_all(human.summary(&totals).as_bytes())?;
        plain.flush()?;
    }
    Ok(exit_status(&totals, args.allow_incomplete))
}

/// 2 when anything could not be read or validated; 0 only when every document is compliant
/// (or incomplete, with `--allow-incomplete`); 1 otherwise.
fn exit_status(totals: &Totals, allow_incomplete: bool) -> ExitStatus {
    use fairrec::finding::Verdict;
    let accepted = totals.with_verdict(Verdict::Compliant)
        + if allow_incomplete {
            totals.with_verdict(Verdict::Incomplete)
        } else {
            0
        };
    if totals.errors > 0 {
        ExitStatus::Failure
    } else if accepted < totals.documents {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// Today's date in UTC, from the system clock.
fn today_utc() -> Date {
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

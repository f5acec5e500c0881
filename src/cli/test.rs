//! `fairrec test`: runs rule fixtures (documents whose top says what the rules must conclude)
//! against the built-in pack, a `--rules` pack, and overlays. A folder given to test that
//! holds rule files (`*.fr`) is loaded too: as an overlay on top of the pack when its files
//! say `overlay`, so `fairrec test examples/overlays/freedonia` runs an overlay's own
//! fixtures on it, and otherwise as the pack itself.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use jiff::civil::Date;

use super::stop::Stop;
use super::{load_pack, print_err, print_out, ExitStatus, ReportFormat};
use fairrec::diagnostic::escape;
use fairrec::fixture::{render, run};
use fairrec::lint::is_overlay;
use fairrec::pack::read_rule_files;

/// Arguments of `fairrec test`.
#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Fixture files, or folders of them (`.yaml`/`.yml`, at any depth). A folder that also
    /// holds rule files (`*.fr`) is loaded: as an overlay on the pack when they say
    /// `overlay`, else as the pack.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format: human (a diff per failing case) or junit (JUnit XML for CI).
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
    /// Use the rule pack in this folder instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Load the national overlay in this folder on top of the pack (repeatable, in order).
    #[arg(long = "overlay", value_name = "DIR")]
    pub overlays: Vec<PathBuf>,
    /// The date fixtures are checked as of, unless one says `# as-of:` [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Also list each case that passed.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Output formats of `fairrec test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// Failures as diffs, then coverage and a summary.
    Human,
    /// JUnit XML: a suite per fixture, a case per rule it names.
    Junit,
}

impl From<TestFormat> for ReportFormat {
    fn from(format: TestFormat) -> Self {
        match format {
            TestFormat::Human => ReportFormat::Human,
            TestFormat::Junit => ReportFormat::Junit,
        }
    }
}

/// Runs `fairrec test`: 0 when every expectation is met, 1 when one is not, 2 when a
/// fixture or the pack could not be used.
pub fn run(args: &TestArgs) -> ExitStatus {
    let color = stdout_color();
    let as_of = match parse_as_of(args.as_of.as_deref()) {
        Ok(date) => date,
        Err(stop) => return stop.report(args.format, color),
    };
    let (rules, overlays) = match packs_of(args) {
        Ok(packs) => packs,
        Err(message) => {
            print_err(&format!("error: {message}\n"));
            return ExitStatus::Failure;
        }
    };
    let limits = fairrec::limits::Limits::default();
    let pack = match load_pack(rules.as_deref(), &overlays, limits.max_rule_pack_bytes) {
        Ok(pack) => pack,
        Err(stop) => return stop.report(args.format, color),
    };
    // Coverage is reported for the rules under test: an overlay's own, or the whole pack's.
    let coverage_of = (0..pack.rules.len())
        .filter(|i| overlays.is_empty() || pack.rules[*i].overlay.is_some())
        .collect();
    let options = run::Options {
        as_of,
        limits,
        coverage_of,
    };
    let result = run::run(&pack, &args.paths, &options);
    let text = match args.format {
        TestFormat::Human => render::human(&result, color, args.verbose),
        TestFormat::Junit => render::junit(&result),
    };
    let printed = print_out(&text);
    if printed != ExitStatus::Clean || result.in_error() > 0 {
        ExitStatus::Failure
    } else if result.failed() > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// The pack folder (none: the built-in pack) and the overlays, in order: `--rules` and
/// `--overlay`, then each folder given to test that holds rule files and is not one of
/// those. Such a folder is an overlay when its files say `overlay "..."`; otherwise it is
/// the pack, unless `--rules` or another folder already is.
fn packs_of(args: &TestArgs) -> Result<(Option<PathBuf>, Vec<PathBuf>), String> {
    let mut rules = args.rules.clone();
    let mut overlays = args.overlays.clone();
    for path in &args.paths {
        let named = |dir: &Path| same_folder(dir, path);
        let known = rules.as_deref().is_some_and(named) || overlays.iter().any(|o| named(o));
        if known || !holds_rule_files(path) {
            continue;
        }
        // Unreadable rule files are the loader's to report: read them as an overlay.
        let files = read_rule_files(path, u64::MAX).unwrap_or_default();
        if files.is_empty() || is_overlay(&files) {
            overlays.push(path.clone());
        } else if let Some(pack) = &rules {
            return Err(format!(
                "`{}` holds a rule pack, but the pack is `{}`; test one pack at a time (an overlay's files say `overlay \"...\"`)",
                escape(&path.display().to_string()),
                escape(&pack.display().to_string())
            ));
        } else {
            rules = Some(path.clone());
        }
    }
    Ok((rules, overlays))
}

/// `--as-of`, or today (UTC).
pub fn parse_as_of(text: Option<&str>) -> Result<Date, Stop> {
    match text {
        Some(text) => text.parse().map_err(|_| Stop::BadAsOf(text.to_string())),
        None => Ok(jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()),
    }
}

/// Colour on a terminal, never with `NO_COLOR`: for diagnostics written to stdout.
pub fn stdout_color() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Whether `path` is a folder with rule files (`*.fr`, in any case) directly in it.
fn holds_rule_files(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            entry
                .path()
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("fr"))
        })
    })
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

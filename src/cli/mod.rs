//! The command line: argument definitions and the exit status. One file per subcommand.

pub mod author;
pub mod check;
pub mod check_rules;
pub mod docs;
pub mod explain;
pub mod fmt;
pub mod output;
pub mod rules;
pub mod stop;
pub mod test;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// fairrec checks recruitment practices against the ILO General principles and operational
/// guidelines for fair recruitment and the definition of recruitment fees and related costs.
#[derive(Debug, Parser)]
#[command(name = "fairrec", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check agency, employer or agreement documents (YAML files or folders of them).
    Check(CheckArgs),
    /// List the rules, optionally only those citing a principle or applying to a kind.
    Rules(RulesArgs),
    /// Print a rule's documentation, or with --document why it concluded what it did there.
    Explain(ExplainArgs),
    /// Print the coverage tables (principles, guidelines, cost categories) as Markdown.
    Coverage(PackArgs),
    /// Print the document schema reference as Markdown, or a kind's JSON Schema for editors.
    Schema(docs::SchemaArgs),
    /// Write a template document of a kind: every field, its meaning and allowed values.
    Init(author::InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(author::CompletionsArgs),
    /// Print the manual page (roff): `fairrec man | man -l -`.
    Man(author::ManArgs),
    /// Print every error code with its meaning, as Markdown.
    Errors,
    /// Print the legal basis of every rule, and the rules citing each instrument, as Markdown.
    Basis(PackArgs),
    /// Run rule fixtures: documents whose top says what each rule must conclude.
    Test(test::TestArgs),
    /// Write rule files (`*.fr`) in their canonical layout, or `--check` that they are.
    Fmt(fmt::FmtArgs),
    /// Lint a rule pack or an overlay: citations, documentation, examples, fixtures, parameters.
    CheckRules(check_rules::CheckRulesArgs),
}

/// Choosing the rule pack.
#[derive(Debug, clap::Args)]
pub struct PackArgs {
    /// Use the rule pack in this folder instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Load the national overlay in this folder on top of the pack (repeatable, in order).
    #[arg(long = "overlay", value_name = "DIR")]
    pub overlays: Vec<PathBuf>,
}

/// Arguments of `fairrec rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Only rules citing this general principle (1-13).
    #[arg(long, value_name = "N")]
    pub principle: Option<u32>,
    /// Only rules applying to this document kind.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The rule pack.
    #[command(flatten)]
    pub pack: PackArgs,
}

/// Arguments of `fairrec explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id, such as FR-GP7-001.
    pub id: String,
    /// Instead of the documentation, trace the rule on each document of this YAML file:
    /// every item it looked at, with or without a finding (the file's other documents may
    /// be looked up, as in a check of the file alone).
    #[arg(long, value_name = "FILE")]
    pub document: Option<PathBuf>,
    /// With --document: the date the check is made for (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", requires = "document")]
    pub as_of: Option<String>,
    /// With --document: show values the schema marks personal (workers' names, passport
    /// numbers), hidden by default.
    #[arg(long, requires = "document")]
    pub show_personal_data: bool,
    /// With --document: output format.
    #[arg(long, value_enum, default_value_t = Format::Human, requires = "document")]
    pub format: Format,
    /// The rule pack.
    #[command(flatten)]
    pub pack: PackArgs,
}

/// Arguments of `fairrec check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// YAML files or folders to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format: human (default), json, sarif (2.1.0), markdown (an audit report), html
    /// (the audit report as one self-contained page), csv (a row per finding) or junit (a
    /// case per document and rule).
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output (any format).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date the check is made for (YYYY-MM-DD); licences and deadlines are judged on it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Use the rule pack in this folder instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Load the national overlay in this folder on top of the pack (repeatable, in order):
    /// its rules, parameter values and disabled rules, each named in the report.
    #[arg(long = "overlay", value_name = "DIR")]
    pub overlays: Vec<PathBuf>,
    /// Also list the rules each document passes.
    #[arg(long)]
    pub show_passes: bool,
    /// Show why each finding was made: the rule's condition part by part, marked true, false
    /// or unknown, with the values it read and their lines, the exceptions considered, and
    /// for a result not assessable the facts that would decide it. In the human and json
    /// formats (a `trace` object per finding); the other formats leave it out.
    #[arg(long)]
    pub explain: bool,
    /// With --explain: show values the schema marks personal (workers' names, passport
    /// numbers), hidden in traces by default.
    #[arg(long, requires = "explain")]
    pub show_personal_data: bool,
    /// Exit 0 for documents whose verdict is `incomplete` (facts not given), for users who
    /// knowingly check partial files; violations and gaps still exit 1.
    #[arg(long)]
    pub allow_incomplete: bool,
    /// Waivers (YAML): findings an authority accepted for a time, by rule, document id and
    /// item; each is reported as `waived` with its reason until it expires.
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// An earlier `--format json` report of fairrec: each document's findings are marked
    /// new or unchanged, and those no longer found are listed as resolved.
    #[arg(long, value_name = "OLD.json")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: exit 1 only for new findings (a new violation or gap; a new finding
    /// not assessable or for review too, unless --allow-incomplete), 0 otherwise.
    #[arg(long, requires = "baseline")]
    pub fail_on_new: bool,
    /// Files checked at once [default: the number of cores]; output order is unchanged.
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Input limits.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Overrides of the input limits (docs/limits.md).
#[derive(Debug, clap::Args)]
pub struct LimitArgs {
    /// Largest document file, in bytes [default: 16 MiB].
    #[arg(long, value_name = "BYTES", help_heading = "Limits")]
    pub max_file_bytes: Option<u64>,
    /// Deepest YAML nesting [default: 64, at most 512].
    #[arg(long, value_name = "N", help_heading = "Limits", value_parser = depth)]
    pub max_depth: Option<usize>,
    /// Most YAML nodes in one file [default: 2,000,000].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_nodes: Option<usize>,
    /// Most alias (`*name`) uses in one file [default: 1,000].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_aliases: Option<usize>,
    /// Longest text value, in bytes [default: 64 KiB].
    #[arg(long, value_name = "BYTES", help_heading = "Limits")]
    pub max_string_bytes: Option<usize>,
    /// Largest rule pack (all .fr files), in bytes [default: 4 MiB].
    #[arg(long, value_name = "BYTES", help_heading = "Limits")]
    pub max_rule_pack_bytes: Option<u64>,
}

/// `--max-depth`: a number up to the deepest nesting the parser handles safely.
fn depth(text: &str) -> Result<usize, String> {
    let max = fairrec::limits::MAX_DEPTH;
    match text.parse::<usize>() {
        Ok(depth) if depth <= max => Ok(depth),
        Ok(_) => Err(format!(
            "at most {max}: deeper nesting could overflow the YAML parser's stack (docs/limits.md)"
        )),
        Err(error) => Err(error.to_string()),
    }
}

impl LimitArgs {
    /// The defaults with the given overrides.
    pub fn limits(&self) -> fairrec::limits::Limits {
        let mut limits = fairrec::limits::Limits::default();
        if let Some(v) = self.max_file_bytes {
            limits.max_file_bytes = v;
        }
        if let Some(v) = self.max_depth {
            limits.max_depth = v;
        }
        if let Some(v) = self.max_nodes {
            limits.max_nodes = v;
        }
        if let Some(v) = self.max_aliases {
            limits.max_aliases = v;
        }
        if let Some(v) = self.max_string_bytes {
            limits.max_string_bytes = v;
        }
        if let Some(v) = self.max_rule_pack_bytes {
            limits.max_rule_pack_bytes = v;
        }
        limits
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for people, with the YAML underlined.
    Human,
    /// Format version 1, for other tools (docs/json-format.md).
    Json,
}

/// Output formats of `fairrec check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Diagnostics for people, with the YAML underlined, then a summary.
    Human,
    /// Format version 1, for other tools (docs/json-format.md).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// A dated audit report, fit to attach to a letter.
    Markdown,
    /// The audit report as one self-contained, printable HTML page with a chart.
    Html,
    /// One row per finding, for spreadsheets.
    Csv,
    /// JUnit XML: one test case per document and rule, for CI systems.
    Junit,
}

impl From<Format> for ReportFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Human => ReportFormat::Human,
            Format::Json => ReportFormat::Json,
        }
    }
}

/// How the process ends. Scripts depend on these numbers: never renumber them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No violation or gap.
    Clean,
    /// At least one violation or gap.
    Findings,
    /// An input or rule file could not be read or validated, or the arguments are wrong.
    Failure,
}

impl std::process::Termination for ExitStatus {
    fn report(self) -> std::process::ExitCode {
        std::process::ExitCode::from(match self {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Failure => 2,
        })
    }
}

/// Loads the pack named by `--rules` (or the built-in one) with each `--overlay` on top.
pub fn load_pack(
    dir: Option<&std::path::Path>,
    overlays: &[PathBuf],
    max_bytes: u64,
) -> Result<fairrec::pack::RulePack, stop::Stop> {
    use fairrec::pack::{read_rule_files, OverlayFiles, RulePack};
    let base = match dir {
        Some(dir) => read_rule_files(dir, max_bytes).map_err(stop::Stop::Pack)?,
        None => RulePack::builtin_files(),
    };
    let mut layers = Vec::with_capacity(overlays.len());
    for overlay in overlays {
        layers.push(OverlayFiles {
            dir: overlay.display().to_string(),
            files: read_rule_files(overlay, max_bytes).map_err(stop::Stop::Pack)?,
        });
    }
    RulePack::load_layers(base, layers).map_err(stop::Stop::Pack)
}

/// Writes `text` to stdout. A reader that has gone away (`fairrec rules | head`) is not a
/// failure, as for `fairrec check`; print! would panic on it.
pub fn print_out(text: &str) -> ExitStatus {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitStatus::Clean,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Clean,
        Err(error) => {
            print_err(&format!("error: cannot write the output: {error}\n"));
            ExitStatus::Failure
        }
    }
}

/// Writes `text` to stderr; if even that is closed, there is no one left to tell.
pub fn print_err(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Colour only on a terminal, and never with `NO_COLOR`.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && !output::no_color()
}

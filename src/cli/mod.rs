//! The command line: argument definitions and the exit status. One file per subcommand.

pub mod check;

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
}

/// Arguments of `fairrec check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// YAML files or folders to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The date the check is made for (YYYY-MM-DD); licences and deadlines are judged on it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Use the rule pack in this folder instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Also list the rules each document passes.
    #[arg(long)]
    pub show_passes: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for people, with the YAML underlined.
    Human,
    /// Format version 1, for other tools (docs/json-format.md).
    Json,
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

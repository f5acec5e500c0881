//! The `fairrec` binary: parse arguments, run the subcommand, exit with its status. The
//! command line lives here, not in the library, so the library never depends on clap.
#![deny(clippy::unwrap_used)]

mod cli;

use clap::Parser;
use cli::{check, docs, rules, Cli, Command, ExitStatus};

fn main() -> ExitStatus {
    let cli = Cli::parse();
    match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::list(args),
        Command::Explain(args) => rules::run_explain(args),
        Command::Coverage(args) => docs::coverage(args),
        Command::Schema(args) => docs::schema(args),
    }
}

//! The `fairrec` binary: parse arguments, run the subcommand, exit with its status.

use clap::Parser;
use fairrec::cli::{check, Cli, Command, ExitStatus};

fn main() -> ExitStatus {
    let cli = Cli::parse();
    match &cli.command {
        Command::Check(args) => check::run(args),
    }
}

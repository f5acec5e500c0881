//! The `fairrec` binary: parse arguments, run the subcommand, exit with its status. The
//! command line lives here, not in the library, so the library never depends on clap.
#![deny(clippy::unwrap_used)]

mod cli;

/// mimalloc, not the system allocator: a check makes many small, short-lived allocations
/// (trees, findings, messages), and glibc's malloc and free were a fifth of its instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use cli::stop::{wants_json, Stop};
use cli::{author, check, docs, rules, Cli, Command, ExitStatus, Format};

fn main() -> ExitStatus {
    // Loading a rule pack type-checks it by recursion: run everything on a thread whose stack
    // is known, the same as the workers', not whatever the environment gave the main thread.
    let run = std::thread::Builder::new()
        .name("fairrec".into())
        .stack_size(fairrec::parallel::STACK_BYTES)
        .spawn(run);
    match run.map(std::thread::JoinHandle::join) {
        Ok(Ok(status)) => status,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(error) => {
            let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
            let format = if wants_json(&args) {
                Format::Json
            } else {
                Format::Human
            };
            Stop::NoThread(error.to_string()).report(format, false)
        }
    }
}

fn run() -> ExitStatus {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        // `--help` and `--version` are not errors: clap prints them and exits 0.
        Err(error) if error.use_stderr() => {
            let format = if wants_json(&args) {
                Format::Json
            } else {
                Format::Human
            };
            return Stop::Arguments(error).report(format, false);
        }
        Err(error) => error.exit(),
    };
    match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::list(args),
        Command::Explain(args) => rules::run_explain(args),
        Command::Coverage(args) => docs::coverage(args),
        Command::Schema(args) => docs::schema(args),
        Command::Init(args) => author::init(args),
        Command::Completions(args) => author::completions(args),
        Command::Man(args) => author::man(args),
        Command::Basis(args) => docs::basis(args),
        Command::Errors => cli::print_out(&fairrec::diagnostic::errors_markdown()),
        Command::Test(args) => cli::test::run(args),
        Command::Fmt(args) => cli::fmt::run(args),
        Command::CheckRules(args) => cli::check_rules::run(args),
    }
}

//! Commands for the people who write documents and run fairrec: `fairrec init` (a template
//! document of a kind), `fairrec completions` (shell completion scripts) and `fairrec man`
//! (the manual page), the last two generated from the command-line definition itself.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use fairrec::catalogue::template;
use fairrec::diagnostic::escape;

use super::stop::Stop;
use super::{load_pack, print_err, print_out, use_color, Cli, ExitStatus, Format, PackArgs};

/// Arguments of `fairrec init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The document kind: agency, employer or agreement.
    #[arg(value_name = "KIND")]
    pub kind: String,
    /// Write the template to this file (which must not exist yet) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The rule pack whose schema the template follows.
    #[command(flatten)]
    pub pack: PackArgs,
}

/// Arguments of `fairrec completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `fairrec man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand's own page (`fairrec man check`) instead of the main one.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Runs `fairrec init`.
pub fn init(args: &InitArgs) -> ExitStatus {
    let pack = match load_pack(args.pack.rules.as_deref(), &args.pack.overlays, u64::MAX) {
        Ok(pack) => pack,
        Err(stop) => return stop.report(Format::Human, use_color()),
    };
    let Some(text) = template(&pack, &args.kind) else {
        let kinds = pack.schema.kinds.keys().cloned().collect();
        let kind = args.kind.clone();
        return Stop::UnknownKind { kind, kinds }.report(Format::Human, use_color());
    };
    match &args.output {
        None => print_out(&text),
        Some(path) => match write_new(path, &text) {
            Ok(()) => {
                print_err(&format!(
                    "wrote {}: fill it in, then run `fairrec check {}`\n",
                    escape(&path.display().to_string()),
                    escape(&path.display().to_string())
                ));
                ExitStatus::Clean
            }
            Err(error) => {
                let reason = if error.kind() == std::io::ErrorKind::AlreadyExists {
                    "it already exists (a filled-in document is never overwritten); choose another name"
                        .to_string()
                } else {
                    error.to_string()
                };
                print_err(&format!(
                    "error: cannot write `{}`: {reason}\n",
                    escape(&path.display().to_string())
                ));
                ExitStatus::Failure
            }
        },
    }
}

/// Writes `text` to a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.flush()
}

/// Runs `fairrec completions SHELL`.
pub fn completions(args: &CompletionsArgs) -> ExitStatus {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "fairrec", &mut script);
    print_out(&String::from_utf8_lossy(&script))
}

/// Runs `fairrec man [COMMAND]`.
pub fn man(args: &ManArgs) -> ExitStatus {
    let command = Cli::command();
    let page = match &args.command {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub
                .clone()
                .display_name(format!("fairrec-{name}"))
                .version(env!("CARGO_PKG_VERSION")),
            None => {
                let names: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
                print_err(&format!(
                    "error: there is no subcommand `{}`; the subcommands are {}\n",
                    escape(name),
                    names.join(", ")
                ));
                return ExitStatus::Failure;
            }
        },
    };
    let mut roff = Vec::new();
    match clap_mangen::Man::new(page).render(&mut roff) {
        Ok(()) => print_out(&String::from_utf8_lossy(&roff)),
        Err(error) => {
            print_err(&format!("error: cannot render the manual page: {error}\n"));
            ExitStatus::Failure
        }
    }
}

//! `fairrec fmt`: writes rule files (`*.fr`) in their canonical layout, or with `--check`
//! lists those that are not, changing nothing. Only whitespace changes; a file that does not
//! parse is left alone and its errors shown.

use std::path::{Path, PathBuf};

use super::{print_err, print_out, use_color, ExitStatus};
use fairrec::diagnostic::{escape, ErrorCode, SourceError, SourceFile};
use fairrec::formatter::format_rule_file;
use fairrec::report::human::render_diagnostic;

/// Arguments of `fairrec fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Rule files, or folders of them (every `.fr` file below, at any depth).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Change nothing: list the files that would change, and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

/// Runs `fairrec fmt`: 0 when every file is (now) formatted, 1 under `--check` when one is
/// not, 2 when a file could not be read, parsed or written.
pub fn run(args: &FmtArgs) -> ExitStatus {
    let mut errors: Vec<SourceError> = Vec::new();
    let mut listed = String::new();
    let mut changed = 0;
    let files = rule_files(&args.paths, &mut errors);
    for path in &files {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                errors.push(unreadable(&name, &error.to_string()));
                continue;
            }
        };
        let formatted = match format_rule_file(&SourceFile::new(name.as_str(), text.as_str())) {
            Ok(formatted) => formatted,
            Err(more) => {
                errors.extend(more);
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        changed += 1;
        if args.check {
            let line = first_difference(&text, &formatted);
            listed.push_str(&format!("{}:{line}: not formatted\n", escape(&name)));
        } else if let Err(error) = std::fs::write(path, &formatted) {
            errors.push(SourceError::whole_file(
                ErrorCode::Io,
                &name,
                format!("cannot write `{name}`: {error}"),
            ));
        } else {
            listed.push_str(&format!("formatted {}\n", escape(&name)));
        }
    }
    let color = use_color();
    for error in &errors {
        print_err(&render_diagnostic(error, color));
    }
    let summary = match (args.check, changed) {
        (true, 0) => format!("fmt: {} rule file(s) already formatted\n", files.len()),
        (true, n) => format!(
            "fmt: {n} of {} rule file(s) would be reformatted; run `fairrec fmt` on them\n",
            files.len()
        ),
        (false, n) => format!("fmt: {n} of {} rule file(s) reformatted\n", files.len()),
    };
    print_err(&summary);
    let printed = print_out(&listed);
    if !errors.is_empty() || printed != ExitStatus::Clean {
        ExitStatus::Failure
    } else if args.check && changed > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// The files named, and every `.fr` file (in any case) below the folders named, in name
/// order. A folder with none is an error: nothing is passed over in silence.
fn rule_files(paths: &[PathBuf], errors: &mut Vec<SourceError>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let before = files.len();
        for entry in walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
        {
            match entry {
                Ok(entry) if entry.file_type().is_file() && is_rule_file(entry.path()) => {
                    files.push(entry.into_path())
                }
                Ok(_) => {}
                Err(error) => {
                    errors.push(unreadable(&path.display().to_string(), &error.to_string()))
                }
            }
        }
        if files.len() == before {
            let shown = path.display().to_string();
            errors.push(
                SourceError::whole_file(
                    ErrorCode::RulesEmptyPack,
                    &shown,
                    format!("`{shown}` holds no rule file (*.fr)"),
                )
                .with_help("give the folder of a rule pack or overlay, or name the files"),
            );
        }
    }
    files
}

fn is_rule_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("fr"))
}

fn unreadable(name: &str, reason: &str) -> SourceError {
    SourceError::whole_file(
        ErrorCode::Io,
        name,
        format!("cannot read `{name}`: {reason}"),
    )
}

/// The first line (1-based) where the formatted text differs.
fn first_difference(text: &str, formatted: &str) -> usize {
    let mut a = text.lines();
    let mut b = formatted.lines();
    let mut line = 1;
    while let (Some(x), Some(y)) = (a.next(), b.next()) {
        if x != y {
            return line;
        }
        line += 1;
    }
    line
}

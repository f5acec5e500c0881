//! Paths given on the command line → the document files to check, and opening one safely.
//!
//! Nothing is skipped in silence: a folder or file that cannot be read, a folder that holds
//! no document, a link that leads nowhere, a FIFO or a device, each becomes an error in its
//! place in the batch, and the rest of the batch goes on.
//!
//! The rule for folders (README, "Options"): every file below a folder whose name ends in
//! `.yaml` or `.yml`, in any case, at any depth, in name order. Symbolic links are followed,
//! to files and to folders; a link back into a folder that is already being walked (a loop)
//! is not entered again, since its files are checked anyway. A file reached twice (named
//! twice, or through a link) is checked once, where it is first met.

use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::diagnostic::{ErrorCode, SourceError};
use crate::limits::{flag, Limits};

/// One entry of the batch, in the order it is checked and reported.
#[derive(Debug)]
pub enum Input {
    /// A file to check.
    File(PathBuf),
    /// A path that cannot be checked; reported in its place as an error.
    Unreadable(SourceError),
}

/// Expands folders into the document files below them (see the module's rule); files given
/// by name are kept whatever their extension. Each file appears once, where it is first met.
pub fn expand_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |out: &mut Vec<Input>, path: PathBuf| {
        // A file that cannot be canonicalised is kept: reading it will say why it fails.
        let first_time = std::fs::canonicalize(&path).map_or(true, |real| seen.insert(real));
        if first_time {
            out.push(Input::File(path));
        }
    };
    for path in paths {
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                // Files met before (given twice) count as found: only an empty folder fails.
                if walk(path, &mut out, &mut push) == 0 {
                    let shown = path.display().to_string();
                    out.push(Input::Unreadable(
                        SourceError::whole_file(
                            ErrorCode::InputNoDocuments,
                            &shown,
                            format!("`{shown}` holds no document file (.yaml or .yml)"),
                        )
                        .with_help("give the folder that holds the documents, or name the files"),
                    ));
                }
            }
            Ok(_) => push(&mut out, path.clone()),
            Err(error) => out.push(Input::Unreadable(unreadable(path, &error))),
        }
    }
    out
}

/// Every document file below `dir`, in name order, depth first; returns how many entries
/// (files found, or errors) the walk met.
fn walk(
    dir: &Path,
    out: &mut Vec<Input>,
    push: &mut impl FnMut(&mut Vec<Input>, PathBuf),
) -> usize {
    let mut met = 0;
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_dir() && is_yaml_name(entry.file_name()) {
                    met += 1;
                    push(out, entry.into_path());
                }
            }
            // A loop's files are already in the walk: nothing is lost by not entering it.
            Err(error) if error.loop_ancestor().is_some() => {}
            Err(error) => {
                let path = error.path().unwrap_or(dir).to_path_buf();
                let reason = error
                    .io_error()
                    .map_or_else(|| error.to_string(), io_reason);
                let shown = path.display().to_string();
                met += 1;
                out.push(Input::Unreadable(SourceError::whole_file(
                    ErrorCode::Io,
                    &shown,
                    format!("cannot read `{shown}`: {reason}"),
                )));
            }
        }
    }
    met
}

/// Whether a file name ends in `.yaml` or `.yml`, in any case.
pub fn is_yaml_name(name: &std::ffi::OsStr) -> bool {
    Path::new(name).extension().is_some_and(|extension| {
        extension.eq_ignore_ascii_case("yaml") || extension.eq_ignore_ascii_case("yml")
    })
}

fn unreadable(path: &Path, error: &std::io::Error) -> SourceError {
    let shown = path.display().to_string();
    SourceError::whole_file(
        ErrorCode::Io,
        &shown,
        format!("cannot read `{shown}`: {}", io_reason(error)),
    )
}

/// Why a file or folder could not be read, in plain words.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotADirectory => "it is not a folder".into(),
        _ => error.to_string(),
    }
}

/// A document file opened for reading, at most `--max-file-bytes` of it (plus one byte, so
/// that a file that grew past the limit after it was measured is still caught).
pub type DocumentReader = BufReader<std::io::Take<File>>;

/// Opens a document file, refusing what is not a regular file or is over the size limit.
///
/// The type is checked before the file is opened (opening a FIFO blocks until someone
/// writes to it), and again on the open handle, in case the path was swapped in between;
/// on Unix the file is opened non-blocking for the same reason. The size is checked from
/// the metadata and then enforced while reading.
pub fn open_document(path: &Path, limits: &Limits) -> Result<DocumentReader, SourceError> {
    let name = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(path, &e))?;
    regular(&name, &metadata)?;
    if metadata.len() > limits.max_file_bytes {
        return Err(too_large(&name, Some(metadata.len()), limits));
    }
    let file = open_nonblocking(path).map_err(|e| unreadable(path, &e))?;
    let metadata = file.metadata().map_err(|e| unreadable(path, &e))?;
    regular(&name, &metadata)?;
    Ok(BufReader::with_capacity(
        64 * 1024,
        file.take(limits.max_file_bytes.saturating_add(1)),
    ))
}

/// The error for a file over the size limit: measured before reading (`size`), or found
/// while reading (`None`: it grew after it was measured).
pub fn too_large(name: &str, size: Option<u64>, limits: &Limits) -> SourceError {
    let limit = limits.max_file_bytes;
    let message = match size {
        Some(size) => format!("`{name}` is {size} bytes, over the limit of {limit} bytes"),
        None => format!("`{name}` grew past the limit of {limit} bytes while it was read"),
    };
    SourceError::whole_file(ErrorCode::LimitExceeded, name, message).with_help(format!(
        "split the file, or raise the limit with {}",
        flag("file")
    ))
}

fn regular(name: &str, metadata: &Metadata) -> Result<(), SourceError> {
    if metadata.is_file() {
        return Ok(());
    }
    Err(SourceError::whole_file(
        ErrorCode::Io,
        name,
        format!("`{name}` is not a regular file (it is {})", what(metadata)),
    )
    .with_help(
        "fairrec reads documents and rules from regular files only: a FIFO, socket or device could block or never end",
    ))
}

fn what(metadata: &Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    "not a file"
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::is_yaml_name;
    use std::ffi::OsStr;

    #[test]
    fn yaml_names_in_any_case() {
        for name in ["a.yaml", "a.yml", "A.YAML", "b.Yml", "c.yAmL"] {
            assert!(is_yaml_name(OsStr::new(name)), "{name}");
        }
        for name in ["a.json", "yaml", "a.yaml.bak", ".yaml"] {
            assert!(!is_yaml_name(OsStr::new(name)), "{name}");
        }
    }
}

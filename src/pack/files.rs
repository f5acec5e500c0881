//! Rule files on disk → [`SourceFile`]s: every `*.fr` of a folder, in name order, within the
//! size limit, UTF-8 only, each failure a located error naming the file.

use std::path::Path;

use super::PackLoadError;
use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};

/// Reads every `*.fr` file in `dir`, sorted by name, refusing packs larger than `max_bytes`.
pub fn read_rule_files(dir: &Path, max_bytes: u64) -> Result<Vec<SourceFile>, PackLoadError> {
    let shown = dir.display().to_string();
    let io = |name: &str, reason: String| {
        PackLoadError::from(vec![SourceError::whole_file(
            ErrorCode::Io,
            name,
            format!("cannot read the rule pack `{name}`: {reason}"),
        )])
    };
    let entries = std::fs::read_dir(dir).map_err(|e| io(&shown, io_reason(&e)))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| io(&shown, io_reason(&e)))?.path();
        // `.fr` in any case: a rule file named `GP7.FR` is not skipped in silence.
        if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("fr"))
        {
            paths.push(path);
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(PackLoadError::from(vec![SourceError::whole_file(
            ErrorCode::RulesEmptyPack,
            &shown,
            format!("`{shown}` holds no rule file (*.fr)"),
        )
        .with_help("a rule pack or overlay is a folder of `.fr` files")]));
    }
    let mut files = Vec::new();
    let mut total: u64 = 0;
    for path in paths {
        let name = path.display().to_string();
        let metadata = std::fs::metadata(&path).map_err(|e| io(&name, io_reason(&e)))?;
        if !metadata.is_file() {
            return Err(io(&name, "it is not a regular file".into()));
        }
        total = total.saturating_add(metadata.len());
        if total > max_bytes {
            return Err(io(
                &shown,
                format!(
                    "the rule files hold more than {max_bytes} bytes (raise the limit with --max-rule-pack-bytes)"
                ),
            ));
        }
        // The limit holds while reading, whatever the metadata said.
        let mut bytes = Vec::new();
        let allowed = max_bytes.saturating_sub(total - metadata.len());
        std::fs::File::open(&path)
            .and_then(|f| {
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(f, allowed.saturating_add(1)),
                    &mut bytes,
                )
            })
            .map_err(|e| io(&name, io_reason(&e)))?;
        if bytes.len() as u64 > allowed {
            return Err(io(
                &shown,
                format!(
                    "the rule files hold more than {max_bytes} bytes (raise the limit with --max-rule-pack-bytes)"
                ),
            ));
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let lossy = SourceFile::new(
                    name.as_str(),
                    String::from_utf8_lossy(e.as_bytes()).into_owned(),
                );
                return Err(PackLoadError::from(vec![SourceError::new(
                    ErrorCode::Io,
                    &lossy,
                    Span::new(at, 1),
                    format!(
                        "`{name}` is not UTF-8 text (an invalid byte at offset {at}, underlined)"
                    ),
                )
                .with_help("save the rule file as UTF-8")]));
            }
        };
        // A byte-order mark is an editor's habit, not part of the rules.
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        files.push(SourceFile::new(name, text));
    }
    Ok(files)
}

/// Why a file or folder could not be read, in plain words.
pub(crate) fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotADirectory => "it is not a folder".into(),
        _ => error.to_string(),
    }
}

//! Files → per-document results: reads each file, parses its YAML documents, validates and
//! evaluates each. A bad file or document becomes an error entry; the batch goes on.

use jiff::civil::Date;
use std::path::{Path, PathBuf};

use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};
use crate::document::validate::validate;
use crate::document::yaml::parse_documents;
use crate::eval::{check_document, RunIndex};
use crate::finding::{DocumentFindings, Outcome};
use crate::limits::{flag, Limits};
use crate::pack::RulePack;

/// The result for one YAML document (or for a file that could not be read or parsed).
#[derive(Debug)]
pub struct DocumentResult {
    /// The file.
    pub file: SourceFile,
    /// Its position in the file.
    pub index: usize,
    /// Its kind, when it could be read.
    pub kind: Option<String>,
    /// Its name, when it could be read.
    pub name: Option<String>,
    /// Findings and passes (empty when there are errors).
    pub findings: DocumentFindings,
    /// Why it could not be checked.
    pub errors: Vec<SourceError>,
}

impl DocumentResult {
    /// What the check concludes about the whole document.
    pub fn verdict(&self) -> crate::finding::Verdict {
        crate::finding::Verdict::of(&self.findings, !self.errors.is_empty())
    }

    /// How many findings have this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.findings
            .findings
            .iter()
            .filter(|f| f.outcome == outcome)
            .count()
    }
}

/// Reads a document file, refusing what is too large or not UTF-8 text.
pub fn read_file(path: &Path, limits: &Limits) -> Result<SourceFile, SourceError> {
    let name = path.display().to_string();
    let fail = |message: String| {
        SourceError::new(
            ErrorCode::Io,
            &SourceFile::new(name.as_str(), ""),
            Span::default(),
            message,
        )
    };
    let metadata = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read `{name}`: {}", io_reason(&e))))?;
    if metadata.is_file() && metadata.len() > limits.max_file_bytes {
        return Err(SourceError::whole_file(
            ErrorCode::LimitExceeded,
            &name,
            format!(
                "`{name}` is {} bytes, over the limit of {} bytes",
                metadata.len(),
                limits.max_file_bytes
            ),
        )
        .with_help(format!(
            "split the file, or raise the limit with {}",
            flag("file")
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| fail(format!("cannot read `{name}`: {}", io_reason(&e))))?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        // Point at the first bad byte, in a lossy copy of the text.
        let at = e.utf8_error().valid_up_to();
        let lossy = SourceFile::new(
            name.as_str(),
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
        );
        SourceError::new(
            ErrorCode::Io,
            &lossy,
            Span::new(at, 1),
            format!("`{name}` is not UTF-8 text (invalid byte at offset {at})"),
        )
        .with_help("save the file as UTF-8")
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(SourceFile::new(name, text))
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

/// Checks every document of one file as a run of its own: lookups find the file's other
/// documents (an agency and the agreement for its corridor, separated by `---`).
pub fn check_file(
    pack: &RulePack,
    file: SourceFile,
    as_of: Date,
    limits: &Limits,
) -> Vec<DocumentResult> {
    check_files(pack, vec![file], as_of, limits)
}

/// Indexes the documents of `paths` that other documents' rules may look up (kinds that
/// declare a `key`), before any document is checked. Files that cannot be read or parsed
/// are skipped here; the check itself reports them.
pub fn index_run(pack: &RulePack, paths: &[PathBuf], limits: &Limits) -> RunIndex {
    let mut index = RunIndex::new();
    let keyed = keyed_kinds(pack);
    let looked_up = pack.rules.iter().any(|rule| !rule.lookups.is_empty());
    if keyed.is_empty() || !looked_up {
        return index;
    }
    for path in paths {
        if let Ok(file) = read_file(path, limits) {
            index_file(pack, &keyed, &file, limits, &mut index);
        }
    }
    index
}

/// Checks files held in memory as one run: documents of any file may be looked up by the
/// rules of the others. For tools and tests; the command line streams from disk instead.
pub fn check_files(
    pack: &RulePack,
    files: Vec<SourceFile>,
    as_of: Date,
    limits: &Limits,
) -> Vec<DocumentResult> {
    let mut index = RunIndex::new();
    let keyed = keyed_kinds(pack);
    for file in &files {
        index_file(pack, &keyed, file, limits, &mut index);
    }
    files
        .into_iter()
        .flat_map(|file| check_file_in_run(pack, file, as_of, limits, &index))
        .collect()
}

/// The kinds other documents' rules look up.
fn keyed_kinds(pack: &RulePack) -> Vec<&str> {
    pack.schema
        .kinds
        .keys()
        .filter(|kind| RunIndex::is_keyed(&pack.schema, kind))
        .map(String::as_str)
        .collect()
}

fn index_file(
    pack: &RulePack,
    keyed: &[&str],
    file: &SourceFile,
    limits: &Limits,
    index: &mut RunIndex,
) {
    // A keyed document names its kind in the text, unless the name is written with escapes
    // inside quotes; only such files need parsing now.
    let text = &file.text;
    if !keyed.iter().any(|kind| text.contains(kind)) && !text.contains('\\') {
        return;
    }
    let Ok(documents) = parse_documents(file, limits) else {
        return;
    };
    for (position, yaml) in documents.iter().enumerate() {
        if let Ok(document) = validate(&pack.schema, file, position, yaml).result {
            if keyed.contains(&document.kind.as_str()) {
                index.add(&pack.schema, document);
            }
        }
    }
}

/// Checks every document of one file, with the run's index for lookups.
pub fn check_file_in_run(
    pack: &RulePack,
    file: SourceFile,
    as_of: Date,
    limits: &Limits,
    index: &RunIndex,
) -> Vec<DocumentResult> {
    let documents = match parse_documents(&file, limits) {
        Ok(documents) => documents,
        Err(error) => return vec![failed(file, error)],
    };
    if documents.is_empty() {
        let error = SourceError::new(
            ErrorCode::DocumentEmpty,
            &file,
            Span::default(),
            "the file holds no document",
        )
        .with_help("a document starts with `kind:`, `schema_version:` and `name:`");
        return vec![failed(file, error)];
    }
    documents
        .iter()
        .enumerate()
        .map(|(position, yaml)| {
            let validated = validate(&pack.schema, &file, position, yaml);
            let (findings, errors) = match validated.result {
                Ok(document) => (check_document(pack, &document, as_of, index), Vec::new()),
                Err(errors) => (DocumentFindings::default(), errors),
            };
            DocumentResult {
                file: file.clone(),
                index: position,
                kind: validated.kind,
                name: validated.name,
                findings,
                errors,
            }
        })
        .collect()
}

/// A file-level failure as a one-document result.
pub fn failed(file: SourceFile, error: SourceError) -> DocumentResult {
    DocumentResult {
        file,
        index: 0,
        kind: None,
        name: None,
        findings: DocumentFindings::default(),
        errors: vec![error],
    }
}

/// Expands folders into the `.yaml`/`.yml` files below them, sorted; files stay as given.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            collect_yaml(input, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    out
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 32 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_yaml(&path, out, depth + 1);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

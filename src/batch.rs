//! Files → per-document results: reads each file one document at a time, parses, validates
//! and evaluates each document, and hands its result on before reading the next. A bad file
//! or document becomes an error entry; the batch goes on.

use jiff::civil::Date;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};
use crate::digest::{Digesting, FileDigest, InputFile};
use crate::document::stream::{decode, DocumentTexts};
use crate::document::validate::validate;
use crate::document::yaml::{parse_documents, YamlNode};
use crate::eval::{check_document, groups_of, RunIndex};
use crate::finding::{DocumentFindings, Outcome};
use crate::inputs::{io_reason, open_document, too_large, Input};
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
    /// Its stable id (its own `id`, or derived from kind, name and id fields), when its
    /// envelope could be read.
    pub id: Option<String>,
    /// Findings and passes (empty when there are errors).
    pub findings: DocumentFindings,
    /// Why it could not be checked.
    pub errors: Vec<SourceError>,
    /// The groups it belongs to in summaries (its corridors: see [`groups_of`]), each as the
    /// key's field names with their values.
    pub groups: Vec<Vec<(String, String)>>,
    /// Compared with an earlier audit (`--baseline`); `None` without one.
    pub comparison: Option<crate::finding::Comparison>,
}

/// What checking a run hands on, in input order: each document's result as soon as it is
/// checked, then, once a file is finished, the file itself with its digest.
#[derive(Debug)]
pub enum Checked {
    /// One document (or one file that could not be read or parsed), boxed as it travels
    /// from the worker that checked it.
    Document(Box<DocumentResult>),
    /// A file whose documents have all been handed on.
    Input(InputFile),
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

/// Reads a whole document file, refusing what is not a regular file, too large or not
/// UTF-8 text. For tools and tests; the command line reads one document at a time.
pub fn read_file(path: &Path, limits: &Limits) -> Result<SourceFile, SourceError> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    open_document(path, limits)?
        .read_to_end(&mut bytes)
        .map_err(|e| {
            SourceError::whole_file(
                ErrorCode::Io,
                &name,
                format!("cannot read `{name}`: {}", io_reason(&e)),
            )
        })?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(&name, None, limits));
    }
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(.."\u{feff}".len());
    }
    decode(name.into(), bytes, 0)
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

/// Indexes the documents of `inputs` that other documents' rules may look up (kinds that
/// declare a `key`), before any document is checked. Files that cannot be read or parsed
/// are skipped here; the check itself reports them.
pub fn index_run(pack: &RulePack, inputs: &[Input], limits: &Limits) -> RunIndex {
    let mut index = RunIndex::new();
    let keyed = keyed_kinds(pack);
    let looked_up = pack.rules.iter().any(|rule| !rule.lookups.is_empty());
    if keyed.is_empty() || !looked_up {
        return index;
    }
    for input in inputs {
        let Input::File(path) = input else { continue };
        if let Ok(reader) = open_document(path, limits) {
            let parts = DocumentTexts::new(reader, path.display().to_string(), limits);
            index_parts(pack, &keyed, parts.flatten(), limits, &mut index);
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
        index_parts(
            pack,
            &keyed,
            parts_of(file, limits).flatten(),
            limits,
            &mut index,
        );
    }
    files
        .into_iter()
        .flat_map(|file| check_file_in_run(pack, file, as_of, limits, &index))
        .collect()
}

/// The documents' texts of a file held in memory.
fn parts_of<'a>(file: &'a SourceFile, limits: &Limits) -> DocumentTexts<&'a [u8]> {
    DocumentTexts::new(file.text.as_bytes(), Arc::clone(&file.name), limits)
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

fn index_parts(
    pack: &RulePack,
    keyed: &[&str],
    parts: impl Iterator<Item = SourceFile>,
    limits: &Limits,
    index: &mut RunIndex,
) {
    for part in parts {
        // A keyed document names its kind in the text, unless the name is written with
        // escapes inside quotes; only such documents need parsing now.
        let text = &part.text;
        if !keyed.iter().any(|kind| text.contains(kind)) && !text.contains('\\') {
            continue;
        }
        let Ok(documents) = parse_documents(&part, limits) else {
            continue;
        };
        for (position, yaml) in documents.iter().enumerate() {
            if let Ok(document) = validate(&pack.schema, &part, position, yaml).result {
                if keyed.contains(&document.kind.as_str()) {
                    index.add(&pack.schema, document);
                }
            }
        }
    }
}

/// Checks every document of a file held in memory, with the run's index for lookups.
pub fn check_file_in_run(
    pack: &RulePack,
    file: SourceFile,
    as_of: Date,
    limits: &Limits,
    index: &RunIndex,
) -> Vec<DocumentResult> {
    let mut results = Vec::new();
    let _ = check_parts(
        pack,
        &file.name,
        parts_of(&file, limits),
        as_of,
        limits,
        index,
        &mut |result| {
            results.push(result);
            Ok::<(), std::convert::Infallible>(())
        },
    );
    results
}

/// Checks one input of a run, reading its file one document at a time: `emit` receives
/// each document's result as soon as it is checked, in file order, and each parsed
/// document is dropped once checked, so a file of many documents is never held whole.
/// Returns the file with the SHA-256 of the bytes read (none if it was not read whole).
pub fn check_input<E>(
    pack: &RulePack,
    input: &Input,
    as_of: Date,
    limits: &Limits,
    index: &RunIndex,
    emit: &mut dyn FnMut(DocumentResult) -> Result<(), E>,
) -> Result<InputFile, E> {
    let path = match input {
        Input::Unreadable(error) => {
            emit(failed(error.file().clone(), error.clone()))?;
            return Ok(InputFile::unread(error.file().name.as_ref()));
        }
        Input::File(path) => path,
    };
    let name: Arc<str> = path.display().to_string().into();
    match open_document(path, limits) {
        Err(error) => {
            emit(failed(error.file().clone(), error))?;
            Ok(InputFile::unread(name.as_ref()))
        }
        Ok(reader) => {
            let mut digest = FileDigest::default();
            let reader = Digesting::new(reader, &mut digest);
            let parts = DocumentTexts::new(reader, Arc::clone(&name), limits);
            check_parts(pack, &name, parts, as_of, limits, index, emit)?;
            Ok(digest.finish(name.as_ref(), limits.max_file_bytes))
        }
    }
}

fn check_parts<E>(
    pack: &RulePack,
    name: &str,
    parts: impl Iterator<Item = Result<SourceFile, SourceError>>,
    as_of: Date,
    limits: &Limits,
    index: &RunIndex,
    emit: &mut dyn FnMut(DocumentResult) -> Result<(), E>,
) -> Result<(), E> {
    // Documents and failed parts so far: the position of the next one in the file.
    let mut position = 0;
    // The file's first part, kept only while no document has been found, to point at.
    let mut first_part = None;
    for part in parts {
        let part = match part {
            Ok(part) => part,
            Err(error) => {
                emit(failed_at(error.file().clone(), position, error))?;
                position += 1;
                continue;
            }
        };
        let documents = match parse_documents(&part, limits) {
            Ok(documents) => documents,
            Err(error) => {
                emit(failed_at(part, position, error))?;
                position += 1;
                continue;
            }
        };
        if documents.is_empty() {
            if position == 0 && first_part.is_none() {
                first_part = Some(part);
            }
            continue;
        }
        first_part = None;
        for yaml in &documents {
            if position >= limits.max_nodes {
                let error = SourceError::new(
                    ErrorCode::LimitExceeded,
                    &part,
                    yaml.span,
                    format!(
                        "`{name}` holds more than {} documents; the rest of it is not checked",
                        limits.max_nodes
                    ),
                )
                .with_help(format!(
                    "split the file, or raise the limit with {}",
                    flag("nodes")
                ));
                return emit(failed_at(part.clone(), position, error));
            }
            emit(check_one(pack, &part, position, yaml, as_of, index))?;
            position += 1;
        }
    }
    if position == 0 {
        let file = first_part.unwrap_or_else(|| SourceFile::new(name, ""));
        let error = SourceError::new(
            ErrorCode::DocumentEmpty,
            &file,
            Span::default(),
            "the file holds no document",
        )
        .with_help("a document starts with `kind:`, `schema_version:` and `name:`");
        emit(failed(file, error))?;
    }
    Ok(())
}

/// Validates and evaluates one parsed document.
fn check_one(
    pack: &RulePack,
    file: &SourceFile,
    position: usize,
    yaml: &YamlNode,
    as_of: Date,
    index: &RunIndex,
) -> DocumentResult {
    let validated = validate(&pack.schema, file, position, yaml);
    let (findings, errors, groups) = match validated.result {
        Ok(document) => (
            check_document(pack, &document, as_of, index),
            Vec::new(),
            groups_of(&pack.schema, &document),
        ),
        Err(errors) => (DocumentFindings::default(), errors, Vec::new()),
    };
    DocumentResult {
        file: file.clone(),
        index: position,
        kind: validated.kind,
        name: validated.name,
        id: validated.id,
        findings,
        errors,
        groups,
        comparison: None,
    }
}

/// A file-level failure as a one-document result.
pub fn failed(file: SourceFile, error: SourceError) -> DocumentResult {
    failed_at(file, 0, error)
}

/// A failure of the document at `index` in its file.
fn failed_at(file: SourceFile, index: usize, error: SourceError) -> DocumentResult {
    DocumentResult {
        file,
        index,
        kind: None,
        name: None,
        id: None,
        findings: DocumentFindings::default(),
        errors: vec![error],
        groups: Vec::new(),
        comparison: None,
    }
}

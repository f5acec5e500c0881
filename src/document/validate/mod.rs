//! [`YamlNode`] → [`Document`]: checks a document against its kind's schema and converts
//! each value to its type. Every problem is collected (not just the first), each with a
//! span; a document with any problem is not evaluated.
//!
//! This file holds the validated types and the error plumbing; the envelope (`kind`,
//! `schema_version`, `name`, `exchange_rates`) is read in `envelope`, fields and values in
//! `values`, and what an unknown field probably means in `unknown`.

mod advice;
mod envelope;
mod ranges;
mod unknown;
mod values;

pub use ranges::integer_range;

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::yaml::{YamlNode, YamlValue};
use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};
use crate::schema::{RecordId, Schema};
use crate::value::convert::ExchangeRate;
use crate::value::money::Money;

/// A validated value with the span of its text.
#[derive(Debug, Clone)]
pub struct Node {
    /// What it holds.
    pub value: NodeValue,
    /// Where its text is.
    pub span: Span,
}

/// A typed value.
#[derive(Debug, Clone)]
pub enum NodeValue {
    /// `true`/`false`
    Bool(bool),
    /// integer or decimal, exact
    Number(Decimal),
    /// amount with currency
    Money(Money),
    /// calendar date
    Date(Date),
    /// text, enum value, language or country code
    Text(String),
    /// a list
    List(Vec<Node>),
    /// a record: fields given, in document order, each with its key's span
    Record(Vec<Field>),
}

/// One field given in a record.
#[derive(Debug, Clone)]
pub struct Field {
    /// Its name.
    pub name: String,
    /// Where the key is written.
    pub key_span: Span,
    /// Its value.
    pub node: Node,
}

impl Node {
    /// The field called `name`, if given.
    pub fn field(&self, name: &str) -> Option<&Field> {
        match &self.value {
            NodeValue::Record(fields) => fields.iter().find(|f| f.name == name),
            _ => None,
        }
    }
}

/// A document that passed validation.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it came from.
    pub file: SourceFile,
    /// Its position in the file (0 for the first `---` document).
    pub index: usize,
    /// Its kind.
    pub kind: String,
    /// Its `name`.
    pub name: String,
    /// Its stable id: its own `id`, or one derived from its kind, name and its kind's id
    /// fields (`document::identity`).
    pub id: String,
    /// Its top level, `name` included.
    pub root: Node,
    /// Declared exchange rates.
    pub rates: Vec<ExchangeRate>,
}

/// What validation says about one document.
#[derive(Debug)]
pub struct Validated {
    /// Its position in the file.
    pub index: usize,
    /// Its kind, if it could be read.
    pub kind: Option<String>,
    /// Its name, if it could be read.
    pub name: Option<String>,
    /// Its stable id, if its own `id` or its kind and name could be read.
    pub id: Option<String>,
    /// The document, or every problem found in it.
    pub result: Result<Document, Vec<SourceError>>,
}

/// What the envelope gives: kind, name and id as far as they could be read, and the
/// document when its fields could be read too.
#[derive(Default)]
struct Envelope {
    kind: Option<String>,
    name: Option<String>,
    id: Option<String>,
    document: Option<Document>,
}

struct Validator<'a> {
    schema: &'a Schema,
    file: &'a SourceFile,
    /// The record of the document's top level, once its kind is known: advice on an
    /// unknown field follows paths down from it.
    root: Option<RecordId>,
    errors: Vec<SourceError>,
}

/// Validates one parsed document against the schema of its `kind`.
pub fn validate(schema: &Schema, file: &SourceFile, index: usize, yaml: &YamlNode) -> Validated {
    let mut validator = Validator {
        schema,
        file,
        root: None,
        errors: Vec::new(),
    };
    let envelope = validator.document(index, yaml);
    let result = match envelope.document {
        Some(document) if validator.errors.is_empty() => Ok(document),
        _ => Err(validator.errors),
    };
    Validated {
        index,
        kind: envelope.kind,
        name: envelope.name,
        id: envelope.id,
        result,
    }
}

impl<'a> Validator<'a> {
    /// Records an error; advice and a label can be added to it through the returned handle.
    pub(super) fn error(&mut self, code: ErrorCode, span: Span, message: String) -> Pushed<'_> {
        self.errors
            .push(SourceError::new(code, self.file, span, message));
        Pushed {
            errors: &mut self.errors,
        }
    }

    /// A scalar's text: a string's value, or a number's or boolean's text exactly as
    /// written where it is defined (through an alias, that is the anchored node, not `*name`).
    pub(super) fn scalar_text<'y>(&self, node: &'y YamlNode) -> Option<std::borrow::Cow<'y, str>> {
        match &node.value {
            YamlValue::Str(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
            YamlValue::Number | YamlValue::Bool(_) => self
                .file
                .text
                .get(node.source.start..node.source.start + node.source.len)
                .map(|s| std::borrow::Cow::Owned(s.to_string())),
            _ => None,
        }
    }
}

/// The error just recorded, to add advice or a label to.
pub(super) struct Pushed<'v> {
    errors: &'v mut Vec<SourceError>,
}

impl Pushed<'_> {
    fn amend(self, change: impl FnOnce(SourceError) -> SourceError) -> Self {
        if let Some(last) = self.errors.pop() {
            self.errors.push(change(last));
        }
        self
    }

    pub(super) fn help(self, help: impl Into<String>) -> Self {
        let help = help.into();
        self.amend(|e| e.with_help(help))
    }

    pub(super) fn help_opt(self, help: Option<String>) -> Self {
        match help {
            Some(help) => self.help(help),
            None => self,
        }
    }

    pub(super) fn label(self, label: &str) -> Self {
        self.amend(|e| e.with_label(label))
    }
}

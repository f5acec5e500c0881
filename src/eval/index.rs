//! The run's index of documents other rules may look up (`with agreement = agreement(...)`):
//! built from every document of a keyed kind before any document is evaluated, so a lookup
//! sees the same documents whatever order files are checked in.

use std::collections::HashMap;
use std::sync::Arc;

use crate::document::validate::{Document, NodeValue};
use crate::schema::Schema;

/// Documents of keyed kinds, by kind and key values.
#[derive(Debug, Default, Clone)]
pub struct RunIndex {
    documents: HashMap<(String, Vec<String>), Arc<Document>>,
}

impl RunIndex {
    /// An empty index: every lookup finds nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a validated document if its kind declares a key and the document gives every
    /// key field; the first document with a given key wins (input order is deterministic).
    pub fn add(&mut self, schema: &Schema, document: Document) {
        let Some(key) = key_of(schema, &document) else {
            return;
        };
        self.documents
            .entry((document.kind.clone(), key))
            .or_insert_with(|| Arc::new(document));
    }

    /// Whether any document of `kind` could be indexed (its kind declares a key).
    pub fn is_keyed(schema: &Schema, kind: &str) -> bool {
        schema.kinds.get(kind).is_some_and(|k| !k.key.is_empty())
    }

    /// The document of `kind` with these key values.
    pub fn find(&self, kind: &str, key: &[String]) -> Option<&Document> {
        self.documents
            .get(&(kind.to_string(), key.to_vec()))
            .map(|d| d.as_ref())
    }

    /// How many documents are indexed.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Whether the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }
}

/// The document's key values, rendered as text, when its kind has a key and all are given.
fn key_of(schema: &Schema, document: &Document) -> Option<Vec<String>> {
    let kind = schema.kinds.get(&document.kind)?;
    if kind.key.is_empty() {
        return None;
    }
    kind.key
        .iter()
        .map(|field| match &document.root.field(field)?.node.value {
            NodeValue::Text(text) => Some(text.clone()),
            NodeValue::Number(n) => Some(n.normalize().to_string()),
            NodeValue::Date(d) => Some(d.to_string()),
            NodeValue::Bool(b) => Some(b.to_string()),
            NodeValue::Money(m) => Some(m.to_string()),
            NodeValue::List(_) | NodeValue::Record(_) => None,
        })
        .collect()
}

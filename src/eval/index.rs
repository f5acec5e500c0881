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

/// The groups a document belongs to for summaries over a run: the key of the schema's first
/// keyed kind (in declaration order), read from the document itself when it is of that kind,
/// else from each item of its top-level lists whose records give every key field (in the ILO
/// pack: the agreement's `(origin, destination)`, and an agency's `corridors`). Each group
/// is the key's field names paired with their values; a document that states none has none.
pub fn groups_of(schema: &Schema, document: &Document) -> Vec<Vec<(String, String)>> {
    let Some((kind, fields)) = schema
        .kinds
        .iter()
        .find(|(_, def)| !def.key.is_empty())
        .map(|(name, def)| (name, &def.key))
    else {
        return Vec::new();
    };
    let named = |values: Vec<String>| fields.iter().cloned().zip(values).collect::<Vec<_>>();
    if &document.kind == kind {
        return key_of(schema, document).map(named).into_iter().collect();
    }
    let NodeValue::Record(top_level) = &document.root.value else {
        return Vec::new();
    };
    let mut groups = Vec::new();
    for field in top_level {
        let NodeValue::List(items) = &field.node.value else {
            continue;
        };
        for item in items {
            let values: Option<Vec<String>> = fields
                .iter()
                .map(|f| item.field(f).and_then(|v| scalar_text(&v.node.value)))
                .collect();
            if let Some(values) = values {
                let group = named(values);
                if !groups.contains(&group) {
                    groups.push(group);
                }
            }
        }
    }
    groups
}

/// A scalar as a key value; lists and records are not.
fn scalar_text(value: &NodeValue) -> Option<String> {
    match value {
        NodeValue::Text(text) => Some(text.clone()),
        NodeValue::Number(n) => Some(n.normalize().to_string()),
        NodeValue::Date(d) => Some(d.to_string()),
        NodeValue::Bool(b) => Some(b.to_string()),
        NodeValue::Money(m) => Some(m.to_string()),
        NodeValue::List(_) | NodeValue::Record(_) => None,
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
        .map(|field| scalar_text(&document.root.field(field)?.node.value))
        .collect()
}

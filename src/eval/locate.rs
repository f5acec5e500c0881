//! Where a finding points and what it says: the node an `at` path names (or its nearest
//! ancestor that exists), the `also at` place in another document, and the message with the
//! document's facts filled in.

use super::expr::render;
use super::paths::{PathId, Paths};
use super::Evaluator;
use crate::diagnostic::Span;
use crate::document::validate::{Document, Node, NodeValue};
use crate::finding::Related;
use crate::pack::ir::{Ir, MessagePiece, Rule, ValueStyle};

/// Where a finding points in the document checked: a node's span and YAML path.
pub(super) struct Location {
    pub span: Span,
    pub path: String,
}

impl<'a> Evaluator<'a> {
    pub(super) fn location_of(&mut self, rule: &'a Rule) -> Location {
        match &rule.at {
            Some(at) => self.locate(at),
            None => match rule.bindings.last() {
                Some((slot, _)) => self.locate_item(*slot),
                None => self.root_location(),
            },
        }
    }

    /// The node an expression names in the document checked, or its nearest ancestor.
    pub(super) fn locate(&mut self, ir: &'a Ir) -> Location {
        let found = self.locate_node(ir);
        self.location(found)
    }

    /// The item a `for each` variable holds now.
    pub(super) fn locate_item(&mut self, slot: usize) -> Location {
        let found = self.slot_node(slot);
        self.location(found)
    }

    fn location(&self, found: Option<(&'a Node, PathId, Option<Span>, &'a Document)>) -> Location {
        match found {
            Some((node, path, key_span, document)) if std::ptr::eq(document, self.document) => {
                Location {
                    span: display_span(node, key_span),
                    path: self.paths.text(path),
                }
            }
            _ => self.root_location(),
        }
    }

    pub(super) fn root_location(&self) -> Location {
        Location {
            span: display_span(&self.document.root, None),
            path: String::new(),
        }
    }

    /// The `also at` place, in whichever document it is.
    pub(super) fn related_of(&mut self, rule: &'a Rule) -> Option<Related> {
        let (node, path, key_span, document) = self.locate_node(rule.also_at.as_ref()?)?;
        // Inside a looked-up document, paths start with `kind(key)`: the path in that file is
        // what follows.
        let path = if std::ptr::eq(document, self.document) {
            self.paths.text(path)
        } else {
            self.paths.text_in_file(path)
        };
        Some(Related {
            file: document.file.clone(),
            span: display_span(node, key_span),
            path,
        })
    }

    /// The document a list or record expression reads from.
    pub(super) fn document_of(&mut self, ir: &'a Ir) -> &'a Document {
        self.locate_node(ir)
            .map_or(self.document, |(_, _, _, document)| document)
    }

    pub(super) fn locate_node(
        &mut self,
        ir: &'a Ir,
    ) -> Option<(&'a Node, PathId, Option<Span>, &'a Document)> {
        match ir {
            Ir::Root => Some((&self.document.root, Paths::ROOT, None, self.document)),
            Ir::Var(slot) => self.slot_node(*slot),
            Ir::Field(base, name) => {
                let (node, path, key_span, document) = self.locate_node(base)?;
                match node.field(name) {
                    Some(field) => Some((
                        &field.node,
                        self.paths.field(path, name),
                        Some(field.key_span),
                        document,
                    )),
                    None => Some((node, path, key_span, document)),
                }
            }
            _ => None,
        }
    }

    pub(super) fn slot_node(
        &self,
        slot: usize,
    ) -> Option<(&'a Node, PathId, Option<Span>, &'a Document)> {
        let (_, location) = self.slots.get(slot)?.as_ref()?;
        location
            .as_ref()
            .map(|(node, path, document)| (*node, *path, None, *document))
    }

    pub(super) fn message(&mut self, rule: &'a Rule) -> String {
        self.render_pieces(&rule.message)
    }

    /// A template with the document's facts filled in.
    pub(super) fn render_pieces(&mut self, pieces: &'a [MessagePiece]) -> String {
        let mut text = String::new();
        for piece in pieces {
            match piece {
                MessagePiece::Text(t) => text.push_str(t),
                MessagePiece::Value(ir, style) => {
                    let value = self.eval(ir);
                    match style {
                        ValueStyle::Plain => text.push_str(&render(&value)),
                        ValueStyle::Words => text.push_str(&render(&value).replace('_', " ")),
                        ValueStyle::Language => text.push_str(&render_languages(&value)),
                    }
                }
            }
        }
        text
    }
}

/// Language codes with their names: `Nepali (nep), English (eng)`.
fn render_languages(value: &super::value::Value) -> String {
    render(value)
        .split(", ")
        .map(crate::value::language::describe)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Records and lists start where their first entry does; underline their key instead.
fn display_span(node: &Node, key_span: Option<Span>) -> Span {
    match (&node.value, key_span) {
        (NodeValue::Record(_) | NodeValue::List(_), Some(key)) => key,
        (NodeValue::Record(fields), None) => fields.first().map_or(node.span, |f| f.key_span),
        _ => node.span,
    }
}

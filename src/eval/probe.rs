//! The hook traces use (`fairrec check --explain`): the evaluator runs one rule on one
//! document as usual, and at each conclusion hands a [`Probe`] to an [`Explainer`], which
//! asks the evaluator itself what each part of the rule evaluates to. A trace never computes
//! a truth value of its own, so it cannot drift from the check.
//!
//! The normal check goes through the same code with `Vec<Finding>` as its [`Conclusions`]:
//! the choice is made at compile time, and nothing is traced or allocated for it.

use jiff::civil::Date;

use super::expr::render;
use super::paths::{PathId, Paths};
use super::value::{Truth, Value};
use super::{Evaluator, RunIndex};
use crate::document::validate::{Document, Node, NodeValue};
use crate::finding::Finding;
use crate::pack::ir::{CallIr, Ir, Rule};
use crate::pack::RulePack;

/// Where a rule's conclusions go: the findings of a check, or a trace.
pub(super) trait Conclusions<'a> {
    /// The rule's variables are bound: decide the outcome.
    fn conclude(&mut self, evaluator: &mut Evaluator<'a>, index: usize, rule: &'a Rule);
    /// A finding made before the condition (a list or key the rule needs is not given).
    fn push(&mut self, finding: Finding);
}

impl<'a> Conclusions<'a> for Vec<Finding> {
    #[inline]
    fn conclude(&mut self, evaluator: &mut Evaluator<'a>, index: usize, rule: &'a Rule) {
        evaluator.conclude(index, rule, self);
    }

    #[inline]
    fn push(&mut self, finding: Finding) {
        Vec::push(self, finding);
    }
}

/// What a trace does at each conclusion of a rule.
pub trait Explainer<'a> {
    /// The variables are bound and the check concluded `finding` (none: the rule passed or
    /// an exception excused it); `probe` evaluates any part of the rule in this state.
    fn concluded(&mut self, probe: &mut Probe<'_, 'a>, finding: Option<Finding>);
    /// The check made `finding` before reaching the condition.
    fn decided_early(&mut self, finding: Finding);
}

/// An explainer in the place of the findings.
struct Traced<'x, X>(&'x mut X);

impl<'a, X: Explainer<'a>> Conclusions<'a> for Traced<'_, X> {
    fn conclude(&mut self, evaluator: &mut Evaluator<'a>, index: usize, rule: &'a Rule) {
        let mut out = Vec::new();
        evaluator.conclude(index, rule, &mut out);
        // The trace's own evaluations must not spend the rule's step budget.
        let steps = evaluator.steps;
        self.0.concluded(&mut Probe { evaluator }, out.pop());
        evaluator.steps = steps;
    }

    fn push(&mut self, finding: Finding) {
        self.0.decided_early(finding);
    }
}

/// Runs rule `rule_index` of `pack` on `document` as the check does, calling `explainer` at
/// each of its conclusions.
pub fn explain_rule<'a>(
    pack: &'a RulePack,
    document: &'a Document,
    as_of: Date,
    index: &'a RunIndex,
    rule_index: usize,
    explainer: &mut impl Explainer<'a>,
) {
    let Some(rule) = pack.rules.get(rule_index) else {
        return;
    };
    let mut evaluator = Evaluator {
        pack,
        document,
        index,
        as_of,
        slots: vec![None; rule.slot_names.len()],
        steps: 0,
        paths: Paths::default(),
    };
    evaluator.rule(rule_index, rule, 0, &mut Traced(explainer));
}

/// A truth value as a trace reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holds {
    /// holds
    True,
    /// does not hold
    False,
    /// cannot be decided without these facts
    Unknown(Vec<String>),
}

/// A place in a document: its file, line and YAML path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The YAML path in its document, `documents[0].held_by`.
    pub path: String,
    /// The document's kind.
    pub kind: String,
    /// In another document than the one checked (one a `with` lookup found).
    pub elsewhere: bool,
}

/// A value the rule saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// As a message would write it; `None` when the document does not give it.
    pub value: Option<String>,
    /// A record, named by its place rather than by its value.
    pub record: bool,
    /// The facts missing, when not given.
    pub missing: Vec<String>,
    /// Where it is written, when it is read from a document.
    pub place: Option<Place>,
}

/// One scalar field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Its name.
    pub name: String,
    /// Its value as a message would write it.
    pub value: String,
    /// Where it is written.
    pub place: Place,
}

/// The evaluator, stopped at one conclusion of a rule, answering questions about it.
pub struct Probe<'e, 'a> {
    evaluator: &'e mut Evaluator<'a>,
}

impl<'a> Probe<'_, 'a> {
    /// The document checked.
    pub fn document(&self) -> &'a Document {
        self.evaluator.document
    }

    /// What a condition evaluates to, as the check evaluates it.
    pub fn truth(&mut self, ir: &'a Ir) -> Holds {
        match self.evaluator.truth(ir) {
            Truth::True => Holds::True,
            Truth::False => Holds::False,
            Truth::Unknown(missing) => Holds::Unknown(self.evaluator.paths.texts(&missing)),
        }
    }

    /// What an expression evaluates to, and where it is written.
    pub fn value(&mut self, ir: &'a Ir) -> Shown {
        let place = self.place(ir);
        match self.evaluator.eval(ir) {
            Value::Unknown(missing) => Shown {
                value: None,
                record: false,
                missing: self.evaluator.paths.texts(&missing),
                place,
            },
            value => Shown {
                record: matches!(&value, Value::Node(node, _) if matches!(node.value, NodeValue::Record(_))),
                value: Some(render(&value)),
                missing: Vec::new(),
                place,
            },
        }
    }

    /// Where the node an expression names is written, if it names one that is given.
    pub fn place(&mut self, ir: &'a Ir) -> Option<Place> {
        let (node, path, _, document) = self.evaluator.locate_node(ir)?;
        let place = self.place_of(node, path, document);
        // `locate_node` stops at the nearest ancestor given: only a full match is this node.
        names_given(ir, &place.path).then_some(place)
    }

    /// Where the item or document a variable holds now is written.
    pub fn slot_place(&self, slot: usize) -> Option<Place> {
        let (node, path, _, document) = self.evaluator.slot_node(slot)?;
        Some(self.place_of(node, path, document))
    }

    /// The scalar fields of the record a variable holds now, in document order.
    pub fn slot_fields(&mut self, slot: usize) -> Vec<Field> {
        let Some((node, path, _, document)) = self.evaluator.slot_node(slot) else {
            return Vec::new();
        };
        let NodeValue::Record(fields) = &node.value else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for field in fields {
            if matches!(field.node.value, NodeValue::List(_) | NodeValue::Record(_)) {
                continue;
            }
            let field_path = self.evaluator.paths.field(path, &field.name);
            out.push(Field {
                name: field.name.clone(),
                value: render(&Value::from_node(&field.node, Paths::ROOT)),
                place: self.place_of(&field.node, field_path, document),
            });
        }
        out
    }

    /// Calls `each` with every item of a list bound to `slot`, as `any`, `all` and the
    /// aggregates bind them; the facts missing when the list is not given.
    pub fn each_item(
        &mut self,
        slot: usize,
        collection: &'a Ir,
        mut each: impl FnMut(&mut Self, Option<Place>),
    ) -> Result<(), Vec<String>> {
        let (items, _) = self
            .evaluator
            .items(collection)
            .map_err(|missing| self.evaluator.paths.texts(&missing))?;
        for item in items {
            let place = item
                .1
                .as_ref()
                .map(|(node, path, document)| self.place_of(node, *path, document));
            if let Some(bound) = self.evaluator.slots.get_mut(slot) {
                *bound = Some(item);
            }
            each(self, place);
        }
        if let Some(bound) = self.evaluator.slots.get_mut(slot) {
            *bound = None;
        }
        Ok(())
    }

    /// Calls `inside` with a named condition's parameters bound to its arguments, as the
    /// check binds them, so that its body can be evaluated part by part.
    pub fn within_call(&mut self, call: &'a CallIr, inside: impl FnOnce(&mut Self)) {
        for (slot, arg) in &call.args {
            let item = self.evaluator.item_of(arg);
            if let Some(bound) = self.evaluator.slots.get_mut(*slot) {
                *bound = Some(item);
            }
        }
        inside(self);
        for (slot, _) in &call.args {
            if let Some(bound) = self.evaluator.slots.get_mut(*slot) {
                *bound = None;
            }
        }
    }

    fn place_of(&self, node: &Node, path: PathId, document: &Document) -> Place {
        let elsewhere = !std::ptr::eq(document, self.evaluator.document);
        // Inside a looked-up document, the path in that file leaves out `kind(key).`.
        let path = if elsewhere {
            self.evaluator.paths.text_in_file(path)
        } else {
            self.evaluator.paths.text(path)
        };
        Place {
            file: document.file.name.to_string(),
            line: document.file.line_column(node.span.start).0,
            path,
            kind: document.kind.clone(),
            elsewhere,
        }
    }
}

/// Whether the path `locate_node` found is the whole of what `ir` names (a field path ends
/// with the field's name), not an ancestor standing in for a field that is not given.
fn names_given(ir: &Ir, path: &str) -> bool {
    match ir {
        Ir::Field(_, name) => path == name.as_str() || path.ends_with(&format!(".{name}")),
        _ => true,
    }
}

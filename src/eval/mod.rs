//! (RulePack, Document, check date, run index) → [`DocumentFindings`]. Pure: no I/O, no
//! clock, no printing; the same inputs always give the same findings in the same order.
//!
//! This file drives one rule: its `for each` bindings, its `with` lookups, its condition
//! and exceptions. Expressions are evaluated in `expr`, lists in `aggregate`, and findings
//! are located and worded in `locate`.

mod aggregate;
mod conclude;
mod expr;
mod figures;
mod index;
mod locate;
mod merge;
mod paths;
mod probe;
pub mod value;

use jiff::civil::Date;

use self::paths::{PathId, Paths};
use self::probe::Conclusions;
use self::value::Value;
use crate::document::validate::{Document, Node, NodeValue};
use crate::finding::{DocumentFindings, Finding};
use crate::pack::ir::{Rule, Step};
use crate::pack::RulePack;

pub use self::expr::render;
pub use self::figures::statistics;
pub use self::index::{groups_of, RunIndex};
pub use self::probe::{explain_rule, Explainer, Field, Holds, Place, Probe, Shown};

/// The most expression steps one rule may take on one document. Rules are checked to nest at
/// most a few variables deep, but long lists could still multiply; past this the rule stops
/// and is reported not assessable rather than hanging a batch.
pub const MAX_STEPS: u64 = 5_000_000;

/// The most findings one rule lists for one document; a rule that finds more is reported
/// with a count, so one careless rule cannot flood a report.
pub const MAX_FINDINGS_PER_RULE: usize = 1_000;

/// Evaluates every rule of `pack` that applies to the document's kind; `index` holds the
/// run's documents that rules may look up.
pub fn check_document(
    pack: &RulePack,
    document: &Document,
    as_of: Date,
    index: &RunIndex,
) -> DocumentFindings {
    let mut result = DocumentFindings::default();
    // One arena and one slot vector for every rule: each rule starts from them empty.
    let mut paths = Paths::default();
    let mut slots = Vec::new();
    for (rule_index, rule) in pack.rules.iter().enumerate() {
        if !rule.kinds.contains(&document.kind) {
            continue;
        }
        let before = result.findings.len();
        paths.clear();
        slots.clear();
        slots.resize(rule.slot_names.len(), None);
        let mut evaluator = Evaluator {
            pack,
            document,
            index,
            as_of,
            slots,
            steps: 0,
            paths,
        };
        evaluator.rule(rule_index, rule, 0, &mut result.findings);
        let unmatched_before = result.unmatched.len();
        merge::take_absent_documents(&mut result.findings, before, &mut result.unmatched);
        let note = if evaluator.stopped() {
            // Whatever the rule concluded before it was stopped is incomplete: replace it.
            result.findings.truncate(before);
            result.unmatched.truncate(unmatched_before);
            Some(format!(
                "evaluation stopped after {MAX_STEPS} steps on this document"
            ))
        } else if result.findings.len() - before > MAX_FINDINGS_PER_RULE {
            let extra = result.findings.len() - before - MAX_FINDINGS_PER_RULE;
            result.findings.truncate(before + MAX_FINDINGS_PER_RULE);
            Some(format!(
                "{extra} further finding(s) not listed; the rule found more than {MAX_FINDINGS_PER_RULE} on this document"
            ))
        } else {
            None
        };
        if let Some(note) = note {
            let location = evaluator.root_location();
            result.findings.push(Finding::not_assessable(
                rule_index,
                format!("{}: {note}", rule.title),
                location.span,
                location.path,
                Vec::new(),
            ));
        }
        (paths, slots) = (evaluator.paths, evaluator.slots);
        // A rule left unapplied for want of another document neither passed nor found.
        if result.findings.len() == before && result.unmatched.len() == unmatched_before {
            result.passed.push(rule_index);
        }
    }
    merge::apply_supersedes(pack, &mut result.findings);
    result.figures = figures::compute_figures(pack, document, as_of, index);
    result
}

/// How an unknown value names a whole document that a lookup did not find in the run.
pub const ABSENT_DOCUMENT: &str = "(not in this run) ";

/// The missing fact a failed lookup stands for: the document itself (written after
/// [`ABSENT_DOCUMENT`]).
fn absent_document(lookup: &crate::pack::ir::LookupIr, key: &[String]) -> String {
    let described: Vec<String> = lookup
        .key_fields
        .iter()
        .zip(key)
        .map(|(field, value)| format!("{field} {value}"))
        .collect();
    format!(
        "the `{}` document with {}",
        lookup.kind,
        described.join(" and ")
    )
}

/// A document node, its path, and the document it belongs to.
type Located<'a> = (&'a Node, PathId, &'a Document);
/// An item's value and, for document nodes, where the node is.
type Item<'a> = (Value<'a>, Option<Located<'a>>);
/// A slot's current item.
type Slot<'a> = Option<Item<'a>>;

struct Evaluator<'a> {
    pack: &'a RulePack,
    document: &'a Document,
    index: &'a RunIndex,
    as_of: Date,
    slots: Vec<Slot<'a>>,
    steps: u64,
    /// The paths of the nodes read, written out only for what a finding reports.
    paths: Paths<'a>,
}

impl<'a> Evaluator<'a> {
    fn stopped(&self) -> bool {
        self.steps > MAX_STEPS
    }

    /// Runs the rule's steps (bindings and lookups) from `depth` on, then its condition for
    /// each combination.
    fn rule(&mut self, index: usize, rule: &'a Rule, depth: usize, out: &mut impl Conclusions<'a>) {
        if self.stopped() {
            return;
        }
        match rule.steps.get(depth) {
            Some(Step::Bind(binding)) => self.bind(index, rule, depth, *binding, out),
            Some(Step::Lookup(lookup)) => self.look_up(index, rule, depth, *lookup, out),
            None => out.conclude(self, index, rule),
        }
    }

    /// Runs the rest of the rule once for each item of a `for each` list.
    fn bind(
        &mut self,
        index: usize,
        rule: &'a Rule,
        depth: usize,
        binding: usize,
        out: &mut impl Conclusions<'a>,
    ) {
        if let Some((slot, collection)) = rule.bindings.get(binding) {
            match self.eval(collection) {
                Value::Node(node, path) => {
                    if let NodeValue::List(items) = &node.value {
                        let document = self.document_of(collection);
                        // What one item's evaluation adds to the arena is written out in
                        // its findings before the next item: drop it, keep the arena small.
                        let mark = self.paths.mark();
                        for (i, item) in items.iter().enumerate() {
                            if self.stopped() {
                                break;
                            }
                            let item_path = self.paths.item(path, i);
                            let value = Value::from_node(item, item_path);
                            self.slots[*slot] = Some((value, Some((item, item_path, document))));
                            self.rule(index, rule, depth + 1, out);
                            self.paths.truncate(mark);
                        }
                        self.slots[*slot] = None;
                    }
                }
                Value::Unknown(missing) => {
                    let location = self.locate(collection);
                    out.push(self.not_assessable(index, rule, location, missing));
                }
                _ => {}
            }
        }
    }

    /// Runs the rest of the rule with a `with` variable bound to the document found.
    fn look_up(
        &mut self,
        index: usize,
        rule: &'a Rule,
        depth: usize,
        lookup: usize,
        out: &mut impl Conclusions<'a>,
    ) {
        if let Some(lookup) = rule.lookups.get(lookup) {
            let mut key = Vec::with_capacity(lookup.key.len());
            for value in &lookup.key {
                match self.eval(value) {
                    Value::Unknown(missing) => {
                        let location = self.location_of(rule);
                        out.push(self.not_assessable(index, rule, location, missing));
                        return;
                    }
                    known => key.push(render(&known)),
                }
            }
            let Some(found) = self.index.find(&lookup.kind, &key) else {
                // No such document: every fact read from it is unknown, so the rule is not
                // assessable only where those facts decide it.
                let absent = self.paths.absent(absent_document(lookup, &key));
                self.slots[lookup.slot] = Some((Value::Unknown(vec![absent]), None));
                self.rule(index, rule, depth + 1, out);
                self.slots[lookup.slot] = None;
                return;
            };
            let path = self
                .paths
                .document(format!("{}({})", lookup.kind, key.join(", ")));
            self.slots[lookup.slot] = Some((
                Value::Node(&found.root, path),
                Some((&found.root, path, found)),
            ));
            self.rule(index, rule, depth + 1, out);
            self.slots[lookup.slot] = None;
        }
    }
}

//! Builds a [`Trace`] at one conclusion of a rule: walks the rule's condition and exceptions
//! beside their text as written ([`Written`]), and asks the evaluator ([`Probe`]) what each
//! part evaluates to and which values it read. Nothing here evaluates anything itself.

use super::personal::Personal;
use super::trace::{
    Check, ExceptionCheck, SeenValue, Trace, TraceItem, TraceOutcome, ValuePlace, Verdict,
};
use crate::eval::{Explainer, Holds, Place, Probe, Shown};
use crate::finding::Finding;
use crate::ops::BinaryOp;
use crate::pack::ir::{Ir, Rule, RuleOutcome, Step, Written};

/// The most items of one `any`/`all` a trace lists; the rest are counted.
pub const MAX_ITEMS_SHOWN: usize = 25;

/// Collects a trace for each conclusion of one rule, with the finding the check made there.
pub struct Collector<'a> {
    rule: &'a Rule,
    personal: Personal<'a>,
    /// Each conclusion, in evaluation order: the finding made (if any) and its trace.
    pub cases: Vec<(Option<Finding>, Trace)>,
}

impl<'a> Collector<'a> {
    /// A collector for `rule`, hiding what `personal` hides.
    pub fn new(rule: &'a Rule, personal: Personal<'a>) -> Self {
        Self {
            rule,
            personal,
            cases: Vec::new(),
        }
    }
}

impl<'a> Explainer<'a> for Collector<'a> {
    fn concluded(&mut self, probe: &mut Probe<'_, 'a>, finding: Option<Finding>) {
        let trace = self.trace(probe);
        self.cases.push((finding, trace));
    }

    fn decided_early(&mut self, finding: Finding) {
        let trace = Trace {
            rule: self.rule.id.clone(),
            outcome: TraceOutcome::NotAssessable,
            items: Vec::new(),
            condition: None,
            exceptions: Vec::new(),
            deciding_facts: finding.missing.clone(),
            note: Some(
                "the rule stopped before its condition: it needs these facts to know which items, or which other document, to look at".to_string(),
            ),
        };
        self.cases.push((Some(finding), trace));
    }
}

impl<'a> Collector<'a> {
    fn trace(&self, probe: &mut Probe<'_, 'a>) -> Trace {
        let rule = self.rule;
        let items = self.items(probe);
        let condition = self.check(probe, &rule.when, Some(&rule.written.when));
        let when = probe.truth(&rule.when);
        let mut exceptions = Vec::new();
        // As the check does: exceptions only matter when the condition may hold.
        if when != Holds::False {
            for (i, exception) in rule.exceptions.iter().enumerate() {
                let written = rule.written.exceptions.get(i);
                let result = probe.truth(&exception.condition);
                exceptions.push(ExceptionCheck {
                    label: exception.label.clone(),
                    review: exception.review,
                    result: verdict(&result),
                    needs: missing(&result),
                    condition: self.check(probe, &exception.condition, written),
                });
            }
        }
        let excused = exceptions
            .iter()
            .any(|e| !e.review && e.result == Verdict::True);
        let claimed = exceptions
            .iter()
            .any(|e| e.review && e.result == Verdict::True);
        let outcome = match (&when, excused) {
            (Holds::False, _) => TraceOutcome::Pass,
            (_, true) => TraceOutcome::Excused,
            (Holds::Unknown(_), false) => TraceOutcome::NotAssessable,
            (Holds::True, false) if claimed => TraceOutcome::Review,
            (Holds::True, false) => match rule.outcome {
                RuleOutcome::Violation => TraceOutcome::Violation,
                RuleOutcome::Gap => TraceOutcome::Gap,
            },
        };
        let deciding_facts = match (&when, outcome) {
            (Holds::Unknown(m), TraceOutcome::NotAssessable) => m.clone(),
            _ => Vec::new(),
        };
        Trace {
            rule: rule.id.clone(),
            outcome,
            items,
            condition: Some(condition),
            exceptions,
            deciding_facts,
            note: None,
        }
    }

    /// The `for each` items and `with` documents bound at this conclusion.
    fn items(&self, probe: &mut Probe<'_, 'a>) -> Vec<TraceItem> {
        let rule = self.rule;
        let mut items = Vec::new();
        for step in &rule.steps {
            let (slot, from) = match *step {
                Step::Bind(i) => match rule.bindings.get(i) {
                    Some((slot, _)) => (
                        *slot,
                        rule.written
                            .bindings
                            .get(i)
                            .map_or_else(String::new, |w| w.text.clone()),
                    ),
                    None => continue,
                },
                Step::Lookup(i) => match rule.lookups.get(i) {
                    Some(lookup) => (lookup.slot, format!("the {} document", lookup.kind)),
                    None => continue,
                },
            };
            let place = probe.slot_place(slot);
            let fields = probe
                .slot_fields(slot)
                .into_iter()
                .map(|f| {
                    let hidden = self.personal.hides(&f.place.kind, &f.place.path);
                    SeenValue {
                        text: f.name,
                        value: (!hidden).then_some(f.value),
                        hidden,
                        place: Some(value_place(&f.place)),
                    }
                })
                .collect();
            items.push(TraceItem {
                name: self.slot_name(slot),
                from,
                place: place.as_ref().map(value_place),
                fields,
            });
        }
        items
    }

    /// One condition, part by part.
    fn check(&self, probe: &mut Probe<'_, 'a>, ir: &'a Ir, written: Option<&Written>) -> Check {
        let part = |i: usize| written.and_then(|w| w.part(i));
        let text = written.map_or_else(|| self.fallback_text(ir), |w| w.text.clone());
        let holds = probe.truth(ir);
        let mut values = Vec::new();
        let mut parts = Vec::new();
        match ir {
            Ir::Binary(op @ (BinaryOp::And | BinaryOp::Or), left, right) => {
                let left_check = self.check(probe, left, part(0));
                let decided = match op {
                    BinaryOp::And => left_check.result == Verdict::False,
                    _ => left_check.result == Verdict::True,
                };
                let right_check = if decided {
                    Check {
                        text: part(1).map_or_else(|| self.fallback_text(right), |w| w.text.clone()),
                        result: Verdict::NotNeeded,
                        missing: Vec::new(),
                        values: Vec::new(),
                        parts: Vec::new(),
                    }
                } else {
                    self.check(probe, right, part(1))
                };
                parts.push(left_check);
                parts.push(right_check);
            }
            Ir::Binary(_, left, right) => {
                values.extend(self.seen(probe, left, part(0)));
                values.extend(self.seen(probe, right, part(1)));
            }
            Ir::Not(inner) => parts.push(self.check(probe, inner, part(0))),
            Ir::Presence(_, target) => values.extend(self.seen(probe, target, part(0))),
            Ir::Call(call) => {
                for (i, (slot, arg)) in call.args.iter().enumerate() {
                    if let Some(mut seen) = self.seen(probe, arg, part(i)) {
                        let param = self.slot_name(*slot);
                        if param != seen.text {
                            seen.text = format!("{param} = {}", seen.text);
                        }
                        values.push(seen);
                    }
                }
                probe.within_call(call, |probe| {
                    parts.push(self.check(probe, &call.body, Some(&call.written)));
                });
            }
            Ir::Quantifier(_, slot, collection, filter) => {
                values.extend(self.seen(probe, collection, part(0)));
                let name = self.slot_name(*slot);
                let mut shown = 0;
                let mut more = 0;
                // A list not given leaves nothing to list: the value above says so.
                let _ = probe.each_item(*slot, collection, |probe, place| {
                    if shown == MAX_ITEMS_SHOWN {
                        more += 1;
                        return;
                    }
                    shown += 1;
                    let at = place
                        .as_ref()
                        .map_or_else(String::new, |p| format!(" ({})", where_text(p)));
                    let item = match filter {
                        Some(filter) => {
                            let mut check = self.check(probe, filter, part(1));
                            check.text =
                                format!("{name} = {}{at}: {}", item_path(&place), check.text);
                            check
                        }
                        None => Check {
                            text: format!("{name} = {}{at}", item_path(&place)),
                            result: Verdict::True,
                            missing: Vec::new(),
                            values: Vec::new(),
                            parts: Vec::new(),
                        },
                    };
                    parts.push(item);
                });
                if more > 0 {
                    parts.push(Check {
                        text: format!("… {more} more item(s) not listed"),
                        result: Verdict::NotNeeded,
                        missing: Vec::new(),
                        values: Vec::new(),
                        parts: Vec::new(),
                    });
                }
            }
            other => values.extend(self.seen(probe, other, written)),
        }
        Check {
            text,
            result: verdict(&holds),
            missing: missing(&holds),
            values,
            parts,
        }
    }

    /// The value an operand saw, unless it is a constant written in the rule (its text says
    /// it all).
    fn seen(
        &self,
        probe: &mut Probe<'_, 'a>,
        ir: &'a Ir,
        written: Option<&Written>,
    ) -> Option<SeenValue> {
        if matches!(ir, Ir::Const(_) | Ir::Set(_)) {
            return None;
        }
        let text = written.map_or_else(|| self.fallback_text(ir), |w| w.text.clone());
        let Shown {
            value,
            record,
            place,
            ..
        } = probe.value(ir);
        let hidden = place
            .as_ref()
            .is_some_and(|p| self.personal.hides(&p.kind, &p.path));
        let value = if hidden || record { None } else { value };
        Some(SeenValue {
            text,
            value,
            hidden,
            place: place.as_ref().map(value_place),
        })
    }

    fn slot_name(&self, slot: usize) -> String {
        self.rule
            .slot_names
            .get(slot)
            .cloned()
            .unwrap_or_else(|| "item".to_string())
    }

    /// Text for an expression whose rule-file text was not kept (it should always be).
    fn fallback_text(&self, ir: &Ir) -> String {
        match ir {
            Ir::Var(slot) => self.slot_name(*slot),
            Ir::Field(base, name) => match base.as_ref() {
                Ir::Root => name.clone(),
                base => format!("{}.{name}", self.fallback_text(base)),
            },
            Ir::Const(c) => c.to_string(),
            Ir::AsOf => "as_of".to_string(),
            _ => "(a part of the condition)".to_string(),
        }
    }
}

/// The item's YAML path, or `?` when the list's items are not in a document.
fn item_path(place: &Option<Place>) -> String {
    place
        .as_ref()
        .map_or_else(|| "?".to_string(), |p| p.path.clone())
}

/// `line 74`, or `line 12 of other.yaml` for another document.
pub fn where_text(place: &Place) -> String {
    if place.elsewhere {
        format!("line {} of {}", place.line, place.file)
    } else {
        format!("line {}", place.line)
    }
}

fn value_place(place: &Place) -> ValuePlace {
    ValuePlace {
        path: place.path.clone(),
        line: place.line,
        file: place.elsewhere.then(|| place.file.clone()),
    }
}

fn verdict(holds: &Holds) -> Verdict {
    match holds {
        Holds::True => Verdict::True,
        Holds::False => Verdict::False,
        Holds::Unknown(_) => Verdict::Unknown,
    }
}

fn missing(holds: &Holds) -> Vec<String> {
    match holds {
        Holds::Unknown(m) => m.clone(),
        _ => Vec::new(),
    }
}

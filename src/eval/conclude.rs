//! The end of a rule: its condition and exceptions decide the outcome, and the finding is
//! given its message, actor, location and subject.

use super::locate::Location;
use super::paths::PathId;
use super::value::Truth;
use super::{Evaluator, ABSENT_DOCUMENT};
use crate::finding::{Actor, ExceptionNote, Finding, Outcome, Relation};
use crate::pack::ir::{Rule, RuleOutcome};

impl<'a> Evaluator<'a> {
    /// The condition and exceptions, once every variable is bound.
    pub(super) fn conclude(&mut self, index: usize, rule: &'a Rule, out: &mut Vec<Finding>) {
        let when = self.truth(&rule.when);
        if when == Truth::False {
            return;
        }
        // A defence that is established excuses the practice, whatever else is unknown.
        let mut notes = Vec::with_capacity(rule.exceptions.len());
        let mut review = None;
        for exception in &rule.exceptions {
            match self.truth(&exception.condition) {
                Truth::True if exception.review => review = Some(exception.label.clone()),
                Truth::True => return,
                Truth::False => notes.push(ExceptionNote {
                    label: exception.label.clone(),
                    needs: Vec::new(),
                }),
                Truth::Unknown(needs) => notes.push(ExceptionNote {
                    label: exception.label.clone(),
                    needs: self.paths.texts(&needs),
                }),
            }
        }
        let location = self.location_of(rule);
        match when {
            Truth::True => {
                let outcome = match (&review, rule.outcome) {
                    (Some(_), _) => Outcome::Review,
                    (None, RuleOutcome::Violation) => Outcome::Violation,
                    (None, RuleOutcome::Gap) => Outcome::Gap,
                };
                let related = self.related_of(rule);
                // A claimed exception is not a defence that failed: list only the others.
                if review.is_some() {
                    notes.clear();
                }
                out.push(Finding {
                    rule: index,
                    outcome,
                    message: self.message(rule),
                    span: location.span,
                    path: location.path,
                    missing: Vec::new(),
                    related,
                    exceptions: notes,
                    review,
                    actor: Some(self.actor(rule)),
                    subject: self.subject(rule),
                    merged: Vec::new(),
                    waiver: None,
                    change: None,
                });
            }
            Truth::Unknown(missing) => {
                let mut finding = self.not_assessable(index, rule, location, missing);
                finding.subject = self.subject(rule);
                out.push(finding);
            }
            Truth::False => {}
        }
    }

    pub(super) fn not_assessable(
        &self,
        index: usize,
        rule: &Rule,
        location: Location,
        missing: Vec<PathId>,
    ) -> Finding {
        let missing = self.paths.texts(&missing);
        let (documents, paths): (Vec<&String>, Vec<&String>) =
            missing.iter().partition(|m| m.starts_with(ABSENT_DOCUMENT));
        let message = if !documents.is_empty() {
            let absent: Vec<&str> = documents
                .iter()
                .map(|d| d.trim_start_matches(ABSENT_DOCUMENT))
                .collect();
            let mut message = format!(
                "{}: cannot be assessed without {}, which was not checked in the same run",
                rule.title,
                absent.join(" or ")
            );
            if !paths.is_empty() {
                let listed: Vec<String> = paths.iter().map(|m| format!("`{m}`")).collect();
                message.push_str(&format!(
                    "; the document does not give {} either",
                    listed.join(", ")
                ));
            }
            message
        } else if missing.is_empty() {
            format!(
                "{}: cannot be assessed, a calculation on the document's values failed (a division by zero or a number too large)",
                rule.title
            )
        } else {
            let listed = missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "{}: cannot be assessed, the document does not give {listed}",
                rule.title
            )
        };
        Finding::not_assessable(index, message, location.span, location.path, missing)
    }

    /// Who the finding holds responsible: the rule's `actor`, or the document's subject.
    fn actor(&mut self, rule: &'a Rule) -> Actor {
        match &rule.actor {
            Some(actor) => Actor {
                name: self.render_pieces(&actor.who),
                relation: actor.relation,
            },
            None => Actor {
                name: format!("the {} `{}`", self.document.kind, self.document.name),
                relation: Relation::Caused,
            },
        }
    }

    /// The path of the item the finding is about: the innermost `for each` item.
    fn subject(&mut self, rule: &'a Rule) -> String {
        rule.bindings
            .last()
            .map(|(slot, _)| self.locate_item(*slot).path)
            .unwrap_or_default()
    }
}

//! One rule: its citations, kinds, severity and outcome resolved, its bindings, lookups,
//! condition, exceptions, locations and message checked against every kind it applies to.

use super::check::Checker;
use super::declare::Loader;
use super::ir::{
    ActorIr, ExceptionIr, Ir, LookupIr, MessagePiece, Rule, RuleOutcome, RuleWritten, Severity,
    Step, Ty, ValueStyle, Written,
};
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, SourceFile, Span};
use crate::dsl::ast::{Expr, ExprKind, Name, RuleDecl, Template, TemplatePiece};
use crate::finding::Relation;

impl Loader {
    pub fn rule(
        &mut self,
        file: &SourceFile,
        decl: &RuleDecl,
        layer: Option<usize>,
    ) -> Result<Rule, SourceError> {
        self.rule_sites
            .push((decl.id.text.clone(), file.clone(), decl.id.span));
        let (principles, guidelines, instruments) = self.citations(file, &decl.cites)?;
        if principles.is_empty() && guidelines.is_empty() && instruments.is_empty() {
            let span = decl.cites.first().map_or(decl.id.span, |c| c.id.span);
            return Err(SourceError::new(
                ErrorCode::RulesNoBasis,
                file,
                span,
                "a rule must cite its legal basis",
            )
            .with_help("cite a principle (`GP7`), a guideline, or a declared instrument"));
        }
        let kinds = self.rule_kinds(file, &decl.kinds)?;
        let covers = self.covers(file, &decl.covers)?;
        let severity = Severity::parse(&decl.severity.text).ok_or_else(|| {
            SourceError::new(
                ErrorCode::RulesSeverity,
                file,
                decl.severity.span,
                format!("`{}` is not a severity", decl.severity.text),
            )
            .with_help("use critical, high, medium or low")
        })?;
        let outcome = match decl.outcome.as_ref().map(|o| o.text.as_str()) {
            None | Some("violation") => RuleOutcome::Violation,
            Some("gap") => RuleOutcome::Gap,
            Some(other) => {
                let span = decl.outcome.as_ref().map_or(decl.id.span, |o| o.span);
                return Err(SourceError::new(
                    ErrorCode::RulesOutcome,
                    file,
                    span,
                    format!("`{other}` is not an outcome"),
                )
                .with_help("use violation (the default) or gap"));
            }
        };
        let signatures = self.param_sigs();
        let mut compiled = None;
        for kind in &kinds {
            let mut checker = self.kind_checker(file, kind, &signatures);
            let bindings = checker.bindings(&decl.bindings)?;
            let mut lookups = Vec::new();
            for lookup in &decl.lookups {
                lookups.push(checker.lookup(lookup)?);
            }
            let when = checker.condition(&decl.when)?;
            let mut exceptions = Vec::new();
            for exception in &decl.exceptions {
                exceptions.push(ExceptionIr {
                    label: exception.label.value.clone(),
                    condition: checker.condition(&exception.condition)?,
                    review: exception.review,
                });
            }
            let at = match &decl.at {
                Some(at) => {
                    if let Some(var) = rooted_in_lookup(at, decl) {
                        return Err(SourceError::new(
                            ErrorCode::RulesLookup,
                            file,
                            var.span,
                            "`at` points into the document checked; use `also at` for a place in another document",
                        ));
                    }
                    Some(checker.expr(at)?.0)
                }
                None => None,
            };
            let also_at = match &decl.also_at {
                Some(also) => Some(checker.expr(also)?.0),
                None => None,
            };
            let message = message(&mut checker, &decl.message)?;
            let actor = match &decl.actor {
                Some(actor) => Some(ActorIr {
                    who: self::message(&mut checker, &actor.who)?,
                    relation: Relation::parse(&actor.relation.text).ok_or_else(|| {
                        SourceError::new(
                            ErrorCode::RulesOutcome,
                            file,
                            actor.relation.span,
                            format!("`{}` is not a relation to a harm", actor.relation.text),
                        )
                        .with_help("use caused, contributed or directly_linked (UN Guiding Principles 13 and 19)")
                    })?,
                }),
                None => None,
            };
            let slot_names = checker.slot_names();
            compiled.get_or_insert(Compiled {
                bindings,
                lookups,
                when,
                exceptions,
                at,
                also_at,
                message,
                actor,
                slot_names,
            });
        }
        let Some(compiled) = compiled else {
            return Err(SourceError::new(
                ErrorCode::RulesMissingItem,
                file,
                decl.id.span,
                "the rule applies to no kind",
            ));
        };
        Ok(Rule {
            steps: steps(&compiled.bindings, &compiled.lookups),
            id: decl.id.text.clone(),
            name: decl.name.text.clone(),
            title: decl.title.value.clone(),
            principles,
            guidelines,
            instruments,
            kinds,
            covers,
            severity,
            outcome,
            source: decl.source.value.clone(),
            docs: decl.docs.clone(),
            bindings: compiled.bindings,
            lookups: compiled.lookups,
            slot_names: compiled.slot_names,
            when: compiled.when,
            exceptions: compiled.exceptions,
            at: compiled.at,
            also_at: compiled.also_at,
            message: compiled.message,
            remedy: decl.remedy.value.clone(),
            actor: compiled.actor,
            supersedes: decl.supersedes.iter().map(|n| n.text.clone()).collect(),
            overlay: layer,
            file: file.clone(),
            span: decl.span,
            written: RuleWritten {
                when: Written::of(&decl.when, file),
                exceptions: decl
                    .exceptions
                    .iter()
                    .map(|e| Written::of(&e.condition, file))
                    .collect(),
                bindings: decl
                    .bindings
                    .iter()
                    .map(|b| Written::of(&b.collection, file))
                    .collect(),
            },
        })
    }

    fn covers(
        &self,
        file: &SourceFile,
        paths: &[Vec<Name>],
    ) -> Result<Vec<(String, String)>, SourceError> {
        let mut covers = Vec::new();
        for path in paths {
            let (Some(enum_name), Some(value), None) = (path.first(), path.get(1), path.get(2))
            else {
                let span = path.first().map_or_else(Span::default, |n| n.span);
                return Err(SourceError::new(
                    ErrorCode::RulesCovers,
                    file,
                    span,
                    "`covers` takes enum values written as `Enum.value`",
                ));
            };
            let Some(def) = self
                .enum_id(&enum_name.text)
                .map(|id| &self.schema.enums[id])
            else {
                let error = SourceError::new(
                    ErrorCode::RulesUnknownType,
                    file,
                    enum_name.span,
                    format!("there is no enum `{}`", enum_name.text),
                );
                return Err(error.suggest(did_you_mean(&enum_name.text, self.enum_names())));
            };
            if !def.values.contains_key(&value.text) {
                let error = SourceError::new(
                    ErrorCode::RulesUnknownEnumValue,
                    file,
                    value.span,
                    format!("`{}` is not a value of `{}`", value.text, def.name),
                );
                return Err(error.suggest(did_you_mean(
                    &value.text,
                    def.values.keys().map(String::as_str),
                )));
            }
            covers.push((def.name.clone(), value.text.clone()));
        }
        Ok(covers)
    }

    /// A checker for expressions about documents of `kind`.
    pub(super) fn kind_checker<'a>(
        &'a self,
        file: &'a SourceFile,
        kind: &'a str,
        signatures: &'a [super::check::ParamSig],
    ) -> Checker<'a> {
        let root = self.schema.kinds.get(kind).map(|k| k.root);
        Checker::new(&self.schema, signatures, &self.conditions, file, root, kind)
    }

    pub(super) fn rule_kinds(
        &self,
        file: &SourceFile,
        names: &[Name],
    ) -> Result<Vec<String>, SourceError> {
        let mut kinds = Vec::new();
        for name in names {
            if !self.schema.kinds.contains_key(&name.text) {
                let error = SourceError::new(
                    ErrorCode::RulesUnknownKind,
                    file,
                    name.span,
                    format!("there is no document kind `{}`", name.text),
                );
                return Err(error.suggest(did_you_mean(
                    &name.text,
                    self.schema.kinds.keys().map(String::as_str),
                )));
            }
            kinds.push(name.text.clone());
        }
        Ok(kinds)
    }
}

/// A rule's checked parts, compiled against its first kind (and checked against the others).
struct Compiled {
    bindings: Vec<(usize, Ir)>,
    lookups: Vec<LookupIr>,
    when: Ir,
    exceptions: Vec<ExceptionIr>,
    at: Option<Ir>,
    also_at: Option<Ir>,
    message: Vec<MessagePiece>,
    actor: Option<ActorIr>,
    slot_names: Vec<String>,
}

/// Bindings in order, each lookup right after the last binding its key reads (and after the
/// lookups before it), so a missing document is reported once per key, not once per item of
/// the lists bound after it.
fn steps(bindings: &[(usize, Ir)], lookups: &[LookupIr]) -> Vec<Step> {
    let needed: Vec<usize> = lookups
        .iter()
        .map(|lookup| {
            let mut read = Vec::new();
            lookup.key.iter().for_each(|k| k.slots_read(&mut read));
            bindings
                .iter()
                .rposition(|(slot, _)| read.contains(slot))
                .map_or(0, |i| i + 1)
        })
        .collect();
    let mut steps = Vec::with_capacity(bindings.len() + lookups.len());
    let mut next_lookup = 0;
    for bound in 0..=bindings.len() {
        while next_lookup < lookups.len() && needed[next_lookup] <= bound {
            steps.push(Step::Lookup(next_lookup));
            next_lookup += 1;
        }
        if bound < bindings.len() {
            steps.push(Step::Bind(bound));
        }
    }
    steps
}

/// The `with` variable an `at` path starts from, if any.
fn rooted_in_lookup<'a>(at: &'a Expr, decl: &RuleDecl) -> Option<&'a Name> {
    let ExprKind::Path(names) = &at.kind else {
        return None;
    };
    let first = names.first()?;
    decl.lookups
        .iter()
        .any(|l| l.var.text == first.text)
        .then_some(first)
}

fn message(checker: &mut Checker, template: &Template) -> Result<Vec<MessagePiece>, SourceError> {
    let mut checked = Vec::with_capacity(template.pieces.len());
    for piece in &template.pieces {
        match piece {
            TemplatePiece::Text(t) => checked.push(MessagePiece::Text(t.clone())),
            TemplatePiece::Hole(expr) => {
                let (ir, ty) = checker.expr(expr)?;
                let element = match &ty {
                    Ty::List(element) => element.as_ref(),
                    other => other,
                };
                let style = match element {
                    Ty::Enum(_) => ValueStyle::Words,
                    Ty::Language => ValueStyle::Language,
                    _ => ValueStyle::Plain,
                };
                checked.push(MessagePiece::Value(ir, style));
            }
        }
    }
    Ok(checked)
}

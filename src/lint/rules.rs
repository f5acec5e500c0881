//! Lints of the declarations: each rule's basis (a principle, a paraphrase, articles of the
//! conventions and acts it cites), what it tells people (a remedy, every documentation
//! section), its name (unique) and its fixtures (one that makes it fire, one it passes); and
//! parameters no rule reads, a value a national overlay could set and that would change
//! nothing. For those, every expression of every rule and figure is walked (named conditions
//! are inlined where they are called, so a parameter read only by an unused condition counts
//! as unused).

use super::{Finding, LintInput};
use crate::diagnostic::{ErrorCode, SourceFile};
use crate::dsl::ast::{FileAst, RuleDecl};
use crate::finding::Outcome;
use crate::pack::ir::{Ir, MessagePiece, Rule};
use crate::pack::RulePack;

/// The sections every rule's documentation has (docs/rule-language.md).
pub(crate) const SECTIONS: [&str; 4] = [
    "## What it checks",
    "## Why it matters",
    "## Example",
    "## Compliant",
];

/// Instrument categories whose citations name an article or section.
const PINPOINTED: [&str; 2] = ["convention", "national_law"];

/// The findings about one rule.
pub(super) fn rule_lints(
    input: &LintInput,
    file: &SourceFile,
    decl: &RuleDecl,
    rule: &Rule,
) -> Vec<Finding> {
    let id = rule.id.as_str();
    let at_id = decl.id.span;
    let mut out = Vec::new();
    let mut push = |code, span, message: String, help: &str| {
        let mut finding = Finding::new(id, code, file, span, message);
        finding.error = finding.error.with_help(help);
        out.push(finding);
    };
    if let Some(other) = input
        .pack
        .rules
        .iter()
        .find(|other| other.name == rule.name && other.id != rule.id)
    {
        push(
            ErrorCode::LintDuplicateName,
            decl.name.span,
            format!("{id} has the name `{}`, as {} has", rule.name, other.id),
            "give each rule a name of its own: reports and `fairrec rules` show it beside the id",
        );
    }
    if rule.principles.is_empty() {
        push(
            ErrorCode::LintNoPrinciple,
            at_id,
            format!("{id} cites no general principle"),
            "add the principle it applies to `cites` (`GP7`): reports group findings by principle",
        );
    }
    if rule.source.trim().is_empty() {
        push(
            ErrorCode::LintNoSource,
            decl.source.span,
            format!("{id} does not say what its cited text asks"),
            "write a short paraphrase of the text it rests on in `source`",
        );
    }
    for cite in &decl.cites {
        let category = input
            .pack
            .instruments
            .get(&cite.id.text)
            .map(|i| i.category.as_str());
        if cite.pinpoint.is_none() && category.is_some_and(|c| PINPOINTED.contains(&c)) {
            push(
                ErrorCode::LintUnpinnedCitation,
                cite.id.span,
                format!("{id} cites `{}` without the article it rests on", cite.id.text),
                &format!(
                    "name the article or section (`{} \"Art. N\"`), or, if the rule rests on the instrument as a whole, allow the finding with that reason in `check-rules.allow`",
                    cite.id.text
                ),
            );
        }
    }
    if rule.remedy.trim().is_empty() {
        push(
            ErrorCode::LintNoRemedy,
            decl.remedy.span,
            format!("{id} does not say what to do about a finding"),
            "write the remedy: what the agency, employer or government should do",
        );
    }
    for section in SECTIONS {
        if !rule.docs.lines().any(|line| line.trim() == section) {
            push(
                ErrorCode::LintDocSection,
                at_id,
                format!("{id}'s documentation has no `{section}` section"),
                "document the rule with `///` lines: What it checks, Why it matters, Example, Compliant",
            );
        }
    }
    let expected = |fires: bool| {
        input.fixtures.iter().any(|(rule, outcome)| {
            rule == id
                && if fires {
                    matches!(outcome, Outcome::Violation | Outcome::Gap)
                } else {
                    *outcome == Outcome::Pass
                }
        })
    };
    if !expected(true) {
        push(
            ErrorCode::LintNoFailingFixture,
            at_id,
            format!("no fixture makes {id} fire"),
            &format!(
                "add a document that breaches it, starting with `# expect: {id} {}`",
                outcome_word(rule)
            ),
        );
    }
    if !expected(false) {
        push(
            ErrorCode::LintNoPassingFixture,
            at_id,
            format!("no fixture shows {id} passing"),
            &format!("add a compliant near miss, starting with `# expect: {id} pass`"),
        );
    }
    out
}

fn outcome_word(rule: &Rule) -> &'static str {
    match rule.outcome {
        crate::pack::ir::RuleOutcome::Violation => "violation",
        crate::pack::ir::RuleOutcome::Gap => "gap",
    }
}

/// A finding for each parameter declared or set in `parsed` that nothing reads.
pub(super) fn unused_params(pack: &RulePack, parsed: &[(&SourceFile, FileAst)]) -> Vec<Finding> {
    let read = params_read(pack);
    let is_read = |name: &str| {
        pack.params
            .iter()
            .position(|p| p.name == name)
            .is_none_or(|index| read.contains(&index))
    };
    let mut out = Vec::new();
    for (file, ast) in parsed {
        let names = ast
            .params
            .iter()
            .map(|decl| (&decl.name, "declared"))
            .chain(ast.sets.iter().map(|decl| (&decl.param, "set")));
        for (name, how) in names {
            if !is_read(&name.text) {
                let finding = Finding::new(
                    &name.text,
                    ErrorCode::LintUnusedParam,
                    file,
                    name.span,
                    format!(
                        "the parameter `{}` is {how} here, but no rule reads it",
                        name.text
                    ),
                );
                let help = "use it in a rule (`params.NAME`), or remove it";
                out.push(Finding {
                    error: finding.error.with_help(help),
                    ..finding
                });
            }
        }
    }
    out
}

/// The parameters read by any rule or figure, by index.
fn params_read(pack: &RulePack) -> Vec<usize> {
    let mut out = Vec::new();
    for rule in &pack.rules {
        let exprs = rule
            .bindings
            .iter()
            .map(|(_, ir)| ir)
            .chain(rule.lookups.iter().flat_map(|l| &l.key))
            .chain([&rule.when])
            .chain(rule.exceptions.iter().map(|e| &e.condition))
            .chain(rule.at.iter())
            .chain(rule.also_at.iter());
        exprs.for_each(|ir| walk(ir, &mut out));
        let pieces = rule
            .message
            .iter()
            .chain(rule.actor.iter().flat_map(|a| &a.who));
        for piece in pieces {
            if let MessagePiece::Value(ir, _) = piece {
                walk(ir, &mut out);
            }
        }
    }
    for figure in &pack.figures {
        let exprs = figure
            .bindings
            .iter()
            .map(|(_, ir)| ir)
            .chain([&figure.value])
            .chain(figure.by.iter());
        exprs.for_each(|ir| walk(ir, &mut out));
    }
    out
}

fn walk(ir: &Ir, out: &mut Vec<usize>) {
    match ir {
        Ir::Param(index) => out.push(*index),
        Ir::Const(_) | Ir::AsOf | Ir::Root | Ir::Var(_) => {}
        Ir::Field(base, _) | Ir::Not(base) | Ir::Negate(base) | Ir::Presence(_, base) => {
            walk(base, out)
        }
        Ir::Set(items) => items.iter().for_each(|i| walk(i, out)),
        Ir::Binary(_, a, b) => {
            walk(a, out);
            walk(b, out);
        }
        Ir::Quantifier(_, _, collection, filter) => {
            walk(collection, out);
            filter.iter().for_each(|f| walk(f, out));
        }
        Ir::Aggregate(a) => {
            walk(&a.collection, out);
            [&a.projection, &a.filter]
                .into_iter()
                .flatten()
                .for_each(|part| walk(part, out));
        }
        Ir::Call(call) => {
            walk(&call.body, out);
            call.args.iter().for_each(|(_, arg)| walk(arg, out));
        }
    }
}

//! Traces: why a rule concluded what it did on a document (`fairrec check --explain`,
//! `fairrec explain ID --document FILE`).
//!
//! A trace is made after the check, for the findings being reported: the document is read
//! again from the text its result keeps, and the rule of each finding is run again on it by
//! the evaluator itself (`eval::explain_rule`), which stops at each conclusion and lets
//! [`build`] ask what every part of the condition and of each exception evaluates to. The
//! check's own path is untouched: nothing is traced unless asked, and a trace never decides
//! a truth value of its own. A test holds every trace's outcome to its finding's.

mod build;
pub mod personal;
pub mod render;
pub mod trace;

use jiff::civil::Date;

use self::build::Collector;
use self::personal::Personal;
pub use self::trace::{Check, ExceptionCheck, SeenValue, Trace, TraceItem, TraceOutcome, Verdict};
use crate::batch::DocumentResult;
use crate::document::validate::{validate, Document};
use crate::document::yaml::parse_documents;
use crate::eval::{explain_rule, RunIndex};
use crate::finding::Finding;
use crate::limits::Limits;
use crate::pack::RulePack;

/// How traces are made.
#[derive(Debug, Clone, Copy)]
pub struct TraceOptions<'a> {
    /// The date the check was made for.
    pub as_of: Date,
    /// The run's documents, for rules that look one up.
    pub index: &'a RunIndex,
    /// The limits the document was read under.
    pub limits: &'a Limits,
    /// Show values the schema marks `personal` (hidden by default).
    pub show_personal_data: bool,
}

/// One conclusion of a rule on a document: the finding the check made (none when the rule
/// passed or an exception excused it) and the trace.
pub type Case = (Option<Finding>, Trace);

/// A trace for each finding of a checked document, in the order of its findings; `None`
/// for a finding that no single conclusion explains (a rule stopped by the step limit, or
/// the count of findings past the most listed) or when the document cannot be read again.
pub fn traces(
    pack: &RulePack,
    result: &DocumentResult,
    options: &TraceOptions,
) -> Vec<Option<Trace>> {
    let findings = &result.findings.findings;
    let Some(document) = reread(pack, result, options.limits) else {
        return vec![None; findings.len()];
    };
    let mut cases_by_rule: Vec<(usize, Vec<Case>)> = Vec::new();
    findings
        .iter()
        .map(|finding| {
            if !cases_by_rule.iter().any(|(rule, _)| *rule == finding.rule) {
                let cases = rule_cases(pack, &document, finding.rule, options);
                cases_by_rule.push((finding.rule, cases));
            }
            let (_, cases) = cases_by_rule
                .iter()
                .find(|(rule, _)| *rule == finding.rule)?;
            cases
                .iter()
                .find(|(made, _)| made.as_ref().is_some_and(|m| same_finding(m, finding)))
                .map(|(_, trace)| trace.clone())
        })
        .collect()
}

/// Every conclusion of rule `rule_index` on a checked document, findings or not; `None`
/// when the document cannot be read again (it had errors) or the rule does not apply to
/// its kind.
pub fn rule_traces(
    pack: &RulePack,
    result: &DocumentResult,
    rule_index: usize,
    options: &TraceOptions,
) -> Option<Vec<Case>> {
    let rule = pack.rules.get(rule_index)?;
    let document = reread(pack, result, options.limits)?;
    if !rule.kinds.contains(&document.kind) {
        return None;
    }
    Some(rule_cases(pack, &document, rule_index, options))
}

fn rule_cases(
    pack: &RulePack,
    document: &Document,
    rule_index: usize,
    options: &TraceOptions,
) -> Vec<Case> {
    let Some(rule) = pack.rules.get(rule_index) else {
        return Vec::new();
    };
    let personal = Personal::new(&pack.schema, options.show_personal_data);
    let mut collector = Collector::new(rule, personal);
    explain_rule(
        pack,
        document,
        options.as_of,
        options.index,
        rule_index,
        &mut collector,
    );
    collector.cases
}

/// The same conclusion: the same place, item and words (outcome and waivers aside, which
/// later stages change).
fn same_finding(made: &Finding, reported: &Finding) -> bool {
    made.path == reported.path
        && made.subject == reported.subject
        && made.message == reported.message
}

/// The document of a result, read again from the text the result keeps.
fn reread(pack: &RulePack, result: &DocumentResult, limits: &Limits) -> Option<Document> {
    if !result.errors.is_empty() {
        return None;
    }
    let yamls = parse_documents(&result.file, limits).ok()?;
    yamls.iter().find_map(|yaml| {
        let document = validate(&pack.schema, &result.file, result.index, yaml)
            .result
            .ok()?;
        let same = Some(&document.kind) == result.kind.as_ref()
            && Some(&document.name) == result.name.as_ref();
        same.then_some(document)
    })
}

//! Every trace concludes what the check concluded: for every finding of every example (all
//! checked as one run, so lookups find their agreements) the trace's outcome is the
//! finding's, and for every item a rule looked at without a finding the trace says it passed
//! or was excused. A trace that drifted from the evaluator would fail here.

use std::path::PathBuf;

use fairrec::batch::{check_file_in_run, index_run, read_file};
use fairrec::explain::{rule_traces, traces, TraceOptions, TraceOutcome};
use fairrec::finding::{Finding, Outcome};
use fairrec::inputs::Input;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;

fn expected(finding: &Finding) -> Option<TraceOutcome> {
    let outcome = finding
        .waiver
        .as_ref()
        .map_or(finding.outcome, |w| w.outcome);
    match outcome {
        Outcome::Violation => Some(TraceOutcome::Violation),
        Outcome::Gap => Some(TraceOutcome::Gap),
        Outcome::Review => Some(TraceOutcome::Review),
        Outcome::NotAssessable => Some(TraceOutcome::NotAssessable),
        Outcome::Pass | Outcome::Waived => None,
    }
}

#[test]
fn every_trace_of_every_example_concludes_what_its_finding_says() {
    let pack = RulePack::builtin().expect("the built-in pack loads");
    let limits = Limits::default();
    let mut paths: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("the examples folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5);
    let inputs: Vec<Input> = paths.iter().cloned().map(Input::File).collect();
    let index = index_run(&pack, &inputs, &limits);
    let as_of = "2026-06-01".parse().expect("a date");
    let options = TraceOptions {
        as_of,
        index: &index,
        limits: &limits,
        show_personal_data: false,
    };
    let mut traced = 0;
    for path in &paths {
        let file = read_file(path, &limits).expect("the example reads");
        for result in check_file_in_run(&pack, file, as_of, &limits, &index) {
            let found = traces(&pack, &result, &options);
            for (finding, trace) in result.findings.findings.iter().zip(&found) {
                let rule = &pack.rules[finding.rule].id;
                let trace = trace
                    .as_ref()
                    .unwrap_or_else(|| panic!("{}: no trace for {rule}", path.display()));
                assert_eq!(
                    Some(trace.outcome),
                    expected(finding),
                    "{}: {rule} at {}",
                    path.display(),
                    finding.path
                );
                traced += 1;
            }
            for (rule_index, rule) in pack.rules.iter().enumerate() {
                for (finding, trace) in rule_traces(&pack, &result, rule_index, &options)
                    .into_iter()
                    .flatten()
                {
                    let agrees = match &finding {
                        Some(finding) => Some(trace.outcome) == expected(finding),
                        None => {
                            matches!(trace.outcome, TraceOutcome::Pass | TraceOutcome::Excused)
                        }
                    };
                    assert!(
                        agrees,
                        "{}: {} traced {:?}",
                        path.display(),
                        rule.id,
                        trace.outcome
                    );
                }
            }
        }
    }
    assert!(traced > 50, "only {traced} findings traced");
}

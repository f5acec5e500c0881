//! `fairrec explain ID --document FILE`: the trace of one rule on each document of a file,
//! for every item the rule looked at, whether or not it made a finding there.

use std::fmt::Write;

use super::stop::Stop;
use super::{print_out, use_color, ExitStatus, ExplainArgs, Format};
use fairrec::batch::{check_file_in_run, failed, index_run, read_file, DocumentResult};
use fairrec::diagnostic::{escape, json_safe};
use fairrec::explain::{render::render, rule_traces, Case, TraceOptions};
use fairrec::inputs::Input;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use fairrec::report::human::render_diagnostic;
use fairrec::report::model::ErrorEntry;

/// Runs `fairrec explain ID --document FILE` (the caller has found the rule).
pub fn run(args: &ExplainArgs, pack: &RulePack) -> ExitStatus {
    let (Some(path), Some(rule_index)) = (
        args.document.as_deref(),
        pack.rules.iter().position(|r| r.id == args.id),
    ) else {
        return ExitStatus::Failure;
    };
    let as_of = match &args.as_of {
        Some(text) => match text.parse() {
            Ok(date) => date,
            Err(_) => return Stop::BadAsOf(text.clone()).report(args.format, use_color()),
        },
        None => super::check::today_utc(),
    };
    let limits = Limits::default();
    let index = index_run(pack, &[Input::File(path.to_path_buf())], &limits);
    // A file that cannot be read is one document with its error, as `fairrec check` has it,
    // so every format reports it where the traces would be.
    let results = match read_file(path, &limits) {
        Ok(file) => check_file_in_run(pack, file, as_of, &limits, &index),
        Err(error) => vec![failed(error.file().clone(), error)],
    };
    let options = TraceOptions {
        as_of,
        index: &index,
        limits: &limits,
        show_personal_data: args.show_personal_data,
    };
    let explained: Vec<(&DocumentResult, Option<Vec<Case>>)> = results
        .iter()
        .map(|result| (result, rule_traces(pack, result, rule_index, &options)))
        .collect();
    let text = match args.format {
        Format::Human => human(pack, rule_index, &explained),
        Format::Json => format!("{}\n", json_safe(&json(pack, rule_index, &explained))),
    };
    let status = print_out(&text);
    if results.iter().any(|r| !r.errors.is_empty()) {
        ExitStatus::Failure
    } else {
        status
    }
}

fn human(
    pack: &RulePack,
    rule_index: usize,
    explained: &[(&DocumentResult, Option<Vec<Case>>)],
) -> String {
    let mut out = String::new();
    let Some(rule) = pack.rules.get(rule_index) else {
        return out;
    };
    let _ = writeln!(out, "{} {}: {}", rule.id, rule.name, escape(&rule.title));
    for (result, cases) in explained {
        let what = match (&result.kind, &result.name) {
            (Some(kind), Some(name)) => format!("{kind} \"{name}\""),
            _ => "document".to_string(),
        };
        let _ = writeln!(
            out,
            "\n── {} · document {} · {}",
            escape(&result.file.name),
            result.index + 1,
            escape(&what)
        );
        match cases {
            _ if !result.errors.is_empty() => {
                let _ = writeln!(out, "  not checked: the document has errors\n");
                for error in &result.errors {
                    out.push_str(&render_diagnostic(error, use_color()));
                }
            }
            None => {
                let _ = writeln!(out, "  the rule does not apply to this kind of document");
            }
            Some(cases) if cases.is_empty() => {
                let _ = writeln!(
                    out,
                    "  nothing to look at: the lists the rule goes through are empty"
                );
            }
            Some(cases) => {
                for (finding, trace) in cases {
                    let heading = match finding {
                        Some(f) => format!(
                            "{}: {}",
                            f.outcome.as_str().replace('_', " "),
                            escape(&f.message)
                        ),
                        None => format!("no finding ({})", trace.outcome.words()),
                    };
                    let _ = writeln!(out, "\n  {heading}");
                    out.push_str(&render(trace, "    "));
                }
            }
        }
    }
    out
}

fn json(
    pack: &RulePack,
    rule_index: usize,
    explained: &[(&DocumentResult, Option<Vec<Case>>)],
) -> String {
    let documents: Vec<serde_json::Value> = explained
        .iter()
        .map(|(result, cases)| {
            let conclusions: Vec<serde_json::Value> = cases
                .iter()
                .flatten()
                .map(|(finding, trace)| {
                    serde_json::json!({
                        "finding": finding.as_ref().map(|f| serde_json::json!({
                            "outcome": f.outcome.as_str(),
                            "message": f.message,
                            "path": f.path,
                        })),
                        "trace": trace,
                    })
                })
                .collect();
            serde_json::json!({
                "path": result.file.name.as_ref(),
                "index": result.index,
                "kind": result.kind,
                "name": result.name,
                "applies": cases.is_some(),
                "errors": result
                    .errors
                    .iter()
                    .map(|error| {
                        let entry = ErrorEntry::from(error);
                        serde_json::to_value(fairrec::report::json::error(&entry))
                            .unwrap_or(serde_json::Value::Null)
                    })
                    .collect::<Vec<_>>(),
                "conclusions": conclusions,
            })
        })
        .collect();
    let rule = pack.rules.get(rule_index).map(|r| r.id.clone());
    serde_json::json!({ "rule": rule, "documents": documents }).to_string()
}

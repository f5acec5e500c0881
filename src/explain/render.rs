//! A trace as an indented tree for people (the human report and `fairrec explain ID
//! --document`): each part of the condition with its text from the rule, marked true, false
//! or unknown, the values it read with their lines, each exception and why it did or did not
//! apply, and the conclusion. Document text is escaped: no control character is printed.

use std::fmt::Write;

use super::personal::HIDDEN;
use super::trace::{Check, ExceptionCheck, SeenValue, Trace, TraceOutcome, ValuePlace, Verdict};
use crate::diagnostic::escape;

/// The tree of `trace`, each line starting with `indent`.
pub fn render(trace: &Trace, indent: &str) -> String {
    let mut out = String::new();
    for item in &trace.items {
        let place = item
            .place
            .as_ref()
            .map_or_else(|| "not in this run".to_string(), place_text);
        let _ = writeln!(
            out,
            "{indent}for {} in {}: {place}",
            escape(&item.name),
            escape(&item.from)
        );
        if !item.fields.is_empty() {
            let fields: Vec<String> = item
                .fields
                .iter()
                .map(|f| format!("{}: {}", escape(&f.text), value_text(f)))
                .collect();
            let _ = writeln!(out, "{indent}    {}", fields.join(" · "));
        }
    }
    if let Some(note) = &trace.note {
        let _ = writeln!(out, "{indent}{}", escape(note));
    }
    if let Some(condition) = &trace.condition {
        check(&mut out, condition, indent, "when ");
    }
    for exception in &trace.exceptions {
        exception_lines(&mut out, exception, indent);
    }
    let _ = writeln!(out, "{indent}→ {}", conclusion(trace));
    out
}

fn check(out: &mut String, check_: &Check, indent: &str, lead: &str) {
    let _ = writeln!(
        out,
        "{indent}{lead}{} — {}",
        escape(&check_.text),
        verdict_text(check_.result, &check_.missing)
    );
    let deeper = format!("{indent}    ");
    for value in &check_.values {
        let _ = writeln!(out, "{deeper}· {}", seen_text(value));
    }
    for part in &check_.parts {
        check(out, part, &deeper, "");
    }
}

fn exception_lines(out: &mut String, exception: &ExceptionCheck, indent: &str) {
    let why = match (exception.result, exception.review) {
        (Verdict::True, false) => "applies: established by the document".to_string(),
        (Verdict::True, true) => "claimed: a person must judge it".to_string(),
        (Verdict::False, _) => "does not apply: the document shows it is not met".to_string(),
        _ => format!(
            "not shown: the document would need {}",
            escape(&exception.needs.join(", "))
        ),
    };
    let _ = writeln!(
        out,
        "{indent}unless \"{}\" — {why}",
        escape(&exception.label)
    );
    check(out, &exception.condition, &format!("{indent}    "), "");
}

fn conclusion(trace: &Trace) -> String {
    let outcome = trace.outcome.words();
    match trace.outcome {
        TraceOutcome::Violation | TraceOutcome::Gap => {
            format!("{outcome}: the condition holds and no exception is established")
        }
        TraceOutcome::Review => {
            format!(
                "{outcome}: the condition holds and an exception a person must judge is claimed"
            )
        }
        TraceOutcome::NotAssessable if trace.deciding_facts.is_empty() => {
            format!("{outcome}: a calculation on the document's values failed")
        }
        TraceOutcome::NotAssessable => format!(
            "{outcome}: these facts would decide it: {}",
            escape(&trace.deciding_facts.join(", "))
        ),
        TraceOutcome::Excused => format!("{outcome}: an exception is established"),
        TraceOutcome::Pass => format!("{outcome}: the condition does not hold"),
    }
}

fn verdict_text(verdict: Verdict, missing: &[String]) -> String {
    if verdict == Verdict::Unknown && !missing.is_empty() {
        format!("unknown (not given: {})", escape(&missing.join(", ")))
    } else {
        verdict.words().to_string()
    }
}

fn seen_text(value: &SeenValue) -> String {
    let place = value.place.as_ref().map(place_text);
    match (&value.value, value.hidden, place) {
        (_, true, Some(place)) => format!("{} = {HIDDEN} ({place})", escape(&value.text)),
        (Some(v), _, Some(place)) => {
            format!("{} = {} ({place})", escape(&value.text), escape(v))
        }
        (Some(v), _, None) => format!("{} = {}", escape(&value.text), escape(v)),
        // A record is named by its place.
        (None, false, Some(place)) => format!("{} ({place})", escape(&value.text)),
        (None, _, None) => format!("{}: not given", escape(&value.text)),
    }
}

fn value_text(value: &SeenValue) -> String {
    match &value.value {
        _ if value.hidden => HIDDEN.to_string(),
        Some(v) => escape(v),
        None => "not given".to_string(),
    }
}

/// `documents[0].held_by, line 74`, with the file when it is another document.
fn place_text(place: &ValuePlace) -> String {
    match &place.file {
        Some(file) => format!(
            "{}, line {} of {}",
            escape(&place.path),
            place.line,
            escape(file)
        ),
        None => format!("{}, line {}", escape(&place.path), place.line),
    }
}

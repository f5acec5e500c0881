//! JUnit XML output, for CI systems: one test suite per document and one test case per
//! document and rule. A rule with a violation or a gap fails; a rule that could only be
//! reported as not assessable, or for a person's review, is skipped (the check is not
//! complete, as `--allow-incomplete` treats it); a rule that passed passes. A document that
//! could not be read or validated has one case, `read and validate`, in error. A first
//! suite, `fairrec run`, states the versions, hashes, date and inputs as properties, the
//! run's own errors as cases in error, and the summary as its output. A rule whose findings
//! are all waived is skipped, with the waiver as the reason; a failure new since an earlier
//! audit says so first; each document's stable id and each waiver's status are properties.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::model::{DocumentReport, ErrorEntry, FindingReport, Report, RunHeader};
use super::text::{basis_lines, outcome_words};
use crate::diagnostic::escape;
use crate::finding::Outcome;

/// Counts of one suite.
#[derive(Default, Clone, Copy)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

/// The whole report as JUnit XML.
pub fn render(report: &Report) -> String {
    let header = &report.header;
    let mut suites = Vec::new();
    let mut total = Counts::default();
    let (run, counts) = run_suite(report);
    suites.push(run);
    add(&mut total, counts);
    for document in &report.documents {
        let (suite, counts) = document_suite(header, report, document);
        suites.push(suite);
        add(&mut total, counts);
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"fairrec\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
        total.tests, total.failures, total.errors, total.skipped
    );
    for suite in suites {
        out.push_str(&suite);
    }
    out.push_str("</testsuites>\n");
    out
}

fn add(total: &mut Counts, counts: Counts) {
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
}

fn suite_open(name: &str, counts: Counts) -> String {
    format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
        xml(name),
        counts.tests,
        counts.failures,
        counts.errors,
        counts.skipped
    )
}

fn property(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(
        out,
        "      <property name=\"{}\" value=\"{}\"/>",
        xml(name),
        xml(value)
    );
}

/// The suite that says what the run rests on, its own errors and its summary.
fn run_suite(report: &Report) -> (String, Counts) {
    let header = &report.header;
    let mut body = String::from("    <properties>\n");
    property(&mut body, "fairrec_version", header.tool_version);
    property(
        &mut body,
        "rules_hash",
        header.rules_hash.as_deref().unwrap_or(""),
    );
    property(&mut body, "as_of", header.as_of.as_deref().unwrap_or(""));
    for overlay in &header.overlays {
        let value = format!(
            "{} ({}) {}",
            overlay.name, overlay.jurisdiction, overlay.hash
        );
        property(&mut body, "overlay", &value);
    }
    for p in &header.parameters {
        property(
            &mut body,
            &format!("parameter {}", p.name),
            &format!("{} ({})", p.value, p.source),
        );
    }
    for input in &report.inputs {
        let sha = input.sha256.as_deref().unwrap_or("not read whole");
        property(&mut body, "input", &format!("{sha}  {}", input.path));
    }
    for waiver in &report.summary.audit.waivers {
        let value = format!(
            "{}: {} on {} (line {}), {} finding(s) named",
            waiver.status.as_str(),
            waiver.rule,
            waiver.document,
            waiver.line,
            waiver.findings
        );
        property(&mut body, "waiver", &value);
    }
    body.push_str("    </properties>\n");
    let mut counts = Counts::default();
    for error in &report.errors {
        counts.tests += 1;
        counts.errors += 1;
        body.push_str(&error_case("fairrec run", "run", error));
    }
    let summary = super::human_summary::render(header, &report.summary, &report.inputs);
    let _ = writeln!(body, "    <system-out>{}</system-out>", xml_text(&summary));
    let mut out = suite_open("fairrec run", counts);
    out.push_str(&body);
    out.push_str("  </testsuite>\n");
    (out, counts)
}

fn document_suite(
    header: &RunHeader,
    report: &Report,
    document: &DocumentReport,
) -> (String, Counts) {
    let class = format!("{}#{}", document.path, document.index + 1);
    let mut body = String::from("    <properties>\n");
    property(&mut body, "verdict", document.verdict.as_str());
    if let Some(kind) = &document.kind {
        property(&mut body, "kind", kind);
    }
    if let Some(name) = &document.name {
        property(&mut body, "name", name);
    }
    if let Some(id) = &document.id {
        property(&mut body, "id", id);
    }
    if let Some(comparison) = &document.comparison {
        property(&mut body, "baseline", comparison.status.as_str());
        for f in &comparison.resolved {
            let value = format!(
                "{} at {} (line {} then): {}",
                f.rule, f.path, f.line, f.message
            );
            property(&mut body, "resolved", &value);
        }
    }
    if let Some(sha) = report
        .inputs
        .iter()
        .find(|i| i.path == document.path)
        .and_then(|i| i.sha256.as_deref())
    {
        property(&mut body, "sha256", sha);
    }
    body.push_str("    </properties>\n");
    let mut counts = Counts::default();
    for error in &document.errors {
        counts.tests += 1;
        counts.errors += 1;
        body.push_str(&error_case(&class, "read and validate", error));
    }
    // One case per rule: the rules with findings and the rules passed, in pack order.
    let mut by_rule: BTreeMap<usize, Vec<&FindingReport>> = BTreeMap::new();
    for finding in &document.findings {
        by_rule.entry(finding.rule).or_default().push(finding);
    }
    for index in &document.passed {
        by_rule.entry(*index).or_default();
    }
    for (index, findings) in by_rule {
        let Some(rule) = header.rules.get(index) else {
            continue;
        };
        counts.tests += 1;
        let name = format!("{} {}", rule.id, rule.title);
        let line = findings.first().map(|f| f.location.line);
        let mut open = format!(
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"",
            xml(&class),
            xml(&name),
            xml(&document.path)
        );
        if let Some(line) = line {
            let _ = write!(open, " line=\"{line}\"");
        }
        let failing = findings
            .iter()
            .find(|f| matches!(f.outcome, Outcome::Violation | Outcome::Gap));
        let detail = || {
            let mut text = String::new();
            for f in &findings {
                let _ = writeln!(
                    text,
                    "line {}: {} ({})",
                    f.location.line,
                    f.message,
                    outcome_words(f.outcome)
                );
                if let Some(actor) = &f.actor {
                    let _ = writeln!(text, "Responsible: {}", actor.name);
                }
            }
            let _ = writeln!(text, "Remedy: {}", rule.remedy);
            let _ = write!(
                text,
                "Legal basis: {}",
                basis_lines(header, rule).join("; ")
            );
            text
        };
        match (failing, findings.first()) {
            (Some(f), _) => {
                counts.failures += 1;
                let new = if f.change == Some(crate::finding::Change::New) {
                    "new: "
                } else {
                    ""
                };
                let _ = writeln!(
                    body,
                    "{open}>\n      <failure type=\"{}\" message=\"{new}{}\">{}</failure>\n    </testcase>",
                    outcome_words(f.outcome),
                    xml(&f.message),
                    xml_text(&detail())
                );
            }
            (None, Some(f)) => {
                counts.skipped += 1;
                let reason = match (&f.waiver, f.outcome) {
                    (Some(w), _) => format!(
                        "waived until {}, approved by {} on {}: {} ({})",
                        w.expires, w.approved_by, w.approved_on, w.reason, f.message
                    ),
                    (None, Outcome::Review) => format!("needs a person's review: {}", f.message),
                    _ if !f.missing.is_empty() => {
                        format!("not assessable: needs {}", f.missing.join(", "))
                    }
                    _ => format!("not assessable: {}", f.message),
                };
                let _ = writeln!(
                    body,
                    "{open}>\n      <skipped message=\"{}\"/>\n    </testcase>",
                    xml(&reason)
                );
            }
            (None, None) => {
                let _ = writeln!(body, "{open}/>");
            }
        }
    }
    let title = format!(
        "{} #{} {}",
        document.path,
        document.index + 1,
        document.what()
    );
    let mut out = suite_open(&title, counts);
    out.push_str(&body);
    out.push_str("  </testsuite>\n");
    (out, counts)
}

fn error_case(class: &str, name: &str, error: &ErrorEntry) -> String {
    let place = match (&error.file, error.position) {
        (Some(file), Some((line, column))) => format!("{file}:{line}:{column}"),
        (Some(file), None) => file.clone(),
        _ => String::new(),
    };
    let help = error.help.as_deref().unwrap_or("");
    format!(
        "    <testcase classname=\"{}\" name=\"{}\">\n      <error type=\"{}\" message=\"{}\">{}</error>\n    </testcase>\n",
        xml(class),
        xml(name),
        xml(error.code.as_str()),
        xml(&error.message),
        xml_text(format!("{place}\n{}\n{help}", error.message).trim_end())
    )
}

/// Text for an XML attribute value: markup characters as entities, line breaks and tabs
/// as character references (an attribute would fold them into spaces), and characters
/// XML 1.0 forbids, or a terminal would act on, shown escaped (`\u{1b}`).
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            _ => push_char(&mut out, c),
        }
    }
    out
}

/// Text for element content: like [`xml`], but line breaks and tabs stay as they are.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            _ => push_char(&mut out, c),
        }
    }
    out
}

fn push_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        _ => out.push_str(&escape(c.encode_utf8(&mut [0; 4]))),
    }
}

#[cfg(test)]
mod tests {
    use super::{xml, xml_text};

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        assert_eq!(
            xml("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(xml("a\nb\u{1}c"), "a&#10;b\\u{1}c");
        assert_eq!(xml_text("a\nb\u{1b}]]>"), "a\nb\\u{1b}]]&gt;");
        assert_eq!(xml("\u{ffff}"), "\\u{ffff}");
    }
}

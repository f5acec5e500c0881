//! SARIF 2.1.0 output, for code-scanning dashboards: one run whose tool lists the rules
//! that have results (id, title, legal basis, remedy, principles, severity), one result per
//! finding at its line and column (a second, related location for a finding that points
//! into another document), the inputs as artifacts with their SHA-256, input errors as
//! notifications of the invocation, and the run's header and summary as run properties.
//! A waived finding keeps its level and carries an accepted external suppression with the
//! waiver's reason; with a baseline, each result has its `baselineState` (`new`,
//! `unchanged`), and each finding resolved since is an `absent` result.
//! Only what fairrec knows is written: no URLs, no times, no absolute paths of its own.

use serde_json::{json, Value};
use std::collections::BTreeMap;

use super::model::{DocumentReport, ErrorEntry, FindingReport, Report, RuleInfo, RunHeader};
use super::text::basis_lines;
use crate::finding::Outcome;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// The whole report as SARIF text (pretty-printed, with a final newline).
pub fn render(report: &Report) -> String {
    let header = &report.header;
    // The rules with results, in pack order, and each one's index in `rules[]`.
    let mut used: BTreeMap<usize, usize> = BTreeMap::new();
    for finding in report.documents.iter().flat_map(|d| &d.findings) {
        used.insert(finding.rule, 0);
    }
    for resolved in resolved_findings(report) {
        if let Some(index) = header.rules.iter().position(|r| r.id == resolved.rule) {
            used.insert(index, 0);
        }
    }
    for (position, slot) in used.values_mut().enumerate() {
        *slot = position;
    }
    let rules: Vec<Value> = used
        .keys()
        .filter_map(|index| header.rules.get(*index))
        .map(|rule| rule_value(header, rule))
        .collect();
    let artifacts: BTreeMap<&str, usize> = report
        .inputs
        .iter()
        .enumerate()
        .map(|(n, input)| (input.path.as_str(), n))
        .collect();
    let places = Places { artifacts };
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for document in &report.documents {
        for finding in &document.findings {
            if let (Some(rule), Some(index)) =
                (header.rules.get(finding.rule), used.get(&finding.rule))
            {
                results.push(result_value(&places, document, finding, rule, *index));
            }
        }
        for error in &document.errors {
            notifications.push(notification(&places, error));
        }
        for resolved in document.comparison.iter().flat_map(|c| &c.resolved) {
            let index = header.rules.iter().position(|r| r.id == resolved.rule);
            let rule_index = index.and_then(|index| used.get(&index)).copied();
            results.push(absent_value(&places, document, resolved, rule_index));
        }
    }
    notifications.extend(report.errors.iter().map(|e| notification(&places, e)));
    let mut driver = json!({"name": "fairrec", "version": header.tool_version, "rules": rules});
    driver["semanticVersion"] = json!(header.tool_version);
    let artifacts: Vec<Value> = report
        .inputs
        .iter()
        .map(|input| {
            let mut artifact = json!({"location": {"uri": uri(&input.path)}});
            if let Some(sha) = &input.sha256 {
                artifact["hashes"] = json!({"sha-256": sha});
            }
            if let Some(bytes) = input.bytes {
                artifact["length"] = json!(bytes);
            }
            artifact
        })
        .collect();
    let run = json!({
        "tool": {"driver": driver},
        "invocations": [{
            "executionSuccessful": notifications.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": run_properties(report),
    });
    let log = json!({"version": SARIF_VERSION, "runs": [run]});
    // Serialising a JSON value cannot fail (its keys are strings).
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// A rule as `tool.driver.rules[]` lists it.
fn rule_value(header: &RunHeader, rule: &RuleInfo) -> Value {
    let basis = basis_lines(header, rule);
    let mut help = rule.remedy.clone();
    if !basis.is_empty() {
        help.push_str("\n\nLegal basis:");
        for line in &basis {
            help.push_str("\n- ");
            help.push_str(line);
        }
    }
    let tags: Vec<String> = rule
        .principles
        .iter()
        .map(|p| format!("GP{p}"))
        .chain(std::iter::once(rule.severity.as_str().to_string()))
        .collect();
    json!({
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": if basis.is_empty() { rule.title.clone() } else { basis.join("; ") }},
        "help": {"text": help},
        "properties": {
            "principles": rule.principles,
            "guidelines": rule.guidelines.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
            "instruments": rule.instruments.iter().map(|c| json!({"id": c.id, "pinpoint": c.pinpoint})).collect::<Vec<_>>(),
            "severity": rule.severity,
            "tags": tags,
        },
    })
}

/// Input files by path, for artifact indexes.
struct Places<'a> {
    artifacts: BTreeMap<&'a str, usize>,
}

impl Places<'_> {
    /// A physical location in `file`, at a line and column when given.
    fn physical(&self, file: &str, position: Option<(usize, usize)>) -> Value {
        let mut artifact = json!({"uri": uri(file)});
        if let Some(index) = self.artifacts.get(file) {
            artifact["index"] = json!(index);
        }
        let mut location = json!({"artifactLocation": artifact});
        if let Some((line, column)) = position {
            location["region"] = json!({"startLine": line, "startColumn": column});
        }
        location
    }
}

/// violation → error, gap → warning, not assessable and review → note; a waived finding
/// keeps the level of the outcome it would have (its suppression says it is accepted).
fn level(finding: &FindingReport) -> &'static str {
    match finding
        .waiver
        .as_ref()
        .map_or(finding.outcome, |w| w.outcome)
    {
        Outcome::Violation => "error",
        Outcome::Gap => "warning",
        Outcome::NotAssessable | Outcome::Review | Outcome::Pass | Outcome::Waived => "note",
    }
}

/// Every finding resolved since the earlier audit.
fn resolved_findings(report: &Report) -> impl Iterator<Item = &crate::finding::EarlierFinding> {
    report
        .documents
        .iter()
        .filter_map(|d| d.comparison.as_ref())
        .flat_map(|c| &c.resolved)
}

/// A finding of the earlier audit no longer found: an `absent` result in the document's
/// file, with no region (its line then may have moved since).
fn absent_value(
    places: &Places<'_>,
    document: &DocumentReport,
    resolved: &crate::finding::EarlierFinding,
    rule_index: Option<usize>,
) -> Value {
    let mut result = json!({
        "ruleId": resolved.rule,
        "kind": "pass",
        "level": "none",
        "baselineState": "absent",
        "message": {"text": format!("resolved since the earlier audit: {}", resolved.message)},
        "locations": [{"physicalLocation": places.physical(&document.path, None)}],
        "properties": {
            "outcome": resolved.outcome,
            "path": resolved.path,
            "earlierLine": resolved.line,
            "document": {"id": document.id, "index": document.index, "kind": document.kind, "name": document.name},
        },
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    result
}

fn result_value(
    places: &Places<'_>,
    document: &DocumentReport,
    finding: &FindingReport,
    rule: &RuleInfo,
    rule_index: usize,
) -> Value {
    let at = Some((finding.location.line, finding.location.column));
    let mut properties = json!({
        "outcome": finding.outcome,
        "severity": rule.severity,
        "principles": rule.principles,
        "path": finding.location.path,
        "document": {
            "id": document.id,
            "index": document.index,
            "kind": document.kind,
            "name": document.name,
            "verdict": document.verdict,
        },
    });
    if let Some(actor) = &finding.actor {
        properties["actor"] = json!({"name": actor.name, "relation": actor.relation});
    }
    if !finding.missing.is_empty() {
        properties["missing"] = json!(finding.missing);
    }
    if let Some(review) = &finding.review {
        properties["review"] = json!(review);
    }
    if let Some(waiver) = &finding.waiver {
        properties["waiver"] = json!(waiver);
    }
    let mut result = json!({
        "ruleId": rule.id,
        "ruleIndex": rule_index,
        "level": level(finding),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": places.physical(&document.path, at)}],
        "properties": properties,
    });
    if let Some(related) = &finding.related {
        result["relatedLocations"] = json!([{
            "id": 1,
            "message": {"text": format!("also at {}", related.path)},
            "physicalLocation": places.physical(&related.file, Some((related.line, related.column))),
        }]);
    }
    if let Some(waiver) = &finding.waiver {
        result["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": format!(
                "{} (approved by {} on {}, until {})",
                waiver.reason, waiver.approved_by, waiver.approved_on, waiver.expires
            ),
        }]);
    }
    if let Some(change) = finding.change {
        result["baselineState"] = json!(change.as_str());
    }
    result
}

/// An input or run error as a notification of the invocation.
fn notification(places: &Places<'_>, error: &ErrorEntry) -> Value {
    let text = match &error.help {
        Some(help) => format!("{} ({help})", error.message),
        None => error.message.clone(),
    };
    let mut value = json!({
        "level": "error",
        "message": {"text": text},
        "descriptor": {"id": error.code.as_str()},
    });
    if let Some(file) = &error.file {
        value["locations"] = json!([{"physicalLocation": places.physical(file, error.position)}]);
    }
    value
}

fn run_properties(report: &Report) -> Value {
    let header = &report.header;
    json!({
        "fairrecVersion": header.tool_version,
        "rulesHash": header.rules_hash,
        "asOf": header.as_of,
        "notice": header.notice,
        "overlays": super::json::overlays_value(header),
        "parameters": super::json::parameters_value(header),
        "disabledRules": header.disabled_rules.iter().map(|d| json!({
            "rule": d.rule, "overlay": d.overlay, "because": d.because,
        })).collect::<Vec<_>>(),
        "summary": super::json::summary_value(header, &report.summary),
    })
}

/// A path as a URI reference: relative paths stay relative (with `/` separators), an
/// absolute one becomes a `file:` URI; every byte outside the unreserved set and `/` is
/// percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("examples/a b.yaml"), "examples/a%20b.yaml");
        assert_eq!(uri("/tmp/x#1.yaml"), "file:///tmp/x%231.yaml");
        assert_eq!(uri("d\\e.yaml"), "d/e.yaml");
        assert_eq!(uri("ü.yaml"), "%C3%BC.yaml");
    }
}

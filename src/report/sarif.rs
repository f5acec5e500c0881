//! SARIF 2.1.0 output, for code-scanning dashboards: one run whose tool lists the rules
//! that have results (id, title, legal basis, remedy, principles, severity), one result per
//! finding at its line and column (a second, related location for a finding that points
//! into another document), the inputs as artifacts with their SHA-256, input errors as
//! notifications of the invocation, and the run's header and summary as run properties.
//! A waived finding keeps its level and carries an accepted external suppression with the
//! waiver's reason; with a baseline, each result has its `baselineState` (`new`,
//! `unchanged`), and each finding resolved since is an `absent` result (`sarif_result`).
//! Only what fairrec knows is written: no URLs, no times, no absolute paths of its own.
//! The log is serialised straight from the report model to the writer, pretty-printed, with
//! each object's keys in byte order (`json_object`); nothing but the index of the rules used
//! and of the input files is built first.

use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

use super::json_object::{object, write_pretty, Omit, Seq};
use super::model::{Report, RuleInfo, RunHeader};
use super::sarif_result::{absent, notification, result, Places};
use super::text::basis_lines;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// Writes the whole report as SARIF (pretty-printed, with a final newline).
pub fn write<W: Write>(report: &Report, mut out: W) -> io::Result<W> {
    let run = Run::new(report);
    let log = object! {
        "runs": [run.json()],
        "version": SARIF_VERSION,
    };
    write_pretty(&mut out, &log)?;
    out.write_all(b"\n")?;
    Ok(out)
}

/// The whole report as SARIF text.
pub fn render(report: &Report) -> String {
    // Writing into a Vec cannot fail, and serde_json writes UTF-8.
    let out = write(report, Vec::new()).unwrap_or_default();
    String::from_utf8(out).unwrap_or_default()
}

/// What the run needs to know before it writes: which rules have results, and the places.
struct Run<'a> {
    report: &'a Report,
    /// The rules with results, in pack order, and each one's index in `rules[]`.
    used: BTreeMap<usize, usize>,
    places: Places<'a>,
}

impl<'a> Run<'a> {
    fn new(report: &'a Report) -> Self {
        let header = &report.header;
        let mut used: BTreeMap<usize, usize> = BTreeMap::new();
        for finding in report.documents.iter().flat_map(|d| &d.findings) {
            used.insert(finding.rule, 0);
        }
        for resolved in report
            .documents
            .iter()
            .filter_map(|d| d.comparison.as_ref())
            .flat_map(|c| &c.resolved)
        {
            if let Some(index) = rule_position(header, &resolved.rule) {
                used.insert(index, 0);
            }
        }
        for (position, slot) in used.values_mut().enumerate() {
            *slot = position;
        }
        let artifacts = report
            .inputs
            .iter()
            .enumerate()
            .map(|(n, input)| (input.path.as_str(), n))
            .collect();
        Self {
            report,
            used,
            places: Places { artifacts },
        }
    }

    /// The run: artifacts, column kind, invocation, properties, results and tool.
    fn json(&self) -> impl Serialize + '_ {
        let report = self.report;
        let header = &report.header;
        let places = &self.places;
        let notifications = move || {
            let documents = report.documents.iter().flat_map(|d| &d.errors);
            documents
                .chain(&report.errors)
                .map(move |e| notification(places, e))
        };
        let successful =
            report.errors.is_empty() && report.documents.iter().all(|d| d.errors.is_empty());
        let results = Seq(move || {
            report.documents.iter().flat_map(move |document| {
                let found = document.findings.iter().filter_map(move |finding| {
                    let rule = header.rules.get(finding.rule)?;
                    let index = self.used.get(&finding.rule)?;
                    Some(result(places, document, finding, rule, *index))
                });
                let resolved = document.comparison.iter().flat_map(|c| &c.resolved);
                let resolved = resolved.map(move |earlier| {
                    let index = rule_position(header, &earlier.rule)
                        .and_then(|index| self.used.get(&index))
                        .copied();
                    absent(places, document, earlier, index)
                });
                found.map(either_first).chain(resolved.map(either_second))
            })
        });
        object! {
            "artifacts": Seq(move || report.inputs.iter().map(|input| object! {
                "hashes": Omit(input.sha256.as_ref().map(|sha| object! {"sha-256": sha})),
                "length": Omit(input.bytes),
                "location": object! {"uri": uri(&input.path)},
            })),
            "columnKind": "unicodeCodePoints",
            "invocations": [object! {
                "executionSuccessful": successful,
                "toolExecutionNotifications": Seq(notifications),
            }],
            "properties": run_properties(header, report),
            "results": results,
            "tool": object! {"driver": object! {
                "name": "fairrec",
                "rules": Seq(move || {
                    self.used.keys().filter_map(|index| header.rules.get(*index)).map(|rule| rule_json(header, rule))
                }),
                "semanticVersion": header.tool_version,
                "version": header.tool_version,
            }},
        }
    }
}

/// A result or an absent result, in one list.
enum Either<A, B> {
    First(A),
    Second(B),
}

fn either_first<A, B>(a: A) -> Either<A, B> {
    Either::First(a)
}

fn either_second<A, B>(b: B) -> Either<A, B> {
    Either::Second(b)
}

impl<A: Serialize, B: Serialize> Serialize for Either<A, B> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Either::First(a) => a.serialize(serializer),
            Either::Second(b) => b.serialize(serializer),
        }
    }
}

/// A rule's position in the pack, by id.
fn rule_position(header: &RunHeader, id: &str) -> Option<usize> {
    header.rules.iter().position(|r| r.id == id)
}

/// A rule as `tool.driver.rules[]` lists it.
fn rule_json<'a>(header: &'a RunHeader, rule: &'a RuleInfo) -> impl Serialize + 'a {
    let basis = basis_lines(header, rule);
    let mut help = rule.remedy.clone();
    if !basis.is_empty() {
        help.push_str("\n\nLegal basis:");
        for line in &basis {
            help.push_str("\n- ");
            help.push_str(line);
        }
    }
    let full = if basis.is_empty() {
        rule.title.clone()
    } else {
        basis.join("; ")
    };
    let tags = Seq(|| {
        rule.principles
            .iter()
            .map(|p| format!("GP{p}"))
            .chain(std::iter::once(rule.severity.as_str().to_string()))
    });
    object! {
        "fullDescription": object! {"text": full},
        "help": object! {"text": help},
        "id": &rule.id,
        "name": &rule.name,
        "properties": object! {
            "guidelines": Seq(|| rule.guidelines.iter().map(|g| &g.id)),
            "instruments": Seq(|| rule.instruments.iter().map(|c| object! {"id": &c.id, "pinpoint": &c.pinpoint})),
            "principles": &rule.principles,
            "severity": rule.severity,
            "tags": tags,
        },
        "shortDescription": object! {"text": &rule.title},
    }
}

fn run_properties<'a>(header: &'a RunHeader, report: &'a Report) -> impl Serialize + 'a {
    object! {
        "asOf": &header.as_of,
        "disabledRules": Seq(|| header.disabled_rules.iter().map(|d| object! {
            "because": &d.because, "overlay": &d.overlay, "rule": &d.rule,
        })),
        "fairrecVersion": header.tool_version,
        "notice": header.notice,
        "overlays": super::json::overlays(header),
        "parameters": super::json::parameters(header),
        "rulesHash": &header.rules_hash,
        "summary": super::json::summary_json(header, &report.summary),
    }
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

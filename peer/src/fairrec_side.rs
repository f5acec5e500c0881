//! fairrec's side of the comparison: the five-rule pack, YAML text → findings through the
//! library's per-file path (`batch::check_file`), and the same work stage by stage.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fairrec::batch::{check_file, DocumentResult};
use fairrec::diagnostic::SourceFile;
use fairrec::document::stream::DocumentTexts;
use fairrec::document::validate::validate;
use fairrec::document::yaml::parse_documents;
use fairrec::eval::{check_document, groups_of, RunIndex};
use fairrec::finding::Outcome;
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use fairrec::report::collect;
use fairrec::report::json::document_text;
use jiff::civil::Date;

/// The built-in schema, citations and parameters, with the five rules of
/// `peer/rules/five-rules.fr` instead of the pack's own rules.
pub fn five_rule_pack(peer_dir: &Path) -> RulePack {
    let mut files: Vec<SourceFile> = RulePack::builtin_files()
        .into_iter()
        .filter(|f| !f.name.contains("/gp"))
        .collect();
    let five = std::fs::read_to_string(peer_dir.join("rules/five-rules.fr"))
        .expect("peer/rules/five-rules.fr is readable");
    files.push(SourceFile::new("peer/rules/five-rules.fr", five));
    let pack = RulePack::load(files).expect("the five-rule pack loads");
    assert_eq!(pack.rules.len(), 5, "the five-rule pack has five rules");
    pack
}

/// Each text as a named source file sharing the text, made once so that it is not timed.
pub fn source_files(texts: &[Arc<str>]) -> Vec<SourceFile> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| SourceFile::new(format!("doc{i}.yaml"), Arc::clone(text)))
        .collect()
}

/// Checks every file (YAML text → findings, one thread) and returns the time taken.
pub fn check_all(pack: &RulePack, files: &[SourceFile], as_of: Date, limits: &Limits) -> Duration {
    let start = Instant::now();
    for file in files {
        black_box(check_file(pack, file.clone(), as_of, limits));
    }
    start.elapsed()
}

/// Runs granit-parser, the event parser fairrec builds its YAML trees from, over every text
/// and returns the time taken: the floor under fairrec's YAML parsing (no tree built).
pub fn events_only(texts: &[Arc<str>]) -> Duration {
    let start = Instant::now();
    for text in texts {
        let mut events = 0usize;
        for event in granit_parser::Parser::new_from_str(text) {
            black_box(event.expect("a generated document is YAML"));
            events += 1;
        }
        black_box(events);
    }
    start.elapsed()
}

/// What one document came to, for comparing engines and variants.
pub struct Outcomes {
    /// The rule ids with at least one violation (a merged finding names every rule).
    pub violated: BTreeSet<String>,
    /// Violations per rule id, for the totals.
    pub violations: Vec<String>,
    /// Every finding as `rule outcome path`, sorted: what must not change between variants.
    pub signature: Vec<String>,
}

/// The outcomes of each file, or why it could not be checked.
pub fn outcomes(
    pack: &RulePack,
    files: &[SourceFile],
    as_of: Date,
    limits: &Limits,
) -> Vec<Result<Outcomes, String>> {
    files
        .iter()
        .map(|file| {
            let results = check_file(pack, file.clone(), as_of, limits);
            match results.as_slice() {
                [result] => summarise(pack, result),
                other => Err(format!("{} results instead of one", other.len())),
            }
        })
        .collect()
}

fn summarise(pack: &RulePack, result: &DocumentResult) -> Result<Outcomes, String> {
    if let Some(error) = result.errors.first() {
        return Err(error.message().to_string());
    }
    let mut outcomes = Outcomes {
        violated: BTreeSet::new(),
        violations: Vec::new(),
        signature: Vec::new(),
    };
    for finding in &result.findings.findings {
        let rule = &pack.rules[finding.rule].id;
        if finding.outcome == Outcome::Violation {
            outcomes.violations.push(rule.clone());
            outcomes.violated.insert(rule.clone());
            for other in &finding.merged {
                outcomes.violated.insert(pack.rules[*other].id.clone());
            }
        }
        outcomes.signature.push(format!(
            "{rule} {} {}",
            finding.outcome.as_str(),
            finding.path
        ));
    }
    outcomes.signature.sort();
    Ok(outcomes)
}

/// Time spent in each stage over one pass, for one pack; reading and parsing is shared by
/// the packs of a pass (it does not depend on the rules).
#[derive(Default)]
pub struct PackStages {
    /// Validating the parsed YAML against the pack's schema.
    pub validate: Duration,
    /// Evaluating the rules.
    pub evaluate: Duration,
    /// Rendering the document's JSON report entry as the command line does: its summary
    /// groups, the report model (`report::collect::document`) and its JSON.
    pub render: Duration,
    /// Bytes of JSON rendered.
    pub json_bytes: usize,
}

/// One pass, stage by stage: cutting the text into documents and parsing it, then for each
/// pack validating, evaluating and rendering JSON (the run's header built beforehand, once). Returns the shared read + parse time.
pub fn stages(
    packs: &[&RulePack],
    files: &[SourceFile],
    as_of: Date,
    limits: &Limits,
    times: &mut [PackStages],
) -> Duration {
    let index = RunIndex::new();
    let as_of_text = as_of.to_string();
    let headers: Vec<_> = packs
        .iter()
        .map(|pack| collect::header(Some(pack), Some(&as_of_text)))
        .collect();
    let mut read_parse = Duration::ZERO;
    for file in files {
        let start = Instant::now();
        let mut parsed = Vec::new();
        for part in DocumentTexts::new(file.text.as_bytes(), Arc::clone(&file.name), limits) {
            let part = part.expect("a generated document is UTF-8 text");
            let documents = parse_documents(&part, limits).expect("a generated document parses");
            parsed.push((part, documents));
        }
        read_parse += start.elapsed();
        for ((pack, header), time) in packs.iter().zip(&headers).zip(times.iter_mut()) {
            for (part, documents) in &parsed {
                for (position, yaml) in documents.iter().enumerate() {
                    let start = Instant::now();
                    let validated = validate(&pack.schema, part, position, yaml);
                    let document = validated.result.expect("a generated document is valid");
                    let validated_at = Instant::now();
                    let findings = check_document(pack, &document, as_of, &index);
                    let evaluated_at = Instant::now();
                    let result = DocumentResult {
                        file: part.clone(),
                        index: position,
                        kind: validated.kind,
                        name: validated.name,
                        id: validated.id,
                        findings,
                        errors: Vec::new(),
                        groups: groups_of(&pack.schema, &document),
                        comparison: None,
                    };
                    let report = collect::document(&result);
                    let json = black_box(document_text(header, &report));
                    let rendered_at = Instant::now();
                    time.json_bytes += json.len();
                    time.validate += validated_at - start;
                    time.evaluate += evaluated_at - validated_at;
                    time.render += rendered_at - evaluated_at;
                }
            }
        }
    }
    read_parse
}

//! Documentation that runs: a rule's `## Example` fragment must make it fire and its
//! `## Compliant` fragment must make it pass, each wrapped into a whole document of every
//! kind the rule applies to (and valid as at least one of them). The wrapper supplies the
//! envelope and a placeholder for each required top-level field the fragment leaves out.

use super::{Finding, LintInput};
use crate::batch::check_file;
use crate::diagnostic::{ErrorCode, SourceFile, Span};
use crate::dsl::ast::RuleDecl;
use crate::finding::Outcome;
use crate::limits::Limits;
use crate::pack::RulePack;
use crate::schema::{FieldType, Primitive};

/// The findings about a rule's documented examples.
pub(super) fn example_lints(input: &LintInput, file: &SourceFile, decl: &RuleDecl) -> Vec<Finding> {
    let Some(index) = input.pack.rules.iter().position(|r| r.id == decl.id.text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for title in ["Example", "Compliant"] {
        // A missing section is a `doc-section` finding already.
        let Some(fragment) = section(&decl.docs, title) else {
            continue;
        };
        if let Some(problem) = check(input, index, title, &fragment) {
            let span = heading_span(file, decl, title);
            let finding = Finding::new(
                &decl.id.text,
                ErrorCode::LintDocExample,
                file,
                span,
                problem,
            );
            out.push(Finding {
                error: finding.error.with_help(format!(
                    "the `## {title}` block is YAML: the fields of a document of the rule's kinds, which fairrec's tests and `check-rules` run"
                )),
                ..finding
            });
        }
    }
    out
}

/// What is wrong with one block, or `None` when it shows what it should.
fn check(input: &LintInput, index: usize, title: &str, fragment: &str) -> Option<String> {
    let pack = input.pack;
    let rule = &pack.rules[index];
    let mut invalid = Vec::new();
    let mut valid = 0;
    for kind in &rule.kinds {
        let text = document(pack, kind, fragment);
        let name = format!("{} {title} as {kind}", rule.id);
        let results = check_file(
            pack,
            SourceFile::new(name, text),
            input.as_of,
            &Limits::default(),
        );
        let errors: Vec<&str> = results
            .iter()
            .flat_map(|r| &r.errors)
            .map(|e| e.message())
            .collect();
        if !errors.is_empty() {
            invalid.push(format!("as {kind}: {}", errors.join("; ")));
            continue;
        }
        valid += 1;
        let findings: Vec<_> = results
            .iter()
            .flat_map(|r| &r.findings.findings)
            .filter(|f| f.rule == index)
            .collect();
        let fires = findings
            .iter()
            .any(|f| matches!(f.outcome, Outcome::Violation | Outcome::Gap));
        let shown: Vec<&str> = findings.iter().map(|f| f.outcome.as_str()).collect();
        let shown = if shown.is_empty() {
            "nothing".to_string()
        } else {
            shown.join(", ")
        };
        if title == "Example" && !fires {
            return Some(format!(
                "{}'s example does not make it fire as {kind}: it gives {shown}",
                rule.id
            ));
        }
        if title == "Compliant" && !findings.is_empty() {
            return Some(format!(
                "{}'s compliant example does not pass as {kind}: it gives {shown}",
                rule.id
            ));
        }
    }
    (valid == 0).then(|| {
        format!(
            "{}'s `## {title}` block is not a valid document ({})",
            rule.id,
            invalid.join("; ")
        )
    })
}

/// The text of the `## <title>` section, up to the next heading.
pub(crate) fn section(docs: &str, title: &str) -> Option<String> {
    let heading = format!("## {title}");
    let mut lines = docs.lines().skip_while(|line| line.trim() != heading);
    lines.next()?;
    let body: Vec<&str> = lines.take_while(|line| !line.starts_with("## ")).collect();
    Some(body.join("\n").trim().to_string())
}

/// The fragment as a whole document of `kind`.
fn document(pack: &RulePack, kind: &str, fragment: &str) -> String {
    let Some(def) = pack.schema.kinds.get(kind) else {
        return String::new();
    };
    let mut text = format!(
        "kind: {kind}\nschema_version: {}\nname: doc example\n",
        def.version
    );
    for (field, field_def) in &pack.schema.records[def.root].fields {
        let given = fragment
            .lines()
            .any(|l| l.starts_with(&format!("{field}:")));
        if !field_def.optional && !given {
            text.push_str(&format!(
                "{field}: {}\n",
                placeholder(pack, &field_def.ty, 0)
            ));
        }
    }
    text.push_str(fragment);
    text.push('\n');
    text
}

/// A valid value of a type, in flow YAML.
fn placeholder(pack: &RulePack, ty: &FieldType, depth: usize) -> String {
    match ty {
        FieldType::Primitive(primitive) => match primitive {
            Primitive::Text => "example",
            Primitive::Integer | Primitive::Decimal => "1",
            Primitive::Money => "1 USD",
            Primitive::Date => "2026-01-01",
            Primitive::Boolean => "false",
            Primitive::Language => "en",
            Primitive::Country => "US",
        }
        .to_string(),
        FieldType::Enum(id) => pack.schema.enums[*id]
            .values
            .keys()
            .next()
            .cloned()
            .unwrap_or_default(),
        // A record's required fields, to a depth no schema needs: recursive records stop.
        FieldType::Record(id) if depth < 8 => {
            let fields: Vec<String> = pack.schema.records[*id]
                .fields
                .iter()
                .filter(|(_, f)| !f.optional)
                .map(|(name, f)| format!("{name}: {}", placeholder(pack, &f.ty, depth + 1)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
        FieldType::Record(_) => "{}".to_string(),
        FieldType::List(element) => format!("[{}]", placeholder(pack, element, depth + 1)),
    }
}

/// The `/// ## <title>` line of the rule's documentation (the `///` lines right above the
/// `rule` line), or the rule's id.
fn heading_span(file: &SourceFile, decl: &RuleDecl, title: &str) -> Span {
    let text = &file.text;
    let rule_line = text
        .get(..decl.id.span.start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |at| at + 1);
    let mut docs_start = rule_line;
    while docs_start > 0 {
        let previous = text[..docs_start - 1].rfind('\n').map_or(0, |at| at + 1);
        if !text[previous..docs_start].trim_start().starts_with("///") {
            break;
        }
        docs_start = previous;
    }
    let heading = format!("## {title}");
    match text[docs_start..rule_line].find(&heading) {
        Some(at) => Span::new(docs_start + at, heading.len()),
        None => decl.id.span,
    }
}

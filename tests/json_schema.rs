//! The JSON Schemas editors use (`fairrec schema --format json-schema KIND`, committed in
//! schemas/): current, valid draft 2020-12, accepting every example and template of their
//! kind as fairrec reads it, and refusing what an editor should underline.

mod common;
use common::{fairrec, relative};

use fairrec::catalogue::json_schema_text;
use fairrec::diagnostic::SourceFile;
use fairrec::document::yaml::{parse_documents, YamlNode, YamlValue};
use fairrec::limits::Limits;
use fairrec::pack::RulePack;
use serde_json::{json, Value};
use std::path::Path;

const KINDS: [&str; 3] = ["agency", "employer", "agreement"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(kind: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join(format!("schemas/{kind}.schema.json")))
        .expect("committed schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
}

/// Each document of a YAML text as JSON, read by fairrec's own YAML reader (so `NO` is text
/// and `0755` is text, as fairrec sees them).
fn documents(name: &str, text: &str) -> Vec<Value> {
    let file = SourceFile::new(name, text);
    let nodes = parse_documents(&file, &Limits::default()).expect("valid YAML");
    nodes.iter().map(|node| to_json(&file, node)).collect()
}

fn to_json(file: &SourceFile, node: &YamlNode) -> Value {
    match &node.value {
        YamlValue::Null => Value::Null,
        YamlValue::Bool(b) => Value::Bool(*b),
        YamlValue::Number => {
            let text = &file.text[node.source.start..node.source.start + node.source.len];
            serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
        }
        YamlValue::Str(s) => Value::String(s.clone()),
        YamlValue::Seq(items) => Value::Array(items.iter().map(|i| to_json(file, i)).collect()),
        YamlValue::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(key, value)| (key.text.clone(), to_json(file, value)))
                .collect(),
        ),
    }
}

fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_are_current() {
    let pack = RulePack::builtin().expect("built-in rules load");
    for kind in KINDS {
        let file = format!("schemas/{kind}.schema.json");
        let on_disk = std::fs::read_to_string(root().join(&file)).unwrap_or_default();
        let text = json_schema_text(&pack, kind).expect("a kind of the pack");
        assert!(
            on_disk == text,
            "{file} is out of date: run `cargo run -- schema --format json-schema {kind} > {file}`"
        );
        let run = fairrec(&["schema", "--format", "json-schema", kind]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, text, "the command prints the committed file");
    }
}

#[test]
fn schemas_are_valid_draft_2020_12() {
    for kind in KINDS {
        let text = std::fs::read_to_string(root().join(format!("schemas/{kind}.schema.json")))
            .expect("committed schema");
        let schema: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert!(jsonschema::meta::is_valid(&schema), "{kind}");
    }
}

/// Every example (and the overlay example) carries the modeline naming its kind's schema,
/// and the schema accepts it.
#[test]
fn schemas_accept_every_example_of_their_kind() {
    let mut paths: Vec<_> = std::fs::read_dir(root().join("examples"))
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.push(root().join("examples/overlays/freedonia/agency-example.yaml"));
    paths.sort();
    assert!(paths.len() >= 10);
    for path in paths {
        let name = relative(&path);
        let text = std::fs::read_to_string(&path).expect("example");
        for document in documents(&name, &text) {
            let kind = document["kind"].as_str().expect("kind").to_string();
            let depth = name.matches('/').count();
            let modeline = format!(
                "# yaml-language-server: $schema={}schemas/{kind}.schema.json",
                "../".repeat(depth)
            );
            assert_eq!(text.lines().next(), Some(modeline.as_str()), "{name}");
            let found = errors(&validator(&kind), &document);
            assert!(found.is_empty(), "{name}: {found:#?}");
        }
    }
}

#[test]
fn schemas_accept_the_templates_as_written() {
    for kind in KINDS {
        let template = fairrec(&["init", kind]).stdout;
        for document in documents(kind, &template) {
            let found = errors(&validator(kind), &document);
            assert!(found.is_empty(), "{kind} template: {found:#?}");
        }
    }
}

/// What an editor should underline: a misspelt field (at the top and inside a record), a
/// value outside an enum, a country or currency code fairrec refuses, a malformed date.
#[test]
fn schemas_refuse_misspelt_fields_and_bad_values() {
    let example = "examples/agency-nepal-malaysia-violations.yaml";
    let text = std::fs::read_to_string(root().join(example)).expect("example");
    let agency = validator("agency");
    let base = documents(example, &text).remove(0);
    assert!(errors(&agency, &base).is_empty());
    // What, where (the record's JSON pointer), which field, and the value put there.
    let cases = [
        (
            "misspelt top-level field",
            "",
            "licence_numbr",
            json!("X-1"),
        ),
        (
            "misspelt field in a record",
            "/licence",
            "nuber",
            json!("X-1"),
        ),
        (
            "value outside the enum",
            "/costs/0",
            "paid_by",
            json!("workr"),
        ),
        ("country code in lowercase", "", "country", json!("np")),
        (
            "currency code in lowercase",
            "/costs/0",
            "amount",
            json!("9000 npr"),
        ),
        (
            "day-first date",
            "/licence",
            "valid_until",
            json!("16-07-2027"),
        ),
        ("wrong schema version", "", "schema_version", json!(1)),
    ];
    for (what, record, field, value) in cases {
        let mut document = base.clone();
        let target = document.pointer_mut(record).expect("the record exists");
        target[field] = value;
        assert!(
            !errors(&agency, &document).is_empty(),
            "the schema accepts a {what}"
        );
    }
    let mut document = base.clone();
    document["licence_numbr"] = "X-1".into();
    let found = errors(&agency, &document).join("\n");
    assert!(found.contains("licence_numbr"), "{found}");
}

/// Amounts in both orders, with any spacing fairrec accepts, and every currency fairrec
/// accepts, pass; the shapes fairrec refuses outright do not.
#[test]
fn the_amount_pattern_follows_fairrec() {
    let agency = validator("agency");
    let text =
        "kind: agency\nschema_version: 2\nname: A\ncosts:\n  - category: medical\n    amount: X\n";
    let with = |amount: &str| {
        let mut document = documents("amount", text).remove(0);
        document["costs"][0]["amount"] = amount.into();
        document
    };
    for amount in [
        "9000 NPR",
        "NPR 9000",
        "0.5 USD",
        " 15000.10\tMYR ",
        "0 JPY",
        "1 HRK",
    ] {
        assert!(
            fairrec::value::money::parse_money(amount).is_ok(),
            "{amount}"
        );
        let found = errors(&agency, &with(amount));
        assert!(found.is_empty(), "`{amount}`: {found:?}");
    }
    for (code, _) in fairrec::value::codes::currencies() {
        assert!(
            errors(&agency, &with(&format!("1 {code}"))).is_empty(),
            "{code}"
        );
    }
    for amount in [
        "9000",
        "9000 npr",
        "NPR",
        "9000 XTS",
        "9,000 NPR",
        "9000 NPR extra",
    ] {
        assert!(
            fairrec::value::money::parse_money(amount).is_err(),
            "{amount}"
        );
        assert!(!errors(&agency, &with(amount)).is_empty(), "`{amount}`");
    }
}

#[test]
fn the_command_needs_a_known_kind() {
    let missing = fairrec(&["schema", "--format", "json-schema"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("<KIND>"), "{}", missing.stderr);
    let unknown = fairrec(&["schema", "--format", "json-schema", "agencey"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("there is no document kind `agencey`"),
        "{}",
        unknown.stderr
    );
    let markdown_with_kind = fairrec(&["schema", "agency"]);
    assert_eq!(markdown_with_kind.code, 2);
    assert!(markdown_with_kind.stderr.contains("--format json-schema"));
    assert_eq!(
        fairrec(&["schema"]).code,
        0,
        "the Markdown reference as before"
    );
}

//! `fairrec init KIND`: a commented template document of a kind, generated from the pack's
//! schema. Every field is there with its meaning and its allowed values, and every fact is
//! left as `~  # TO FILL`, so the template validates as written and each rule that needs a
//! fact reports it *not assessable* until it is filled.
//!
//! Records are written out with their fields; a list is left as `~` with one example item
//! commented out below it (a list item is a fact: an empty cost or a passport nobody holds
//! would be judged). A field the schema requires cannot be `~`: outside a commented example
//! it gets an example value marked `TO FILL (required)`.

use std::fmt::Write as _;

use super::prose;
use crate::document::validate::integer_range;
use crate::pack::RulePack;
use crate::schema::{FieldDef, FieldType, Primitive, RecordId, Schema};
use crate::value::{codes, language};

/// Lines are wrapped to this width, indentation and comment marks included.
const WIDTH: usize = 92;

/// The template document of `kind`, or None when the pack has no such kind.
pub fn template(pack: &RulePack, kind: &str) -> Option<String> {
    let schema = &pack.schema;
    let def = schema.kinds.get(kind)?;
    let root = &schema.records[def.root];
    let mut writer = Writer {
        schema,
        out: String::new(),
        path: vec![def.root],
    };
    let intro = format!(
        "A new `{kind}` document (schema_version {}), written by `fairrec init {kind}`. {}",
        def.version,
        prose(&root.docs).replace("\n\n", " ")
    );
    writer.comment(0, 0, &intro);
    writer.comment(0, 0, "");
    writer.comment(
        0,
        0,
        "Replace each `~` marked TO FILL with the fact, and leave what you do not know: a fact left \
         as `~` is not assessable, never taken as compliant, and `fairrec check` lists the rules \
         waiting for it. A list is left as `~` with an example item commented out below it: to \
         give items, replace `~` with items written like it (remove one `# ` from each of its \
         lines). A value marked TO FILL (required) is an example the schema needs: replace it.",
    );
    writer.comment(0, 0, "");
    writer.comment(
        0,
        0,
        &format!(
            "For completion and checks while you type (VS Code's YAML extension, or any editor \
             using yaml-language-server): `fairrec schema --format json-schema {kind} > \
             {kind}.schema.json`, then make the first line of this file a yaml-language-server \
             modeline naming it ($schema={kind}.schema.json)."
        ),
    );
    let _ = writeln!(writer.out, "kind: {kind}");
    let _ = writeln!(writer.out, "schema_version: {}", def.version);
    writer.comment(0, 0, &format!("The {kind}'s name."));
    let _ = writeln!(
        writer.out,
        "name: TO FILL  # TO FILL (required): text; replace this example"
    );
    writer.exchange_rates();
    for (name, field) in &root.fields {
        writer.out.push('\n');
        writer.field(name, field, 0, 0);
    }
    Some(writer.out)
}

struct Writer<'s> {
    schema: &'s Schema,
    out: String,
    /// The records being written, outermost first, so a record that contains itself stops.
    path: Vec<RecordId>,
}

impl Writer<'_> {
    /// `text` as comment lines at `indent`, below `commented` levels of example.
    fn comment(&mut self, commented: usize, indent: usize, text: &str) {
        let lead = format!("{}{}# ", "# ".repeat(commented), " ".repeat(indent));
        if text.is_empty() {
            let _ = writeln!(self.out, "{}", lead.trim_end());
            return;
        }
        let mut line = lead.clone();
        for word in text.split_whitespace() {
            if line.len() > lead.len() && line.len() + 1 + word.len() > WIDTH {
                let _ = writeln!(self.out, "{line}");
                line.clone_from(&lead);
            }
            if line.len() > lead.len() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(self.out, "{line}");
    }

    /// A line of YAML at `indent`, below `commented` levels of example; `item` starts a list
    /// item (`- `) two columns left of `indent`.
    fn line(&mut self, commented: usize, indent: usize, item: bool, text: &str) {
        let lead = "# ".repeat(commented);
        let spaces = if item {
            format!("{}- ", " ".repeat(indent.saturating_sub(2)))
        } else {
            " ".repeat(indent)
        };
        let _ = writeln!(self.out, "{lead}{spaces}{text}");
    }

    fn exchange_rates(&mut self) {
        self.comment(
            0,
            0,
            "Rates for comparing amounts in different currencies, one per pair of currencies.",
        );
        self.line(
            0,
            0,
            false,
            "exchange_rates: ~  # TO FILL: a list; replace `~` with items like this one",
        );
        self.line(
            1,
            2,
            true,
            "from: ~  # TO FILL (required): a currency code, such as USD",
        );
        self.line(
            1,
            2,
            false,
            "to: ~  # TO FILL (required): a currency code, such as NPR",
        );
        self.line(
            1,
            2,
            false,
            "rate: ~  # TO FILL (required): units of `to` that one `from` buys, such as 133.5",
        );
    }

    /// One field: its meaning and allowed values as comments, then the field.
    fn field(&mut self, name: &str, field: &FieldDef, commented: usize, indent: usize) {
        self.field_at(name, field, commented, indent, false);
    }

    fn field_at(
        &mut self,
        name: &str,
        field: &FieldDef,
        commented: usize,
        indent: usize,
        item: bool,
    ) {
        let schema = self.schema;
        self.comment(commented, indent, &meaning(&field.docs));
        let element = match &field.ty {
            FieldType::List(element) => element.as_ref(),
            other => other,
        };
        if let FieldType::Enum(id) = element {
            let values: Vec<&str> = schema.enums[*id]
                .values
                .keys()
                .map(String::as_str)
                .collect();
            let lead = if matches!(field.ty, FieldType::List(_)) {
                "A list of"
            } else {
                "One of"
            };
            self.comment(
                commented,
                indent,
                &format!("{lead}: {}.", values.join(", ")),
            );
        }
        let required = !field.optional;
        let mark = if required {
            "TO FILL (required)"
        } else {
            "TO FILL"
        };
        // Outside an example, a required field must have a value to validate.
        let example = required && commented == 0;
        match &field.ty {
            FieldType::Record(id) if self.path.contains(id) => {
                let record = &schema.records[*id].name;
                let text = format!("{name}: ~  # {mark}: a `{record}`, like the one above");
                self.line(commented, indent, item, &text);
            }
            FieldType::Record(id) if example || commented > 0 || blank_record(schema, *id) => {
                self.line(commented, indent, item, &format!("{name}:"));
                self.record(*id, commented, indent + 2, false);
            }
            FieldType::Record(id) => {
                let text = format!("{name}: ~  # {mark}: replace `~` with the fields below");
                self.line(commented, indent, item, &text);
                self.record(*id, commented + 1, indent + 2, false);
            }
            FieldType::List(element) => match element.as_ref() {
                FieldType::Record(id) if !self.path.contains(id) => {
                    if example {
                        self.line(commented, indent, item, &format!("{name}:  # {mark}"));
                        self.record(*id, commented, indent + 4, true);
                    } else {
                        let text = format!(
                            "{name}: ~  # {mark}: a list; replace `~` with items like this one"
                        );
                        self.line(commented, indent, item, &text);
                        self.record(*id, commented + 1, indent + 4, true);
                    }
                }
                other => {
                    let hint = hints(schema, other, name);
                    let text = if example {
                        let value = example_value(schema, other, name);
                        format!("{name}: [{value}]  # {mark}: {hint}; replace this example")
                    } else {
                        format!("{name}: ~  # {mark}: {hint}")
                    };
                    self.line(commented, indent, item, &text);
                }
            },
            scalar => {
                let hint = hint(scalar, name);
                let text = if example {
                    let value = example_value(schema, scalar, name);
                    format!("{name}: {value}  # {mark}: {hint}; replace this example")
                } else {
                    format!("{name}: ~  # {mark}: {hint}")
                };
                self.line(commented, indent, item, &text);
            }
        }
    }

    /// A record's fields at `indent`; the first starts a list item when `item` is set.
    fn record(&mut self, id: RecordId, commented: usize, indent: usize, item: bool) {
        let schema = self.schema;
        self.path.push(id);
        for (i, (name, field)) in schema.records[id].fields.iter().enumerate() {
            self.field_at(name, field, commented, indent, item && i == 0);
        }
        self.path.pop();
    }
}

/// Whether a record can be written with every field `~`: none is required, in it or in
/// the records it holds.
fn blank_record(schema: &Schema, id: RecordId) -> bool {
    fn blank(schema: &Schema, id: RecordId, seen: &mut Vec<RecordId>) -> bool {
        if seen.contains(&id) {
            return true;
        }
        seen.push(id);
        schema.records[id]
            .fields
            .values()
            .all(|field| match &field.ty {
                FieldType::Record(inner) => field.optional && blank(schema, *inner, seen),
                _ => field.optional,
            })
    }
    blank(schema, id, &mut Vec::new())
}

/// The first sentence of a field's documentation.
fn meaning(docs: &str) -> String {
    let text = prose(docs).replace("\n\n", " ");
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        if bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase) {
            return text[..=i].to_string();
        }
    }
    text
}

/// What a value of `ty` is, for the TO FILL note.
fn hint(ty: &FieldType, name: &str) -> String {
    match ty {
        FieldType::Enum(_) => "one of the values above".to_string(),
        FieldType::Record(_) | FieldType::List(_) => "as below".to_string(),
        FieldType::Primitive(primitive) => match primitive {
            Primitive::Text => "text".to_string(),
            Primitive::Integer => match integer_range(name) {
                (low, Some(high), _) => format!("a whole number from {low} to {high}"),
                (low, None, _) => format!("a whole number, {low} or more"),
            },
            Primitive::Decimal => "a number".to_string(),
            Primitive::Money => "an amount and its currency, such as 15000 NPR".to_string(),
            Primitive::Date => "a date, YYYY-MM-DD".to_string(),
            Primitive::Boolean => "true or false".to_string(),
            Primitive::Language => format!(
                "a language code, such as nep ({})",
                language::name("nep").unwrap_or("Nepali")
            ),
            Primitive::Country => format!(
                "a country code, such as NP ({})",
                codes::country_name("NP").unwrap_or("Nepal")
            ),
        },
    }
}

/// What a list of `element` holds, for the TO FILL note.
fn hints(schema: &Schema, element: &FieldType, name: &str) -> String {
    match element {
        FieldType::Enum(id) => {
            let values: Vec<&str> = schema.enums[*id]
                .values
                .keys()
                .map(String::as_str)
                .take(2)
                .collect();
            format!(
                "a list of the values above, such as [{}]",
                values.join(", ")
            )
        }
        FieldType::Primitive(Primitive::Language) => {
            "a list of language codes, such as [nep, eng]".to_string()
        }
        FieldType::Primitive(Primitive::Country) => {
            "a list of country codes, such as [NP, MY]".to_string()
        }
        FieldType::Primitive(Primitive::Text) => {
            "a list of texts, in brackets: [..., ...]".to_string()
        }
        other => format!("a list; each item {}", hint(other, name)),
    }
}

/// A value of `ty` that validates, for a required field outside an example.
fn example_value(schema: &Schema, ty: &FieldType, name: &str) -> String {
    match ty {
        FieldType::Enum(id) => schema.enums[*id]
            .values
            .keys()
            .next()
            .cloned()
            .unwrap_or_default(),
        FieldType::Record(_) | FieldType::List(_) => "~".to_string(),
        FieldType::Primitive(primitive) => match primitive {
            Primitive::Text => "TO FILL".to_string(),
            Primitive::Integer => integer_range(name).0.max(0).to_string(),
            Primitive::Decimal => "0".to_string(),
            Primitive::Money => "0 USD".to_string(),
            Primitive::Date => "2026-01-01".to_string(),
            Primitive::Boolean => "false".to_string(),
            Primitive::Language => "nep".to_string(),
            Primitive::Country => "NP".to_string(),
        },
    }
}

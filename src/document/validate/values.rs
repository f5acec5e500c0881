//! Records, lists and values against their declared types: unknown fields with a "did you
//! mean", required fields, enum values, and exact numbers, amounts, dates and codes.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::advice::{country_help, currency_help, language_help};
use super::{Field, Node, NodeValue, Validator};
use crate::diagnostic::{did_you_mean, ErrorCode};
use crate::document::yaml::{YamlNode, YamlValue};
use crate::schema::{FieldType, Primitive, RecordId, ENVELOPE_FIELDS};
use crate::value::money::{parse_decimal, parse_money, MoneyError};
use crate::value::{codes, language};

impl Validator<'_> {
    pub(super) fn record(
        &mut self,
        record: RecordId,
        yaml: &YamlNode,
        path: &str,
        is_root: bool,
    ) -> Option<Node> {
        let def = &self.schema.records[record];
        let YamlValue::Map(entries) = &yaml.value else {
            let what = if path.is_empty() {
                "the document".to_string()
            } else {
                format!("`{path}`")
            };
            self.error(
                ErrorCode::DocumentWrongType,
                yaml.span,
                format!(
                    "{what} must be a mapping with the fields of `{}`, found {}",
                    def.name,
                    yaml.value.describe()
                ),
            );
            return None;
        };
        let mut fields = Vec::with_capacity(entries.len());
        let mut ok = true;
        for (key, value) in entries {
            if is_root && key.text != "name" && ENVELOPE_FIELDS.contains(&key.text.as_str()) {
                continue;
            }
            let child_path = if path.is_empty() {
                key.text.clone()
            } else {
                format!("{path}.{}", key.text)
            };
            if is_root && key.text == "name" {
                if let Some(text) = self.scalar_text(value) {
                    fields.push(Field {
                        name: key.text.clone(),
                        key_span: key.span,
                        node: Node {
                            value: NodeValue::Text(text.into_owned()),
                            span: value.span,
                        },
                    });
                }
                continue;
            }
            let Some(field) = def.fields.get(&key.text) else {
                self.unknown_field(record, key, value, path, is_root, entries);
                ok = false;
                continue;
            };
            if matches!(value.value, YamlValue::Null) {
                // For an optional field an explicit `~` is the same as leaving it out; a
                // required one must say something.
                if !field.optional {
                    let ty = self.schema.type_name(&field.ty);
                    self.error(
                        ErrorCode::DocumentEmptyField,
                        value.span,
                        format!("the required field `{child_path}` is empty"),
                    )
                    .help(format!("give `{}` a value ({ty})", key.text));
                    ok = false;
                }
                continue;
            }
            match self.value(&field.ty, value, &child_path) {
                Some(node) => {
                    let empty_list =
                        matches!(&node.value, NodeValue::List(items) if items.is_empty());
                    if empty_list && !field.optional {
                        self.error(
                            ErrorCode::DocumentEmptyField,
                            value.span,
                            format!("the required list `{child_path}` is empty"),
                        )
                        .help(format!("`{}` needs at least one item", key.text));
                        ok = false;
                    }
                    fields.push(Field {
                        name: key.text.clone(),
                        key_span: key.span,
                        node,
                    });
                }
                None => ok = false,
            }
        }
        ok &= self.check_parts(&fields, path);
        ok &= self.check_periods(&fields, path);
        for (name, field) in &def.fields {
            if !field.optional
                && !fields.iter().any(|f| &f.name == name)
                && !entries.iter().any(|(k, _)| &k.text == name)
                && !self.misspelt_as(record, name, entries)
            {
                let owner = if path.is_empty() {
                    "the document".to_string()
                } else {
                    format!("`{path}`")
                };
                let ty = self.schema.type_name(&field.ty);
                self.error(
                    ErrorCode::DocumentMissingField,
                    yaml.span,
                    format!("{owner} is missing the required field `{name}`"),
                )
                .help(format!("add `{name}:` ({ty})"));
                ok = false;
            }
        }
        ok.then_some(Node {
            value: NodeValue::Record(fields),
            span: yaml.span,
        })
    }

    pub(super) fn value(&mut self, ty: &FieldType, yaml: &YamlNode, path: &str) -> Option<Node> {
        match ty {
            FieldType::Record(record) => self.record(*record, yaml, path, false),
            FieldType::List(element) => {
                let YamlValue::Seq(items) = &yaml.value else {
                    let name = self.schema.type_name(ty);
                    self.error(
                        ErrorCode::DocumentWrongType,
                        yaml.span,
                        format!("`{path}` must be a {name}, found {}", yaml.value.describe()),
                    )
                    .help("write a list with one `- ` line per item, or `[]` for none");
                    return None;
                };
                let mut nodes = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    if matches!(item.value, YamlValue::Null) {
                        self.error(
                            ErrorCode::DocumentWrongType,
                            item.span,
                            format!("`{item_path}` is empty"),
                        );
                        ok = false;
                        continue;
                    }
                    match self.value(element, item, &item_path) {
                        Some(node) => nodes.push(node),
                        None => ok = false,
                    }
                }
                ok.then_some(Node {
                    value: NodeValue::List(nodes),
                    span: yaml.span,
                })
            }
            FieldType::Enum(id) => {
                let def = &self.schema.enums[*id];
                let values = || {
                    def.values
                        .keys()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let Some(text) = self.scalar_text(yaml).map(|s| s.into_owned()) else {
                    self.error(
                        ErrorCode::DocumentWrongType,
                        yaml.span,
                        format!(
                            "`{path}` must be one of the `{}` values, found {}",
                            def.name,
                            yaml.value.describe()
                        ),
                    )
                    .help(format!("write one of: {}", values()));
                    return None;
                };
                if def.values.contains_key(&text) {
                    return Some(Node {
                        value: NodeValue::Text(text),
                        span: yaml.span,
                    });
                }
                let all = values();
                let help = match did_you_mean(&text, def.values.keys().map(String::as_str)) {
                    Some(suggestion) => format!("{suggestion} the values are: {all}"),
                    None => format!("the values are: {all}"),
                };
                self.error(
                    ErrorCode::DocumentEnumValue,
                    yaml.span,
                    format!("`{text}` is not a valid `{}` for `{path}`", def.name),
                )
                .help(help);
                None
            }
            FieldType::Primitive(primitive) => self.primitive(*primitive, yaml, path),
        }
    }

    fn primitive(&mut self, primitive: Primitive, yaml: &YamlNode, path: &str) -> Option<Node> {
        let span = yaml.span;
        let node = |value| Some(Node { value, span });
        if primitive == Primitive::Boolean {
            if let YamlValue::Bool(b) = yaml.value {
                return node(NodeValue::Bool(b));
            }
            self.error(
                ErrorCode::DocumentWrongType,
                span,
                format!(
                    "`{path}` must be true or false, found {}",
                    yaml.value.describe()
                ),
            )
            .help("write `true` or `false` (yes/no are not accepted)");
            return None;
        }
        let Some(text) = self.scalar_text(yaml).map(|s| s.into_owned()) else {
            self.error(
                ErrorCode::DocumentWrongType,
                span,
                format!(
                    "`{path}` must be {}, found {}",
                    article(primitive),
                    yaml.value.describe()
                ),
            );
            return None;
        };
        let numeric = matches!(primitive, Primitive::Integer | Primitive::Decimal);
        if numeric && !matches!(yaml.value, YamlValue::Number) && parse_decimal(text.trim()).is_ok()
        {
            // `"14"` is text that looks like a number: a number is written plainly.
            self.error(
                ErrorCode::DocumentWrongType,
                span,
                format!("`{path}` must be a number, found the text `{text}`"),
            )
            .help("write the number without quotes");
            return None;
        }
        let problem = match primitive {
            Primitive::Text => return node(NodeValue::Text(text)),
            Primitive::Integer => match text.trim().parse::<i64>() {
                Ok(n) if self.check_range(n, path, span) => {
                    return node(NodeValue::Number(Decimal::from(n)))
                }
                Ok(_) => return None,
                Err(_)
                    if text
                        .trim()
                        .trim_start_matches('-')
                        .chars()
                        .all(|c| c.is_ascii_digit()) =>
                {
                    (format!("`{text}` is too large"), None)
                }
                Err(_) => (format!("`{text}` is not a whole number"), None),
            },
            Primitive::Decimal => match parse_decimal(text.trim()) {
                Ok(d) => return node(NodeValue::Number(d)),
                Err(e) => (e.to_string(), None),
            },
            Primitive::Money => match parse_money(&text) {
                Ok(m) => return node(NodeValue::Money(m)),
                Err(e) => {
                    let help = match &e {
                        MoneyError::Currency(code) => currency_help(code),
                        _ => None,
                    };
                    (
                        e.to_string(),
                        Some(help.unwrap_or_else(|| {
                            "write an amount and an ISO 4217 currency code, such as `15000 NPR`"
                                .to_string()
                        })),
                    )
                }
            },
            Primitive::Date => match text.trim().parse::<Date>() {
                Ok(d) if text.trim().len() == 10 => return node(NodeValue::Date(d)),
                _ => (
                    format!("`{text}` is not a valid date"),
                    Some("write dates as YYYY-MM-DD, such as 2026-03-01".to_string()),
                ),
            },
            Primitive::Language => {
                // Kept as its ISO 639-3 code, so `ne` and `nep` compare equal.
                if let Some(code) = language::canonical(&text) {
                    return node(NodeValue::Text(code.to_string()));
                }
                (
                    format!("`{text}` is not an ISO 639-3 (or 639-1) language code"),
                    Some(language_help(&text)),
                )
            }
            Primitive::Country => {
                if codes::is_country(&text) {
                    return node(NodeValue::Text(text));
                }
                (
                    format!("`{text}` is not an ISO 3166-1 country code"),
                    Some(country_help(&text)),
                )
            }
            Primitive::Boolean => (String::new(), None),
        };
        let (message, help) = problem;
        let error = self.error(
            ErrorCode::DocumentInvalidValue,
            span,
            format!("{message} (in `{path}`)"),
        );
        error.help_opt(help);
        None
    }
}

fn article(primitive: Primitive) -> &'static str {
    match primitive {
        Primitive::Text => "text",
        Primitive::Integer => "a whole number",
        Primitive::Decimal => "a number",
        Primitive::Money => "an amount such as `15000 NPR`",
        Primitive::Date => "a date (YYYY-MM-DD)",
        Primitive::Boolean => "true or false",
        Primitive::Language => "a language code",
        Primitive::Country => "a country code",
    }
}

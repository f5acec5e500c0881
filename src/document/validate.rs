//! [`YamlNode`] → [`Document`]: checks a document against its kind's schema and converts
//! each value to its type. Every problem is collected (not just the first), each with a
//! span; a document with any problem is not evaluated.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::yaml::{YamlKey, YamlNode, YamlValue};
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, SourceFile, Span};
use crate::schema::{FieldType, Primitive, RecordId, Schema};
use crate::value::codes;
use crate::value::convert::ExchangeRate;
use crate::value::money::{parse_decimal, parse_money, Currency, Money};

/// A validated value with the span of its text.
#[derive(Debug, Clone)]
pub struct Node {
    /// What it holds.
    pub value: NodeValue,
    /// Where its text is.
    pub span: Span,
}

/// A typed value.
#[derive(Debug, Clone)]
pub enum NodeValue {
    /// `true`/`false`
    Bool(bool),
    /// integer or decimal, exact
    Number(Decimal),
    /// amount with currency
    Money(Money),
    /// calendar date
    Date(Date),
    /// text, enum value, language or country code
    Text(String),
    /// a list
    List(Vec<Node>),
    /// a record: fields given, in document order, each with its key's span
    Record(Vec<Field>),
}

/// One field given in a record.
#[derive(Debug, Clone)]
pub struct Field {
    /// Its name.
    pub name: String,
    /// Where the key is written.
    pub key_span: Span,
    /// Its value.
    pub node: Node,
}

impl Node {
    /// The field called `name`, if given.
    pub fn field(&self, name: &str) -> Option<&Field> {
        match &self.value {
            NodeValue::Record(fields) => fields.iter().find(|f| f.name == name),
            _ => None,
        }
    }
}

/// A document that passed validation.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it came from.
    pub file: SourceFile,
    /// Its position in the file (0 for the first `---` document).
    pub index: usize,
    /// Its kind.
    pub kind: String,
    /// Its `name`.
    pub name: String,
    /// Its top level, `name` included.
    pub root: Node,
    /// Declared exchange rates.
    pub rates: Vec<ExchangeRate>,
}

/// What validation says about one document.
#[derive(Debug)]
pub struct Validated {
    /// Its position in the file.
    pub index: usize,
    /// Its kind, if it could be read.
    pub kind: Option<String>,
    /// Its name, if it could be read.
    pub name: Option<String>,
    /// The document, or every problem found in it.
    pub result: Result<Document, Vec<SourceError>>,
}

struct Validator<'a> {
    schema: &'a Schema,
    file: &'a SourceFile,
    errors: Vec<SourceError>,
}

/// Validates one parsed document against the schema of its `kind`.
pub fn validate(schema: &Schema, file: &SourceFile, index: usize, yaml: &YamlNode) -> Validated {
    let mut validator = Validator {
        schema,
        file,
        errors: Vec::new(),
    };
    let (kind, name, result) = validator.document(index, yaml);
    let result = match result {
        Some(document) if validator.errors.is_empty() => Ok(document),
        _ => Err(validator.errors),
    };
    Validated {
        index,
        kind,
        name,
        result,
    }
}

impl<'a> Validator<'a> {
    /// Records an error; advice and a label can be added to it through the returned handle.
    fn error(&mut self, code: ErrorCode, span: Span, message: String) -> Pushed<'_> {
        self.errors
            .push(SourceError::new(code, self.file, span, message));
        Pushed {
            errors: &mut self.errors,
        }
    }

    fn scalar_text<'y>(&self, node: &'y YamlNode) -> Option<std::borrow::Cow<'y, str>> {
        match &node.value {
            YamlValue::Str(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
            YamlValue::Number | YamlValue::Bool(_) => self
                .file
                .text
                .get(node.span.start..node.span.start + node.span.len)
                .map(|s| std::borrow::Cow::Owned(s.to_string())),
            _ => None,
        }
    }

    fn document(
        &mut self,
        index: usize,
        yaml: &YamlNode,
    ) -> (Option<String>, Option<String>, Option<Document>) {
        let YamlValue::Map(entries) = &yaml.value else {
            let found = yaml.value.describe();
            self.error(
                ErrorCode::DocumentNotAMapping,
                yaml.span,
                format!("a document must be a mapping of fields, found {found}"),
            )
            .help("start the document with `kind: agency`");
            return (None, None, None);
        };
        let get = |key: &str| entries.iter().find(|(k, _)| k.text == key);
        let name = get("name")
            .and_then(|(_, v)| self.scalar_text(v))
            .map(|s| s.into_owned());
        let Some((_, kind_node)) = get("kind") else {
            let kinds = self.kind_names();
            self.error(
                ErrorCode::DocumentMissingKind,
                yaml.span,
                "the document has no `kind`".into(),
            )
            .help(format!("add `kind:` with one of: {kinds}"));
            return (None, name, None);
        };
        let Some(kind_text) = self.scalar_text(kind_node).map(|s| s.into_owned()) else {
            self.error(
                ErrorCode::DocumentKind,
                kind_node.span,
                "`kind` must be a word such as `agency`".into(),
            );
            return (None, name, None);
        };
        let Some(kind) = self.schema.kinds.get(&kind_text) else {
            let help = did_you_mean(&kind_text, self.schema.kinds.keys().map(String::as_str))
                .unwrap_or_else(|| format!("the kinds are: {}", self.kind_names()));
            self.error(
                ErrorCode::DocumentUnknownKind,
                kind_node.span,
                format!("there is no document kind `{kind_text}`"),
            )
            .help(help);
            return (None, name, None);
        };
        match get("schema_version") {
            None => {
                self.error(
                    ErrorCode::DocumentMissingField,
                    yaml.span,
                    "the document has no `schema_version`".into(),
                )
                .help(format!("add `schema_version: {}`", kind.version));
            }
            Some((_, version)) => {
                let text = self
                    .scalar_text(version)
                    .map(|s| s.into_owned())
                    .unwrap_or_default();
                if text.trim() != kind.version.to_string() {
                    self.error(
                        ErrorCode::DocumentSchemaVersion,
                        version.span,
                        format!("`{kind_text}` documents are at schema version {}, this one says `{text}`", kind.version),
                    )
                    .help(format!("describe the document with version {} of the schema and set `schema_version: {}`", kind.version, kind.version));
                }
            }
        }
        if name.is_none() {
            let span = get("name").map_or(yaml.span, |(k, _)| k.span);
            self.error(
                ErrorCode::DocumentMissingField,
                span,
                "the document has no `name`".into(),
            )
            .help("add `name:` with the agency's, employer's or agreement's name");
        }
        let rates = match get("exchange_rates") {
            Some((_, node)) => self.exchange_rates(node),
            None => Vec::new(),
        };
        let body: Vec<(YamlKey, YamlNode)> = entries
            .iter()
            .filter(|(k, _)| {
                !matches!(
                    k.text.as_str(),
                    "kind" | "schema_version" | "exchange_rates"
                )
            })
            .cloned()
            .collect();
        let root_node = YamlNode {
            value: YamlValue::Map(body),
            span: yaml.span,
        };
        let root = self.record(kind.root, &root_node, "", true);
        let document = root.map(|root| Document {
            file: self.file.clone(),
            index,
            kind: kind_text.clone(),
            name: name.clone().unwrap_or_default(),
            root,
            rates,
        });
        (Some(kind_text), name, document)
    }

    fn kind_names(&self) -> String {
        self.schema
            .kinds
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn exchange_rates(&mut self, node: &YamlNode) -> Vec<ExchangeRate> {
        let YamlValue::Seq(items) = &node.value else {
            self.error(
                ErrorCode::DocumentWrongType,
                node.span,
                format!(
                    "`exchange_rates` must be a list, found {}",
                    node.value.describe()
                ),
            )
            .help("write each rate as `- {from: USD, to: NPR, rate: 133.5}`");
            return Vec::new();
        };
        let mut rates = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let YamlValue::Map(entries) = &item.value else {
                self.error(
                    ErrorCode::DocumentWrongType,
                    item.span,
                    format!("`exchange_rates[{i}]` must be a mapping"),
                )
                .help("write each rate as `- {from: USD, to: NPR, rate: 133.5}`");
                continue;
            };
            let mut from = None;
            let mut to = None;
            let mut rate = None;
            for (key, value) in entries {
                let text = self
                    .scalar_text(value)
                    .map(|s| s.into_owned())
                    .unwrap_or_default();
                match key.text.as_str() {
                    "from" | "to" => match Currency::parse(&text) {
                        Some(c) if key.text == "from" => from = Some(c),
                        Some(c) => to = Some(c),
                        None => {
                            self.error(
                                ErrorCode::DocumentCurrency,
                                value.span,
                                format!("`{text}` is not an ISO 4217 currency code"),
                            );
                        }
                    },
                    "rate" => match parse_decimal(&text) {
                        Ok(r) if r > Decimal::ZERO => rate = Some(r),
                        _ => {
                            self.error(
                                ErrorCode::DocumentRate,
                                value.span,
                                format!("`{text}` is not a positive exchange rate"),
                            );
                        }
                    },
                    other => {
                        let help = did_you_mean(other, ["from", "to", "rate"]);
                        self.error(
                            ErrorCode::DocumentUnknownField,
                            key.span,
                            format!("unknown field `{other}` in an exchange rate"),
                        )
                        .help_opt(help);
                    }
                }
            }
            match (from, to, rate) {
                (Some(from), Some(to), Some(rate)) => rates.push(ExchangeRate { from, to, rate }),
                _ if self.errors.is_empty() => {
                    self.error(
                        ErrorCode::DocumentMissingField,
                        item.span,
                        format!("`exchange_rates[{i}]` needs `from`, `to` and `rate`"),
                    );
                }
                _ => {}
            }
        }
        rates
    }

    fn record(
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
                let owner = if path.is_empty() {
                    format!("an `{}` document", def.name)
                } else {
                    format!("`{path}` ({})", def.name)
                };
                let mut candidates: Vec<&str> = def.fields.keys().map(String::as_str).collect();
                if is_root {
                    candidates.extend(["kind", "schema_version", "name", "exchange_rates"]);
                }
                let help =
                    did_you_mean(&key.text, candidates.iter().copied()).unwrap_or_else(|| {
                        format!(
                            "the fields of {} are: {}",
                            def.name,
                            def.fields
                                .keys()
                                .map(String::as_str)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    });
                self.error(
                    ErrorCode::DocumentUnknownField,
                    key.span,
                    format!("unknown field `{}` in {owner}", key.text),
                )
                .help(help)
                .label("unknown field");
                ok = false;
                continue;
            };
            if matches!(value.value, YamlValue::Null) {
                // An explicit `~` is the same as leaving the field out.
                continue;
            }
            match self.value(&field.ty, value, &child_path) {
                Some(node) => fields.push(Field {
                    name: key.text.clone(),
                    key_span: key.span,
                    node,
                }),
                None => ok = false,
            }
        }
        for (name, field) in &def.fields {
            if !field.optional
                && !fields.iter().any(|f| &f.name == name)
                && !entries.iter().any(|(k, _)| &k.text == name)
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

    fn value(&mut self, ty: &FieldType, yaml: &YamlNode, path: &str) -> Option<Node> {
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
                let Some(text) = self.scalar_text(yaml).map(|s| s.into_owned()) else {
                    self.error(
                        ErrorCode::DocumentWrongType,
                        yaml.span,
                        format!(
                            "`{path}` must be one of the `{}` values, found {}",
                            def.name,
                            yaml.value.describe()
                        ),
                    );
                    return None;
                };
                if def.values.contains_key(&text) {
                    return Some(Node {
                        value: NodeValue::Text(text),
                        span: yaml.span,
                    });
                }
                let all = def
                    .values
                    .keys()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
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
        let problem = match primitive {
            Primitive::Text => return node(NodeValue::Text(text)),
            Primitive::Integer => match text.trim().parse::<i64>() {
                Ok(n) => return node(NodeValue::Number(Decimal::from(n))),
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
                Err(e) => (
                    e.to_string(),
                    Some(
                        "write an amount and an ISO 4217 currency code, such as `15000 NPR`"
                            .to_string(),
                    ),
                ),
            },
            Primitive::Date => match text.trim().parse::<Date>() {
                Ok(d) if text.trim().len() == 10 => return node(NodeValue::Date(d)),
                _ => (
                    format!("`{text}` is not a valid date"),
                    Some("write dates as YYYY-MM-DD, such as 2026-03-01".to_string()),
                ),
            },
            Primitive::Language => {
                if codes::is_language(&text) {
                    return node(NodeValue::Text(text));
                }
                (
                    format!("`{text}` is not an ISO 639-1 language code"),
                    Some(language_help(&text)),
                )
            }
            Primitive::Country => {
                if codes::is_country(&text) {
                    return node(NodeValue::Text(text));
                }
                (
                    format!("`{text}` is not an ISO 3166-1 country code"),
                    Some(
                        "use the two capital letters, such as NP for Nepal or MY for Malaysia"
                            .to_string(),
                    ),
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

fn language_help(text: &str) -> String {
    let lower = text.to_lowercase();
    if codes::is_language(&lower) {
        format!("language codes are lowercase: `{lower}`")
    } else {
        "use the two-letter ISO 639-1 code, such as ne for Nepali or en for English".to_string()
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

/// The error just recorded, to add advice or a label to.
struct Pushed<'v> {
    errors: &'v mut Vec<SourceError>,
}

impl Pushed<'_> {
    fn amend(self, change: impl FnOnce(SourceError) -> SourceError) -> Self {
        if let Some(last) = self.errors.pop() {
            self.errors.push(change(last));
        }
        self
    }

    fn help(self, help: impl Into<String>) -> Self {
        let help = help.into();
        self.amend(|e| e.with_help(help))
    }

    fn help_opt(self, help: Option<String>) -> Self {
        match help {
            Some(help) => self.help(help),
            None => self,
        }
    }

    fn label(self, label: &str) -> Self {
        self.amend(|e| e.with_label(label))
    }
}

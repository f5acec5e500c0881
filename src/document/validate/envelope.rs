//! The envelope every document has, whatever its kind (`kind`, `schema_version`, `name`,
//! `id`, `exchange_rates`), then the document's own fields against its kind's schema. The
//! document's stable id is read or derived here, from the YAML itself, so that a document
//! with errors still has one.

use rust_decimal::Decimal;

use super::{Document, Envelope, Validator};
use crate::diagnostic::{did_you_mean, ErrorCode, Span};
use crate::document::identity;
use crate::document::yaml::{YamlNode, YamlValue};
use crate::value::convert::ExchangeRate;
use crate::value::money::{parse_decimal, Currency, MoneyError};

/// Advice for an `id` that cannot be used.
const ID_HELP: &str =
    "give `id:` one line of text that names this document in every audit, such as the licence number";

impl Validator<'_> {
    pub(super) fn document(&mut self, index: usize, yaml: &YamlNode) -> Envelope {
        let YamlValue::Map(entries) = &yaml.value else {
            let found = yaml.value.describe();
            self.error(
                ErrorCode::DocumentNotAMapping,
                yaml.span,
                format!("a document must be a mapping of fields, found {found}"),
            )
            .help("start the document with `kind: agency`");
            return Envelope::default();
        };
        let get = |key: &str| entries.iter().find(|(k, _)| k.text == key);
        let name = get("name")
            .and_then(|(_, v)| self.scalar_text(v))
            .map(|s| s.into_owned());
        let explicit_id = get("id").and_then(|(key, value)| self.explicit_id(key.span, value));
        let unkinded = |name| Envelope {
            name,
            id: explicit_id.clone(),
            ..Envelope::default()
        };
        let Some((_, kind_node)) = get("kind") else {
            let kinds = self.kind_names();
            self.error(
                ErrorCode::DocumentMissingKind,
                yaml.span,
                "the document has no `kind`".into(),
            )
            .help(format!("add `kind:` with one of: {kinds}"));
            return unkinded(name);
        };
        let Some(kind_text) = self.scalar_text(kind_node).map(|s| s.into_owned()) else {
            self.error(
                ErrorCode::DocumentKind,
                kind_node.span,
                "`kind` must be a word such as `agency`".into(),
            );
            return unkinded(name);
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
            return unkinded(name);
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
                // A version is a plain number: `"1"` or `" 1 "` is text that happens to hold it.
                let plain = matches!(version.value, YamlValue::Number);
                if !plain || text != kind.version.to_string() {
                    let said = match &version.value {
                        YamlValue::Number => format!("this one says `{text}`"),
                        YamlValue::Str(_) => {
                            format!("this one gives the text `{text}`, not a number")
                        }
                        other => format!("this one gives {}", other.describe()),
                    };
                    let older = plain
                        && text
                            .parse::<u32>()
                            .is_ok_and(|declared| declared < kind.version);
                    let help = if older {
                        format!("schema version {text} is retired: docs/migration-v{}.md lists what changed; update the document and set `schema_version: {}`", kind.version, kind.version)
                    } else {
                        format!("describe the document with version {} of the schema and set `schema_version: {}`, without quotes", kind.version, kind.version)
                    };
                    self.error(
                        ErrorCode::DocumentSchemaVersion,
                        version.span,
                        format!(
                            "`{kind_text}` documents are at schema version {}, {said}",
                            kind.version
                        ),
                    )
                    .help(help);
                }
            }
        }
        if name.is_none() {
            let given = get("name");
            let span = given.map_or(yaml.span, |(k, _)| k.span);
            let (code, message) = match given.map(|(_, v)| &v.value) {
                None => (
                    ErrorCode::DocumentMissingField,
                    "the document has no `name`".to_string(),
                ),
                Some(YamlValue::Null) => (
                    ErrorCode::DocumentEmptyField,
                    "the required field `name` is empty".to_string(),
                ),
                Some(other) => (
                    ErrorCode::DocumentWrongType,
                    format!("`name` must be text, found {}", other.describe()),
                ),
            };
            self.error(code, span, message)
                .help("give `name:` the agency's, employer's or agreement's name");
        }
        let rates = match get("exchange_rates") {
            // `exchange_rates: ~` is optional and empty: the same as leaving it out.
            Some((_, node)) if !matches!(node.value, YamlValue::Null) => self.exchange_rates(node),
            _ => Vec::new(),
        };
        // The envelope is read above; `record` skips it at the root, but for `name`, which
        // rules may quote. The tree is read in place, never copied.
        self.root = Some(kind.root);
        let root = self.record(kind.root, yaml, "", true);
        let id = explicit_id.unwrap_or_else(|| {
            let values: Vec<String> = kind
                .id
                .iter()
                .filter_map(|path| self.text_at(yaml, path))
                .collect();
            identity::derive(&kind_text, name.as_deref().unwrap_or_default(), &values)
        });
        let document = root.map(|root| Document {
            file: self.file.clone(),
            index,
            kind: kind_text.clone(),
            name: name.clone().unwrap_or_default(),
            id: id.clone(),
            root,
            rates,
        });
        Envelope {
            kind: Some(kind_text),
            name,
            id: Some(id),
            document,
        }
    }

    /// The document's own `id`, when it gives a usable one; an error otherwise.
    fn explicit_id(&mut self, key: Span, value: &YamlNode) -> Option<String> {
        let Some(text) = self.scalar_text(value).map(|s| s.into_owned()) else {
            let (code, message) = match &value.value {
                YamlValue::Null => (ErrorCode::DocumentEmptyField, "`id` is empty".to_string()),
                other => (
                    ErrorCode::DocumentWrongType,
                    format!("`id` must be text, found {}", other.describe()),
                ),
            };
            let span = if matches!(value.value, YamlValue::Null) {
                key
            } else {
                value.span
            };
            self.error(code, span, message).help(ID_HELP);
            return None;
        };
        if let Some(problem) = identity::refuse(&text) {
            let code = if text.trim().is_empty() {
                ErrorCode::DocumentEmptyField
            } else {
                ErrorCode::DocumentInvalidValue
            };
            self.error(code, value.span, problem.to_string())
                .help(ID_HELP);
            return None;
        }
        Some(text)
    }

    /// The text of the single value at `path` (field names through mappings), if given.
    fn text_at(&self, yaml: &YamlNode, path: &[String]) -> Option<String> {
        let mut node = yaml;
        for step in path {
            let YamlValue::Map(entries) = &node.value else {
                return None;
            };
            node = entries
                .iter()
                .find(|(k, _)| &k.text == step)
                .map(|(_, v)| v)?;
        }
        self.scalar_text(node).map(|s| s.into_owned())
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
        let mut rates: Vec<(ExchangeRate, Span)> = Vec::new();
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
                            )
                            .help_opt(super::advice::currency_help(&text));
                        }
                    },
                    "rate" => match parse_decimal(&text) {
                        Ok(r) if !matches!(value.value, YamlValue::Number) => {
                            self.error(
                                ErrorCode::DocumentWrongType,
                                value.span,
                                format!("`rate` must be a number, found the text `{r}`"),
                            )
                            .help("write the number without quotes");
                        }
                        Ok(r) if r > Decimal::ZERO => rate = Some(r),
                        Err(MoneyError::Inexact(_) | MoneyError::TooPrecise(_)) => {
                            self.error(
                                ErrorCode::DocumentRate,
                                value.span,
                                format!("`{text}` cannot be held exactly: it has too many digits"),
                            )
                            .help("round the rate to at most 28 significant digits");
                        }
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
                (Some(from), Some(to), Some(rate)) => {
                    let rate = ExchangeRate { from, to, rate };
                    if self.rate_agrees(&rate, item.span, &rates) {
                        rates.push((rate, item.span));
                    }
                }
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
        rates.into_iter().map(|(rate, _)| rate).collect()
    }

    /// Refuses a rate that says nothing (a currency to itself) or that a rate already given
    /// decides: the same pair again, or its inverse. Either could contradict the first, and
    /// whichever came first would silently win; one direction is enough, since conversion
    /// uses a rate both ways.
    fn rate_agrees(
        &mut self,
        rate: &ExchangeRate,
        span: Span,
        before: &[(ExchangeRate, Span)],
    ) -> bool {
        let (from, to) = (rate.from, rate.to);
        if from == to {
            self.error(
                ErrorCode::DocumentRateConflict,
                span,
                format!("an exchange rate from `{from}` to itself"),
            )
            .help("remove it: an amount in one currency needs no rate to itself");
            return false;
        }
        let Some((first, first_span)) = before
            .iter()
            .find(|(r, _)| (r.from, r.to) == (from, to) || (r.from, r.to) == (to, from))
        else {
            return true;
        };
        let (line, _) = self.file.line_column(first_span.start);
        let message = if first.from == from {
            format!("a second exchange rate from `{from}` to `{to}` (the first is on line {line})")
        } else {
            format!(
                "an exchange rate from `{from}` to `{to}` beside one from `{to}` to `{from}` (on line {line})"
            )
        };
        self.error(ErrorCode::DocumentRateConflict, span, message).help(
            "give one rate per pair of currencies, in one direction: fairrec converts both ways with it",
        );
        false
    }
}

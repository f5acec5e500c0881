//! A waiver file → [`Waiver`]s, read with the documents' own YAML front end and checked as
//! documents are: every problem is collected with its place (file, line, column), an
//! unknown field gets a "did you mean", a rule id the pack does not have is refused. A file
//! with any problem waives nothing: an approval that cannot be read must not excuse a
//! finding.
//!
//! ```yaml
//! - rule: FR-GP7-001
//!   document: agency:himalaya-manpower-services-pvt-ltd:dofe-0457-076
//!   item: costs[0]
//!   reason: medical fee refunded in full; refund scheme audited in March
//!   approved_by: Director of Labour Migration
//!   approved_on: 2026-01-15
//!   expires: 2026-12-31
//! ```

use jiff::civil::Date;
use std::path::Path;

use super::waivers::Waiver;
use crate::batch::read_file;
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, SourceFile, Span};
use crate::document::yaml::{parse_documents, YamlNode, YamlValue};
use crate::limits::Limits;
use crate::pack::RulePack;

/// The fields of a waiver, in the order the help lists them.
pub const FIELDS: [&str; 7] = [
    "rule",
    "document",
    "item",
    "reason",
    "approved_by",
    "approved_on",
    "expires",
];

const EXAMPLE: &str = "write each waiver as `- {rule: FR-GP7-001, document: <the document's id>, reason: ..., approved_by: ..., approved_on: 2026-01-15, expires: 2026-12-31}` (`item` is optional)";

/// Reads and checks the waiver file at `path`: its waivers, or every problem found in it.
pub fn read_waivers(
    path: &Path,
    pack: &RulePack,
    limits: &Limits,
) -> Result<Vec<Waiver>, Vec<SourceError>> {
    let file = read_file(path, limits).map_err(|error| vec![error])?;
    let documents = parse_documents(&file, limits).map_err(|error| vec![error])?;
    let mut reader = Reader {
        file: &file,
        pack,
        errors: Vec::new(),
    };
    let waivers = match documents.as_slice() {
        [list] => reader.list(list),
        [] => {
            reader.error(
                ErrorCode::WaiversShape,
                Span::default(),
                "the waiver file holds no list of waivers".into(),
                EXAMPLE,
            );
            Vec::new()
        }
        [_, second, ..] => {
            reader.error(
                ErrorCode::WaiversShape,
                second.span,
                "the waiver file holds more than one YAML document".into(),
                "put every waiver in one list, without `---`",
            );
            Vec::new()
        }
    };
    if reader.errors.is_empty() {
        Ok(waivers)
    } else {
        Err(reader.errors)
    }
}

struct Reader<'a> {
    file: &'a SourceFile,
    pack: &'a RulePack,
    errors: Vec<SourceError>,
}

impl Reader<'_> {
    fn error(&mut self, code: ErrorCode, span: Span, message: String, help: &str) {
        self.errors
            .push(SourceError::new(code, self.file, span, message).with_help(help));
    }

    fn list(&mut self, node: &YamlNode) -> Vec<Waiver> {
        let items = match &node.value {
            YamlValue::Seq(items) => items,
            // An empty file part, or `[]`: no waivers.
            YamlValue::Null => return Vec::new(),
            other => {
                let found = other.describe();
                self.error(
                    ErrorCode::WaiversShape,
                    node.span,
                    format!("the waiver file must be a list of waivers, found {found}"),
                    EXAMPLE,
                );
                return Vec::new();
            }
        };
        items.iter().filter_map(|item| self.waiver(item)).collect()
    }

    fn waiver(&mut self, node: &YamlNode) -> Option<Waiver> {
        let YamlValue::Map(entries) = &node.value else {
            let found = node.value.describe();
            self.error(
                ErrorCode::WaiversShape,
                node.span,
                format!("a waiver must be a mapping of fields, found {found}"),
                EXAMPLE,
            );
            return None;
        };
        let before = self.errors.len();
        // A misspelt field is said once, as unknown with its suggestion, not also as missing.
        let mut meant = Vec::new();
        for (key, _) in entries {
            if !FIELDS.contains(&key.text.as_str()) {
                if let Some(field) = FIELDS
                    .iter()
                    .find(|f| did_you_mean(&key.text, [**f]).is_some())
                {
                    meant.push(*field);
                }
                let help = did_you_mean(&key.text, FIELDS).unwrap_or_else(|| {
                    format!("the fields of a waiver are: {}", FIELDS.join(", "))
                });
                self.error(
                    ErrorCode::WaiversUnknownField,
                    key.span,
                    format!("unknown field `{}` in a waiver", key.text),
                    &help,
                );
            }
        }
        let get = |name: &str| entries.iter().find(|(k, _)| k.text == name).map(|(_, v)| v);
        let text = |reader: &mut Self, name: &str, required: bool| -> Option<String> {
            let Some(value) = get(name) else {
                if required && !meant.contains(&name) {
                    reader.error(
                        ErrorCode::WaiversMissingField,
                        node.span,
                        format!("the waiver has no `{name}`"),
                        &format!(
                            "every waiver needs {}; `item` is optional",
                            required_fields()
                        ),
                    );
                }
                return None;
            };
            let given = match &value.value {
                YamlValue::Str(s) => Some(s.clone()),
                YamlValue::Number => reader
                    .file
                    .text
                    .get(value.source.start..value.source.start + value.source.len)
                    .map(str::to_string),
                _ => None,
            };
            match given {
                Some(s) if !s.trim().is_empty() => Some(s),
                _ => {
                    let found = match &value.value {
                        YamlValue::Str(_) | YamlValue::Null => "it is empty".to_string(),
                        other => format!("found {}", other.describe()),
                    };
                    reader.error(
                        ErrorCode::WaiversInvalidValue,
                        value.span,
                        format!("`{name}` must be text, {found}"),
                        EXAMPLE,
                    );
                    None
                }
            }
        };
        let rule = text(self, "rule", true);
        let document = text(self, "document", true);
        let item = text(self, "item", false);
        let reason = text(self, "reason", true);
        let approved_by = text(self, "approved_by", true);
        let approved_on = text(self, "approved_on", true)
            .and_then(|t| self.date(get("approved_on"), "approved_on", &t));
        let expires =
            text(self, "expires", true).and_then(|t| self.date(get("expires"), "expires", &t));
        if let (Some(rule), Some(value)) = (&rule, get("rule")) {
            if !self.pack.rules.iter().any(|r| &r.id == rule) {
                let help = did_you_mean(rule, self.pack.rules.iter().map(|r| r.id.as_str()))
                    .unwrap_or_else(|| "`fairrec rules` lists the rule ids".to_string());
                self.error(
                    ErrorCode::WaiversUnknownRule,
                    value.span,
                    format!("there is no rule `{rule}` in the rule pack"),
                    &help,
                );
            }
        }
        if let (Some(approved), Some(expires), Some(value)) = (approved_on, expires, get("expires"))
        {
            if expires < approved {
                self.error(
                    ErrorCode::WaiversInvalidValue,
                    value.span,
                    format!(
                        "the waiver expires on {expires}, before it was approved on {approved}"
                    ),
                    "check the two dates",
                );
            }
        }
        if self.errors.len() > before {
            return None;
        }
        let (line, _) = self.file.line_column(node.span.start);
        Some(Waiver {
            rule: rule?,
            document: document?,
            item,
            reason: reason?,
            approved_by: approved_by?,
            approved_on: approved_on?,
            expires: expires?,
            line,
        })
    }

    fn date(&mut self, node: Option<&YamlNode>, name: &str, text: &str) -> Option<Date> {
        match text.trim().parse::<Date>() {
            Ok(date) if text.trim().len() == 10 => Some(date),
            _ => {
                let span = node.map_or(Span::default(), |n| n.span);
                self.error(
                    ErrorCode::WaiversInvalidValue,
                    span,
                    format!("`{name}` must be a date written YYYY-MM-DD, found `{text}`"),
                    "write the date as 2026-12-31",
                );
                None
            }
        }
    }
}

fn required_fields() -> String {
    FIELDS
        .iter()
        .filter(|f| **f != "item")
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

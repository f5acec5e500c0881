//! A field its record does not declare, and what was probably meant: a field of a
//! neighbouring record that an indentation slip put in the wrong one ("is this indented under
//! the wrong field?"), a near name in the same record ("did you mean"), or else the list of
//! the record's fields.
//!
//! When the near name is a confident guess (see `diagnostic::closest`), the value is also
//! checked as that field's, so the errors beneath a misspelt field are reported in the same
//! run instead of the next one; each of those says what it assumes. All of this runs only
//! once a field is found unknown: the path of a valid document never comes here.

use super::Validator;
use crate::diagnostic::{closest, ErrorCode};
use crate::document::yaml::{YamlKey, YamlNode, YamlValue};
use crate::schema::{FieldType, RecordId, ENVELOPE_FIELDS};

/// Where a misplaced field belongs, relative to the record it was found in.
enum Belongs {
    /// In the record of the field written just above it (it is indented too little).
    Above(String),
    /// In the record that holds this one (it is indented too much).
    Parent(String),
    /// In another record of the same parent, or in a record under this one.
    Other(String),
}

impl Validator<'_> {
    /// Reports `key`, a field `record` does not declare, at `path`; `entries` are the
    /// record's fields as written.
    pub(super) fn unknown_field(
        &mut self,
        record: RecordId,
        key: &YamlKey,
        value: &YamlNode,
        path: &str,
        is_root: bool,
        entries: &[(YamlKey, YamlNode)],
    ) {
        let schema = self.schema;
        let def = &schema.records[record];
        let owner = if path.is_empty() {
            format!("an `{}` document", def.name)
        } else {
            format!("`{path}` ({})", def.name)
        };
        let mut candidates: Vec<&str> = def.fields.keys().map(String::as_str).collect();
        if is_root {
            candidates.extend(ENVELOPE_FIELDS);
        }
        let suggestion = closest(&key.text, candidates.iter().copied());
        let misplaced = self.misplaced(record, key, path, entries);
        let help = match (&misplaced, suggestion) {
            (Some(belongs), _) => indentation_help(&key.text, path, belongs),
            (None, Some(suggestion)) => suggestion.did_you_mean(),
            (None, None) => format!(
                "the fields of {} are: {}",
                def.name,
                def.fields
                    .keys()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.error(
            ErrorCode::DocumentUnknownField,
            key.span,
            format!("unknown field `{}` in {owner}", key.text),
        )
        .help(help)
        .label("unknown field");
        // Read the value as the suggested field's, when the guess is sure, that field is
        // not written too, and the slip is not an indentation one.
        let Some(meant) = suggestion.filter(|s| s.confident && misplaced.is_none()) else {
            return;
        };
        let Some(field) = def.fields.get(meant.name) else {
            return;
        };
        if entries.iter().any(|(k, _)| k.text == meant.name)
            || matches!(value.value, YamlValue::Null)
        {
            return;
        }
        let before = self.errors.len();
        let child_path = join(path, meant.name);
        let _ = self.value(&field.ty, value, &child_path);
        let (line, _) = self.file.line_column(key.span.start);
        let premise = format!("`{}` (line {line}) is `{}`", key.text, meant.name);
        let found = self.errors.split_off(before);
        self.errors
            .extend(found.into_iter().map(|error| error.assuming(&premise)));
    }

    /// Whether `name`, a required field of `record` not written, is what one of the
    /// record's unknown fields confidently stands for: its "did you mean" says it already.
    pub(super) fn misspelt_as(
        &self,
        record: RecordId,
        name: &str,
        entries: &[(YamlKey, YamlNode)],
    ) -> bool {
        let fields = &self.schema.records[record].fields;
        entries.iter().any(|(key, _)| {
            !fields.contains_key(&key.text)
                && closest(&key.text, fields.keys().map(String::as_str))
                    .is_some_and(|s| s.confident && s.name == name)
        })
    }

    /// The neighbouring record `key` is a field of, if an indentation slip explains it.
    fn misplaced(
        &self,
        record: RecordId,
        key: &YamlKey,
        path: &str,
        entries: &[(YamlKey, YamlNode)],
    ) -> Option<Belongs> {
        let schema = self.schema;
        let has = |id: RecordId| schema.records[id].fields.contains_key(&key.text);
        let here = &schema.records[record].fields;
        // The field written just above, when it opens a record (or a list of them).
        let index = entries.iter().position(|(k, _)| std::ptr::eq(k, key))?;
        if let Some((above, _)) = index.checked_sub(1).and_then(|i| entries.get(i)) {
            let inner = here.get(&above.text).and_then(|f| record_of(&f.ty));
            if inner.is_some_and(has) {
                return Some(Belongs::Above(join(path, &above.text)));
            }
        }
        let along = self.records_along(path);
        if let [.., parent, _] = along.as_slice() {
            let parent_path = parent_path(path);
            if has(*parent) {
                return Some(Belongs::Parent(parent_path.to_string()));
            }
            let own = last_field(path);
            for (name, field) in &schema.records[*parent].fields {
                if name != own && record_of(&field.ty).is_some_and(has) {
                    return Some(Belongs::Other(join(parent_path, name)));
                }
            }
        }
        here.iter()
            .find(|(_, field)| record_of(&field.ty).is_some_and(has))
            .map(|(name, _)| Belongs::Other(join(path, name)))
    }

    /// The records from the document's top level down to the one at `path` (empty when
    /// the path cannot be followed).
    fn records_along(&self, path: &str) -> Vec<RecordId> {
        let Some(mut record) = self.root else {
            return Vec::new();
        };
        let mut along = vec![record];
        for step in path.split('.').filter(|s| !s.is_empty()) {
            let name = step.split('[').next().unwrap_or(step);
            let next = self.schema.records[record]
                .fields
                .get(name)
                .and_then(|f| record_of(&f.ty));
            let Some(next) = next else {
                return Vec::new();
            };
            record = next;
            along.push(record);
        }
        along
    }
}

/// The record a field holds: its own type, or its list's items'.
fn record_of(ty: &FieldType) -> Option<RecordId> {
    match ty {
        FieldType::Record(id) => Some(*id),
        FieldType::List(inner) => record_of(inner),
        _ => None,
    }
}

/// `path.name`, or `name` at the top level.
fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// `a.b[2].c` → `a.b[2]`; a top-level field → the top level.
fn parent_path(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(parent, _)| parent)
}

/// `a.b[2]` → `b`: the field a path last steps through.
fn last_field(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// A path as a user reads it: `the document itself` for the top level.
fn place(path: &str) -> String {
    if path.is_empty() {
        "the document itself".to_string()
    } else {
        format!("`{path}`")
    }
}

/// "is this indented under the wrong field?", with the move that puts it right.
fn indentation_help(name: &str, path: &str, belongs: &Belongs) -> String {
    let question = format!("is `{name}` indented under the wrong field?");
    match belongs {
        Belongs::Above(record) => format!(
            "{question} It is a field of `{record}`, the field just above it: indent it to line up with the fields under `{}`",
            last_field(record)
        ),
        Belongs::Parent(record) => format!(
            "{question} It is a field of {}, not of {}: move it left, to line up with `{}`",
            place(record),
            place(path),
            last_field(path)
        ),
        Belongs::Other(record) => format!(
            "{question} It is a field of `{record}`, not of {}: move it under `{}`",
            place(path),
            last_field(record)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_parent_and_field() {
        assert_eq!(parent_path("clauses.recruitment_costs"), "clauses");
        assert_eq!(parent_path("licence"), "");
        assert_eq!(parent_path("supply_chain[1].costs[0]"), "supply_chain[1]");
        assert_eq!(last_field("supply_chain[1].costs[0]"), "costs");
        assert_eq!(last_field(""), "");
    }
}

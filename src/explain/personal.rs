//! Which values a trace hides: those of fields the schema marks `personal` (a worker's name,
//! a passport number, a surveyed worker's id, sex and age), and everything inside such a
//! field, unless the user asks to see them (`--show-personal-data`). The marking lives in
//! the schema (`rules/schema*.fr`), so an overlay's schema marks its own fields.

use crate::schema::{FieldType, Schema};

/// The text a hidden value is shown as.
pub const HIDDEN: &str = "(personal data, hidden; --show-personal-data shows it)";

/// Decides what a trace may show.
#[derive(Debug, Clone, Copy)]
pub struct Personal<'a> {
    schema: &'a Schema,
    show: bool,
}

impl<'a> Personal<'a> {
    /// Hides personal data unless `show`.
    pub fn new(schema: &'a Schema, show: bool) -> Self {
        Self { schema, show }
    }

    /// Whether the value at YAML `path` of a document of `kind` is to be hidden.
    pub fn hides(&self, kind: &str, path: &str) -> bool {
        !self.show && is_personal(self.schema, kind, path)
    }
}

/// Whether the field at `path` (`documents[0].number`), or a field it lies in, is marked
/// `personal` in the schema of `kind`. A path the schema does not know is not personal.
pub fn is_personal(schema: &Schema, kind: &str, path: &str) -> bool {
    let Some(kind) = schema.kinds.get(kind) else {
        return false;
    };
    let mut record = kind.root;
    for segment in path.split('.') {
        let name = segment.split('[').next().unwrap_or(segment);
        let Some(field) = schema.records.get(record).and_then(|r| r.fields.get(name)) else {
            return false;
        };
        if field.personal {
            return true;
        }
        match element(&field.ty) {
            FieldType::Record(id) => record = *id,
            _ => return false,
        }
    }
    false
}

/// The type of an item of a list (of lists), or the type itself.
fn element(ty: &FieldType) -> &FieldType {
    match ty {
        FieldType::List(inner) => element(inner),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::is_personal;
    use crate::pack::RulePack;

    #[test]
    fn the_schema_marks_passport_numbers_and_workers_but_not_custody() {
        let pack = RulePack::builtin().expect("the built-in pack loads");
        let schema = &pack.schema;
        assert!(is_personal(schema, "agency", "documents[0].number"));
        assert!(is_personal(schema, "agency", "documents[1].worker"));
        assert!(!is_personal(schema, "agency", "documents[0].held_by"));
        assert!(!is_personal(schema, "agency", "name"));
        assert!(!is_personal(schema, "nothing", "documents[0].number"));
    }
}

//! What a pack declares, gathered in one [`Loader`]: here the types (enums, records, kinds
//! and their keys); citation targets are in `citations`, parameters and named conditions in
//! `params`. Each is resolved once, before any rule is checked against them.

use indexmap::IndexMap;
use std::collections::{BTreeMap, HashSet};

use super::check::ConditionSig;
use super::ir::{InstrumentCite, Rule};
use super::{Guideline, Instrument, Overlay, Param, Principle};
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, SourceFile, Span};
use crate::dsl::ast::{FieldDecl, FileAst, Name, TypeExpr};
use crate::schema::{
    EnumDef, FieldDef, FieldType, KindDef, NameMap, Primitive, RecordDef, Schema, ENVELOPE_FIELDS,
};

/// What a rule or value rests on: principle numbers, guideline ids, instrument citations.
pub(super) type Basis = (Vec<u32>, Vec<String>, Vec<InstrumentCite>);

/// One parsed rule file and the layer it belongs to (`None`: the pack; `Some(i)`: overlay i).
pub(super) struct Parsed {
    pub file: SourceFile,
    pub ast: FileAst,
    pub layer: Option<usize>,
}

/// Everything declared so far.
#[derive(Default)]
pub(super) struct Loader {
    pub schema: Schema,
    enum_ids: IndexMap<String, usize>,
    record_ids: IndexMap<String, usize>,
    pub principles: BTreeMap<u32, Principle>,
    pub guidelines: IndexMap<String, Guideline>,
    pub instruments: IndexMap<String, Instrument>,
    pub params: Vec<Param>,
    pub conditions: IndexMap<String, ConditionSig>,
    pub condition_docs: IndexMap<String, String>,
    pub rules: Vec<Rule>,
    pub figures: Vec<super::ir::Figure>,
    pub rule_sites: Vec<(String, SourceFile, Span)>,
    pub overlays: Vec<Overlay>,
}

pub(super) fn duplicate(file: &SourceFile, name: &Name, what: &str) -> SourceError {
    SourceError::new(
        ErrorCode::RulesDuplicate,
        file,
        name.span,
        format!("{what} `{}` is declared twice", name.text),
    )
    .with_label("declared again here")
}

impl Loader {
    pub fn declare_types(&mut self, parsed: &[Parsed], errors: &mut Vec<SourceError>) {
        let mut taken: HashSet<String> =
            Primitive::ALL.iter().map(|(n, _)| n.to_string()).collect();
        for Parsed { file, ast, .. } in parsed {
            for decl in &ast.enums {
                if !taken.insert(decl.name.text.clone()) {
                    errors.push(duplicate(file, &decl.name, "type"));
                    continue;
                }
                let mut values = NameMap::default();
                for (value, docs) in &decl.values {
                    if values.insert(value.text.clone(), docs.clone()).is_some() {
                        errors.push(duplicate(file, value, "enum value"));
                    }
                }
                self.enum_ids
                    .insert(decl.name.text.clone(), self.schema.enums.len());
                self.schema.enums.push(EnumDef {
                    name: decl.name.text.clone(),
                    docs: decl.docs.clone(),
                    values,
                });
            }
            for decl in &ast.records {
                if !taken.insert(decl.name.text.clone()) {
                    errors.push(duplicate(file, &decl.name, "type"));
                    continue;
                }
                self.record_ids
                    .insert(decl.name.text.clone(), self.schema.records.len());
                self.schema.records.push(RecordDef {
                    name: decl.name.text.clone(),
                    docs: decl.docs.clone(),
                    fields: NameMap::default(),
                });
            }
            for decl in &ast.kinds {
                if self.schema.kinds.contains_key(&decl.name.text) {
                    errors.push(duplicate(file, &decl.name, "kind"));
                    continue;
                }
                let root = self.schema.records.len();
                self.schema.records.push(RecordDef {
                    name: decl.name.text.clone(),
                    docs: decl.docs.clone(),
                    fields: NameMap::default(),
                });
                self.schema.kinds.insert(
                    decl.name.text.clone(),
                    KindDef {
                        name: decl.name.text.clone(),
                        version: decl.version,
                        root,
                        key: decl.key.iter().map(|k| k.text.clone()).collect(),
                        id: decl
                            .id
                            .iter()
                            .map(|path| path.iter().map(|n| n.text.clone()).collect())
                            .collect(),
                    },
                );
            }
        }
    }

    pub(super) fn resolve_type(
        &self,
        file: &SourceFile,
        ty: &TypeExpr,
    ) -> Result<FieldType, SourceError> {
        match ty {
            TypeExpr::List(element) => {
                Ok(FieldType::List(Box::new(self.resolve_type(file, element)?)))
            }
            TypeExpr::Named(name) => {
                if let Some((_, primitive)) = Primitive::ALL.iter().find(|(n, _)| *n == name.text) {
                    return Ok(FieldType::Primitive(*primitive));
                }
                if let Some(id) = self.enum_ids.get(&name.text) {
                    return Ok(FieldType::Enum(*id));
                }
                if let Some(id) = self.record_ids.get(&name.text) {
                    return Ok(FieldType::Record(*id));
                }
                if let Some(kind) = self.schema.kinds.get(&name.text) {
                    return Ok(FieldType::Record(kind.root));
                }
                let known = Primitive::ALL
                    .iter()
                    .map(|(n, _)| *n)
                    .chain(self.enum_ids.keys().map(String::as_str))
                    .chain(self.record_ids.keys().map(String::as_str));
                let error = SourceError::new(
                    ErrorCode::RulesUnknownType,
                    file,
                    name.span,
                    format!("there is no type `{}`", name.text),
                );
                Err(error.suggest_or(did_you_mean(&name.text, known), "the built-in types are text, integer, decimal, money, date, boolean, language and country"))
            }
        }
    }

    fn fields(
        &self,
        file: &SourceFile,
        decls: &[FieldDecl],
        errors: &mut Vec<SourceError>,
        is_kind: bool,
    ) -> NameMap<FieldDef> {
        let mut fields = NameMap::default();
        for decl in decls {
            if is_kind && ENVELOPE_FIELDS.contains(&decl.name.text.as_str()) {
                errors.push(
                    SourceError::new(
                        ErrorCode::RulesEnvelopeField,
                        file,
                        decl.name.span,
                        format!(
                            "`{}` is a field of every document and cannot be redeclared",
                            decl.name.text
                        ),
                    )
                    .with_help(format!(
                        "{} are provided by fairrec",
                        ENVELOPE_FIELDS.join(", ")
                    )),
                );
                continue;
            }
            match self.resolve_type(file, &decl.ty) {
                Ok(ty) => {
                    let def = FieldDef {
                        docs: decl.docs.clone(),
                        ty,
                        optional: decl.optional,
                        personal: decl.personal,
                    };
                    if fields.insert(decl.name.text.clone(), def).is_some() {
                        errors.push(duplicate(file, &decl.name, "field"));
                    }
                }
                Err(error) => errors.push(error),
            }
        }
        fields
    }

    pub fn resolve_fields(&mut self, parsed: &[Parsed], errors: &mut Vec<SourceError>) {
        for Parsed { file, ast, .. } in parsed {
            for decl in &ast.records {
                let fields = self.fields(file, &decl.fields, errors, false);
                if let Some(id) = self.record_ids.get(&decl.name.text) {
                    if self.schema.records[*id].fields.is_empty() {
                        self.schema.records[*id].fields = fields;
                    }
                }
            }
            for decl in &ast.kinds {
                let fields = self.fields(file, &decl.fields, errors, true);
                // A key is made of top-level fields holding single values.
                for key in &decl.key {
                    let scalar = fields.get(&key.text).is_some_and(|f| {
                        matches!(f.ty, FieldType::Primitive(_) | FieldType::Enum(_))
                    });
                    if !scalar {
                        errors.push(
                            SourceError::new(
                                ErrorCode::RulesLookup,
                                file,
                                key.span,
                                format!(
                                    "`{}` is not a top-level field of `{}` holding a single value",
                                    key.text, decl.name.text
                                ),
                            )
                            .suggest(did_you_mean(&key.text, fields.keys().map(String::as_str))),
                        );
                    }
                }
                if let Some(kind) = self.schema.kinds.get(&decl.name.text) {
                    let root = kind.root;
                    if self.schema.records[root].fields.is_empty() {
                        self.schema.records[root].fields = fields;
                    }
                }
            }
        }
    }

    /// Each path of a kind's `id (...)` goes through records, one field at a time, to a field
    /// holding a single value (text, a number, a date, an enum value...), never a list.
    pub fn check_id_paths(&self, parsed: &[Parsed], errors: &mut Vec<SourceError>) {
        for Parsed { file, ast, .. } in parsed {
            for decl in &ast.kinds {
                let Some(kind) = self.schema.kinds.get(&decl.name.text) else {
                    continue;
                };
                for path in &decl.id {
                    if let Err(error) = self.id_path(file, kind.root, path) {
                        errors.push(error);
                    }
                }
            }
        }
    }

    fn id_path(&self, file: &SourceFile, root: usize, path: &[Name]) -> Result<(), SourceError> {
        let mut record = root;
        for (step, name) in path.iter().enumerate() {
            let fields = &self.schema.records[record].fields;
            let Some(field) = fields.get(&name.text) else {
                return Err(SourceError::new(
                    ErrorCode::RulesIdentity,
                    file,
                    name.span,
                    format!(
                        "`{}` has no field `{}`",
                        self.schema.records[record].name, name.text
                    ),
                )
                .suggest(did_you_mean(&name.text, fields.keys().map(String::as_str))));
            };
            let last = step + 1 == path.len();
            match (&field.ty, last) {
                (FieldType::Primitive(_) | FieldType::Enum(_), true) => return Ok(()),
                (FieldType::Record(next), false) => record = *next,
                _ => {
                    let what = if last { "a single value" } else { "a record" };
                    return Err(SourceError::new(
                        ErrorCode::RulesIdentity,
                        file,
                        name.span,
                        format!(
                            "`{}` is {}, not {what}: an `id` path leads through records to a single value",
                            name.text,
                            self.schema.type_name(&field.ty)
                        ),
                    )
                    .with_help(
                        "name a field such as `licence.number`; lists cannot be part of an id",
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn check_unique_rule_ids(&self, errors: &mut Vec<SourceError>) {
        let mut seen: IndexMap<&str, (&SourceFile, Span)> = IndexMap::new();
        for (id, file, span) in &self.rule_sites {
            if let Some((first_file, first_span)) = seen.get(id.as_str()) {
                let (line, column) = first_file.line_column(first_span.start);
                errors.push(
                    duplicate(
                        file,
                        &Name {
                            text: id.clone(),
                            span: *span,
                        },
                        "rule",
                    )
                    .with_help(format!(
                        "it is first declared at {}:{line}:{column}; give one of them a new id",
                        crate::diagnostic::escape(&first_file.name)
                    )),
                );
            } else {
                seen.insert(id.as_str(), (file, *span));
            }
        }
    }

    pub fn enum_id(&self, name: &str) -> Option<usize> {
        self.enum_ids.get(name).copied()
    }

    pub fn enum_names(&self) -> impl Iterator<Item = &str> {
        self.enum_ids.keys().map(String::as_str)
    }
}

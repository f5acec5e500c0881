//! Declarations: types (enums, records, kinds and their keys), citation targets
//! (principles, guidelines, instruments), parameters and named conditions. Each is
//! resolved once, before any rule is checked against them.

use indexmap::IndexMap;
use std::collections::{BTreeMap, HashSet};

use super::check::{Checker, ConditionSig, ParamSig};
use super::ir::{Const, InstrumentCite, Ir, Rule, Ty};
use super::{Guideline, Instrument, Overlay, Param, ParamSource, Principle, INSTRUMENT_CATEGORIES};
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, SourceFile, Span};
use crate::dsl::ast::{Citation, FieldDecl, FileAst, Name, SetDecl, TypeExpr};
use crate::schema::{
    EnumDef, FieldDef, FieldType, KindDef, Primitive, RecordDef, Schema, ENVELOPE_FIELDS,
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
    pub rules: Vec<Rule>,
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
                let mut values = IndexMap::new();
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
                    fields: IndexMap::new(),
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
                    fields: IndexMap::new(),
                });
                self.schema.kinds.insert(
                    decl.name.text.clone(),
                    KindDef {
                        name: decl.name.text.clone(),
                        version: decl.version,
                        root,
                        key: decl.key.iter().map(|k| k.text.clone()).collect(),
                    },
                );
            }
        }
    }

    fn resolve_type(&self, file: &SourceFile, ty: &TypeExpr) -> Result<FieldType, SourceError> {
        match ty {
            TypeExpr::List(element, _) => {
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
    ) -> IndexMap<String, FieldDef> {
        let mut fields = IndexMap::new();
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

    pub fn declare_citations(&mut self, parsed: &[Parsed], errors: &mut Vec<SourceError>) {
        for Parsed { file, ast, .. } in parsed {
            for decl in &ast.principles {
                let principle = Principle {
                    title: decl.title.clone(),
                    docs: decl.docs.clone(),
                };
                if self.principles.insert(decl.number, principle).is_some() {
                    let name = Name {
                        text: decl.number.to_string(),
                        span: decl.span,
                    };
                    errors.push(duplicate(file, &name, "principle"));
                }
            }
            for decl in &ast.guidelines {
                let guideline = Guideline {
                    actor: decl.actor.text.clone(),
                    title: decl.title.clone(),
                    docs: decl.docs.clone(),
                };
                if self
                    .guidelines
                    .insert(decl.id.text.clone(), guideline)
                    .is_some()
                {
                    errors.push(duplicate(file, &decl.id, "guideline"));
                }
            }
            for decl in &ast.instruments {
                if !INSTRUMENT_CATEGORIES.contains(&decl.category.text.as_str()) {
                    errors.push(
                        SourceError::new(
                            ErrorCode::RulesInstrumentCategory,
                            file,
                            decl.category.span,
                            format!("`{}` is not an instrument category", decl.category.text),
                        )
                        .suggest_or(
                            did_you_mean(&decl.category.text, INSTRUMENT_CATEGORIES),
                            format!("use one of: {}", INSTRUMENT_CATEGORIES.join(", ")),
                        ),
                    );
                    continue;
                }
                let is_taken = decl.id.text.starts_with("OG.")
                    || decl
                        .id
                        .text
                        .strip_prefix("GP")
                        .is_some_and(|n| n.parse::<u32>().is_ok());
                let instrument = Instrument {
                    category: decl.category.text.clone(),
                    title: decl.title.clone(),
                    docs: decl.docs.clone(),
                };
                if is_taken
                    || self
                        .instruments
                        .insert(decl.id.text.clone(), instrument)
                        .is_some()
                {
                    errors.push(duplicate(file, &decl.id, "instrument"));
                }
            }
        }
    }

    /// Resolves citations: `GPn` principles, `OG.*` guidelines, declared instruments.
    pub fn citations(&self, file: &SourceFile, cites: &[Citation]) -> Result<Basis, SourceError> {
        let mut principles = Vec::new();
        let mut guidelines = Vec::new();
        let mut instruments = Vec::new();
        for cite in cites {
            let id = &cite.id.text;
            let unknown = |what: String| {
                SourceError::new(ErrorCode::RulesUnknownCitation, file, cite.id.span, what)
            };
            let is_instrument = self.instruments.contains_key(id);
            let is_principle_or_guideline = id.starts_with("OG.")
                || id
                    .strip_prefix("GP")
                    .is_some_and(|n| n.parse::<u32>().is_ok());
            if cite.pinpoint.is_some() && is_principle_or_guideline {
                return Err(SourceError::new(
                    ErrorCode::RulesUnknownCitation,
                    file,
                    cite.id.span,
                    "only an instrument takes an article or section",
                )
                .with_help("principles and guidelines are cited by their id alone"));
            }
            if let Some(number) = id.strip_prefix("GP").and_then(|n| n.parse::<u32>().ok()) {
                if !self.principles.contains_key(&number) {
                    return Err(
                        unknown(format!("principle {id} is not declared in the pack"))
                            .with_help("declare it with `principle N \"title\"`"),
                    );
                }
                principles.push(number);
            } else if id.starts_with("OG.") {
                if !self.guidelines.contains_key(id) {
                    return Err(
                        unknown(format!("guideline `{id}` is not declared in the pack"))
                            .suggest_or(
                                did_you_mean(id, self.guidelines.keys().map(String::as_str)),
                                "declare it with `guideline OG.X.Y for actor \"title\"`",
                            ),
                    );
                }
                guidelines.push(id.clone());
            } else if is_instrument {
                instruments.push(InstrumentCite {
                    id: id.clone(),
                    pinpoint: cite.pinpoint.as_ref().map(|p| p.value.clone()),
                });
            } else {
                return Err(unknown(format!(
                    "`{id}` is not a principle, guideline or declared instrument"
                ))
                .suggest_or(
                    did_you_mean(id, self.instruments.keys().map(String::as_str)),
                    "cite GPn, OG.X.Y, or declare it with `instrument ID convention \"title\"`",
                ));
            }
        }
        principles.sort_unstable();
        principles.dedup();
        Ok((principles, guidelines, instruments))
    }

    pub fn declare_params(&mut self, parsed: &[Parsed], errors: &mut Vec<SourceError>) {
        for Parsed { file, ast, .. } in parsed {
            for decl in &ast.params {
                if self.params.iter().any(|p| p.name == decl.name.text) {
                    errors.push(duplicate(file, &decl.name, "parameter"));
                    continue;
                }
                let declared = match self.resolve_type(file, &decl.ty) {
                    Ok(ty) => Ty::of_field(&ty),
                    Err(error) => {
                        errors.push(error);
                        continue;
                    }
                };
                match self.constant(file, &decl.default, &declared) {
                    Ok(value) => self.params.push(Param {
                        name: decl.name.text.clone(),
                        ty: declared,
                        value,
                        docs: decl.docs.clone(),
                        source: ParamSource::Default,
                    }),
                    Err(error) => errors.push(error),
                }
            }
        }
    }

    /// A literal of the given type.
    fn constant(
        &self,
        file: &SourceFile,
        expr: &crate::dsl::ast::Expr,
        declared: &Ty,
    ) -> Result<Const, SourceError> {
        let params: Vec<ParamSig> = Vec::new();
        let conditions = IndexMap::new();
        let mut checker = Checker::new(&self.schema, &params, &conditions, file, None, "");
        match checker.expr(expr)? {
            (Ir::Const(value), ty) if ty == *declared => Ok(value),
            (_, ty) => Err(SourceError::new(
                ErrorCode::RulesTypeMismatch,
                file,
                expr.span,
                format!(
                    "the parameter is declared as {} but its value is {}",
                    declared.describe(&self.schema),
                    ty.describe(&self.schema)
                ),
            )),
        }
    }

    /// Checks `set name = value cites ...` and returns the parameter's index, value and
    /// citations.
    pub fn set_param(
        &self,
        file: &SourceFile,
        decl: &SetDecl,
    ) -> Result<(usize, Const, Vec<InstrumentCite>), SourceError> {
        let Some(index) = self.params.iter().position(|p| p.name == decl.param.text) else {
            return Err(SourceError::new(
                ErrorCode::RulesOverlay,
                file,
                decl.param.span,
                format!("there is no parameter `{}` to set", decl.param.text),
            )
            .suggest(did_you_mean(
                &decl.param.text,
                self.params.iter().map(|p| p.name.as_str()),
            )));
        };
        let value = self.constant(file, &decl.value, &self.params[index].ty)?;
        let (principles, guidelines, instruments) = self.citations(file, &decl.cites)?;
        if instruments.is_empty() || !principles.is_empty() || !guidelines.is_empty() {
            return Err(SourceError::new(
                ErrorCode::RulesNoBasis,
                file,
                decl.param.span,
                "a parameter set by an overlay cites the law it comes from",
            )
            .with_help("declare the act with `instrument ID national_law \"title\"` and write `cites ID \"art. N\"`"));
        }
        Ok((index, value, instruments))
    }

    pub fn param_sigs(&self) -> Vec<ParamSig> {
        self.params
            .iter()
            .map(|p| ParamSig {
                name: p.name.clone(),
                ty: p.ty.clone(),
            })
            .collect()
    }

    /// Named conditions: parameter types resolved, bodies checked once here (so their
    /// errors are reported at the declaration, not at every call).
    pub fn declare_conditions(&mut self, parsed: &[Parsed], errors: &mut Vec<SourceError>) {
        for Parsed { file, ast, .. } in parsed {
            for decl in &ast.conditions {
                if self.conditions.contains_key(&decl.name.text) {
                    errors.push(duplicate(file, &decl.name, "condition"));
                    continue;
                }
                let mut params = Vec::new();
                for (name, ty) in &decl.params {
                    match self.resolve_type(file, ty) {
                        Ok(ty) => params.push((name.clone(), Ty::of_field(&ty))),
                        Err(error) => errors.push(error),
                    }
                }
                if params.len() != decl.params.len() {
                    continue;
                }
                self.conditions.insert(
                    decl.name.text.clone(),
                    ConditionSig {
                        file: file.clone(),
                        body: decl.body.clone(),
                        params,
                        docs: decl.docs.clone(),
                    },
                );
            }
        }
        if !errors.is_empty() {
            return;
        }
        let sigs = self.param_sigs();
        for (name, condition) in &self.conditions {
            let mut checker = Checker::new(
                &self.schema,
                &sigs,
                &self.conditions,
                &condition.file,
                None,
                "",
            );
            if let Err(error) = checker.condition_body(name, condition) {
                errors.push(error);
            }
        }
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

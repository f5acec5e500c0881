//! Rule packs: rule files → checked [`RulePack`] (schema, citations, parameters, rules).
//!
//! Every file is parsed and every declaration checked; all problems are reported together,
//! and a pack with any problem is refused whole, so no rule can silently drop out.

pub mod check;
pub mod ir;
pub mod schema;

use indexmap::IndexMap;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use self::check::{Checker, ParamSig};
use self::ir::{Const, MessagePiece, Rule, RuleOutcome, Severity, Ty};
use self::schema::{
    EnumDef, FieldDef, FieldType, KindDef, Primitive, RecordDef, Schema, ENVELOPE_FIELDS,
};
use crate::diagnostic::{did_you_mean, SourceError, SourceFile, Span};
use crate::dsl::ast::{FieldDecl, FileAst, Name, RuleDecl, RuleItem, Text, TypeExpr};
use crate::dsl::parser::{parse_file, parse_template, TemplatePiece};

/// A general principle the pack cites.
#[derive(Debug, Clone)]
pub struct Principle {
    /// Our short title.
    pub title: String,
    /// Its documentation.
    pub docs: String,
}

/// An operational guideline the pack cites.
#[derive(Debug, Clone)]
pub struct Guideline {
    /// The actor group it is addressed to.
    pub actor: String,
    /// Our short title.
    pub title: String,
    /// Its documentation.
    pub docs: String,
}

/// A parameter with its value.
#[derive(Debug, Clone)]
pub struct Param {
    /// `min_days`
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// Its value.
    pub value: Const,
    /// Its documentation.
    pub docs: String,
}

/// A loaded, checked rule pack.
#[derive(Debug, Clone)]
pub struct RulePack {
    /// Document kinds, records and enums.
    pub schema: Schema,
    /// Principles by number.
    pub principles: BTreeMap<u32, Principle>,
    /// Guidelines by id.
    pub guidelines: IndexMap<String, Guideline>,
    /// Parameters, by index.
    pub params: Vec<Param>,
    /// Rules in id order.
    pub rules: Vec<Rule>,
    /// A short hash of the pack's files, reported with every result.
    pub hash: String,
}

/// The rule files built into the binary.
const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

impl RulePack {
    /// The default pack, embedded in the binary.
    pub fn builtin() -> Result<RulePack, Vec<SourceError>> {
        RulePack::load(RulePack::builtin_files())
    }

    /// The rule files of the default pack, for tools that extend it.
    pub fn builtin_files() -> Vec<SourceFile> {
        BUILTIN
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect()
    }

    /// Reads every `*.fr` file in `dir` (sorted by name) and loads them as one pack,
    /// refusing packs larger than `max_bytes` in all.
    pub fn from_dir(dir: &Path, max_bytes: u64) -> Result<RulePack, PackLoadError> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| PackLoadError::Io(dir.display().to_string(), e.to_string()))?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "fr"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(PackLoadError::Empty(dir.display().to_string()));
        }
        let mut files = Vec::new();
        let total: u64 = paths
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        if total > max_bytes {
            return Err(PackLoadError::Io(
                dir.display().to_string(),
                format!(
                    "the rule files hold {total} bytes, over the limit of {max_bytes} bytes (raise it with --max-rule-pack-bytes)"
                ),
            ));
        }
        for path in paths {
            let bytes = std::fs::read(&path)
                .map_err(|e| PackLoadError::Io(path.display().to_string(), e.to_string()))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                PackLoadError::Io(
                    path.display().to_string(),
                    "the file is not UTF-8 text".into(),
                )
            })?;
            // A byte-order mark is an editor's habit, not part of the rules.
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            files.push(SourceFile::new(path.display().to_string(), text));
        }
        RulePack::load(files).map_err(PackLoadError::Invalid)
    }

    /// Parses and checks the given rule files as one pack.
    pub fn load(files: Vec<SourceFile>) -> Result<RulePack, Vec<SourceError>> {
        let mut errors = Vec::new();
        let mut parsed = Vec::new();
        for file in &files {
            match parse_file(file) {
                Ok(ast) => parsed.push((file.clone(), ast)),
                Err(error) => errors.push(error),
            }
        }
        let mut loader = Loader::default();
        loader.declare_types(&parsed, &mut errors);
        loader.resolve_fields(&parsed, &mut errors);
        loader.declare_citations(&parsed, &mut errors);
        loader.declare_params(&parsed, &mut errors);
        // Rules are checked only against a sound schema: a broken type or parameter would
        // otherwise repeat itself as an error in every rule that uses it.
        let declarations_sound = errors.is_empty();
        for (file, ast) in parsed.iter().filter(|_| declarations_sound) {
            for rule in &ast.rules {
                match loader.rule(file, rule) {
                    Ok(rule) => loader.rules.push(rule),
                    Err(error) => errors.push(error),
                }
            }
        }
        loader.check_unique_rule_ids(&mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        loader.rules.sort_by_key(|rule| natural_key(&rule.id));
        Ok(RulePack {
            schema: loader.schema,
            principles: loader.principles,
            guidelines: loader.guidelines,
            params: loader.params,
            rules: loader.rules,
            hash: hash_files(&files),
        })
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Why `--rules DIR` could not be used.
#[derive(Debug)]
pub enum PackLoadError {
    /// The folder or a file in it could not be read.
    Io(String, String),
    /// The folder holds no `.fr` file.
    Empty(String),
    /// The files were read but do not form a valid pack.
    Invalid(Vec<SourceError>),
}

/// Sorts `FR-GP5-001` before `FR-GP11-001`: digit runs compare as numbers.
fn natural_key(id: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in id.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                key.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    key.push((text, digits.parse().unwrap_or(0)));
    key
}

fn hash_files(files: &[SourceFile]) -> String {
    let mut hasher = Sha256::new();
    let mut sorted: Vec<&SourceFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for file in sorted {
        let base = file.name.rsplit('/').next().unwrap_or(&file.name);
        hasher.update(base.as_bytes());
        hasher.update([0]);
        hasher.update(file.text.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Default)]
struct Loader {
    schema: Schema,
    enum_ids: IndexMap<String, usize>,
    record_ids: IndexMap<String, usize>,
    principles: BTreeMap<u32, Principle>,
    guidelines: IndexMap<String, Guideline>,
    params: Vec<Param>,
    rules: Vec<Rule>,
    rule_sites: Vec<(String, SourceFile, Span)>,
}

fn duplicate(file: &SourceFile, name: &Name, what: &str) -> SourceError {
    SourceError::new(
        "fairrec::rules::duplicate",
        file,
        name.span,
        format!("{what} `{}` is declared twice", name.text),
    )
    .with_label("declared again here")
}

impl Loader {
    fn declare_types(&mut self, parsed: &[(SourceFile, FileAst)], errors: &mut Vec<SourceError>) {
        let mut taken: HashSet<String> =
            Primitive::ALL.iter().map(|(n, _)| n.to_string()).collect();
        for (file, ast) in parsed {
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
                let known = Primitive::ALL
                    .iter()
                    .map(|(n, _)| *n)
                    .chain(self.enum_ids.keys().map(String::as_str))
                    .chain(self.record_ids.keys().map(String::as_str));
                let error = SourceError::new(
                    "fairrec::rules::unknown-type",
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
                        "fairrec::rules::envelope-field",
                        file,
                        decl.name.span,
                        format!(
                            "`{}` is a field of every document and cannot be redeclared",
                            decl.name.text
                        ),
                    )
                    .with_help(
                        "kind, schema_version, name and exchange_rates are provided by fairrec",
                    ),
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

    fn resolve_fields(&mut self, parsed: &[(SourceFile, FileAst)], errors: &mut Vec<SourceError>) {
        for (file, ast) in parsed {
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
                if let Some(kind) = self.schema.kinds.get(&decl.name.text) {
                    let root = kind.root;
                    if self.schema.records[root].fields.is_empty() {
                        self.schema.records[root].fields = fields;
                    }
                }
            }
        }
    }

    fn declare_citations(
        &mut self,
        parsed: &[(SourceFile, FileAst)],
        errors: &mut Vec<SourceError>,
    ) {
        for (file, ast) in parsed {
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
        }
    }

    fn declare_params(&mut self, parsed: &[(SourceFile, FileAst)], errors: &mut Vec<SourceError>) {
        for (file, ast) in parsed {
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
                let signatures: Vec<ParamSig> = Vec::new();
                let mut checker = self.checker(file, None, "", &signatures);
                match checker.expr(&decl.default) {
                    Ok((crate::pack::ir::Ir::Const(value), ty)) if ty == declared => {
                        self.params.push(Param {
                            name: decl.name.text.clone(),
                            ty,
                            value,
                            docs: decl.docs.clone(),
                        })
                    }
                    Ok((_, ty)) => errors.push(SourceError::new(
                        "fairrec::rules::type-mismatch",
                        file,
                        decl.default.span,
                        format!(
                            "the parameter is declared as {} but its value is {}",
                            declared.describe(&self.schema),
                            ty.describe(&self.schema)
                        ),
                    )),
                    Err(error) => errors.push(error),
                }
            }
        }
    }

    fn checker<'a>(
        &'a self,
        file: &'a SourceFile,
        root: Option<usize>,
        kind: &'a str,
        params: &'a [ParamSig],
    ) -> Checker<'a> {
        Checker {
            schema: &self.schema,
            params,
            root,
            kind_name: kind,
            file,
            scope: Vec::new(),
            slots: Vec::new(),
        }
    }

    fn check_unique_rule_ids(&self, errors: &mut Vec<SourceError>) {
        let mut seen: IndexMap<&str, ()> = IndexMap::new();
        for (id, file, span) in &self.rule_sites {
            if seen.insert(id.as_str(), ()).is_some() {
                errors.push(duplicate(
                    file,
                    &Name {
                        text: id.clone(),
                        span: *span,
                    },
                    "rule",
                ));
            }
        }
    }

    fn rule(&mut self, file: &SourceFile, decl: &RuleDecl) -> Result<Rule, SourceError> {
        self.rule_sites
            .push((decl.id.text.clone(), file.clone(), decl.id.span));
        let items = RuleItems::collect(file, decl)?;
        let (principles, guidelines) = self.citations(file, items.cites)?;
        let kinds = self.rule_kinds(file, items.kinds)?;
        let covers = self.covers(file, items.covers)?;
        let severity = Severity::parse(&items.severity.text).ok_or_else(|| {
            SourceError::new(
                "fairrec::rules::severity",
                file,
                items.severity.span,
                format!("`{}` is not a severity", items.severity.text),
            )
            .with_help("use critical, high, medium or low")
        })?;
        let outcome = match items.outcome.as_ref().map(|o| o.text.as_str()) {
            None | Some("violation") => RuleOutcome::Violation,
            Some("gap") => RuleOutcome::Gap,
            Some(other) => {
                let span = items.outcome.as_ref().map_or(decl.id.span, |o| o.span);
                return Err(SourceError::new(
                    "fairrec::rules::outcome",
                    file,
                    span,
                    format!("`{other}` is not an outcome"),
                )
                .with_help("use violation (the default) or gap"));
            }
        };
        let signatures: Vec<ParamSig> = self
            .params
            .iter()
            .map(|p| ParamSig {
                name: p.name.clone(),
                ty: p.ty.clone(),
            })
            .collect();
        let mut compiled = None;
        for kind in &kinds {
            let root = self.schema.kinds.get(kind).map(|k| k.root);
            let mut checker = self.checker(file, root, kind, &signatures);
            let mut bindings = Vec::new();
            for binding in items.bindings {
                let (collection, element) = checker.collection(&binding.collection)?;
                let slot = checker.bind(&binding.var, element)?;
                bindings.push((slot, collection));
            }
            let when = checker.condition(items.when)?;
            let at = match &items.at {
                Some(at) => {
                    let (ir, _) = checker.expr(at)?;
                    Some(ir)
                }
                None => None,
            };
            let message = message(&mut checker, file, items.message)?;
            let slot_names = checker.slots.clone();
            compiled.get_or_insert((bindings, when, at, message, slot_names));
        }
        let Some((bindings, when, at, message, slot_names)) = compiled else {
            return Err(SourceError::new(
                "fairrec::rules::missing-item",
                file,
                decl.id.span,
                "the rule applies to no kind",
            ));
        };
        Ok(Rule {
            id: decl.id.text.clone(),
            name: decl.name.text.clone(),
            title: items.title.value.clone(),
            principles,
            guidelines,
            kinds,
            covers,
            severity,
            outcome,
            source: items.source.value.clone(),
            docs: decl.docs.clone(),
            bindings,
            slot_names,
            when,
            at,
            message,
            remedy: items.remedy.value.clone(),
            file: file.clone(),
            span: decl.span,
        })
    }

    fn citations(
        &self,
        file: &SourceFile,
        cites: &[Name],
    ) -> Result<(Vec<u32>, Vec<String>), SourceError> {
        let mut principles = Vec::new();
        let mut guidelines = Vec::new();
        for cite in cites {
            if let Some(number) = cite.text.strip_prefix("GP") {
                let number: u32 = number.parse().unwrap_or(0);
                if !self.principles.contains_key(&number) {
                    return Err(SourceError::new(
                        "fairrec::rules::unknown-citation",
                        file,
                        cite.span,
                        format!("principle {} is not declared in the pack", cite.text),
                    )
                    .with_help("declare it with `principle N \"title\"`"));
                }
                principles.push(number);
            } else {
                if !self.guidelines.contains_key(&cite.text) {
                    let error = SourceError::new(
                        "fairrec::rules::unknown-citation",
                        file,
                        cite.span,
                        format!("guideline `{}` is not declared in the pack", cite.text),
                    );
                    return Err(error.suggest_or(
                        did_you_mean(&cite.text, self.guidelines.keys().map(String::as_str)),
                        "declare it with `guideline OG.X.Y for actor \"title\"`",
                    ));
                }
                guidelines.push(cite.text.clone());
            }
        }
        if principles.is_empty() {
            let span = cites.first().map_or_else(Span::default, |c| c.span);
            return Err(SourceError::new(
                "fairrec::rules::no-principle",
                file,
                span,
                "a rule must cite at least one general principle",
            )
            .with_help("add a principle such as `GP7` to `cites`"));
        }
        principles.sort_unstable();
        principles.dedup();
        Ok((principles, guidelines))
    }

    fn covers(
        &self,
        file: &SourceFile,
        paths: &[Vec<Name>],
    ) -> Result<Vec<(String, String)>, SourceError> {
        let mut covers = Vec::new();
        for path in paths {
            let (Some(enum_name), Some(value), None) = (path.first(), path.get(1), path.get(2))
            else {
                let span = path.first().map_or_else(Span::default, |n| n.span);
                return Err(SourceError::new(
                    "fairrec::rules::covers",
                    file,
                    span,
                    "`covers` takes enum values written as `Enum.value`",
                ));
            };
            let Some(def) = self
                .enum_ids
                .get(&enum_name.text)
                .map(|id| &self.schema.enums[*id])
            else {
                let error = SourceError::new(
                    "fairrec::rules::unknown-type",
                    file,
                    enum_name.span,
                    format!("there is no enum `{}`", enum_name.text),
                );
                return Err(error.suggest(did_you_mean(
                    &enum_name.text,
                    self.enum_ids.keys().map(String::as_str),
                )));
            };
            if !def.values.contains_key(&value.text) {
                let error = SourceError::new(
                    "fairrec::rules::unknown-enum-value",
                    file,
                    value.span,
                    format!("`{}` is not a value of `{}`", value.text, def.name),
                );
                return Err(error.suggest(did_you_mean(
                    &value.text,
                    def.values.keys().map(String::as_str),
                )));
            }
            covers.push((def.name.clone(), value.text.clone()));
        }
        Ok(covers)
    }

    fn rule_kinds(&self, file: &SourceFile, names: &[Name]) -> Result<Vec<String>, SourceError> {
        let mut kinds = Vec::new();
        for name in names {
            if !self.schema.kinds.contains_key(&name.text) {
                let error = SourceError::new(
                    "fairrec::rules::unknown-kind",
                    file,
                    name.span,
                    format!("there is no document kind `{}`", name.text),
                );
                return Err(error.suggest(did_you_mean(
                    &name.text,
                    self.schema.kinds.keys().map(String::as_str),
                )));
            }
            kinds.push(name.text.clone());
        }
        Ok(kinds)
    }
}

fn message(
    checker: &mut Checker,
    file: &SourceFile,
    text: &Text,
) -> Result<Vec<MessagePiece>, SourceError> {
    // The raw inside of the literal starts one byte after the opening quote.
    let pieces = parse_template(file, &text.raw, text.span.start + 1)?;
    let mut checked = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece {
            TemplatePiece::Text(t) => checked.push(MessagePiece::Text(t)),
            TemplatePiece::Hole(expr) => {
                let (ir, ty) = checker.expr(&expr)?;
                let is_enum = match &ty {
                    Ty::Enum(_) => true,
                    Ty::List(element) => matches!(**element, Ty::Enum(_)),
                    _ => false,
                };
                checked.push(MessagePiece::Value(ir, is_enum));
            }
        }
    }
    Ok(checked)
}

/// A rule body's items, each present at most once, the required ones present.
struct RuleItems<'a> {
    title: &'a Text,
    cites: &'a [Name],
    kinds: &'a [Name],
    covers: &'a [Vec<Name>],
    severity: &'a Name,
    outcome: Option<&'a Name>,
    source: &'a Text,
    bindings: &'a [crate::dsl::ast::Binding],
    when: &'a crate::dsl::ast::Expr,
    at: Option<&'a crate::dsl::ast::Expr>,
    message: &'a Text,
    remedy: &'a Text,
}

impl<'a> RuleItems<'a> {
    fn collect(file: &SourceFile, decl: &'a RuleDecl) -> Result<RuleItems<'a>, SourceError> {
        let mut seen: HashSet<&'static str> = HashSet::new();
        let (mut title, mut cites, mut kinds, mut severity, mut outcome, mut source) =
            (None, None, None, None, None, None);
        let mut covers = None;
        let (mut bindings, mut when, mut at, mut message, mut remedy) =
            (None, None, None, None, None);
        for item in &decl.items {
            let (word, span) = match item {
                RuleItem::Title(t) => {
                    title = Some(t);
                    ("title", t.span)
                }
                RuleItem::Cites(c) => {
                    cites = Some(c.as_slice());
                    ("cites", c.first().map_or(decl.id.span, |n| n.span))
                }
                RuleItem::Covers(c) => {
                    covers = Some(c.as_slice());
                    (
                        "covers",
                        c.first()
                            .and_then(|p| p.first())
                            .map_or(decl.id.span, |n| n.span),
                    )
                }
                RuleItem::Kinds(k) => {
                    kinds = Some(k.as_slice());
                    ("kinds", k.first().map_or(decl.id.span, |n| n.span))
                }
                RuleItem::Severity(s) => {
                    severity = Some(s);
                    ("severity", s.span)
                }
                RuleItem::Outcome(o) => {
                    outcome = Some(o);
                    ("outcome", o.span)
                }
                RuleItem::Source(s) => {
                    source = Some(s);
                    ("source", s.span)
                }
                RuleItem::ForEach(b) => {
                    bindings = Some(b.as_slice());
                    ("for each", b.first().map_or(decl.id.span, |b| b.var.span))
                }
                RuleItem::When(w) => {
                    when = Some(w);
                    ("when", w.span)
                }
                RuleItem::At(a) => {
                    at = Some(a);
                    ("at", a.span)
                }
                RuleItem::Message(m) => {
                    message = Some(m);
                    ("message", m.span)
                }
                RuleItem::Remedy(r) => {
                    remedy = Some(r);
                    ("remedy", r.span)
                }
            };
            if !seen.insert(word) {
                return Err(SourceError::new(
                    "fairrec::rules::duplicate-item",
                    file,
                    span,
                    format!("`{word}` is given twice in rule {}", decl.id.text),
                ));
            }
        }
        let missing = |word: &str| {
            SourceError::new(
                "fairrec::rules::missing-item",
                file,
                decl.id.span,
                format!("rule {} has no `{word}`", decl.id.text),
            )
            .with_help(
                "a rule needs title, cites, kinds, severity, source, when, message and remedy",
            )
        };
        Ok(RuleItems {
            title: title.ok_or_else(|| missing("title"))?,
            cites: cites.ok_or_else(|| missing("cites"))?,
            kinds: kinds.ok_or_else(|| missing("kinds"))?,
            covers: covers.unwrap_or(&[]),
            severity: severity.ok_or_else(|| missing("severity"))?,
            outcome,
            source: source.ok_or_else(|| missing("source"))?,
            bindings: bindings.unwrap_or(&[]),
            when: when.ok_or_else(|| missing("when"))?,
            at,
            message: message.ok_or_else(|| missing("message"))?,
            remedy: remedy.ok_or_else(|| missing("remedy"))?,
        })
    }
}

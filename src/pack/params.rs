//! Parameters (typed, documented values an overlay may set, citing its source) and named
//! conditions (checked once where declared, and again, inlined, where called).

use indexmap::IndexMap;

use super::check::{Checker, ConditionSig, ParamSig};
use super::declare::{duplicate, Loader, Parsed};
use super::ir::{Const, InstrumentCite, Ir, Ty};
use super::{Param, ParamSource};
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, SourceFile};
use crate::dsl::ast::SetDecl;

impl Loader {
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
                self.condition_docs
                    .insert(decl.name.text.clone(), decl.docs.clone());
                self.conditions.insert(
                    decl.name.text.clone(),
                    ConditionSig {
                        file: file.clone(),
                        body: decl.body.clone(),
                        params,
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
}

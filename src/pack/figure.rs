//! Figures: statistics every report shows, such as SDG indicator 10.7.1 (each worker's
//! recruitment cost over that worker's first-month earnings, then n, mean, median and 80th
//! percentile, overall and by sex). Checked like rules: names resolved, the value a number or
//! an amount, the group a single value.

use super::declare::Loader;
use super::ir::{Figure, Ty};
use crate::diagnostic::{ErrorCode, SourceError, SourceFile};
use crate::dsl::ast::FigureDecl;

impl Loader {
    pub fn figure(&mut self, file: &SourceFile, decl: &FigureDecl) -> Result<Figure, SourceError> {
        self.rule_sites
            .push((decl.id.text.clone(), file.clone(), decl.id.span));
        let (principles, guidelines, instruments) = self.citations(file, &decl.cites)?;
        let kinds = self.rule_kinds(file, &decl.kinds)?;
        let signatures = self.param_sigs();
        let mut compiled = None;
        for kind in &kinds {
            let mut checker = self.kind_checker(file, kind, &signatures);
            let bindings = checker.bindings(&decl.bindings)?;
            let (value, ty) = checker.expr(&decl.value)?;
            if !matches!(ty, Ty::Number | Ty::Money) {
                return Err(SourceError::new(
                    ErrorCode::RulesTypeMismatch,
                    file,
                    decl.value.span,
                    format!(
                        "a figure's value is a number or an amount, not {}",
                        ty.describe(&self.schema)
                    ),
                ));
            }
            let by = match &decl.by {
                Some(by) => {
                    let (ir, ty) = checker.expr(by)?;
                    if matches!(ty, Ty::List(_) | Ty::Record(_) | Ty::Set(_)) {
                        return Err(SourceError::new(
                            ErrorCode::RulesTypeMismatch,
                            file,
                            by.span,
                            "a figure is grouped by a single value, such as `w.sex`",
                        ));
                    }
                    Some(ir)
                }
                None => None,
            };
            let slots = checker.slot_names().len();
            compiled.get_or_insert((bindings, value, by, slots));
        }
        let Some((bindings, value, by, slots)) = compiled else {
            return Err(SourceError::new(
                ErrorCode::RulesMissingItem,
                file,
                decl.id.span,
                "the figure applies to no kind",
            ));
        };
        Ok(Figure {
            id: decl.id.text.clone(),
            name: decl.name.text.clone(),
            title: decl.title.value.clone(),
            docs: decl.docs.clone(),
            principles,
            guidelines,
            instruments,
            kinds,
            bindings,
            value,
            by,
            slots,
        })
    }
}

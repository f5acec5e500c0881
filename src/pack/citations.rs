//! Citation targets and citations: principles (`GPn`), guidelines (`OG.*`) and declared
//! instruments (conventions, standards, national acts, fairrec practice), and the legal
//! basis a rule or an overlay's value cites.

use super::declare::{duplicate, Basis, Loader, Parsed};
use super::ir::InstrumentCite;
use super::{Guideline, Instrument, Principle, INSTRUMENT_CATEGORIES};
use crate::diagnostic::{did_you_mean, ErrorCode, SourceError, SourceFile};
use crate::dsl::ast::{Citation, Name};

impl Loader {
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
}

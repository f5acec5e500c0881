//! Loading in order: parse every file of the pack and of each overlay, declare types,
//! citations, parameters and named conditions, check the rules, then apply the overlays'
//! parameter values and disabled rules. Every problem is collected; any problem refuses the
//! whole pack.

use super::declare::{Loader, Parsed};
use super::{hash_files, natural_key, DisabledRule, Overlay, OverlayFiles, ParamSource, RulePack};
use crate::diagnostic::{ErrorCode, SourceError, SourceFile};
use crate::dsl::ast::Name;
use crate::dsl::parser::parse_file;

/// Loads the pack files (layer `None`) and each overlay's files (layer `Some(i)`).
pub(super) fn load(
    base: Vec<SourceFile>,
    overlays: Vec<OverlayFiles>,
) -> Result<RulePack, Vec<SourceError>> {
    let mut errors = Vec::new();
    let mut parsed: Vec<Parsed> = Vec::new();
    let mut layered: Vec<(Option<usize>, SourceFile)> =
        base.into_iter().map(|file| (None, file)).collect();
    for (index, overlay) in overlays.iter().enumerate() {
        layered.extend(
            overlay
                .files
                .iter()
                .cloned()
                .map(|file| (Some(index), file)),
        );
    }
    for (layer, file) in &layered {
        match parse_file(file) {
            Ok(ast) => parsed.push(Parsed {
                file: file.clone(),
                ast,
                layer: *layer,
            }),
            Err(mut file_errors) => errors.append(&mut file_errors),
        }
    }
    let mut loader = Loader::default();
    loader.overlays = declare_overlays(&overlays, &parsed, &mut errors);
    loader.declare_types(&parsed, &mut errors);
    loader.resolve_fields(&parsed, &mut errors);
    loader.check_id_paths(&parsed, &mut errors);
    loader.declare_citations(&parsed, &mut errors);
    loader.declare_params(&parsed, &mut errors);
    loader.declare_conditions(&parsed, &mut errors);
    // Rules are checked only against sound declarations: a broken type or parameter would
    // otherwise repeat itself as an error in every rule that uses it.
    if errors.is_empty() {
        for unit in &parsed {
            for rule in &unit.ast.rules {
                match loader.rule(&unit.file, rule, unit.layer) {
                    Ok(rule) => loader.rules.push(rule),
                    Err(error) => errors.push(error),
                }
            }
            for figure in &unit.ast.figures {
                match loader.figure(&unit.file, figure) {
                    Ok(figure) => loader.figures.push(figure),
                    Err(error) => errors.push(error),
                }
            }
        }
        loader.check_unique_rule_ids(&mut errors);
        apply_sets(&mut loader, &parsed, &mut errors);
    }
    let disabled = apply_disables(&mut loader, &parsed, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    loader.rules.sort_by_key(|rule| natural_key(&rule.id));
    Ok(RulePack {
        hash: hash_files(layered.iter().map(|(_, file)| file)),
        schema: loader.schema,
        principles: loader.principles,
        guidelines: loader.guidelines,
        instruments: loader.instruments,
        params: loader.params,
        conditions: loader.condition_docs,
        rules: loader.rules,
        figures: loader.figures,
        overlays: loader.overlays,
        disabled,
    })
}

/// Each overlay names itself once; the pack itself never does.
fn declare_overlays(
    overlays: &[OverlayFiles],
    parsed: &[Parsed],
    errors: &mut Vec<SourceError>,
) -> Vec<Overlay> {
    let mut declared: Vec<Option<Overlay>> = vec![None; overlays.len()];
    for unit in parsed {
        for decl in &unit.ast.overlays {
            let Some(layer) = unit.layer else {
                errors.push(
                    SourceError::new(
                        ErrorCode::RulesOverlay,
                        &unit.file,
                        decl.name.span,
                        "`overlay` belongs in an overlay folder, not in the rule pack",
                    )
                    .with_help("load the folder with `--overlay DIR`"),
                );
                continue;
            };
            if declared[layer].is_some() {
                errors.push(SourceError::new(
                    ErrorCode::RulesOverlay,
                    &unit.file,
                    decl.name.span,
                    "this overlay is named twice",
                ));
                continue;
            }
            declared[layer] = Some(Overlay {
                name: decl.name.value.clone(),
                jurisdiction: decl.jurisdiction.value.clone(),
                dir: overlays[layer].dir.clone(),
                hash: hash_files(&overlays[layer].files),
                docs: decl.docs.clone(),
            });
        }
    }
    declared
        .into_iter()
        .zip(overlays)
        .map(|(overlay, files)| {
            overlay.unwrap_or_else(|| {
                let file = files
                    .files
                    .first()
                    .cloned()
                    .unwrap_or_else(|| SourceFile::new(files.dir.as_str(), ""));
                errors.push(
                    SourceError::new(
                        ErrorCode::RulesOverlay,
                        &file,
                        Default::default(),
                        format!("the overlay `{}` does not say what it is", files.dir),
                    )
                    .with_help(
                        "add `overlay \"its name\" jurisdiction \"the country or region\"` to one of its files",
                    ),
                );
                Overlay {
                    name: files.dir.clone(),
                    jurisdiction: String::new(),
                    dir: files.dir.clone(),
                    hash: String::new(),
                    docs: String::new(),
                }
            })
        })
        .collect()
}

/// `set name = value cites ...`: only in overlays, on a declared parameter, with a value of
/// its type and at least one citation.
fn apply_sets(loader: &mut Loader, parsed: &[Parsed], errors: &mut Vec<SourceError>) {
    for unit in parsed {
        for decl in &unit.ast.sets {
            let Some(layer) = unit.layer else {
                errors.push(not_in_pack(&unit.file, &decl.param, "set"));
                continue;
            };
            match loader.set_param(&unit.file, decl) {
                Ok((index, value, cites)) => {
                    let param = &mut loader.params[index];
                    param.value = value;
                    param.source = ParamSource::Overlay {
                        overlay: layer,
                        cites,
                    };
                }
                Err(error) => errors.push(error),
            }
        }
    }
}

/// `disable ID because "..."`: only in overlays, on a rule that exists, with a reason.
fn apply_disables(
    loader: &mut Loader,
    parsed: &[Parsed],
    errors: &mut Vec<SourceError>,
) -> Vec<DisabledRule> {
    let mut disabled = Vec::new();
    for unit in parsed {
        for decl in &unit.ast.disables {
            let Some(layer) = unit.layer else {
                errors.push(not_in_pack(&unit.file, &decl.rule, "disable"));
                continue;
            };
            if decl.because.value.trim().is_empty() {
                errors.push(SourceError::new(
                    ErrorCode::RulesOverlay,
                    &unit.file,
                    decl.because.span,
                    "a rule is disabled only with a written justification",
                ));
                continue;
            }
            let Some(position) = loader.rules.iter().position(|r| r.id == decl.rule.text) else {
                if errors.is_empty() {
                    let ids = loader.rules.iter().map(|r| r.id.as_str());
                    errors.push(
                        SourceError::new(
                            ErrorCode::RulesOverlay,
                            &unit.file,
                            decl.rule.span,
                            format!("there is no rule `{}` to disable", decl.rule.text),
                        )
                        .suggest(crate::diagnostic::did_you_mean(&decl.rule.text, ids)),
                    );
                }
                continue;
            };
            let rule = loader.rules.remove(position);
            disabled.push(DisabledRule {
                id: rule.id,
                title: rule.title,
                overlay: layer,
                because: decl.because.value.clone(),
            });
        }
    }
    disabled.sort_by_key(|d| natural_key(&d.id));
    disabled
}

fn not_in_pack(file: &SourceFile, name: &Name, word: &str) -> SourceError {
    SourceError::new(
        ErrorCode::RulesOverlay,
        file,
        name.span,
        format!("`{word}` belongs in a national overlay, not in the rule pack"),
    )
    .with_help("change the pack's own declaration instead, or move this to an overlay folder loaded with `--overlay DIR`")
}

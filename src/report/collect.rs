//! The pack and checked results → the report model: the run's header from the pack, and
//! each document's result with its places turned into lines and columns, so the model
//! holds no source text.

use super::model::{
    ActorReport, DisabledInfo, DocumentReport, ErrorEntry, ExceptionReport, FigureInfo,
    FigureReport, FindingReport, GuidelineCite, InstrumentCiteInfo, Location, OverlayInfo,
    ParameterInfo, PrincipleInfo, RelatedLocation, RuleInfo, RunHeader, Stats,
};
use crate::batch::DocumentResult;
use crate::finding::{FigureResult, Finding, Outcome};
use crate::pack::RulePack;

/// The version of the JSON format; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

/// fairrec's own version, as every report states it.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The header of a run: the pack's hash, overlays, parameters, disabled rules and rules, and
/// the date; without a pack (a run that stopped before it loaded), only the versions.
pub fn header(pack: Option<&RulePack>, as_of: Option<&str>) -> RunHeader {
    let mut header = RunHeader {
        tool_version: TOOL_VERSION,
        format_version: FORMAT_VERSION,
        notice: crate::catalogue::NOTICE,
        rules_hash: None,
        as_of: as_of.map(str::to_string),
        overlays: Vec::new(),
        parameters: Vec::new(),
        disabled_rules: Vec::new(),
        rules: Vec::new(),
        principles: Vec::new(),
        figures: Vec::new(),
    };
    let Some(pack) = pack else {
        return header;
    };
    header.rules_hash = Some(pack.hash.clone());
    header.overlays = pack
        .overlays
        .iter()
        .map(|o| OverlayInfo {
            name: o.name.clone(),
            jurisdiction: o.jurisdiction.clone(),
            dir: o.dir.clone(),
            hash: o.hash.clone(),
        })
        .collect();
    header.parameters = pack
        .params
        .iter()
        .map(|p| ParameterInfo {
            name: p.name.clone(),
            value: p.value.to_string(),
            source: pack.param_source(p),
        })
        .collect();
    header.disabled_rules = pack
        .disabled
        .iter()
        .map(|d| DisabledInfo {
            rule: d.id.clone(),
            title: d.title.clone(),
            overlay: pack.overlays.get(d.overlay).map(|o| o.name.clone()),
            because: d.because.clone(),
        })
        .collect();
    header.rules = pack
        .rules
        .iter()
        .map(|rule| rule_info(pack, rule))
        .collect();
    header.principles = pack
        .principles
        .iter()
        .map(|(number, p)| PrincipleInfo {
            number: *number,
            title: p.title.clone(),
        })
        .collect();
    header.figures = pack
        .figures
        .iter()
        .map(|f| FigureInfo {
            id: f.id.clone(),
            title: f.title.clone(),
        })
        .collect();
    header
}

fn rule_info(pack: &RulePack, rule: &crate::pack::ir::Rule) -> RuleInfo {
    RuleInfo {
        id: rule.id.clone(),
        name: rule.name.clone(),
        title: rule.title.clone(),
        principles: rule.principles.clone(),
        guidelines: rule
            .guidelines
            .iter()
            .map(|id| {
                let declared = pack.guidelines.get(id);
                GuidelineCite {
                    id: id.clone(),
                    actor: declared.map_or_else(String::new, |g| g.actor.clone()),
                    title: declared.map_or_else(String::new, |g| g.title.clone()),
                }
            })
            .collect(),
        instruments: rule
            .instruments
            .iter()
            .map(|c| InstrumentCiteInfo {
                id: c.id.clone(),
                pinpoint: c.pinpoint.clone(),
                title: pack.cite_text(c),
            })
            .collect(),
        severity: rule.severity,
        remedy: rule.remedy.clone(),
        source: rule.source.clone(),
    }
}

/// One checked document as the model holds it.
pub fn document(result: &DocumentResult) -> DocumentReport {
    DocumentReport {
        path: result.file.name.to_string(),
        index: result.index,
        kind: result.kind.clone(),
        name: result.name.clone(),
        id: result.id.clone(),
        verdict: result.verdict(),
        findings: result
            .findings
            .findings
            .iter()
            .map(|f| finding(result, f))
            .collect(),
        errors: result.errors.iter().map(ErrorEntry::from).collect(),
        passed: result.findings.passed.clone(),
        figures: result.findings.figures.iter().map(figure).collect(),
        corridors: result.groups.clone(),
        unmatched: result.findings.unmatched.clone(),
        comparison: result.comparison.clone(),
    }
}

fn finding(result: &DocumentResult, finding: &Finding) -> FindingReport {
    let (line, column) = result.file.line_column(finding.span.start);
    FindingReport {
        rule: finding.rule,
        outcome: finding.outcome,
        message: finding.message.clone(),
        location: Location {
            line,
            column,
            path: finding.path.clone(),
        },
        value: quoted(result, finding),
        missing: finding.missing.clone(),
        related: finding.related.as_ref().map(|related| {
            let (line, column) = related.file.line_column(related.span.start);
            RelatedLocation {
                file: related.file.name.to_string(),
                line,
                column,
                path: related.path.clone(),
            }
        }),
        exceptions: finding
            .exceptions
            .iter()
            .map(|e| ExceptionReport {
                label: e.label.clone(),
                status: if e.needs.is_empty() {
                    "not_established"
                } else {
                    "not_shown"
                },
                needs: e.needs.clone(),
            })
            .collect(),
        review: finding.review.clone(),
        actor: finding.actor.as_ref().map(|a| ActorReport {
            name: a.name.clone(),
            relation: a.relation,
        }),
        also_breaches: finding.merged.clone(),
        waiver: finding.waiver.clone(),
        change: finding.change,
        trace: None,
    }
}

/// The longest value a report quotes, in characters; a longer one is left to the location.
const MAX_QUOTED_CHARS: usize = 120;

/// The YAML text a violation, gap or review points at, when it is a value on one line of
/// at most [`MAX_QUOTED_CHARS`]. A finding about a whole list or mapping points at its key,
/// which is no value; a not-assessable result points at the nearest node that exists, which
/// is not the fact it lacks: neither quotes anything.
fn quoted(result: &DocumentResult, finding: &Finding) -> Option<String> {
    if finding.outcome == Outcome::NotAssessable || finding.span.len == 0 {
        return None;
    }
    let source = &result.file.text;
    let end = finding.span.start.checked_add(finding.span.len)?;
    let text = source.get(finding.span.start..end)?;
    let is_key = source
        .get(end..)
        .is_some_and(|after| after.trim_start_matches([' ', '\t']).starts_with(':'));
    let single = !text.contains(['\n', '\r']) && text.chars().count() <= MAX_QUOTED_CHARS;
    (single && !is_key).then(|| text.to_string())
}

fn figure(result: &FigureResult) -> FigureReport {
    FigureReport {
        figure: result.figure,
        unit: result.unit.clone(),
        items: result.items,
        excluded: result.excluded,
        overall: result.overall.as_ref().map(Stats::from),
        by_group: result
            .by_group
            .iter()
            .map(|(g, s)| (g.clone(), Stats::from(s)))
            .collect(),
    }
}

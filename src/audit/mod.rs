//! Audits over time: what a ministry adds to a run once it follows agencies up year after
//! year. Each checked document passes through [`Audit::apply`] before it is reported:
//! `--waivers` turns the findings an unexpired waiver names into `waived` ones
//! (`waivers`, read by `waiver_file`), and `--baseline` compares the document's findings
//! with the same document (by stable id) in an earlier JSON report (`baseline`,
//! `compare`). At the end, [`Audit::finish`] says what became of each waiver, what changed
//! since the earlier audit, and which stable ids several documents share.
//!
//! A waiver file or baseline that cannot be used is an error of the run (exit status 2),
//! reported with its place; the documents are still checked and reported, without any
//! waiver or comparison, so nothing is waived on the strength of a file that was not read.

pub mod baseline;
pub mod compare;
mod waiver_file;
pub mod waivers;

use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

use crate::batch::DocumentResult;
use crate::diagnostic::SourceError;
use crate::limits::Limits;
use crate::pack::RulePack;
use baseline::{read_baseline, Baseline};
use compare::BaselineSummary;
use waivers::{WaiverUse, Waivers};

pub use waiver_file::read_waivers;

/// Advice for a waiver file that cannot be read at all.
const WAIVERS_HELP: &str =
    "`--waivers` takes a YAML list of waivers (see the README, follow-up audits)";

/// Advice for a baseline that cannot be read at all.
const BASELINE_HELP: &str = "`--baseline` takes an earlier report of `fairrec check --format json`";

/// What an audit adds to a run's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditSummary {
    /// The waiver file, when one was given and read.
    pub waiver_file: Option<String>,
    /// Every waiver of the file with what became of it, in file order.
    pub waivers: Vec<WaiverUse>,
    /// The comparison with the earlier audit, when one was given and read.
    pub baseline: Option<BaselineSummary>,
    /// Stable ids that more than one document of the run has, with how many: waivers and
    /// comparisons name them all at once.
    pub shared_ids: Vec<(String, usize)>,
}

/// The waivers and earlier audit of a run, and what they have done so far.
#[derive(Debug, Default)]
pub struct Audit {
    waivers: Option<Waivers>,
    baseline: Option<Baseline>,
    compared: BaselineSummary,
    errors: Vec<SourceError>,
    ids: BTreeMap<String, usize>,
    as_of: Option<Date>,
    rules_hash: String,
}

impl Audit {
    /// Reads the waiver file and the earlier audit, when given; what cannot be read becomes
    /// the run's errors ([`Audit::errors`]) and is left out.
    pub fn load(
        waivers: Option<&Path>,
        baseline: Option<&Path>,
        pack: &RulePack,
        as_of: Date,
        limits: &Limits,
    ) -> Audit {
        let mut audit = Audit {
            as_of: Some(as_of),
            rules_hash: pack.hash.clone(),
            ..Audit::default()
        };
        if let Some(path) = waivers {
            match read_waivers(path, pack, limits) {
                Ok(list) => {
                    audit.waivers = Some(Waivers::new(path.display().to_string(), list));
                }
                Err(errors) => {
                    let advised = errors.into_iter().map(|e| advise(e, WAIVERS_HELP));
                    audit.errors.extend(advised);
                }
            }
        }
        if let Some(path) = baseline {
            match read_baseline(path, limits) {
                Ok(read) => audit.baseline = Some(read),
                Err(error) => audit.errors.push(advise(error, BASELINE_HELP)),
            }
        }
        audit
    }

    /// Why a waiver file or baseline could not be used: errors of the run (exit status 2).
    pub fn errors(&self) -> &[SourceError] {
        &self.errors
    }

    /// Applies the waivers to a checked document, then compares it with the earlier audit.
    pub fn apply(&mut self, pack: &RulePack, result: &mut DocumentResult) {
        let Some(id) = result.id.clone() else {
            if let Some(baseline) = &mut self.baseline {
                baseline.compare(pack, result, &mut self.compared);
            }
            return;
        };
        *self.ids.entry(id.clone()).or_default() += 1;
        if let (Some(waivers), Some(as_of)) = (&mut self.waivers, self.as_of) {
            waivers.apply(pack, &id, &mut result.findings.findings, as_of);
        }
        if let Some(baseline) = &mut self.baseline {
            baseline.compare(pack, result, &mut self.compared);
        }
    }

    /// New findings that would on their own keep their document from being accepted: a
    /// violation or gap, and, unless incomplete documents are accepted, a finding not
    /// assessable or for review. `--fail-on-new` exits by these alone.
    pub fn new_failures(&self, allow_incomplete: bool) -> usize {
        let new = &self.compared.new;
        new.violations
            + new.gaps
            + if allow_incomplete {
                0
            } else {
                new.not_assessable + new.reviews
            }
    }

    /// What the audit adds to the summary.
    pub fn finish(&self) -> AuditSummary {
        let baseline = self.baseline.as_ref().map(|b| BaselineSummary {
            file: b.file.clone(),
            as_of: b.as_of.clone(),
            tool_version: b.tool_version.clone(),
            rules_hash: b.rules_hash.clone(),
            same_rules: b.rules_hash.as_deref() == Some(self.rules_hash.as_str()),
            documents_missing: b.missing(),
            ..self.compared.clone()
        });
        AuditSummary {
            waiver_file: self.waivers.as_ref().map(|w| w.file.clone()),
            waivers: match (&self.waivers, self.as_of) {
                (Some(waivers), Some(as_of)) => waivers.uses(as_of),
                _ => Vec::new(),
            },
            baseline,
            shared_ids: self
                .ids
                .iter()
                .filter(|(_, n)| **n > 1)
                .map(|(id, n)| (id.clone(), *n))
                .collect(),
        }
    }
}

/// `help` for an error that has none (a file that cannot be read says only why).
fn advise(error: SourceError, help: &str) -> SourceError {
    if error.help().is_some() {
        error
    } else {
        error.with_help(help)
    }
}

//! Summaries over a run, built one document at a time: documents per verdict, findings per
//! principle (and per principle and severity), the documents ranked by what was found, and
//! per corridor the documents, their violations and the figures (SDG 10.7.1) over every
//! per-worker value of the corridor pooled, not averaged per document. Everything is kept
//! in ordered maps, so the same documents give the same summary byte for byte.

use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

use super::model::{DocumentReport, RunHeader, Stats};
use super::Totals;
pub use crate::finding::OutcomeCounts;
use crate::finding::{FigureResult, Outcome, Verdict};
use crate::pack::ir::Severity;

/// Every severity, most serious first.
pub const SEVERITIES: [Severity; 4] = [
    Severity::Critical,
    Severity::High,
    Severity::Medium,
    Severity::Low,
];

/// The most documents a summary ranks. A ranking of every document would grow with the
/// run (a ministry's batch can hold 100,000 documents) while the summary is kept to the
/// end; the worst are what a reader acts on, and each document's verdict is in its result.
pub const RANKING_LIMIT: usize = 100;

/// Totals and summaries over a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Counts of documents, findings and errors, and documents per verdict.
    pub totals: Totals,
    /// Every principle of the pack, with what was found under it.
    pub principles: Vec<PrincipleSummary>,
    /// The [`RANKING_LIMIT`] worst documents, most violations first (see
    /// [`RankedDocument`]); every document's own verdict is in its result.
    pub ranking: Vec<RankedDocument>,
    /// Per corridor, in key order; documents that state none last.
    pub corridors: Vec<CorridorSummary>,
    /// Each figure over every document's values pooled.
    pub figures: Vec<PooledFigure>,
    /// Documents other documents' rules read that are not in the run, each said once.
    pub unmatched: Vec<UnmatchedSummary>,
    /// Waivers, the comparison with an earlier audit and shared ids (`crate::audit`).
    pub audit: crate::audit::AuditSummary,
}

use super::summary_unmatched::UnmatchedBuilder;
pub use super::summary_unmatched::UnmatchedSummary;

/// Findings citing one principle (a finding that also breaches merged rules counts under
/// their principles too, once).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PrincipleSummary {
    /// 1 to 13.
    pub number: u32,
    /// Its short title.
    pub title: String,
    /// The counts, over all severities.
    pub counts: OutcomeCounts,
    /// Documents with at least one finding citing it.
    pub documents: usize,
    /// The counts per severity, most serious first.
    pub by_severity: Vec<(Severity, OutcomeCounts)>,
}

/// A document's place in the ranking: most violations first, then most critical, high,
/// medium and low violations, then most gaps, then most not assessable, then input order.
#[derive(Debug, Clone, Serialize)]
pub struct RankedDocument {
    /// 1 for the worst.
    pub rank: usize,
    /// The file.
    pub path: String,
    /// Its position in the file.
    pub index: usize,
    /// Its kind.
    pub kind: Option<String>,
    /// Its name.
    pub name: Option<String>,
    /// Its verdict.
    pub verdict: Verdict,
    /// Its findings by outcome.
    pub counts: OutcomeCounts,
    /// Its violations by severity, most serious first.
    pub violations_by_severity: [usize; 4],
    /// Its position in the run, from 0.
    #[serde(skip)]
    position: usize,
}

/// One corridor.
#[derive(Debug, Clone, Serialize)]
pub struct CorridorSummary {
    /// `NP → MY`, or `(none stated)`.
    pub label: String,
    /// The key's fields and values; empty for documents that state no corridor.
    pub key: Vec<(String, String)>,
    /// Documents stating it.
    pub documents: usize,
    /// Their violations.
    pub violations: usize,
    /// Their gaps.
    pub gaps: usize,
    /// Each figure over the values of the documents that state this corridor alone.
    pub figures: Vec<PooledFigure>,
}

/// A figure over many documents' values pooled.
#[derive(Debug, Clone, Serialize)]
pub struct PooledFigure {
    /// The figure, by index in [`RunHeader::figures`].
    pub figure: usize,
    /// The currency, for amounts (values in different currencies are never pooled).
    pub unit: Option<String>,
    /// n, mean, median, 80th percentile; `None` when no value was given.
    pub stats: Option<Stats>,
    /// Items without a value (a fact or an exchange rate not given).
    pub excluded: usize,
    /// Values of documents that state several corridors: not pooled into any one of them,
    /// since a record does not say which corridor its worker came through.
    pub shared: usize,
}

/// Builds a [`Summary`] one document at a time.
#[derive(Debug, Default)]
pub struct SummaryBuilder {
    totals: Totals,
    principles: BTreeMap<u32, PrincipleSummary>,
    ranking: Vec<RankedDocument>,
    corridors: BTreeMap<Vec<(String, String)>, Corridor>,
    all: Pools,
    unmatched: UnmatchedBuilder,
}

#[derive(Debug, Default)]
struct Corridor {
    documents: usize,
    violations: usize,
    gaps: usize,
    pools: Pools,
}

/// Values per figure and unit.
type Pools = BTreeMap<(usize, Option<String>), Pool>;

#[derive(Debug, Default)]
struct Pool {
    values: Vec<Decimal>,
    excluded: usize,
    shared: usize,
}

impl SummaryBuilder {
    /// Adds one document; `figures` are its figure results with their values.
    pub fn add(&mut self, header: &RunHeader, document: &DocumentReport, figures: &[FigureResult]) {
        self.totals.add(document);
        let position = self.totals.documents;
        let mut counts = OutcomeCounts::default();
        let mut by_severity = [0; 4];
        let mut cited = Vec::new();
        for finding in &document.findings {
            counts.add(finding.outcome);
            let Some(rule) = header.rules.get(finding.rule) else {
                continue;
            };
            let severity = SEVERITIES.iter().position(|s| *s == rule.severity);
            if finding.outcome == Outcome::Violation {
                if let Some(slot) = severity {
                    by_severity[slot] += 1;
                }
            }
            let mut principles: Vec<u32> = std::iter::once(finding.rule)
                .chain(finding.also_breaches.iter().copied())
                .filter_map(|index| header.rules.get(index))
                .flat_map(|r| r.principles.iter().copied())
                .collect();
            principles.sort_unstable();
            principles.dedup();
            for number in principles {
                let entry = self.principle(header, number);
                entry.counts.add(finding.outcome);
                if let Some(slot) = severity {
                    entry.by_severity[slot].1.add(finding.outcome);
                }
                if !cited.contains(&number) {
                    cited.push(number);
                }
            }
        }
        for number in cited {
            self.principle(header, number).documents += 1;
        }
        self.prune_ranking();
        self.ranking.push(RankedDocument {
            rank: 0,
            path: document.path.clone(),
            index: document.index,
            kind: document.kind.clone(),
            name: document.name.clone(),
            verdict: document.verdict,
            counts,
            violations_by_severity: by_severity,
            position,
        });
        if document.verdict != Verdict::Error {
            self.add_corridors(document, &counts, figures);
        }
        self.unmatched.add(document);
    }

    /// Keeps memory flat: past twice the limit, only the worst [`RANKING_LIMIT`] stay (the
    /// order is total, so pruning early ranks exactly as sorting everything would).
    fn prune_ranking(&mut self) {
        if self.ranking.len() >= 2 * RANKING_LIMIT {
            self.ranking.sort_by(worse_first);
            self.ranking.truncate(RANKING_LIMIT);
        }
    }

    fn principle(&mut self, header: &RunHeader, number: u32) -> &mut PrincipleSummary {
        self.principles
            .entry(number)
            .or_insert_with(|| empty_principle(header, number))
    }

    fn add_corridors(
        &mut self,
        document: &DocumentReport,
        counts: &OutcomeCounts,
        figures: &[FigureResult],
    ) {
        let none = [Vec::new()];
        let keys: &[Vec<(String, String)>] = if document.corridors.is_empty() {
            &none
        } else {
            &document.corridors
        };
        let alone = keys.len() == 1;
        for key in keys {
            let corridor = self.corridors.entry(key.clone()).or_default();
            corridor.documents += 1;
            corridor.violations += counts.violations;
            corridor.gaps += counts.gaps;
            for figure in figures {
                let pool = corridor
                    .pools
                    .entry((figure.figure, figure.unit.clone()))
                    .or_default();
                if alone {
                    pool.values.extend_from_slice(&figure.values);
                    pool.excluded += figure.excluded;
                } else {
                    pool.shared += figure.values.len() + figure.excluded;
                }
            }
        }
        for figure in figures {
            let pool = self
                .all
                .entry((figure.figure, figure.unit.clone()))
                .or_default();
            pool.values.extend_from_slice(&figure.values);
            pool.excluded += figure.excluded;
        }
    }

    /// The summary; every principle of the pack is listed, with zeros where nothing was found.
    pub fn finish(mut self, header: &RunHeader) -> Summary {
        for principle in &header.principles {
            self.principle(header, principle.number);
        }
        let mut ranking = self.ranking;
        ranking.sort_by(worse_first);
        ranking.truncate(RANKING_LIMIT);
        for (rank, entry) in ranking.iter_mut().enumerate() {
            entry.rank = rank + 1;
        }
        // Documents that state no corridor (the empty key sorts first) go last.
        let mut corridors: Vec<CorridorSummary> = self
            .corridors
            .into_iter()
            .map(|(key, c)| CorridorSummary {
                label: corridor_label(&key),
                key,
                documents: c.documents,
                violations: c.violations,
                gaps: c.gaps,
                figures: pooled(c.pools),
            })
            .collect();
        if corridors.first().is_some_and(|c| c.key.is_empty()) {
            corridors.rotate_left(1);
        }
        let unmatched = self.unmatched.finish();
        Summary {
            totals: self.totals,
            principles: self.principles.into_values().collect(),
            ranking,
            corridors,
            figures: pooled(self.all),
            unmatched,
            audit: crate::audit::AuditSummary::default(),
        }
    }
}

/// The ranking's order: most violations, then most serious, then gaps, then not
/// assessable, then input order.
fn worse_first(a: &RankedDocument, b: &RankedDocument) -> std::cmp::Ordering {
    b.counts
        .violations
        .cmp(&a.counts.violations)
        .then_with(|| b.violations_by_severity.cmp(&a.violations_by_severity))
        .then_with(|| b.counts.gaps.cmp(&a.counts.gaps))
        .then_with(|| b.counts.not_assessable.cmp(&a.counts.not_assessable))
        .then_with(|| a.position.cmp(&b.position))
}

fn empty_principle(header: &RunHeader, number: u32) -> PrincipleSummary {
    PrincipleSummary {
        number,
        title: header
            .principles
            .iter()
            .find(|p| p.number == number)
            .map_or_else(String::new, |p| p.title.clone()),
        by_severity: SEVERITIES
            .iter()
            .map(|s| (*s, OutcomeCounts::default()))
            .collect(),
        ..PrincipleSummary::default()
    }
}

fn pooled(pools: Pools) -> Vec<PooledFigure> {
    pools
        .into_iter()
        .map(|((figure, unit), pool)| PooledFigure {
            figure,
            unit,
            stats: crate::eval::statistics(pool.values).map(|s| Stats::from(&s)),
            excluded: pool.excluded,
            shared: pool.shared,
        })
        .collect()
}

/// `NP → MY`; `(none stated)` for the empty key.
pub fn corridor_label(key: &[(String, String)]) -> String {
    if key.is_empty() {
        return "(none stated)".to_string();
    }
    key.iter()
        .map(|(_, value)| value.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

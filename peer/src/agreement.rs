//! Whether the two engines conclude the same: for each of the five rules, the documents each
//! engine flags and those where they disagree; and whether a variant of the corpus gives
//! the same findings as the plain documents it was made from.

use std::collections::BTreeSet;

use crate::fairrec_side::Outcomes;

/// The five rules' ids, as both peer/rules/five-rules.fr and peer/policy.rego name them.
pub const RULES: [&str; 5] = [
    "FR-BENCH-001",
    "FR-BENCH-002",
    "FR-BENCH-003",
    "FR-BENCH-004",
    "FR-BENCH-005",
];

/// One rule's counts over a corpus.
pub struct RuleCount {
    /// The rule id.
    pub rule: &'static str,
    /// Documents fairrec flags with it.
    pub fairrec_documents: usize,
    /// Documents regorus flags with it.
    pub regorus_documents: usize,
    /// Its violations in fairrec (one per cost line, passport, ...).
    pub fairrec_violations: usize,
    /// Its violations in regorus.
    pub regorus_violations: usize,
    /// Documents flagged by one engine only.
    pub disagreements: usize,
}

/// Per-rule counts and the documents where the engines differ.
pub struct Agreement {
    /// One entry per rule of [`RULES`].
    pub rules: Vec<RuleCount>,
    /// Each differing document, described (at most the first 20).
    pub mismatches: Vec<String>,
    /// How many documents differ in any way (errors included).
    pub differing: usize,
}

/// Compares fairrec's five-rule outcomes with regorus's violations, document by document.
pub fn compare(
    fairrec: &[Result<Outcomes, String>],
    regorus: &[(BTreeSet<String>, Vec<String>)],
) -> Agreement {
    let mut agreement = Agreement {
        rules: RULES
            .iter()
            .map(|rule| RuleCount {
                rule,
                fairrec_documents: 0,
                regorus_documents: 0,
                fairrec_violations: 0,
                regorus_violations: 0,
                disagreements: 0,
            })
            .collect(),
        mismatches: Vec::new(),
        differing: 0,
    };
    let empty = BTreeSet::new();
    for (document, (fairrec, (regorus_violated, regorus_each))) in
        fairrec.iter().zip(regorus).enumerate()
    {
        let fairrec_violated = fairrec.as_ref().map_or(&empty, |o| &o.violated);
        for count in &mut agreement.rules {
            let by_fairrec = fairrec_violated.contains(count.rule);
            let by_regorus = regorus_violated.contains(count.rule);
            count.fairrec_documents += usize::from(by_fairrec);
            count.regorus_documents += usize::from(by_regorus);
            count.disagreements += usize::from(by_fairrec != by_regorus);
            count.regorus_violations += regorus_each.iter().filter(|r| *r == count.rule).count();
            if let Ok(outcomes) = fairrec {
                count.fairrec_violations += outcomes
                    .violations
                    .iter()
                    .filter(|r| *r == count.rule)
                    .count();
            }
        }
        let differs = match fairrec {
            Err(error) => Some(format!("fairrec refused it: {error}")),
            Ok(o) if &o.violated != regorus_violated => Some(format!(
                "fairrec {:?}, regorus {:?}",
                o.violated, regorus_violated
            )),
            Ok(_) => None,
        };
        if let Some(description) = differs {
            agreement.differing += 1;
            if agreement.mismatches.len() < 20 {
                agreement
                    .mismatches
                    .push(format!("document {document}: {description}"));
            }
        }
    }
    agreement
}

/// The documents of `variant` whose findings (rule, outcome, path; full pack) differ from
/// those of the plain document they were made from, described (at most the first 10), and
/// how many there are.
pub fn same_as_plain(
    plain: &[Result<Outcomes, String>],
    variant: &[Result<Outcomes, String>],
) -> (usize, Vec<String>) {
    let mut differing = 0;
    let mut described = Vec::new();
    for (document, (a, b)) in plain.iter().zip(variant).enumerate() {
        let same = match (a, b) {
            (Ok(a), Ok(b)) => a.signature == b.signature,
            _ => false,
        };
        if !same {
            differing += 1;
            if described.len() < 10 {
                let show = |o: &Result<Outcomes, String>| match o {
                    Ok(o) => format!("{} findings", o.signature.len()),
                    Err(e) => format!("refused: {e}"),
                };
                described.push(format!(
                    "document {document}: plain {}, variant {}",
                    show(a),
                    show(b)
                ));
            }
        }
    }
    (differing, described)
}

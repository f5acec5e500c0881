//! A seeded generator of realistic agency and employer documents (3-15 KB), for benchmarks
//! and for measuring memory over large batches. The same seed always gives the same text.
//! A development tool, not part of fairrec: its binary writes a corpus to a folder
//! (`cargo run -p fairrec-corpus -- --count N --out DIR`). [`Variant`] writes the same
//! documents with comments and quotes, or with names in other scripts.

use std::fmt::Write as _;

mod variants;
pub use variants::{commented, non_ascii, Variant};

/// A small deterministic generator (xorshift64).
pub struct Seeded(u64);

impl Seeded {
    /// Starts from `seed` (0 is replaced by 1).
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const CATEGORIES: [&str; 8] = [
    "recruitment_fee",
    "medical",
    "insurance",
    "skills_test",
    "training",
    "equipment",
    "travel_lodging",
    "administrative",
];

fn costs(rng: &mut Seeded, out: &mut String, indent: &str, count: u64) {
    for i in 0..count {
        let payer = if rng.chance(85) {
            "employer"
        } else {
            rng.pick(&["worker", "worker_family", "recruiter"])
        };
        let recovery = if rng.chance(90) {
            "not_recovered"
        } else {
            rng.pick(&["wage_deduction", "loan", "upfront"])
        };
        let _ = write!(
            out,
            "{indent}- category: {}\n{indent}  label: cost line {i} of the recruitment process\n{indent}  amount: {}.{:02} {}\n{indent}  paid_by: {payer}\n{indent}  recovered_by: {recovery}\n",
            rng.pick(&CATEGORIES),
            rng.below(90_000) + 100,
            rng.below(100),
            rng.pick(&["NPR", "MYR"]),
        );
    }
}

fn practice(rng: &mut Seeded, out: &mut String) {
    let contract_languages = if rng.chance(80) { "[ne, ms]" } else { "[ms]" };
    let days = if rng.chance(90) {
        rng.below(30) as i64 + 7
    } else {
        -(rng.below(5) as i64)
    };
    let passport_holder = if rng.chance(85) { "worker" } else { "agency" };
    let _ = write!(
        out,
        "workers:\n  languages: [ne, hi]\n  youngest_age: {}\ncontract:\n  written: true\n  languages: {contract_languages}\n  days_before_departure: {days}\n  worker_copy: true\n  substitution_safeguards: true\n  changed_on_arrival: false\n  matches_advertised_terms: true\n  signed_under_pressure: false\n  bars_union_membership: false\ndocuments:\n  - {{type: passport, held_by: {passport_holder}, worker_access: on_request}}\n  - {{type: contract, held_by: worker}}\ninformation:\n  pre_departure_orientation: true\n  cost_to_worker: 0 NPR\n  languages: [ne, en]\n  covers_rights: true\n  costs_published: true\ngrievance:\n  exists: true\n  cost_to_worker: 0 NPR\n  languages: [ne, en]\n  anonymous: true\n  non_retaliation: true\n  open_regardless_of_status: true\nmobility:\n  termination_penalty: 0 NPR\n  change_employer_requires_permission: false\n  return_travel_paid_by: employer\n  exit_permit_required: false\n  movement_restricted: false\n",
        18 + rng.below(10),
    );
}

fn licence(rng: &mut Seeded, out: &mut String, indent: &str, seed: u64) {
    let valid_until = if rng.chance(90) {
        "2028-07-16"
    } else {
        "2025-07-16"
    };
    let _ = write!(
        out,
        "{indent}licence:\n{indent}  issuer: Department of Foreign Employment\n{indent}  number: \"DoFE-{seed}/076\"\n{indent}  valid_from: 2023-07-17\n{indent}  valid_until: {valid_until}\n{indent}  corridors:\n{indent}    - {{origin: NP, destination: MY}}\n{indent}    - {{origin: NP, destination: QA}}\n"
    );
}

/// An agency document: licence, corridors, 8 to 60 costs and a full practice section.
pub fn agency(seed: u64) -> String {
    let mut rng = Seeded::new(seed);
    let mut out =
        format!("kind: agency\nschema_version: 2\nname: Generated Agency {seed}\ncountry: NP\n");
    licence(&mut rng, &mut out, "", seed);
    out.push_str("corridors:\n  - {origin: NP, destination: MY}\nexchange_rates:\n  - {from: MYR, to: NPR, rate: 28.4}\ncosts:\n");
    let count = 8 + rng.below(52);
    costs(&mut rng, &mut out, "  ", count);
    practice(&mut rng, &mut out);
    out.push_str(
        "sub_agents:\n  - {name: District Broker, licensed: true, written_contract: true}\n",
    );
    out
}

/// An employer document with a supply chain of two to four recruiters.
pub fn employer(seed: u64) -> String {
    let mut rng = Seeded::new(seed);
    let mut out = format!(
        "kind: employer\nschema_version: 2\nname: Generated Employer {seed}\ncountry: MY\nsector: manufacturing\nexchange_rates:\n  - {{from: MYR, to: NPR, rate: 28.4}}\ncosts:\n"
    );
    let count = 4 + rng.below(20);
    costs(&mut rng, &mut out, "  ", count);
    practice(&mut rng, &mut out);
    out.push_str("supply_chain:\n");
    let tiers = 2 + rng.below(3);
    for tier in 1..=tiers {
        let role = match tier {
            1 => "destination_agency",
            2 => "origin_agency",
            _ => "sub_agent",
        };
        let _ = writeln!(out, "  - name: Recruiter {seed}-{tier}\n    role: {role}\n    tier: {tier}\n    no_fees_clause: true");
        licence(&mut rng, &mut out, "    ", seed);
        out.push_str("    costs:\n");
        let count = 2 + rng.below(8);
        costs(&mut rng, &mut out, "      ", count);
        out.push_str("    documents:\n      - {type: passport, held_by: worker}\n");
    }
    out.push_str("due_diligence:\n  recruiter_screening: true\n  no_fees_clause: true\n  recruiter_audits: true\n  reimburses_fees_found: true\nlabour_market:\n  needs_assessment: true\n  replaces_existing_workers: false\n  migrant_wage_below_nationals: false\n");
    out
}

/// Document number `seed`: two agencies for every employer.
pub fn document(seed: u64) -> String {
    if seed % 3 == 2 {
        employer(seed)
    } else {
        agency(seed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_deterministic_and_realistically_sized() {
        assert_eq!(document(7), document(7));
        for seed in 0..30 {
            let len = document(seed).len();
            assert!(
                (2_500..=16_000).contains(&len),
                "document {seed} is {len} bytes"
            );
        }
    }
}

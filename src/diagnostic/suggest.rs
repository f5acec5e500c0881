//! "did you mean" advice: the closest known name to a misspelt one, and whether it is close
//! enough to act on (read a misspelt field as the field it is close to).
//!
//! Names are compared without regard to case, and with spaces and hyphens read as the
//! underscores names are written with (`Wage Deduction` is `wage_deduction`). The distance
//! is strsim's optimal string alignment: a swap of two neighbouring letters (`recruitmnet`)
//! is one slip, as a typist would count it.

/// The known name closest to a misspelt one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion<'a> {
    /// The known name.
    pub name: &'a str,
    /// Close enough, and closer than any other name, to be taken as what was meant: one or
    /// two slips in a long name, one in a short one, or the same name in another case or
    /// with spaces for underscores.
    pub confident: bool,
}

impl Suggestion<'_> {
    /// "did you mean `x`?"
    pub fn did_you_mean(&self) -> String {
        format!("did you mean `{}`?", self.name)
    }
}

/// The closest of `candidates` to `word`, if any is close enough to suggest.
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<Suggestion<'a>> {
    let word = normalise(word);
    let limit = (word.chars().count() / 3).max(1) + 1;
    let sure = (word.chars().count() / 4).max(1);
    // Ranked by slips, then by plain edits: of two names one slip away, the one reached
    // without a swap is closer (`FR-GP11-01` is `FR-GP11-001` before `FR-GP1-101`).
    let mut best: Option<((usize, usize), &'a str)> = None;
    let mut tied = false;
    for candidate in candidates {
        let known = normalise(candidate);
        let distance = strsim::osa_distance(&word, &known);
        let near = distance <= limit || known.contains(&word) || word.contains(&known);
        if !near {
            continue;
        }
        let rank = (distance, strsim::levenshtein(&word, &known));
        match best {
            Some((shortest, _)) if rank > shortest => {}
            Some((shortest, _)) if rank == shortest => tied = true,
            _ => {
                best = Some((rank, candidate));
                tied = false;
            }
        }
    }
    best.map(|((distance, _), name)| Suggestion {
        name,
        confident: distance <= sure && !tied,
    })
}

/// "did you mean `x`?" for the closest of `candidates` to `word`, if any is close enough.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|s| s.did_you_mean())
}

/// A name as compared: lowercase, with spaces and hyphens as underscores.
fn normalise(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_name() {
        assert_eq!(
            did_you_mean("paid_bye", ["paid_by", "amount", "category"]),
            Some("did you mean `paid_by`?".to_string())
        );
        assert_eq!(did_you_mean("zzz", ["paid_by", "amount"]), None);
    }

    #[test]
    fn a_swap_case_or_spaces_are_one_slip_or_none() {
        let fields = ["recruitment_costs", "contract", "grievance"];
        let swap = closest("recruitmnet_costs", fields);
        assert_eq!(
            swap.map(|s| (s.name, s.confident)),
            Some(("recruitment_costs", true))
        );
        let spaced = closest("Wage Deduction", ["upfront", "wage_deduction", "loan"]);
        assert_eq!(
            spaced.map(|s| (s.name, s.confident)),
            Some(("wage_deduction", true))
        );
    }

    #[test]
    fn a_far_or_tied_name_is_suggested_but_not_assumed() {
        // Found because it is contained, but many letters away.
        let contained = closest("recruitmnet_costs", ["costs", "contract"]);
        assert_eq!(
            contained.map(|s| (s.name, s.confident)),
            Some(("costs", false))
        );
        // Two names one slip away: either could be meant.
        let tied = closest("cat", ["bat", "car"]);
        assert_eq!(tied.map(|s| s.confident), Some(false));
        // A swap ties with an insertion in slips; the insertion is closer.
        let rule = closest("FR-GP11-01", ["FR-GP1-101", "FR-GP11-001"]);
        assert_eq!(rule.map(|s| s.name), Some("FR-GP11-001"));
    }
}

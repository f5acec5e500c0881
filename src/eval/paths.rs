//! Document paths during evaluation. A rule reads many fields and reports few of them, so a
//! path is a small id into an arena of segments (field of, item of, a looked-up document, a
//! missing document) and is written out as text (`costs[2].payer`) only for what a finding
//! reports: a location, an item, or a missing fact.

use super::ABSENT_DOCUMENT;

/// A path in the evaluator's arena; copying it copies a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathId(u32);

/// One step of a path.
#[derive(Debug)]
enum Segment<'a> {
    /// The root of the document checked: the empty path.
    Root,
    /// A field of the record at the parent path.
    Field(PathId, &'a str),
    /// An item of the list at the parent path.
    Item(PathId, usize),
    /// The root of a looked-up document, written `kind(key)`.
    Document(String),
    /// A document that is not in the run: one missing fact, whatever is read from it.
    Absent(String),
    /// A statistic of a list with no item to take it of.
    NoItem(PathId, &'static str),
    /// A missing fact named in words, such as an exchange rate.
    Fact(String),
}

/// The arena. The root of the document checked is always there, as [`Paths::ROOT`].
#[derive(Debug)]
pub struct Paths<'a> {
    segments: Vec<Segment<'a>>,
}

impl Default for Paths<'_> {
    fn default() -> Self {
        Paths {
            segments: vec![Segment::Root],
        }
    }
}

impl<'a> Paths<'a> {
    /// The root of the document checked.
    pub const ROOT: PathId = PathId(0);

    fn push(&mut self, segment: Segment<'a>) -> PathId {
        // More than u32::MAX segments cannot be reached: a rule stops after `MAX_STEPS`
        // expression steps, and each step adds at most one segment.
        let id = PathId(u32::try_from(self.segments.len()).unwrap_or(u32::MAX));
        self.segments.push(segment);
        id
    }

    /// The field `name` of the record at `parent`. A document that is not in the run stays
    /// one missing fact, not one per field read from it.
    pub fn field(&mut self, parent: PathId, name: &'a str) -> PathId {
        if self.is_absent(parent) {
            return parent;
        }
        self.push(Segment::Field(parent, name))
    }

    /// The item at `index` of the list at `parent`.
    pub fn item(&mut self, parent: PathId, index: usize) -> PathId {
        self.push(Segment::Item(parent, index))
    }

    /// The root of a looked-up document, written `kind(key)`.
    pub fn document(&mut self, written: String) -> PathId {
        self.push(Segment::Document(written))
    }

    /// A document the run does not hold, described.
    pub fn absent(&mut self, described: String) -> PathId {
        self.push(Segment::Absent(described))
    }

    /// The missing fact of a statistic taken of an empty list.
    pub fn no_item(&mut self, list: PathId, statistic: &'static str) -> PathId {
        self.push(Segment::NoItem(list, statistic))
    }

    /// A missing fact named in words, such as `exchange_rates (USD to NPR)`.
    pub fn fact(&mut self, written: String) -> PathId {
        self.push(Segment::Fact(written))
    }

    /// Whether the path stands for a whole document missing from the run.
    pub fn is_absent(&self, path: PathId) -> bool {
        matches!(self.segment(path), Some(Segment::Absent(_)))
    }

    /// The number of segments; paths made after it can be dropped with [`Paths::truncate`].
    pub fn mark(&self) -> usize {
        self.segments.len()
    }

    /// Drops every path made since `mark`: the caller holds none of them any more.
    pub fn truncate(&mut self, mark: usize) {
        self.segments.truncate(mark.max(1));
    }

    /// Empties the arena for the next rule.
    pub fn clear(&mut self) {
        self.segments.truncate(1);
    }

    fn segment(&self, path: PathId) -> Option<&Segment<'a>> {
        self.segments.get(path.0 as usize)
    }

    /// The path as the report writes it: `recruitment_costs[2].payer`, or `kind(key).field`
    /// inside a looked-up document.
    pub fn text(&self, path: PathId) -> String {
        let mut text = String::new();
        self.write(path, true, &mut text);
        text
    }

    /// The path inside the file it is in: a looked-up document's `kind(key).` left out.
    pub fn text_in_file(&self, path: PathId) -> String {
        let mut text = String::new();
        self.write(path, false, &mut text);
        text
    }

    /// Missing facts as the report lists them: written out, sorted, without repeats.
    pub fn texts(&self, paths: &[PathId]) -> Vec<String> {
        let mut texts: Vec<String> = paths.iter().map(|p| self.text(*p)).collect();
        texts.sort();
        texts.dedup();
        texts
    }

    fn write(&self, path: PathId, with_document: bool, out: &mut String) {
        match self.segment(path) {
            None | Some(Segment::Root) => {}
            Some(Segment::Field(parent, name)) => {
                let before = out.len();
                self.write_below(*parent, with_document, out);
                if out.len() > before {
                    out.push('.');
                }
                out.push_str(name);
            }
            Some(Segment::Item(parent, index)) => {
                self.write_below(*parent, with_document, out);
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
            Some(Segment::Document(written) | Segment::Fact(written)) => out.push_str(written),
            Some(Segment::Absent(described)) => {
                out.push_str(ABSENT_DOCUMENT);
                out.push_str(described);
            }
            Some(Segment::NoItem(list, statistic)) => {
                self.write(*list, with_document, out);
                out.push_str(" (no item to take the ");
                out.push_str(statistic);
                out.push_str(" of)");
            }
        }
    }

    /// A parent path, leaving out a looked-up document's root unless asked for.
    fn write_below(&self, parent: PathId, with_document: bool, out: &mut String) {
        if !with_document && matches!(self.segment(parent), Some(Segment::Document(_))) {
            return;
        }
        self.write(parent, with_document, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_as_reports_show_them() {
        let mut paths = Paths::default();
        let costs = paths.field(Paths::ROOT, "recruitment_costs");
        let item = paths.item(costs, 2);
        let payer = paths.field(item, "payer");
        assert_eq!(paths.text(payer), "recruitment_costs[2].payer");
        assert_eq!(paths.text(Paths::ROOT), "");

        let agreement = paths.document("agreement(NP-MY)".to_string());
        let fees = paths.field(agreement, "fees");
        assert_eq!(paths.text(fees), "agreement(NP-MY).fees");
        assert_eq!(paths.text_in_file(fees), "fees");
        assert_eq!(paths.text_in_file(agreement), "agreement(NP-MY)");

        let absent = paths.absent("the `agreement` document with id X".to_string());
        assert_eq!(paths.field(absent, "fees"), absent);
        assert_eq!(
            paths.texts(&[payer, absent, payer]),
            vec![
                "(not in this run) the `agreement` document with id X".to_string(),
                "recruitment_costs[2].payer".to_string(),
            ]
        );
        let none = paths.no_item(costs, "median");
        assert_eq!(
            paths.text(none),
            "recruitment_costs (no item to take the median of)"
        );
    }
}

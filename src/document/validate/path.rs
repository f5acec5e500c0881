//! Where a value is in the document being validated: a chain of fields and list items kept
//! on the stack while validation walks down, written out as text (`costs[2].payer`) only
//! when an error names it. Valid documents, nearly all of them, never pay for the text.

use std::fmt;

/// A path from the document's top level.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DocPath<'p> {
    /// The document's top level: written as nothing.
    Root,
    /// A field of the record at the parent path.
    Field(&'p DocPath<'p>, &'p str),
    /// An item of the list at the parent path.
    Item(&'p DocPath<'p>, usize),
}

impl<'p> DocPath<'p> {
    /// Whether this is the document's top level.
    pub(crate) fn is_root(&self) -> bool {
        matches!(self, DocPath::Root)
    }

    /// The field `name` below this path.
    pub(crate) fn field(&'p self, name: &'p str) -> DocPath<'p> {
        DocPath::Field(self, name)
    }

    /// The item at `index` of the list at this path.
    pub(crate) fn item(&'p self, index: usize) -> DocPath<'p> {
        DocPath::Item(self, index)
    }

    /// The name of the last field on the path (`payer` for `costs[2].payer`, `costs` for
    /// `costs[2]`), or nothing at the top level.
    pub(crate) fn last_field(&self) -> &'p str {
        match self {
            DocPath::Root => "",
            DocPath::Field(_, name) => name,
            DocPath::Item(parent, _) => parent.last_field(),
        }
    }
}

impl fmt::Display for DocPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocPath::Root => Ok(()),
            DocPath::Field(parent, name) if parent.is_root() => f.write_str(name),
            DocPath::Field(parent, name) => write!(f, "{parent}.{name}"),
            DocPath::Item(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DocPath;

    #[test]
    fn paths_are_written_as_errors_name_them() {
        let root = DocPath::Root;
        let costs = root.field("costs");
        let item = costs.item(2);
        let payer = item.field("payer");
        assert_eq!(payer.to_string(), "costs[2].payer");
        assert_eq!(item.to_string(), "costs[2]");
        assert_eq!(root.to_string(), "");
        assert_eq!(payer.last_field(), "payer");
        assert_eq!(item.last_field(), "costs");
        assert_eq!(root.last_field(), "");
    }
}

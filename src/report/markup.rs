//! The few building blocks the Markdown and HTML reports share, so that a section whose
//! structure is the same in both is written once (`sections`) and each markup only says how
//! a heading, a paragraph, a list or a piece of text is written, and how it is escaped.
//! Human output is not one of them: its tables wrap to the terminal's width and its
//! findings are miette diagnostics; it shares data (`sections`), not markup.

use std::fmt::Write as _;

use super::html::{esc, rich};
use super::markdown::md;

/// How a report's markup writes text and blocks.
pub(super) trait Markup {
    /// Text from a document, a rule file or a waiver file, escaped.
    fn text(&self, text: &str) -> String;
    /// The same, in running prose: HTML also marks the `quoted` parts.
    fn prose(&self, text: &str) -> String;
    /// An identifier from the input (a stable id), escaped and set apart.
    fn code(&self, text: &str) -> String;
    /// A rule's id.
    fn rule_id(&self, id: &str) -> String;
    /// A word of fairrec's own, shown as code (`id`); not escaped.
    fn literal(&self, word: &'static str) -> String;
    /// A heading of `level` (1 to 6) from escaped text.
    fn heading(&self, out: &mut String, level: usize, text: &str);
    /// A paragraph from escaped text.
    fn paragraph(&self, out: &mut String, text: &str);
    /// A bulleted list, each item already escaped.
    fn list(&self, out: &mut String, items: &[String]);
}

/// Markdown: `#` headings, blank lines between blocks, `-` lists.
pub(super) struct Markdown;

impl Markup for Markdown {
    fn text(&self, text: &str) -> String {
        md(text)
    }

    fn prose(&self, text: &str) -> String {
        md(text)
    }

    fn code(&self, text: &str) -> String {
        md(text)
    }

    fn rule_id(&self, id: &str) -> String {
        id.to_string()
    }

    fn literal(&self, word: &'static str) -> String {
        format!("`{word}`")
    }

    fn heading(&self, out: &mut String, level: usize, text: &str) {
        let _ = write!(out, "{} {text}\n\n", "#".repeat(level));
    }

    fn paragraph(&self, out: &mut String, text: &str) {
        let _ = write!(out, "{text}\n\n");
    }

    fn list(&self, out: &mut String, items: &[String]) {
        for item in items {
            let _ = writeln!(out, "- {item}");
        }
        out.push('\n');
    }
}

/// HTML: every text escaped, identifiers in `<code>`.
pub(super) struct Html;

impl Markup for Html {
    fn text(&self, text: &str) -> String {
        esc(text)
    }

    fn prose(&self, text: &str) -> String {
        rich(text)
    }

    fn code(&self, text: &str) -> String {
        format!("<code>{}</code>", esc(text))
    }

    fn rule_id(&self, id: &str) -> String {
        self.code(id)
    }

    fn literal(&self, word: &'static str) -> String {
        format!("<code>{word}</code>")
    }

    fn heading(&self, out: &mut String, level: usize, text: &str) {
        let _ = writeln!(out, "<h{level}>{text}</h{level}>");
    }

    fn paragraph(&self, out: &mut String, text: &str) {
        let _ = writeln!(out, "<p>{text}</p>");
    }

    fn list(&self, out: &mut String, items: &[String]) {
        out.push_str("<ul>\n");
        for item in items {
            let _ = writeln!(out, "<li>{item}</li>");
        }
        out.push_str("</ul>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_markup_escapes_what_it_writes() {
        let mut markdown = String::new();
        Markdown.heading(&mut markdown, 3, &Markdown.text("a <b>"));
        Markdown.list(&mut markdown, &[Markdown.code("x|y")]);
        assert_eq!(markdown, "### a \\<b\\>\n\n- x\\|y\n\n");
        let mut html = String::new();
        Html.heading(&mut html, 3, &Html.text("a <b>"));
        Html.list(&mut html, &[Html.code("x|y")]);
        assert_eq!(
            html,
            "<h3>a &lt;b&gt;</h3>\n<ul>\n<li><code>x|y</code></li>\n</ul>\n"
        );
    }
}

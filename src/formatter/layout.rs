//! Lines → canonical text: indentation from the block a line is in, rule items aligned on one
//! column, single spaces between tokens (none inside `f(x)`, before `,` `:` `?`), one blank
//! line at most, and one after each top-level block.

use super::{Line, Token};

/// Width of a rule item's keyword column: `title    "..."`, `severity high`.
const ITEM_COLUMN: usize = 9;
/// One level of indentation.
const INDENT: usize = 4;

/// Words that start a top-level declaration.
const DECLARATIONS: [&str; 13] = [
    "enum",
    "record",
    "kind",
    "principle",
    "guideline",
    "instrument",
    "param",
    "condition",
    "overlay",
    "set",
    "disable",
    "rule",
    "figure",
];

/// Words that start an item of a rule or figure.
const ITEMS: [&str; 20] = [
    "title",
    "cites",
    "covers",
    "kinds",
    "severity",
    "outcome",
    "source",
    "for",
    "with",
    "when",
    "unless",
    "at",
    "also",
    "message",
    "remedy",
    "actor",
    "supersedes",
    "value",
    "by",
    "each",
];

/// The kind of block a `{` opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// A rule or a figure: items aligned on a column.
    Items,
    /// An enum, record or kind: one entry per line.
    Plain,
    /// Braces inside an expression: a set literal written over several lines.
    Nested,
}

/// Lays out a whole file (line breaks already `\n`).
pub(super) fn layout(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut stack: Vec<Block> = Vec::new();
    // The block the statement being read at the top level opens: `rule` and `figure` open
    // item blocks, `enum`, `record` and `kind` plain ones; any other `{` is an expression's.
    let mut opens: Option<Block> = None;
    let mut pending_blank = false;
    // The last line closed a top-level block: a blank line follows it.
    let mut after_block = false;
    for raw in text.lines() {
        let line = Line::read(raw);
        if line.is_blank() {
            pending_blank = true;
            continue;
        }
        if stack.is_empty() {
            if let Some(word) = line.first_word().filter(|w| DECLARATIONS.contains(w)) {
                opens = match word {
                    "rule" | "figure" => Some(Block::Items),
                    "enum" | "record" | "kind" => Some(Block::Plain),
                    _ => None,
                };
            }
        }
        // Leading `}` close blocks before the line is indented.
        let closing = line
            .tokens
            .iter()
            .take_while(|(t, _)| *t == Token::Punct('}'))
            .count();
        let mut closed_outer = false;
        for _ in 0..closing {
            closed_outer = stack.pop().is_some_and(|b| b != Block::Nested);
        }
        let indent = if closed_outer {
            INDENT * stack.len()
        } else {
            indent_of(&line, &stack, closing > 0, opens.is_some())
        };
        let after_open = out.last().is_some_and(|p| p.ends_with('{'));
        if !out.is_empty() && (after_block || (pending_blank && !after_open && closing == 0)) {
            out.push(String::new());
        }
        pending_blank = false;
        let items_line = stack.last() == Some(&Block::Items) && closing == 0;
        let text = format!("{}{}", " ".repeat(indent), join(&line, items_line));
        out.push(text.trim_end().to_string());
        let mut closes = closed_outer;
        for (token, _) in line.tokens.iter().skip(closing) {
            match token {
                Token::Punct('{') => stack.push(match opens {
                    Some(block) if stack.is_empty() => {
                        opens = None;
                        block
                    }
                    _ => Block::Nested,
                }),
                Token::Punct('}') => {
                    closes |= stack.pop().is_some_and(|b| b != Block::Nested);
                }
                _ => {}
            }
        }
        after_block = closes && stack.is_empty();
    }
    let mut text = out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// How far a line is indented, given the blocks open at its start.
fn indent_of(line: &Line, stack: &[Block], closes_nested: bool, opens_block: bool) -> usize {
    let nested = stack.iter().filter(|b| **b == Block::Nested).count();
    let outer = stack.iter().find(|b| **b != Block::Nested);
    let starts_item = is_item_start(line);
    let comment_only = line.tokens.is_empty();
    // Where a statement's continuation lines go, in the block the statement is in.
    let continuation = match outer {
        None => INDENT,
        Some(Block::Plain) => INDENT,
        Some(_) => INDENT + ITEM_COLUMN,
    };
    // Inside an expression's braces, one level deeper than the statement's continuation; its
    // closing `}` back on the continuation.
    if nested > 0 || closes_nested {
        return continuation + INDENT * nested;
    }
    match outer {
        None if comment_only || line.first_word().is_some_and(|w| DECLARATIONS.contains(&w)) => 0,
        // `rule X name` with its `{` on the next line
        None if opens_block
            && line
                .tokens
                .first()
                .is_some_and(|(t, _)| *t == Token::Punct('{')) =>
        {
            0
        }
        None => continuation,
        Some(Block::Items) if !(starts_item || comment_only) => continuation,
        Some(_) => INDENT,
    }
}

/// Whether a line starts a rule or figure item (`title`, `for each`, `also at` ...).
fn is_item_start(line: &Line) -> bool {
    line.first_word().is_some_and(|w| ITEMS.contains(&w))
}

/// The number of leading words that form the item keyword: `for each` and `also at` are
/// two. (`unless review` is `unless` with its value, `review "..."`, on the value column.)
fn keyword_words(line: &Line) -> usize {
    match (line.first_word(), line.word(1)) {
        (Some("for"), Some("each")) | (Some("also"), Some("at")) => 2,
        (Some(_), _) if is_item_start(line) => 1,
        _ => 0,
    }
}

/// The line's tokens with canonical spacing; in a rule or figure, the item keyword is padded
/// to the value column.
fn join(line: &Line, items_line: bool) -> String {
    let mut out = String::new();
    let keyword = if items_line { keyword_words(line) } else { 0 };
    let last = line.tokens.len().saturating_sub(1);
    for (index, (token, spaced)) in line.tokens.iter().enumerate() {
        if index > 0 {
            let previous = &line.tokens[index - 1].0;
            if index == keyword && keyword > 0 {
                let width = out.chars().count();
                out.push_str(&" ".repeat(ITEM_COLUMN.saturating_sub(width).max(1)));
            } else if index < keyword || space_between(previous, token, *spaced, index == last) {
                out.push(' ');
            }
        }
        match token {
            Token::Word(word) | Token::Str(word) => out.push_str(word),
            Token::Punct(c) => out.push(*c),
        }
    }
    if let Some(comment) = &line.comment {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(comment);
    }
    out
}

/// Whether one space separates two tokens.
fn space_between(previous: &Token, token: &Token, spaced: bool, token_is_last: bool) -> bool {
    match (previous, token) {
        (_, Token::Punct(',' | ')' | '?' | ':')) => false,
        (Token::Punct('('), _) => false,
        (Token::Punct(',' | ':'), _) => true,
        (_, Token::Punct('{')) if token_is_last => true,
        _ => spaced,
    }
}

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn rule_items_are_aligned_and_spaced() {
        let messy = "rule   X-1 a-b{\n  title \"t\"\n\n  for each  c in costs\n  unless review \"l\" f( c )\n    also at c.x\n supersedes X-2\n}\nparam p:integer=7\n";
        let tidy = "rule X-1 a-b {\n    title    \"t\"\n\n    for each c in costs\n    unless   review \"l\" f(c)\n    also at  c.x\n    supersedes X-2\n}\n\nparam p: integer=7\n";
        assert_eq!(layout(messy), tidy);
        assert_eq!(layout(tidy), tidy);
    }

    #[test]
    fn blank_lines_are_kept_once_but_not_inside_braces_edges() {
        let messy = "\n\n//! m\n\n\n\nenum E {\n\n    a,\n\n    b,\n\n}\nenum F { a }\n\n\n";
        let tidy = "//! m\n\nenum E {\n    a,\n\n    b,\n}\n\nenum F { a }\n";
        assert_eq!(layout(messy), tidy);
    }

    #[test]
    fn continuation_lines_align_with_the_values() {
        let messy = "rule X-1 a\n{\n    when a and\n  b in {\nc,\n}\n}\ncondition f(x: T) =\nx.a in\n{a, b}\n and c\n";
        let tidy = "rule X-1 a\n{\n    when     a and\n             b in {\n                 c,\n             }\n}\n\ncondition f(x: T) =\n    x.a in\n    {a, b}\n    and c\n";
        assert_eq!(layout(messy), tidy);
        assert_eq!(layout(tidy), tidy);
    }
}

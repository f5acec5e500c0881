//! Rule files → their canonical layout, for `fairrec fmt`: the same tokens and comments, with
//! indentation, item alignment, spacing and blank lines made uniform. Only whitespace
//! changes, so the rules mean what they meant; the formatter proves it on every file by
//! comparing tokens and comments before and after, and by parsing the result again.
//!
//! The layout is the one the built-in pack is written in:
//!
//! ```text
//! /// Documentation, kept as written.
//! rule FR-GP7-001 worker-pays-recruitment-cost {
//!     title    "..."                  // items indented 4, values on column 13
//!     for each cost in costs
//!     supersedes FR-GP7-002           // a longer keyword takes one space
//! }
//!                                     // one blank line after a block
//! condition paid(cost: Cost) = cost.paid_by in {worker, worker_family}
//! ```

mod layout;

use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};

/// The canonical text of one rule file.
///
/// A file the parser refuses is not formatted: its syntax errors are returned, since what
/// it means cannot be checked. A byte-order mark and `\r\n` line breaks are dropped.
pub fn format_rule_file(file: &SourceFile) -> Result<String, Vec<SourceError>> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let text = text.replace("\r\n", "\n");
    refuse_syntax_errors(&SourceFile::new(file.name.clone(), text.as_str()))?;
    let formatted = layout::layout(&text);
    let reparsed = SourceFile::new(file.name.clone(), formatted.as_str());
    if meaning(&text) != meaning(&formatted) || refuse_syntax_errors(&reparsed).is_err() {
        return Err(vec![SourceError::new(
            ErrorCode::RulesInternal,
            file,
            Span::default(),
            "formatting would change what this rule file says, so it was left as it is",
        )
        .with_help("please report it, with the file")]);
    }
    Ok(formatted)
}

/// The file's syntax errors, if any. Problems inside well-formed declarations (an item given
/// twice, a missing `remedy`) do not stop formatting: the layout does not depend on them.
fn refuse_syntax_errors(file: &SourceFile) -> Result<(), Vec<SourceError>> {
    match crate::dsl::parser::parse_file(file) {
        Ok(_) => Ok(()),
        Err(errors) => {
            let syntax: Vec<SourceError> = errors
                .into_iter()
                .filter(|e| {
                    matches!(
                        e.code(),
                        ErrorCode::RulesSyntax | ErrorCode::RulesTooDeep | ErrorCode::RulesTooLong
                    )
                })
                .collect();
            if syntax.is_empty() {
                Ok(())
            } else {
                Err(syntax)
            }
        }
    }
}

// Reading one line: words, the punctuation whose spacing the formatter sets, string
// literals (kept byte for byte) and a trailing comment. Whitespace is only remembered as
// "there was some before this token"; strings never span lines in the rule language, so
// every line can be read on its own.

/// A token of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A run of characters with no whitespace, quote or spaced punctuation in it:
    /// `FR-GP7-001`, `cost.paid_by`, `==`, `7`.
    Word(String),
    /// One of `,`, `(`, `)`, `?`, `:`, `{` or `}`.
    Punct(char),
    /// A string literal, quotes and escapes included.
    Str(String),
}

/// A line: its tokens, whether each had whitespace before it, and a comment at its end.
#[derive(Debug, Clone, Default)]
struct Line {
    /// The tokens with, for each, whether whitespace came before it on the line.
    pub tokens: Vec<(Token, bool)>,
    /// `// ...`, `/// ...` or `//! ...` to the end of the line, trailing whitespace removed.
    pub comment: Option<String>,
}

/// The characters whose spacing the formatter decides.
const PUNCT: [char; 7] = [',', '(', ')', '?', ':', '{', '}'];

impl Line {
    /// Reads one line (without its line break).
    pub fn read(text: &str) -> Line {
        let mut line = Line::default();
        let mut chars = text.char_indices().peekable();
        let mut spaced = false;
        while let Some(&(at, c)) = chars.peek() {
            if c.is_whitespace() {
                spaced = true;
                chars.next();
            } else if text[at..].starts_with("//") {
                line.comment = Some(normalise_comment(text[at..].trim_end()));
                break;
            } else if c == '"' {
                let end = string_end(text, at);
                line.tokens
                    .push((Token::Str(text[at..end].to_string()), spaced));
                while chars.peek().is_some_and(|(i, _)| *i < end) {
                    chars.next();
                }
                spaced = false;
            } else if PUNCT.contains(&c) {
                line.tokens.push((Token::Punct(c), spaced));
                chars.next();
                spaced = false;
            } else {
                let start = at;
                let mut end = at;
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_whitespace()
                        || c == '"'
                        || PUNCT.contains(&c)
                        || text[i..].starts_with("//")
                    {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                line.tokens
                    .push((Token::Word(text[start..end].to_string()), spaced));
                spaced = false;
            }
        }
        line
    }

    /// Whether the line holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.tokens.is_empty() && self.comment.is_none()
    }

    /// The first word, if the line starts with one.
    pub fn first_word(&self) -> Option<&str> {
        match self.tokens.first() {
            Some((Token::Word(word), _)) => Some(word),
            _ => None,
        }
    }

    /// The word at `index`, if that token is a word.
    pub fn word(&self, index: usize) -> Option<&str> {
        match self.tokens.get(index) {
            Some((Token::Word(word), _)) => Some(word),
            _ => None,
        }
    }
}

/// The byte just after the string literal starting at `start` (its closing quote), or the end
/// of the line for a string left open, which the parser has already refused.
fn string_end(text: &str, start: usize) -> usize {
    let mut escaped = false;
    for (i, c) in text[start + 1..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return start + 1 + i + 1,
            _ => {}
        }
    }
    text.len()
}

/// `///text` becomes `/// text`: the parser drops one space after `///`, so both document
/// the same; any other comment is kept as written.
fn normalise_comment(comment: &str) -> String {
    match comment.strip_prefix("///") {
        Some(rest) if !rest.is_empty() && !rest.starts_with([' ', '/']) => {
            format!("/// {rest}")
        }
        _ => comment.to_string(),
    }
}

/// Everything in a text that carries meaning or is written by hand, in order: tokens and
/// comments, without whitespace. Formatting must leave it unchanged.
fn meaning(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = Line::read(line);
        for (token, _) in line.tokens {
            out.push(match token {
                Token::Word(word) | Token::Str(word) => word,
                Token::Punct(c) => c.to_string(),
            });
        }
        out.extend(line.comment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_comments_are_single_tokens() {
        let line = Line::read(r#"  title "a // b \" c" // note  "#);
        assert_eq!(
            line.tokens,
            vec![
                (Token::Word("title".into()), true),
                (Token::Str(r#""a // b \" c""#.into()), true),
            ]
        );
        assert_eq!(line.comment.as_deref(), Some("// note"));
    }

    #[test]
    fn punctuation_is_split_from_words() {
        let line = Line::read("f(cost: Cost)?,x");
        let words: Vec<_> = line.tokens.iter().map(|(t, _)| t.clone()).collect();
        assert_eq!(
            words,
            vec![
                Token::Word("f".into()),
                Token::Punct('('),
                Token::Word("cost".into()),
                Token::Punct(':'),
                Token::Word("Cost".into()),
                Token::Punct(')'),
                Token::Punct('?'),
                Token::Punct(','),
                Token::Word("x".into()),
            ]
        );
    }

    #[test]
    fn documentation_gets_its_space_after_the_slashes() {
        assert_eq!(normalise_comment("///text"), "/// text");
        assert_eq!(normalise_comment("///  indented"), "///  indented");
        assert_eq!(normalise_comment("////"), "////");
        assert_eq!(normalise_comment("//x"), "//x");
    }
}

//! YAML that fairrec refuses before reading values: tags (`!!binary`, `!!str`, `!custom`)
//! and `%YAML` directives for any version but 1.2.
//!
//! fairrec interprets no tag. A tag either changes what a value means (`!!binary` decodes
//! base64, `!!str 14` makes a number text) or means something to another program; either
//! way, reading the value as if the tag were absent, or letting the parser decode it into
//! a field name, would silently change what the document says. So a tag anywhere, on a key
//! or a value, is an error at the tag. Likewise a document that asks for YAML 1.1 would be
//! read with YAML 1.2 rules (`yes`, `0755` and `1:30` differ), so only 1.2 is taken.

use granit_parser::{Event, Parser};

use crate::diagnostic::{clamp_to_char_boundary, ErrorCode, SourceError, SourceFile, Span};

/// Refuses the first tag or non-1.2 `%YAML` directive in `file`. Syntax errors are left to
/// the parser that reads the values, which reports them.
pub fn refuse_tags_and_versions(file: &SourceFile) -> Result<(), SourceError> {
    let text = &file.text;
    // Every tag starts with `!` and every directive with `%`: most documents have neither.
    if !text.contains('!') && !text.contains('%') {
        return Ok(());
    }
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            return Ok(());
        };
        let tagged = match &event {
            Event::DocumentStart(_, Some(version)) if (version.major, version.minor) != (1, 2) => {
                return Err(version_error(file, span.start.byte_offset()));
            }
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag.is_some(),
            _ => false,
        };
        if tagged {
            let at = span
                .tag_span()
                .and_then(|tag| tag.byte_range())
                .or_else(|| span.byte_range())
                .unwrap_or(0..0);
            let written = text.get(at.clone()).unwrap_or("!");
            return Err(SourceError::new(
                ErrorCode::DocumentTag,
                file,
                Span::between(at.start, at.end),
                format!("the YAML tag `{written}` is not accepted"),
            )
            .with_label("tag")
            .with_help(
                "fairrec interprets no YAML tag: write the value (or key) without it, as plain text, a number or true/false",
            ));
        }
    }
    Ok(())
}

/// The error for a `%YAML` directive other than 1.2, pointing at the directive before the
/// document that starts at `start`.
fn version_error(file: &SourceFile, start: Option<usize>) -> SourceError {
    let end = clamp_to_char_boundary(&file.text, start.unwrap_or(file.text.len()));
    let before = &file.text[..end];
    let at = before
        .rmatch_indices("%YAML")
        .map(|(i, _)| i)
        .find(|&i| i == 0 || before.as_bytes()[i - 1] == b'\n')
        .unwrap_or(0);
    let line_end = file.text[at..]
        .find('\n')
        .map_or(file.text.len(), |n| at + n);
    let directive = file.text[at..line_end].trim_end();
    SourceError::new(
        ErrorCode::DocumentYamlVersion,
        file,
        Span::between(at, at + directive.len()),
        format!("`{directive}`: fairrec reads YAML 1.2 only"),
    )
    .with_help(
        "remove the directive, or write `%YAML 1.2`; check the values YAML 1.1 reads differently (yes/no, 0755, 1:30)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Option<(ErrorCode, String, (usize, usize))> {
        let file = SourceFile::new("t.yaml", text);
        refuse_tags_and_versions(&file)
            .err()
            .map(|e| (e.code(), e.message().to_string(), e.line_column()))
    }

    #[test]
    fn tags_on_keys_and_values_are_refused_where_they_are() {
        let (code, message, at) = refused("a: 1\n!!binary aGVsbG8=: 3\n").expect("refused");
        assert_eq!(code, ErrorCode::DocumentTag);
        assert_eq!(message, "the YAML tag `!!binary` is not accepted");
        assert_eq!(at, (2, 1));
        let (_, message, at) = refused("a: [1, !custom 2]\n").expect("refused");
        assert_eq!(message, "the YAML tag `!custom` is not accepted");
        assert_eq!(at, (1, 8));
        assert!(refused("a: !!str 14\n").is_some());
        assert!(refused("a: ! {b: 1}\n").is_some());
    }

    #[test]
    fn only_yaml_1_2_is_read() {
        let (code, message, at) = refused("# c\n%YAML 1.1\n---\na: 1\n").expect("refused");
        assert_eq!(code, ErrorCode::DocumentYamlVersion);
        assert_eq!(message, "`%YAML 1.1`: fairrec reads YAML 1.2 only");
        assert_eq!(at, (2, 1));
        assert!(refused("%YAML 1.2\n---\na: 1\n").is_none());
        assert!(refused("a: \"Hello! 100%\"\nb: c!d\n").is_none());
    }
}

//! A pre-pass over rule text that refuses brackets nested deeper than the parser's passes
//! can walk, before pest recurses into them.

use crate::diagnostic::{ErrorCode, SourceError, SourceFile, Span};

/// The deepest expression nesting accepted; deeper input is refused before it can exhaust
/// the stack of the recursive passes that follow.
pub const MAX_EXPRESSION_DEPTH: usize = 64;

/// Refuses brackets nested deeper than [`MAX_EXPRESSION_DEPTH`].
pub(crate) fn check_nesting(file: &SourceFile) -> Result<(), SourceError> {
    let bytes = file.text.as_bytes();
    let mut depth = 0usize;
    let mut open_lists = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    let mut depth_before_string = 0usize;
    for (offset, &byte) in bytes.iter().enumerate() {
        if in_comment {
            in_comment = byte != b'\n';
            continue;
        }
        if in_string {
            // Brackets inside a string count too: a message template's `{holes}` hold
            // expressions. Whatever a string leaves open is closed when the string ends.
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' | b'\n' => {
                    in_string = false;
                    depth = depth_before_string;
                }
                b'(' | b'{' => {
                    depth += 1;
                    if depth > MAX_EXPRESSION_DEPTH + 2 {
                        return Err(too_deep(file, offset));
                    }
                }
                b')' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            continue;
        }
        // `<` opens only in `list<`; elsewhere it is a comparison.
        let opens =
            matches!(byte, b'(' | b'{') || (byte == b'<' && bytes[..offset].ends_with(b"list"));
        match byte {
            b'"' => {
                in_string = true;
                depth_before_string = depth;
            }
            b'/' if bytes.get(offset + 1) == Some(&b'/') => in_comment = true,
            _ if opens => {
                depth += 1;
                if byte == b'<' {
                    open_lists += 1;
                }
                if depth > MAX_EXPRESSION_DEPTH + 2 {
                    return Err(too_deep(file, offset));
                }
            }
            b')' | b'}' => depth = depth.saturating_sub(1),
            b'>' if open_lists > 0 => {
                open_lists -= 1;
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    Ok(())
}

fn too_deep(file: &SourceFile, offset: usize) -> SourceError {
    SourceError::new(
        ErrorCode::RulesTooDeep,
        file,
        Span::new(offset, 1),
        format!("brackets are nested more than {MAX_EXPRESSION_DEPTH} deep"),
    )
    .with_help("split the condition into simpler parts")
}

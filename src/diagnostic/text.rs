//! Text that reaches a terminal: control and bidirectional characters are blanked (in
//! source excerpts) or escaped (in messages), so no input can forge or hide output.

/// Characters that can reorder or hide text on a terminal (bidirectional controls).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` for showing as source: control characters (terminal escape sequences among them),
/// lone carriage returns and bidirectional controls replaced by spaces of the same byte
/// length, so spans stay valid and nothing reaches the terminal raw.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            _ => !c.is_control() && !is_bidi_control(c),
        };
        if keep {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

/// `text` for one line of a message: control and bidirectional characters, line breaks
/// included, written as visible escapes (`\u{1b}`), so a document cannot forge output.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Like [`escape`], but keeps line breaks (for multi-line documentation).
pub fn escape_lines(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

/// Moves `offset` back to the nearest character boundary inside `text`.
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

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

/// Whether JSON text should carry `c` as a `\uXXXX` escape: C1 controls and bidirectional
/// controls, which JSON allows raw inside strings but a terminal acts on.
fn json_escapes(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// JSON text with every C1 control and bidirectional control inside its strings written as
/// a `\uXXXX` escape: the same JSON once parsed, but safe to show on a terminal. (serde_json
/// escapes the C0 controls itself; outside strings JSON text is ASCII.)
pub fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if !c.is_ascii() && json_escapes(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A writer that applies [`json_safe`] to JSON text as it streams through.
pub struct JsonSafe<W> {
    inner: W,
    /// The start of a character split across two writes.
    partial: Vec<u8>,
}

impl<W: std::io::Write> JsonSafe<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            partial: Vec::new(),
        }
    }

    /// The wrapped writer (any split character left is written first).
    pub fn into_inner(mut self) -> std::io::Result<W> {
        let rest = std::mem::take(&mut self.partial);
        self.inner.write_all(&rest)?;
        Ok(self.inner)
    }
}

impl<W: std::io::Write> std::io::Write for JsonSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.partial.is_empty() && buf.is_ascii() {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        self.partial.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.partial);
        let (text, rest) = match std::str::from_utf8(&bytes) {
            Ok(text) => (text, &[][..]),
            // Incomplete at the end: keep the start of the character for the next write.
            Err(error) if error.error_len().is_none() => {
                let (valid, rest) = bytes.split_at(error.valid_up_to());
                (std::str::from_utf8(valid).unwrap_or_default(), rest)
            }
            // Not UTF-8 at all: not JSON from serde_json; pass it through untouched.
            Err(_) => {
                self.inner.write_all(&bytes)?;
                return Ok(buf.len());
            }
        };
        self.inner.write_all(json_safe(text).as_bytes())?;
        self.partial = rest.to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn json_keeps_its_meaning_and_loses_its_terminal_controls() {
        let value = serde_json::json!({"name": "a\u{202e}b\u{9b}c\u{1b}d é"});
        let text = serde_json::to_string(&value).expect("json");
        let safe = json_safe(&text);
        assert_eq!(safe, r#"{"name":"a\u202eb\u009bc\u001bd é"}"#);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&safe).ok(),
            Some(value)
        );
        // Streamed in pieces that split characters, the result is the same.
        let mut out = JsonSafe::new(Vec::new());
        for piece in text.as_bytes().chunks(1) {
            out.write_all(piece).expect("write");
        }
        assert_eq!(
            String::from_utf8(out.into_inner().expect("inner")).ok(),
            Some(safe)
        );
    }
}

//! One-line scalars for the fast path: where a plain scalar ends, what it resolves to
//! (null, true/false, a number or text, by the full parser's rules), and the text of
//! single- and double-quoted scalars with the simple escapes.
//!
//! Every function answers `None` when the text is outside what it knows for certain; the
//! caller then declines the whole file.

use crate::document::yaml::YamlValue;

/// Longest run of digits on either side of a decimal point read as a number. Longer runs
/// are still numbers to the full parser (as floats), but nothing real is written that way,
/// so the fast path leaves them to it.
const MAX_DIGITS: usize = 17;

/// Whether `byte` may not start a plain scalar (YAML's indicators, plus `%`, `@` and
/// the backquote, which are reserved or start directives).
pub(super) fn is_indicator(byte: u8) -> bool {
    matches!(
        byte,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// Whether a plain scalar may start at `at`: not an indicator, except `-` before a digit
/// (a negative number).
pub(super) fn starts_plain(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(b'-') => bytes.get(at + 1).is_some_and(u8::is_ascii_digit),
        Some(&byte) => !is_indicator(byte) && byte != b' ' && byte != b'\n',
        None => false,
    }
}

/// The end of a block-context plain scalar starting at `at` on a line ending at `end`:
/// before a ` #` comment and trailing spaces. `None` for text YAML would read otherwise
/// (`: ` inside, a final `:`).
pub(super) fn block_plain_end(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    let mut stop = end;
    let mut i = at;
    while i < end {
        match bytes[i] {
            b'#' if i > at && bytes[i - 1] == b' ' => {
                stop = i;
                break;
            }
            b':' if i + 1 == end || bytes[i + 1] == b' ' => return None,
            _ => {}
        }
        i += 1;
    }
    while stop > at && bytes[stop - 1] == b' ' {
        stop -= 1;
    }
    (stop > at).then_some(stop)
}

/// The end of a flow-context plain scalar starting at `at`, before the spaces that precede
/// the `,`, `]` or `}` after it. `None` for a `:`, `#`, nested bracket or the line's end
/// inside it.
pub(super) fn flow_plain_end(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    let mut i = at;
    while i < end {
        match bytes[i] {
            b',' | b']' | b'}' => break,
            b':' | b'#' | b'[' | b'{' => return None,
            _ => i += 1,
        }
    }
    if i == end {
        return None;
    }
    while i > at && bytes[i - 1] == b' ' {
        i -= 1;
    }
    (i > at).then_some(i)
}

/// What a plain scalar resolves to, without its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Plain {
    Null,
    Bool(bool),
    Number,
    Text,
}

/// What a plain scalar resolves to, exactly as the full parser resolves it (strict YAML 1.2
/// booleans, the four spellings of null, leading-zero and underscored numbers kept as
/// text), or `None` when the text is one the full parser might read as something this
/// function does not produce: special floats, radix prefixes, exponents, huge numbers.
pub(super) fn resolve_plain(text: &str) -> Option<YamlValue> {
    Some(match classify_plain(text)? {
        Plain::Null => YamlValue::Null,
        Plain::Bool(b) => YamlValue::Bool(b),
        Plain::Number => YamlValue::Number,
        Plain::Text => YamlValue::Str(text.to_string()),
    })
}

/// [`resolve_plain`] without copying the text: keys only need to know it is text.
pub(super) fn classify_plain(text: &str) -> Option<Plain> {
    match text {
        "~" | "null" | "Null" | "NULL" => return Some(Plain::Null),
        "true" | "True" | "TRUE" => return Some(Plain::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Plain::Bool(false)),
        _ => {}
    }
    let bytes = text.as_bytes();
    let (&first, _) = bytes.split_first()?;
    // Underscored numbers stay text; nothing else with an underscore is a number either.
    if bytes.contains(&b'_') {
        return Some(Plain::Text);
    }
    let unsigned = match first {
        b'-' => &bytes[1..],
        // `+1`, `.5`, `.inf`: rare, and special cases of the full parser.
        b'+' | b'.' => return None,
        _ => bytes,
    };
    if !unsigned.first().is_some_and(u8::is_ascii_digit) {
        if first == b'-' {
            return None;
        }
        // Rust's float parser, which the full parser falls back on, reads these words.
        if ["inf", "infinity", "nan"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word))
        {
            return None;
        }
        return Some(Plain::Text);
    }
    if is_plain_decimal(unsigned) {
        return Some(Plain::Number);
    }
    if unsigned.len() > 1 && unsigned[0] == b'0' && unsigned.iter().all(u8::is_ascii_digit) {
        // Leading zeros: text, not octal.
        return Some(Plain::Text);
    }
    never_numeric(unsigned).then_some(Plain::Text)
}

/// `0`, `12`, `12.50`: digits without a leading zero, at most one point with digits on
/// both sides.
fn is_plain_decimal(bytes: &[u8]) -> bool {
    let (whole, fraction) = match bytes.iter().position(|&b| b == b'.') {
        Some(point) => (&bytes[..point], Some(&bytes[point + 1..])),
        None => (bytes, None),
    };
    let digits = |part: &[u8]| {
        !part.is_empty() && part.len() <= MAX_DIGITS && part.iter().all(u8::is_ascii_digit)
    };
    digits(whole) && (whole.len() == 1 || whole[0] != b'0') && fraction.is_none_or(digits)
}

/// Whether text starting with a digit can be read by no integer form (decimal, `0x`, `0o`,
/// `0b`) and no float form (`1.5e-3`): a character no number contains, a sign that does
/// not follow an exponent's `e`, or a second point.
fn never_numeric(bytes: &[u8]) -> bool {
    let mut points = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F' | b'x' | b'X' | b'o' | b'O' => {}
            b'.' => points += 1,
            b'+' | b'-' => {
                if !matches!(bytes.get(i.wrapping_sub(1)), Some(b'e' | b'E')) {
                    return true;
                }
            }
            _ => return true,
        }
    }
    points > 1
}

/// A double-quoted scalar starting at `at` (the quote) and closed on the same line: its
/// text and the offset after the closing quote. Only `\\`, `\"`, `\n` and `\t` escapes.
pub(super) fn double_quoted(text: &str, at: usize, end: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut from = at + 1;
    let mut i = from;
    while i < end {
        match bytes[i] {
            b'"' => {
                value.push_str(text.get(from..i)?);
                return Some((value, i + 1));
            }
            b'\\' => {
                value.push_str(text.get(from..i)?);
                value.push(match bytes.get(i + 1)? {
                    b'\\' => '\\',
                    b'"' => '"',
                    b'n' => '\n',
                    b't' => '\t',
                    _ => return None,
                });
                i += 2;
                from = i;
            }
            _ => i += 1,
        }
    }
    None
}

/// A single-quoted scalar starting at `at` and closed on the same line: its text (`''` is
/// one quote) and the offset after the closing quote.
pub(super) fn single_quoted(text: &str, at: usize, end: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut from = at + 1;
    let mut i = from;
    while i < end {
        if bytes[i] == b'\'' {
            value.push_str(text.get(from..i)?);
            if bytes.get(i + 1) == Some(&b'\'') && i + 1 < end {
                value.push('\'');
                i += 2;
                from = i;
                continue;
            }
            return Some((value, i + 1));
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<&'static str> {
        resolve_plain(text).map(|v| v.describe())
    }

    #[test]
    fn resolution_follows_the_full_parsers_rules() {
        for number in ["0", "-0", "12", "-3", "28.4", "0.5", "1234.56"] {
            assert_eq!(kind(number), Some("a number"), "{number}");
        }
        for text in [
            "NO",
            "yes",
            "007",
            "-01",
            "1_000",
            "2023-07-17",
            "0 NPR",
            "5th",
        ] {
            assert_eq!(kind(text), Some("text"), "{text}");
        }
        assert_eq!(kind("True"), Some("true/false"));
        assert_eq!(kind("NULL"), Some("nothing"));
        for unsure in [
            "1e5", "0x1F", ".inf", "+1", "5.", "inf", "NaN", "12abc", "-x",
        ] {
            assert_eq!(kind(unsure), None, "{unsure}");
        }
    }

    #[test]
    fn quoted_scalars_close_on_their_line() {
        let text = r#""a\"b\n" 'it''s' "\x41" 'open"#;
        assert_eq!(
            double_quoted(text, 0, text.len()),
            Some(("a\"b\n".into(), 8))
        );
        assert_eq!(
            single_quoted(text, 9, text.len()),
            Some(("it's".into(), 16))
        );
        assert_eq!(double_quoted(text, 17, text.len()), None);
        assert_eq!(single_quoted(text, 24, text.len()), None);
    }
}

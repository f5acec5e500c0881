//! What a plain YAML scalar means: nothing, `true`/`false`, a number, or text.
//!
//! The rules are YAML 1.2's core schema with three deliberate narrowings, so that values a
//! person wrote as text stay text (docs/decisions.md):
//! - only `true`/`false` (and their `True`/`TRUE` spellings) are booleans, so Norway's `NO`
//!   and `yes` stay text;
//! - a number with a redundant leading zero (`0127`) or an underscore (`1_000`) is text;
//! - `+.nan`/`-.nan` and upper-case radix prefixes (`0X1F`) are text.
//!
//! `.inf`, `.nan` and numerals too large for a 64-bit float are refused: no amount or count
//! is infinite. Quoted scalars are always text.

/// The meaning of a plain scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plain {
    /// `~`, `null`, `Null`, `NULL` or nothing.
    Null,
    /// `true`/`false`.
    Bool(bool),
    /// An integer or a finite decimal.
    Number,
    /// Text.
    Text,
    /// `.inf`, `.nan`, or a numeral beyond a 64-bit float.
    NonFinite,
}

/// Whether a plain scalar is null-like (also used for keys, which must not be).
pub(crate) fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Classifies the text of a plain (unquoted) scalar.
pub(crate) fn classify(text: &str) -> Plain {
    if is_null(text) {
        return Plain::Null;
    }
    let trimmed = text.trim_matches([' ', '\t', '\r', '\n']);
    match trimmed {
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        _ => {}
    }
    let unsigned = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let upper_radix = matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..]);
    let signed_nan = trimmed.len() != unsigned.len() && is_nan_word(unsigned);
    if upper_radix || signed_nan || leading_zero_decimal(unsigned) || trimmed.contains('_') {
        return Plain::Text;
    }
    if is_integer(trimmed) {
        return Plain::Number;
    }
    if is_nan_word(unsigned) || matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Plain::NonFinite;
    }
    match trimmed.parse::<f64>() {
        Ok(v) if v.is_finite() => Plain::Number,
        // Rust also reads `inf` and `nan`; only numerals that overflow are non-finite.
        Ok(_) if unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit) => Plain::NonFinite,
        _ => Plain::Text,
    }
}

fn is_nan_word(text: &str) -> bool {
    matches!(text, ".nan" | ".NaN" | ".NAN")
}

/// `0127`: digits only, more than one, starting with zero.
fn leading_zero_decimal(digits: &str) -> bool {
    digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A YAML 1.2 integer: decimal without a redundant zero, or `0x`/`0o`/`0b` with digits,
/// that fits in 64 bits (signed when negative). Larger numerals fall through to floats.
fn is_integer(text: &str) -> bool {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (radix, digits) = if let Some(d) = rest.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = rest.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = rest.strip_prefix("0b") {
        (2, d)
    } else {
        if rest.starts_with('0') && rest != "0" {
            return false;
        }
        (10, rest)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return false;
    }
    let Ok(magnitude) = u128::from_str_radix(digits, radix) else {
        return false;
    };
    if negative {
        magnitude <= i64::MAX as u128 + 1
    } else {
        magnitude <= u64::MAX as u128
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_like_the_documents_expect() {
        for (text, expected) in [
            ("", Plain::Null),
            ("~", Plain::Null),
            ("NULL", Plain::Null),
            ("true", Plain::Bool(true)),
            ("FALSE", Plain::Bool(false)),
            ("NO", Plain::Text),
            ("yes", Plain::Text),
            ("12", Plain::Number),
            ("-12", Plain::Number),
            ("+12", Plain::Number),
            ("12.50", Plain::Number),
            ("1e3", Plain::Number),
            (".5", Plain::Number),
            ("0x1F", Plain::Number),
            ("0X1F", Plain::Text),
            ("0127", Plain::Text),
            ("1_000", Plain::Text),
            ("1,000", Plain::Text),
            (".inf", Plain::NonFinite),
            ("-.Inf", Plain::NonFinite),
            (".nan", Plain::NonFinite),
            ("-.nan", Plain::Text),
            ("1e999", Plain::NonFinite),
            ("inf", Plain::Text),
            ("nan", Plain::Text),
            ("99999999999999999999999", Plain::Number),
            ("NPR 1000", Plain::Text),
            ("2026-01-01", Plain::Text),
        ] {
            assert_eq!(classify(text), expected, "{text:?}");
        }
    }
}

//! Languages: ISO 639-3 codes (every living language, such as K'iche' `quc`, Mam `mam`,
//! Sylheti `syl`, Tamang `taj`, Rohingya `rhg`), with their English names, from the isolang
//! crate's tables. Two-letter ISO 639-1 codes are accepted and read as their 639-3 code, so
//! `ne` and `nep` are the same language when rules compare them.

use isolang::Language;

/// The ISO 639-3 code for `code`, given as a 639-3 code or a 639-1 code (lowercase).
pub fn canonical(code: &str) -> Option<&'static str> {
    let language = match code.len() {
        2 => Language::from_639_1(code),
        3 => Language::from_639_3(code),
        _ => None,
    }?;
    Some(language.to_639_3())
}

/// The English name of a language code, such as `Nepali` for `nep`.
pub fn name(code: &str) -> Option<&'static str> {
    canonical(code)
        .and_then(Language::from_639_3)
        .map(|l| l.to_name())
}

/// `Nepali (nep)`, or the code alone when it has no name.
pub fn describe(code: &str) -> String {
    match name(code) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_string(),
    }
}

/// The code of a language given by its English name (`Bengali` → `ben`), for suggestions.
pub fn code_for_name(text: &str) -> Option<&'static str> {
    Language::from_name_lowercase(&text.trim().to_ascii_lowercase()).map(|l| l.to_639_3())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrant_languages_without_two_letter_codes_are_known() {
        for (code, name_start) in [
            ("quc", "K"),
            ("mam", "Mam"),
            ("syl", "Sylheti"),
            ("taj", "Eastern Tamang"),
            ("rhg", "Rohingya"),
        ] {
            assert_eq!(canonical(code), Some(code));
            assert!(
                name(code).is_some_and(|n| n.starts_with(name_start)),
                "{code}: {:?}",
                name(code)
            );
        }
    }

    #[test]
    fn two_letter_codes_read_as_their_three_letter_code() {
        assert_eq!(canonical("ne"), Some("nep"));
        assert_eq!(canonical("en"), Some("eng"));
        assert_eq!(canonical("xx"), None);
        assert_eq!(canonical("NEP"), None);
        assert_eq!(code_for_name("Bengali"), Some("ben"));
    }
}

//! Advice for a value that should be a code and is not: the code it stands for, found from
//! the code in the wrong case or from the name (`Bangladesh` → `BD`, `Bengali` → `ben`, `npr`
//! → `NPR`), with the name, from the code tables in `value`.

use crate::value::{codes, language};

/// Advice for a language code that is not one: the code in lowercase, or the code of a
/// language given by name.
pub(super) fn language_help(text: &str) -> String {
    let lower = text.to_lowercase();
    if let Some(code) = language::canonical(&lower) {
        return format!(
            "language codes are lowercase: `{lower}` ({})",
            language::describe(code)
        );
    }
    if let Some(code) = language::code_for_name(text) {
        return format!(
            "write the code, not the name: `{code}` for {}",
            language::describe(code)
        );
    }
    "use the ISO 639-3 code, such as nep for Nepali, ben for Bengali or quc for K'iche' (two-letter ISO 639-1 codes such as ne are accepted too)".to_string()
}

/// Advice for a country code that is not one: the code it stands for, when there is one.
pub(super) fn country_help(text: &str) -> String {
    let Some(code) = codes::country_for(text) else {
        return "use the two capital letters, such as NP for Nepal or MY for Malaysia".to_string();
    };
    let name = codes::country_name(code).unwrap_or(code);
    if code.eq_ignore_ascii_case(text.trim()) {
        format!("country codes are capitals: `{code}` ({name})")
    } else {
        format!("write the code, not the name: `{code}` for {name}")
    }
}

/// Advice for a currency code that is not one: the code it stands for, when there is one.
pub(super) fn currency_help(text: &str) -> Option<String> {
    let code = codes::currency_for(text)?;
    let name = codes::currency_name(code).unwrap_or(code);
    Some(if code.eq_ignore_ascii_case(text.trim()) {
        format!("currency codes are capitals: `{code}` ({name})")
    } else {
        format!("write the code, not the name: `{code}` for {name}")
    })
}

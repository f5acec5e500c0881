//! Countries and currencies with their English names, from maintained crates (languages are
//! in `language`, from the isolang crate): ISO 3166-1 alpha-2 countries from `rust_iso3166`
//! and ISO 4217 currencies, with their minor units, from `iso_currency`. docs/decisions.md
//! says why these crates. Codes are written in capitals; the names serve messages
//! ("Nepal (NP)") and suggestions (`Bangladesh` → `BD`, `npr` → `NPR`).

use iso_currency::{Currency, IntoEnumIterator};
use std::sync::OnceLock;

/// The English short name of an ISO 3166-1 alpha-2 country code, such as `Nepal` for `NP`.
pub fn country_name(code: &str) -> Option<&'static str> {
    rust_iso3166::from_alpha2(code).map(|country| country.name)
}

/// Returns `true` if `code` is an ISO 3166-1 alpha-2 country code (in capitals).
pub fn is_country(code: &str) -> bool {
    country_name(code).is_some()
}

/// `Nepal (NP)`, or the code alone when it is not a country.
pub fn describe_country(code: &str) -> String {
    match country_name(code) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_string(),
    }
}

/// Every country code with its name, in code order.
pub fn countries() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<_> = rust_iso3166::ALL
        .iter()
        .map(|country| (country.alpha2, country.name))
        .collect();
    all.sort_unstable();
    all
}

/// The country code a mistaken value stands for: the code in lowercase (`np` → `NP`) or the
/// country's name (`Bangladesh` → `BD`, `Viet Nam` or `Vietnam` → `VN`, `Bolivia` for
/// `Bolivia (Plurinational State of)`). None when no country, or more than one, matches.
pub fn country_for(text: &str) -> Option<&'static str> {
    let upper = text.trim().to_ascii_uppercase();
    if let Some(country) = rust_iso3166::from_alpha2(&upper) {
        return Some(country.alpha2);
    }
    by_name(text, rust_iso3166::ALL.iter().map(|c| (c.alpha2, c.name)))
}

/// The currencies a document may use: every ISO 4217 currency the crate lists, in
/// circulation or superseded (an amount paid in Croatian kuna in 2022 is a fact an inspector
/// records), but not funds (`BOV`) or special units (gold, `XDR`, the testing code `XTS`).
fn currency(code: &str) -> Option<Currency> {
    Currency::from_code(code).filter(|c| !c.is_fund() && !c.is_special())
}

/// The English name of an ISO 4217 currency code, such as `Nepalese rupee` for `NPR`.
pub fn currency_name(code: &str) -> Option<&'static str> {
    usable_currencies()
        .iter()
        .find(|c| c.code() == code)
        .map(|c| c.name())
}

/// Returns `true` if `code` is an ISO 4217 currency code (in capitals) a document may use.
pub fn is_currency(code: &str) -> bool {
    currency(code).is_some()
}

/// The number of digits after the decimal point of a currency's minor unit (2 for `NPR`,
/// 0 for `JPY`, 3 for `KWD`), when ISO 4217 gives one.
pub fn minor_units(code: &str) -> Option<u16> {
    currency(code).and_then(Currency::exponent)
}

/// `Nepalese rupee (NPR)`, or the code alone when it is not a currency.
pub fn describe_currency(code: &str) -> String {
    match currency_name(code) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_string(),
    }
}

/// Every currency code a document may use, with its name, in code order.
pub fn currencies() -> Vec<(&'static str, &'static str)> {
    usable_currencies()
        .iter()
        .map(|c| (c.code(), c.name()))
        .collect()
}

/// The currency code a mistaken value stands for: the code in lowercase (`npr` → `NPR`) or
/// the currency's name (`Nepalese rupee` → `NPR`). None when no currency, or more than
/// one, matches.
pub fn currency_for(text: &str) -> Option<&'static str> {
    let upper = text.trim().to_ascii_uppercase();
    let all = currencies();
    if let Some((code, _)) = all.iter().find(|(code, _)| *code == upper) {
        return Some(code);
    }
    by_name(text, all.into_iter())
}

/// The usable currencies in code order, listed once from the crate's enum (kept in a static
/// so their names, which the crate lends for as long as the value lives, are `'static`).
fn usable_currencies() -> &'static [Currency] {
    static ALL: OnceLock<Vec<Currency>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Currency> = Currency::iter()
            .filter(|c| !c.is_fund() && !c.is_special())
            .collect();
        all.sort_unstable_by_key(|c| c.code());
        all
    })
}

/// The one code whose name matches `text`, ignoring case, spaces and punctuation, either
/// in full or up to a parenthesis (`Bolivia` for `Bolivia (Plurinational State of)`).
fn by_name(
    text: &str,
    entries: impl Iterator<Item = (&'static str, &'static str)>,
) -> Option<&'static str> {
    let wanted = fold(text);
    if wanted.len() < 3 {
        return None;
    }
    let mut found: Option<&'static str> = None;
    let mut short: Vec<&'static str> = Vec::new();
    for (code, name) in entries {
        if fold(name) == wanted {
            found = Some(code);
        } else if name.split(" (").next().is_some_and(|n| fold(n) == wanted) {
            short.push(code);
        }
    }
    found.or(match short.as_slice() {
        [one] => Some(one),
        _ => None,
    })
}

/// Letters and digits only, lowercased: `Viet Nam` and `vietnam` fold alike.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_of_the_corridors_are_known_with_their_names() {
        for (code, name) in [
            ("NP", "Nepal"),
            ("MY", "Malaysia"),
            ("BD", "Bangladesh"),
            ("QA", "Qatar"),
            ("NO", "Norway"),
            ("TR", "Türkiye"),
        ] {
            assert_eq!(country_name(code), Some(name));
        }
        assert_eq!(describe_country("NP"), "Nepal (NP)");
        assert!(!is_country("XX"));
        assert!(!is_country("np"));
        assert_eq!(countries().len(), 249);
    }

    #[test]
    fn countries_are_found_from_names_and_lowercase_codes() {
        assert_eq!(country_for("Bangladesh"), Some("BD"));
        assert_eq!(country_for("np"), Some("NP"));
        assert_eq!(country_for("vietnam"), Some("VN"));
        assert_eq!(country_for("Bolivia"), Some("BO"));
        // Two countries are named Korea (...): no guess.
        assert_eq!(country_for("Korea"), None);
        assert_eq!(country_for("Atlantis"), None);
    }

    #[test]
    fn currencies_have_names_and_minor_units() {
        assert_eq!(currency_name("NPR"), Some("Nepalese rupee"));
        assert_eq!(describe_currency("NPR"), "Nepalese rupee (NPR)");
        assert_eq!(minor_units("NPR"), Some(2));
        assert_eq!(minor_units("JPY"), Some(0));
        assert_eq!(minor_units("KWD"), Some(3));
        for code in [
            "NPR", "MYR", "BDT", "QAR", "SAR", "USD", "EUR", "VES", "VED", "HRK",
        ] {
            assert!(is_currency(code), "{code} should be a currency");
        }
        // Funds, special units, and codes that are not ISO 4217.
        for code in ["BOV", "XTS", "XAU", "XDR", "ABC", "npr"] {
            assert!(!is_currency(code), "{code} should not be accepted");
        }
    }

    #[test]
    fn currencies_are_found_from_names_and_lowercase_codes() {
        assert_eq!(currency_for("npr"), Some("NPR"));
        assert_eq!(currency_for("Nepalese rupee"), Some("NPR"));
        assert_eq!(currency_for("rupee"), None);
    }
}

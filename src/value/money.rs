//! Exact money: a decimal amount with an ISO 4217 currency, read from the source text
//! (never through binary floating point).

use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

use super::codes;

/// An ISO 4217 currency code such as `NPR`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Accepts a known ISO 4217 code in capitals.
    pub fn parse(code: &str) -> Option<Currency> {
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        codes::is_currency(code).then_some(Currency(bytes))
    }

    /// The three letters.
    pub fn as_str(&self) -> &str {
        // INVARIANT: built only from a code found in the ASCII currency table.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Money {
    /// The exact amount.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount.normalize(), self.currency)
    }
}

/// Why an amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// Not `<amount> <CUR>` or `<CUR> <amount>`.
    Shape,
    /// The number part is not a decimal number.
    Amount(String),
    /// The number is beyond 28 significant digits.
    TooLarge(String),
    /// Below zero.
    Negative(String),
    /// More than 28 decimal places.
    TooPrecise(String),
    /// More significant digits than the decimal type holds: it would be rounded.
    Inexact(String),
    /// Not an ISO 4217 code.
    Currency(String),
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::Shape => {
                f.write_str("expected an amount and a currency code, such as `15000 NPR`")
            }
            MoneyError::Amount(text) => write!(f, "`{text}` is not a number"),
            MoneyError::TooLarge(text) => write!(f, "the amount `{text}` is too large"),
            MoneyError::Negative(text) => write!(f, "the amount `{text}` is negative"),
            MoneyError::TooPrecise(text) => {
                write!(f, "`{text}` has more than 28 decimal places")
            }
            MoneyError::Inexact(text) => write!(
                f,
                "`{text}` has more significant digits than can be held exactly (28 or 29)"
            ),
            MoneyError::Currency(text) => write!(f, "`{text}` is not an ISO 4217 currency code"),
        }
    }
}

/// Reads a decimal number exactly as written (`1500`, `1500.75`).
pub fn parse_decimal(text: &str) -> Result<Decimal, MoneyError> {
    let looks_numeric = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
        && text.chars().any(|c| c.is_ascii_digit());
    if !looks_numeric {
        return Err(MoneyError::Amount(text.to_string()));
    }
    // Beyond 28 decimal places the decimal type would round silently: refuse instead.
    let places = text
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    if places > 28 {
        return Err(MoneyError::TooPrecise(text.to_string()));
    }
    let decimal = Decimal::from_str(text).map_err(|_| {
        if text.chars().filter(char::is_ascii_digit).count() > 20 {
            MoneyError::TooLarge(text.to_string())
        } else {
            MoneyError::Amount(text.to_string())
        }
    })?;
    // The decimal type rounds digits it cannot hold (it keeps 96 bits, 28 or 29 digits),
    // dropping decimal places: a scale below the places written means it rounded.
    if usize::try_from(decimal.scale()) != Ok(places) {
        return Err(MoneyError::Inexact(text.to_string()));
    }
    Ok(decimal)
}

/// Reads `15000 NPR` or `NPR 15000`.
pub fn parse_money(text: &str) -> Result<Money, MoneyError> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [first, second] = parts.as_slice() else {
        return Err(MoneyError::Shape);
    };
    let (amount_text, code) = if first.chars().all(|c| c.is_ascii_alphabetic()) {
        (*second, *first)
    } else {
        (*first, *second)
    };
    let amount = parse_decimal(amount_text)?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(MoneyError::Negative(amount_text.to_string()));
    }
    let currency = Currency::parse(code).ok_or_else(|| MoneyError::Currency(code.to_string()))?;
    Ok(Money { amount, currency })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_amounts_exactly_in_either_order() {
        let money = parse_money("15000.10 NPR").expect("valid");
        assert_eq!(money.to_string(), "15000.1 NPR");
        assert_eq!(
            parse_money("USD 0.30").expect("valid").amount,
            Decimal::new(30, 2)
        );
    }

    #[test]
    fn refuses_bad_amounts() {
        assert_eq!(parse_money("15000"), Err(MoneyError::Shape));
        assert_eq!(
            parse_money("-5 USD"),
            Err(MoneyError::Negative("-5".into()))
        );
        assert_eq!(
            parse_money("5 XYZ"),
            Err(MoneyError::Currency("XYZ".into()))
        );
        assert!(matches!(
            parse_money("99999999999999999999999999999999 USD"),
            Err(MoneyError::TooLarge(_))
        ));
        assert_eq!(
            parse_money("1,500 USD"),
            Err(MoneyError::Amount("1,500".into()))
        );
    }

    #[test]
    fn refuses_amounts_that_would_be_rounded() {
        for text in [
            "1234567890.123456789012345678901",
            "12345678901234567890123456789.5",
            "7922816251426433759354395033.51",
        ] {
            assert_eq!(parse_decimal(text), Err(MoneyError::Inexact(text.into())));
        }
        let widest = "0.1234567890123456789012345678";
        assert_eq!(
            parse_decimal(widest).map(|d| d.to_string()),
            Ok(widest.into())
        );
        assert!(parse_decimal("79228162514264337593543950335").is_ok());
    }
}

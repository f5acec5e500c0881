//! Currency conversion with the rates a document declares: direct or inverse, never a rate
//! fairrec makes up. No rate, no conversion: the caller gets the rate that was missing.

use rust_decimal::Decimal;

use super::money::{Currency, Money};

/// `1 USD = 133.5 NPR`, as declared in a document's `exchange_rates`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExchangeRate {
    /// The currency converted from.
    pub from: Currency,
    /// The currency converted to.
    pub to: Currency,
    /// How many `to` one `from` is worth.
    pub rate: Decimal,
}

/// Converts with a declared rate (direct or inverse). On failure, returns the missing rate
/// as the path a document would have to give (`exchange_rates (USD to NPR)`).
pub fn convert(rates: &[ExchangeRate], money: Money, to: Currency) -> Result<Money, Vec<String>> {
    if money.currency == to {
        return Ok(money);
    }
    if let Some(rate) = rates
        .iter()
        .find(|r| r.from == money.currency && r.to == to)
    {
        if let Some(amount) = money.amount.checked_mul(rate.rate) {
            return Ok(Money {
                amount,
                currency: to,
            });
        }
    }
    if let Some(rate) = rates
        .iter()
        .find(|r| r.from == to && r.to == money.currency)
    {
        if let Some(amount) = money.amount.checked_div(rate.rate) {
            return Ok(Money {
                amount,
                currency: to,
            });
        }
    }
    Err(vec![format!(
        "exchange_rates ({} to {})",
        money.currency, to
    )])
}

//! Values every stage shares: exact money, ISO code tables, and currency conversion with a
//! document's declared rates. Depends on nothing else in the crate.

pub mod codes;
pub mod convert;
pub mod language;
pub mod money;

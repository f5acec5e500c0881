//! fairrec: checks recruitment practices against the ILO fair-recruitment principles.
#![deny(clippy::unwrap_used)]

pub mod batch;
pub mod catalogue;
pub mod diagnostic;
pub mod document;
pub mod dsl;
pub mod eval;
pub mod finding;
pub mod limits;
pub mod ops;
pub mod pack;
pub mod parallel;
pub mod report;
pub mod schema;
pub mod value;

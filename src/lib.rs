//! fairrec: checks recruitment practices against the ILO fair-recruitment principles.
#![deny(clippy::unwrap_used)]

pub mod batch;
pub mod catalogue;
pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod dsl;
pub mod eval;
pub mod finding;
pub mod pack;
pub mod report;
pub mod limits;
pub mod corpus;

//! The rule language: grammar glue, syntax tree, parser and syntax errors.
//!
//! Step one of loading a rule pack: text → [`ast::FileAst`]. Step two (names, types) is
//! in `pack`.

pub mod ast;
mod nesting;
pub mod parser;
mod syntax_error;

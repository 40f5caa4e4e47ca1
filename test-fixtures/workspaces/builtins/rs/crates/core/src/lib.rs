//! The core crate.
pub mod lexer;
pub mod parser;

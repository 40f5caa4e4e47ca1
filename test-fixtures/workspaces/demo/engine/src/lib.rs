//! The pricing engine.
pub mod pricing;
pub mod tax;

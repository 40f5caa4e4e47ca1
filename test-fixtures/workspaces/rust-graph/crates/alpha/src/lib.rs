//! Alpha: walking folders. Nothing here depends on `beta::` (this doc comment says so, and does not count).
pub mod pathutil;
pub mod walk;

pub use crate::walk::Entry;

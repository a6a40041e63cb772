//! Editor features computed from a document's analysis, still free of LSP types.

pub mod diff;
pub mod fixes;
pub mod folding;
pub mod hover;
pub mod symbols;
pub mod targets_table;
pub mod tasks;
mod titles;
pub mod workspace;

//! Editor features computed from a document's analysis, still free of LSP types.

pub mod fixes;
pub mod folding;
pub mod hover;
pub mod symbols;
pub mod targets_table;
pub mod workspace;

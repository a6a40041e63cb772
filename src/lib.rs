//! workplan: checks Chinese work plans and reports (工作要点, 工作计划, 工作报告, 讲话稿) for
//! numbering, counts, targets, numbers and units, and serves the results to editors (LSP)
//! and terminals (CLI).
//!
//! The core (`text`, `syntax`, `analysis`, `features`, `document`) knows nothing of LSP or
//! the terminal; `lsp` and `cli` are thin layers over it, and `files` (walking folders,
//! decoding drafts) serves both.

pub mod analysis;
pub mod cli;
pub mod document;
pub mod features;
pub mod files;
pub mod lsp;
pub mod syntax;
pub mod text;

pub use analysis::{Analysis, Config, Diagnostic, Severity};
pub use document::{Change, Document};
pub use syntax::DocumentKind;

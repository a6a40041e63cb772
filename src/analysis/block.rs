//! One paragraph as the core keeps it: its parse and the findings of the per-paragraph
//! rules, made when the paragraph is (re)parsed and cached with it (`Block::parse`, with
//! the list of line checks, is in `checks.rs`).

use super::diagnostic::Diagnostic;
use crate::syntax::BlockSyntax;

/// One paragraph: its parse and the findings of the per-paragraph rules (made at line 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub syntax: BlockSyntax,
    pub findings: Box<[Diagnostic]>,
}

impl AsRef<BlockSyntax> for Block {
    fn as_ref(&self) -> &BlockSyntax {
        &self.syntax
    }
}

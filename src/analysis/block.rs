//! One paragraph as the core keeps it: its parse and the findings of the per-paragraph
//! rules, made when the paragraph is (re)parsed and cached with it.

use super::config::Config;
use super::diagnostic::Diagnostic;
use super::{counts, dates, docnum, marks, numbering, pairs, punct, targets, terms, units};
use crate::syntax::{parse_block, BlockSyntax, DocumentKind};

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

impl Block {
    /// Parses one line (without its line break) and runs the per-paragraph rules on it.
    pub fn parse(line: &str, kind: DocumentKind, config: &Config) -> Block {
        let syntax = parse_block(line, kind, &config.lexicon);
        let mut findings = Vec::new();
        numbering::check_block(&syntax, &mut findings);
        counts::check_block(&syntax, &mut findings);
        units::check_block(line, &syntax, config.range_style(), &mut findings);
        punct::check_block(line, &syntax, &mut findings);
        pairs::check_block(line, &syntax, &mut findings);
        marks::check_block(line, &mut findings);
        dates::check_block(line, &mut findings);
        docnum::check_block(line, &mut findings);
        terms::check_block(line, &config.terms, &mut findings);
        targets::check_block(line, &mut findings);
        Block { syntax, findings: findings.into() }
    }
}

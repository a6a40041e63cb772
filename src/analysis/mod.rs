//! Rules over the parsed blocks. Per-paragraph rules run when a paragraph is (re)parsed and
//! their findings are cached with it; document-wide rules run over the block parses and the
//! section tree, never over the text.

pub mod config;
pub mod counts;
pub mod diagnostic;
pub mod numbering;
pub mod punct;
pub mod registry;
pub mod suppress;
pub mod targets;
pub mod units;

pub use config::{Config, ConfigError, Ignore, RangeStyle, RuleSetting};
pub use diagnostic::{Diagnostic, Related, Replacement, Severity};
pub use registry::{Rule, RULES};

use crate::syntax::{parse_block, BlockSyntax, DocumentKind, Outline};

/// One paragraph: its parse and the findings of the per-paragraph rules (made at line 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub syntax: BlockSyntax,
    pub findings: Vec<Diagnostic>,
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
        targets::check_block(line, &mut findings);
        Block { syntax, findings }
    }
}

/// Everything the features and front ends read: the section tree, the indicator
/// statements and the findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub outline: Outline,
    pub targets: Vec<targets::Target>,
    /// Sorted by position, then code; configuration already applied.
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the document-wide passes and gathers every finding, less those the configuration
/// turns off or ignores (`line_text` gives a line's text for the ignore entries).
pub fn analyze(blocks: &[Block], config: &Config, line_text: impl Fn(usize) -> String) -> Analysis {
    let outline = Outline::build(blocks);
    let mut found = Vec::new();
    for (line, block) in blocks.iter().enumerate() {
        if !outline.fenced[line] {
            found.extend(block.findings.iter().cloned().map(|d| d.at_line(line)));
        }
    }
    numbering::check_outline(&outline, &mut found);
    counts::check_document(blocks, &outline, &mut found);
    let quantities = blocks
        .iter()
        .enumerate()
        .filter(|(line, _)| !outline.fenced[*line])
        .flat_map(|(line, b)| b.syntax.quantities.iter().map(move |q| (line, q)));
    units::check_document(quantities, &mut found);
    let resolved = targets::resolve(blocks, &outline);
    targets::check(&resolved, &mut found);
    let silenced = suppress::silenced_lines(blocks);
    let mut diagnostics: Vec<Diagnostic> = found
        .into_iter()
        .filter(|d| !silenced.get(d.range.line).and_then(Option::as_ref).is_some_and(|s| s.covers(d.code)))
        .filter(|d| config.ignores.is_empty() || !config.ignores_finding(d.code, &line_text(d.range.line)))
        .filter_map(|d| config.apply(d))
        .collect();
    diagnostics.sort_by(|a, b| (a.range, a.code).cmp(&(b.range, b.code)));
    Analysis { outline, targets: resolved, diagnostics }
}

//! The findings shown to the user, as references to where they are kept: a paragraph's own
//! findings in its block parse, the document-wide ones in the analysis.
//!
//! Showing a finding used to mean copying it, message, related places and fix included:
//! in a 10 MB draft with 37 000 findings that was 10 MB of copies. A shown finding is now
//! 24 bytes that say where the finding is kept, where it points and by which rule, and what
//! the configuration and its context changed (the severity; a fix that is not certain there).
//! Its place and rule are held here too because a publication compares every finding's with
//! the last one's: read from the findings, kept one by one all over the heap, that was a
//! third of a keystroke's CPU in a 1 MB draft, waiting for memory.

use super::block::Block;
use super::diagnostic::{Diagnostic, Related, Replacement, Severity};
use super::registry::RuleId;
use crate::text::{LineSpan, Span};

/// Where a shown finding is kept, and what showing it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ShownAt {
    pub line: usize,
    /// In the line's block findings, or in the analysis's document-wide findings.
    pub index: u32,
    /// The finding's span on `line`, and its rule.
    pub span: Span,
    pub rule: RuleId,
    pub own: bool,
    pub severity: Severity,
    pub without_fix: bool,
}

impl ShownAt {
    /// The finding as kept, given its line's block.
    pub fn kept<'a>(&self, block: &'a Block, document: &'a [Diagnostic]) -> Option<&'a Diagnostic> {
        let index = self.index as usize;
        if self.own {
            block.findings.get(index)
        } else {
            document.get(index)
        }
    }

    /// The finding it refers to: `None` only if `blocks` are not those it was made from.
    pub fn finding<'a>(&self, blocks: &'a [Block], document: &'a [Diagnostic]) -> Option<Shown<'a>> {
        let finding = self.kept(blocks.get(self.line)?, document)?;
        Some(Shown { finding, at: *self })
    }
}

/// A finding as shown: on its line, at the severity the configuration gives it.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    finding: &'a Diagnostic,
    /// Where it is kept (a paragraph's own findings are kept at line 0: their places are
    /// all on their line) and what showing it changes.
    at: ShownAt,
}

impl<'a> Shown<'a> {
    /// The severity the configuration gives it.
    pub fn severity(&self) -> Severity {
        self.at.severity
    }

    /// Its rule.
    pub fn rule(&self) -> RuleId {
        self.at.rule
    }

    /// Its rule's code, as output and configuration name it.
    pub fn code(&self) -> &'static str {
        self.at.rule.as_str()
    }

    /// The line it is on.
    pub fn line(&self) -> usize {
        self.at.line
    }

    pub fn range(&self) -> LineSpan {
        self.at.span.at_line(self.at.line)
    }

    pub fn message(&self) -> &'a str {
        &self.finding.message
    }

    /// Whether it is a paragraph's own finding: made from its line's text and the
    /// configuration alone (`Block::parse`), so the same for the same two.
    pub fn is_own(&self) -> bool {
        self.at.own
    }

    /// The related places as kept: their ranges through [`Shown::place`].
    pub fn related(&self) -> &'a [Related] {
        &self.finding.related
    }

    /// The fix's replacements as kept (their ranges through [`Shown::place`]); empty where
    /// the fix is not certain.
    pub fn fix(&self) -> &'a [Replacement] {
        if self.at.without_fix {
            &[]
        } else {
            &self.finding.fix
        }
    }

    /// Where a range of this finding (its own, a related place's, a replacement's) is in
    /// the document: a paragraph's own findings are kept at line 0.
    pub fn place(&self, at: LineSpan) -> LineSpan {
        if self.at.own {
            at.span.at_line(self.at.line)
        } else {
            at
        }
    }

    /// The finding as a value of its own, places on their lines.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let mut d = self.finding.clone();
        if self.at.own {
            d = d.at_line(self.at.line);
        }
        d.severity = self.at.severity;
        if self.at.without_fix {
            d.fix.clear();
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// There is one per finding shown (37 000 in a 10 MB draft): what it holds to spare the
    /// publication a read of the finding must stay this small.
    #[test]
    fn a_shown_finding_is_24_bytes() {
        assert_eq!(std::mem::size_of::<ShownAt>(), 24);
    }
}

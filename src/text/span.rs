//! Byte spans.
//!
//! A document is a sequence of lines and every finding lives inside one line, so the core
//! speaks of a byte range *within a line* plus the line index. Block parses store bare
//! [`Span`]s (relative to their line) so they stay valid when lines above are edited.

use serde::Serialize;

/// A byte range `[start, end)` relative to the start of a line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The same span shifted right by `by` bytes.
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    pub fn at_line(self, line: usize) -> LineSpan {
        LineSpan { line, span: self }
    }
}

/// A byte range inside one line of a document: the address of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct LineSpan {
    /// 0-based line index.
    pub line: usize,
    pub span: Span,
}

//! Byte spans.
//!
//! A document is a sequence of lines and every finding lives inside one line, so the core
//! speaks of a byte range *within a line* plus the line index. Block parses store bare
//! [`Span`]s (relative to their line) so they stay valid when lines above are edited.

use serde::Serialize;

/// The one of `spans` (in order, not overlapping) that holds byte `at`, found by halving:
/// a line may have as many such spans as characters, and trying each for every position
/// made several readers quadratic in the length of a line.
pub fn holding(spans: &[Span], at: usize) -> Option<Span> {
    let k = spans.partition_point(|s| s.end() <= at);
    spans.get(k).copied().filter(|s| s.contains(at))
}

/// A byte range `[start, end)` relative to the start of a line's text.
///
/// In eight bytes: spans are in every line's parse, section and finding, and a 10 MB draft
/// has hundreds of thousands of them. A line longer than 4 GiB, which nothing here could
/// hold anyway, has its offsets past that saturated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start: saturated(start), end: saturated(end) }
    }

    pub const fn start(&self) -> usize {
        self.start as usize
    }

    pub const fn end(&self) -> usize {
        self.end as usize
    }

    /// The byte range, to slice the line's text with.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    pub fn len(&self) -> usize {
        self.end() - self.start()
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether byte `at` is inside the span (its end excluded).
    pub fn contains(&self, at: usize) -> bool {
        self.range().contains(&at)
    }

    /// The same span shifted right by `by` bytes.
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start() + by, self.end() + by)
    }

    pub fn at_line(self, line: usize) -> LineSpan {
        LineSpan { line, span: self }
    }
}

/// An offset, a line number or an index in four bytes, saturating: past `u32::MAX` is
/// past anything here can hold in memory (see [`Span`]).
pub const fn saturated(n: usize) -> u32 {
    if n > u32::MAX as usize {
        u32::MAX
    } else {
        n as u32
    }
}

/// A byte range inside one line of a document: the address of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct LineSpan {
    /// 0-based line index.
    pub line: usize,
    pub span: Span,
}

/// An edit inside one line's text: `removed` bytes at `at` replaced by `inserted` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineEdit {
    pub at: usize,
    pub removed: usize,
    pub inserted: usize,
}

impl LineEdit {
    /// Where `span` is after the edit, if the edit left what it covers alone: spans before
    /// the edit stay, spans after it move; `None` for a span the edit reaches into.
    pub fn moved(&self, span: Span) -> Option<Span> {
        if span.end() <= self.at {
            Some(span)
        } else if span.start() >= self.at + self.removed {
            let by = |x: usize| x.saturating_sub(self.removed) + self.inserted;
            Some(Span::new(by(span.start()), by(span.end())))
        } else {
            None
        }
    }

    /// Like [`LineEdit::moved`], but a span that holds the whole edit, even at its very
    /// start or end, grows or shrinks with it (a sentence being typed into).
    pub fn stretched(&self, span: Span) -> Option<Span> {
        if span.start() <= self.at && self.at + self.removed <= span.end() {
            Some(Span::new(span.start(), span.end().saturating_sub(self.removed) + self.inserted))
        } else {
            self.moved(span)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_span_holding_a_byte() {
        let spans = [Span::new(2, 4), Span::new(4, 5), Span::new(8, 10)];
        let at = |b| holding(&spans, b);
        assert_eq!([at(0), at(1), at(5), at(7), at(10)], [None; 5]);
        assert_eq!([at(2), at(3), at(4), at(9)], [Some(spans[0]), Some(spans[0]), Some(spans[1]), Some(spans[2])]);
        assert_eq!(holding(&[], 0), None);
    }

    #[test]
    fn spans_move_past_an_edit_or_are_reached_by_it() {
        let edit = LineEdit { at: 6, removed: 3, inserted: 6 };
        assert_eq!(edit.moved(Span::new(0, 6)), Some(Span::new(0, 6)));
        assert_eq!(edit.moved(Span::new(9, 12)), Some(Span::new(12, 15)));
        assert_eq!(edit.moved(Span::new(3, 7)), None);
        assert_eq!(edit.moved(Span::new(8, 12)), None);
        assert_eq!(edit.stretched(Span::new(3, 12)), Some(Span::new(3, 15)));
        assert_eq!(edit.stretched(Span::new(7, 12)), None);
        // Typing at a span's start moves it; typing strictly inside reaches it.
        let typed = LineEdit { at: 3, removed: 0, inserted: 3 };
        assert_eq!(typed.moved(Span::new(3, 6)), Some(Span::new(6, 9)));
        assert_eq!(typed.moved(Span::new(0, 3)), Some(Span::new(0, 3)));
        assert_eq!(typed.moved(Span::new(0, 6)), None);
        assert_eq!(typed.stretched(Span::new(0, 6)), Some(Span::new(0, 9)));
        assert_eq!(typed.stretched(Span::new(3, 6)), Some(Span::new(3, 9)));
        assert_eq!(typed.stretched(Span::new(4, 6)), Some(Span::new(7, 9)));
    }
}

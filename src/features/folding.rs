//! Folding ranges: every heading folds from its line to the last line of its section.

use crate::document::Document;

/// `(first line, last line)` of each foldable section, in document order.
pub fn folding_ranges(doc: &Document) -> Vec<(usize, usize)> {
    doc.analysis()
        .outline
        .sections
        .iter()
        .filter(|s| s.is_heading() && s.end_line() > s.line())
        .map(|s| (s.line(), s.end_line()))
        .collect()
}

//! Fixes: every certain rewrite of a document at once (“fix all”, formatting, `check --fix`).
//!
//! A fix touches only the characters its finding flags, and never a line break, so line
//! endings survive; where two fixes would touch the same characters the first one wins.

use crate::analysis::Replacement;
use crate::document::Document;

/// The fixes of every finding, in document order, none overlapping another.
pub fn all_fixes(doc: &Document) -> Vec<Replacement> {
    let mut edits: Vec<Replacement> = doc
        .diagnostics()
        .flat_map(|d| {
            d.fix().iter().map(move |r| Replacement { range: d.place(r.range), new_text: r.new_text.clone() })
        })
        .collect();
    edits.sort_by_key(|r| (r.range.line, r.range.span.start(), r.range.span.end()));
    let mut kept: Vec<Replacement> = Vec::with_capacity(edits.len());
    for r in edits {
        let overlaps = kept.last().is_some_and(|k| {
            k.range.line == r.range.line && (r.range.span.start() < k.range.span.end() || k.range == r.range)
        });
        if !overlaps {
            kept.push(r);
        }
    }
    kept
}

/// The document's text with `edits` applied (as returned by [`all_fixes`]).
pub fn apply(doc: &Document, edits: &[Replacement]) -> String {
    let rope = doc.rope();
    let mut out = String::with_capacity(rope.len_bytes());
    let mut done = 0;
    for r in edits {
        let line_start = rope.line_to_byte(r.range.line);
        let (start, end) = (line_start + r.range.span.start(), line_start + r.range.span.end());
        if start < done || end > rope.len_bytes() {
            continue;
        }
        out.extend(rope.byte_slice(done..start).chunks());
        out.push_str(&r.new_text);
        done = end;
    }
    out.extend(rope.byte_slice(done..).chunks());
    out
}

/// The text with every certain fix applied.
pub fn fixed_text(doc: &Document) -> String {
    apply(doc, &all_fixes(doc))
}

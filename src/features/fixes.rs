//! Fixes: every certain rewrite of a document at once (“fix all”, formatting, `check --fix`).
//!
//! A fix touches only the characters its finding flags, and never a line break, so line
//! endings survive; where two fixes would touch the same characters the first one wins.

use std::collections::BTreeMap;

use crate::analysis::Replacement;
use crate::document::Document;

/// The fixes of every finding with the rule each comes from, in document order, none
/// overlapping another.
fn fixes_by_rule(doc: &Document) -> Vec<(&'static str, Replacement)> {
    let mut edits: Vec<(&'static str, Replacement)> = doc
        .diagnostics()
        .flat_map(|d| {
            d.fix()
                .iter()
                .map(move |r| (d.code(), Replacement { range: d.place(r.range), new_text: r.new_text.clone() }))
        })
        .collect();
    edits.sort_by_key(|(_, r)| (r.range.line, r.range.span.start(), r.range.span.end()));
    let mut kept: Vec<(&'static str, Replacement)> = Vec::with_capacity(edits.len());
    for (code, r) in edits {
        let overlaps = kept.last().is_some_and(|(_, k)| {
            k.range.line == r.range.line && (r.range.span.start() < k.range.span.end() || k.range == r.range)
        });
        if !overlaps {
            kept.push((code, r));
        }
    }
    kept
}

/// The fixes of every finding, in document order, none overlapping another.
pub fn all_fixes(doc: &Document) -> Vec<Replacement> {
    fixes_by_rule(doc).into_iter().map(|(_, r)| r).collect()
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

/// The text with every certain fix applied, once.
pub fn fixed_text(doc: &Document) -> String {
    apply(doc, &all_fixes(doc))
}

/// How many rounds [`fix_until_stable`] runs at most. A fix can make another finding
/// (`(2017-2019年` gets its dash, and only then its `（`); two or three rounds settle every
/// draft seen, and a bound keeps two fixes that undid each other from looping forever.
pub const MAX_ROUNDS: usize = 8;

/// A document fixed until no certain fix is left.
#[derive(Debug)]
pub struct Fixed {
    /// The final document, analysed (its remaining findings are the unfixable ones).
    pub doc: Document,
    /// How many fixes each rule made, over all rounds.
    pub by_rule: BTreeMap<&'static str, usize>,
    /// False when [`MAX_ROUNDS`] ran out with fixes still to make.
    pub settled: bool,
}

impl Fixed {
    pub fn count(&self) -> usize {
        self.by_rule.values().sum()
    }
}

/// Applies every certain fix, then those the result calls for, until nothing changes or
/// [`MAX_ROUNDS`] have run. `analyse` makes a document of a text (with the caller's kind and
/// configuration).
pub fn fix_until_stable(doc: Document, analyse: impl Fn(&str) -> Document) -> Fixed {
    let mut fixed = Fixed { doc, by_rule: BTreeMap::new(), settled: false };
    for _ in 0..MAX_ROUNDS {
        let edits = fixes_by_rule(&fixed.doc);
        let replacements: Vec<Replacement> = edits.iter().map(|(_, r)| r.clone()).collect();
        let text = apply(&fixed.doc, &replacements);
        if edits.is_empty() || text == fixed.doc.text() {
            fixed.settled = true;
            return fixed;
        }
        for (code, _) in &edits {
            *fixed.by_rule.entry(code).or_default() += 1;
        }
        fixed.doc = analyse(&text);
    }
    fixed.settled = fixes_by_rule(&fixed.doc).is_empty();
    fixed
}

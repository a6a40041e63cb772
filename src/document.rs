//! A document being edited: the text in a rope, one parsed block per line, and the analysis.
//!
//! An edit splices the rope and re-parses only the lines it touches; the document-wide passes
//! then run over the cached block parses. `Document::new` is the full-parse path the
//! incremental one must equal (a property test checks it after random edit sequences).
//!
//! A `\n` typed after a lone `\r` merges two line breaks into one, changing only the
//! terminator of the line before, and a line's parse never depends on its terminator, so
//! the touched lines are exactly those from the edit's start to its end.

use std::borrow::Cow;
use std::ops::RangeInclusive;
use std::sync::Arc;

use rayon::prelude::*;
use ropey::Rope;

use compact_str::CompactString;

use crate::analysis::elsewhere::Elsewhere;
use crate::analysis::{analyze, Analysis, Block, Config, Diagnostic, Shown};
use crate::syntax;
use crate::syntax::DocumentKind;
use crate::text::position::{self, line_text};
use crate::text::{LineEdit, LineSpan, PositionEncoding, PositionError, TextPosition};

/// One content change as an editor sends it: a range to replace, or the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub range: Option<(TextPosition, TextPosition)>,
    pub text: String,
}

impl Change {
    /// The lines of a document of `before` lines that this change replaces (from its start's
    /// line to its end's, positions past the end being the last line; every line for a whole
    /// text), and how many lines replace them once it has made the document `after` lines long.
    pub fn lines_replaced(&self, before: usize, after: usize) -> (RangeInclusive<usize>, usize) {
        let (first, last) = match self.range {
            Some((start, end)) => (start.line.min(end.line).min(before - 1), start.line.max(end.line).min(before - 1)),
            None => (0, before - 1),
        };
        let now = (last + 1 + after).saturating_sub(before).max(first + 1);
        (first..=last, now - first)
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    kind: DocumentKind,
    blocks: Vec<Block>,
    config: Arc<Config>,
    analysis: Analysis,
    /// Edits since `analysis` was computed (see [`Document::edit`]).
    stale: Staleness,
    /// What the other drafts of the workspace cite and report (see [`Document::set_elsewhere`]).
    elsewhere: Arc<Elsewhere>,
}

/// What changed since the analysis was computed.
#[derive(Debug, Clone)]
enum Staleness {
    Fresh,
    /// Only edits that moved text within a line and changed no parse (`syntax::moved`), in
    /// order: the analysis can be moved past them.
    Moved(Vec<(usize, LineEdit)>),
    /// Anything else: the document-wide passes must run again.
    Reparsed,
}

/// Past this many moving edits a fresh analysis is cheaper than moving every span again.
const MAX_MOVED_EDITS: usize = 64;

impl Document {
    pub fn new(text: &str, kind: DocumentKind) -> Self {
        Self::with_config(text, kind, Arc::default())
    }

    pub fn with_config(text: &str, kind: DocumentKind, config: Arc<Config>) -> Self {
        let mut doc = Self::parsed(text, kind, config);
        doc.reanalyze();
        doc
    }

    /// [`Document::with_config`] taking the text by value, so that it is freed once parsed
    /// and not held through the analysis as well as the rope (10 MB for a 10 MB draft, at
    /// the server's peak while it opens one).
    pub fn from_text(text: String, kind: DocumentKind, config: Arc<Config>) -> Self {
        let mut doc = Self::parsed(&text, kind, config);
        drop(text);
        doc.reanalyze();
        doc
    }

    /// The rope and the block parses, not yet analysed.
    fn parsed(text: &str, kind: DocumentKind, config: Arc<Config>) -> Self {
        // Lines are independent until the document-wide passes: parse them on every core,
        // while the rope is built.
        let (rope, blocks) = rayon::join(
            || Rope::from_str(text),
            || {
                let lines = lines_of(text);
                let tasks = lines.par_iter().with_min_len(PARSE_CHUNK).with_max_len(PARSE_CHUNK_MAX);
                tasks.map(|l| Block::parse(l, kind, &config)).collect()
            },
        );
        Document {
            rope,
            kind,
            blocks,
            config,
            analysis: Analysis::default(),
            stale: Staleness::Reparsed,
            elsewhere: Arc::default(),
        }
    }

    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// The configuration its lines were parsed with; a new value whenever it is set.
    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }

    /// The analysis as of the last [`Document::refresh`] (every constructor and
    /// [`Document::apply_changes`] refresh; only [`Document::edit`] leaves it stale).
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Whether edits were made since the analysis was computed.
    pub fn is_stale(&self) -> bool {
        !matches!(self.stale, Staleness::Fresh)
    }

    /// Brings the analysis up to date if edits left it stale.
    pub fn refresh(&mut self) {
        if self.is_stale() {
            self.reanalyze();
        }
    }

    /// The findings shown, in order of position, then code, as of the last
    /// [`Document::refresh`] (which every caller makes sure of).
    pub fn diagnostics(&self) -> impl Iterator<Item = Shown<'_>> + Clone {
        debug_assert!(!self.is_stale(), "findings of an analysis that edits left stale");
        self.analysis.shown(&self.blocks)
    }

    /// [`Document::diagnostics`], each a value of its own.
    pub fn findings(&self) -> Vec<Diagnostic> {
        self.diagnostics().map(|d| d.to_diagnostic()).collect()
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    pub fn line_count(&self) -> usize {
        self.rope.len_lines()
    }

    /// The text of line `line` without its line break (empty past the end).
    pub fn line(&self, line: usize) -> Cow<'_, str> {
        if line >= self.rope.len_lines() {
            return Cow::Borrowed("");
        }
        line_text(&self.rope, line)
    }

    /// The text a span covers (empty if it does not fit the line).
    pub fn span_text(&self, span: LineSpan) -> String {
        self.span_slice(span).map(|s| s.to_string()).unwrap_or_default()
    }

    /// The first `max_chars` characters of [`Document::span_text`]: a label's worth of a
    /// span that may run over a whole long line.
    pub fn span_text_start(&self, span: LineSpan, max_chars: usize) -> String {
        self.span_slice(span).map(|s| s.chars().take(max_chars).collect()).unwrap_or_default()
    }

    /// [`Document::span_text`] when the span is short; for a longer one (a paragraph-long
    /// sentence), `reach` characters either side of byte `at` of the line, its cut ends
    /// marked `…`: a row per figure of a long line must not copy the line per figure.
    pub fn span_text_around(&self, span: LineSpan, at: usize, reach: usize) -> String {
        let Some(slice) = self.span_slice(span) else { return String::new() };
        let chars = slice.len_chars();
        if chars <= 2 * reach {
            return slice.to_string();
        }
        let at = at.clamp(span.span.start(), span.span.end()) - span.span.start();
        let centre = slice.try_byte_to_char(at).unwrap_or(0);
        let (from, to) = (centre.saturating_sub(reach), (centre + reach).min(chars));
        let mut out = String::with_capacity(4 * (to - from) + 6);
        if from > 0 {
            out.push('…');
        }
        out.extend(slice.slice(from..to).chars());
        if to < chars {
            out.push('…');
        }
        out
    }

    /// The text a span covers, read from the rope (copying the line first would cost the
    /// line's length per span); `None` if it does not fit the line.
    fn span_slice(&self, span: LineSpan) -> Option<ropey::RopeSlice<'_>> {
        let line = self.rope.get_line(span.line)?;
        if span.span.end() > line.len_bytes() - position::line_break_len(line) {
            return None;
        }
        line.get_byte_slice(span.span.range())
    }

    /// What the other drafts of the workspace cite (sorted), which `citation.conflict`
    /// compares this draft's citations with, and the outturns they report, which
    /// `target.below-last-actual` compares its targets with. The analysis is left stale if
    /// they changed.
    pub fn set_elsewhere(&mut self, elsewhere: Arc<Elsewhere>) {
        if *elsewhere != *self.elsewhere {
            self.elsewhere = elsewhere;
            self.stale = Staleness::Reparsed;
        }
    }

    /// Who issues this draft, as its title says (see [`syntax::issuer`]): only the drafts of
    /// one issuer compare their figures.
    pub fn issuer(&self) -> Option<CompactString> {
        let opening = self.blocks.iter().enumerate().filter(|(_, b)| !b.syntax.blank).take(12);
        let mut unnumbered = opening.filter(|(_, b)| b.syntax.marker.is_none());
        unnumbered.find_map(|(line, _)| syntax::issuer::of_title(&line_text(&self.rope, line)))
    }

    /// New settings can change every paragraph's findings (the range style shapes fixes),
    /// so this is a full re-parse. The old parses and analysis go first, so that the
    /// document is never held twice.
    pub fn set_config(&mut self, config: Arc<Config>) {
        let text = self.text();
        self.analysis = Analysis::default();
        self.blocks = Vec::new();
        self.rope = Rope::new();
        let mut doc = Document::parsed(&text, self.kind, config);
        drop(text);
        doc.elsewhere = std::mem::take(&mut self.elsewhere);
        doc.reanalyze();
        *self = doc;
    }

    /// Applies editor changes in order, then re-analyses once. A position past the end of
    /// the document is clamped to the end (the change is still applied, so the text stays
    /// in step with the editor) and reported in the returned list for logging.
    pub fn apply_changes(&mut self, changes: &[Change], encoding: PositionEncoding) -> Vec<PositionError> {
        let problems = self.edit(changes, encoding);
        self.reanalyze();
        problems
    }

    /// Applies editor changes (text and block parses) and leaves the analysis stale, so a
    /// burst of edits costs one analysis at the next [`Document::refresh`].
    pub fn edit(&mut self, changes: &[Change], encoding: PositionEncoding) -> Vec<PositionError> {
        let mut problems = Vec::new();
        for change in changes {
            match change.range {
                None => self.splice(0, self.rope.len_bytes(), &change.text),
                Some((start, end)) => {
                    let mut resolve = |p| {
                        position::byte_offset(&self.rope, p, encoding).unwrap_or_else(|(err, clamped)| {
                            problems.push(err);
                            clamped
                        })
                    };
                    let (a, b) = (resolve(start), resolve(end));
                    self.splice(a.min(b), a.max(b), &change.text)
                }
            }
        }
        problems
    }

    /// Replaces bytes `start..end` with `text` and re-parses the lines that changed.
    fn splice(&mut self, start: usize, end: usize, text: &str) {
        let len = self.rope.len_bytes();
        let (start, end) = (start.min(len), end.min(len));
        let (start_char, end_char) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
        let old_lines = self.rope.len_lines();
        let first = self.rope.char_to_line(start_char);
        let last_old = self.rope.char_to_line(end_char);
        // An edit that neither removes nor types a line break, inside one line's text.
        let line_start = self.rope.line_to_byte(first);
        let breaks = |s: &str| s.contains(['\n', '\r']);
        let within_line = (first == last_old
            && !breaks(text)
            && !self.rope.byte_slice(start..end).chunks().any(breaks)
            && end - line_start <= line_text(&self.rope, first).len())
        .then(|| LineEdit { at: start - line_start, removed: end - start, inserted: text.len() });
        self.rope.remove(start_char..end_char);
        self.rope.insert(start_char, text);
        let new_lines = self.rope.len_lines();
        let last_new = (last_old + new_lines).saturating_sub(old_lines).min(new_lines - 1);
        let reparsed: Vec<Block> =
            (first..=last_new).map(|i| Block::parse(&line_text(&self.rope, i), self.kind, &self.config)).collect();
        let moved = within_line.filter(|_| first == last_new && old_lines == new_lines).and_then(|edit| {
            let same = syntax::moved::moved(&self.blocks[first].syntax, &edit).is_some_and(|m| m == reparsed[0].syntax);
            same.then_some((first, edit))
        });
        self.blocks.splice(first..=last_old, reparsed);
        debug_assert_eq!(self.blocks.len(), self.rope.len_lines());
        self.stale = match (std::mem::replace(&mut self.stale, Staleness::Reparsed), moved) {
            (Staleness::Fresh, Some(edit)) => Staleness::Moved(vec![edit]),
            (Staleness::Moved(mut edits), Some(edit)) if edits.len() < MAX_MOVED_EDITS => {
                edits.push(edit);
                Staleness::Moved(edits)
            }
            _ => Staleness::Reparsed,
        };
    }

    fn reanalyze(&mut self) {
        let rope = &self.rope;
        let text = |line| line_text(rope, line).into_owned();
        let moved = match std::mem::replace(&mut self.stale, Staleness::Fresh) {
            Staleness::Moved(edits) => self.analysis.moved_past(&edits, &self.blocks, &self.config, text),
            _ => false,
        };
        if !moved {
            // Drop the old analysis before building the new one: holding both would double
            // the analysis's share of the peak memory (tens of MB on a 10 MB draft).
            self.analysis = Analysis::default();
            self.analysis = analyze(&self.blocks, &self.config, &self.elsewhere, text);
        }
    }
}

/// Lines per parallel task: enough that the tasks' overhead (about a microsecond) is noise,
/// few enough that a draft of a few hundred lines is parsed on every core.
const PARSE_CHUNK: usize = 64;
/// At most this many: rayon otherwise splits the lines only as deep as there are cores, and
/// the core that finished its quarter of a 10 MB draft first waited 10 ms for the other.
const PARSE_CHUNK_MAX: usize = 4 * PARSE_CHUNK;

/// Every line's text without its line break, split where the rope splits lines (LF, CRLF
/// and a lone CR), so that `lines_of(text)[i]` is the rope's line `i`.
fn lines_of(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 64);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            continue; // the LF of a CRLF, taken with its CR
        }
        lines.push(&text[start..i]);
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
    }
    lines.push(&text[start..]);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_where_the_rope_splits_them() {
        for text in ["", "a", "a\n", "a\r\nb", "a\rb\r", "\r\n\r\n", "\n\r", "甲\r\r\n乙\n\r丙", "😀\r"] {
            let rope = Rope::from_str(text);
            let from_rope: Vec<String> = (0..rope.len_lines()).map(|i| line_text(&rope, i).into_owned()).collect();
            assert_eq!(lines_of(text), from_rope, "{text:?}");
        }
    }

    #[test]
    fn a_change_replaces_the_lines_from_its_start_to_its_end() {
        let at = |line, character| TextPosition::new(line, character);
        let change = |range, text: &str| Change { range, text: text.to_string() };
        // Typing two line breaks into line 1 of 4: line 1 becomes three lines.
        assert_eq!(change(Some((at(1, 2), at(1, 2))), "\n\n").lines_replaced(4, 6), (1..=1, 3));
        // Joining lines 1 to 3 of 5 (end before start, as a client may send it).
        assert_eq!(change(Some((at(3, 0), at(1, 4))), "").lines_replaced(5, 3), (1..=3, 1));
        // Past the end: the last line.
        assert_eq!(change(Some((at(9, 0), at(9, 0))), "x").lines_replaced(2, 2), (1..=1, 1));
        // The whole text.
        assert_eq!(change(None, "a\nb").lines_replaced(5, 2), (0..=4, 2));
    }
}

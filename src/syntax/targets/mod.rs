//! Indicator statements in one paragraph: `固定资产投资增速 确保 高于 15%` binds an indicator
//! to a figure with a kind, a tier word, a qualifier and what the sentence says of its
//! period. What the sentence does not settle (the year under review, whether the part is a
//! review or a plan) is resolved over the document (`analysis::context`).
//!
//! A paragraph is read sentence by sentence (to `。`), each sentence clause by clause (to
//! `，` `；` `：`). In a clause each figure takes the words since the previous figure as its
//! subject (`地区生产总值67665亿元`), or continues the previous figure's subject when
//! those words only link (`，增长5.5%`); a count may name its noun after it
//! (`新培育6个国家级中小企业特色产业集群`); `分别` and `均` share one verb among listed
//! subjects (`城镇居民、农村居民人均可支配收入分别增长4.5%、5.7%`).

mod areas;
mod cues;
mod figures;
mod kinds;
mod names;
mod periods;
mod reader;
mod statement;
mod vocabulary;

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

pub use cues::Cue;
pub use periods::{plan_years, PeriodHint};
pub use statement::{Modality, Statement, TargetKind};

use super::indicators::{simplify, UserIndicator};
use super::quantities::Quantity;
use crate::text::Span;
use cues::SentenceCues;
use periods::SentencePeriods;
use reader::SentenceReader;

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':')
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// The bytes a break (of a clause or a sentence) begins with: it is ASCII, or begins with
/// `E3` (`。`) or `EF` (the full-width marks), bytes met only at the start of a character
/// (a test checks that every break begins with one).
const BREAK_BYTES: [u8; 7] = [b',', b':', b';', b'!', b'?', 0xE3, 0xEF];

/// Spans of the pieces of `text[range]` between breaks. Where a break may begin is found by
/// `memchr` on [`BREAK_BYTES`], many bytes at a time, where `match_indices` decoded every
/// character of the text, most of which begin with `E4`–`E9`.
fn pieces(text: &str, range: Span, brk: fn(char) -> bool) -> impl Iterator<Item = Span> + '_ {
    let mut start = range.start();
    let bytes = &text.as_bytes()[range.range()];
    let [b0, b1, b2, b3, b4, b5, b6] = BREAK_BYTES;
    let ascii = super::merged(memchr::memchr3_iter(b0, b1, b2, bytes), memchr::memchr2_iter(b3, b4, bytes));
    let candidates = super::merged(ascii, memchr::memchr2_iter(b5, b6, bytes));
    let breaks = candidates.filter_map(move |i| {
        let at = range.start() + i;
        let c = text[at..].chars().next().filter(|&c| brk(c))?;
        Some(Some((at, c.len_utf8())))
    });
    breaks.chain([None]).map(move |brk| match brk {
        Some((at, len)) => {
            let piece = Span::new(start, at);
            start = at + len;
            piece
        }
        None => Span::new(start, range.end()),
    })
}

/// Marks that open a point of a list without numbering it (`——地区生产总值增长6%左右`,
/// `●预计全省地区生产总值增长6%`).
const POINT_MARKS: [char; 11] = ['—', '-', '●', '•', '·', '◆', '■', '▲', '★', '○', '◎'];

/// The line as the statement reader sees it: Traditional folded to Simplified; blanked, the
/// paragraph's markers (`一、`, `1.`, `一是`: `markers`) and the mark that opens a point
/// (`——`), which are no part of a name, and the pinyin some mirror sites put after converted
/// characters (`區(qū)`). Byte offsets equal the line's.
fn readable<'a>(line: &'a str, markers: &[Span]) -> Cow<'a, str> {
    let text = simplify(line);
    let mut debris: Vec<std::ops::Range<usize>> = markers.iter().map(|m| m.range()).collect();
    let content = markers.first().filter(|m| text[..m.start()].trim().is_empty()).map_or(0, |m| m.end());
    let indent = text[content..].len() - text[content..].trim_start().len();
    let point = text[content + indent..].len() - text[content + indent..].trim_start_matches(POINT_MARKS).len();
    if point > 0 {
        debris.push(content + indent..content + indent + point);
    }
    if debris.is_empty() && !text.contains('(') {
        return text;
    }
    // Pinyin: `(` right after a Chinese character, lower-case (accented) letters, `)`.
    for (open, _) in text.match_indices('(') {
        let after_han = text[..open].chars().next_back().is_some_and(super::quantities::is_han);
        let letters: usize = text[open + 1..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || matches!(c, 'à'..='ǜ'))
            .take(8)
            .map(char::len_utf8)
            .sum();
        if after_han && letters > 0 && text[open + 1 + letters..].starts_with(')') {
            debris.push(open..open + letters + 2);
        }
    }
    if debris.is_empty() {
        return text;
    }
    // Whole characters are blanked, with as many ASCII spaces as they have bytes.
    debris.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in debris {
        if range.start < at {
            continue; // overlaps the one before
        }
        out.push_str(&text[at..range.start]);
        out.extend(std::iter::repeat_n(' ', range.len()));
        at = range.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Words that make a sentence a report of results.
static REVIEW_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    super::word_automaton(["完成情况", "回顾", "回望", "完成了", "实现了", "初步统计", "初步核算", "已达", "已经达到"])
});

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&REVIEW_WORDS];

/// What the statement reader builds on first use, this module's and its parts'.
pub(crate) fn prepared() -> impl Iterator<Item = &'static dyn super::Prepare> {
    [PREPARED, areas::PREPARED, kinds::PREPARED, names::PREPARED, periods::PREPARED, vocabulary::PREPARED]
        .into_iter()
        .flatten()
        .copied()
}

/// Reads the indicator statements of one line; `quantities` are its quantities, in order, and
/// `markers` its numbering marker (first) and item markers, if any.
pub fn parse_statements(
    line: &str,
    quantities: &[Quantity],
    markers: &[Span],
    user: &[UserIndicator],
) -> Vec<Statement> {
    // Most quantities of a plan are no figures (dates, list numbers): only a line with one
    // is read further. What rules a figure out is the same in Traditional and Simplified.
    let all = figures::figures_of(line, quantities);
    if all.is_empty() {
        return Vec::new();
    }
    let text = readable(line, markers);
    let mut out = Vec::new();
    // Figures are in order: walk them with one cursor instead of filtering per sentence.
    let mut rest = &all[..];
    for sentence in pieces(&text, Span::new(0, text.len()), is_sentence_break) {
        let here = rest.iter().take_while(|f| f.q.number.start() < sentence.end()).count();
        let (figures, later) = rest.split_at(here);
        rest = later;
        if figures.is_empty() {
            continue;
        }
        let clauses: Vec<Span> = pieces(&text, sentence, is_clause_break).collect();
        // Figures are in order: the first at or after the span's start is the one to try.
        let has_figure = |s: Span| {
            let k = figures.partition_point(|f| f.q.number.start() < s.start());
            figures.get(k).is_some_and(|f| s.contains(f.q.number.start()))
        };
        let cues = SentenceCues::scan(&text, sentence, &clauses, has_figure);
        let periods = SentencePeriods::scan(&text, sentence);
        let review = REVIEW_WORDS.is_match(&text[sentence.range()]) || periods.months_so_far;
        let mut reader = SentenceReader::new(&text, sentence, cues, periods, review, user);
        let mut rest = figures;
        for &clause in &clauses {
            let here = rest.iter().take_while(|f| f.q.number.start() < clause.end()).count();
            let (in_clause, later) = rest.split_at(here);
            rest = later;
            if in_clause.is_empty() {
                reader.read_clause_without_figures(clause);
            } else {
                reader.read_clause(clause, in_clause);
            }
        }
        let mut statements = reader.into_statements();
        areas::mark(&text, &clauses, &mut statements);
        out.append(&mut statements);
    }
    out
}

#[cfg(test)]
mod tests;

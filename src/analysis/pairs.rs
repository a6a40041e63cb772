//! `punct.unpaired` (GB/T 15834-2011 §4.8, §4.9, §4.15): quotation marks, title marks
//! and brackets that open and do not close, or close without opening, within one paragraph;
//! and two pairs that cross (`《关于“…》”`).
//!
//! A paragraph is a line. Lines that do not read as whole paragraphs stay silent: a draft
//! pasted from a web page or a PDF breaks paragraphs mid-sentence, and a mark left open at such
//! a break is not the drafter's. So an opening mark is reported only in a line that ends as a
//! paragraph ends (`。` `！` `？` `；` `…`), and a closing mark only after the line has begun a
//! clause of its own (a `，` `。` `、` … before it). A quotation of whole sentences — opened
//! after a colon, or closed after a sentence's end — may run over paragraphs, and is left
//! alone at the paragraph that opens or closes it.

use super::check::{LineCheck, LineContext};
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::{find, merged, BlockSyntax};
use crate::text::{holding, Span};

/// The closing mark of an opening one.
pub(crate) fn closer_of(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        '‘' => '’',
        '《' => '》',
        '〈' => '〉',
        '（' | '(' => '）',
        '〔' => '〕',
        '【' => '】',
        '「' => '」',
        '『' => '』',
        _ => return None,
    })
}

/// The spans from each `open` to the next `close` after it, marks included (`《…》`: a
/// title, cited as issued; `〔…〕`: the year of a document number).
pub(crate) fn enclosed(line: &str, open: char, close: char) -> Vec<Span> {
    let mut buf = ([0; 4], [0; 4]);
    let (open, close) = (&*open.encode_utf8(&mut buf.0), &*close.encode_utf8(&mut buf.1));
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = find(&line[from..], open) {
        let start = from + k;
        let Some(len) = find(&line[start..], close) else { break };
        let end = start + len + close.len();
        out.push(Span::new(start, end));
        from = end;
    }
    out
}

/// Whether `c` closes the pair opened by `open`: half-width parentheses pair with full-width
/// ones (punct.halfwidth makes them full-width; the pair is right either way).
fn closes(open: char, c: char) -> bool {
    closer_of(open) == Some(c) || (matches!(open, '（' | '(') && c == ')')
}

/// Where in the open marks the pair `c` closes is, if not on top: marks cross within a few
/// levels (`《关于“…》”`), and looking no deeper keeps a line of ten thousand marks linear.
fn crossed(open: &[(char, usize)], c: char) -> Option<usize> {
    const DEPTH: usize = 4;
    let from = open.len().saturating_sub(DEPTH);
    open[from..].iter().rposition(|&(o, _)| closes(o, c)).map(|k| from + k)
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '》' | '〉' | '）' | ')' | '〕' | '】' | '」' | '』')
}

/// Marks that may open a paragraph of a quotation running over several paragraphs: each such
/// paragraph opens with the mark and only the last one closes it (GB/T 15834 §4.8).
fn may_run_on(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『')
}

/// `他指出：“…`: a quotation of what someone said or wrote, after a colon, which may run on
/// into the next paragraphs (and a pasted text may break it anywhere).
fn opens_a_quotation(line: &str, at: usize) -> bool {
    line[..at].trim_end().ends_with(['：', ':'])
}

/// `…要加快发展。”`: the end of a quotation of whole sentences, whose opening mark may be in
/// an earlier paragraph.
fn ends_a_quotation(line: &str, at: usize, c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』')
        && line[..at].chars().next_back().is_some_and(|p| matches!(p, '。' | '！' | '？' | '…'))
}

fn ends_clause(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '！' | '？')
}

/// A line ends as a paragraph does: with a sentence's end, perhaps inside closing marks.
fn ends_like_a_paragraph(line: &str) -> bool {
    let last = line.trim_end().chars().rev().find(|&c| !is_closer(c));
    last.is_some_and(|c| matches!(c, '。' | '！' | '？' | '；' | '…' | '!' | '?'))
}

/// `1）`, `a）`, `二）`, `①）`: a closing parenthesis that ends an inline marker, not a pair.
fn ends_a_marker(line: &str, at: usize) -> bool {
    let before = line[..at].chars().rev().take_while(|&c| !ends_clause(c) && !c.is_whitespace());
    let run: Vec<char> = before.take(4).collect();
    !run.is_empty()
        && run.len() <= 3
        && run.iter().all(|&c| c.is_ascii_alphanumeric() || crate::syntax::numerals::is_numeral_char(c))
}

/// `China’s`: an apostrophe, not a closing quotation mark.
fn is_apostrophe(line: &str, at: usize, c: char) -> bool {
    c == '’' && line[..at].chars().next_back().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Where in `line` (its bytes) a character may begin that is a mark to this check, in order.
/// Every mark is `(`, `)` or a character whose UTF-8 begins with `E2` (`“` `”` `‘` `’`), `E3`
/// (`。` `、` `《` `》` `〈` `〉` `〔` `〕` `【` `】` `「` `」` `『` `』`) or `EF` (`，` `；` `：`
/// `！` `？` `（` `）`), and no other byte of a character is one of those; most Chinese
/// characters begin with `E4`–`E9`. `memchr` finds those bytes many at a time, where
/// decoding the line read every character.
fn mark_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    merged(memchr::memchr2_iter(b'(', b')', bytes), memchr::memchr3_iter(0xE2, 0xE3, 0xEF, bytes))
}

pub fn check_block(line: &str, block: &BlockSyntax, out: &mut Vec<Diagnostic>) {
    let marker = block.marker.as_ref().map(|m| m.span);
    // In order of position, as items are: looked up by halving (a line of many items and
    // marks, `一是…，二是…，` repeated, was quadratic when every mark tried every item).
    let items: Vec<Span> = block.items().iter().map(|it| it.marker).collect();
    let in_marker = |at: usize| marker.is_some_and(|m| m.contains(at)) || holding(&items, at).is_some();
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut clause_begun = false;
    // Where the text starts (after indent and marker): a quotation may run on from there.
    let start = line.char_indices().find(|&(i, c)| !c.is_whitespace() && !in_marker(i)).map_or(line.len(), |(i, _)| i);
    for i in mark_starts(line.as_bytes()) {
        let Some(c) = line[i..].chars().next() else { break };
        // Most characters are no mark at all: they are let go before the markers are looked at.
        let opens = closer_of(c).is_some();
        if !opens && !is_closer(c) && !ends_clause(c) || in_marker(i) {
            continue;
        }
        if opens {
            open.push((c, i));
        } else if is_closer(c) {
            if open.last().is_some_and(|&(o, _)| closes(o, c)) {
                open.pop();
            } else if let Some(k) = crossed(&open, c) {
                let (o, at) = open.remove(k);
                let (inner, inner_at) = open.last().copied().unwrap_or((o, at));
                out.push(
                    Diagnostic::new(
                        RuleId::PunctUnpaired,
                        Span::new(i, i + c.len_utf8()).at_line(0),
                        format!("“{c}”与前面的“{inner}”交叉：成对的标点应先闭合里层的“{inner}”，再闭合外层的“{o}”（GB/T 15834-2011）。"),
                    )
                    .with_related(Span::new(inner_at, inner_at + inner.len_utf8()).at_line(0), "里层的前一半"),
                );
            } else if clause_begun
                && c != ')'
                && !is_apostrophe(line, i, c)
                && !(c == '）' && ends_a_marker(line, i))
                && !ends_a_quotation(line, i, c)
            {
                out.push(Diagnostic::new(
                    RuleId::PunctUnpaired,
                    Span::new(i, i + c.len_utf8()).at_line(0),
                    format!("“{c}”前面本段没有与之配对的前一半：成对的标点应在同一段内成对使用（GB/T 15834-2011）。"),
                ));
            }
        } else if ends_clause(c) {
            clause_begun = true;
        }
    }
    if open.is_empty() || !ends_like_a_paragraph(line) {
        return;
    }
    for (o, at) in open {
        if o == '(' || may_run_on(o) && (at == start || opens_a_quotation(line, at)) {
            continue;
        }
        let close = closer_of(o).unwrap_or(o);
        out.push(Diagnostic::new(
            RuleId::PunctUnpaired,
            Span::new(at, at + o.len_utf8()).at_line(0),
            format!("“{o}”在本段内没有配对的“{close}”：成对的标点应在同一段内闭合（GB/T 15834-2011）。"),
        ));
    }
}

/// `punct.unpaired`, per line.
pub struct Pairs;

impl LineCheck for Pairs {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.text, cx.syntax, out);
    }
}

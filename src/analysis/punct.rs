//! `punct.halfwidth` (GB/T 15834-2011): half-width `,` `:` `;` `(` `)` `?` `!` in Chinese text.

use super::check::{LineCheck, LineContext};
use super::diagnostic::{Diagnostic, Replacement};
use super::registry::RuleId;
use crate::syntax::quantities::is_han;
use crate::syntax::{merged, BlockSyntax};
use crate::text::{holding, Span};

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

/// Chinese characters and full-width punctuation make a context Chinese.
fn is_chinese_context(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '“' | '”' | '‘' | '’' | '…' | '—')
}

/// `(qū)`: pinyin left in brackets by a conversion — debris, not punctuation. Only the
/// few characters a syllable can have are looked at, so many `(` on a line stay cheap.
fn is_pinyin_group(line: &str, open: usize) -> bool {
    const LONGEST: usize = 6;
    let rest = &line[open + 1..];
    let Some(close) = rest.char_indices().take(LONGEST + 1).find(|&(_, c)| c == ')').map(|(j, _)| j) else {
        return false;
    };
    let inner = &rest[..close];
    !inner.is_empty() && inner.chars().all(|c| c.is_alphabetic() && !c.is_uppercase() && !is_han(c))
}

/// Characters that make the clause before a `?` a question (`怎么办`, `是否到位`, `为何`).
const ASKING: [char; 10] = ['吗', '呢', '么', '吧', '何', '谁', '哪', '怎', '啥', '否'];

/// How far around a `?` is looked at to tell a question from a lost character.
const LOOK: usize = 20;

/// A `?` that stands for a character lost in conversion (`位居前1?名`, `、?河灌区`) rather
/// than for a question mark: the text runs on right after it, and the clause before it
/// asks nothing. Its fix would not be `？`, but the lost character.
fn is_lost_character(line: &str, at: usize) -> bool {
    let runs_on =
        line[at..].chars().take(LOOK).find(|&c| c != '?').is_some_and(|c| is_han(c) || c.is_ascii_alphanumeric());
    let clause = line[..at].chars().rev().take(LOOK).take_while(|&c| !is_clause_end(c));
    runs_on && !clause.into_iter().any(|c| ASKING.contains(&c))
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '、' | ',' | ';' | ':' | '!') || c.is_whitespace()
}

/// A half-width mark, or a space: looked through to find what a mark stands between.
fn is_transparent(c: char) -> bool {
    c == ' ' || full_width(c).is_some()
}

/// Where in `line` (its bytes) the half-width marks `full_width` knows are, in order. They
/// are ASCII, and no byte of a multi-byte UTF-8 character is ASCII: `memchr` finds them many
/// bytes at a time, without decoding the line's characters, most of which are Chinese.
fn mark_positions(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let marks = merged(memchr::memchr3_iter(b',', b':', b';', bytes), memchr::memchr3_iter(b'(', b')', b'?', bytes));
    merged(marks, memchr::memchr_iter(b'!', bytes))
}

pub fn check_block(line: &str, block: &BlockSyntax, out: &mut Vec<Diagnostic>) {
    // About half the lines of a draft have no half-width mark: nothing to find, and nothing
    // below (the 发文字号s, the items' markers) is needed.
    let bytes = line.as_bytes();
    let mut positions = mark_positions(bytes).peekable();
    if positions.peek().is_none() {
        return;
    }
    // Markers are numbering.marker-style's business (`(一)`, `第一:`): one span, one finding.
    let marker = block.marker.as_ref().map_or(Span::default(), |m| m.span);
    // In order of position, as items are.
    let ordinals: Vec<Span> = block.items().iter().filter(|it| it.wrong_punct).map(|it| it.marker).collect();
    let in_marker = |at: usize| marker.contains(at) || holding(&ordinals, at).is_some();
    // Neighbouring half-width marks are looked through: they will be full-width once
    // fixed, and a fix must not make a new finding (`附:(1)`). The paragraph's marker
    // counts as Chinese: its fix makes it full-width.
    let solid =
        |(j, c): (usize, char)| (!is_transparent(c) || in_marker(j)).then(|| if in_marker(j) { '）' } else { c });
    // The brackets of a 发文字号's year are docnum.brackets' business (`市政办(2023)8号`).
    let numbers = super::docnum::numbers(line);
    let in_number = |at: usize| numbers.iter().any(|n| n.year.contains(at));
    let mut pinyin_close: Option<usize> = None;
    let mut marks = Vec::new();
    // The nearest solid character before the current mark, and the nearest after the last
    // mark looked at (`None` inside: none up to the line's end): carried along, so that a
    // long run of marks is looked through once, not once per mark. Only the marks are
    // visited; `prev` is brought up to a mark by reading back through the text since the
    // mark before it (`seen`), which holds no mark: a solid character is any but a space
    // outside a marker, so the reading stops at the first other character, most often the
    // mark's neighbour.
    let mut prev: Option<(usize, char)> = None;
    let mut next: Option<(usize, Option<char>)> = None;
    let mut seen = 0;
    for i in positions {
        if let Some(p) =
            line[seen..i].char_indices().rev().map(|(j, c)| (seen + j, c)).find(|&(j, c)| c != ' ' || in_marker(j))
        {
            prev = Some(p);
        }
        seen = i + 1;
        let c = char::from(bytes[i]);
        let Some(right) = full_width(c) else { continue };
        if in_marker(i) {
            prev = Some((i, c));
            continue;
        }
        if in_number(i) || pinyin_close == Some(i) {
            continue;
        }
        if c == '(' && is_pinyin_group(line, i) {
            pinyin_close = line[i..].find(')').map(|j| i + j);
            continue;
        }
        if next.is_none_or(|(j, _)| j <= i) {
            let after = line[i + 1..].char_indices().map(|(j, c)| (j + i + 1, c));
            next = Some(
                after.clone().find_map(|(j, c)| solid((j, c)).map(|s| (j, Some(s)))).unwrap_or((line.len(), None)),
            );
        }
        let following = next.and_then(|(_, c)| c);
        match read_mark(line, i, c, prev.and_then(solid), following) {
            Mark::Punctuation => marks.push((i, c, right)),
            Mark::LostCharacter => out.push(Diagnostic::new(
                RuleId::PunctHalfwidth,
                Span::new(i, i + 1).at_line(0),
                "此处“?”夹在文字中间，不像问号，可能是转换时丢失的字符，请核对原文。",
            )),
            Mark::NotChinese => {}
        }
    }
    report(&marks, out);
}

/// What a half-width mark stands for.
enum Mark {
    /// Punctuation of Chinese text, to be written full-width.
    Punctuation,
    /// A `?` in place of a character lost in conversion.
    LostCharacter,
    /// Punctuation of Latin text or numbers, or part of a URL: right as written.
    NotChinese,
}

/// The mark `c` at byte `i`, between the solid characters `prev` and `next`.
fn read_mark(line: &str, i: usize, c: char, prev: Option<char>, next: Option<char>) -> Mark {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // `1,000`, `10:30`, `f(x)`, `Hello, world`: Latin or numeric on both sides.
    if latin(line[..i].chars().next_back()) && latin(line[i + 1..].chars().next()) {
        return Mark::NotChinese;
    }
    if !(prev.is_some_and(is_chinese_context) || next.is_some_and(is_chinese_context)) {
        return Mark::NotChinese;
    }
    // `http://`: a URL scheme.
    if c == ':' && line[i + 1..].starts_with("//") {
        return Mark::NotChinese;
    }
    if c == '?' && is_lost_character(line, i) {
        return Mark::LostCharacter;
    }
    Mark::Punctuation
}

/// Up to this many half-width marks in a paragraph are strays, each a finding of its own;
/// more mean the paragraph was typed with half-width punctuation, which is one fact: one
/// finding from its first to its last mark, with one fix for all of them. (A finding per
/// comma listed the same fact a thousand times in a long draft.)
const STRAYS: usize = 4;

/// The findings for the paragraph's half-width marks `(byte, mark, full-width mark)`.
fn report(marks: &[(usize, char, char)], out: &mut Vec<Diagnostic>) {
    let at = |i: usize| Span::new(i, i + 1).at_line(0);
    let (Some(&(first, ..)), Some(&(last, ..))) = (marks.first(), marks.last()) else { return };
    if marks.len() <= STRAYS {
        for &(i, c, right) in marks {
            out.push(
                Diagnostic::new(
                    RuleId::PunctHalfwidth,
                    at(i),
                    format!("中文文本中应使用全角标点“{right}”，不用半角“{c}”（GB/T 15834-2011）。"),
                )
                .with_replacement(right.to_string()),
            );
        }
        return;
    }
    let mut kinds: Vec<char> = Vec::new();
    for &(_, c, _) in marks {
        if !kinds.contains(&c) {
            kinds.push(c);
        }
    }
    let kinds: String = kinds.iter().map(|c| format!("“{c}”")).collect();
    let mut d = Diagnostic::new(
        RuleId::PunctHalfwidth,
        Span::new(first, last + 1).at_line(0),
        format!(
            "本段有{}处半角标点{kinds}，中文文本中应使用全角标点（GB/T 15834-2011），可一次全部改正。",
            marks.len()
        ),
    );
    d.fix =
        marks.iter().map(|&(i, _, right)| Replacement { range: at(i), new_text: right.to_string().into() }).collect();
    out.push(d);
}

/// `punct.halfwidth`, per line.
pub struct Punct;

impl LineCheck for Punct {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.text, cx.syntax, out);
    }
}

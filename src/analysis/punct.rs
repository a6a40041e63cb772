//! `punct.halfwidth` (GB/T 15834-2011): half-width `,` `:` `;` `(` `)` `?` `!` in Chinese text.

use super::diagnostic::Diagnostic;
use crate::syntax::quantities::is_han;
use crate::syntax::BlockSyntax;
use crate::text::Span;

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

/// `(qū)`: pinyin left in brackets by a conversion — debris, not punctuation.
fn is_pinyin_group(line: &str, open: usize) -> bool {
    let rest = &line[open + 1..];
    let Some(close) = rest.find(')') else { return false };
    let inner = &rest[..close];
    !inner.is_empty()
        && inner.chars().count() <= 6
        && inner.chars().all(|c| c.is_alphabetic() && !c.is_uppercase() && !is_han(c))
}

pub fn check_block(line: &str, block: &BlockSyntax, out: &mut Vec<Diagnostic>) {
    // Markers are numbering.marker-style's business (`(一)`, `第一:`): one span, one finding.
    let marker = block.marker.as_ref().map_or(Span::default(), |m| m.span);
    let ordinals: Vec<Span> = block.items().iter().filter(|it| it.wrong_punct).map(|it| it.marker).collect();
    let in_marker = |at: usize| marker.contains(at) || ordinals.iter().any(|s| s.contains(at));
    let mut pinyin_close: Option<usize> = None;
    // The marks are ASCII, and an ASCII byte is always a whole character: bytes are looked
    // at, not decoded characters.
    for (i, c) in line.bytes().enumerate().map(|(i, b)| (i, char::from(b))) {
        let Some(right) = full_width(c) else { continue };
        if in_marker(i) || pinyin_close == Some(i) {
            continue;
        }
        if c == '(' && is_pinyin_group(line, i) {
            pinyin_close = line[i..].find(')').map(|j| i + j);
            continue;
        }
        // Neighbouring half-width marks are looked through: they will be full-width once
        // fixed, and a fix must not make a new finding (`附:(1)`).
        // The paragraph's marker counts as Chinese: its fix makes it full-width.
        let transparent = |c: char| c == ' ' || full_width(c).is_some();
        let seen = |(j, c): (usize, char)| if in_marker(j) { '）' } else { c };
        let prev = line[..i].char_indices().rev().find(|&(j, c)| !transparent(c) || in_marker(j)).map(seen);
        let next = line[i + 1..]
            .char_indices()
            .map(|(j, c)| (j + i + 1, c))
            .find(|&(j, c)| !transparent(c) || in_marker(j))
            .map(seen);
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        // `1,000`, `10:30`, `f(x)`, `Hello, world`: Latin or numeric on both sides.
        if latin(line[..i].chars().next_back()) && latin(line[i + 1..].chars().next()) {
            continue;
        }
        if !(prev.is_some_and(is_chinese_context) || next.is_some_and(is_chinese_context)) {
            continue;
        }
        // `http://`: a URL scheme.
        if c == ':' && line[i + 1..].starts_with("//") {
            continue;
        }
        out.push(
            Diagnostic::new(
                "punct.halfwidth",
                Span::new(i, i + 1).at_line(0),
                format!("中文文本中应使用全角标点“{right}”，不用半角“{c}”（GB/T 15834-2011）。"),
            )
            .with_replacement(right.to_string()),
        );
    }
}

//! Inline enumerations inside a paragraph: `一是…二是…`, `一要…二要…`, `第一，…第二，…`,
//! `首先…其次…最后…`.

use super::merged;
use super::numerals::{is_numeral_char, leading_chinese};
use crate::text::Span;

/// Which kind of inline sequence an item belongs to; items only sequence with their own kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumerationKind {
    /// `一是`
    Shi,
    /// `一要`
    Yao,
    /// `第一，`
    Ordinal,
    /// `首先` `其次` `再次` `最后`
    Sequence,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumItem {
    pub kind: EnumerationKind,
    /// The position in its sequence; `None` for `最后`, which has no number.
    pub number: Option<u32>,
    /// The item marker (`二是`, `第二，`), relative to the line.
    pub marker: Span,
    /// The item's text up to the end of its sentence, for the outline.
    pub text: Span,
    /// `第一：` instead of `第一，` (numbering.marker-style).
    pub wrong_punct: bool,
}

/// Characters after which a new enumeration item may begin.
fn is_boundary(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?' | '：' | ':' | '，' | ',' | ' ' | '\t' | '\u{3000}')
}

fn ends_item(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?')
}

/// Where in `line` (its bytes) a boundary may begin, in order. The boundaries are ASCII or
/// begin with the byte `E3` (`。` `\u{3000}`) or `EF` (`，` `；` `：` `！` `？`), and no other
/// byte of a character is one of those; most Chinese characters begin with `E4`–`E9`.
/// `memchr` finds those bytes many at a time, where decoding the line read every character.
fn boundary_starts(line: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = line.as_bytes();
    let ascii = merged(memchr::memchr3_iter(b',', b':', b';', bytes), memchr::memchr3_iter(b'!', b'?', b' ', bytes));
    merged(merged(ascii, memchr::memchr_iter(b'\t', bytes)), memchr::memchr2_iter(0xE3, 0xEF, bytes))
}

/// Inline enumeration items of `line` from byte `from` on.
pub fn parse_items(line: &str, from: usize) -> Vec<EnumItem> {
    let mut items = Vec::new();
    // Where the item text found last ends: items between two ends share it, so the line is
    // searched for ends once, not once per item (`一是，二是，二是…` has no end at all).
    let mut known_end: Option<usize> = None;
    // An item begins where `line[from..]` does or right after a boundary.
    let after_boundaries = boundary_starts(&line[from..]).filter_map(|k| {
        let k = from + k;
        let c = line[k..].chars().next()?;
        is_boundary(c).then(|| k + c.len_utf8())
    });
    for at in std::iter::once(from).chain(after_boundaries) {
        let Some(c) = line[at..].chars().next() else { break };
        if let Some((kind, number, len, wrong_punct)) = item_marker(&line[at..], c) {
            let text_start = at + len;
            let text_end = match known_end {
                Some(end) if end >= text_start => end,
                _ => line[text_start..]
                    .char_indices()
                    .find(|&(_, c)| ends_item(c))
                    .map_or(line.len(), |(j, _)| text_start + j),
            };
            known_end = Some(text_end);
            items.push(EnumItem {
                kind,
                number,
                marker: Span::new(at, at + len),
                text: Span::new(text_start, text_end),
                wrong_punct,
            });
        }
    }
    items
}

fn item_marker(rest: &str, first: char) -> Option<(EnumerationKind, Option<u32>, usize, bool)> {
    // Every marker starts with one of these; most boundaries are followed by none of them.
    if !matches!(first, '首' | '其' | '再' | '最' | '第') && !is_numeral_char(first) {
        return None;
    }
    for (word, n) in [("首先", Some(1)), ("其次", Some(2)), ("再次", Some(3)), ("最后", None), ("最後", None)]
    {
        if rest.starts_with(word) {
            return Some((EnumerationKind::Sequence, n, word.len(), false));
        }
    }
    if first == '第' {
        let after = &rest['第'.len_utf8()..];
        let (n, nlen) = leading_chinese(after).filter(|&(n, _)| n <= 20)?;
        let punct = after[nlen..].chars().next()?;
        let wrong = match punct {
            '，' | ',' | '、' => false,
            '：' | ':' => true,
            _ => return None,
        };
        // `第一、二产业`, `第一、第二批`: ordinals run together into one phrase of body text,
        // not the first of a list.
        let next = after[nlen + punct.len_utf8()..].chars().next();
        if punct == '、' && next.is_some_and(|c| c == '第' || is_numeral_char(c)) {
            return None;
        }
        return Some((EnumerationKind::Ordinal, Some(n), '第'.len_utf8() + nlen + punct.len_utf8(), wrong));
    }
    let (n, nlen) = leading_chinese(rest).filter(|&(n, _)| n <= 20)?;
    let kind = match rest[nlen..].chars().next()? {
        '是' => EnumerationKind::Shi,
        '要' => EnumerationKind::Yao,
        _ => return None,
    };
    Some((kind, Some(n), nlen + '是'.len_utf8(), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(line: &str) -> Vec<&str> {
        parse_items(line, 0).iter().map(|it| &line[it.marker.range()]).collect()
    }

    #[test]
    fn finds_run_in_items_after_sentence_ends() {
        let line = "（一）着力加强党的建设。一是全面强化政治引领。二是着力夯实组织基础；三是锤炼队伍。";
        assert_eq!(markers(line), ["一是", "二是", "三是"]);
        let items = parse_items(line, 0);
        assert_eq!(&line[items[0].text.start()..items[0].text.end()], "全面强化政治引领");
    }

    #[test]
    fn ordinals_and_their_wrong_colon() {
        let items = parse_items("第一，加强组织领导。第二：强化督查考核。", 0);
        assert_eq!(items.len(), 2);
        assert!(!items[0].wrong_punct);
        assert!(items[1].wrong_punct);
    }

    #[test]
    fn look_alikes_inside_words_are_not_items() {
        for line in [
            "统一是关键",
            "第一次会议",
            "一批项目",
            "第一要务是发展",
            "唯一要求",
            "十四五时期",
            "一带一路",
            "第一、二产业增加值分别增长3%和6%",
            "第一、第二批试点园区已经建成",
            "坚持质量第一、效益优先",
        ] {
            assert!(markers(line).is_empty(), "{line}");
        }
    }
}

//! The excerpt under a finding in `check`'s human output: a window of the offending line
//! around the span, and a marker under exactly the flagged characters.
//!
//! Chinese drafts are one paragraph per line, hundreds of characters long, and each
//! character takes two terminal columns; so the window is measured in display columns
//! (Unicode East Asian Width), cut with `...` where the line goes on, and read from the rope
//! around the span only, so that a finding costs the same on a 1 MB line as on a short one.

use ropey::Rope;
use unicode_width::UnicodeWidthChar;

use crate::text::{position, LineSpan};

/// Display columns of the line shown, and how many of them go before the span when the line
/// must be cut.
const WIDTH: usize = 100;
const BEFORE: usize = 30;
const CUT: &str = "...";

/// Bytes read on each side of the span: enough for [`WIDTH`] columns of any characters.
const READ: usize = 4 * WIDTH;

/// A window of one line with a marker under a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The text shown, with `...` where the line was cut, tabs as spaces.
    pub text: String,
    /// Display columns before the marker, and its width (at least 1).
    pub marker_at: usize,
    pub marker_width: usize,
}

/// The window of `rope`'s line around `span`.
pub fn excerpt(rope: &Rope, span: LineSpan) -> Excerpt {
    let Some(slice) = rope.get_line(span.line) else {
        return Excerpt { text: String::new(), marker_at: 0, marker_width: 1 };
    };
    let line_len = slice.len_bytes() - position::line_break_len(slice);
    let floor = |b: usize| slice.char_to_byte(slice.byte_to_char(b.min(line_len)));
    let (start, end) = (floor(span.span.start()), floor(span.span.end().max(span.span.start())));
    // The bytes around the span (the span itself at most READ bytes); all work below is on
    // this piece, never on the whole line.
    let end = floor(end.min(start + READ));
    let (from, to) = (floor(start.saturating_sub(READ)), floor(end + READ));
    let piece = slice.byte_slice(from..to).to_string();
    let (s, e) = (start - from, end - from);
    let (before, flagged, after) = (&piece[..s], &piece[s..e], &piece[e..]);

    // After the span: what the width leaves once BEFORE columns are kept for the context
    // before it; what the line does not use there goes to the context before.
    let flagged_shown = take_columns(flagged, WIDTH - BEFORE);
    let flagged_cut = flagged_shown.len() < flagged.len();
    let room_after = (WIDTH - BEFORE).saturating_sub(width(flagged_shown));
    let after_shown = if flagged_cut { "" } else { take_columns(after, room_after) };
    let cut_after = flagged_cut || after_shown.len() < after.len() || to < line_len;
    let room_before = BEFORE + room_after.saturating_sub(width(after_shown));
    let before_shown = take_columns_from_end(before, room_before);
    let cut_before = before_shown.len() < before.len() || from > 0;

    let mut text = String::new();
    if cut_before {
        text.push_str(CUT);
    }
    let marker_at = width(&text) + width(before_shown);
    text.push_str(before_shown);
    text.push_str(flagged_shown);
    text.push_str(after_shown);
    if cut_after {
        text.push_str(CUT);
    }
    let text = text.replace(|c: char| c.is_control(), " ");
    Excerpt { text, marker_at, marker_width: width(flagged_shown).max(1) }
}

/// Display columns of `s` (a control character, shown as a space, takes one).
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// The longest start of the characters that fits in `columns`.
fn take_columns(s: &str, columns: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += char_width(c);
        if used > columns {
            return &s[..i];
        }
    }
    s
}

/// The longest end of `s` that fits in `columns`.
fn take_columns_from_end(s: &str, columns: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        used += char_width(c);
        if used > columns {
            return &s[i + c.len_utf8()..];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    fn at(text: &str, needle: &str) -> (Excerpt, String) {
        let start = text.find(needle).expect("needle");
        let span = LineSpan { line: 0, span: Span::new(start, start + needle.len()) };
        let ex = excerpt(&Rope::from_str(text), span);
        // The characters whose columns the marker covers.
        let mut col = 0;
        let under: String = ex
            .text
            .chars()
            .filter(|c| {
                let here = col;
                col += char_width(*c);
                here >= ex.marker_at && here < ex.marker_at + ex.marker_width
            })
            .collect();
        (ex, under)
    }

    #[test]
    fn a_short_line_is_shown_whole_with_the_marker_under_the_span() {
        let (ex, under) = at("四、坚持开放合作，建成110KV变电站", "110KV");
        assert_eq!(ex.text, "四、坚持开放合作，建成110KV变电站");
        assert_eq!(under, "110KV");
        assert_eq!(ex.marker_at, 22);
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let line = format!("{}建成110KV变电站{}", "加快建设，".repeat(100), "推进改革。".repeat(100));
        let (ex, under) = at(&line, "110KV");
        assert_eq!(under, "110KV");
        assert!(ex.text.starts_with(CUT) && ex.text.ends_with(CUT), "{}", ex.text);
        assert!(width(&ex.text) <= WIDTH + 2 * CUT.len(), "{}", width(&ex.text));
    }

    #[test]
    fn a_span_near_the_end_gets_more_context_before() {
        let line = format!("{}约5亿元左右。", "加快建设，".repeat(100));
        let (ex, under) = at(&line, "约5亿元左右");
        assert_eq!(under, "约5亿元左右");
        assert!(!ex.text.ends_with(CUT), "{}", ex.text);
        assert!(width(&ex.text) > WIDTH - 4, "{}", ex.text);
    }

    #[test]
    fn an_empty_span_gets_one_column_and_a_huge_one_is_cut() {
        let line = "甲乙丙".to_string();
        let ex = excerpt(&Rope::from_str(&line), LineSpan { line: 0, span: Span::new(9, 9) });
        assert_eq!((ex.marker_at, ex.marker_width), (6, 1));
        let long = "中".repeat(1 << 20);
        let ex = excerpt(&Rope::from_str(&long), LineSpan { line: 0, span: Span::new(3, long.len()) });
        assert_eq!(ex.marker_at, 2);
        assert!(ex.text.len() < 2000);
    }
}

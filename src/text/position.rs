//! Conversions between LSP-style positions (line + column in a negotiated encoding) and
//! byte offsets in a [`Rope`]. Every conversion is O(log n) through ropey's indexes: no
//! per-byte tables and no scans of the text.

use std::borrow::Cow;

use ropey::{Rope, RopeSlice};
use thiserror::Error;

/// How the column of a position is counted (LSP `positionEncoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl PositionEncoding {
    /// Its name in LSP: `utf-8`, `utf-16`, `utf-32`.
    pub fn name(self) -> &'static str {
        match self {
            PositionEncoding::Utf8 => "utf-8",
            PositionEncoding::Utf16 => "utf-16",
            PositionEncoding::Utf32 => "utf-32",
        }
    }

    /// The one to count in, of those a client offers (by name): UTF-8 if offered (spans are
    /// bytes: no conversion), else UTF-16 (which every client supports), else UTF-32 if that
    /// is all it offers.
    pub fn preferred(offered: &[&str]) -> PositionEncoding {
        if offered.contains(&"utf-8") {
            PositionEncoding::Utf8
        } else if offered.contains(&"utf-32") && !offered.contains(&"utf-16") {
            PositionEncoding::Utf32
        } else {
            PositionEncoding::Utf16
        }
    }
}

/// A 0-based line and a column counted in the units of a [`PositionEncoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPosition {
    pub line: usize,
    pub character: usize,
}

impl TextPosition {
    pub const fn new(line: usize, character: usize) -> Self {
        TextPosition { line, character }
    }
}

/// A position that does not exist in the document. Callers clamp and keep going; the error
/// says what was wrong so it can be logged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PositionError {
    #[error("line {line} is past the end of the document ({lines} lines)")]
    LineOutOfRange { line: usize, lines: usize },
}

/// Length in bytes of the line break that ends `line` (0, 1 for `\n`/`\r`, 2 for `\r\n`).
pub(crate) fn line_break_len(line: RopeSlice<'_>) -> usize {
    let n = line.len_bytes();
    if n == 0 {
        return 0;
    }
    match line.byte(n - 1) {
        b'\n' if n >= 2 && line.byte(n - 2) == b'\r' => 2,
        b'\n' | b'\r' => 1,
        _ => 0,
    }
}

/// Length in bytes of the text of `line` without its line break (0 past the end).
pub fn line_len(rope: &Rope, line: usize) -> usize {
    rope.get_line(line).map_or(0, |slice| slice.len_bytes() - line_break_len(slice))
}

/// The text of line `line` (which must exist) without its line break, read from the rope's
/// chunks: borrowed when the line lies in one, else copied from the chunks it spans. Looking
/// a line up as a `RopeSlice` and cutting off its break took several times as long: both
/// count characters and line breaks through the chunks at either end.
pub(crate) fn line_text(rope: &Rope, line: usize) -> Cow<'_, str> {
    let start = rope.line_to_byte(line);
    let (chunks, chunk_start, _, _) = rope.chunks_at_byte(start);
    let mut skip = start.saturating_sub(chunk_start);
    let mut text = Cow::Borrowed("");
    for chunk in chunks {
        let piece = chunk.get(skip..).unwrap_or_default();
        skip = 0;
        // Lines break at LF, CR and CRLF (ropey's `cr_lines`, without the Unicode breaks).
        let end = memchr::memchr2(b'\n', b'\r', piece.as_bytes());
        let piece = &piece[..end.unwrap_or(piece.len())];
        if text.is_empty() {
            text = Cow::Borrowed(piece);
        } else {
            text.to_mut().push_str(piece);
        }
        if end.is_some() {
            break;
        }
    }
    text
}

/// The byte offset of `pos`. A column past the end of its line means the end of the line
/// (as LSP specifies); a column inside a character (a UTF-16 unit between the halves of a
/// surrogate pair, a byte inside a UTF-8 sequence) means the start of that character. A line
/// past the end of the document is an error carrying the document's end as the clamped
/// offset, so a caller can log it and go on.
pub fn byte_offset(
    rope: &Rope,
    pos: TextPosition,
    encoding: PositionEncoding,
) -> Result<usize, (PositionError, usize)> {
    let lines = rope.len_lines();
    if pos.line >= lines {
        return Err((PositionError::LineOutOfRange { line: pos.line, lines }, rope.len_bytes()));
    }
    let line = rope.line(pos.line);
    let content_bytes = line.len_bytes() - line_break_len(line);
    let content = line.byte_slice(..content_bytes);
    let char_in_line = match encoding {
        PositionEncoding::Utf8 => {
            let b = pos.character.min(content_bytes);
            content.byte_to_char(b)
        }
        PositionEncoding::Utf16 => {
            let cu = pos.character.min(content.len_utf16_cu());
            content.utf16_cu_to_char(cu)
        }
        PositionEncoding::Utf32 => pos.character.min(content.len_chars()),
    };
    Ok(rope.line_to_byte(pos.line) + content.char_to_byte(char_in_line))
}

/// The line of `pos` and the byte within it that `pos` points at (see [`byte_offset`]);
/// `None` for a line past the end of the document.
pub fn byte_in_line(rope: &Rope, pos: TextPosition, encoding: PositionEncoding) -> Option<(usize, usize)> {
    let offset = byte_offset(rope, pos, encoding).ok()?;
    Some((pos.line, offset - rope.line_to_byte(pos.line)))
}

/// The column of byte `byte_in_line` of line `line`, counted in `encoding` units.
/// Out-of-range input is clamped to the end of the line or document.
pub fn column(rope: &Rope, line: usize, byte_in_line: usize, encoding: PositionEncoding) -> usize {
    rope.get_line(line).map_or(0, |slice| column_in(slice, byte_in_line, encoding))
}

/// The position of byte `byte` of the text (clamped to its end), its column counted in
/// `encoding` units.
pub fn position_of(rope: &Rope, byte: usize, encoding: PositionEncoding) -> TextPosition {
    let byte = byte.min(rope.len_bytes());
    let line = rope.byte_to_line(byte);
    TextPosition::new(line, column(rope, line, byte - rope.line_to_byte(line), encoding))
}

/// [`column`] on a line already looked up (several positions on one line cost one lookup).
pub fn column_in(slice: ropey::RopeSlice<'_>, byte_in_line: usize, encoding: PositionEncoding) -> usize {
    let b = byte_in_line.min(slice.len_bytes());
    match encoding {
        PositionEncoding::Utf8 => slice.char_to_byte(slice.byte_to_char(b)),
        PositionEncoding::Utf16 => slice.char_to_utf16_cu(slice.byte_to_char(b)),
        PositionEncoding::Utf32 => slice.byte_to_char(b),
    }
}

/// Columns (0-based, as [`column`] counts them in `encoding`) of many byte offsets, given in
/// the order they come in a report: the line's text is looked up once per line and each
/// column counts only the characters since the one before. Converting every place from
/// scratch walked the rope and counted from the line's start each time, which was most of
/// the cost of `check --format json`, and of a publication, on a draft with a finding per
/// comma.
pub struct Columns<'a> {
    rope: &'a Rope,
    encoding: PositionEncoding,
    /// The line whose text is held, and that text without its line break.
    line: Option<usize>,
    text: Cow<'a, str>,
    /// The last offset counted on that line and its column.
    at: (usize, usize),
}

impl<'a> Columns<'a> {
    pub fn new(rope: &'a Rope, encoding: PositionEncoding) -> Self {
        Columns { rope, encoding, line: None, text: Cow::Borrowed(""), at: (0, 0) }
    }

    /// The column of byte `byte` of line `line`; the same as `column(rope, line, byte, encoding)`.
    pub fn column(&mut self, line: usize, byte: usize) -> usize {
        if self.line != Some(line) {
            self.text = if line < self.rope.len_lines() { line_text(self.rope, line) } else { Cow::Borrowed("") };
            self.line = Some(line);
            self.at = (0, 0);
        }
        // Counted from the last offset, forwards or back (a finding's end, then the start of
        // the next finding, before it on the line).
        let back = byte < self.at.0;
        match self.text.get(if back { byte..self.at.0 } else { self.at.0..byte }) {
            Some(between) => {
                let units = match self.encoding {
                    PositionEncoding::Utf8 => between.len(),
                    PositionEncoding::Utf32 => between.chars().count(),
                    // Characters past U+FFFF (4 bytes in UTF-8) take two units.
                    PositionEncoding::Utf16 => between.chars().count() + between.bytes().filter(|&b| b >= 0xF0).count(),
                };
                self.at = (byte, if back { self.at.1 - units } else { self.at.1 + units });
                self.at.1
            }
            // Inside a character or past the line's text: as the rope counts it.
            None => column(self.rope, line, byte, self.encoding),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rope(s: &str) -> Rope {
        Rope::from_str(s)
    }

    #[test]
    fn line_text_is_the_line_without_its_break() {
        // Lines longer than a chunk of the rope, and short ones beside them.
        let long = "甲乙,".repeat(700);
        let mixed = format!("{long}\r\n{long}\n短\r{long}");
        for text in ["", "a", "a\n", "a\r\nb", "a\rb\r", "\r\n\r\n", "\n\r", mixed.as_str()] {
            let r = rope(text);
            for i in 0..r.len_lines() {
                let slice = r.line(i);
                let expected = slice.byte_slice(..slice.len_bytes() - line_break_len(slice)).to_string();
                assert_eq!(line_text(&r, i), expected, "{text:?}, line {i}");
            }
        }
    }

    #[test]
    fn columns_count_as_column_does() {
        let r = rope("一𠀀二 a\r\n\n甲乙\r丙");
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
            let mut columns = Columns::new(&r, encoding);
            // In order, backwards, inside a character, on the line break, past the line and the
            // document: every answer as `column` gives it.
            let places = [(0, 0), (0, 3), (0, 7), (0, 11), (0, 5), (0, 1), (0, 13), (0, 14), (0, 99), (1, 0), (2, 6)]
                .into_iter()
                .chain([(2, 3), (2, 7), (3, 0), (3, 3), (4, 0), (9, 2), (0, 12)]);
            for (line, byte) in places {
                assert_eq!(
                    columns.column(line, byte),
                    column(&r, line, byte, encoding),
                    "{encoding:?}: line {line} byte {byte}"
                );
            }
        }
    }

    #[test]
    fn cjk_and_astral_columns_in_every_encoding() {
        // 一 is 3 bytes / 1 unit; 𠀀 is 4 bytes / 2 UTF-16 units / 1 char.
        let r = rope("一𠀀二\n");
        let at = |c, e| byte_offset(&r, TextPosition::new(0, c), e).unwrap();
        assert_eq!(at(1, PositionEncoding::Utf16), 3);
        assert_eq!(at(3, PositionEncoding::Utf16), 7);
        assert_eq!(at(2, PositionEncoding::Utf32), 7);
        assert_eq!(at(7, PositionEncoding::Utf8), 7);
        assert_eq!(column(&r, 0, 7, PositionEncoding::Utf16), 3);
        assert_eq!(column(&r, 0, 7, PositionEncoding::Utf32), 2);
        assert_eq!(column(&r, 0, 7, PositionEncoding::Utf8), 7);
    }

    #[test]
    fn inside_a_character_means_its_start() {
        let r = rope("一𠀀二");
        // UTF-16 unit 2 is between the halves of 𠀀's surrogate pair.
        assert_eq!(byte_offset(&r, TextPosition::new(0, 2), PositionEncoding::Utf16).unwrap(), 3);
        // UTF-8 byte 4 is inside 𠀀.
        assert_eq!(byte_offset(&r, TextPosition::new(0, 4), PositionEncoding::Utf8).unwrap(), 3);
    }

    #[test]
    fn past_the_end_of_a_line_is_its_end_and_never_crosses_the_break() {
        let r = rope("一二\r\n三");
        assert_eq!(byte_offset(&r, TextPosition::new(0, 99), PositionEncoding::Utf16).unwrap(), 6);
        assert_eq!(byte_offset(&r, TextPosition::new(1, 0), PositionEncoding::Utf16).unwrap(), 8);
    }

    #[test]
    fn past_the_last_line_is_an_error_with_the_end_as_fallback() {
        let r = rope("一\n");
        let err = byte_offset(&r, TextPosition::new(5, 0), PositionEncoding::Utf16).unwrap_err();
        assert_eq!(err.1, 4);
        assert!(matches!(err.0, PositionError::LineOutOfRange { line: 5, lines: 2 }));
    }

    #[test]
    fn lone_cr_breaks_a_line_but_unicode_separators_do_not() {
        let r = rope("一\r二\u{2028}三\n");
        assert_eq!(r.len_lines(), 3);
        assert_eq!(byte_offset(&r, TextPosition::new(1, 1), PositionEncoding::Utf16).unwrap(), 7);
    }
}

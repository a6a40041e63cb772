//! Incremental == fresh: after a sequence of edits (positions in any encoding, possibly past
//! the end of a line or of the document, inside surrogate pairs or UTF-8 sequences), the
//! document's text equals a plain-string model of the same edits, and its blocks and
//! analysis equal those of a fresh parse of that text.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use workplan::document::{Change, Document};
use workplan::syntax::DocumentKind;
use workplan::text::position::byte_offset;
use workplan::text::{PositionEncoding, TextPosition};

#[derive(Debug, Arbitrary)]
struct Edit {
    start: (u8, u8),
    end: (u8, u8),
    /// Replace the whole text instead (rarely: one in 16).
    whole: u8,
    text: String,
}

#[derive(Debug, Arbitrary)]
struct Input {
    markdown: bool,
    encoding: u8,
    /// Apply each edit in its own `didChange` (true) or all in one batch.
    one_by_one: bool,
    initial: String,
    edits: Vec<Edit>,
}

fn change(e: &Edit) -> Change {
    if e.whole % 16 == 15 {
        return Change { range: None, text: e.text.clone() };
    }
    let pos = |(l, c): (u8, u8)| TextPosition::new(usize::from(l), usize::from(c));
    Change { range: Some((pos(e.start), pos(e.end))), text: e.text.clone() }
}

fn apply_to_string(model: &mut String, c: &Change, enc: PositionEncoding) {
    let Some((start, end)) = c.range else {
        *model = c.text.clone();
        return;
    };
    let rope = ropey::Rope::from_str(model);
    let at = |p| byte_offset(&rope, p, enc).unwrap_or_else(|(_, end)| end);
    let (a, b) = (at(start), at(end));
    model.replace_range(a.min(b)..a.max(b), &c.text);
}

fuzz_target!(|input: Input| {
    let kind = if input.markdown { DocumentKind::Markdown } else { DocumentKind::PlainText };
    let enc = match input.encoding % 3 {
        0 => PositionEncoding::Utf8,
        1 => PositionEncoding::Utf16,
        _ => PositionEncoding::Utf32,
    };
    let changes: Vec<Change> = input.edits.iter().take(32).map(change).collect();
    let mut doc = Document::new(&input.initial, kind);
    let mut model = input.initial.clone();
    if input.one_by_one {
        for c in &changes {
            doc.apply_changes(std::slice::from_ref(c), enc);
            apply_to_string(&mut model, c, enc);
            assert_eq!(doc.text(), model);
        }
    } else {
        doc.apply_changes(&changes, enc);
        for c in &changes {
            apply_to_string(&mut model, c, enc);
        }
        assert_eq!(doc.text(), model);
    }
    let fresh = Document::new(&model, kind);
    assert_eq!(doc.blocks(), fresh.blocks(), "blocks differ from a fresh parse of {model:?}");
    assert_eq!(doc.analysis(), fresh.analysis(), "analysis differs from a fresh parse of {model:?}");
});

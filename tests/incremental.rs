//! Incremental == fresh: after any sequence of edits, the document's blocks and analysis
//! equal those of a fresh parse of the final text, and the text equals a plain-string model
//! of the same edits.

use proptest::prelude::*;
use workplan::document::{Change, Document};
use workplan::syntax::DocumentKind;
use workplan::text::position::byte_offset;
use workplan::text::{PositionEncoding, TextPosition};

/// Pieces drafts are made of, chosen to hit every parser path and every encoding width.
const PIECES: &[&str] = &[
    "一、",
    "二、",
    "四、",
    "（一）",
    "（二）、",
    "(三)",
    "1.",
    "2、",
    "（1）",
    "①",
    "01",
    "第二部分",
    "# ",
    "## 三、",
    "一是",
    "二是",
    "四是",
    "一要",
    "第一，",
    "第二：",
    "首先",
    "重点抓好以下三个方面工作：",
    "围绕甲、乙、丙、丁三大产业",
    "加强党的建设",
    "。",
    "；",
    "：",
    "，",
    "𠀀",
    "😀",
    "甲",
    "乙",
    "abc",
    " ",
    "\u{3000}",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "```",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn encoding_strategy() -> impl Strategy<Value = PositionEncoding> {
    prop_oneof![Just(PositionEncoding::Utf8), Just(PositionEncoding::Utf16), Just(PositionEncoding::Utf32)]
}

#[derive(Debug, Clone)]
struct Edit {
    start: (usize, usize),
    end: (usize, usize),
    text: String,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    // Lines and columns may point past the end: they are clamped, as editors expect.
    ((0usize..12, 0usize..30), (0usize..12, 0usize..30), text_strategy().prop_map(|t| t.chars().take(12).collect()))
        .prop_map(|(start, end, text)| Edit { start, end, text })
}

/// Applies an edit to a plain string the same way the document must.
fn apply_to_string(model: &mut String, e: &Edit, enc: PositionEncoding) {
    let rope = ropey::Rope::from_str(model);
    let at =
        |(line, character)| byte_offset(&rope, TextPosition::new(line, character), enc).unwrap_or_else(|(_, end)| end);
    let (a, b) = (at(e.start), at(e.end));
    model.replace_range(a.min(b)..a.max(b), &e.text);
}

fn check(initial: &str, edits: &[Edit], enc: PositionEncoding, kind: DocumentKind) -> Result<(), TestCaseError> {
    let mut doc = Document::new(initial, kind);
    let mut model = initial.to_string();
    for e in edits {
        let change = Change {
            range: Some((TextPosition::new(e.start.0, e.start.1), TextPosition::new(e.end.0, e.end.1))),
            text: e.text.clone(),
        };
        doc.apply_changes(&[change], enc);
        apply_to_string(&mut model, e, enc);
        prop_assert_eq!(doc.text(), model.clone());
    }
    let fresh = Document::new(&model, kind);
    prop_assert_eq!(doc.blocks(), fresh.blocks());
    prop_assert_eq!(doc.analysis(), fresh.analysis());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_fresh_plain(initial in text_strategy(), edits in prop::collection::vec(edit_strategy(), 1..12), enc in encoding_strategy()) {
        check(&initial, &edits, enc, DocumentKind::PlainText)?;
    }

    #[test]
    fn incremental_equals_fresh_markdown(initial in text_strategy(), edits in prop::collection::vec(edit_strategy(), 1..12), enc in encoding_strategy()) {
        check(&initial, &edits, enc, DocumentKind::Markdown)?;
    }
}

#[test]
fn whole_text_replacement_and_batches_apply_in_order() {
    let mut doc = Document::new("一、甲\n二、乙\n", DocumentKind::PlainText);
    doc.apply_changes(
        &[
            Change { range: None, text: "一、甲\n三、乙\n".into() },
            Change { range: Some((TextPosition::new(1, 0), TextPosition::new(1, 1))), text: "二".into() },
        ],
        PositionEncoding::Utf16,
    );
    assert_eq!(doc.text(), "一、甲\n二、乙\n");
    assert!(doc.analysis().diagnostics.is_empty());
}

#[test]
fn inserting_lf_after_cr_merges_the_line_break() {
    let mut doc = Document::new("一、甲\r二、乙\r四、丙", DocumentKind::PlainText);
    assert_eq!(doc.line_count(), 3);
    // Position (1, 0) is just after the lone CR: inserting LF there turns it into CRLF.
    doc.apply_changes(
        &[Change { range: Some((TextPosition::new(1, 0), TextPosition::new(1, 0))), text: "\n".into() }],
        PositionEncoding::Utf16,
    );
    assert_eq!(doc.line_count(), 3);
    assert_eq!(doc.blocks(), Document::new(&doc.text(), DocumentKind::PlainText).blocks());
}

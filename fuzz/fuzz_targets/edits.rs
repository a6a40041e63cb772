//! Incremental == fresh: after a sequence of edits (positions in any encoding, possibly past
//! the end of a line or of the document, inside surrogate pairs or UTF-8 sequences), the
//! document's text equals a plain-string model of the same edits, and its blocks and
//! analysis equal those of a fresh parse of that text.
//!
//! The edits reach the document in one of three ways:
//! - one `apply_changes` per edit, as an editor sending every keystroke;
//! - one `apply_changes` with every edit in a batch;
//! - `edit` batches (the analysis left stale), some followed by a `refresh`, and one final
//!   `refresh`, as a server coalescing a burst: `edit` must not touch the analysis, and
//!   every `refresh` must bring it to what a fresh parse of the text gives. This mode takes
//!   more edits than the moving-edit budget of one stale analysis, so both the path that
//!   moves the analysis past edits and its fallback to a full analysis are reached.
//!
//! The initial text may start with one of the project's drafts, so edits land among real
//! markers, numbers and targets (and their findings) without the fuzzer inventing them.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use workplan::document::{Change, Document};
use workplan::syntax::DocumentKind;
use workplan::text::position::byte_offset;
use workplan::text::{PositionEncoding, TextPosition};

const DRAFTS: [&str; 3] = [
    include_str!("../../examples/2026-gaoxin-plan.txt"),
    include_str!("../../tests/fixtures/e2e/targets.txt"),
    include_str!("../../tests/fixtures/e2e/plan.md"),
];

#[derive(Debug, Arbitrary)]
struct Edit {
    start: (u8, u8),
    end: (u8, u8),
    /// Replace the whole text instead (rarely: one in 16).
    whole: u8,
    /// In the `edit` mode: bit 0 ends the batch after this edit, bit 1 then refreshes.
    batch: u8,
    text: String,
}

#[derive(Debug, Arbitrary)]
struct Input {
    markdown: bool,
    encoding: u8,
    /// 0: one `apply_changes` per edit; 1: one `apply_changes` for all; 2: `edit` batches,
    /// then one `refresh`.
    mode: u8,
    /// 1–3: the initial text starts with one of `DRAFTS`; else `initial` alone.
    draft: u8,
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

/// The document's blocks and analysis equal those of a fresh parse of its text.
fn assert_fresh(doc: &Document, model: &str, kind: DocumentKind, when: &str) {
    let fresh = Document::new(model, kind);
    assert_eq!(doc.blocks(), fresh.blocks(), "blocks differ from a fresh parse {when} of {model:?}");
    assert_eq!(doc.analysis(), fresh.analysis(), "analysis differs from a fresh parse {when} of {model:?}");
}

fuzz_target!(|input: Input| {
    let kind = if input.markdown { DocumentKind::Markdown } else { DocumentKind::PlainText };
    let enc = match input.encoding % 3 {
        0 => PositionEncoding::Utf8,
        1 => PositionEncoding::Utf16,
        _ => PositionEncoding::Utf32,
    };
    let initial = match usize::from(input.draft % 4) {
        0 => input.initial.clone(),
        i => format!("{}{}", DRAFTS[i - 1], input.initial),
    };
    let mut doc = Document::new(&initial, kind);
    let mut model = initial;
    match input.mode % 3 {
        0 => {
            for c in input.edits.iter().take(32).map(change) {
                doc.apply_changes(std::slice::from_ref(&c), enc);
                apply_to_string(&mut model, &c, enc);
                assert_eq!(doc.text(), model);
            }
        }
        1 => {
            let changes: Vec<Change> = input.edits.iter().take(32).map(change).collect();
            doc.apply_changes(&changes, enc);
            for c in &changes {
                apply_to_string(&mut model, c, enc);
            }
            assert_eq!(doc.text(), model);
        }
        _ => {
            let edits = &input.edits[..input.edits.len().min(96)];
            let mut batch = Vec::new();
            for (i, e) in edits.iter().enumerate() {
                batch.push(change(e));
                if e.batch & 1 == 0 && i + 1 < edits.len() {
                    continue;
                }
                let before = doc.analysis().clone();
                doc.edit(&batch, enc);
                for c in &batch {
                    apply_to_string(&mut model, c, enc);
                }
                assert_eq!(doc.text(), model);
                assert!(doc.is_stale(), "an edit batch left the analysis fresh");
                assert_eq!(doc.analysis(), &before, "edit changed the analysis before a refresh");
                batch.clear();
                if e.batch & 2 != 0 && i + 1 < edits.len() {
                    doc.refresh();
                    assert!(!doc.is_stale(), "stale after a refresh");
                    assert_fresh(&doc, &model, kind, "after an intermediate refresh");
                }
            }
            doc.refresh();
            assert!(!doc.is_stale(), "stale after a refresh");
        }
    }
    assert_fresh(&doc, &model, kind, "after the edits");
    if input.mode % 3 == 2 {
        // A second refresh with no edit in between changes nothing.
        let once = doc.analysis().clone();
        doc.refresh();
        assert_eq!(doc.analysis(), &once, "a second refresh changed the analysis");
    }
});

//! The parser and analysis on arbitrary bytes (read as lossy UTF-8), as plain text and as
//! Markdown: nothing panics, every range fits its line on character boundaries, the outline
//! and folding ranges are computed, and fixing until nothing changes (as `check --fix` does)
//! is settled: fixing again changes nothing. One input in eight is also read as one long
//! line (its line breaks dropped, repeated to 256 KB), so that a step quadratic in the
//! length of a line times out.

#![no_main]

use libfuzzer_sys::fuzz_target;
use workplan::features::fixes::{fix_until_stable, fixed_text};
use workplan::features::folding::folding_ranges;
use workplan::features::symbols::document_symbols;
use workplan::text::LineSpan;
use workplan::{Document, DocumentKind};

fn check_span(doc: &Document, span: LineSpan, what: &str) {
    assert!(span.line < doc.line_count(), "{what} on line {} of {}", span.line, doc.line_count());
    let line = doc.line(span.line);
    let (a, b) = (span.span.start(), span.span.end());
    assert!(a <= b && b <= line.len(), "{what} {a}..{b} outside line {:?}", line);
    assert!(line.is_char_boundary(a) && line.is_char_boundary(b), "{what} {a}..{b} splits a character in {line:?}");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for kind in [DocumentKind::PlainText, DocumentKind::Markdown] {
        let doc = Document::new(&text, kind);
        assert_eq!(doc.blocks().len(), doc.line_count());
        assert_eq!(doc.text(), text);
        for d in &doc.findings() {
            check_span(&doc, d.range, d.code.as_str());
            for r in &d.related {
                check_span(&doc, r.range, "related information");
            }
            for f in &d.fix {
                check_span(&doc, f.range, "fix");
            }
        }
        let _ = document_symbols(&doc);
        for (a, b) in folding_ranges(&doc) {
            assert!(a <= b && b < doc.line_count(), "folding range {a}..{b} of {} lines", doc.line_count());
        }
        let analyse = |t: &str| Document::new(t, kind);
        let once = fix_until_stable(doc, analyse);
        assert!(once.settled, "fixes still to make after the last round");
        let once = once.doc.text();
        assert_eq!(once.matches('\n').count(), text.matches('\n').count(), "fixes changed the line breaks");
        assert_eq!(fixed_text(&analyse(&once)), once, "fixing the fixed text changes it");
    }
    if data.first().is_some_and(|b| b % 8 == 0) {
        let one: String = text.chars().filter(|c| !matches!(c, '\n' | '\r')).collect();
        if !one.is_empty() {
            let doc = Document::new(&one.repeat(LONG_LINE / one.len() + 1), DocumentKind::PlainText);
            let _ = document_symbols(&doc);
            let _ = folding_ranges(&doc);
            let _ = fixed_text(&doc);
        }
    }
});

/// The length of the long line an input is also read as.
const LONG_LINE: usize = 256 * 1024;

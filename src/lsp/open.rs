//! An open document as the server keeps it: the core [`Document`], the editor's version, an
//! identity for each line (so cached diagnostics know when the text their positions depend
//! on changed) and the cache of its diagnostics' JSON.

use tower_lsp_server::ls_types::Uri;

use super::framing::OutFrame;
use super::line_ids::LineIds;
use super::publish::{DiagnosticCache, Wire};
use crate::document::{Change, Document};
use crate::text::{PositionEncoding, PositionError};

pub(super) struct OpenDocument {
    pub doc: Document,
    pub version: i32,
    lines: LineIds,
    diagnostics: DiagnosticCache,
    /// The draft's citations as of the run of the passes `citations_pass`, for
    /// `citation.conflict` in the other drafts (see `workspace::take_citations`).
    pub citations: Vec<Cited>,
    pub citations_pass: u64,
    /// The workspace's citations epoch the document's were compared with last.
    pub elsewhere_epoch: u64,
}

/// A citation: title, number, line.
pub(super) type Cited = (compact_str::CompactString, compact_str::CompactString, usize);

impl OpenDocument {
    pub fn new(doc: Document, version: i32) -> OpenDocument {
        let lines = LineIds::new(doc.line_count());
        OpenDocument {
            doc,
            version,
            lines,
            diagnostics: DiagnosticCache::default(),
            citations: Vec::new(),
            citations_pass: 0,
            elsewhere_epoch: 0,
        }
    }

    /// Applies editor changes in order ([`Document::edit`]: the analysis is left stale) and
    /// renews the identity of every line a change replaced.
    pub fn edit(&mut self, changes: &[Change], encoding: PositionEncoding) -> Vec<PositionError> {
        let lines = &mut self.lines;
        let problems = self.doc.edit_reporting(changes, encoding, |r| {
            lines.replace(r.first, r.last_old, r.last_new + 1 - r.first);
        });
        debug_assert_eq!(self.lines.line_count(), self.doc.line_count());
        problems
    }

    /// The `publishDiagnostics` notification of the current version (analysed first if an
    /// edit left the analysis stale).
    pub fn publication(&mut self, uri: &Uri, wire: &Wire<'_>) -> OutFrame {
        self.doc.refresh();
        self.diagnostics.publication(&self.doc, &self.lines, uri, Some(self.version), wire)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use std::sync::Arc;

    use serde_json::{json, Value};
    use tower_lsp_server::ls_types::PublishDiagnosticsParams;

    use super::*;
    use crate::lsp::convert;
    use crate::syntax::DocumentKind;
    use crate::text::position::column;
    use crate::text::TextPosition;

    fn change(start: (usize, usize), end: (usize, usize), text: &str) -> Change {
        let at = |(l, c)| TextPosition::new(l, c);
        Change { range: Some((at(start), at(end))), text: text.to_string() }
    }

    fn ids(open: &OpenDocument) -> Vec<u64> {
        (0..open.doc.line_count()).map(|l| open.lines.get(l)).collect()
    }

    #[test]
    fn untouched_lines_keep_their_identity_and_move_with_their_text() {
        let mut open = OpenDocument::new(Document::new("a\nb\nc\nd\n", DocumentKind::PlainText), 1);
        let [a, b, c, d, end] = ids(&open)[..] else { panic!("five lines") };
        // Type in line 1: only line 1 is new.
        open.edit(&[change((1, 1), (1, 1), "x")], PositionEncoding::Utf16);
        let now = ids(&open);
        assert_eq!((now[0], now[2], now[3], now[4]), (a, c, d, end));
        assert_ne!(now[1], b);
        // Split line 0: lines 0 and 1 are new, the rest moved down by one.
        open.edit(&[change((0, 1), (0, 1), "\n")], PositionEncoding::Utf16);
        let split = ids(&open);
        assert_eq!(split.len(), 6);
        assert_eq!(&split[2..], &now[1..]);
        assert!(!now.contains(&split[0]) && !now.contains(&split[1]));
        // Join lines 2 to 4: one new line replaces three.
        open.edit(&[change((2, 0), (4, 0), "")], PositionEncoding::Utf16);
        let joined = ids(&open);
        assert_eq!(joined.len(), 4);
        assert_eq!((joined[0], joined[1], joined[3]), (split[0], split[1], split[5]));
        assert!(!split.contains(&joined[2]));
        assert_eq!(open.doc.text(), "a\n\nd\n");
    }

    #[test]
    fn a_whole_text_change_or_a_position_past_the_end_renews_what_it_must() {
        let mut open = OpenDocument::new(Document::new("a\r\nb\rc", DocumentKind::PlainText), 1);
        let old = ids(&open);
        open.edit(&[Change { range: None, text: "x\ny".into() }], PositionEncoding::Utf8);
        assert!(ids(&open).iter().all(|i| !old.contains(i)));
        let old = ids(&open);
        let problems = open.edit(&[change((9, 0), (9, 0), "\nz")], PositionEncoding::Utf8);
        assert!(!problems.is_empty(), "the position past the end is reported");
        assert_eq!(open.doc.text(), "x\ny\nz");
        assert_eq!(ids(&open)[0], old[0]);
        assert_eq!(ids(&open).len(), 3);
    }

    /// The publication as the server built it before caching: every finding converted anew.
    fn reference(doc: &Document, uri: &Uri, version: i32, wire: &Wire<'_>) -> Value {
        let diagnostics = doc
            .findings()
            .iter()
            .map(|d| {
                let page = wire.pages.and_then(|p| p.get(d.code.as_str()));
                let mut lsp = convert::diagnostic(doc, uri, d, wire.encoding, page);
                if !wire.related {
                    lsp.related_information = None;
                }
                lsp
            })
            .collect();
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(version));
        json!({ "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params })
    }

    fn parsed(frame: &OutFrame) -> Value {
        let bytes = frame.to_vec();
        let body = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a framed message") + 4;
        let length: usize = std::str::from_utf8(&bytes[16..body - 4]).expect("ASCII header").parse().expect("a length");
        assert_eq!(length, bytes.len() - body, "Content-Length");
        serde_json::from_slice(&bytes[body..]).expect("JSON")
    }

    /// Findings with related places, astral characters and emoji before them, many per line.
    const DRAFT: &str = "\
某某高新区2026年工作要点
围绕上述目标，重点抓好以下五个方面工作：
一、坚持创新驱动，培育发展新动能
（一）建设𠀀园区。一是甲；二是乙；四是丙。
（二）、推进🚀行动。一是甲；二是乙；二是丙。
（三）建设𠀀园区。第一，甲；第二：乙。新增 150 家，投资 3 亿元。
三、坚持产业强区🚀，构建现代化产业体系
1、推进重大项目建设。确保30个市重点项目完成年度投资计划。
3、强化要素保障。
";

    #[test]
    fn cached_publications_equal_fresh_conversions_through_edits_in_every_encoding() {
        let uri: Uri = "file:///drafts/cache.txt".parse().expect("a URI");
        let pages: HashMap<&'static str, Uri> = crate::analysis::RULES
            .iter()
            .map(|r| (r.code, format!("file:///rules/{}.md", r.code).parse().expect("a URI")))
            .collect();
        let typed = ["、", "一是", "\n", "𠀀", "🚀", "四、", "（二）", "\r\n", "", "150 家", "\n二是乙；"];
        // Chunks of one finding, of a few (a line's findings straddle them) and of many.
        let cases = [(PositionEncoding::Utf8, 1), (PositionEncoding::Utf16, 3), (PositionEncoding::Utf32, 256)];
        for (encoding, chunk) in cases {
            for (related, with_pages) in [(true, true), (false, false)] {
                let wire = Wire { encoding, related, pages: with_pages.then_some(&pages) };
                let mut open = OpenDocument::new(Document::new(DRAFT, DocumentKind::PlainText), 1);
                open.diagnostics.set_chunk(chunk);
                let mut seed = 0x2545_f491_u64;
                let mut random = |n: usize| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    (seed >> 33) as usize % n.max(1)
                };
                let mut published = 0;
                for step in 0..400 {
                    let rope = open.doc.rope().clone();
                    let mut at = || {
                        let line = random(rope.len_lines());
                        let len = column(&rope, line, rope.line(line).len_bytes(), encoding);
                        TextPosition::new(line, random(len + 1))
                    };
                    let start = at();
                    let end = TextPosition::new(start.line, start.character + random(4) / 3 * random(4));
                    let text = typed[random(typed.len())];
                    open.edit(&[Change { range: Some((start, end)), text: text.to_string() }], encoding);
                    open.version += 1;
                    if step % 3 != 0 {
                        continue; // several edits per publication, as when coalescing
                    }
                    let frame = open.publication(&uri, &wire);
                    let context =
                        format!("{encoding:?}, chunk {chunk}, related {related}, step {step}: {:?}", open.doc.text());
                    assert_eq!(parsed(&frame), reference(&open.doc, &uri, open.version, &wire), "{context}");
                    published += open.doc.analysis().shown_count();
                    assert!(open.diagnostics.len() <= open.doc.analysis().shown_count(), "bounded: {context}");
                }
                assert!(published > 2000, "the edits kept findings to publish ({published})");
            }
        }
    }

    #[test]
    fn a_publication_reuses_the_entries_of_lines_that_moved_or_survived() {
        for chunk in [1, 8, 256] {
            let uri: Uri = "file:///drafts/reuse.txt".parse().expect("a URI");
            let wire = Wire { encoding: PositionEncoding::Utf16, related: true, pages: None };
            let line = "正文𠀀。增长１０％。新增 150 家。一是甲；二是乙；四是丙。\n";
            let mut open = OpenDocument::new(Document::new(&line.repeat(40), DocumentKind::PlainText), 1);
            open.diagnostics.set_chunk(chunk);
            let check = |open: &mut OpenDocument, created: usize, what: &str| {
                let before = open.diagnostics.created;
                let frame = open.publication(&uri, &wire);
                let what = format!("{what}, chunks of {chunk}");
                assert_eq!(parsed(&frame), reference(&open.doc, &uri, open.version, &wire), "{what}");
                assert_eq!(open.diagnostics.created - before, created, "entries made anew: {what}");
                assert_eq!(open.diagnostics.len(), open.doc.analysis().shown_count(), "{what}");
            };
            check(&mut open, 120, "the first publication");
            // Lines 5 to 29 go (75 findings, more than the look-ahead): the rest is reused
            // but for line 30's, which the change ends in.
            open.edit(&[change((5, 0), (30, 0), "")], PositionEncoding::Utf16);
            check(&mut open, 3, "after deleting 25 lines");
            // A line break before everything moves every finding down a line; line 0 is new.
            open.edit(&[change((0, 0), (0, 0), "\n")], PositionEncoding::Utf16);
            check(&mut open, 3, "after a line break at the top");
            // Typing on line 3 renews only its findings.
            open.edit(&[change((3, 1), (3, 1), "加")], PositionEncoding::Utf16);
            check(&mut open, 3, "after typing in line 3");
            // Lines pasted in the middle: theirs are new, and those of the line pasted into.
            open.edit(&[change((8, 0), (8, 0), &line.repeat(4))], PositionEncoding::Utf16);
            check(&mut open, 15, "after pasting 4 lines");
        }
    }

    #[test]
    fn typing_rewrites_the_chunk_of_the_line_typed_in_and_shares_the_others() {
        let uri: Uri = "file:///drafts/chunks.txt".parse().expect("a URI");
        let wire = Wire { encoding: PositionEncoding::Utf16, related: true, pages: None };
        let line = "正文𠀀。增长１０％。新增 150 家。一是甲；二是乙；四是丙。\n";
        let mut open = OpenDocument::new(Document::new(&line.repeat(40), DocumentKind::PlainText), 1);
        open.diagnostics.set_chunk(8);
        open.publication(&uri, &wire);
        let before = open.diagnostics.chunk_buffers();
        assert_eq!(before.len(), 15, "120 findings in chunks of 8");
        // Line 20's three findings are the 61st to 63rd: in the eighth chunk.
        open.edit(&[change((20, 1), (20, 1), "加")], PositionEncoding::Utf16);
        let frame = open.publication(&uri, &wire);
        assert_eq!(parsed(&frame), reference(&open.doc, &uri, open.version, &wire));
        let after = open.diagnostics.chunk_buffers();
        let shared: Vec<bool> = after.iter().map(|c| before.iter().any(|b| Arc::ptr_eq(b, c))).collect();
        let expected: Vec<bool> = (0..15).map(|k| k != 7).collect();
        assert_eq!(shared, expected, "only the chunk typed in is written anew");
        // A line break above moves every finding below: their chunks are written anew, the
        // ones above are still shared.
        open.edit(&[change((30, 0), (30, 0), "\n")], PositionEncoding::Utf16);
        let frame = open.publication(&uri, &wire);
        assert_eq!(parsed(&frame), reference(&open.doc, &uri, open.version, &wire));
        let again = open.diagnostics.chunk_buffers();
        let shared = again.iter().filter(|c| after.iter().any(|b| Arc::ptr_eq(b, c))).count();
        assert_eq!(shared, 11, "the chunks of lines 0 to 29");
    }
}

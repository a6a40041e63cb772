//! An open document as the server keeps it: the core [`Document`], the editor's version, an
//! identity for each line, the JSON of its last publication (valid while the lines it
//! points into keep their identity), and its citations for the other drafts.

use ls_types::Uri;

use super::line_ids::LineIds;
use super::publish::{Published, Wire};
use crate::document::{Change, Document};
use crate::text::{PositionEncoding, PositionError};

pub(super) struct OpenDocument {
    pub doc: Document,
    pub version: i32,
    lines: LineIds,
    published: Published,
    /// The draft's citations as last published, for `citation.conflict` in the other
    /// drafts (see `workspace::take_citations`).
    pub citations: Vec<Cited>,
    /// The workspace's citations epoch the document's were compared with last.
    pub elsewhere_epoch: u64,
}

/// A citation: title, number, line.
pub(super) type Cited = (compact_str::CompactString, compact_str::CompactString, usize);

impl OpenDocument {
    pub fn new(doc: Document, version: i32) -> OpenDocument {
        let lines = LineIds::new(doc.line_count());
        OpenDocument { doc, version, lines, published: Published::default(), citations: Vec::new(), elsewhere_epoch: 0 }
    }

    /// Applies editor changes in order ([`Document::edit`]: the analysis is left stale) and
    /// renews the identity of every line a change touched: from its start's line to its
    /// end's, as many as there are after it (positions past the end are the last line).
    pub fn edit(&mut self, changes: &[Change], encoding: PositionEncoding) -> Vec<PositionError> {
        let mut problems = Vec::new();
        for change in changes {
            let before = self.doc.line_count();
            let (first, last) = match change.range {
                Some((start, end)) => {
                    (start.line.min(end.line).min(before - 1), start.line.max(end.line).min(before - 1))
                }
                None => (0, before - 1),
            };
            problems.extend(self.doc.edit(std::slice::from_ref(change), encoding));
            let now = (last + 1 + self.doc.line_count()).saturating_sub(before).max(first + 1);
            self.lines.replace(first, last, now - first);
        }
        debug_assert_eq!(self.lines.line_count(), self.doc.line_count());
        problems
    }

    /// Appends the body of the `publishDiagnostics` notification of the current version to
    /// `out` (analysed first if an edit left the analysis stale).
    pub fn publication(&mut self, uri: &Uri, wire: &Wire<'_>, out: &mut Vec<u8>) {
        self.doc.refresh();
        self.published.publication(&self.doc, &self.lines, uri, self.version, wire, out);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use ls_types::PublishDiagnosticsParams;
    use serde_json::{json, Value};

    use super::*;
    use crate::lsp::convert;
    use crate::syntax::DocumentKind;
    use crate::text::position::column;
    use crate::text::TextPosition;

    /// The publication as serde makes it from `ls_types`: every finding converted anew.
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
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
            for (related, with_pages) in [(true, true), (false, false)] {
                let wire = Wire { encoding, related, pages: with_pages.then_some(&pages) };
                let mut open = OpenDocument::new(Document::new(DRAFT, DocumentKind::PlainText), 1);
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
                    let mut body = Vec::new();
                    open.publication(&uri, &wire, &mut body);
                    let context = format!("{encoding:?}, related {related}, step {step}: {:?}", open.doc.text());
                    let body: Value = serde_json::from_slice(&body).expect("JSON");
                    assert_eq!(body, reference(&open.doc, &uri, open.version, &wire), "{context}");
                    published += open.doc.analysis().shown_count();
                }
                assert!(published > 2000, "the edits kept findings to publish ({published})");
            }
        }
    }
}

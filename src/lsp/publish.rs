//! `textDocument/publishDiagnostics` straight to bytes.
//!
//! A 1 MB draft has thousands of findings (over a megabyte of JSON per publication) and a
//! keystroke changes a few of them. Going through `ls_types::Diagnostic` and the library's
//! `serde_json::Value` tree costs more than the analysis, so each finding's JSON is cached
//! and a publication is assembled from the cached pieces.
//!
//! A cached piece is the finding's JSON with holes where its line numbers go: typing a
//! line break above a finding moves it down without changing its JSON otherwise. Its key is
//! what the rest of the JSON depends on: the finding without its line numbers, and the
//! identity ([`LineIds`]) of each line it points into, since columns in UTF-16 or UTF-32
//! depend on the text before them. The cache holds exactly the entries of the latest
//! publication.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tower_lsp_server::ls_types::Uri;

use super::convert;
use super::framing::OutFrame;
use super::open::LineIds;
use crate::analysis::{Diagnostic, Severity};
use crate::document::Document;
use crate::text::{LineSpan, PositionEncoding, Span};

/// What shapes the JSON beyond the finding itself: fixed for a session once initialised.
pub(super) struct Wire<'a> {
    pub encoding: PositionEncoding,
    /// `relatedInformation`, for clients that declare it.
    pub related: bool,
    /// Pages for `codeDescription`, for clients that declare it.
    pub pages: Option<&'a HashMap<&'static str, Uri>>,
}

impl Wire<'_> {
    fn fingerprint(&self) -> (PositionEncoding, bool, bool) {
        (self.encoding, self.related, self.pages.is_some())
    }
}

/// A JSON notification from the server, framed.
pub(super) fn notification<P: Serialize>(method: &str, params: &P) -> Option<OutFrame> {
    #[derive(Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    match OutFrame::json(&Notification { jsonrpc: "2.0", method, params }, 256) {
        Ok(frame) => Some(frame),
        Err(e) => {
            tracing::error!("cannot serialise {method}: {e}");
            None
        }
    }
}

/// A related place as part of a cache key, with where its line numbers go in the JSON.
struct RelatedKey {
    span: Span,
    line: u64,
    message: String,
    /// The line number it was last written with.
    written: usize,
    /// From the start of the finding's JSON; `None` where the JSON leaves related places out.
    holes: Option<[usize; 2]>,
}

/// Where a finding's message is, to compare it with the next analysis's.
enum Message {
    /// Inside its JSON string (it needed no escapes), from the start of the finding's JSON.
    InJson(usize, usize),
    /// The JSON escaped it.
    Own(Box<str>),
}

/// One finding's JSON in the last publication and what it was made from.
struct Entry {
    /// The identity of the finding's line.
    line: u64,
    code: &'static str,
    severity: Severity,
    span: Span,
    /// Where its JSON is in the last publication's buffer.
    at: usize,
    len: usize,
    /// The line number it was last written with.
    written: usize,
    /// Where the line numbers of the finding's range start, from `at`.
    holes: [usize; 2],
    message: Message,
    related: Box<[RelatedKey]>,
}

impl Entry {
    /// Whether this entry is `d`'s JSON but for line numbers (`last` is the buffer it is in).
    fn matches(&self, d: &Diagnostic, lines: &LineIds, last: &[u8]) -> bool {
        let message = match &self.message {
            Message::InJson(from, to) => &last[self.at + from..self.at + to],
            Message::Own(m) => m.as_bytes(),
        };
        self.span == d.range.span
            && self.line == lines.get(d.range.line)
            && self.code == d.code
            && self.severity == d.severity
            && self.related.len() == d.related.len()
            && message == d.message.as_bytes()
            && self.related.iter().zip(&d.related).all(|(key, r)| {
                key.span == r.range.span && key.line == lines.get(r.range.line) && key.message == r.message
            })
    }

    /// Whether `d` (which this entry matches) has the line numbers the entry was written with.
    fn same_lines(&self, d: &Diagnostic) -> bool {
        self.written == d.range.line && self.related.iter().zip(&d.related).all(|(key, r)| key.written == r.range.line)
    }

    /// Writes `d`'s JSON at the end of `out`.
    fn new(
        d: &Diagnostic,
        doc: &Document,
        lines: &LineIds,
        uri_json: &[u8],
        wire: &Wire<'_>,
        out: &mut Vec<u8>,
    ) -> Entry {
        let at = out.len();
        out.extend_from_slice(b"{\"range\":");
        let holes = range(out, doc, d.range, wire.encoding).map(|h| h - at);
        out.extend_from_slice(b",\"severity\":");
        push_u32(out, severity(d.severity));
        out.extend_from_slice(b",\"code\":");
        push_str(out, d.code);
        if let Some(href) = wire.pages.and_then(|pages| pages.get(d.code)) {
            out.extend_from_slice(b",\"codeDescription\":{\"href\":");
            push_str(out, href.as_str());
            out.push(b'}');
        }
        out.extend_from_slice(b",\"source\":\"workplan\",\"message\":");
        let from = out.len() + 1;
        push_str(out, &d.message);
        let to = out.len() - 1;
        let message = if out[from..to] == *d.message.as_bytes() {
            Message::InJson(from - at, to - at)
        } else {
            Message::Own(d.message.as_str().into())
        };
        // The related places are part of the key even where the JSON leaves them out.
        let mut related: Box<[RelatedKey]> = d
            .related
            .iter()
            .map(|r| RelatedKey {
                span: r.range.span,
                line: lines.get(r.range.line),
                message: r.message.clone(),
                written: r.range.line,
                holes: None,
            })
            .collect();
        if wire.related && !d.related.is_empty() {
            out.extend_from_slice(b",\"relatedInformation\":[");
            for (k, r) in d.related.iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"location\":{\"uri\":");
                out.extend_from_slice(uri_json);
                out.extend_from_slice(b",\"range\":");
                related[k].holes = Some(range(out, doc, r.range, wire.encoding).map(|h| h - at));
                out.extend_from_slice(b"},\"message\":");
                push_str(out, &r.message);
                out.push(b'}');
            }
            out.push(b']');
        }
        out.push(b'}');
        Entry {
            line: lines.get(d.range.line),
            code: d.code,
            severity: d.severity,
            span: d.range.span,
            at,
            len: out.len() - at,
            written: d.range.line,
            holes,
            message,
            related,
        }
    }

    /// Writes the JSON of `d` (which this entry matches) at the end of `out`, with its line
    /// numbers, copying the rest from `last`; the entry then describes the new JSON.
    fn rewrite(&mut self, d: &Diagnostic, last: &[u8], out: &mut Vec<u8>) {
        let mut copy = Renumbering { json: &last[self.at..self.at + self.len], at: out.len(), copied: 0 };
        for hole in &mut self.holes {
            copy.number(hole, d.range.line, out);
        }
        if let Message::InJson(start, end) = &mut self.message {
            // It lies between the range's numbers and the related places'.
            *start = copy.moved(*start, out);
            *end = copy.moved(*end, out);
        }
        for (key, r) in self.related.iter_mut().zip(&d.related) {
            key.written = r.range.line;
            for hole in key.holes.iter_mut().flatten() {
                copy.number(hole, r.range.line, out);
            }
        }
        out.extend_from_slice(&copy.json[copy.copied..]);
        self.written = d.range.line;
        self.at = copy.at;
        self.len = out.len() - copy.at;
    }
}

/// A finding's JSON copied to `out` (from `at` on) with other line numbers.
struct Renumbering<'a> {
    json: &'a [u8],
    at: usize,
    /// How much of `json` is in `out`.
    copied: usize,
}

impl Renumbering<'_> {
    /// Copies up to the number at `hole`, writes `line` instead and points `hole` at it.
    fn number(&mut self, hole: &mut usize, line: usize, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.json[self.copied..*hole]);
        self.copied = *hole + self.json[*hole..].iter().take_while(|b| b.is_ascii_digit()).count();
        *hole = out.len() - self.at;
        push_u32(out, u32::try_from(line).unwrap_or(u32::MAX));
    }

    /// Where a place of `json` not yet copied will be in the new JSON.
    fn moved(&self, place: usize, out: &[u8]) -> usize {
        place - self.copied + (out.len() - self.at)
    }
}

/// `{"start":{"line":L,"character":N},"end":{"line":L,"character":N}}`; returns where the
/// two line numbers start.
fn range(json: &mut Vec<u8>, doc: &Document, span: LineSpan, enc: PositionEncoding) -> [usize; 2] {
    let r = convert::range(doc, span, enc);
    let mut holes = [0; 2];
    for (k, (name, p)) in
        [(&b"{\"start\":{\"line\":"[..], r.start), (&b"},\"end\":{\"line\":"[..], r.end)].into_iter().enumerate()
    {
        json.extend_from_slice(name);
        holes[k] = json.len();
        push_u32(json, p.line);
        json.extend_from_slice(b",\"character\":");
        push_u32(json, p.character);
    }
    json.extend_from_slice(b"}}");
    holes
}

fn severity(s: Severity) -> u32 {
    match s {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Information => 3,
        Severity::Hint => 4,
    }
}

fn push_u32(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// `s` as a JSON string.
fn push_str(out: &mut Vec<u8>, s: &str) {
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// The size to reserve for a publication of `findings` after one of `last_len` bytes with
/// `last_findings`. A buffer that has to grow is copied into one twice its size, and the
/// old one is freed in the middle of the heap, where it stays resident: in a 10 MB draft
/// that was 15 MB more at the peak. Reserved pages that are never written cost nothing.
fn expected_size(last_len: usize, last_findings: usize, findings: usize) -> usize {
    /// More than the JSON of a finding usually takes (about 250 bytes in the generated
    /// drafts): the first publication has nothing to go by.
    const PER_FINDING: usize = 320;
    let per_finding = match last_findings {
        0 => PER_FINDING,
        n => last_len / n + 1,
    };
    (findings.saturating_mul(per_finding) + 256).max(last_len)
}

/// How far ahead of the expected entry a match is looked for before asking the index.
const LOOKAHEAD: usize = 8;

/// The JSON of one document's findings in the last publication, and what it was made from.
///
/// Findings come sorted by position, and an edit changes the findings of a few lines, so a
/// publication walks the last one's entries alongside the new findings: an entry that
/// matches is taken, entries passed over are dropped, a finding without an entry gets a
/// new one. After the findings of many lines disappear, an index by line finds where to
/// go on. Runs of matching entries whose line numbers did not change are copied from the
/// last publication in one piece: typing in a line rewrites that line's findings only.
#[derive(Default)]
pub(super) struct DiagnosticCache {
    /// In the order of the last publication; a publication takes the entries it reuses.
    entries: Vec<Option<Entry>>,
    /// The last publication's buffer (shared with the frame written to the client).
    last: Arc<Vec<u8>>,
    wire: Option<(PositionEncoding, bool, bool)>,
    /// [`LineIds::watermark`] at the last publication.
    watermark: u64,
    /// How many entries were ever made (to test reuse).
    #[cfg(test)]
    pub created: usize,
}

/// The last publication's entries, walked alongside the new findings.
struct Walk {
    old: Vec<Option<Entry>>,
    /// The old entry expected next.
    next: usize,
    /// Where each line's entries start, made when first needed.
    index: Option<rustc_hash::FxHashMap<u64, usize>>,
    /// [`LineIds::watermark`] at the last publication.
    watermark: u64,
}

impl Walk {
    /// Takes the entry that matches `d`, if there is one.
    fn take(&mut self, d: &Diagnostic, lines: &LineIds, last: &[u8]) -> Option<Entry> {
        let old = &self.old;
        let line = lines.get(d.range.line);
        let matching = |k: &usize| old[*k].as_ref().is_some_and(|e| e.matches(d, lines, last));
        let mut found = (self.next..old.len().min(self.next + LOOKAHEAD)).find(matching);
        // A line renewed since the last publication has no entries; if the entry expected
        // next is of this line, the finding changed and needs a new one.
        if found.is_none()
            && line < self.watermark
            && old.get(self.next).and_then(Option::as_ref).is_some_and(|e| e.line != line)
        {
            // A line's entries lie together: look from the first of them on.
            let index = self.index.get_or_insert_with(|| {
                let mut first = rustc_hash::FxHashMap::default();
                for (k, e) in old.iter().enumerate().rev() {
                    if let Some(e) = e {
                        first.insert(e.line, k);
                    }
                }
                first
            });
            found = index.get(&line).and_then(|&first| {
                (first.max(self.next)..old.len())
                    .take_while(|&k| old[k].as_ref().is_some_and(|e| e.line == line))
                    .find(matching)
            });
        }
        let k = found?;
        self.next = k + 1;
        self.old[k].take()
    }
}

/// The findings' JSON being written: bytes of the last publication wait in a run, so that
/// consecutive unchanged findings are copied in one piece.
struct Findings<'a> {
    out: Vec<u8>,
    last: &'a [u8],
    /// The piece of `last` waiting to be copied.
    run: Option<(usize, usize)>,
    written: usize,
}

impl Findings<'_> {
    /// Writes what the run holds, then the separator before the next finding.
    fn next_finding(&mut self) {
        if let Some((from, to)) = self.run.take() {
            self.out.extend_from_slice(&self.last[from..to]);
        }
        if self.written > 0 {
            self.out.push(b',');
        }
        self.written += 1;
    }

    /// Adds `e`'s JSON as it is in the last publication; `e` then points into the new one.
    fn copy(&mut self, e: &mut Entry) {
        match &mut self.run {
            // Right after the run in the last publication (past the comma): the run grows.
            Some((from, to)) if e.at == *to + 1 => {
                let comma = self.out.len() + (*to - *from);
                *to = e.at + e.len;
                e.at = comma + 1;
                self.written += 1;
            }
            _ => {
                self.next_finding();
                self.run = Some((e.at, e.at + e.len));
                e.at = self.out.len();
            }
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if let Some((from, to)) = self.run.take() {
            self.out.extend_from_slice(&self.last[from..to]);
        }
        self.out
    }
}

impl DiagnosticCache {
    /// How many findings' JSON it holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The `publishDiagnostics` notification for `doc`'s analysis (which must be fresh).
    pub fn publication(
        &mut self,
        doc: &Document,
        lines: &LineIds,
        uri: &Uri,
        version: Option<i32>,
        wire: &Wire<'_>,
    ) -> OutFrame {
        if self.wire != Some(wire.fingerprint()) {
            self.entries.clear();
            self.wire = Some(wire.fingerprint());
        }
        let mut uri_json = Vec::with_capacity(uri.as_str().len() + 2);
        push_str(&mut uri_json, uri.as_str());
        let last = std::mem::take(&mut self.last);
        let diagnostics = &doc.analysis().diagnostics;
        let mut out = OutFrame::body_buffer(expected_size(last.len(), self.entries.len(), diagnostics.len()));
        out.extend_from_slice(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
        );
        out.extend_from_slice(&uri_json);
        out.extend_from_slice(b",\"diagnostics\":[");

        let mut walk = Walk { old: std::mem::take(&mut self.entries), next: 0, index: None, watermark: self.watermark };
        let mut findings = Findings { out, last: &last, run: None, written: 0 };
        let mut entries = Vec::with_capacity(diagnostics.len());
        for d in diagnostics {
            let entry = match walk.take(d, lines, &last) {
                Some(mut e) if e.same_lines(d) => {
                    findings.copy(&mut e);
                    e
                }
                Some(mut e) => {
                    findings.next_finding();
                    e.rewrite(d, &last, &mut findings.out);
                    e
                }
                None => {
                    #[cfg(test)]
                    {
                        self.created += 1;
                    }
                    findings.next_finding();
                    Entry::new(d, doc, lines, &uri_json, wire, &mut findings.out)
                }
            };
            entries.push(Some(entry));
        }
        let mut out = findings.finish();
        self.entries = entries;
        self.watermark = lines.watermark();

        out.push(b']');
        if let Some(v) = version {
            out.extend_from_slice(b",\"version\":");
            out.extend_from_slice(v.to_string().as_bytes());
        }
        out.extend_from_slice(b"}}");
        let frame = OutFrame::seal(out);
        self.last = frame.buffer();
        frame
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_strings() {
        let mut out = Vec::new();
        for n in [0, 7, 10, 4_294_967_295] {
            push_u32(&mut out, n);
            out.push(b' ');
        }
        push_str(&mut out, "引号\"与\\反斜杠\n");
        assert_eq!(String::from_utf8(out).unwrap(), "0 7 10 4294967295 \"引号\\\"与\\\\反斜杠\\n\"");
    }

    /// Writes `d`'s entry after `before`, then moves it to other lines and back, checking
    /// the JSON and that the entry still matches `d` after each move.
    fn renumbered(d: &Diagnostic) {
        use crate::syntax::DocumentKind;
        let doc = Document::new("一、甲𠀀乙\n二、丙\n", DocumentKind::PlainText);
        let lines = LineIds::new(doc.line_count());
        let wire = Wire { encoding: PositionEncoding::Utf16, related: true, pages: None };
        let mut first = b"[".to_vec();
        let mut entry = Entry::new(d, &doc, &lines, b"\"file:///x.txt\"", &wire, &mut first);
        assert!(entry.matches(d, &lines, &first));
        let mut other = d.clone();
        other.message.push('。');
        assert!(!entry.matches(&other, &lines, &first));

        let mut moved = d.clone().at_line(12_345);
        moved.related[0].range.line = 7;
        assert!(!entry.same_lines(&moved));
        let mut second = b"[{},".to_vec();
        entry.rewrite(&moved, &first, &mut second);
        assert!(entry.same_lines(&moved));
        let json: serde_json::Value = serde_json::from_slice(&second[4..]).expect("JSON");
        assert_eq!(json["message"], d.message);
        assert_eq!(json["range"]["start"], serde_json::json!({ "line": 12_345, "character": 5 }));
        assert_eq!(json["range"]["end"]["line"], 12_345);
        assert_eq!(json["relatedInformation"][0]["location"]["range"]["start"]["line"], 7);
        assert_eq!(json["relatedInformation"][0]["location"]["range"]["end"]["line"], 7);
        assert_eq!(json["relatedInformation"][0]["message"], d.related[0].message);

        let mut third = Vec::new();
        entry.rewrite(d, &second, &mut third);
        assert_eq!(third, first[1..], "back where it was");
        assert!(entry.matches(d, &lines, &third) && entry.same_lines(d));
    }

    #[test]
    fn entries_are_renumbered_and_still_match() {
        use crate::text::Span;
        let d = Diagnostic::new("numbering.gap", Span::new(13, 16).at_line(0), "编号不连续：应为“（二）”")
            .with_related(Span::new(0, 6).at_line(0), "上一个同级编号");
        renumbered(&d);
        let escaped = Diagnostic::new("numbering.gap", Span::new(13, 16).at_line(0), "引号\"与\\反斜杠")
            .with_related(Span::new(0, 6).at_line(0), "换行\n之后");
        renumbered(&escaped);
    }
}

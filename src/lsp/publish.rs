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
    let mut buf = OutFrame::body_buffer(256);
    match serde_json::to_writer(&mut buf, &Notification { jsonrpc: "2.0", method, params }) {
        Ok(()) => Some(OutFrame::seal(buf)),
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
    holes: [usize; 2],
}

/// One finding's JSON and what it was made from.
struct Entry {
    /// The identity of the finding's line.
    line: u64,
    code: &'static str,
    severity: Severity,
    span: Span,
    /// The JSON object without its line numbers, then the message if the JSON had to
    /// escape it: one allocation, read front to back when the entry is matched and written.
    data: Box<[u8]>,
    json_len: usize,
    /// Where the message is in `data` (inside the JSON string where it needed no escapes).
    message: (usize, usize),
    /// Where the line numbers of the finding's range go in the JSON.
    holes: [usize; 2],
    related: Vec<RelatedKey>,
}

impl Entry {
    /// Whether this entry is `d`'s JSON.
    fn matches(&self, d: &Diagnostic, lines: &LineIds) -> bool {
        self.span == d.range.span
            && self.line == lines.get(d.range.line)
            && self.code == d.code
            && self.severity == d.severity
            && self.related.len() == d.related.len()
            && self.data[self.message.0..self.message.1] == *d.message.as_bytes()
            && self.related.iter().zip(&d.related).all(|(key, r)| {
                key.span == r.range.span && key.line == lines.get(r.range.line) && key.message == r.message
            })
    }

    fn new(d: &Diagnostic, doc: &Document, lines: &LineIds, uri_json: &[u8], wire: &Wire<'_>) -> Entry {
        let mut json = Vec::with_capacity(192 + d.message.len());
        json.extend_from_slice(b"{\"range\":");
        let holes = range(&mut json, doc, d.range, wire.encoding);
        json.extend_from_slice(b",\"severity\":");
        push_u32(&mut json, severity(d.severity));
        json.extend_from_slice(b",\"code\":");
        push_str(&mut json, d.code);
        if let Some(href) = wire.pages.and_then(|pages| pages.get(d.code)) {
            json.extend_from_slice(b",\"codeDescription\":{\"href\":");
            push_str(&mut json, href.as_str());
            json.push(b'}');
        }
        json.extend_from_slice(b",\"source\":\"workplan\",\"message\":");
        let mut message = (json.len() + 1, 0);
        push_str(&mut json, &d.message);
        message.1 = json.len() - 1;
        // The related places are part of the key even where the JSON leaves them out.
        let mut related: Vec<RelatedKey> = d
            .related
            .iter()
            .map(|r| RelatedKey {
                span: r.range.span,
                line: lines.get(r.range.line),
                message: r.message.clone(),
                holes: [usize::MAX; 2],
            })
            .collect();
        if wire.related && !d.related.is_empty() {
            json.extend_from_slice(b",\"relatedInformation\":[");
            for (k, r) in d.related.iter().enumerate() {
                if k > 0 {
                    json.push(b',');
                }
                json.extend_from_slice(b"{\"location\":{\"uri\":");
                json.extend_from_slice(uri_json);
                json.extend_from_slice(b",\"range\":");
                related[k].holes = range(&mut json, doc, r.range, wire.encoding);
                json.extend_from_slice(b"},\"message\":");
                push_str(&mut json, &r.message);
                json.push(b'}');
            }
            json.push(b']');
        }
        json.push(b'}');
        let json_len = json.len();
        if json[message.0..message.1] != *d.message.as_bytes() {
            message = (json_len, json_len + d.message.len());
            json.extend_from_slice(d.message.as_bytes());
        }
        Entry {
            line: lines.get(d.range.line),
            code: d.code,
            severity: d.severity,
            span: d.range.span,
            data: json.into_boxed_slice(),
            json_len,
            message,
            holes,
            related,
        }
    }

    /// Appends the JSON of `d` (which this entry matches) to `out`.
    fn write(&self, d: &Diagnostic, out: &mut Vec<u8>) {
        let json = &self.data[..self.json_len];
        let own = self.holes.iter().map(|&at| (at, d.range.line));
        let related = self.related.iter().zip(&d.related).flat_map(|(key, r)| key.holes.map(|at| (at, r.range.line)));
        let mut from = 0;
        for (at, line) in own.chain(related).take_while(|&(at, _)| at != usize::MAX) {
            out.extend_from_slice(&json[from..at]);
            push_u32(out, u32::try_from(line).unwrap_or(u32::MAX));
            from = at;
        }
        out.extend_from_slice(&json[from..]);
    }
}

/// `{"start":{"line":_,"character":N},"end":{"line":_,"character":N}}`; returns where the
/// two `_` go.
fn range(json: &mut Vec<u8>, doc: &Document, span: LineSpan, enc: PositionEncoding) -> [usize; 2] {
    let r = convert::range(doc, span, enc);
    let mut holes = [0; 2];
    for (k, (name, p)) in
        [(&b"{\"start\":{\"line\":"[..], r.start), (&b"},\"end\":{\"line\":"[..], r.end)].into_iter().enumerate()
    {
        json.extend_from_slice(name);
        holes[k] = json.len();
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

/// How far ahead of the expected entry a match is looked for before asking the index.
const LOOKAHEAD: usize = 8;

/// The cached JSON of one document's findings, in the order of the last publication.
///
/// Findings come sorted by position, and an edit changes the findings of a few lines, so a
/// publication walks the last one's entries alongside the new findings: an entry that
/// matches is taken, entries passed over are dropped, a finding without an entry gets a
/// new one. After the findings of many lines disappear, an index by line finds where to
/// go on.
#[derive(Default)]
pub(super) struct DiagnosticCache {
    /// All `Some` between publications; a publication takes the entries it reuses.
    entries: Vec<Option<Entry>>,
    wire: Option<(PositionEncoding, bool, bool)>,
    /// [`LineIds::watermark`] at the last publication.
    watermark: u64,
    /// The size of the last publication, to allocate the next one at once.
    last_len: usize,
    /// How many entries were ever made (to test reuse).
    #[cfg(test)]
    pub created: usize,
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
        let mut out = OutFrame::body_buffer(self.last_len);
        out.extend_from_slice(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
        );
        out.extend_from_slice(&uri_json);
        out.extend_from_slice(b",\"diagnostics\":[");

        let diagnostics = &doc.analysis().diagnostics;
        let mut old = std::mem::take(&mut self.entries);
        let mut index: Option<rustc_hash::FxHashMap<u64, usize>> = None;
        let mut next = 0; // the old entry expected next
        let mut entries = Vec::with_capacity(diagnostics.len());
        for (i, d) in diagnostics.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let line = lines.get(d.range.line);
            let matching = |k: &usize| old[*k].as_ref().is_some_and(|e| e.matches(d, lines));
            let mut found = (next..old.len().min(next + LOOKAHEAD)).find(matching);
            // A line renewed since the last publication has no entries; if the entry
            // expected next is of this line, the finding changed and needs a new one.
            if found.is_none()
                && line < self.watermark
                && old.get(next).and_then(Option::as_ref).is_some_and(|e| e.line != line)
            {
                // A line's entries lie together: look from the first of them on.
                let index = index.get_or_insert_with(|| {
                    let mut first = rustc_hash::FxHashMap::default();
                    for (k, e) in old.iter().enumerate().rev() {
                        if let Some(e) = e {
                            first.insert(e.line, k);
                        }
                    }
                    first
                });
                found = index.get(&line).and_then(|&first| {
                    (first.max(next)..old.len())
                        .take_while(|&k| old[k].as_ref().is_some_and(|e| e.line == line))
                        .find(matching)
                });
            }
            let entry = match found {
                Some(k) => {
                    next = k + 1;
                    old[k].take().expect("a matching entry is there")
                }
                None => {
                    #[cfg(test)]
                    {
                        self.created += 1;
                    }
                    Entry::new(d, doc, lines, &uri_json, wire)
                }
            };
            entry.write(d, &mut out);
            entries.push(Some(entry));
        }
        self.entries = entries;
        self.watermark = lines.watermark();

        out.push(b']');
        if let Some(v) = version {
            out.extend_from_slice(b",\"version\":");
            out.extend_from_slice(v.to_string().as_bytes());
        }
        out.extend_from_slice(b"}}");
        self.last_len = out.len();
        OutFrame::seal(out)
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

    #[test]
    fn a_message_the_json_escapes_is_matched_and_written() {
        use crate::syntax::DocumentKind;
        use crate::text::Span;
        let doc = Document::new("一、甲𠀀乙\n二、丙\n", DocumentKind::PlainText);
        let lines = LineIds::new(doc.line_count());
        let wire = Wire { encoding: PositionEncoding::Utf16, related: true, pages: None };
        let d = Diagnostic::new("numbering.gap", Span::new(13, 16).at_line(0), "引号\"与\\反斜杠")
            .with_related(Span::new(0, 6).at_line(1), "换行\n之后");
        let entry = Entry::new(&d, &doc, &lines, b"\"file:///x.txt\"", &wire);
        assert!(entry.matches(&d, &lines));
        let mut other = d.clone();
        other.message.push('。');
        assert!(!entry.matches(&other, &lines));
        let mut moved = d.clone().at_line(5);
        moved.related[0].range.line = 7;
        let mut out = Vec::new();
        entry.write(&moved, &mut out);
        let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
        assert_eq!(json["message"], d.message);
        assert_eq!(json["range"]["start"], serde_json::json!({ "line": 5, "character": 5 }));
        assert_eq!(json["relatedInformation"][0]["location"]["range"]["end"]["line"], 7);
        assert_eq!(json["relatedInformation"][0]["message"], "换行\n之后");
    }
}

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
//! depend on the text before them. Entries not used by the latest publication are dropped.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

/// A hasher for line identities, which are distinct counters already.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// One finding's JSON and what it was made from.
struct Entry {
    code: &'static str,
    severity: Severity,
    span: Span,
    message: String,
    /// Span, identity of its line, message.
    related: Vec<(Span, u64, String)>,
    /// The JSON object, without the line numbers.
    json: Vec<u8>,
    /// Where each line number goes: (offset in `json`, 0 for the finding's own line or
    /// k for that of its k-th related place).
    holes: Vec<(usize, usize)>,
    /// The publication that last used it.
    generation: u64,
}

impl Entry {
    /// Whether this entry is `d`'s JSON (`d` being on a line with this entry's identity).
    fn matches(&self, d: &Diagnostic, lines: &LineIds) -> bool {
        self.span == d.range.span
            && self.code == d.code
            && self.severity == d.severity
            && self.related.len() == d.related.len()
            && self.message == d.message
            && self.related.iter().zip(&d.related).all(|((span, line, message), r)| {
                *span == r.range.span && *line == lines.get(r.range.line) && *message == r.message
            })
    }

    fn new(d: &Diagnostic, doc: &Document, lines: &LineIds, uri_json: &[u8], wire: &Wire<'_>) -> Entry {
        let mut json = Vec::with_capacity(192 + d.message.len());
        let mut holes = Vec::new();
        json.extend_from_slice(b"{\"range\":");
        range(&mut json, &mut holes, 0, doc, d.range, wire.encoding);
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
        push_str(&mut json, &d.message);
        if wire.related && !d.related.is_empty() {
            json.extend_from_slice(b",\"relatedInformation\":[");
            for (k, r) in d.related.iter().enumerate() {
                if k > 0 {
                    json.push(b',');
                }
                json.extend_from_slice(b"{\"location\":{\"uri\":");
                json.extend_from_slice(uri_json);
                json.extend_from_slice(b",\"range\":");
                range(&mut json, &mut holes, k + 1, doc, r.range, wire.encoding);
                json.extend_from_slice(b"},\"message\":");
                push_str(&mut json, &r.message);
                json.push(b'}');
            }
            json.push(b']');
        }
        json.push(b'}');
        Entry {
            code: d.code,
            severity: d.severity,
            span: d.range.span,
            message: d.message.clone(),
            related: d.related.iter().map(|r| (r.range.span, lines.get(r.range.line), r.message.clone())).collect(),
            json,
            holes,
            generation: 0,
        }
    }

    /// Appends the JSON of `d` (which this entry matches) to `out`.
    fn write(&self, d: &Diagnostic, out: &mut Vec<u8>) {
        let mut from = 0;
        for &(at, which) in &self.holes {
            out.extend_from_slice(&self.json[from..at]);
            let line = if which == 0 { d.range.line } else { d.related[which - 1].range.line };
            push_u32(out, u32::try_from(line).unwrap_or(u32::MAX));
            from = at;
        }
        out.extend_from_slice(&self.json[from..]);
    }
}

/// `{"start":{"line":_,"character":N},"end":{"line":_,"character":N}}`, each `_` a hole for
/// line `which`.
fn range(
    json: &mut Vec<u8>,
    holes: &mut Vec<(usize, usize)>,
    which: usize,
    doc: &Document,
    at: LineSpan,
    enc: PositionEncoding,
) {
    let r = convert::range(doc, at, enc);
    for (name, p) in [(&b"{\"start\":{\"line\":"[..], r.start), (&b"},\"end\":{\"line\":"[..], r.end)] {
        json.extend_from_slice(name);
        holes.push((json.len(), which));
        json.extend_from_slice(b",\"character\":");
        push_u32(json, p.character);
    }
    json.extend_from_slice(b"}}");
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

/// The cached JSON of one document's findings.
#[derive(Default)]
pub(super) struct DiagnosticCache {
    /// By the identity of the finding's line.
    entries: HashMap<u64, Vec<Entry>, BuildHasherDefault<IdHasher>>,
    generation: u64,
    wire: Option<(PositionEncoding, bool, bool)>,
    /// The size of the last publication, to allocate the next one at once.
    last_len: usize,
}

impl DiagnosticCache {
    /// How many findings' JSON it holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
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
        self.generation += 1;
        let generation = self.generation;
        let mut uri_json = Vec::with_capacity(uri.as_str().len() + 2);
        push_str(&mut uri_json, uri.as_str());

        let mut out = OutFrame::body_buffer(self.last_len);
        out.extend_from_slice(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
        );
        out.extend_from_slice(&uri_json);
        out.extend_from_slice(b",\"diagnostics\":[");
        for (i, d) in doc.analysis().diagnostics.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let bucket = self.entries.entry(lines.get(d.range.line)).or_default();
            let k = match bucket.iter().position(|e| e.matches(d, lines)) {
                Some(k) => k,
                None => {
                    bucket.push(Entry::new(d, doc, lines, &uri_json, wire));
                    bucket.len() - 1
                }
            };
            bucket[k].generation = generation;
            bucket[k].write(d, &mut out);
        }
        out.push(b']');
        if let Some(v) = version {
            out.extend_from_slice(b",\"version\":");
            out.extend_from_slice(v.to_string().as_bytes());
        }
        out.extend_from_slice(b"}}");
        self.entries.retain(|_, bucket| {
            bucket.retain(|e| e.generation == generation);
            !bucket.is_empty()
        });
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
}

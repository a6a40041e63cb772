//! `textDocument/publishDiagnostics` straight to bytes, with each finding's JSON kept from
//! one publication to the next.
//!
//! A 1 MB draft has thousands of findings (about a megabyte of JSON per publication) and a
//! keystroke changes a few of them. Converting every finding's positions and writing its
//! JSON again cost five times the analysis, so a finding's JSON is written once and copied
//! while the finding and the lines it points into ([`LineIds`]: their text, hence its
//! columns) stay the same. The cache holds exactly the findings of the last publication.

use std::collections::HashMap;
use std::sync::Arc;

use ls_types::Uri;
use rustc_hash::FxHashMap;

use super::line_ids::LineIds;
use crate::analysis::{RuleId, Severity, Shown};
use crate::document::Document;
use crate::text::position::Columns;
use crate::text::{LineSpan, PositionEncoding, Span};

/// What shapes the JSON beyond the finding itself: fixed for a session once initialised.
pub(super) struct Wire<'a> {
    pub encoding: PositionEncoding,
    /// `relatedInformation`, for clients that declare it.
    pub related: bool,
    /// Pages for `codeDescription`, for clients that declare it.
    pub pages: Option<&'a HashMap<&'static str, Uri>>,
}

/// What a finding's JSON was made from, to tell whether a finding of the next publication
/// has the same JSON: its line and that line's identity (so the text before the finding,
/// and with it its columns, are the same), severity, message and related places. Kept
/// inline but for the related places, so that a keystroke reads little besides the JSON.
struct Key {
    line: usize,
    id: u64,
    severity: Severity,
    message: Message,
    related: Box<[(LineSpan, u64, compact_str::CompactString)]>,
}

/// Where a finding's message is: inside its JSON string (it needed no escapes), or its own.
enum Message {
    InJson(usize, usize),
    Own(Box<str>),
}

impl Key {
    /// Whether `d` has the JSON `json`, which this key was made with.
    fn fits(&self, d: &Shown<'_>, lines: &LineIds, json: &[u8]) -> bool {
        let message = match &self.message {
            Message::InJson(from, to) => &json[*from..*to],
            Message::Own(m) => m.as_bytes(),
        };
        self.line == d.line()
            && self.id == lines.get(d.line())
            && self.severity == d.severity()
            && message == d.message().as_bytes()
            && self.related.len() == d.related().len()
            && self
                .related
                .iter()
                .zip(d.related())
                .all(|((at, id, m), r)| *at == d.place(r.range) && *id == lines.get(at.line) && *m == r.message)
    }
}

/// Writes the finding's JSON object at the end of `out`; returns its key.
fn write(doc: &Document, d: &Shown<'_>, uri_json: &[u8], wire: &Wire<'_>, lines: &LineIds, out: &mut Vec<u8>) -> Key {
    let start = out.len();
    let mut columns = Columns::new(doc.rope(), wire.encoding);
    out.extend_from_slice(b"{\"range\":");
    push_range(out, &mut columns, d.range());
    out.extend_from_slice(b",\"severity\":");
    out.extend_from_slice(severity(d.severity()));
    out.extend_from_slice(b",\"code\":");
    push_str(out, d.code());
    if let Some(href) = wire.pages.and_then(|pages| pages.get(d.code())) {
        out.extend_from_slice(b",\"codeDescription\":{\"href\":");
        push_str(out, href.as_str());
        out.push(b'}');
    }
    out.extend_from_slice(b",\"source\":\"workplan\",\"message\":");
    let from = out.len() + 1;
    push_str(out, d.message());
    let to = out.len() - 1;
    let message = if out[from..to] == *d.message().as_bytes() {
        Message::InJson(from - start, to - start)
    } else {
        Message::Own(d.message().into())
    };
    if wire.related && !d.related().is_empty() {
        out.extend_from_slice(b",\"relatedInformation\":[");
        for (k, r) in d.related().iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"location\":{\"uri\":");
            out.extend_from_slice(uri_json);
            out.extend_from_slice(b",\"range\":");
            push_range(out, &mut columns, d.place(r.range));
            out.extend_from_slice(b"},\"message\":");
            push_str(out, &r.message);
            out.push(b'}');
        }
        out.push(b']');
    }
    out.push(b'}');
    let related = d.related().iter().map(|r| (d.place(r.range), lines.get(d.place(r.range).line), r.message.clone()));
    Key { line: d.line(), id: lines.get(d.line()), severity: d.severity(), message, related: related.collect() }
}

/// Where to look for a finding: its line's identity, its span and its rule.
type At = (u64, Span, RuleId);

/// One finding of the last publication: where it was, its key, and where its JSON is in
/// that publication's body.
struct Entry {
    at: At,
    key: Key,
    json: std::ops::Range<usize>,
}

/// The last publication of one document: its body and its findings, in order.
#[derive(Default)]
pub(super) struct Published {
    body: Arc<Vec<u8>>,
    entries: Vec<Entry>,
    /// [`LineIds::watermark`] then: lines with an identity from this one on are new since.
    watermark: u64,
    /// The buffer of the publication before the last, once written: the next body goes into
    /// it rather than into fresh pages (megabytes per keystroke in a large draft).
    spare: Vec<u8>,
}

/// How far past the finding expected next a match is looked for before the index is.
const LOOKAHEAD: usize = 8;

/// The last publication's findings, walked alongside the new ones (both come in order of
/// position, and an edit changes the findings of a few lines).
struct Walk<'a> {
    old: Vec<Option<Entry>>,
    body: &'a [u8],
    next: usize,
    /// Where each place's first finding is, made when first needed (after the findings of
    /// many lines went).
    index: Option<FxHashMap<At, usize>>,
}

impl Walk<'_> {
    fn take(&mut self, at: At, d: &Shown<'_>, lines: &LineIds) -> Option<Entry> {
        let fits = |e: &Option<Entry>| {
            e.as_ref().is_some_and(|e| e.at == at && e.key.fits(d, lines, &self.body[e.json.clone()]))
        };
        let window = self.next..self.old.len().min(self.next + LOOKAHEAD);
        let k = match window.clone().find(|&k| fits(&self.old[k])) {
            Some(k) => k,
            None => {
                let old = &self.old;
                let index = self.index.get_or_insert_with(|| {
                    let mut index = FxHashMap::default();
                    for (k, e) in old.iter().enumerate().rev() {
                        if let Some(e) = e {
                            index.insert(e.at, k);
                        }
                    }
                    index
                });
                index.get(&at).copied().filter(|&k| fits(&self.old[k]))?
            }
        };
        self.next = self.next.max(k + 1);
        self.old[k].take()
    }
}

impl Published {
    /// The body of the `publishDiagnostics` notification of `doc`'s analysis (which must be
    /// fresh); `lines` are the identities of its lines.
    pub fn publication(
        &mut self,
        doc: &Document,
        lines: &LineIds,
        uri: &Uri,
        version: i32,
        wire: &Wire<'_>,
    ) -> Arc<Vec<u8>> {
        let mut uri_json = Vec::with_capacity(uri.as_str().len() + 2);
        push_str(&mut uri_json, uri.as_str());
        let mut out = std::mem::take(&mut self.spare);
        out.clear();
        out.reserve(self.body.len() + 64);
        out.extend_from_slice(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
        );
        out.extend_from_slice(&uri_json);
        out.extend_from_slice(b",\"diagnostics\":[");
        let old = std::mem::take(&mut self.entries);
        let mut entries = Vec::with_capacity(old.len());
        let body = std::mem::take(&mut self.body);
        let mut walk = Walk { old: old.into_iter().map(Some).collect(), body: &body, next: 0, index: None };
        for (k, d) in doc.diagnostics().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            let at = (lines.get(d.line()), d.range().span, d.rule());
            let start = out.len();
            // A line renewed since has no findings in the last publication.
            let key = match (at.0 < self.watermark).then(|| walk.take(at, &d, lines)).flatten() {
                Some(e) => {
                    out.extend_from_slice(&body[e.json]);
                    e.key
                }
                None => write(doc, &d, &uri_json, wire, lines, &mut out),
            };
            entries.push(Entry { at, key, json: start..out.len() });
        }
        out.extend_from_slice(b"],\"version\":");
        out.extend_from_slice(version.to_string().as_bytes());
        out.extend_from_slice(b"}}");
        self.entries = entries;
        self.watermark = lines.watermark();
        self.body = Arc::new(out);
        // Written already, unless the client is slow to read.
        if let Ok(last) = Arc::try_unwrap(body) {
            self.spare = last;
        }
        Arc::clone(&self.body)
    }
}

fn push_range(out: &mut Vec<u8>, columns: &mut Columns<'_>, at: LineSpan) {
    let (start, end) = (columns.column(at.line, at.span.start()), columns.column(at.line, at.span.end()));
    let line = at.line;
    let text = format!(
        "{{\"start\":{{\"line\":{line},\"character\":{start}}},\"end\":{{\"line\":{line},\"character\":{end}}}}}"
    );
    out.extend_from_slice(text.as_bytes());
}

fn severity(s: Severity) -> &'static [u8] {
    match s {
        Severity::Error => b"1",
        Severity::Warning => b"2",
        Severity::Information => b"3",
        Severity::Hint => b"4",
    }
}

/// `s` as a JSON string.
fn push_str(out: &mut Vec<u8>, s: &str) {
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

//! `textDocument/publishDiagnostics` straight to bytes, with each finding's JSON kept from
//! one publication to the next.
//!
//! A 1 MB draft has thousands of findings (about a megabyte of JSON per publication) and a
//! keystroke changes a few of them. Converting every finding's positions and writing its
//! JSON again cost five times the analysis, so a finding's JSON is written once and copied
//! while the finding and the lines it points into ([`LineIds`]: their text, hence its
//! columns) stay the same. The cache holds exactly the findings of the last publication.

use std::collections::HashMap;

use ls_types::Uri;
use rustc_hash::FxHashMap;

use super::line_ids::LineIds;
use crate::analysis::{Severity, Shown};
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
/// has the same JSON: its place (the line's identity, so the text before the finding and
/// with it its columns are the same), rule, severity, message and related places.
struct Key {
    ids: Box<[u64]>,
    lines: Box<[usize]>,
    severity: Severity,
    message: Box<str>,
    related: Box<[(Span, Box<str>)]>,
}

impl Key {
    fn of(d: &Shown<'_>, lines: &LineIds) -> Key {
        let places = || std::iter::once(d.line()).chain(d.related().iter().map(|r| d.place(r.range).line));
        Key {
            ids: places().map(|l| lines.get(l)).collect(),
            lines: places().collect(),
            severity: d.severity(),
            message: d.message().into(),
            related: d.related().iter().map(|r| (d.place(r.range).span, r.message.as_str().into())).collect(),
        }
    }

    fn fits(&self, d: &Shown<'_>, lines: &LineIds) -> bool {
        let places = std::iter::once(d.line()).chain(d.related().iter().map(|r| d.place(r.range).line));
        self.severity == d.severity()
            && *self.message == *d.message()
            && self.related.len() == d.related().len()
            && self
                .related
                .iter()
                .zip(d.related())
                .all(|((span, m), r)| *span == d.place(r.range).span && **m == *r.message)
            && places.zip(self.lines.iter().zip(&self.ids)).all(|(l, (line, id))| l == *line && lines.get(l) == *id)
    }
}

/// The finding's JSON object.
fn json(doc: &Document, d: &Shown<'_>, uri_json: &[u8], wire: &Wire<'_>) -> Vec<u8> {
    let mut columns = Columns::new(doc.rope(), wire.encoding);
    let mut out = Vec::with_capacity(320);
    out.extend_from_slice(b"{\"range\":");
    push_range(&mut out, &mut columns, d.range());
    out.extend_from_slice(b",\"severity\":");
    out.extend_from_slice(severity(d.severity()));
    out.extend_from_slice(b",\"code\":");
    push_str(&mut out, d.code());
    if let Some(href) = wire.pages.and_then(|pages| pages.get(d.code())) {
        out.extend_from_slice(b",\"codeDescription\":{\"href\":");
        push_str(&mut out, href.as_str());
        out.push(b'}');
    }
    out.extend_from_slice(b",\"source\":\"workplan\",\"message\":");
    push_str(&mut out, d.message());
    if wire.related && !d.related().is_empty() {
        out.extend_from_slice(b",\"relatedInformation\":[");
        for (k, r) in d.related().iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"location\":{\"uri\":");
            out.extend_from_slice(uri_json);
            out.extend_from_slice(b",\"range\":");
            push_range(&mut out, &mut columns, d.place(r.range));
            out.extend_from_slice(b"},\"message\":");
            push_str(&mut out, &r.message);
            out.push(b'}');
        }
        out.push(b']');
    }
    out.push(b'}');
    out
}

/// The JSON of the findings of one document's last publication, by line identity, span and
/// rule (a finding whose key is taken by another only costs writing its JSON anew).
#[derive(Default)]
pub(super) struct Published {
    entries: FxHashMap<(u64, Span, &'static str), Entry>,
    /// Counts publications; entries not used by the last one are dropped.
    count: u64,
    /// The size of the last publication, to reserve as much for the next.
    bytes: usize,
}

struct Entry {
    key: Key,
    json: Box<[u8]>,
    used: u64,
}

impl Published {
    /// Appends the body of the `publishDiagnostics` notification of `doc`'s analysis (which
    /// must be fresh) to `out`; `lines` are the identities of its lines.
    pub fn publication(
        &mut self,
        doc: &Document,
        lines: &LineIds,
        uri: &Uri,
        version: i32,
        wire: &Wire<'_>,
        out: &mut Vec<u8>,
    ) {
        let mut uri_json = Vec::with_capacity(uri.as_str().len() + 2);
        push_str(&mut uri_json, uri.as_str());
        out.extend_from_slice(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
        );
        out.extend_from_slice(&uri_json);
        out.extend_from_slice(b",\"diagnostics\":[");
        out.reserve(self.bytes);
        let start = out.len();
        self.count += 1;
        for (k, d) in doc.diagnostics().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            let entry = self.entries.entry((lines.get(d.line()), d.range().span, d.code())).or_insert_with(|| Entry {
                key: Key::of(&d, lines),
                json: json(doc, &d, &uri_json, wire).into(),
                used: 0,
            });
            if entry.used == self.count || !entry.key.fits(&d, lines) {
                *entry = Entry { key: Key::of(&d, lines), json: json(doc, &d, &uri_json, wire).into(), used: 0 };
            }
            entry.used = self.count;
            out.extend_from_slice(&entry.json);
        }
        let count = self.count;
        self.entries.retain(|_, e| e.used == count);
        self.bytes = out.len() - start + 64;
        out.extend_from_slice(b"],\"version\":");
        out.extend_from_slice(version.to_string().as_bytes());
        out.extend_from_slice(b"}}");
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

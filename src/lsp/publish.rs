//! `textDocument/publishDiagnostics` straight to bytes, with each finding's JSON kept from
//! one publication to the next.
//!
//! A 1 MB draft has thousands of findings (about a megabyte of JSON per publication) and a
//! keystroke changes a few of them. Converting every finding's positions and writing its
//! JSON again cost five times the analysis, so a finding's JSON is written once and copied
//! while the finding and the lines it points into (their identities: their text, hence its
//! columns) stay the same. The cache holds exactly the findings of the last publication.

use std::ops::{Range, RangeInclusive};
use std::sync::Arc;

use compact_str::CompactString;
use ls_types::Uri;
use rustc_hash::FxHashMap;

use super::convert::{self, Wire};
use crate::analysis::{Config, RuleId, Severity, Shown};
use crate::document::Document;
use crate::text::{LineSpan, Span};

/// The last publication of one open document, and the identities of its lines.
#[derive(Default)]
pub(super) struct Published {
    /// An identity per line that changes whenever the line's text may have changed, and stays
    /// with the line when lines above it are inserted or removed.
    line_ids: Vec<u64>,
    /// Every identity given so far is below this one.
    next_id: u64,
    /// `next_id` at the last publication: lines with an identity from this one on are new.
    watermark: u64,
    body: Vec<u8>,
    /// The findings of `body`, in order.
    entries: Vec<Entry>,
    /// The buffer of the publication before the last: the next body goes into it rather
    /// than into fresh pages (megabytes per keystroke in a large draft).
    spare: Vec<u8>,
    /// The configuration the last publication's lines were parsed with (held, so that the
    /// same pointer is the same configuration).
    config: Option<Arc<Config>>,
}

/// One finding of the last publication: what its JSON was made from, to tell whether a
/// finding of the next publication has the same JSON (its line and that line's identity, so
/// the text before it, and with it its columns, are the same; its span, rule, severity,
/// message and related places), and where its JSON is in the body.
///
/// A paragraph's own finding keeps no message: made from its line's text and the
/// configuration alone, it is the same while its line's identity and the configuration are.
/// Comparing every message again was an eighth of a keystroke's CPU in a 1 MB draft.
struct Entry {
    line: usize,
    id: u64,
    span: Span,
    rule: RuleId,
    severity: Severity,
    /// `None` for a paragraph's own finding.
    said: Option<Said>,
    json: Range<usize>,
}

/// What a document-wide finding says: its message and its related places (with their
/// lines' identities), which other lines than its own may change.
struct Said {
    message: Box<str>,
    related: Box<[(LineSpan, u64, CompactString)]>,
}

/// The identity of `line`; one shared value for lines past the end (whose positions clamp
/// to the same place whatever the text).
fn id(ids: &[u64], line: usize) -> u64 {
    ids.get(line).copied().unwrap_or(u64::MAX)
}

impl Entry {
    /// Whether `d` has this entry's JSON, the configuration being the same as then or not.
    fn fits(&self, d: &Shown<'_>, ids: &[u64], same_config: bool) -> bool {
        self.line == d.line()
            && self.severity == d.severity()
            && match &self.said {
                None => d.is_own() && same_config,
                Some(said) => {
                    *said.message == *d.message()
                        && said.related.len() == d.related().len()
                        && said.related.iter().zip(d.related()).all(|((at, id_then, m), r)| {
                            *at == d.place(r.range) && *id_then == id(ids, at.line) && *m == r.message
                        })
                }
            }
    }
}

/// How far past the finding expected next a match is looked for before the index is.
const LOOKAHEAD: usize = 8;

/// The last publication's findings, walked alongside the new ones (both come in order of
/// position, and an edit changes the findings of a few lines).
struct Walk {
    old: Vec<Option<Entry>>,
    next: usize,
    same_config: bool,
    /// Where the first finding of each line identity, span and rule is, made when first
    /// needed (after the findings of many lines went).
    index: Option<FxHashMap<(u64, Span, RuleId), usize>>,
}

impl Walk {
    fn take(&mut self, d: &Shown<'_>, ids: &[u64]) -> Option<Entry> {
        let at = (id(ids, d.line()), d.range().span, d.rule());
        let fits = |e: &Option<Entry>| {
            e.as_ref().is_some_and(|e| (e.id, e.span, e.rule) == at && e.fits(d, ids, self.same_config))
        };
        let window = self.next..self.old.len().min(self.next + LOOKAHEAD);
        let k = match window.clone().find(|&k| fits(&self.old[k])) {
            Some(k) => k,
            None => {
                let old = &self.old;
                let index = self.index.get_or_insert_with(|| {
                    let entries = old.iter().enumerate().rev();
                    entries.filter_map(|(k, e)| e.as_ref().map(|e| ((e.id, e.span, e.rule), k))).collect()
                });
                index.get(&at).copied().filter(|&k| fits(&self.old[k]))?
            }
        };
        self.next = self.next.max(k + 1);
        self.old[k].take()
    }
}

impl Published {
    pub fn new(lines: usize) -> Published {
        Published { line_ids: (0..lines as u64).collect(), next_id: lines as u64, ..Published::default() }
    }

    /// Lines `lines` of the document were replaced by `count` new lines.
    pub fn lines_replaced(&mut self, lines: RangeInclusive<usize>, count: usize) {
        let fresh = self.next_id..self.next_id + count as u64;
        self.next_id = fresh.end;
        self.line_ids.splice(lines, fresh);
    }

    /// The body of the `publishDiagnostics` notification of `doc`'s analysis (which must be
    /// fresh).
    pub fn publication(&mut self, doc: &Document, uri: &Uri, version: i32, wire: &Wire) -> &[u8] {
        debug_assert_eq!(self.line_ids.len(), doc.line_count());
        let ids = &self.line_ids[..];
        let mut out = std::mem::take(&mut self.spare);
        out.clear();
        out.reserve(self.body.len() + 64);
        out.extend_from_slice(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
        );
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, uri.as_str());
        out.extend_from_slice(b",\"diagnostics\":[");
        let old = std::mem::take(&mut self.entries);
        let mut entries = Vec::with_capacity(old.len());
        let body = std::mem::take(&mut self.body);
        let same_config = self.config.as_ref().is_some_and(|c| Arc::ptr_eq(c, doc.config()));
        let mut walk = Walk { old: old.into_iter().map(Some).collect(), next: 0, same_config, index: None };
        for (k, d) in doc.diagnostics().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            let start = out.len();
            // A line renewed since has no findings in the last publication.
            let mut entry = match (id(ids, d.line()) < self.watermark).then(|| walk.take(&d, ids)).flatten() {
                Some(e) => {
                    out.extend_from_slice(&body[e.json.clone()]);
                    e
                }
                None => write(doc, &d, uri, wire, ids, &mut out),
            };
            entry.json = start..out.len();
            entries.push(entry);
        }
        out.extend_from_slice(b"],\"version\":");
        out.extend_from_slice(version.to_string().as_bytes());
        out.extend_from_slice(b"}}");
        self.entries = entries;
        self.watermark = self.next_id;
        self.body = out;
        self.spare = body;
        self.config = Some(doc.config().clone());
        &self.body
    }
}

/// Writes the finding's JSON object at the end of `out`; returns its entry (`json` to be set).
fn write(doc: &Document, d: &Shown<'_>, uri: &Uri, wire: &Wire, ids: &[u64], out: &mut Vec<u8>) -> Entry {
    let diagnostic = convert::diagnostic(doc, uri, d, wire);
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &diagnostic);
    let said = (!d.is_own()).then(|| {
        let related = d.related().iter().map(|r| (d.place(r.range), id(ids, d.place(r.range).line), r.message.clone()));
        Said { message: diagnostic.message.into(), related: related.collect() }
    });
    Entry {
        line: d.line(),
        id: id(ids, d.line()),
        span: d.range().span,
        rule: d.rule(),
        severity: d.severity(),
        said,
        json: 0..0,
    }
}

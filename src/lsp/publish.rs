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
use super::line_ids::LineIds;
use crate::analysis::{Severity, Shown};
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
    message: compact_str::CompactString,
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
    /// The run of the document-wide passes ([`Document::pass`]) of the finding it was last
    /// matched with, and where that finding is kept ([`Shown::kept_at`]).
    pass: u64,
    kept: (bool, u32),
}

impl Entry {
    /// Whether `d` is the finding this entry was last matched with, on the same lines, by
    /// where it is kept and the identity of the lines it points into: no line it points
    /// into was edited since, and the passes did not run again. Reads nothing of `d`'s
    /// finding itself, so that a keystroke does not visit every finding of the draft.
    fn unchanged(&self, d: &Shown<'_>, pass: u64, lines: &LineIds) -> bool {
        self.pass == pass
            && self.kept == d.kept_at()
            && self.severity == d.severity()
            && self.written == d.line()
            && self.line == lines.get(self.written)
            && self.related.iter().all(|key| key.line == lines.get(key.written))
    }

    /// Whether this entry is `d`'s JSON: `Some(true)` as it is, `Some(false)` but for line
    /// numbers, `None` if not (`json` is the buffer it is in).
    fn fit(&self, d: &Shown<'_>, pass: u64, lines: &LineIds, json: &[u8]) -> Option<bool> {
        if self.unchanged(d, pass, lines) {
            Some(true)
        } else {
            self.matches(d, lines, json).then(|| self.same_lines(d))
        }
    }

    /// The entry now stands for `d`, found in run `pass` of the passes.
    fn renew(&mut self, pass: u64, d: &Shown<'_>) {
        self.pass = pass;
        self.kept = d.kept_at();
    }

    /// Whether this entry is `d`'s JSON but for line numbers (`last` is the buffer it is in).
    fn matches(&self, d: &Shown<'_>, lines: &LineIds, last: &[u8]) -> bool {
        let message = match &self.message {
            Message::InJson(from, to) => &last[self.at + from..self.at + to],
            Message::Own(m) => m.as_bytes(),
        };
        let range = d.range();
        self.span == range.span
            && self.line == lines.get(range.line)
            && self.code == d.code()
            && self.severity == d.severity()
            && self.related.len() == d.related().len()
            && message == d.message().as_bytes()
            && self.related.iter().zip(d.related()).all(|(key, r)| {
                let at = d.place(r.range);
                key.span == at.span && key.line == lines.get(at.line) && key.message == r.message
            })
    }

    /// Whether `d` (which this entry matches) has the line numbers the entry was written with.
    fn same_lines(&self, d: &Shown<'_>) -> bool {
        self.written == d.range().line
            && self.related.iter().zip(d.related()).all(|(key, r)| key.written == d.place(r.range).line)
    }

    /// Writes `d`'s JSON at the end of `out`.
    fn new(
        d: &Shown<'_>,
        pass: u64,
        doc: &Document,
        lines: &LineIds,
        uri_json: &[u8],
        wire: &Wire<'_>,
        out: &mut Vec<u8>,
    ) -> Entry {
        let at = out.len();
        out.extend_from_slice(b"{\"range\":");
        let holes = range(out, doc, d.range(), wire.encoding).map(|h| h - at);
        out.extend_from_slice(b",\"severity\":");
        push_u32(out, severity(d.severity()));
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
            Message::InJson(from - at, to - at)
        } else {
            Message::Own(d.message().into())
        };
        // The related places are part of the key even where the JSON leaves them out.
        let mut related: Box<[RelatedKey]> = d
            .related()
            .iter()
            .map(|r| {
                let place = d.place(r.range);
                RelatedKey {
                    span: place.span,
                    line: lines.get(place.line),
                    message: r.message.clone(),
                    written: place.line,
                    holes: None,
                }
            })
            .collect();
        if wire.related && !d.related().is_empty() {
            out.extend_from_slice(b",\"relatedInformation\":[");
            for (k, r) in d.related().iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"location\":{\"uri\":");
                out.extend_from_slice(uri_json);
                out.extend_from_slice(b",\"range\":");
                related[k].holes = Some(range(out, doc, d.place(r.range), wire.encoding).map(|h| h - at));
                out.extend_from_slice(b"},\"message\":");
                push_str(out, &r.message);
                out.push(b'}');
            }
            out.push(b']');
        }
        out.push(b'}');
        Entry {
            line: lines.get(d.range().line),
            code: d.code(),
            severity: d.severity(),
            span: d.range().span,
            at,
            len: out.len() - at,
            written: d.range().line,
            holes,
            message,
            related,
            pass,
            kept: d.kept_at(),
        }
    }

    /// Writes the JSON of `d` (which this entry matches) at the end of `out`, with its line
    /// numbers, copying the rest from `last`; the entry then describes the new JSON.
    fn rewrite(&mut self, d: &Shown<'_>, last: &[u8], out: &mut Vec<u8>) {
        let mut copy = Renumbering { json: &last[self.at..self.at + self.len], at: out.len(), copied: 0 };
        let line = d.range().line;
        for hole in &mut self.holes {
            copy.number(hole, line, out);
        }
        if let Message::InJson(start, end) = &mut self.message {
            // It lies between the range's numbers and the related places'.
            *start = copy.moved(*start, out);
            *end = copy.moved(*end, out);
        }
        for (key, r) in self.related.iter_mut().zip(d.related()) {
            key.written = d.place(r.range).line;
            for hole in key.holes.iter_mut().flatten() {
                copy.number(hole, key.written, out);
            }
        }
        out.extend_from_slice(&copy.json[copy.copied..]);
        self.written = line;
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

/// How far ahead of the expected entry a match is looked for before asking the index.
const LOOKAHEAD: usize = 8;

/// Findings per chunk: a keystroke rewrites the chunks its findings are in (tens of
/// kilobytes each) and shares the others with the last publication.
const CHUNK: usize = 256;

/// The JSON of consecutive findings, each led by a comma (so that chunks join by
/// concatenation, the first one's comma skipped), and the entries of those findings.
struct Chunk {
    /// Shared with the frames that carry it.
    json: Arc<Vec<u8>>,
    /// All `Some` in the cache; a publication takes those it reuses.
    entries: Vec<Option<Entry>>,
}

/// The JSON of one document's findings in the last publication, and what it was made from.
///
/// Findings come sorted by position, and an edit changes the findings of a few lines, so a
/// publication walks the last one's entries alongside the new findings: an entry that
/// matches is taken, entries passed over are dropped, a finding without an entry gets a
/// new one. After the findings of many lines disappear, an index by line finds where to
/// go on.
///
/// The JSON is kept in chunks of [`CHUNK`] findings. A chunk whose findings all come again,
/// in order and on the same lines, is shared by the new publication as it is; the others
/// are written anew (unchanged findings copied in runs), and each chunk of the last
/// publication is let go as soon as the walk is past it. So a keystroke writes a few
/// chunks, not the whole publication, and the old publication and the new one are never
/// both held whole (two copies of 9 MB of JSON in a 10 MB draft).
pub(super) struct DiagnosticCache {
    chunks: Vec<Chunk>,
    wire: Option<(PositionEncoding, bool, bool)>,
    /// [`LineIds::watermark`] at the last publication.
    watermark: u64,
    /// Findings per chunk ([`CHUNK`]; fewer in tests, to have many chunks).
    chunk: usize,
    /// How many entries were ever made (to test reuse).
    #[cfg(test)]
    pub created: usize,
}

impl Default for DiagnosticCache {
    fn default() -> Self {
        DiagnosticCache {
            chunks: Vec::new(),
            wire: None,
            watermark: 0,
            chunk: CHUNK,
            #[cfg(test)]
            created: 0,
        }
    }
}

/// The last publication's chunks, walked alongside the new findings. Entries are numbered
/// across chunks in publication order.
struct Walk {
    old: Vec<Chunk>,
    /// The number of each chunk's first entry.
    starts: Vec<usize>,
    /// How many entries there are.
    len: usize,
    /// The old entry expected next.
    next: usize,
    /// Chunks before this one were passed and let go.
    held: usize,
    /// Where each line's entries start, made when first needed.
    index: Option<rustc_hash::FxHashMap<u64, usize>>,
    /// [`LineIds::watermark`] at the last publication.
    watermark: u64,
    /// [`Document::pass`] of the analysis published.
    pass: u64,
}

impl Walk {
    fn new(old: Vec<Chunk>, watermark: u64, pass: u64) -> Walk {
        let mut starts = Vec::with_capacity(old.len());
        let mut total = 0;
        for chunk in &old {
            starts.push(total);
            total += chunk.entries.len();
        }
        Walk { old, starts, len: total, next: 0, held: 0, index: None, watermark, pass }
    }

    /// The chunk entry `k` is in, and its place there.
    fn place(&self, k: usize) -> (usize, usize) {
        let c = self.starts.partition_point(|&s| s <= k).saturating_sub(1);
        (c, k - self.starts.get(c).copied().unwrap_or(0))
    }

    /// Entry `k` and the JSON of its chunk, if it is still there.
    fn entry(&self, k: usize) -> Option<(&Entry, &[u8])> {
        let (c, i) = self.place(k);
        let chunk = self.old.get(c)?;
        Some((chunk.entries.get(i)?.as_ref()?, &chunk.json))
    }

    /// How entry `k` fits `d` ([`Entry::fit`]), with `k`.
    fn fit(&self, k: usize, d: &Shown<'_>, lines: &LineIds) -> Option<(usize, bool)> {
        let (e, json) = self.entry(k)?;
        Some((k, e.fit(d, self.pass, lines, json)?))
    }

    /// Takes the entry that matches `d`, if there is one, renewed for `d`: the chunk it was
    /// in, the entry, and whether its JSON is `d`'s as it is (else but for line numbers).
    fn take(&mut self, d: &Shown<'_>, lines: &LineIds) -> Option<(usize, Entry, bool)> {
        let line = lines.get(d.range().line);
        let mut found = (self.next..self.len.min(self.next + LOOKAHEAD)).find_map(|k| self.fit(k, d, lines));
        // A line renewed since the last publication has no entries; if the entry expected
        // next is of this line, the finding changed and needs a new one.
        if found.is_none() && line < self.watermark && self.entry(self.next).is_some_and(|(e, _)| e.line != line) {
            // A line's entries lie together: look from the first of them on.
            if self.index.is_none() {
                let mut first = rustc_hash::FxHashMap::default();
                for k in (0..self.len).rev() {
                    if let Some((e, _)) = self.entry(k) {
                        first.insert(e.line, k);
                    }
                }
                self.index = Some(first);
            }
            found = self.index.as_ref().and_then(|index| index.get(&line)).and_then(|&first| {
                (first.max(self.next)..self.len)
                    .take_while(|&k| self.entry(k).is_some_and(|(e, _)| e.line == line))
                    .find_map(|k| self.fit(k, d, lines))
            });
        }
        let (k, as_it_is) = found?;
        self.next = k + 1;
        let (c, i) = self.place(k);
        let mut entry = self.old[c].entries[i].take()?;
        entry.renew(self.pass, d);
        Some((c, entry, as_it_is))
    }

    /// The chunk that starts at the entry expected next, if `diagnostics` begin with its
    /// findings, all on the lines its JSON was written with: it can be shared as it is.
    fn whole_chunk<'a>(&self, mut diagnostics: impl Iterator<Item = Shown<'a>>, lines: &LineIds) -> Option<usize> {
        let c = self.starts.binary_search(&self.next).ok()?;
        let chunk = &self.old[c];
        let same = !chunk.entries.is_empty()
            && chunk.entries.iter().all(|e| {
                let (Some(e), Some(d)) = (e, diagnostics.next()) else { return false };
                e.fit(&d, self.pass, lines, &chunk.json) == Some(true)
            });
        same.then_some(c)
    }

    /// Takes chunk `c` whole (see [`Walk::whole_chunk`]) for `diagnostics`, which begin
    /// with its findings.
    fn take_chunk<'a>(&mut self, c: usize, diagnostics: impl Iterator<Item = Shown<'a>>) -> Chunk {
        let mut chunk = std::mem::replace(&mut self.old[c], Chunk { json: Arc::default(), entries: Vec::new() });
        self.next = self.starts[c] + chunk.entries.len();
        for (e, d) in chunk.entries.iter_mut().flatten().zip(diagnostics) {
            e.renew(self.pass, &d);
        }
        chunk
    }

    /// Lets go of the chunks before `c`: no entry there can be taken any more.
    fn release_before(&mut self, c: usize) {
        while self.held < c {
            self.old[self.held] = Chunk { json: Arc::default(), entries: Vec::new() };
            self.held += 1;
        }
    }
}

/// The chunks of a publication being written: bytes of the last publication wait in a run,
/// so that consecutive unchanged findings are copied in one piece.
struct Chunks {
    done: Vec<Chunk>,
    json: Vec<u8>,
    entries: Vec<Option<Entry>>,
    /// The piece of an old chunk's JSON waiting to be copied: chunk, from, to.
    run: Option<(usize, usize, usize)>,
    /// Findings per chunk, and the bytes to reserve for one.
    size: usize,
    reserve: usize,
}

impl Chunks {
    /// Writes what the run holds.
    fn flush_run(&mut self, old: &[Chunk]) {
        if let Some((c, from, to)) = self.run.take() {
            self.json.extend_from_slice(&old[c].json[from..to]);
        }
    }

    /// Ends the chunk being written, if it holds anything.
    fn seal(&mut self, old: &[Chunk]) {
        self.flush_run(old);
        if !self.entries.is_empty() {
            let mut json = std::mem::replace(&mut self.json, Vec::with_capacity(self.reserve));
            json.shrink_to_fit();
            self.done.push(Chunk { json: Arc::new(json), entries: std::mem::take(&mut self.entries) });
        }
    }

    /// Whether a whole old chunk may follow: not after a chunk being written that is so
    /// small that it had better take the next findings too (chunks would otherwise get
    /// smaller with every edit).
    fn may_share(&self) -> bool {
        self.entries.is_empty() || self.entries.len() >= self.size / 4
    }

    /// Adds `e`'s JSON as it is in old chunk `c`; `e` then points into the new chunk.
    fn copy(&mut self, mut e: Entry, c: usize, old: &[Chunk]) {
        match &mut self.run {
            // Right after the run in the same old chunk (past the comma): the run grows.
            Some((rc, from, to)) if *rc == c && e.at == *to + 1 => {
                let comma = self.json.len() + (*to - *from);
                *to = e.at + e.len;
                e.at = comma + 1;
            }
            _ => {
                self.flush_run(old);
                self.run = Some((c, e.at - 1, e.at + e.len));
                e.at = self.json.len() + 1;
            }
        }
        self.push(e, old);
    }

    /// Starts a finding written anew: its comma.
    fn start_finding(&mut self, old: &[Chunk]) {
        self.flush_run(old);
        self.json.push(b',');
    }

    fn push(&mut self, e: Entry, old: &[Chunk]) {
        self.entries.push(Some(e));
        if self.entries.len() >= self.size {
            self.seal(old);
        }
    }
}

impl DiagnosticCache {
    /// How many findings' JSON it holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.chunks.iter().map(|c| c.entries.len()).sum()
    }

    #[cfg(test)]
    pub fn set_chunk(&mut self, findings: usize) {
        self.chunk = findings.max(1);
    }

    /// The buffers of its chunks, to tell which a publication shares with the last.
    #[cfg(test)]
    pub fn chunk_buffers(&self) -> Vec<Arc<Vec<u8>>> {
        self.chunks.iter().map(|c| Arc::clone(&c.json)).collect()
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
            self.chunks.clear();
            self.wire = Some(wire.fingerprint());
        }
        let mut uri_json = Vec::with_capacity(uri.as_str().len() + 2);
        push_str(&mut uri_json, uri.as_str());
        let mut head = OutFrame::body_buffer(128 + uri_json.len());
        head.extend_from_slice(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
        );
        head.extend_from_slice(&uri_json);
        head.extend_from_slice(b",\"diagnostics\":[");

        let pass = doc.pass();
        let mut walk = Walk::new(std::mem::take(&mut self.chunks), self.watermark, pass);
        // More than the JSON of a finding usually takes (about 250 bytes in the generated
        // drafts), or what the last publication took.
        let bytes: usize = walk.old.iter().map(|c| c.json.len()).sum();
        let per_finding = bytes.checked_div(walk.len).map_or(320, |b| b + 16);
        let reserve = self.chunk.saturating_mul(per_finding);
        let mut out = Chunks {
            done: Vec::new(),
            json: Vec::with_capacity(reserve),
            entries: Vec::new(),
            run: None,
            size: self.chunk,
            reserve,
        };
        let mut diagnostics = doc.diagnostics();
        loop {
            if out.may_share() {
                if let Some(c) = walk.whole_chunk(diagnostics.clone(), lines) {
                    out.seal(&walk.old);
                    let chunk = walk.take_chunk(c, diagnostics.clone());
                    diagnostics.nth(chunk.entries.len() - 1);
                    out.done.push(chunk);
                    walk.release_before(c + 1);
                    continue;
                }
            }
            let Some(d) = diagnostics.next() else { break };
            let d = &d;
            match walk.take(d, lines) {
                Some((c, e, true)) => {
                    out.copy(e, c, &walk.old);
                    // The run is in chunk `c` now, if anywhere.
                    walk.release_before(c);
                }
                Some((c, mut e, false)) => {
                    out.start_finding(&walk.old);
                    e.rewrite(d, &walk.old[c].json, &mut out.json);
                    out.push(e, &walk.old);
                    walk.release_before(c);
                }
                None => {
                    #[cfg(test)]
                    {
                        self.created += 1;
                    }
                    out.start_finding(&walk.old);
                    let e = Entry::new(d, pass, doc, lines, &uri_json, wire, &mut out.json);
                    out.push(e, &walk.old);
                }
            }
        }
        out.seal(&walk.old);
        drop(walk);
        self.chunks = out.done;
        self.watermark = lines.watermark();

        let mut tail = Vec::with_capacity(32);
        tail.push(b']');
        if let Some(v) = version {
            tail.extend_from_slice(b",\"version\":");
            tail.extend_from_slice(v.to_string().as_bytes());
        }
        tail.extend_from_slice(b"}}");
        // The first finding's comma is left out.
        let mut pieces: Vec<(Arc<Vec<u8>>, usize)> =
            self.chunks.iter().enumerate().map(|(k, c)| (Arc::clone(&c.json), usize::from(k == 0))).collect();
        pieces.push((Arc::new(tail), 0));
        OutFrame::seal_pieces(head, pieces)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Diagnostic;

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
        let mut entry = Entry::new(&Shown::as_kept(d), 0, &doc, &lines, b"\"file:///x.txt\"", &wire, &mut first);
        assert!(entry.matches(&Shown::as_kept(d), &lines, &first));
        let mut other = d.clone();
        other.message.push('。');
        assert!(!entry.matches(&Shown::as_kept(&other), &lines, &first));

        let mut moved = d.clone().at_line(12_345);
        moved.related[0].range.line = 7;
        assert!(!entry.same_lines(&Shown::as_kept(&moved)));
        let mut second = b"[{},".to_vec();
        entry.rewrite(&Shown::as_kept(&moved), &first, &mut second);
        assert!(entry.same_lines(&Shown::as_kept(&moved)));
        let json: serde_json::Value = serde_json::from_slice(&second[4..]).expect("JSON");
        assert_eq!(json["message"], d.message);
        assert_eq!(json["range"]["start"], serde_json::json!({ "line": 12_345, "character": 5 }));
        assert_eq!(json["range"]["end"]["line"], 12_345);
        assert_eq!(json["relatedInformation"][0]["location"]["range"]["start"]["line"], 7);
        assert_eq!(json["relatedInformation"][0]["location"]["range"]["end"]["line"], 7);
        assert_eq!(json["relatedInformation"][0]["message"], d.related[0].message.as_str());

        let mut third = Vec::new();
        entry.rewrite(&Shown::as_kept(d), &second, &mut third);
        assert_eq!(third, first[1..], "back where it was");
        assert!(entry.matches(&Shown::as_kept(d), &lines, &third) && entry.same_lines(&Shown::as_kept(d)));
    }

    #[test]
    fn entries_are_renumbered_and_still_match() {
        use crate::text::Span;
        let d = Diagnostic::new(
            crate::analysis::RuleId::NumberingGap,
            Span::new(13, 16).at_line(0),
            "编号不连续：应为“（二）”",
        )
        .with_related(Span::new(0, 6).at_line(0), "上一个同级编号");
        renumbered(&d);
        let escaped =
            Diagnostic::new(crate::analysis::RuleId::NumberingGap, Span::new(13, 16).at_line(0), "引号\"与\\反斜杠")
                .with_related(Span::new(0, 6).at_line(0), "换行\n之后");
        renumbered(&escaped);
    }
}

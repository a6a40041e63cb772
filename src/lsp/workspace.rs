//! The workspace of drafts: an index of the `.txt`/`.md` files under the workspace folder
//! (built in the background, kept current from file events), `citation.conflict` across
//! drafts, and the requests that read across drafts — hover, references, workspace symbols,
//! the target table, the diff. An open document's live text always wins over its file.

use std::borrow::Cow;
use std::path::PathBuf;

use ls_types::*;
use serde_json::Value;

use super::convert;
use super::state::State;
use super::transport::Event;
use crate::document::Document;
use crate::features::diff::{compare, Draft, Report};
use crate::features::hover::{hovered_at, indicator_hover, target_at, Hovered, OtherDraft};
use crate::features::targets_table::rows;
use crate::features::workspace::{index_drafts, DraftSummary, Told};
use crate::files::read_draft;
use crate::text::position::byte_in_line;
use crate::text::{LineSpan, TextPosition};

/// Reads every draft under `root` into the index, on a thread of its own (so that neither
/// `initialized` nor `shutdown` waits for a large folder): each draft's summary goes to the
/// main loop as an event.
pub(super) fn start_indexing(root: PathBuf, events: std::sync::mpsc::Sender<Event>) {
    let index = move || index_drafts(&root, |step| events.send(Event::Index(step)).is_ok());
    if let Err(e) = std::thread::Builder::new().name("workplan-index".to_string()).spawn(index) {
        tracing::error!("cannot start the workspace index: {e}");
    }
}

fn file_name(uri: &Uri) -> String {
    uri.to_file_path()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| uri.as_str().to_string())
}

fn line_link(uri: &Uri) -> impl Fn(usize) -> String + '_ {
    move |line| format!("{}#L{}", uri.as_str(), line + 1)
}

/// The drafts of the index that are not open (those are read live).
fn indexed(state: &State) -> impl Iterator<Item = (&Uri, &DraftSummary)> {
    state.index.iter().filter(|(u, _)| !state.docs.contains_key(*u))
}

/// Summaries of every draft but `except`: open documents from their live text, the rest
/// from the index.
fn other_drafts<'a>(state: &'a State, except: &Uri) -> Vec<(&'a Uri, Cow<'a, DraftSummary>)> {
    let open = state.docs.iter().map(|(u, o)| (u, Cow::Owned(DraftSummary::without_headings(&o.doc))));
    open.chain(indexed(state).map(|(u, s)| (u, Cow::Borrowed(s)))).filter(|(u, _)| *u != except).collect()
}

/// `citation.conflict` and `target.below-last-actual` across the workspace, for an open draft
/// about to be published (its analysis fresh): takes what it tells the others — if that
/// changed, the other open drafts are to be compared with it again — and gives it what the
/// other drafts (open ones live, the rest from the index) tell it ([`Told::elsewhere`]),
/// analysing it again if that changed.
pub(super) fn compare_with_workspace(state: &mut State, uri: &Uri) {
    let Some(open) = state.docs.get_mut(uri) else { return };
    let told = Told::of(&open.doc);
    if told != open.told {
        open.told = told;
        let others: Vec<Uri> = state.docs.keys().filter(|u| *u != uri).cloned().collect();
        others.iter().for_each(|other| state.mark_dirty(other));
    }
    let Some(told) = state.docs.get(uri).map(|o| &o.told) else { return };
    // The other drafts that may tell it something, named and sorted by name (most keystrokes
    // name none of the index's drafts).
    let all = state.docs.iter().map(|(u, o)| (u, &o.told)).chain(indexed(state).map(|(u, s)| (u, &s.told)));
    let mut named: Vec<(String, &Told)> =
        all.filter(|(u, t)| *u != uri && told.hears(t)).map(|(u, t)| (file_name(u), t)).collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let elsewhere = told.elsewhere(&named);
    let Some(open) = state.docs.get_mut(uri) else { return };
    open.doc.set_elsewhere(elsewhere.into());
    open.doc.refresh();
}

/// The line and byte within it that an LSP position points at.
fn byte_at(doc: &Document, pos: Position, state: &State) -> Option<(usize, usize)> {
    byte_in_line(doc.rope(), TextPosition::new(pos.line as usize, pos.character as usize), state.wire.encoding)
}

/// Where a span of a draft is: exact in an open one; drafts not open are not in memory, so
/// the start of the line.
fn range_in(state: &State, uri: &Uri, at: LineSpan) -> Range {
    match state.docs.get(uri) {
        Some(open) => convert::range(&open.doc, at, state.wire.encoding),
        None => convert::line_start(at.line),
    }
}

pub fn hover(state: &State, params: &HoverParams) -> Option<Hover> {
    let uri = &params.text_document_position_params.text_document.uri;
    let doc = &state.docs.get(uri)?.doc;
    let (line, byte) = byte_at(doc, params.text_document_position_params.position, state)?;
    let (markdown, at) = match hovered_at(doc, line, byte)? {
        Hovered::Other(markdown, at) => (markdown, at),
        Hovered::Indicator(t) => {
            let others = other_drafts(state, uri);
            let views: Vec<OtherDraft<'_>> = others
                .iter()
                .map(|(u, s)| OtherDraft { label: file_name(u), link: Box::new(line_link(u)), summary: s.as_ref() })
                .collect();
            let at = t.name_range();
            (indicator_hover(doc, t, &line_link(uri), &views), at)
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: Some(convert::range(doc, at, state.wire.encoding)),
    })
}

/// Every statement of the indicator at the position, in this draft and the others.
pub fn references(state: &State, params: &ReferenceParams) -> Option<Vec<Location>> {
    let uri = &params.text_document_position.text_document.uri;
    let doc = &state.docs.get(uri)?.doc;
    let (line, byte) = byte_at(doc, params.text_document_position.position, state)?;
    let name = target_at(doc, line, byte)?.statement.indicator.clone();
    let here = (uri, Cow::Owned(DraftSummary::without_headings(doc)));
    let mut out = Vec::new();
    for (u, summary) in std::iter::once(here).chain(other_drafts(state, uri)) {
        out.extend(summary.statements_of(&name).map(|s| Location::new(u.clone(), range_in(state, u, s.range))));
    }
    Some(out)
}

#[allow(deprecated)] // `deprecated` is a required field of SymbolInformation.
pub fn workspace_symbols(state: &State, query: &str) -> Vec<SymbolInformation> {
    let mut out = Vec::new();
    let open = state.docs.iter().map(|(u, o)| (u, Cow::Owned(DraftSummary::of(&o.doc))));
    for (uri, summary) in open.chain(indexed(state).map(|(u, s)| (u, Cow::Borrowed(s)))) {
        out.extend(summary.symbols_matching(query).into_iter().map(|(name, heading, at)| SymbolInformation {
            name: name.to_string(),
            kind: if heading { SymbolKind::NAMESPACE } else { SymbolKind::CONSTANT },
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), range_in(state, uri, at)),
            container_name: Some(file_name(uri)),
        }));
    }
    out
}

/// `workplan.targets`: the table of one draft (argument: its URI) or of every draft.
pub fn targets_table(state: &State, args: &[Value]) -> Value {
    let wanted: Option<Uri> = args.first().and_then(Value::as_str).and_then(|s| s.parse().ok());
    let mut uris: Vec<&Uri> = state.docs.keys().chain(indexed(state).map(|(u, _)| u)).collect();
    uris.sort();
    let mut table = Vec::new();
    for uri in uris.into_iter().filter(|u| wanted.as_ref().is_none_or(|w| w == *u)) {
        if let Some(doc) = document(state, uri) {
            table.extend(rows(uri.as_str(), &doc));
        }
    }
    serde_json::to_value(table).unwrap_or(Value::Null)
}

/// A draft of the workspace: its live text if it is open, else read from disk.
fn document<'a>(state: &'a State, uri: &Uri) -> Option<Cow<'a, Document>> {
    match state.docs.get(uri) {
        Some(open) => Some(Cow::Borrowed(&open.doc)),
        None => read_draft(&uri.to_file_path()?).map(Cow::Owned),
    }
}

/// `workplan.diff OLD NEW` (two URIs): the changes from the older draft to the newer, in the
/// `diff --format json` shape; an error message for arguments that are not two readable drafts.
pub fn diff_drafts(state: &State, args: &[Value]) -> Result<Value, String> {
    let uri = |k: usize| -> Result<Uri, String> {
        let text = args.get(k).and_then(Value::as_str).ok_or("workplan.diff 需要两个参数：原稿与新稿的 URI")?;
        text.parse().map_err(|_| format!("不是有效的 URI：{text}"))
    };
    let (old, new) = (uri(0)?, uri(1)?);
    let read = |u: &Uri| document(state, u).ok_or_else(|| format!("无法读取：{}", u.as_str()));
    let (old_doc, new_doc) = (read(&old)?, read(&new)?);
    let changes = compare(&Draft { path: old.as_str(), doc: &old_doc }, &Draft { path: new.as_str(), doc: &new_doc });
    let report = Report { old: old.as_str(), new: new.as_str(), changes: &changes };
    serde_json::to_value(report).map_err(|e| e.to_string())
}

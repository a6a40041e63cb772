//! The workspace of drafts: an index of the `.txt`/`.md` files under the workspace folder
//! (built in the background, kept current from file events), `citation.conflict` across
//! drafts, and the requests that read across drafts — hover, references, workspace symbols,
//! the target table, the diff. An open document's live text always wins over its file.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use ls_types::*;
use serde_json::Value;

use super::convert;
use super::state::{Cited, State};
use super::transport::{Event, Indexing};
use crate::analysis::citations::cited_elsewhere;
use crate::analysis::elsewhere::Elsewhere;
use crate::document::Document;
use crate::features::diff::{compare, Draft, Report};
use crate::features::hover::{indicator_hover, quantity_hover, target_at, OtherDraft};
use crate::features::targets_table::rows;
use crate::features::tasks::{table_row_at, table_row_hover, task_at, task_hover};
use crate::features::workspace::{outturns_elsewhere, DraftSummary, Reported};
use crate::files::{read_draft, walk::workspace_drafts};
use crate::text::position::byte_offset;
use crate::text::{LineSpan, TextPosition};

/// Reads every draft under `root` into the index, on a thread of its own (so that neither
/// `initialized` nor `shutdown` waits for a large folder): each draft's summary goes to the
/// main loop as an event.
pub(super) fn start_indexing(root: PathBuf, events: std::sync::mpsc::Sender<Event>) {
    let index = move || {
        let files = workspace_drafts(&root);
        let _ = events.send(Event::Index(Indexing::Found(files.len())));
        for path in files {
            let (Some(uri), Some(summary)) = (Uri::from_file_path(&path), summarise_file(&path)) else { continue };
            if events.send(Event::Index(Indexing::Read(uri, summary))).is_err() {
                return; // the session is over
            }
        }
        let _ = events.send(Event::Index(Indexing::Done));
    };
    if let Err(e) = std::thread::Builder::new().name("workplan-index".to_string()).spawn(index) {
        tracing::error!("cannot start the workspace index: {e}");
    }
}

/// Reads and summarises one draft from disk; `None` if it is not readable text.
pub(super) fn summarise_file(path: &Path) -> Option<DraftSummary> {
    Some(DraftSummary::of(&read_draft(path)?))
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
/// about to be published (its analysis fresh): takes what it tells the others — its
/// citations, issuer and outturns; if they changed, the other open drafts are to be compared
/// with them again — and gives it what the other drafts (open ones live, the rest from the
/// index) cite under the titles it cites and the outturns of its issuer, analysing it again
/// if that changed.
pub(super) fn compare_with_workspace(state: &mut State, uri: &Uri) {
    let Some(open) = state.docs.get_mut(uri) else { return };
    let (citations, reported) = (open.doc.citations(), Reported::of(&open.doc));
    if citations != open.citations || reported != open.reported {
        (open.citations, open.reported) = (citations, reported);
        let others: Vec<Uri> = state.docs.keys().filter(|u| *u != uri).cloned().collect();
        others.iter().for_each(|other| state.mark_dirty(other));
    }
    let Some(open) = state.docs.get(uri) else { return };
    // The other drafts that cite something while this one does, or report outturns of its
    // issuer, named and sorted by name (most keystrokes name none of the index's drafts).
    let issuer = open.reported.issuer.as_deref();
    let relevant = |c: &[Cited], r: &Reported| {
        (!open.citations.is_empty() && !c.is_empty()) || (issuer.is_some() && r.issuer.as_deref() == issuer)
    };
    let open_ones = state.docs.iter().map(|(u, o)| (u, &o.citations[..], &o.reported));
    let all = open_ones.chain(indexed(state).map(|(u, s)| (u, &s.citations[..], &s.reported)));
    let mut others: Vec<(String, &[Cited], &Reported)> =
        all.filter(|(u, c, r)| *u != uri && relevant(c, r)).map(|(u, c, r)| (file_name(u), c, r)).collect();
    others.sort_by(|a, b| a.0.cmp(&b.0));
    let elsewhere = Elsewhere {
        citations: cited_elsewhere(&open.citations, others.iter().map(|(name, c, _)| (name.as_str(), *c))),
        outturns: outturns_elsewhere(open.reported.issuer.as_deref(), others.iter().map(|(name, _, r)| (name, *r))),
    };
    let Some(open) = state.docs.get_mut(uri) else { return };
    open.doc.set_elsewhere(elsewhere.into());
    open.doc.refresh();
}

/// The byte within its line that an LSP position points at.
fn byte_in_line(doc: &Document, pos: Position, state: &State) -> Option<(usize, usize)> {
    let at = TextPosition::new(pos.line as usize, pos.character as usize);
    let offset = byte_offset(doc.rope(), at, state.encoding).ok()?;
    Some((at.line, offset - doc.rope().line_to_byte(at.line)))
}

/// Where a span of a draft is: exact in an open one; drafts not open are not in memory, so
/// the start of the line.
fn range_in(state: &State, uri: &Uri, at: LineSpan) -> Range {
    match state.docs.get(uri) {
        Some(open) => convert::range(&open.doc, at, state.encoding),
        None => convert::line_start(at.line),
    }
}

pub fn hover(state: &State, params: &HoverParams) -> Option<Hover> {
    let uri = &params.text_document_position_params.text_document.uri;
    let position = params.text_document_position_params.position;
    let doc = &state.docs.get(uri)?.doc;
    let (line, byte) = byte_in_line(doc, position, state)?;
    let indicator = || {
        let t = target_at(doc, line, byte)?;
        let others = other_drafts(state, uri);
        let views: Vec<OtherDraft<'_>> = others
            .iter()
            .map(|(u, s)| OtherDraft { label: file_name(u), link: Box::new(line_link(u)), summary: s.as_ref() })
            .collect();
        let span = t.statement.name.unwrap_or(t.statement.span).at_line(t.line);
        Some((indicator_hover(doc, t, &line_link(uri), &views), convert::range(doc, span, state.encoding)))
    };
    // Over a task's marker or a task table's row, its fields: only where it has some, so
    // that prose plans keep a quiet hover.
    let task = || {
        let task = task_at(doc, line, byte).filter(|t| !t.fields.is_empty())?;
        let marker = doc.analysis().outline.sections.get(task.section).and_then(|s| s.marker);
        let span = marker.unwrap_or_default().at_line(task.line);
        Some((task_hover(&task), convert::range(doc, span, state.encoding)))
    };
    let row = || {
        let row = table_row_at(doc, line).filter(|r| !r.fields.is_empty())?;
        Some((table_row_hover(&row), convert::line_range(doc, line, line, state.encoding)))
    };
    let quantity = || Some((quantity_hover(doc, line, byte)?, Range::new(position, position)));
    let (markdown, range) = indicator().or_else(task).or_else(row).or_else(quantity)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: Some(range),
    })
}

/// Every statement of the indicator at the position, in this draft and the others.
pub fn references(state: &State, params: &ReferenceParams) -> Option<Vec<Location>> {
    let uri = &params.text_document_position.text_document.uri;
    let doc = &state.docs.get(uri)?.doc;
    let (line, byte) = byte_in_line(doc, params.text_document_position.position, state)?;
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
    let query = query.to_lowercase();
    let mut out = Vec::new();
    let open = state.docs.iter().map(|(u, o)| (u, Cow::Owned(DraftSummary::of(&o.doc))));
    for (uri, summary) in open.chain(indexed(state).map(|(u, s)| (u, Cow::Borrowed(s)))) {
        let symbol = |name: String, kind, at| SymbolInformation {
            name,
            kind,
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), range_in(state, uri, at)),
            container_name: Some(file_name(uri)),
        };
        for h in summary.headings.iter().filter(|h| h.name.to_lowercase().contains(&query)) {
            out.push(symbol(h.name.clone(), SymbolKind::NAMESPACE, h.selection));
        }
        let mut seen = std::collections::HashSet::new();
        for s in summary.statements.iter().filter(|s| s.indicator.to_lowercase().contains(&query)) {
            if seen.insert(s.indicator.clone()) {
                out.push(symbol(s.indicator.clone(), SymbolKind::CONSTANT, s.range));
            }
        }
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

//! The workspace of drafts: an index of the `.txt`/`.md` files under the workspace folder
//! (built in the background, kept current from file events), and the requests that read
//! across drafts — hover, references, workspace symbols, the target table. An open
//! document's live text always wins over its file on disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ls_types::*;
use serde_json::Value;

use super::convert;
use super::state::State;
use super::transport::{Event, Indexing};
use crate::document::Document;
use crate::features::diff::{compare, Draft, Report};
use crate::features::hover::{indicator_hover, quantity_hover, target_at, OtherDraft};
use crate::features::targets_table::rows;
use crate::features::tasks::{table_row_at, table_row_hover, task_at, task_hover};
use crate::features::workspace::DraftSummary;
use crate::files::encoding::decode;
use crate::files::is_text_draft;
use crate::files::walk::{self, RealFiles, WalkLimits, WalkProblem};
use crate::syntax::DocumentKind;
use crate::text::position::byte_offset;
use crate::text::TextPosition;

/// Bounds on what the index reads: a workspace is a folder of drafts, not a disk (clients
/// that find no project send `/` or a home folder).
const LIMITS: WalkLimits =
    WalkLimits { files: 2000, entries: 50_000, depth: 12, time: std::time::Duration::from_secs(10) };
const MAX_FILE_BYTES: u64 = 8 << 20;

/// Every draft under `root`, sorted, within [`LIMITS`], walked as `workplan check` walks a
/// folder. A filesystem root is not indexed at all: no drafts are kept there.
pub fn drafts_under(root: &Path) -> Vec<PathBuf> {
    if root.parent().is_none() {
        tracing::warn!("the workspace folder is {}: drafts of other folders are not indexed", root.display());
        return Vec::new();
    }
    let small_draft = |p: &Path| is_text_draft(p) && std::fs::metadata(p).is_ok_and(|m| m.len() <= MAX_FILE_BYTES);
    let (files, problems) = walk::drafts_under(root, small_draft, &mut RealFiles::default(), LIMITS);
    for problem in problems.iter().filter(|p| matches!(p, WalkProblem::Bounded { .. })) {
        tracing::warn!("workspace index of {}: {problem}; {} drafts indexed", root.display(), files.len());
    }
    files
}

/// Reads every draft under `root` into the index, on a thread of its own (so that neither
/// `initialized` nor `shutdown` waits for a large folder): each draft's summary goes to the
/// main loop as an event.
pub(super) fn start_indexing(root: PathBuf, events: std::sync::mpsc::Sender<Event>) {
    let index = move || {
        let files = drafts_under(&root);
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
pub fn summarise_file(path: &Path) -> Option<DraftSummary> {
    let bytes = std::fs::read(path).ok()?;
    let text = decode(bytes).ok()?.text;
    Some(DraftSummary::of(&Document::new(&text, DocumentKind::from_path(&path.display().to_string()))))
}

fn file_name(uri: &Uri) -> String {
    uri.to_file_path()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| uri.as_str().to_string())
}

fn line_link(uri: &Uri) -> impl Fn(usize) -> String + '_ {
    move |line| format!("{}#L{}", uri.as_str(), line + 1)
}

/// Summaries of every draft but `except`: open documents from their live text, the rest
/// from the index.
fn other_drafts<'a>(state: &'a State, except: &Uri) -> Vec<(&'a Uri, std::borrow::Cow<'a, DraftSummary>)> {
    let open = state
        .docs
        .iter()
        .filter(|(u, _)| *u != except)
        .map(|(u, o)| (u, std::borrow::Cow::Owned(DraftSummary::without_headings(&o.doc))));
    let indexed = state
        .index
        .iter()
        .filter(|(u, _)| *u != except && !state.docs.contains_key(*u))
        .map(|(u, s)| (u, std::borrow::Cow::Borrowed(s)));
    open.chain(indexed).collect()
}

/// Takes an open draft's citations from its (fresh) analysis if an edit may have changed
/// them; if they changed, the other open drafts are to be compared with them.
pub(super) fn take_citations(state: &mut State, uri: &Uri) {
    let Some(open) = state.docs.get_mut(uri).filter(|open| open.citations_stale) else { return };
    open.citations_stale = false;
    let citations = open.doc.citations();
    if citations != open.citations {
        open.citations = citations;
        state.citations_epoch += 1;
        let others: Vec<Uri> = state.docs.keys().filter(|u| *u != uri).cloned().collect();
        for other in others {
            state.mark_dirty(&other);
        }
    }
}

/// `citation.conflict` across the workspace: gives an open draft what the other drafts
/// (open ones live, the rest from the index) cite under the titles it cites, and analyses
/// it again if that changed.
pub(super) fn compare_citations(state: &mut State, uri: &Uri) {
    let epoch = state.citations_epoch;
    let Some(open) = state.docs.get(uri) else { return };
    if open.elsewhere_epoch == epoch {
        return;
    }
    let mut others: Vec<(String, &[super::open::Cited])> = state
        .docs
        .iter()
        .filter(|(u, _)| *u != uri)
        .map(|(u, o)| (file_name(u), &o.citations[..]))
        .chain(
            state
                .index
                .iter()
                .filter(|(u, _)| *u != uri && !state.docs.contains_key(*u))
                .map(|(u, s)| (file_name(u), &s.citations[..])),
        )
        .filter(|(_, c)| !c.is_empty())
        .collect();
    others.sort_by(|a, b| a.0.cmp(&b.0));
    let elsewhere = crate::analysis::citations::cited_elsewhere(
        &open.citations,
        others.iter().map(|(name, c)| (name.as_str(), *c)),
    );
    let Some(open) = state.docs.get_mut(uri) else { return };
    open.elsewhere_epoch = epoch;
    open.doc.set_elsewhere(elsewhere.into());
    open.doc.refresh();
}

/// The byte within its line that an LSP position points at.
fn byte_in_line(doc: &Document, pos: Position, state: &State) -> Option<(usize, usize)> {
    let at = TextPosition::new(pos.line as usize, pos.character as usize);
    let offset = byte_offset(doc.rope(), at, state.encoding).ok()?;
    Some((at.line, offset - doc.rope().line_to_byte(at.line)))
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
    let here = DraftSummary::without_headings(doc);
    let mut out: Vec<Location> = here
        .statements_of(&name)
        .map(|s| Location::new(uri.clone(), convert::range(doc, s.range, state.encoding)))
        .collect();
    for (u, summary) in other_drafts(state, uri) {
        for s in summary.statements_of(&name) {
            // Drafts not open are not in memory: point at the line, column 0.
            let range = match state.docs.get(u) {
                Some(o) => convert::range(&o.doc, s.range, state.encoding),
                None => Range::new(Position::new(s.range.line as u32, 0), Position::new(s.range.line as u32, 0)),
            };
            out.push(Location::new(u.clone(), range));
        }
    }
    Some(out)
}

#[allow(deprecated)] // `deprecated` is a required field of SymbolInformation.
pub fn workspace_symbols(state: &State, query: &str) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    let all = state.docs.iter().map(|(u, o)| (u, std::borrow::Cow::Owned(DraftSummary::of(&o.doc)))).chain(
        state
            .index
            .iter()
            .filter(|(u, _)| !state.docs.contains_key(*u))
            .map(|(u, s)| (u, std::borrow::Cow::Borrowed(s))),
    );
    for (uri, summary) in all {
        let at = |span: crate::text::LineSpan| match state.docs.get(uri) {
            Some(o) => convert::range(&o.doc, span, state.encoding),
            None => Range::new(Position::new(span.line as u32, 0), Position::new(span.line as u32, 0)),
        };
        let symbol = |name: String, kind, range| SymbolInformation {
            name,
            kind,
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), range),
            container_name: Some(file_name(uri)),
        };
        for h in summary.headings.iter().filter(|h| h.name.to_lowercase().contains(&query)) {
            out.push(symbol(h.name.clone(), SymbolKind::NAMESPACE, at(h.selection)));
        }
        let mut seen = std::collections::HashSet::new();
        for s in summary.statements.iter().filter(|s| s.indicator.to_lowercase().contains(&query)) {
            if seen.insert(s.indicator.clone()) {
                out.push(symbol(s.indicator.clone(), SymbolKind::CONSTANT, at(s.range)));
            }
        }
    }
    out
}

/// `workplan.targets`: the table of one draft (argument: its URI) or of every draft.
pub fn targets_table(state: &State, args: &[Value]) -> Value {
    let wanted: Option<Uri> = args.first().and_then(Value::as_str).and_then(|s| s.parse().ok());
    let mut table = Vec::new();
    let open: HashMap<&Uri, &Document> = state.docs.iter().map(|(u, o)| (u, &o.doc)).collect();
    let mut uris: Vec<&Uri> =
        open.keys().copied().chain(state.index.keys().filter(|u| !open.contains_key(u))).collect();
    uris.sort();
    for uri in uris.into_iter().filter(|u| wanted.as_ref().is_none_or(|w| w == *u)) {
        if let Some(doc) = document(state, uri) {
            table.extend(rows(uri.as_str(), &doc));
        }
    }
    serde_json::to_value(table).unwrap_or(Value::Null)
}

/// A draft of the workspace: its live text if it is open, else read from disk.
fn document<'a>(state: &'a State, uri: &Uri) -> Option<std::borrow::Cow<'a, Document>> {
    if let Some(open) = state.docs.get(uri) {
        return Some(std::borrow::Cow::Borrowed(&open.doc));
    }
    let path = uri.to_file_path()?;
    let bytes = std::fs::read(&path).ok()?;
    let decoded = decode(bytes).ok()?;
    let name = path.display().to_string();
    Some(std::borrow::Cow::Owned(Document::new(&decoded.text, DocumentKind::from_path(&name))))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The workspace index walks as `workplan check` does: no `node_modules/`, nothing
    /// `.gitignore` excludes, text drafts only.
    #[test]
    fn the_index_walks_as_the_command_line_does() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for f in ["a.txt", "b.md", "c.docx", "node_modules/x/README.md", "old/d.txt"] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, "一、甲").expect("write");
        }
        std::fs::write(root.join(".gitignore"), "old/\n").expect("write");
        let names: Vec<String> =
            drafts_under(root).iter().map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string()).collect();
        assert_eq!(names, ["a.txt", "b.md"]);
    }

    #[test]
    fn a_workspace_rooted_at_the_filesystem_root_is_not_indexed() {
        assert_eq!(drafts_under(Path::new("/")), Vec::<PathBuf>::new());
    }
}

//! Document synchronisation and configuration: the notifications that change what is open,
//! what is on disk and what the settings are. Each marks the documents to publish again;
//! the main loop publishes them once the events in hand are handled.

use ls_types::*;
use serde_json::Value;

use super::convert;
use super::state::{path_of, OpenDocument, State};
use super::transport::Output;
use crate::analysis::Config;
use crate::document::Document;
use crate::features::workspace::DraftSummary;
use crate::files::config::CONFIG_FILE;
use crate::files::is_text_draft;
use crate::syntax::DocumentKind;

fn is_config_uri(uri: &Uri) -> bool {
    uri.as_str().ends_with(&format!("/{CONFIG_FILE}"))
}

/// An unversioned publication (for a closed document or workplan.toml).
fn publish(out: &mut Output, uri: &Uri, diagnostics: Vec<Diagnostic>) {
    out.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams::new(uri.clone(), diagnostics, None));
}

pub(super) fn did_open(state: &mut State, out: &mut Output, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    if is_config_uri(&item.uri) {
        state.config.open_text = Some(item.text);
        return reload_config(state, out);
    }
    // Markdown as the client says, else by its name.
    let kind = match item.language_id.as_str() {
        "markdown" => DocumentKind::Markdown,
        _ => DocumentKind::from_path(item.uri.as_str()),
    };
    let (bytes, started) = (item.text.len(), std::time::Instant::now());
    let doc = Document::from_text(item.text, kind, state.config.for_draft(&path_of(&item.uri)));
    tracing::debug!(
        "opened {}: {bytes} bytes, {} lines, analysed in {:?}",
        item.uri.as_str(),
        doc.line_count(),
        started.elapsed()
    );
    state.docs.insert(item.uri.clone(), OpenDocument::new(doc, item.version));
    state.mark_dirty(&item.uri);
}

pub(super) fn did_change(state: &mut State, out: &mut Output, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let changes: Vec<_> = params.content_changes.into_iter().map(convert::change).collect();
    if is_config_uri(&uri) {
        if state.config.edit_open_text(&changes, state.wire.encoding) {
            reload_config(state, out);
        }
        return;
    }
    let Some(open) = state.docs.get_mut(&uri) else {
        return tracing::warn!("didChange for a document that is not open: {}", uri.as_str());
    };
    for problem in open.edit(&changes, state.wire.encoding) {
        tracing::warn!("{}: {problem}; clamped to the end of the document", uri.as_str());
    }
    open.version = params.text_document.version;
    state.mark_dirty(&uri);
}

pub(super) fn did_save(state: &mut State, out: &mut Output, params: DidSaveTextDocumentParams) {
    let uri = params.text_document.uri;
    if is_config_uri(&uri) {
        return reload_config(state, out);
    }
    // Keep the index's copy in step for when the document is closed.
    if let Some(path) = uri.to_file_path().map(|p| p.into_owned()).filter(|p| is_text_draft(p)) {
        if let Some(summary) = DraftSummary::read(&path) {
            state.index_draft(uri, Some(summary));
        }
    }
}

pub(super) fn did_close(state: &mut State, out: &mut Output, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    if is_config_uri(&uri) {
        state.config.open_text = None;
        return reload_config(state, out);
    }
    state.dirty.retain(|u| *u != uri);
    if let Some(open) = state.docs.remove(&uri) {
        publish(out, &uri, Vec::new());
        // The others now compare with its file on disk, if any.
        if open.told.tells_anything() {
            state.mark_all_dirty();
        }
    }
}

pub(super) fn did_change_watched_files(state: &mut State, out: &mut Output, params: DidChangeWatchedFilesParams) {
    for change in &params.changes {
        let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else { continue };
        if is_text_draft(&path) {
            let summary = if change.typ == FileChangeType::DELETED { None } else { DraftSummary::read(&path) };
            state.index_draft(change.uri.clone(), summary);
        }
    }
    if params.changes.iter().any(|c| is_config_uri(&c.uri)) && state.config.open_text.is_none() {
        reload_config(state, out);
    }
}

/// Applies the client's `workplan` settings section, saying what is wrong with it.
pub(super) fn apply_settings(state: &mut State, out: &mut Output, section: &Value) {
    let (settings, problems) = Config::from_settings(section);
    for p in problems {
        let params = ShowMessageParams { typ: MessageType::WARNING, message: format!("workplan 设置：{p}") };
        out.notify("window/showMessage", params);
    }
    state.config.settings = settings;
    reconfigure_all(state);
}

/// Re-reads workplan.toml (its live text if open, else the disk), re-checks every open
/// document and reports a broken file on the file itself.
pub(super) fn reload_config(state: &mut State, out: &mut Output) {
    let Some(path) = state.config.path() else { return };
    let diagnostics = match state.config.reload() {
        Ok(()) => Vec::new(),
        Err((e, text)) => {
            tracing::warn!("{}: {e}", path.display());
            vec![Diagnostic {
                range: convert::text_range(&text, e.span_in(&text), state.wire.encoding),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("workplan".to_string()),
                message: format!("{e}；在修正之前使用默认设置。"),
                ..Diagnostic::default()
            }]
        }
    };
    if let Some(uri) = Uri::from_file_path(&path) {
        publish(out, &uri, diagnostics);
    }
    reconfigure_all(state);
}

/// Applies the current configuration to every open document, to be published again.
fn reconfigure_all(state: &mut State) {
    for (uri, open) in &mut state.docs {
        open.doc.set_config(state.config.for_draft(&path_of(uri)));
    }
    state.mark_all_dirty();
}

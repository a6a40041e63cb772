//! The LSP backend: open documents, the configuration, and the handlers.
//!
//! tower-lsp-server runs handlers concurrently (interleaved on one task), so state lives
//! behind `std::sync::Mutex`es that are never held across an `.await`.
//!
//! Document notifications (`didOpen`, `didChange`, `didClose`) only queue their operation in
//! the [`Inbox`] and wake the analysis worker, a thread of its own. Whoever locks the state
//! next (the worker, or a request handler) first applies every queued operation, in order;
//! edits keep queueing while the worker analyses, so a burst of edits costs one analysis.
//! The worker then analyses each changed document ([`crate::document::Document::refresh`]),
//! builds its publication straight to bytes ([`super::publish`]) and sends it, still under
//! the state lock, into the one output FIFO ([`super::framing`]). A version with newer
//! edits already queued is not published, and the worker publishes documents in the order
//! of their versions, so diagnostics of an older version never follow a newer one. Requests
//! that read an analysis refresh it first, under the same lock, on a blocking thread (so a
//! long one can be cancelled and does not hold up the messages behind it).
//!
//! Lock order: `state`, then `inbox`.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::capabilities::{negotiate_encoding, server_capabilities, DIFF_COMMAND, TARGETS_COMMAND};
use super::framing::OutFrame;
use super::settings::config_from_settings;
use super::state::{ClientSupport, Op, Output, State, CONFIG_FILE};
use super::{actions, convert, workspace};
use crate::analysis::{Config, ConfigError};
use crate::document::Document;
use crate::features::fixes::all_fixes;
use crate::features::{folding::folding_ranges, symbols::document_symbols};
use crate::syntax::DocumentKind;
use crate::text::PositionEncoding;

#[derive(Default)]
struct Inbox {
    ops: Vec<Op>,
    /// Set when there may be something to publish; the worker clears it.
    wake: bool,
    /// The server is gone: the worker stops.
    closed: bool,
}

/// What the handlers and the analysis worker share.
struct Shared {
    state: Mutex<State>,
    inbox: Mutex<Inbox>,
    wake: Condvar,
    out: Output,
}

impl Shared {
    /// The state with every queued document operation applied.
    fn state(&self) -> MutexGuard<'_, State> {
        let mut state = lock(&self.state);
        let ops = std::mem::take(&mut lock(&self.inbox).ops);
        for op in ops {
            state.apply(op, &self.out);
        }
        state
    }

    /// The state with every open document analysed, for requests that read analyses.
    fn fresh_state(&self) -> MutexGuard<'_, State> {
        let mut state = self.state();
        for open in state.docs.values_mut() {
            open.doc.refresh();
        }
        state
    }

    fn post(&self, op: Op) {
        let mut inbox = lock(&self.inbox);
        inbox.ops.push(op);
        inbox.wake = true;
        self.wake.notify_one();
    }

    fn wake_worker(&self) {
        lock(&self.inbox).wake = true;
        self.wake.notify_one();
    }

    /// Analyses and publishes every changed document, one at a time (handlers may take the
    /// lock in between).
    fn publish_dirty(&self) {
        loop {
            let mut state = self.state();
            if state.dirty.is_empty() {
                return;
            }
            let uri = state.dirty.remove(0);
            let Some(open) = state.docs.get_mut(&uri) else { continue };
            open.doc.refresh();
            // Edits queued during the analysis make this version stale: analyse again first.
            if lock(&self.inbox).ops.iter().any(|op| *op.uri() == uri) {
                state.dirty.push(uri);
                continue;
            }
            workspace::take_citations(&mut state, &uri);
            workspace::compare_citations(&mut state, &uri);
            if let Some(frame) = state.publication(&uri) {
                self.out.send(frame);
            }
        }
    }

    /// The analysis worker's loop: publish whenever woken, until the server is gone.
    fn work(&self) {
        loop {
            {
                let mut inbox = lock(&self.inbox);
                while !inbox.wake && !inbox.closed {
                    inbox = self.wake.wait(inbox).unwrap_or_else(|poisoned| poisoned.into_inner());
                }
                if inbox.closed {
                    return;
                }
                inbox.wake = false;
            }
            // A bug in the analysis must not end publishing for the rest of the session
            // (the document is retried at its next change).
            if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.publish_dirty())).is_err() {
                tracing::error!("the analysis panicked; diagnostics resume with the next change");
            }
        }
    }
}

/// Locks even if a panicking handler poisoned the lock: every mutation is a single call,
/// so the data is still consistent, and serving beats dying.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How long the server waits for the client's settings before going on with its own (a
/// pending request also holds up `exit`, so keep it short: clients answer in milliseconds).
const SETTINGS_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

fn is_config_uri(uri: &Uri) -> bool {
    uri.as_str().ends_with(&format!("/{CONFIG_FILE}"))
}

pub struct Backend {
    client: Client,
    /// Shared with the analysis worker and the background indexer.
    shared: Arc<Shared>,
    /// Whether the analysis worker runs; if its thread could not start, handlers publish.
    worker: bool,
}

impl Drop for Backend {
    fn drop(&mut self) {
        lock(&self.shared.inbox).closed = true;
        self.shared.wake.notify_one();
    }
}

impl Backend {
    /// Starts reading every draft under the workspace folder into the index, in a task of
    /// its own (so `initialized`, and with it `shutdown`, never waits for a large folder),
    /// reporting progress where the client supports it.
    fn start_indexing(&self) {
        let (root, progress) = {
            let state = self.state();
            (state.root.clone(), state.support.progress)
        };
        let Some(root) = root else { return };
        let (client, shared) = (self.client.clone(), Arc::clone(&self.shared));
        tokio::spawn(async move {
            let files = tokio::task::spawn_blocking(move || workspace::drafts_under(&root)).await.unwrap_or_default();
            let token = ProgressToken::String("workplan-index".to_string());
            let ongoing = if progress && !files.is_empty() {
                let create = WorkDoneProgressCreateParams { token: token.clone() };
                let _ = tokio::time::timeout(
                    SETTINGS_TIMEOUT,
                    client.send_request::<request::WorkDoneProgressCreate>(create),
                )
                .await;
                Some(client.progress(token, "workplan：索引工作区草稿").with_percentage(0).begin().await)
            } else {
                None
            };
            let total = files.len().max(1);
            for (i, path) in files.into_iter().enumerate() {
                let Some(uri) = Uri::from_file_path(&path) else { continue };
                let summary =
                    tokio::task::spawn_blocking(move || workspace::summarise_file(&path)).await.ok().flatten();
                if let Some(summary) = summary {
                    if lock(&shared.state).index_draft(uri, Some(summary)) {
                        shared.wake_worker();
                    }
                }
                if let Some(p) = &ongoing {
                    p.report(((i + 1) * 100 / total) as u32).await;
                }
            }
            if let Some(p) = ongoing {
                p.finish().await;
            }
        });
    }

    /// A backend whose publications go to `out` (the output FIFO, written by
    /// [`super::framing::write_output`]). Starts the analysis worker.
    pub(super) fn new(client: Client, out: tokio::sync::mpsc::UnboundedSender<OutFrame>) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::default(),
            inbox: Mutex::default(),
            wake: Condvar::new(),
            out: Output(out),
        });
        let worker = Arc::clone(&shared);
        let started = std::thread::Builder::new().name("workplan-analysis".to_string()).spawn(move || worker.work());
        if let Err(e) = &started {
            tracing::error!("cannot start the analysis thread ({e}); analysing in the handlers");
        }
        Backend { client, shared, worker: started.is_ok() }
    }

    /// The state with every queued document operation applied.
    fn state(&self) -> MutexGuard<'_, State> {
        self.shared.state()
    }

    /// Queues a document operation for the analysis worker.
    fn post(&self, op: Op) {
        self.shared.post(op);
        if !self.worker {
            self.shared.publish_dirty();
        }
    }

    fn wake_worker(&self) {
        self.shared.wake_worker();
        if !self.worker {
            self.shared.publish_dirty();
        }
    }

    /// Runs `f` on the state with queued edits applied and every analysis fresh, on a
    /// blocking thread: a long request (the symbols of a 1 MB draft) does not hold up the
    /// messages behind it, and `$/cancelRequest` answers it at once (the work itself runs
    /// to its end). `None` if `f` panicked.
    async fn read<T: Send + 'static>(&self, f: impl FnOnce(&State) -> T + Send + 'static) -> Option<T> {
        let shared = Arc::clone(&self.shared);
        match tokio::task::spawn_blocking(move || f(&shared.fresh_state())).await {
            Ok(value) => Some(value),
            Err(e) => {
                tracing::error!("a request failed: {e}");
                None
            }
        }
    }

    /// Runs `f` (as [`Backend::read`] does) on an open document with the negotiated
    /// encoding; `None` if it is not open.
    async fn with_doc<T: Send + 'static>(
        &self,
        uri: Uri,
        f: impl FnOnce(&Document, PositionEncoding) -> T + Send + 'static,
    ) -> Option<T> {
        self.read(move |state| state.docs.get(&uri).map(|open| f(&open.doc, state.encoding))).await.flatten()
    }

    /// Re-reads workplan.toml (its live text if open, else the disk), re-checks every open
    /// document and reports a broken file on the file itself.
    fn reload_config(&self) {
        {
            let mut state = self.state();
            let Some(path) = state.config_path() else { return };
            let text = state.config_text.clone().or_else(|| std::fs::read_to_string(&path).ok());
            let parsed = text.as_deref().map(Config::from_toml).transpose();
            let config_uri = Uri::from_file_path(&path);
            let diagnostics = match parsed {
                Ok(file) => {
                    state.file = file.unwrap_or_default();
                    Vec::new()
                }
                Err(e) => {
                    tracing::warn!("{}: {e}", path.display());
                    state.file = Config::default();
                    vec![config_problem(text.as_deref().unwrap_or(""), &e, state.encoding)]
                }
            };
            if let Some(uri) = config_uri {
                self.shared.out.publish(&uri, diagnostics);
            }
            Self::reconfigure_all(&mut state);
        }
        self.wake_worker();
    }

    /// Applies the current configuration to every open document, to be published again.
    fn reconfigure_all(state: &mut State) {
        let uris: Vec<Uri> = state.docs.keys().cloned().collect();
        for uri in &uris {
            let config = state.config_for(uri);
            if let Some(open) = state.docs.get_mut(uri) {
                open.doc.set_config(config);
            }
            state.mark_dirty(uri);
        }
    }

    /// Asks the client for its `workplan` settings section and applies it.
    async fn pull_settings(&self) {
        if !self.state().support.pull_configuration {
            return;
        }
        let item = ConfigurationItem { scope_uri: None, section: Some("workplan".to_string()) };
        // A client that never answers must not keep the server from shutting down.
        match tokio::time::timeout(SETTINGS_TIMEOUT, self.client.configuration(vec![item])).await {
            Ok(Ok(values)) => self.apply_settings(values.into_iter().next().unwrap_or(Value::Null)).await,
            Ok(Err(e)) => tracing::warn!("workspace/configuration failed: {e}"),
            Err(_) => tracing::warn!("workspace/configuration: no answer within {SETTINGS_TIMEOUT:?}"),
        }
    }

    async fn apply_settings(&self, section: Value) {
        let (settings, problems) = config_from_settings(&section);
        for p in problems {
            self.client.show_message(MessageType::WARNING, format!("workplan 设置：{p}")).await;
        }
        {
            let mut state = self.state();
            state.settings = settings;
            Self::reconfigure_all(&mut state);
        }
        self.wake_worker();
    }
}

/// One diagnostic on workplan.toml saying what is wrong with it.
fn config_problem(text: &str, e: &ConfigError, enc: PositionEncoding) -> Diagnostic {
    let rope = ropey::Rope::from_str(text);
    // Point at the offending text: the parser's span, else where the rule is named.
    let named = |code: &str| text.find(&format!("\"{code}\"")).map(|i| i..i + code.len() + 2);
    let span = match e {
        ConfigError::Syntax { span: Some(span), .. } => Some(span.clone()),
        ConfigError::UnknownRule(code) | ConfigError::BadSetting { code, .. } => named(code),
        ConfigError::BadRangeStyle(_) => text.find("range-style").map(|i| i..i + "range-style".len()),
        ConfigError::BadTerm(_) => text.find("[[term]]").map(|i| i..i + "[[term]]".len()),
        ConfigError::Syntax { span: None, .. } => None,
    }
    .unwrap_or(0..0);
    let at = |byte: usize| {
        let byte = byte.min(rope.len_bytes());
        let line = rope.byte_to_line(byte);
        let col = crate::text::position::column(&rope, line, byte - rope.line_to_byte(line), enc);
        Position::new(line as u32, col as u32)
    };
    Diagnostic {
        range: Range::new(at(span.start), at(span.end)),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("workplan".to_string()),
        message: format!("{e}；在修正之前使用默认设置。"),
        ..Diagnostic::default()
    }
}

fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref().and_then(|f| f.first()).map(|f| f.uri.clone());
    #[allow(deprecated)] // older clients send only rootUri
    let uri = folder.or_else(|| params.root_uri.clone())?;
    uri.to_file_path().map(|p| p.into_owned())
}

fn client_support(caps: &ClientCapabilities) -> ClientSupport {
    let ws = caps.workspace.as_ref();
    let publish = caps.text_document.as_ref().and_then(|t| t.publish_diagnostics.as_ref());
    ClientSupport {
        code_description: publish.and_then(|p| p.code_description_support).unwrap_or(false),
        related_information: publish.and_then(|p| p.related_information).unwrap_or(false),
        pull_configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        progress: caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        watch_files: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        create_files: ws.and_then(|w| w.workspace_edit.as_ref()).is_some_and(|e| {
            e.document_changes == Some(true)
                && e.resource_operations.as_ref().is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
        }),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params.capabilities);
        {
            let mut state = self.state();
            state.encoding = encoding;
            state.root = workspace_root(&params);
            state.support = client_support(&params.capabilities);
            state.rule_pages = crate::files::rule_pages::rule_pages()
                .into_iter()
                .filter_map(|(code, path)| Some((code, Uri::from_file_path(&path)?)))
                .collect();
        }
        if let Some(settings) = params.initialization_options.as_ref().and_then(|o| o.get("workplan").or(Some(o))) {
            let (config, _) = config_from_settings(settings);
            self.state().settings = config;
        }
        Ok(InitializeResult {
            capabilities: server_capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "workplan".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.reload_config();
        if self.state().support.watch_files {
            let registration = Registration {
                id: "workplan-config".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                    watchers: [format!("**/{CONFIG_FILE}"), "**/*.txt".to_string(), "**/*.md".to_string()]
                        .into_iter()
                        .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob), kind: None })
                        .collect(),
                })
                .ok(),
            };
            // Not awaited inline: a client that never answers must not hold up the session.
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(e) = client.register_capability(vec![registration]).await {
                    tracing::warn!("cannot watch {CONFIG_FILE}: {e}");
                }
            });
        }
        self.start_indexing();
        self.pull_settings().await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        if is_config_uri(&item.uri) {
            self.state().config_text = Some(item.text);
            return self.reload_config();
        }
        self.post(Op::Open { uri: item.uri, text: item.text, language_id: item.language_id, version: item.version });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let changes: Vec<_> = params.content_changes.into_iter().map(convert::change).collect();
        if is_config_uri(&uri) {
            let updated = {
                let mut state = self.state();
                let encoding = state.encoding;
                match state.config_text.take() {
                    Some(text) => {
                        let mut doc = Document::new(&text, DocumentKind::PlainText);
                        doc.edit(&changes, encoding);
                        state.config_text = Some(doc.text());
                        true
                    }
                    None => false,
                }
            };
            if updated {
                self.reload_config();
            }
            return;
        }
        self.post(Op::Change { uri, version: params.text_document.version, changes });
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if is_config_uri(&uri) {
            return self.reload_config();
        }
        // Keep the index's copy in step for when the document is closed.
        if let Some(path) = uri.to_file_path().map(|p| p.into_owned()).filter(|p| crate::files::is_text_draft(p)) {
            if let Some(summary) = workspace::summarise_file(&path) {
                if self.state().index_draft(uri, Some(summary)) {
                    self.wake_worker();
                }
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if is_config_uri(&uri) {
            self.state().config_text = None;
            return self.reload_config();
        }
        self.post(Op::Close { uri });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match params.settings.get("workplan") {
            Some(section) => self.apply_settings(section.clone()).await,
            None => self.pull_settings().await,
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        for change in &params.changes {
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else { continue };
            if !crate::files::is_text_draft(&path) {
                continue;
            }
            let summary = if change.typ == FileChangeType::DELETED { None } else { workspace::summarise_file(&path) };
            if self.state().index_draft(change.uri.clone(), summary) {
                self.wake_worker();
            }
        }
        if params.changes.iter().any(|c| is_config_uri(&c.uri)) && self.state().config_text.is_none() {
            self.reload_config();
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        Ok(self.read(move |state| workspace::hover(state, &params)).await.flatten())
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        Ok(self.read(move |state| workspace::references(state, &params)).await.flatten())
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let symbols = self.read(move |state| workspace::workspace_symbols(state, &params.query)).await;
        Ok(symbols.map(WorkspaceSymbolResponse::Flat))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        match params.command.as_str() {
            TARGETS_COMMAND => Ok(self.read(move |state| workspace::targets_table(state, &params.arguments)).await),
            DIFF_COMMAND => match self.read(move |state| workspace::diff_drafts(state, &params.arguments)).await {
                Some(Ok(report)) => Ok(Some(report)),
                Some(Err(message)) => Err(tower_lsp_server::jsonrpc::Error::invalid_params(message)),
                None => Ok(None),
            },
            other => Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!("unknown command {other}"))),
        }
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        Ok(self
            .with_doc(params.text_document.uri, |doc, enc| {
                let symbols = document_symbols(doc).iter().map(|s| convert::document_symbol(doc, s, enc)).collect();
                DocumentSymbolResponse::Nested(symbols)
            })
            .await)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(self
            .with_doc(params.text_document.uri, |doc, _| {
                folding_ranges(doc).into_iter().map(|(a, b)| convert::folding_range(a, b)).collect()
            })
            .await)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(self.read(move |state| actions::code_actions(state, &params)).await.flatten())
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        Ok(self
            .with_doc(params.text_document.uri, |doc, enc| {
                all_fixes(doc).iter().map(|r| convert::text_edit(doc, r, enc)).collect()
            })
            .await)
    }
}

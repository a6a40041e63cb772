//! The LSP backend: open documents, the configuration, and the handlers.
//!
//! tower-lsp-server runs handlers concurrently, so every handler that changes a document
//! applies the change and computes what it will publish inside one `std::sync::Mutex`
//! critical section with no `.await`, and publishing is serialised so that diagnostics of
//! an older version are never sent after a newer one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::capabilities::{negotiate_encoding, server_capabilities, FIX_ALL, TARGETS_COMMAND};
use super::settings::config_from_settings;
use super::{actions, convert, docs, workspace};
use crate::analysis::{Config, ConfigError};
use crate::document::Document;
use crate::features::fixes::all_fixes;
use crate::features::workspace::DraftSummary;
use crate::features::{folding::folding_ranges, symbols::document_symbols};
use crate::syntax::DocumentKind;
use crate::text::PositionEncoding;

const CONFIG_FILE: &str = "workplan.toml";

pub(super) struct OpenDocument {
    pub doc: Document,
    pub version: i32,
}

/// What the client can do that changes what we send.
#[derive(Default, Clone, Copy)]
pub(super) struct ClientSupport {
    /// `codeDescription` and `relatedInformation` are sent only to clients that take them.
    pub code_description: bool,
    pub related_information: bool,
    pub pull_configuration: bool,
    pub progress: bool,
    pub watch_files: bool,
    pub create_files: bool,
}

#[derive(Default)]
pub(super) struct State {
    pub encoding: PositionEncoding,
    pub docs: HashMap<Uri, OpenDocument>,
    pub root: Option<PathBuf>,
    pub support: ClientSupport,
    /// From the client's `workplan` settings.
    settings: Config,
    /// From workplan.toml, when it exists and is valid.
    file: Config,
    /// workplan.toml's live text while the editor has it open (it wins over the disk).
    pub config_text: Option<String>,
    rule_pages: HashMap<&'static str, Uri>,
    /// Drafts of the workspace read from disk (open documents are read live instead).
    pub index: HashMap<Uri, DraftSummary>,
}

impl State {
    pub fn config_path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(CONFIG_FILE))
    }

    /// The configuration for one open document: settings overlaid by the file, narrowed to
    /// the ignore entries that name it.
    fn config_for(&self, uri: &Uri) -> Arc<Config> {
        let merged = self.settings.overlaid_by(&self.file);
        Arc::new(merged.for_file(&relative_path(self.root.as_deref(), uri)))
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How long the server waits for the client's settings before going on with its own (a
/// pending request also holds up `exit`, so keep it short: clients answer in milliseconds).
const SETTINGS_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// A document's path relative to the workspace root, as ignore entries name files.
pub(super) fn relative_path(root: Option<&Path>, uri: &Uri) -> String {
    let path = uri.to_file_path().map(|p| p.into_owned()).unwrap_or_else(|| PathBuf::from(uri.as_str()));
    let relative = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(&path);
    relative.to_string_lossy().replace('\\', "/")
}

fn is_config_uri(uri: &Uri) -> bool {
    uri.as_str().ends_with(&format!("/{CONFIG_FILE}"))
}

pub struct Backend {
    client: Client,
    /// Shared with the background indexer.
    state: Arc<Mutex<State>>,
    /// Held while checking that a version is still current and sending its diagnostics.
    publishing: tokio::sync::Mutex<()>,
}

/// Diagnostics ready to send for one version of one document (`None`: not versioned).
struct Publication {
    uri: Uri,
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
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
        let (client, state) = (self.client.clone(), Arc::clone(&self.state));
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
                    lock(&state).index.insert(uri, summary);
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

    pub fn new(client: Client) -> Self {
        Backend { client, state: Arc::default(), publishing: tokio::sync::Mutex::new(()) }
    }

    /// The state, even if a panicking handler poisoned the lock: the documents are still
    /// consistent (every mutation is a single call) and serving beats dying.
    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    fn publication(state: &State, uri: &Uri) -> Option<Publication> {
        let open = state.docs.get(uri)?;
        let diagnostics = open
            .doc
            .analysis()
            .diagnostics
            .iter()
            .map(|d| {
                let docs = state.rule_pages.get(d.code).filter(|_| state.support.code_description);
                let mut diagnostic = convert::diagnostic(&open.doc, uri, d, state.encoding, docs);
                if !state.support.related_information {
                    diagnostic.related_information = None;
                }
                diagnostic
            })
            .collect();
        Some(Publication { uri: uri.clone(), version: Some(open.version), diagnostics })
    }

    async fn publish(&self, publications: impl IntoIterator<Item = Publication>) {
        let _turn = self.publishing.lock().await;
        for p in publications {
            let current = p.version.is_none() || self.state().docs.get(&p.uri).map(|o| o.version) == p.version;
            if current {
                self.client.publish_diagnostics(p.uri, p.diagnostics, p.version).await;
            }
        }
    }

    /// Runs `f` on an open document with the negotiated encoding; `None` if it is not open.
    fn with_doc<T>(&self, uri: &Uri, f: impl FnOnce(&Document, PositionEncoding) -> T) -> Option<T> {
        let state = self.state();
        let enc = state.encoding;
        state.docs.get(uri).map(|o| f(&o.doc, enc))
    }

    /// Re-reads workplan.toml (its live text if open, else the disk), re-checks every open
    /// document and reports a broken file on the file itself.
    async fn reload_config(&self) {
        let publications = {
            let mut state = self.state();
            let Some(path) = state.config_path() else { return };
            let text = state.config_text.clone().or_else(|| std::fs::read_to_string(&path).ok());
            let parsed = text.as_deref().map(Config::from_toml).transpose();
            let config_uri = Uri::from_file_path(&path);
            let mut out = Vec::new();
            match parsed {
                Ok(file) => {
                    state.file = file.unwrap_or_default();
                    out.extend(config_uri.map(|uri| Publication { uri, version: None, diagnostics: Vec::new() }));
                }
                Err(e) => {
                    tracing::warn!("{}: {e}", path.display());
                    state.file = Config::default();
                    let diagnostic = config_problem(text.as_deref().unwrap_or(""), &e, state.encoding);
                    out.extend(config_uri.map(|uri| Publication { uri, version: None, diagnostics: vec![diagnostic] }));
                }
            }
            out.extend(Self::reconfigure_all(&mut state));
            out
        };
        self.publish(publications).await;
    }

    fn reconfigure_all(state: &mut State) -> Vec<Publication> {
        let uris: Vec<Uri> = state.docs.keys().cloned().collect();
        for uri in &uris {
            let config = state.config_for(uri);
            if let Some(open) = state.docs.get_mut(uri) {
                open.doc.set_config(config);
            }
        }
        uris.iter().filter_map(|u| Self::publication(state, u)).collect()
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
        let publications = {
            let mut state = self.state();
            state.settings = settings;
            Self::reconfigure_all(&mut state)
        };
        self.publish(publications).await;
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

fn kind_of(uri: &Uri, language_id: &str) -> DocumentKind {
    if language_id == "markdown" {
        DocumentKind::Markdown
    } else {
        DocumentKind::from_path(uri.as_str())
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
            state.rule_pages = docs::rule_pages();
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
        self.reload_config().await;
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
            return self.reload_config().await;
        }
        let publication = {
            let mut state = self.state();
            let config = state.config_for(&item.uri);
            let doc = Document::with_config(&item.text, kind_of(&item.uri, &item.language_id), config);
            state.docs.insert(item.uri.clone(), OpenDocument { doc, version: item.version });
            Self::publication(&state, &item.uri)
        };
        self.publish(publication).await;
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
                        doc.apply_changes(&changes, encoding);
                        state.config_text = Some(doc.text());
                        true
                    }
                    None => false,
                }
            };
            if updated {
                self.reload_config().await;
            }
            return;
        }
        let publication = {
            let mut state = self.state();
            let encoding = state.encoding;
            let Some(open) = state.docs.get_mut(&uri) else {
                tracing::warn!("didChange for a document that is not open: {}", uri.as_str());
                return;
            };
            for problem in open.doc.apply_changes(&changes, encoding) {
                tracing::warn!("{}: {problem}; clamped to the end of the document", uri.as_str());
            }
            open.version = params.text_document.version;
            Self::publication(&state, &uri)
        };
        self.publish(publication).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if is_config_uri(&uri) {
            return self.reload_config().await;
        }
        // Keep the index's copy in step for when the document is closed.
        if let Some(path) = uri.to_file_path().map(|p| p.into_owned()).filter(|p| workspace::is_draft(p)) {
            if let Some(summary) = workspace::summarise_file(&path) {
                self.state().index.insert(uri, summary);
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if is_config_uri(&uri) {
            self.state().config_text = None;
            return self.reload_config().await;
        }
        let was_open = self.state().docs.remove(&uri).is_some();
        if was_open {
            self.publish([Publication { uri, version: None, diagnostics: Vec::new() }]).await;
        }
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
            if !workspace::is_draft(&path) {
                continue;
            }
            let summary = if change.typ == FileChangeType::DELETED { None } else { workspace::summarise_file(&path) };
            let mut state = self.state();
            match summary {
                Some(s) => state.index.insert(change.uri.clone(), s),
                None => state.index.remove(&change.uri),
            };
        }
        if params.changes.iter().any(|c| is_config_uri(&c.uri)) && self.state().config_text.is_none() {
            self.reload_config().await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        Ok(workspace::hover(&self.state(), &params))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        Ok(workspace::references(&self.state(), &params))
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        Ok(Some(WorkspaceSymbolResponse::Flat(workspace::workspace_symbols(&self.state(), &params.query))))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        match params.command.as_str() {
            TARGETS_COMMAND => Ok(Some(workspace::targets_table(&self.state(), &params.arguments))),
            other => Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!("unknown command {other}"))),
        }
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        Ok(self.with_doc(&params.text_document.uri, |doc, enc| {
            let symbols = document_symbols(doc).iter().map(|s| convert::document_symbol(doc, s, enc)).collect();
            DocumentSymbolResponse::Nested(symbols)
        }))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(self.with_doc(&params.text_document.uri, |doc, _| {
            folding_ranges(doc).into_iter().map(|(a, b)| convert::folding_range(a, b)).collect()
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let state = self.state();
        Ok(actions::code_actions(&state, &params))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        Ok(self.with_doc(&params.text_document.uri, |doc, enc| {
            all_fixes(doc).iter().map(|r| convert::text_edit(doc, r, enc)).collect()
        }))
    }
}

/// The code action kind of “fix all”, for the capabilities.
pub(super) fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new(FIX_ALL)
}

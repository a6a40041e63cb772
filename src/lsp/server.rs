//! The LSP backend: open documents, their analyses, and the handlers.
//!
//! tower-lsp-server runs handlers concurrently, so every handler that changes a document
//! applies the change and computes what it will publish inside one `std::sync::Mutex`
//! critical section with no `.await`, and publishing is serialised so that diagnostics of
//! an older version are never sent after a newer one.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::capabilities::{negotiate_encoding, server_capabilities};
use super::convert;
use crate::document::Document;
use crate::features::{folding::folding_ranges, symbols::document_symbols};
use crate::syntax::DocumentKind;
use crate::text::PositionEncoding;

struct OpenDocument {
    doc: Document,
    version: i32,
}

#[derive(Default)]
struct State {
    encoding: PositionEncoding,
    docs: HashMap<Uri, OpenDocument>,
}

pub struct Backend {
    client: Client,
    state: Mutex<State>,
    /// Held while checking that a version is still current and sending its diagnostics.
    publishing: tokio::sync::Mutex<()>,
}

/// Diagnostics ready to send for one version of one document.
struct Publication {
    uri: Uri,
    version: i32,
    diagnostics: Vec<Diagnostic>,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Backend { client, state: Mutex::default(), publishing: tokio::sync::Mutex::new(()) }
    }

    /// The state, even if a panicking handler poisoned the lock: the documents are still
    /// consistent (every mutation is a single call) and serving beats dying.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn publication(state: &State, uri: &Uri) -> Option<Publication> {
        let open = state.docs.get(uri)?;
        let diagnostics = open
            .doc
            .analysis()
            .diagnostics
            .iter()
            .map(|d| convert::diagnostic(&open.doc, uri, d, state.encoding))
            .collect();
        Some(Publication { uri: uri.clone(), version: open.version, diagnostics })
    }

    async fn publish(&self, p: Option<Publication>) {
        let Some(p) = p else { return };
        let _turn = self.publishing.lock().await;
        let current = self.state().docs.get(&p.uri).map(|o| o.version);
        if current == Some(p.version) {
            self.client.publish_diagnostics(p.uri, p.diagnostics, Some(p.version)).await;
        }
    }

    /// Runs `f` on an open document with the negotiated encoding; `None` if it is not open.
    fn with_doc<T>(&self, uri: &Uri, f: impl FnOnce(&Document, PositionEncoding) -> T) -> Option<T> {
        let state = self.state();
        let enc = state.encoding;
        state.docs.get(uri).map(|o| f(&o.doc, enc))
    }
}

fn kind_of(uri: &Uri, language_id: &str) -> DocumentKind {
    if language_id == "markdown" {
        DocumentKind::Markdown
    } else {
        DocumentKind::from_path(uri.as_str())
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params.capabilities);
        self.state().encoding = encoding;
        Ok(InitializeResult {
            capabilities: server_capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "workplan".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            ..InitializeResult::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let publication = {
            let mut state = self.state();
            let doc = Document::new(&item.text, kind_of(&item.uri, &item.language_id));
            state.docs.insert(item.uri.clone(), OpenDocument { doc, version: item.version });
            Self::publication(&state, &item.uri)
        };
        self.publish(publication).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let changes: Vec<_> = params.content_changes.into_iter().map(convert::change).collect();
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

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let was_open = self.state().docs.remove(&uri).is_some();
        if was_open {
            let _turn = self.publishing.lock().await;
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
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
}

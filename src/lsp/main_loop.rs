//! The one main loop: it owns the state and handles every event in order of arrival.
//!
//! It takes everything queued at once before it publishes, so a burst of edits costs one
//! analysis, and a request cancelled while it waited is answered as cancelled. Then it
//! analyses each changed document and publishes it; publications go out in the order of
//! the versions they are of, so diagnostics of an older version never follow a newer one.
//! Requests that read an analysis refresh it first.

use std::collections::HashSet;
use std::sync::mpsc::{Receiver, Sender};

use ls_types::*;
use lsp_server::{ErrorCode, Message, Notification, ReqQueue, Request, RequestId, Response};
use serde_json::{json, Value};

use super::capabilities::{client_support, server_capabilities, wire};
use super::requests::decode as params;
use super::state::State;
use super::transport::{Event, Output};
use super::{requests, sync, workspace};
use crate::features::workspace::Indexing;
use crate::files::config::CONFIG_FILE;

/// Where the session is in the protocol's lifecycle.
#[derive(PartialEq)]
enum Phase {
    Uninitialized,
    Running,
    ShutDown,
}

/// What an answer from the client is for.
enum Pending {
    Settings,
    Progress,
    Other,
}

struct Server {
    state: State,
    out: Output,
    /// For the indexer's events.
    events: Sender<Event>,
    phase: Phase,
    /// Our requests to the client that it has not answered yet.
    asked: ReqQueue<(), Pending>,
    /// Whether the index's progress is reported: `Some(false)` until the client has created
    /// the token, `Some(true)` after.
    progress: Option<bool>,
}

/// Handles events until `exit` or the end of the input; returns whether `shutdown` came first.
pub(super) fn run(events: Receiver<Event>, indexer: Sender<Event>, out: Output) -> bool {
    let mut server = Server {
        state: State::default(),
        out,
        events: indexer,
        phase: Phase::Uninitialized,
        asked: ReqQueue::default(),
        progress: None,
    };
    let mut inbox = Inbox { events, ahead: None };
    while let Some(batch) = inbox.batch() {
        let cancelled: HashSet<RequestId> = batch.iter().filter_map(cancelled_id).collect();
        for event in batch {
            match event {
                Event::End => return server.phase == Phase::ShutDown,
                Event::Message(Message::Notification(n)) if n.method == "exit" => {
                    return server.phase == Phase::ShutDown;
                }
                Event::Message(Message::Request(r)) if cancelled.contains(&r.id) => {
                    server.out.respond(r.id, Err((ErrorCode::RequestCanceled, "请求已取消".into())));
                }
                event => server.guarded(|server| server.handle(event)),
            }
        }
        if !inbox.waiting() {
            server.guarded(|server| server.publish_dirty(&mut inbox));
        }
    }
    server.phase == Phase::ShutDown
}

/// The events, with one read ahead: nothing is published while more are queued, so that a
/// burst of edits costs one analysis and one publication.
struct Inbox {
    events: Receiver<Event>,
    ahead: Option<Event>,
}

impl Inbox {
    fn waiting(&mut self) -> bool {
        if self.ahead.is_none() {
            self.ahead = self.events.try_recv().ok();
        }
        self.ahead.is_some()
    }

    /// Every event queued, after waiting for one if none is; `None` once the reader is gone.
    fn batch(&mut self) -> Option<Vec<Event>> {
        let first = match self.ahead.take() {
            Some(event) => event,
            None => self.events.recv().ok()?,
        };
        Some(std::iter::once(first).chain(self.events.try_iter()).collect())
    }
}

/// The id of a `$/cancelRequest`.
fn cancelled_id(event: &Event) -> Option<RequestId> {
    match event {
        Event::Message(Message::Notification(n)) if n.method == "$/cancelRequest" => {
            serde_json::from_value(n.params.get("id")?.clone()).ok()
        }
        _ => None,
    }
}

impl Server {
    /// Runs `f`; a bug in it must not end the session (a document is analysed again at its
    /// next change).
    fn guarded(&mut self, f: impl FnOnce(&mut Server)) {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self))).is_err() {
            tracing::error!("a handler panicked; the session goes on");
        }
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::Message(Message::Request(r)) => self.request(r),
            Event::Message(Message::Notification(n)) => self.notification(n),
            Event::Message(Message::Response(r)) => self.response(r),
            Event::Unreadable(reply) => self.out.send(&reply),
            Event::Index(indexing) => self.indexing(indexing),
            Event::End => {}
        }
    }

    fn request(&mut self, Request { id, method, params: p }: Request) {
        let result = match (&self.phase, method.as_str()) {
            (Phase::Uninitialized, "initialize") => params(p).map(|p| self.initialize(p)),
            (Phase::Uninitialized, _) => Err((ErrorCode::ServerNotInitialized, "服务器尚未初始化".into())),
            (Phase::ShutDown, _) => Err((ErrorCode::InvalidRequest, "服务器已关闭".into())),
            (Phase::Running, "initialize") => Err((ErrorCode::InvalidRequest, "服务器已初始化".into())),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            // A bug in one request must not leave the client waiting for its answer.
            (Phase::Running, _) => {
                let answer = || requests::handle(&mut self.state, &method, p);
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(answer))
                    .unwrap_or_else(|_| Err((ErrorCode::InternalError, format!("{method} 处理失败"))))
            }
        };
        self.out.respond(id, result);
    }

    fn notification(&mut self, Notification { method, params: p }: Notification) {
        if self.phase == Phase::Uninitialized {
            return; // dropped, as LSP asks
        }
        let done = match method.as_str() {
            "initialized" => {
                self.initialized();
                Ok(())
            }
            "textDocument/didOpen" => params(p).map(|p| sync::did_open(&mut self.state, &mut self.out, p)),
            "textDocument/didChange" => params(p).map(|p| sync::did_change(&mut self.state, &mut self.out, p)),
            "textDocument/didSave" => params(p).map(|p| sync::did_save(&mut self.state, &mut self.out, p)),
            "textDocument/didClose" => params(p).map(|p| sync::did_close(&mut self.state, &mut self.out, p)),
            "workspace/didChangeWatchedFiles" => {
                params(p).map(|p| sync::did_change_watched_files(&mut self.state, &mut self.out, p))
            }
            "workspace/didChangeConfiguration" => {
                params(p).map(|p: DidChangeConfigurationParams| match p.settings.get("workplan") {
                    Some(section) => sync::apply_settings(&mut self.state, &mut self.out, section),
                    None => self.pull_settings(),
                })
            }
            _ => Ok(()), // `$/cancelRequest` was seen with its batch; others are not ours
        };
        if let Err((_, e)) = done {
            tracing::warn!("{method}: {e}");
        }
    }

    fn response(&mut self, response: Response) {
        match (self.asked.outgoing.complete(response.id.clone()), response.result) {
            (Some(Pending::Settings), Some(Value::Array(values))) => {
                let section = values.into_iter().next().unwrap_or(Value::Null);
                sync::apply_settings(&mut self.state, &mut self.out, &section);
            }
            (Some(Pending::Progress), Some(_)) => {
                if let Some(shown) = &mut self.progress {
                    *shown = true;
                    let begin = WorkDoneProgressBegin {
                        title: "workplan：索引工作区草稿".into(),
                        percentage: Some(0),
                        ..WorkDoneProgressBegin::default()
                    };
                    self.progress_report(WorkDoneProgress::Begin(begin));
                }
            }
            (_, None) => tracing::warn!("the client answered request {} with an error", response.id),
            _ => {}
        }
    }

    /// Sends a request to the client; its answer comes back as an event.
    fn ask(&mut self, method: &str, params: impl serde::Serialize, pending: Pending) {
        self.out.message(self.asked.outgoing.register(method.to_string(), params, pending));
    }

    fn initialize(&mut self, params: InitializeParams) -> Value {
        let state = &mut self.state;
        state.wire = wire(&params.capabilities);
        state.config.root = workspace_root(&params);
        state.support = client_support(&params.capabilities);
        if let Some(settings) = params.initialization_options.as_ref().and_then(|o| o.get("workplan").or(Some(o))) {
            state.config.settings = crate::analysis::Config::from_settings(settings).0;
        }
        self.phase = Phase::Running;
        let client = params.client_info.as_ref();
        let (name, version) = client.map_or(("?", None), |c| (c.name.as_str(), c.version.as_deref()));
        let (encoding, root) = (state.wire.encoding, &state.config.root);
        tracing::info!("initialize: client {name} {version:?}, positions {encoding:?}, workspace {root:?}");
        json!(InitializeResult {
            capabilities: server_capabilities(state.wire.encoding),
            server_info: Some(ServerInfo {
                name: "workplan".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            ..InitializeResult::default()
        })
    }

    fn initialized(&mut self) {
        sync::reload_config(&mut self.state, &mut self.out);
        if self.state.support.watch_files {
            let watchers = [format!("**/{CONFIG_FILE}"), "**/*.txt".to_string(), "**/*.md".to_string()]
                .into_iter()
                .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob), kind: None })
                .collect();
            let registration = Registration {
                id: "workplan-config".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions { watchers }).ok(),
            };
            self.ask(
                "client/registerCapability",
                RegistrationParams { registrations: vec![registration] },
                Pending::Other,
            );
        }
        if let Some(root) = self.state.config.root.clone() {
            workspace::start_indexing(root, self.events.clone());
        }
        self.pull_settings();
    }

    /// Asks the client for its `workplan` settings section (applied when it answers).
    fn pull_settings(&mut self) {
        if self.state.support.pull_configuration {
            let item = ConfigurationItem { scope_uri: None, section: Some("workplan".to_string()) };
            self.ask("workspace/configuration", ConfigurationParams { items: vec![item] }, Pending::Settings);
        }
    }

    fn indexing(&mut self, indexing: Indexing) {
        match indexing {
            Indexing::Found(total) => {
                if self.state.support.progress && total > 0 {
                    self.progress = Some(false);
                    let create = WorkDoneProgressCreateParams { token: token() };
                    self.ask("window/workDoneProgress/create", create, Pending::Progress);
                }
            }
            Indexing::Read(path, summary) => {
                if let Some(uri) = Uri::from_file_path(&path) {
                    self.state.index_draft(uri, Some(summary));
                }
            }
            Indexing::Percent(percent) => {
                if self.progress == Some(true) {
                    let report = WorkDoneProgressReport { percentage: Some(percent), ..Default::default() };
                    self.progress_report(WorkDoneProgress::Report(report));
                }
            }
            Indexing::Done => {
                tracing::info!("workspace index done: {} drafts", self.state.index.len());
                if self.progress.take() == Some(true) {
                    self.progress_report(WorkDoneProgress::End(WorkDoneProgressEnd::default()));
                }
            }
        }
    }

    fn progress_report(&mut self, value: WorkDoneProgress) {
        let params = ProgressParams { token: token(), value: ProgressParamsValue::WorkDone(value) };
        self.out.notify("$/progress", params);
    }

    /// Analyses and publishes every changed document, one at a time and
    /// in the order they changed (citations taken from one may mark others), unless events
    /// come in meanwhile: they may supersede the version analysed, so they go first.
    fn publish_dirty(&mut self, inbox: &mut Inbox) {
        while let Some(uri) = self.state.dirty.first().cloned() {
            if let Some(open) = self.state.docs.get_mut(&uri) {
                open.doc.refresh();
            }
            if inbox.waiting() {
                return;
            }
            self.state.dirty.remove(0);
            workspace::compare_with_workspace(&mut self.state, &uri);
            if let Some(body) = self.state.publication(&uri) {
                tracing::debug!("publishDiagnostics {}: {} bytes", uri.as_str(), body.len());
                self.out.send(body);
            }
        }
    }
}

/// The token of the index's progress.
fn token() -> ProgressToken {
    ProgressToken::String("workplan-index".to_string())
}

fn workspace_root(params: &InitializeParams) -> Option<std::path::PathBuf> {
    let folder = params.workspace_folders.as_ref().and_then(|f| f.first()).map(|f| f.uri.clone());
    #[allow(deprecated)] // older clients send only rootUri
    let uri = folder.or_else(|| params.root_uri.clone())?;
    uri.to_file_path().map(|p| p.into_owned())
}

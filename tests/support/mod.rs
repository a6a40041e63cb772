//! A small in-process LSP client for integration tests.
//!
//! [`TestClient::start`] runs `workplan::lsp::serve` on a tokio task, connected to the client
//! by two `tokio::io::duplex` pipes. The client writes `Content-Length` framed JSON-RPC
//! messages, matches responses to request ids, keeps the notifications it receives (above all
//! `textDocument/publishDiagnostics`) until a test asks for them, and answers every
//! server→client request with a `null` result so the server never waits on us.
//!
//! Every wait is bounded by [`TIMEOUT`]: a broken or hung server fails the test with a
//! message saying what was awaited, never hangs it.
//!
//! Messages are plain `serde_json::Value`s. [`Encoding`] computes LSP positions in any
//! negotiated position encoding, so tests derive expected ranges from the text instead of
//! hard-coding columns.

#![allow(dead_code)] // Each test binary uses its own subset of the helpers.

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{timeout_at, Instant};

/// The longest any single wait (a response, a notification, the server's exit) may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Capacity of each in-memory pipe; large messages simply stream through it.
const PIPE_CAPACITY: usize = 64 * 1024;

/// A URI for a test document (`name` should be plain ASCII, e.g. `gap.txt`).
pub fn uri(name: &str) -> String {
    format!("file:///workplan-tests/{name}")
}

/// An LSP position encoding, with the arithmetic tests need to compute expected positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    pub const ALL: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

    /// The `PositionEncodingKind` string.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    pub fn from_name(name: &str) -> Option<Encoding> {
        Encoding::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The length of `s` in this encoding's code units.
    pub fn len(self, s: &str) -> u32 {
        let n = match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.encode_utf16().count(),
            Encoding::Utf32 => s.chars().count(),
        };
        u32::try_from(n).expect("test text fits in u32")
    }

    /// The LSP position (`{"line", "character"}`) of byte offset `byte` of `text`. Lines
    /// break at `\n`, `\r\n` and a lone `\r`, as in LSP.
    pub fn position(self, text: &str, byte: usize) -> Value {
        let before = &text[..byte];
        let (mut line, mut line_start) = (0u32, 0usize);
        let bytes = text.as_bytes();
        for (i, &b) in before.as_bytes().iter().enumerate() {
            let breaks = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if breaks {
                line += 1;
                line_start = i + 1;
            }
        }
        json!({ "line": line, "character": self.len(&before[line_start..]) })
    }

    /// The range of bytes `start..end` of `text`.
    pub fn range(self, text: &str, start: usize, end: usize) -> Value {
        json!({ "start": self.position(text, start), "end": self.position(text, end) })
    }

    /// The range of the `nth` (0-based) occurrence of `needle` in `text`.
    pub fn range_of(self, text: &str, needle: &str, nth: usize) -> Value {
        let start = byte_of(text, needle, nth);
        self.range(text, start, start + needle.len())
    }

    /// The position just before the `nth` occurrence of `needle` in `text`.
    pub fn position_of(self, text: &str, needle: &str, nth: usize) -> Value {
        self.position(text, byte_of(text, needle, nth))
    }
}

/// The byte offset of the `nth` (0-based) occurrence of `needle` in `text`; panics if absent.
pub fn byte_of(text: &str, needle: &str, nth: usize) -> usize {
    text.match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("occurrence {nth} of {needle:?} not found in {text:?}"))
        .0
}

/// A ranged content change for `textDocument/didChange`.
pub fn edit(range: Value, text: &str) -> Value {
    json!({ "range": range, "text": text })
}

/// A whole-document content change for `textDocument/didChange`.
pub fn full_text(text: &str) -> Value {
    json!({ "text": text })
}

/// `Content-Length` framing of one message body.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Reads one framed message; `None` at end of stream.
async fn read_frame<R: tokio::io::AsyncBufRead + Unpin>(reader: &mut R) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).await.ok()? == 0 {
            return None;
        }
        let header = header.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse::<usize>().expect("numeric Content-Length from the server"));
            }
        }
    }
    let mut body = vec![0; length.expect("the server sent a message without Content-Length")];
    reader.read_exact(&mut body).await.ok()?;
    Some(body)
}

/// Writes every frame it is given, in order, until told to close (`None`), the channel
/// closes or the pipe breaks; dropping the writer then ends the server's input.
async fn write_frames<W: AsyncWrite + Unpin>(mut writer: W, mut frames: mpsc::UnboundedReceiver<Option<Vec<u8>>>) {
    while let Some(Some(frame)) = frames.recv().await {
        if writer.write_all(&frame).await.is_err() || writer.flush().await.is_err() {
            break;
        }
    }
}

pub struct TestClient {
    /// Frames to send to the server (written by a task, so the reader can answer requests).
    outgoing: mpsc::UnboundedSender<Option<Vec<u8>>>,
    /// Every message from the server, in arrival order.
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Notifications received while waiting for something else, oldest first.
    notifications: VecDeque<Value>,
    /// Requests the server sent (each already answered with a null result).
    pub server_requests: Vec<Value>,
    /// Responses to no request the client was waiting for (e.g. a parse error, id null).
    pub stray_responses: Vec<Value>,
    next_id: i64,
    server: Option<JoinHandle<bool>>,
    /// The `positionEncoding` the server chose in `initialize` (UTF-16 until then).
    pub encoding: Encoding,
}

impl TestClient {
    /// Starts a server over in-memory pipes. Nothing is sent yet.
    pub fn start() -> TestClient {
        let (client_writer, server_input) = tokio::io::duplex(PIPE_CAPACITY);
        let (server_output, client_reader) = tokio::io::duplex(PIPE_CAPACITY);
        let server = tokio::spawn(workplan::lsp::serve(server_input, server_output));

        let (outgoing, frames) = mpsc::unbounded_channel::<Option<Vec<u8>>>();
        tokio::spawn(write_frames(client_writer, frames));

        let (incoming_tx, incoming) = mpsc::unbounded_channel::<Value>();
        let answer = outgoing.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(client_reader);
            while let Some(body) = read_frame(&mut reader).await {
                let message: Value = serde_json::from_slice(&body).unwrap_or_else(
                    |e| json!({ "unparsable": String::from_utf8_lossy(&body), "error": e.to_string() }),
                );
                if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
                    // A server→client request: answer at once so the server never blocks on us.
                    let reply = json!({ "jsonrpc": "2.0", "id": id, "result": null });
                    let _ = answer.send(Some(frame(reply.to_string().as_bytes())));
                }
                if incoming_tx.send(message).is_err() {
                    break;
                }
            }
        });

        TestClient {
            outgoing,
            incoming,
            notifications: VecDeque::new(),
            server_requests: Vec::new(),
            stray_responses: Vec::new(),
            next_id: 0,
            server: Some(server),
            encoding: Encoding::Utf16,
        }
    }

    /// Starts a server and initializes it with the given client capabilities.
    pub async fn initialized(capabilities: Value) -> TestClient {
        let mut client = TestClient::start();
        client.initialize(capabilities).await;
        client
    }

    /// Starts a server and initializes it offering these position encodings, in order.
    pub async fn with_encodings(encodings: &[&str]) -> TestClient {
        TestClient::initialized(json!({
            "general": { "positionEncodings": encodings },
            "textDocument": { "publishDiagnostics": { "relatedInformation": true, "codeDescriptionSupport": true } }
        }))
        .await
    }

    /// Starts a server and initializes it offering exactly `encoding`; checks it was chosen.
    pub async fn with_encoding(encoding: Encoding) -> TestClient {
        let client = TestClient::with_encodings(&[encoding.name()]).await;
        assert_eq!(client.encoding, encoding, "the server did not accept the only encoding offered");
        client
    }

    /// `initialize` then `initialized`; returns the `initialize` result and records the
    /// negotiated position encoding.
    pub async fn initialize(&mut self, capabilities: Value) -> Value {
        self.initialize_with(
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities, "clientInfo": { "name": "workplan-tests" } }),
        )
        .await
    }

    /// `initialize` with the whole params object (workspace folders, options), then
    /// `initialized`.
    pub async fn initialize_with(&mut self, params: Value) -> Value {
        let result = self.call("initialize", params).await;
        let negotiated = result.pointer("/capabilities/positionEncoding").and_then(Value::as_str).unwrap_or("utf-16");
        self.encoding =
            Encoding::from_name(negotiated).unwrap_or_else(|| panic!("unknown positionEncoding {negotiated:?}"));
        self.notify("initialized", json!({}));
        result
    }

    // ---- raw messaging -------------------------------------------------------------------

    /// Sends raw bytes (for malformed-input tests).
    pub fn send_raw(&self, bytes: Vec<u8>) {
        self.outgoing.send(Some(bytes)).expect("the client's writer task has stopped");
    }

    /// Closes the server's input, as a client that goes away without `exit` would.
    pub fn disconnect(&self) {
        let _ = self.outgoing.send(None);
    }

    fn send(&self, message: Value) {
        self.send_raw(frame(message.to_string().as_bytes()));
    }

    /// Sends a notification; `Value::Null` params are left out of the message.
    pub fn notify(&self, method: &str, params: Value) {
        self.send(message(None, method, params));
    }

    /// Sends a request and returns its id without waiting; `Value::Null` params are left out.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(message(Some(id), method, params));
        id
    }

    /// The next message from the server, or a panic naming `what` after `deadline`.
    async fn receive(&mut self, deadline: Instant, what: &str) -> Value {
        match timeout_at(deadline, self.incoming.recv()).await {
            Ok(Some(message)) => message,
            Ok(None) => panic!("the server closed the connection while the client waited for {what}"),
            Err(_) => panic!(
                "timed out after {TIMEOUT:?} waiting for {what}; notifications pending: {:#?}",
                self.notifications
            ),
        }
    }

    /// Waits for the response to request `id` (the whole message: `result` or `error`),
    /// keeping the notifications that arrive meanwhile.
    pub async fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        let what = format!("the response to request {id}");
        loop {
            let message = self.receive(deadline, &what).await;
            if message.get("method").is_none() && message.get("id") == Some(&json!(id)) {
                return message;
            }
            self.keep(message);
        }
    }

    /// Sends a request and waits for the whole response message.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id).await
    }

    /// Sends a request and returns its `result`; panics on an error response.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        response
            .get("result")
            .cloned()
            .unwrap_or_else(|| panic!("{method}: a response with neither result nor error: {response}"))
    }

    /// Files a message nobody is waiting for yet: a notification, a server request or a
    /// stray response.
    fn keep(&mut self, message: Value) {
        match (message.get("method").is_some(), message.get("id").is_some()) {
            (true, false) => self.notifications.push_back(message),
            (true, true) => self.server_requests.push(message),
            (false, _) => self.stray_responses.push(message),
        }
    }

    /// Removes and returns the first notification (received or still to come) that
    /// satisfies `matches`; older notifications also satisfying `stale` are dropped.
    pub async fn wait_notification(
        &mut self,
        what: &str,
        matches: impl Fn(&Value) -> bool,
        stale: impl Fn(&Value) -> bool,
    ) -> Value {
        if let Some(i) = self.notifications.iter().position(&matches) {
            let found = self.notifications.remove(i).expect("index from position");
            let mut older = self.notifications.split_off(0);
            let newer = older.split_off(i);
            self.notifications = older.into_iter().filter(|n| !stale(n)).chain(newer).collect();
            return found;
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline, what).await;
            if message.get("id").is_none() && matches(&message) {
                self.notifications.retain(|n| !stale(n));
                return message;
            }
            self.keep(message);
        }
    }

    /// Removes and returns the oldest notification, waiting for one if none is pending.
    pub async fn next_notification(&mut self, what: &str) -> Value {
        if let Some(n) = self.notifications.pop_front() {
            return n;
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline, what).await;
            if message.get("method").is_some() && message.get("id").is_none() {
                return message;
            }
            self.keep(message);
        }
    }

    /// Every notification received so far and not yet consumed (without waiting).
    pub fn pending_notifications(&self) -> &VecDeque<Value> {
        &self.notifications
    }

    /// Whether a `publishDiagnostics` for `uri` has arrived and not been consumed.
    pub fn has_pending_diagnostics(&self, uri: &str) -> bool {
        self.notifications.iter().any(|n| is_publish_for(n, uri))
    }

    // ---- text document synchronisation ----------------------------------------------------

    pub fn open(&self, uri: &str, text: &str, version: i64) {
        self.open_as(uri, "plaintext", text, version);
    }

    pub fn open_as(&self, uri: &str, language_id: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language_id, "version": version, "text": text } }),
        );
    }

    /// `didChange` with the given content changes (see [`edit`] and [`full_text`]), applied
    /// by the server in order.
    pub fn change(&self, uri: &str, version: i64, changes: Vec<Value>) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    pub fn close(&self, uri: &str) {
        self.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    }

    /// The diagnostics published for `uri` at `version`. Earlier publications for `uri`
    /// (older versions) are discarded.
    pub async fn wait_diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let what = format!("publishDiagnostics for {uri} version {version}");
        let params = self
            .wait_notification(
                &what,
                |n| is_publish_for(n, uri) && n.pointer("/params/version") == Some(&json!(version)),
                |n| is_publish_for(n, uri),
            )
            .await["params"]
            .take();
        diagnostics_of(&params)
    }

    /// Waits until a publication for `uri` at `version` has exactly these codes (settings
    /// changes republish the same version, possibly more than once).
    pub async fn wait_codes(&mut self, uri: &str, version: i64, codes: &[&str]) {
        let what = format!("publishDiagnostics for {uri} version {version} with codes {codes:?}");
        let wanted: Vec<Value> = codes.iter().map(|c| json!(c)).collect();
        self.wait_notification(
            &what,
            |n| {
                is_publish_for(n, uri)
                    && n.pointer("/params/version") == Some(&json!(version))
                    && n.pointer("/params/diagnostics")
                        .and_then(Value::as_array)
                        .is_some_and(|d| d.iter().map(|d| d["code"].clone()).collect::<Vec<_>>() == wanted)
            },
            |n| is_publish_for(n, uri),
        )
        .await;
    }

    /// The diagnostics published for `uri` without a version (as after `didClose`).
    pub async fn wait_unversioned_diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let what = format!("unversioned publishDiagnostics for {uri}");
        let params = self
            .wait_notification(
                &what,
                |n| is_publish_for(n, uri) && n.pointer("/params/version").is_none_or(Value::is_null),
                |n| is_publish_for(n, uri),
            )
            .await["params"]
            .take();
        diagnostics_of(&params)
    }

    // ---- requests ------------------------------------------------------------------------

    pub async fn document_symbols(&mut self, uri: &str) -> Value {
        self.call("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } })).await
    }

    pub async fn folding_ranges(&mut self, uri: &str) -> Value {
        self.call("textDocument/foldingRange", json!({ "textDocument": { "uri": uri } })).await
    }

    // ---- shutdown ------------------------------------------------------------------------

    /// Waits until the server task ends (after `exit`, or when its input closes).
    /// Waits for the server to stop; whether the session had a `shutdown` before its end
    /// (the process's exit code is 0 then, 1 otherwise).
    pub async fn wait_server_exit(&mut self) -> bool {
        let server = self.server.take().expect("the server was already awaited");
        match tokio::time::timeout(TIMEOUT, server).await {
            Ok(Ok(shut_down)) => shut_down,
            Ok(Err(e)) => panic!("the server task failed: {e}"),
            Err(_) => panic!("the server did not stop within {TIMEOUT:?}"),
        }
    }

    /// `shutdown` (checking its null result), then `exit`, then waits for the server to stop.
    pub async fn shutdown_and_exit(mut self) {
        let result = self.call("shutdown", Value::Null).await;
        assert_eq!(result, Value::Null, "shutdown result");
        self.notify("exit", Value::Null);
        assert!(self.wait_server_exit().await, "the session ended after shutdown");
    }
}

/// A JSON-RPC request (with an id) or notification.
fn message(id: Option<i64>, method: &str, params: Value) -> Value {
    let mut m = json!({ "jsonrpc": "2.0", "method": method });
    if let Some(id) = id {
        m["id"] = json!(id);
    }
    if !params.is_null() {
        m["params"] = params;
    }
    m
}

fn is_publish_for(n: &Value, uri: &str) -> bool {
    n["method"] == "textDocument/publishDiagnostics" && n.pointer("/params/uri") == Some(&json!(uri))
}

fn diagnostics_of(params: &Value) -> Vec<Value> {
    params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("publishDiagnostics without a diagnostics array: {params}"))
}

//! Between the client and the main loop: a reader thread turns frames ([`super::frames_in`])
//! into [`Event`]s, and [`Output`] frames what the main loop sends.
//!
//! A body that is not a JSON-RPC message is not the end of the session: it becomes an
//! [`Event::Unreadable`] carrying the error the main loop answers it with (LSP asks for
//! that, and a client's stray write must not cost the session).

use std::io::{Read, Write};
use std::sync::mpsc::Sender;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError};
use serde::Serialize;
use serde_json::{json, Value};

use super::frames_in::{Frame, FrameReader};
use crate::features::workspace::Indexing;

/// What the main loop handles, in order of arrival.
pub(super) enum Event {
    Message(Message),
    /// A frame that is no JSON-RPC message, and the error response it gets (its body).
    Unreadable(Vec<u8>),
    /// From the workspace indexer (see `workspace::start_indexing`).
    Index(Indexing),
    /// The client's input ended.
    End,
}

/// Reads frames from `input` until it ends; each becomes an event.
pub(super) fn read(input: impl Read, events: &Sender<Event>) {
    let mut reader = FrameReader::new(input);
    loop {
        let event = match reader.next() {
            Ok(Some(Frame::Body(body))) => decode(&body),
            Ok(Some(Frame::Unusable(why))) => {
                tracing::warn!("dropped a frame: {why}");
                Event::Unreadable(error_reply(Value::Null, ErrorCode::ParseError, &format!("无法读取的消息：{why}")))
            }
            Ok(None) => break,
            Err(e) => {
                tracing::warn!("client input ended: {e}");
                break;
            }
        };
        if events.send(event).is_err() {
            return; // the session is over
        }
    }
    let _ = events.send(Event::End);
}

/// `Some` for a member that is present, even as `null` (for `result`, `null` is a value).
fn present<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    T::deserialize(d).map(Some)
}

/// A client message as it is written, decoded in one pass. It refuses what JSON-RPC
/// refuses: duplicate members, ids other than integers and strings, a `method` that is
/// not a string.
#[derive(serde::Deserialize)]
struct Raw {
    jsonrpc: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default, deserialize_with = "present")]
    id: Option<RequestId>,
    #[serde(default)]
    params: Value,
    #[serde(default, deserialize_with = "present")]
    result: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    error: Option<ResponseError>,
    /// Other members. Flattened rather than skipped, because serde_json skips a value without
    /// checking it (invalid UTF-8, a lone surrogate, a number out of range) and such a body is
    /// not JSON; flattening also refuses the array form serde accepts for a struct.
    #[serde(flatten)]
    _others: serde::de::IgnoredAny,
}

fn decode(body: &[u8]) -> Event {
    let Ok(raw) = serde_json::from_slice::<Raw>(body) else { return Event::Unreadable(diagnose(body)) };
    let Raw { jsonrpc, method, id, params, result, error, .. } = raw;
    Event::Message(match (jsonrpc == "2.0", id, method) {
        (true, Some(id), Some(method)) => Message::Request(Request { id, method, params }),
        (true, None, Some(method)) => Message::Notification(Notification { method, params }),
        (true, Some(id), None) if result.is_some() || error.is_some() => {
            Message::Response(Response { id, result, error })
        }
        (_, id, _) => return Event::Unreadable(not_a_message(id.map_or(Value::Null, |id| json!(id)))),
    })
}

/// The reply to a body that [`Raw`] cannot decode.
fn diagnose(body: &[u8]) -> Vec<u8> {
    match serde_json::from_slice::<Value>(body) {
        Err(e) => {
            tracing::warn!("dropped a frame that is not JSON: {e}");
            error_reply(Value::Null, ErrorCode::ParseError, &format!("消息不是合法的 JSON：{e}"))
        }
        Ok(v) => {
            tracing::warn!("dropped a frame that is not a JSON-RPC 2.0 message");
            let id = v.get("id").filter(|id| serde_json::from_value::<RequestId>((*id).clone()).is_ok());
            not_a_message(id.cloned().unwrap_or(Value::Null))
        }
    }
}

fn not_a_message(id: Value) -> Vec<u8> {
    error_reply(id, ErrorCode::InvalidRequest, "消息不是 JSON-RPC 2.0 请求、通知或响应")
}

/// An error response's body; `id` is `null` when the request's own could not be read (which
/// `lsp_server`'s `Response` cannot say).
fn error_reply(id: Value, code: ErrorCode, message: &str) -> Vec<u8> {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code as i32, "message": message } }).to_string().into_bytes()
}

/// The client's end: each message is framed and written as it is sent. A client gone away
/// is no matter here: the reader finds the end of its input.
pub(super) struct Output(pub Box<dyn Write>);

impl Output {
    /// Writes a body with its header (publications are written as bytes).
    pub fn send(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let written = self.0.write_all(header.as_bytes()).and_then(|()| self.0.write_all(body));
        if let Err(e) = written.and_then(|()| self.0.flush()) {
            tracing::warn!("cannot write to the client: {e}");
        }
    }

    pub fn message(&mut self, message: impl Into<Message>) {
        if let Err(e) = message.into().write(&mut self.0) {
            tracing::warn!("cannot write to the client: {e}");
        }
    }

    pub fn notify(&mut self, method: &str, params: impl Serialize) {
        self.message(Notification::new(method.to_string(), params));
    }

    pub fn respond(&mut self, id: RequestId, result: Result<Value, (ErrorCode, String)>) {
        self.message(match result {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        });
    }
}

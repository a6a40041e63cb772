//! A tolerant LSP transport in front of tower-lsp-server.
//!
//! The library stops reading for good after one frame it cannot decode, and rejects a
//! `Content-Type` header without a charset. DESIGN.md wants malformed input answered with an
//! error while the server keeps serving, so frames are read here first: headers are matched
//! case-insensitively, bodies that are not JSON-RPC messages are answered with a JSON-RPC
//! error, and only well-formed messages reach the library, re-framed.
//!
//! ```text
//! client ──► screen_input ──► library ──► relay_output ──► client
//!                 └── error responses ──────┘
//! ```

use serde_json::{json, Value};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Larger bodies are read and dropped: they cannot be a document anyone edits.
const MAX_BODY: usize = 512 << 20;
/// Longer header lines are not LSP headers.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// One framed message body, or the reason there is none.
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`, or a body over the limit (already skipped).
    Unusable(String),
}

/// Reads one frame; `None` at the end of the input.
async fn read_frame<R: AsyncBufRead + Unpin>(r: &mut R) -> std::io::Result<Option<Frame>> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = (&mut *r).take(MAX_HEADER_LINE).read_until(b'\n', &mut line).await?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank lines between frames
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(len) = length else { return Ok(Some(Frame::Unusable("missing or invalid Content-Length".into()))) };
    if len > MAX_BODY {
        tokio::io::copy(&mut (&mut *r).take(len as u64), &mut tokio::io::sink()).await?;
        return Ok(Some(Frame::Unusable(format!("message of {len} bytes is over the limit of {MAX_BODY}"))));
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).await?;
    Ok(Some(Frame::Body(body)))
}

fn framed(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_response(id: Value, code: i64, message: &str) -> Vec<u8> {
    framed(json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }).to_string().as_bytes())
}

/// The shape the library decodes, checked strictly here: duplicate keys and ids that are
/// not integers or strings would make the library stop reading.
#[derive(serde::Deserialize)]
#[allow(dead_code)] // fields exist to be validated, not read
struct Envelope {
    jsonrpc: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    id: Option<EnvelopeId>,
    #[serde(default)]
    params: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    result: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    error: Option<serde::de::IgnoredAny>,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum EnvelopeId {
    Number(i64),
    Text(String),
}

/// Whether a parsed body is a JSON-RPC 2.0 request, notification or response.
fn is_message(v: &Value) -> bool {
    let Some(o) = v.as_object() else { return false };
    let version_ok = o.get("jsonrpc").and_then(Value::as_str) == Some("2.0");
    let request = o.get("method").is_some_and(Value::is_string);
    let response = o.contains_key("id") && (o.contains_key("result") || o.contains_key("error"));
    version_ok && (request || response)
}

/// Copies well-formed messages from the client to the library; answers the rest.
pub async fn screen_input<I, W>(input: I, mut to_server: W, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(input);
    loop {
        let frame = match read_frame(&mut reader).await {
            Ok(Some(f)) => f,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!("client input ended: {e}");
                return;
            }
        };
        let reply = match frame {
            Frame::Unusable(why) => {
                tracing::warn!("dropped a frame: {why}");
                Some(error_response(Value::Null, -32700, &format!("无法读取的消息：{why}")))
            }
            Frame::Body(body) => match serde_json::from_slice::<Value>(&body) {
                Err(e) => {
                    tracing::warn!("dropped a frame that is not JSON: {e}");
                    Some(error_response(Value::Null, -32700, &format!("消息不是合法的 JSON：{e}")))
                }
                Ok(v) if !is_message(&v) || serde_json::from_slice::<Envelope>(&body).is_err() => {
                    tracing::warn!("dropped a frame that is not a JSON-RPC 2.0 message");
                    let id = v.get("id").filter(|id| id.is_i64() || id.is_string()).cloned().unwrap_or(Value::Null);
                    Some(error_response(id, -32600, "消息不是 JSON-RPC 2.0 请求、通知或响应"))
                }
                // `$/` requests the library leaves unanswered; LSP wants MethodNotFound.
                Ok(v)
                    if v.get("id").is_some()
                        && v.get("method").and_then(Value::as_str).is_some_and(|m| m.starts_with("$/")) =>
                {
                    let id = v.get("id").cloned().unwrap_or(Value::Null);
                    Some(error_response(id, -32601, "不支持的请求"))
                }
                Ok(_) => {
                    if to_server.write_all(&framed(&body)).await.is_err() {
                        return; // the library has stopped (after `exit`)
                    }
                    None
                }
            },
        };
        if let Some(reply) = reply {
            let _ = errors.send(reply);
        }
    }
}

/// Copies the library's output to the client frame by frame, with error responses for
/// rejected input in between (never inside a frame).
pub async fn relay_output<R, O>(from_server: R, mut output: O, mut errors: mpsc::UnboundedReceiver<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(from_server);
    let mut errors_open = true;
    loop {
        let bytes = tokio::select! {
            frame = read_frame(&mut reader) => match frame {
                Ok(Some(Frame::Body(body))) => framed(&body),
                Ok(Some(Frame::Unusable(why))) => {
                    tracing::error!("unexpected output from the LSP library: {why}");
                    continue;
                }
                Ok(None) | Err(_) => break,
            },
            reply = errors.recv(), if errors_open => match reply {
                Some(reply) => reply,
                None => {
                    errors_open = false;
                    continue;
                }
            },
        };
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Option<String>> {
        let mut r = BufReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut r).await.expect("in-memory read") {
            out.push(match f {
                Frame::Body(b) => Some(String::from_utf8_lossy(&b).into_owned()),
                Frame::Unusable(_) => None,
            });
        }
        out
    }

    #[tokio::test]
    async fn headers_are_case_insensitive_and_content_type_is_optional() {
        let input = b"content-length: 2\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{}Content-Length:3\n\n[1]";
        assert_eq!(frames(input).await, [Some("{}".to_string()), Some("[1]".to_string())]);
    }

    #[tokio::test]
    async fn a_frame_without_length_is_reported_and_reading_goes_on() {
        let input = b"X-Foo: 1\r\n\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(frames(input).await, [None, Some("{}".to_string())]);
    }

    #[test]
    fn only_jsonrpc_messages_pass() {
        assert!(is_message(&json!({"jsonrpc": "2.0", "method": "initialized"})));
        assert!(is_message(&json!({"jsonrpc": "2.0", "id": 1, "result": null})));
        assert!(!is_message(&json!({"hello": "world"})));
        assert!(!is_message(&json!([{"jsonrpc": "2.0", "method": "x"}])));
        assert!(!is_message(&json!({"jsonrpc": "2.0", "method": 5})));
        let strict = |s: &str| serde_json::from_str::<Envelope>(s).is_ok();
        assert!(strict(r#"{"jsonrpc":"2.0","id":1,"method":"x"}"#));
        assert!(!strict(r#"{"jsonrpc":"2.0","method":"","method":"e"}"#));
        assert!(!strict(r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#));
        assert!(!strict(r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#));
    }
}

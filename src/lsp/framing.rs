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
//!                 └── error responses ──────┤
//!            publications (server::Shared) ─┘
//! ```
//!
//! Everything the server sends besides the library's own output (error responses here,
//! diagnostics built straight to bytes by the backend) goes through one FIFO channel of
//! [`OutFrame`]s, so publications reach the client in the order they were sent.

use serde_json::{json, Value};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Larger bodies are read and dropped: they cannot be a document anyone edits.
const MAX_BODY: usize = 512 << 20;
/// Longer header lines are not LSP headers.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// Bytes kept free in front of a body for its `Content-Length` header (16 + 20 digits + 4),
/// so framing a body never copies it.
const HEADER_ROOM: usize = 40;

/// One complete frame to write to the client: a header and a body in one buffer, which the
/// sender may keep (a publication is the template of the next).
pub struct OutFrame {
    buf: std::sync::Arc<Vec<u8>>,
    start: usize,
}

impl OutFrame {
    /// An empty body buffer for [`OutFrame::seal`]: write the body after what it holds.
    pub fn body_buffer(capacity: usize) -> Vec<u8> {
        let mut buf = Vec::with_capacity(HEADER_ROOM + capacity);
        buf.resize(HEADER_ROOM, 0);
        buf
    }

    /// Frames a body written into a buffer from [`OutFrame::body_buffer`].
    pub fn seal(mut buf: Vec<u8>) -> OutFrame {
        debug_assert!(buf.len() >= HEADER_ROOM);
        let header = format!("Content-Length: {}\r\n\r\n", buf.len().saturating_sub(HEADER_ROOM));
        let start = HEADER_ROOM - header.len();
        buf[start..HEADER_ROOM].copy_from_slice(header.as_bytes());
        OutFrame { buf: buf.into(), start }
    }

    /// The buffer the frame is in: the body starts where it started in the buffer that
    /// [`OutFrame::seal`] was given.
    pub fn buffer(&self) -> std::sync::Arc<Vec<u8>> {
        std::sync::Arc::clone(&self.buf)
    }

    /// Frames a copy of `body`.
    pub fn of(body: &[u8]) -> OutFrame {
        let mut buf = OutFrame::body_buffer(body.len());
        buf.extend_from_slice(body);
        OutFrame::seal(buf)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.buf[self.start..]
    }
}

/// One message body (after [`HEADER_ROOM`] free bytes, see [`body_of`]), or the reason
/// there is none.
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
    let mut buf = vec![0; HEADER_ROOM + len];
    r.read_exact(&mut buf[HEADER_ROOM..]).await?;
    Ok(Some(Frame::Body(buf)))
}

/// The body in a buffer that [`read_frame`] filled.
fn body_of(buf: &[u8]) -> &[u8] {
    &buf[HEADER_ROOM..]
}

fn error_response(id: Value, code: i64, message: &str) -> OutFrame {
    OutFrame::of(
        json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }).to_string().as_bytes(),
    )
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
pub async fn screen_input<I, W>(input: I, mut to_server: W, errors: mpsc::UnboundedSender<OutFrame>)
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
            Frame::Body(buf) => match serde_json::from_slice::<Value>(body_of(&buf)) {
                Err(e) => {
                    tracing::warn!("dropped a frame that is not JSON: {e}");
                    Some(error_response(Value::Null, -32700, &format!("消息不是合法的 JSON：{e}")))
                }
                Ok(v) if !is_message(&v) || serde_json::from_slice::<Envelope>(body_of(&buf)).is_err() => {
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
                    if to_server.write_all(OutFrame::seal(buf).bytes()).await.is_err() {
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

/// Where whole frames go to reach the client.
pub(crate) trait FrameSink {
    /// Writes one frame; `false` once the client can no longer be written to.
    async fn write(&mut self, frame: OutFrame) -> bool;
    /// Returns when everything written has been handed to the client.
    async fn finish(self);
}

/// Frames onto any async byte stream (in-memory pipes in tests and fuzzing).
pub(crate) struct AsyncSink<O>(pub O);

impl<O: AsyncWrite + Unpin> FrameSink for AsyncSink<O> {
    async fn write(&mut self, frame: OutFrame) -> bool {
        self.0.write_all(frame.bytes()).await.is_ok() && self.0.flush().await.is_ok()
    }

    async fn finish(mut self) {
        let _ = self.0.flush().await;
    }
}

/// What the stdout pipe is enlarged to: Linux's default limit for unprivileged processes.
#[cfg(target_os = "linux")]
const STDOUT_PIPE_BYTES: usize = 1 << 20;

/// Frames onto standard output from a thread of its own that owns the descriptor.
///
/// Tokio's stdout hands every write to a blocking-pool task with a copy of the bytes, and
/// std's stdout searches each write for a line break (it is line-buffered); a publication in
/// a large draft is over a megabyte, so both showed in the profile of a keystroke. Here a
/// frame is written once, straight from its buffer, by a thread that sleeps between frames.
pub(crate) struct StdoutSink {
    frames: std::sync::mpsc::Sender<OutFrame>,
    done: tokio::sync::oneshot::Receiver<()>,
}

impl StdoutSink {
    pub fn start() -> std::io::Result<StdoutSink> {
        use std::io::Write;
        use std::os::fd::AsFd;
        let mut out = std::fs::File::from(std::io::stdout().as_fd().try_clone_to_owned()?);
        // Through the default 64 KiB pipe a megabyte takes sixteen sleeps and wake-ups of
        // both ends; not being a pipe, or a lower system limit, is no matter.
        #[cfg(target_os = "linux")]
        let _ = rustix::pipe::fcntl_setpipe_size(&out, STDOUT_PIPE_BYTES);
        let (frames, queued) = std::sync::mpsc::channel::<OutFrame>();
        let (written, done) = tokio::sync::oneshot::channel();
        std::thread::Builder::new().name("workplan-output".to_string()).spawn(move || {
            for frame in queued {
                if let Err(e) = out.write_all(frame.bytes()) {
                    tracing::warn!("cannot write to the client: {e}");
                    break;
                }
            }
            let _ = written.send(());
        })?;
        Ok(StdoutSink { frames, done })
    }
}

impl FrameSink for StdoutSink {
    async fn write(&mut self, frame: OutFrame) -> bool {
        // Fails only after the thread stopped on a write error.
        self.frames.send(frame).is_ok()
    }

    async fn finish(self) {
        drop(self.frames);
        let _ = self.done.await;
    }
}

/// Copies the library's output to the client frame by frame, with the frames of `queue`
/// (error responses, publications) in between, never inside a frame. The library's frames
/// go through `queue` too (sent with `to_queue`), so one FIFO orders everything; reading
/// them is a task of its own because a frame read cannot be interrupted without losing
/// its bytes. Ends when the library's output ends, after writing what `queue` holds.
pub(crate) async fn relay_output<R, S>(
    from_server: R,
    mut output: S,
    to_queue: mpsc::UnboundedSender<OutFrame>,
    mut queue: mpsc::UnboundedReceiver<OutFrame>,
) where
    R: AsyncRead + Unpin,
    S: FrameSink,
{
    let (ended_tx, mut ended) = tokio::sync::oneshot::channel::<()>();
    let read = async move {
        let mut reader = BufReader::new(from_server);
        loop {
            match read_frame(&mut reader).await {
                Ok(Some(Frame::Body(buf))) => {
                    if to_queue.send(OutFrame::seal(buf)).is_err() {
                        break; // the writer stopped: the client is gone
                    }
                }
                Ok(Some(Frame::Unusable(why))) => tracing::error!("unexpected output from the LSP library: {why}"),
                Ok(None) | Err(_) => break,
            }
        }
        let _ = ended_tx.send(());
    };
    let write = async move {
        loop {
            let frame = tokio::select! {
                frame = queue.recv() => match frame {
                    Some(frame) => frame,
                    None => break,
                },
                _ = &mut ended => break,
            };
            if !output.write(frame).await {
                return;
            }
        }
        // Everything the library wrote before it ended is queued by now.
        while let Ok(frame) = queue.try_recv() {
            if !output.write(frame).await {
                return;
            }
        }
        output.finish().await;
    };
    tokio::join!(read, write);
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Option<String>> {
        let mut r = BufReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut r).await.expect("in-memory read") {
            out.push(match f {
                Frame::Body(b) => Some(String::from_utf8_lossy(body_of(&b)).into_owned()),
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

    /// Frames of `n` bytes whose body is `{"k":"xxxx…"}` with `tag` repeated.
    fn message(tag: char, n: usize) -> Vec<u8> {
        format!("{{\"k\":\"{}\"}}", tag.to_string().repeat(n)).into_bytes()
    }

    #[tokio::test]
    async fn large_library_frames_and_queued_frames_interleave_whole() {
        let (mut library, from_library) = tokio::io::duplex(1024);
        let (to_client, mut client) = tokio::io::duplex(1024);
        let (tx, rx) = mpsc::unbounded_channel();
        let relay = tokio::spawn(relay_output(from_library, AsyncSink(to_client), tx.clone(), rx));
        let big = tokio::spawn(async move {
            for _ in 0..20 {
                library.write_all(OutFrame::of(&message('L', 50_000)).bytes()).await.expect("write");
            }
        });
        let small = tokio::spawn(async move {
            for _ in 0..200 {
                let _ = tx.send(OutFrame::of(&message('q', 10)));
                tokio::task::yield_now().await;
            }
        });
        let mut received = Vec::new();
        client.read_to_end(&mut received).await.expect("read");
        big.await.expect("library");
        small.await.expect("queue");
        relay.await.expect("relay");
        let bodies: Vec<Option<String>> = frames(&received).await;
        assert!(bodies.iter().all(|b| b.as_ref().is_some_and(|b| serde_json::from_str::<Value>(b).is_ok())));
        assert_eq!(bodies.iter().filter(|b| b.as_ref().is_some_and(|b| b.contains('L'))).count(), 20);
    }
}

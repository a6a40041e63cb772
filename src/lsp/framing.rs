//! The LSP transport: frames from the client are read and decoded here, handed to the
//! library's request router ([`tower_lsp_server::LspService`]), and everything for the client
//! is framed into one FIFO and written by one writer.
//!
//! tower-lsp-server's own transport (`Server::serve`) is not used. It stops reading for good
//! after one frame it cannot decode and rejects a `Content-Type` header without a charset,
//! while malformed input must be answered with an error and the session go on
//! (docs/design.md); and its frame buffer grows to the largest message (16 MiB for a 10 MB
//! `didOpen`) and stays that size for the whole session. Here [`super::frames_in`] reads
//! the frames (headers in any case, the next header found again after a bad frame), each
//! body is decoded once and dropped, and a body that is not a JSON-RPC message is answered
//! with a JSON-RPC error.
//!
//! ```text
//! client ──► frames_in ─► decode ─┬─ requests, notifications ─► LspService ─ responses ─┐
//!                                 ├─ responses ─► ClientSocket                          │
//!                                 └─ error replies ─────────────────────────────────────┤
//!             server→client requests, notifications (Client, via ClientSocket) ─────────┤
//!             publications (server::Shared) ────────────────────────────────────────────┤
//!                                                       FIFO of OutFrames ◄─────────────┘
//!                                                              └─► write_output ─► client
//! ```
//!
//! Everything the server sends goes through that one FIFO of [`OutFrame`]s, each message
//! serialised once, straight into its frame; so frames never interleave, and publications
//! and responses reach the client in the order they were sent.

use std::sync::Arc;

use futures::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

use super::frames_in::{Frame, FrameReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::ClientSocket;
use tower_service::Service;

/// Client requests handled at once, as tower-lsp-server's transport does by default: a
/// handler that waits (a refresh on a blocking thread) does not hold up the next ones.
const CONCURRENT_REQUESTS: usize = 4;
/// Requests read ahead of those being handled (the library's queue size), so reading goes on
/// and a `$/cancelRequest` reaches a request that waits.
const QUEUED_REQUESTS: usize = 100;

/// Bytes kept free in front of a body for its `Content-Length` header (16 + 20 digits + 4),
/// so framing a body never copies it.
const HEADER_ROOM: usize = 40;

/// One complete frame to write to the client: a header and a body, the body's end possibly
/// in pieces shared with the sender (a publication's chunks, which the next publication
/// reuses where its findings did not change).
pub struct OutFrame {
    buf: Vec<u8>,
    start: usize,
    /// The rest of the body: each piece from its offset on.
    pieces: Vec<(Arc<Vec<u8>>, usize)>,
}

impl OutFrame {
    /// An empty body buffer for [`OutFrame::seal`]: write the body after what it holds.
    pub fn body_buffer(capacity: usize) -> Vec<u8> {
        let mut buf = Vec::with_capacity(HEADER_ROOM + capacity);
        buf.resize(HEADER_ROOM, 0);
        buf
    }

    /// Frames a body written into a buffer from [`OutFrame::body_buffer`].
    pub fn seal(buf: Vec<u8>) -> OutFrame {
        OutFrame::seal_pieces(buf, Vec::new())
    }

    /// Frames a body that starts in `buf` (from [`OutFrame::body_buffer`]) and goes on in
    /// `pieces`, each from its offset on.
    pub fn seal_pieces(mut buf: Vec<u8>, pieces: Vec<(Arc<Vec<u8>>, usize)>) -> OutFrame {
        debug_assert!(buf.len() >= HEADER_ROOM);
        let length = buf.len().saturating_sub(HEADER_ROOM)
            + pieces.iter().map(|(piece, from)| piece.len().saturating_sub(*from)).sum::<usize>();
        let header = format!("Content-Length: {length}\r\n\r\n");
        let start = HEADER_ROOM - header.len();
        buf[start..HEADER_ROOM].copy_from_slice(header.as_bytes());
        OutFrame { buf, start, pieces }
    }

    /// Frames `message` serialised as JSON (`capacity`: the body size expected).
    pub fn json<T: Serialize>(message: &T, capacity: usize) -> serde_json::Result<OutFrame> {
        let mut buf = OutFrame::body_buffer(capacity);
        serde_json::to_writer(&mut buf, message)?;
        Ok(OutFrame::seal(buf))
    }

    /// The frame's bytes in order: header and body.
    pub fn slices(&self) -> impl Iterator<Item = &[u8]> {
        let pieces = self.pieces.iter().map(|(piece, from)| piece.get(*from..).unwrap_or_default());
        std::iter::once(&self.buf[self.start..]).chain(pieces)
    }
}

/// Writes every slice, as few system calls as the writer takes them in.
fn write_all_slices(out: &mut impl std::io::Write, slices: &[&[u8]]) -> std::io::Result<()> {
    let mut io: Vec<std::io::IoSlice<'_>> = slices.iter().map(|s| std::io::IoSlice::new(s)).collect();
    let mut rest = &mut io[..];
    // Drops leading empty slices, so that only a writer taking nothing stops the loop.
    std::io::IoSlice::advance_slices(&mut rest, 0);
    while !rest.is_empty() {
        match out.write_vectored(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// `Some` for a member that is present, even as `null` (as the library decodes `id` and
/// `params`; for `result`, `null` is a value like any other).
fn present<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    T::deserialize(d).map(Some)
}

/// A client message as it is written, decoded in one pass straight from the body: `params`
/// and `result` become the `Value`s that move on into the library's request or response. It
/// refuses what the library's own decoder refused: duplicate members, ids other than
/// integers, strings and `null`, a `method` that is not a string.
#[derive(serde::Deserialize)]
struct Message {
    jsonrpc: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Id>,
    #[serde(default, deserialize_with = "present")]
    params: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    result: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    error: Option<Value>,
    /// Other members. Flattened rather than skipped, because serde_json skips a value without
    /// checking it (invalid UTF-8, a lone surrogate, a number out of range) and such a body is
    /// not JSON; flattening also refuses the array form serde accepts for a struct.
    #[serde(flatten)]
    _others: serde::de::IgnoredAny,
}

/// What a frame from the client comes to.
enum Incoming {
    /// A request or notification, for the library's router.
    Request(Request),
    /// A response to a request of ours, for the library's `ClientSocket`.
    Response(Response),
    /// Answered here with an error: a frame that is not a JSON-RPC message, or a `$/` request.
    Answered(Response),
}

/// Decodes one frame; its buffer is freed before the message is handled.
fn decode(frame: Frame) -> Incoming {
    let body = match frame {
        Frame::Body(body) => body,
        Frame::Unusable(why) => {
            tracing::warn!("dropped a frame: {why}");
            return Incoming::Answered(error_response(
                Id::Null,
                ErrorCode::ParseError,
                format!("无法读取的消息：{why}"),
            ));
        }
    };
    match serde_json::from_slice::<Message>(&body) {
        Ok(message) => message.into_incoming(),
        Err(_) => Incoming::Answered(diagnose(&body)),
    }
}

impl Message {
    /// Sorts a decoded message as the library's decoder would (a response if it is one, else
    /// a request), after the checks the library does not make.
    fn into_incoming(self) -> Incoming {
        let Message { jsonrpc, method, id, params, result, error, .. } = self;
        if jsonrpc != "2.0" {
            return Incoming::Answered(not_a_message(id));
        }
        let request = |method: String, id: Option<Id>| {
            let request = Request::build(method);
            let request = match id {
                Some(id) => request.id(id),
                None => request,
            };
            match params {
                Some(params) => request.params(params),
                None => request,
            }
            .finish()
        };
        match (id, method, result, error) {
            // `$/` requests the library leaves unanswered; LSP wants MethodNotFound.
            (Some(id), Some(method), _, _) if method.starts_with("$/") => {
                Incoming::Answered(error_response(id, ErrorCode::MethodNotFound, "不支持的请求".into()))
            }
            (Some(id), _, Some(result), _) => Incoming::Response(Response::from_ok(id, result)),
            (Some(id), method, None, Some(error)) => match serde_json::from_value::<Error>(error) {
                Ok(error) => Incoming::Response(Response::from_error(id, error)),
                // Not a response after all: the library takes it for a request, whose method
                // defaults to "" (and is answered with MethodNotFound).
                Err(_) => Incoming::Request(request(method.unwrap_or_default(), Some(id))),
            },
            (id, Some(method), _, _) => Incoming::Request(request(method, id)),
            (id, None, _, _) => Incoming::Answered(not_a_message(id)),
        }
    }
}

/// The reply to a body that [`Message`] cannot decode.
fn diagnose(body: &[u8]) -> Response {
    match serde_json::from_slice::<Value>(body) {
        Err(e) => {
            tracing::warn!("dropped a frame that is not JSON: {e}");
            error_response(Id::Null, ErrorCode::ParseError, format!("消息不是合法的 JSON：{e}"))
        }
        Ok(v) => {
            tracing::warn!("dropped a frame that is not a JSON-RPC 2.0 message");
            not_a_message(v.get("id").and_then(|id| serde::Deserialize::deserialize(id).ok()))
        }
    }
}

fn not_a_message(id: Option<Id>) -> Response {
    error_response(id.unwrap_or_default(), ErrorCode::InvalidRequest, "消息不是 JSON-RPC 2.0 请求、通知或响应".into())
}

fn error_response(id: Id, code: ErrorCode, message: String) -> Response {
    Response::from_error(id, Error { code, message: message.into(), data: None })
}

/// Serialises a message for the client into the FIFO.
fn queue<T: Serialize>(out: &mpsc::UnboundedSender<OutFrame>, message: &T) {
    match OutFrame::json(message, 256) {
        // The writer is gone only once the session has ended.
        Ok(frame) => {
            let _ = out.send(frame);
        }
        Err(e) => tracing::error!("cannot serialise a message for the client: {e}"),
    }
}

/// Serves the client's messages from `input` with the library's router `service` until the
/// client sends `exit` or closes its input, then returns once the requests in hand are
/// handled. Everything for the client goes into `out`, in the order it is ready. Returns
/// whether the client asked for `shutdown` first (LSP: the server's exit code is 0 then,
/// 1 otherwise).
pub(crate) async fn serve_session<I, S>(
    input: I,
    mut service: S,
    socket: ClientSocket,
    out: mpsc::UnboundedSender<OutFrame>,
) -> bool
where
    I: AsyncRead + Unpin,
    S: Service<Request, Response = Option<Response>>,
    S::Error: std::fmt::Display,
{
    let (mut client_requests, mut client_responses) = socket.split();
    let (mut to_handle, handling) = futures::channel::mpsc::channel(QUEUED_REQUESTS);
    let (handled_all, mut all_handled) = tokio::sync::oneshot::channel::<()>();

    let handle = async {
        handling
            .buffer_unordered(CONCURRENT_REQUESTS)
            .for_each(|handled| {
                match handled {
                    Ok(Some(response)) => queue(&out, &response),
                    Ok(None) => {} // a notification
                    Err(e) => tracing::error!("{e}"),
                }
                std::future::ready(())
            })
            .await;
        drop(handled_all);
    };

    // Requests and notifications the backend sends the client through its `Client`. They
    // stop with the requests in hand: after that nothing waits for the client's answers, and
    // background tasks that keep a `Client` would keep the session open.
    let forward = async {
        loop {
            tokio::select! {
                biased; // what is already queued goes out first
                request = client_requests.next() => match request {
                    Some(request) => queue(&out, &request),
                    None => break, // after `exit`
                },
                _ = &mut all_handled => break,
            }
        }
    };

    let mut shut_down = false;
    let read = async {
        let mut reader = FrameReader::new(input);
        loop {
            let frame = match reader.next().await {
                Ok(Some(frame)) => frame,
                Ok(None) => break,
                Err(e) => {
                    tracing::warn!("client input ended: {e}");
                    break;
                }
            };
            match decode(frame) {
                Incoming::Request(request) => {
                    // The router's readiness, then the call, as tower's contract wants.
                    if let Err(e) = std::future::poll_fn(|cx| service.poll_ready(cx)).await {
                        tracing::error!("{e}");
                        break;
                    }
                    // LSP: the server exits on `exit`; a client may keep its end open.
                    let exit = request.method() == "exit";
                    shut_down |= request.method() == "shutdown" && request.id().is_some();
                    if to_handle.send(service.call(request)).await.is_err() || exit {
                        break;
                    }
                }
                Incoming::Response(response) => {
                    // Refused only after `exit`.
                    if client_responses.send(response).await.is_err() {
                        break;
                    }
                }
                Incoming::Answered(reply) => queue(&out, &reply),
            }
        }
        drop(to_handle); // `handle` ends once what was sent is handled
    };

    futures::join!(handle, forward, read);
    shut_down
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
        for slice in frame.slices() {
            if self.0.write_all(slice).await.is_err() {
                return false;
            }
        }
        self.0.flush().await.is_ok()
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
                let slices: Vec<&[u8]> = frame.slices().collect();
                if let Err(e) = write_all_slices(&mut out, &slices) {
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

/// Writes the frames of `queue` to the client in order until `ended` (the session is over:
/// the FIFO itself stays open, as the backend's worker keeps a sender), then what `queue`
/// still holds, and finishes the sink.
pub(crate) async fn write_output<S: FrameSink>(
    mut output: S,
    mut queue: mpsc::UnboundedReceiver<OutFrame>,
    mut ended: tokio::sync::oneshot::Receiver<()>,
) {
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
    // Everything the session sent before it ended is queued by now.
    while let Ok(frame) = queue.try_recv() {
        if !output.write(frame).await {
            return;
        }
    }
    output.finish().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    /// What a body comes to, in short: `request METHOD ID`, `response ID`, `error CODE ID`.
    fn sorted(body: &[u8]) -> String {
        let id = |id: Option<&Id>| id.map_or("-".to_string(), Id::to_string);
        match decode(Frame::Body(body.to_vec())) {
            Incoming::Request(r) => format!("request {:?} {}", r.method(), id(r.id())),
            Incoming::Response(r) => format!("response {}", r.id()),
            Incoming::Answered(r) => {
                format!("error {} {}", r.error().map_or(0, |e| e.code.code()), r.id())
            }
        }
    }

    #[test]
    fn bodies_are_sorted_into_requests_responses_and_errors() {
        let cases: &[(&[u8], &str)] = &[
            (br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#, r#"request "initialized" -"#),
            (br#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#, r#"request "shutdown" 7"#),
            (br#"{"jsonrpc":"2.0","id":"a","method":"shutdown"}"#, r#"request "shutdown" "a""#),
            (br#"{"jsonrpc":"2.0","id":null,"method":"shutdown"}"#, r#"request "shutdown" null"#),
            (br#"{"jsonrpc":"2.0","id":1,"result":null}"#, "response 1"),
            (br#"{"jsonrpc":"2.0","id":"b","error":{"code":-1,"message":"no"}}"#, r#"response "b""#),
            // Both shapes: the library's decoder tries a response first.
            (br#"{"jsonrpc":"2.0","id":2,"method":"x","result":1}"#, "response 2"),
            // An error member that is no error object: the library's request with method "".
            (br#"{"jsonrpc":"2.0","id":3,"error":5}"#, r#"request "" 3"#),
            (br#"{"jsonrpc":"2.0","id":4,"method":"$/unknown"}"#, "error -32601 4"),
            (br#"{"jsonrpc":"2.0","id":null,"method":"$/unknown"}"#, "error -32601 null"),
            (br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#, r#"request "$/cancelRequest" -"#),
            (b"this is not json", "error -32700 null"),
            (b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"other\":\"\xff\"}", "error -32700 null"),
            (br#"{"jsonrpc":"2.0","method":"x","other":"\ud800"}"#, "error -32700 null"),
            (br#"{"jsonrpc":"2.0","method":"x","other":1e400}"#, "error -32700 null"),
            (br#"[{"jsonrpc":"2.0","method":"x"}]"#, "error -32600 null"),
            (br#"["2.0","x"]"#, "error -32600 null"),
            (br#"{"hello":"world","id":5}"#, "error -32600 5"),
            (br#"{"jsonrpc":"1.0","id":"c","method":"x"}"#, r#"error -32600 "c""#),
            (br#"{"jsonrpc":"2.0","id":6}"#, "error -32600 6"),
            (br#"{"jsonrpc":"2.0","result":1}"#, "error -32600 null"),
            (br#"{"jsonrpc":"2.0","id":8,"method":5}"#, "error -32600 8"),
            (br#"{"jsonrpc":"2.0","method":"","method":"e"}"#, "error -32600 null"),
            (br#"{"jsonrpc":"2.0","id":1,"id":2,"method":"x"}"#, "error -32600 2"),
            (br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, "error -32600 null"),
            (br#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#, "error -32600 null"),
            (br#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"x"}"#, "error -32600 null"),
        ];
        for (body, expected) in cases {
            assert_eq!(sorted(body), *expected, "{}", String::from_utf8_lossy(body));
        }
    }

    /// The body `{"k":"N:xxxx…"}`: `x` repeated `n` times, after the producer's sequence number.
    fn message(seq: usize, tag: char, n: usize) -> OutFrame {
        let body = serde_json::json!({ "k": format!("{seq}:{}", tag.to_string().repeat(n)) });
        OutFrame::json(&body, n + 16).expect("a JSON value serialises")
    }

    /// Large frames (responses) and small ones (publications) from two producers reach the
    /// client whole, each producer's in the order it sent them, and nothing sent before the
    /// session ended is lost.
    #[tokio::test]
    async fn frames_from_several_producers_arrive_whole_and_in_order() {
        let (to_client, mut client) = tokio::io::duplex(1024);
        let (tx, rx) = mpsc::unbounded_channel();
        let (ended_tx, ended) = tokio::sync::oneshot::channel();
        let writer = tokio::spawn(write_output(AsyncSink(to_client), rx, ended));
        let responses = tx.clone();
        let big = tokio::spawn(async move {
            for i in 0..20 {
                let _ = responses.send(message(i, 'L', 50_000));
                tokio::task::yield_now().await;
            }
        });
        let small = tokio::spawn(async move {
            for i in 0..200 {
                let _ = tx.send(message(i, 'q', 10));
                tokio::task::yield_now().await;
            }
        });
        let reader = tokio::spawn(async move {
            let mut received = Vec::new();
            client.read_to_end(&mut received).await.expect("read");
            received
        });
        big.await.expect("responses");
        small.await.expect("publications");
        let _ = ended_tx.send(());
        writer.await.expect("writer");
        let received = reader.await.expect("reader");
        let mut seen: Vec<(char, usize)> = Vec::new();
        let mut frames = FrameReader::new(&received[..]);
        while let Some(frame) = frames.next().await.expect("in-memory read") {
            let Frame::Body(body) = frame else { panic!("a whole frame") };
            let v: Value = serde_json::from_slice(&body).expect("a whole JSON body");
            let k = v["k"].as_str().expect("the body written");
            let (seq, tail) = k.split_once(':').expect("a sequence number");
            let tag = tail.chars().next().expect("a tag");
            seen.push((tag, seq.parse().expect("a number")));
        }
        for (tag, n) in [('L', 20), ('q', 200)] {
            let order: Vec<usize> = seen.iter().filter(|(t, _)| *t == tag).map(|&(_, i)| i).collect();
            assert_eq!(order, (0..n).collect::<Vec<_>>(), "frames of {tag}");
        }
    }
}

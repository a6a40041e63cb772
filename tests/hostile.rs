//! Hostile input to the language server, in process: malformed and truncated frames, unknown
//! methods, requests before `initialize`, huge documents and lines, binary text, positions
//! that do not exist, bursts of edits, many open documents, edits after `didClose`. After
//! each, the server must still answer (see [`assert_serves`]) and nothing may panic: a panic
//! in a handler ends the server task, which the bounded waits of `TestClient` turn into a
//! failure naming what was awaited.
//!
//! The 50 MB document runs only with `WORKPLAN_HOSTILE_LARGE=1` (it is meant for a release
//! build: `WORKPLAN_HOSTILE_LARGE=1 cargo test --release --test hostile`); without it the
//! same test opens a 2 MB document, which a debug build analyses in a few seconds.

mod support;

use serde_json::{json, Value};
use support::{edit, frame, full_text, uri, Encoding, TestClient};

/// A small draft with one numbering gap (一、 then 三、): one diagnostic, two symbols.
const PROBE_TEXT: &str = "一、甲\n三、乙\n";

/// The server still opens a document, analyses it, publishes its diagnostics and answers a
/// request about it. Each call uses a fresh URI so earlier state cannot satisfy it.
async fn assert_serves(client: &mut TestClient) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let probe = uri(&format!("probe-{}.txt", N.fetch_add(1, Ordering::Relaxed)));
    client.open(&probe, PROBE_TEXT, 1);
    let diagnostics = client.wait_diagnostics(&probe, 1).await;
    assert_eq!(codes(&diagnostics), ["numbering.gap"], "probe diagnostics: {diagnostics:#?}");
    let symbols = client.document_symbols(&probe).await;
    assert_eq!(symbols.as_array().map(Vec::len), Some(2), "probe symbols: {symbols}");
    client.close(&probe);
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().filter_map(|d| d["code"].as_str()).collect()
}

/// Waits for `n` stray responses (answers to no request of ours: rejected frames) and
/// returns their error codes.
async fn stray_error_codes(client: &mut TestClient, n: usize) -> Vec<i64> {
    // A round trip after the garbage: the server handles input in order, so by the time this
    // is answered every rejected frame before it has been answered too.
    assert_serves(client).await;
    assert_eq!(client.stray_responses.len(), n, "stray responses: {:#?}", client.stray_responses);
    client.stray_responses.drain(..).map(|r| r.pointer("/error/code").and_then(Value::as_i64).unwrap_or(0)).collect()
}

async fn initialized() -> TestClient {
    TestClient::with_encodings(&["utf-16"]).await
}

/// A draft of at least `bytes` bytes made of the project's example, repeated.
fn big_draft(bytes: usize) -> String {
    let example = include_str!("../examples/2026-gaoxin-plan.txt");
    let mut out = String::with_capacity(bytes + example.len());
    while out.len() < bytes {
        out.push_str(example);
        out.push('\n');
    }
    out
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

// ---- framing ----------------------------------------------------------------------------

#[tokio::test]
async fn malformed_frames_are_answered_with_errors() {
    let mut client = initialized().await;
    let garbage: Vec<Vec<u8>> = vec![
        frame(b"this is not json"),
        frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"initia"), // JSON cut short
        frame(b"[1, 2, 3]"),
        frame(b"42"),
        frame(br#"{"hello":"world"}"#),
        frame(br#"{"jsonrpc":"1.0","id":7,"method":"shutdown"}"#),
        frame(br#"{"jsonrpc":"2.0","method":5}"#),
        frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\xfe\"}"), // not UTF-8
        frame(br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.txt","languageId":"plaintext","version":1,"text":"\ud800"}}}"#), // lone surrogate
        b"X-Custom: 1\r\n\r\n".to_vec(),                                      // no Content-Length
        b"Content-Length: twelve\r\n\r\n".to_vec(),                           // not a number
        b"Content-Length: -5\r\n\r\n".to_vec(),                               // negative
        b"Content-Length: 18446744073709551616\r\n\r\n".to_vec(),             // overflows u64
        format!("X-Long: {}\r\n\r\n", "x".repeat(20_000)).into_bytes(),       // header over 8 KB
    ];
    let n = garbage.len();
    for g in garbage {
        client.send_raw(g);
    }
    // Blank lines between frames are tolerated, and the header names are case-insensitive.
    client.send_raw(b"\r\n\r\n".to_vec());
    let errors = stray_error_codes(&mut client, n).await;
    assert!(errors.iter().all(|&c| c == -32700 || c == -32600), "error codes: {errors:?}");
    client.shutdown_and_exit().await;
}

/// Found by `fuzz/fuzz_targets/lsp.rs` (minimized input: the `initialize` prefix, then this
/// body), when the server ran on tower-lsp-server: serde_json's `Value` keeps the last of
/// duplicate keys, the library's typed decoder rejected the body and then stopped reading, and
/// every later request went unanswered. The same for an id that is neither an integer nor a
/// string. The reader (`src/lsp/transport.rs`) answers such a body with an error.
#[tokio::test]
async fn a_message_the_library_cannot_decode_is_rejected_and_the_session_goes_on() {
    for body in [
        r#"{"jsonrpc":"2.0", "method": "","method":"e", "":{}}"#,
        r#"{"jsonrpc":"2.0","id":1,"id":2,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","method":"initialized","params":{},"params":{}}"#,
        // Ids JSON-RPC does not allow (a fraction, an object) end the session the same way.
        r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#,
        // Neither a response (no error object) nor a request (`method` is null): this too
        // stopped the library's reading while its transport was in use.
        r#"{"jsonrpc":"2.0","id":1,"method":null,"error":5}"#,
    ] {
        let mut client = initialized().await;
        client.send_raw(frame(body.as_bytes()));
        assert_serves(&mut client).await;
        client.shutdown_and_exit().await;
    }
}

#[tokio::test]
async fn a_frame_longer_than_its_body_swallows_what_follows_then_reading_resynchronises() {
    let mut client = initialized().await;
    // Says 64 bytes, sends 20: the next 44 bytes (the start of the next frame) complete it.
    client.send_raw(b"Content-Length: 64\r\n\r\n{\"jsonrpc\":\"2.0\",\"i".to_vec());
    client.send_raw(frame(
        br#"{"jsonrpc":"2.0","method":"$/ignored","params":{"padding":"........................................"}}"#,
    ));
    client.send_raw(b"\r\n\r\n".to_vec());
    // Whatever was lost, the session goes on.
    assert_serves(&mut client).await;
    assert!(!client.stray_responses.is_empty(), "the broken frame was answered with an error");
    client.shutdown_and_exit().await;
}

/// Each of these once left the server reading forever out of step with the frames: it
/// never answered again. Now reading goes on from the next header it finds; a frame whose
/// length says too much costs the frame it runs into (here a notification sent for it).
#[tokio::test]
async fn after_garbage_or_a_wrong_content_length_the_session_goes_on() {
    let request = br#"{"jsonrpc":"2.0","id":99,"method":"workplan/unknown"}"#;
    let with_length = |len: usize| {
        let mut f = format!("Content-Length: {len}\r\n\r\n").into_bytes();
        f.extend_from_slice(request);
        f
    };
    let mut garbage = b"garbage without a line break".to_vec();
    garbage.extend(frame(request));
    const METHOD_NOT_FOUND: i64 = -32601;
    const PARSE_ERROR: i64 = -32700;
    for (what, bytes, answers) in [
        ("garbage before the header", garbage, vec![METHOD_NOT_FOUND]),
        // The body is cut: it cannot be read; what is left of it comes before the next header.
        ("a length 5 bytes short", with_length(request.len() - 5), vec![PARSE_ERROR]),
        // The body runs into the next frame's header: both are answered as unreadable.
        ("a length 5 bytes long", with_length(request.len() + 5), vec![PARSE_ERROR, PARSE_ERROR]),
    ] {
        let mut client = initialized().await;
        client.send_raw(bytes);
        client.send_raw(frame(br#"{"jsonrpc":"2.0","method":"$/ignored"}"#));
        assert_eq!(stray_error_codes(&mut client, answers.len()).await, answers, "{what}");
        client.shutdown_and_exit().await;
    }
}

/// How frames are read (`src/lsp/frames_in.rs`), each followed by a request the server
/// must answer: header names in any case, other headers allowed, bare line feeds; of two
/// headers on one line the last counts (the first is debris of a broken write); a run of
/// bytes without line breaks longer than any header line (8 KiB) is skipped up to the header
/// after it, also one that begins across the end of one read of the run; and a body framed
/// right is read whole whatever it holds. That last was found by the `lsp` fuzz target: a
/// value, then text holding a header. Cut after the value (as once, to recover from a length
/// that said too much), the rest was read as a frame that swallowed the frames after it.
#[tokio::test]
async fn frames_are_read_as_their_headers_say() {
    const MAX_HEADER_LINE: usize = 8 << 10; // as in frames_in.rs
    const METHOD_NOT_FOUND: i64 = -32601;
    const PARSE_ERROR: i64 = -32700;
    let request = br#"{"jsonrpc":"2.0","id":99,"method":"workplan/unknown"}"#;
    let with_header = |header: &str| [header.replace("{len}", &request.len().to_string()).as_bytes(), request].concat();
    let after_run = |run: usize| [vec![b'x'; run], frame(request)].concat();
    let holding_a_header = frame(b"{\"a\":1}x\r\nContent-Length: 99\r\n\r\n");
    for (what, bytes, answers) in [
        (
            "lower case, a Content-Type",
            with_header("content-length: {len}\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n"),
            vec![METHOD_NOT_FOUND],
        ),
        ("bare line feeds, no space", with_header("Content-Length:{len}\n\n"), vec![METHOD_NOT_FOUND]),
        (
            "two headers on a line",
            with_header("Content-Length: 5Content-Length: {len}\r\n\r\n"),
            vec![METHOD_NOT_FOUND],
        ),
        ("a long run without line breaks", after_run(3 * MAX_HEADER_LINE), vec![METHOD_NOT_FOUND]),
        ("a header across the end of a read", after_run(MAX_HEADER_LINE - 5), vec![METHOD_NOT_FOUND]),
        ("a body holding a header", [holding_a_header, frame(request)].concat(), vec![PARSE_ERROR, METHOD_NOT_FOUND]),
    ] {
        let mut client = initialized().await;
        client.send_raw(bytes);
        assert_eq!(stray_error_codes(&mut client, answers.len()).await, answers, "{what}");
        client.shutdown_and_exit().await;
    }
}

#[tokio::test]
async fn a_truncated_frame_at_the_end_of_the_input_ends_the_session_quietly() {
    let mut client = initialized().await;
    client.send_raw(b"Content-Length: 1000\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"".to_vec());
    client.disconnect();
    client.wait_server_exit().await;
}

#[tokio::test]
async fn a_huge_content_length_with_the_input_closing_ends_the_session_quietly() {
    let mut client = initialized().await;
    client.send_raw(b"Content-Length: 600000000\r\n\r\n{}".to_vec());
    client.disconnect();
    client.wait_server_exit().await;
}

#[tokio::test]
async fn a_truncated_header_at_the_end_of_the_input_ends_the_session_quietly() {
    let mut client = initialized().await;
    client.send_raw(b"Content-Len".to_vec());
    client.disconnect();
    client.wait_server_exit().await;
}

// ---- protocol ---------------------------------------------------------------------------

#[tokio::test]
async fn unknown_methods_get_method_not_found_and_unknown_notifications_are_ignored() {
    let mut client = initialized().await;
    for method in ["workplan/noSuchThing", "textDocument/noSuchThing"] {
        let response = client.request(method, json!({})).await;
        assert_eq!(response.pointer("/error/code"), Some(&json!(-32601)), "{method}: {response}");
    }
    client.notify("workplan/noSuchNotification", json!({ "a": 1 }));
    client.notify("$/cancelRequest", json!({ "id": 987_654 }));
    client.notify("$/cancelRequest", json!({ "id": "nobody" }));
    client.notify("$/setTrace", json!({ "value": "verbose" }));
    // Requests whose params have the wrong shape are refused, not fatal.
    let response = client.request("textDocument/documentSymbol", json!({ "textDocument": 5 })).await;
    assert!(response.get("error").is_some(), "{response}");
    let response = client.request("textDocument/hover", json!(["not", "an", "object"])).await;
    assert!(response.get("error").is_some(), "{response}");
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": 17 } }));
    client.notify("textDocument/didChange", json!({ "contentChanges": null }));
    assert_serves(&mut client).await;
    client.shutdown_and_exit().await;
}

/// LSP: “If a server or client receives a request starting with ‘$/’ it must error the
/// request with error code MethodNotFound.” tower-lsp-server answers nothing, so a client
/// waiting for the response waits for ever.
#[tokio::test]
async fn an_unknown_dollar_request_gets_method_not_found() {
    let mut client = initialized().await;
    let response = client.request("$/noSuchThing", json!({})).await;
    assert_eq!(response.pointer("/error/code"), Some(&json!(-32601)), "{response}");
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn requests_before_initialize_are_refused_and_the_session_starts_afterwards() {
    let mut client = TestClient::start();
    let response =
        client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri("early.txt") } })).await;
    assert_eq!(response.pointer("/error/code"), Some(&json!(-32002)), "{response}");
    let response = client.request("shutdown", Value::Null).await;
    assert!(response.get("error").is_some(), "{response}");
    // Notifications before initialize are dropped (not applied later).
    client.open(&uri("early.txt"), PROBE_TEXT, 1);
    client.initialize(json!({})).await;
    assert_eq!(client.document_symbols(&uri("early.txt")).await, Value::Null);
    // A second initialize is refused; the session goes on.
    let response =
        client.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} })).await;
    assert!(response.get("error").is_some(), "{response}");
    assert_serves(&mut client).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn requests_after_shutdown_are_refused_and_exit_still_ends_the_session() {
    let mut client = initialized().await;
    assert_eq!(client.call("shutdown", Value::Null).await, Value::Null);
    let response =
        client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri("x.txt") } })).await;
    assert!(response.get("error").is_some(), "{response}");
    client.notify("exit", Value::Null);
    client.wait_server_exit().await;
}

#[tokio::test]
async fn exit_without_shutdown_ends_the_session_as_a_failure() {
    let mut client = initialized().await;
    client.notify("exit", Value::Null);
    // LSP: the process exits with code 1 (`workplan lsp` maps this to it).
    assert!(!client.wait_server_exit().await, "no shutdown was asked for");
}

// ---- documents --------------------------------------------------------------------------

/// A bare client for the large-document test, whose waits may take minutes (`TestClient`
/// bounds each at 10 s). It offers no capabilities, so the server sends it no requests.
struct LongClient {
    frames: tokio::sync::mpsc::UnboundedSender<Vec<u8>>,
    reader: tokio::io::BufReader<tokio::io::DuplexStream>,
    next_id: i64,
}

impl LongClient {
    fn start() -> LongClient {
        use tokio::io::AsyncWriteExt;
        let (mut to_server, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, from_server) = tokio::io::duplex(1 << 16);
        tokio::spawn(workplan::lsp::serve(server_in, server_out));
        let (frames, mut queue) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
        tokio::spawn(async move {
            while let Some(f) = queue.recv().await {
                if to_server.write_all(&f).await.is_err() {
                    break;
                }
            }
        });
        LongClient { frames, reader: tokio::io::BufReader::new(from_server), next_id: 0 }
    }

    fn send(&self, message: Value) {
        self.frames.send(frame(message.to_string().as_bytes())).expect("writer task");
    }

    fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params }));
        self.next_id
    }

    /// Reads messages until one satisfies `wanted`, for at most `limit`.
    async fn until(&mut self, what: &str, limit: std::time::Duration, wanted: impl Fn(&Value) -> bool) -> Value {
        use tokio::io::{AsyncBufReadExt, AsyncReadExt};
        let read = async {
            loop {
                let mut length = 0;
                loop {
                    let mut header = String::new();
                    assert!(
                        self.reader.read_line(&mut header).await.expect("read") > 0,
                        "the server closed its output"
                    );
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(v) = header.strip_prefix("Content-Length:") {
                        length = v.trim().parse().expect("numeric Content-Length");
                    }
                }
                let mut body = vec![0; length];
                self.reader.read_exact(&mut body).await.expect("read a body");
                let message: Value = serde_json::from_slice(&body).expect("the server sends JSON");
                if wanted(&message) {
                    return message;
                }
            }
        };
        tokio::time::timeout(limit, read).await.unwrap_or_else(|_| panic!("no {what} within {limit:?}"))
    }
}

/// 2 MB by default; 50 MB with `WORKPLAN_HOSTILE_LARGE=1` (each wait then bounded by 10 min).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_document_opens_and_takes_a_keystroke() {
    use std::time::{Duration, Instant};
    let large = std::env::var_os("WORKPLAN_HOSTILE_LARGE").is_some();
    let bytes = if large { 50 << 20 } else { 2 << 20 };
    let limit = Duration::from_secs(if large { 600 } else { 20 });
    let text = big_draft(bytes);
    let doc = uri("large.txt");
    let mut client = LongClient::start();
    let id = client.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
    client.until("initialize response", limit, |m| m["id"] == json!(id)).await;
    client.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let published = |version: i64| {
        let doc = doc.clone();
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m.pointer("/params/uri") == Some(&json!(doc))
                && m.pointer("/params/version") == Some(&json!(version))
        }
    };
    let started = Instant::now();
    client.send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": doc, "languageId": "plaintext", "version": 1, "text": text } } }));
    let diagnostics = client.until("diagnostics of the open", limit, published(1)).await["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);
    let opened = started.elapsed();
    assert!(diagnostics > 0, "the repeated example has findings");
    // One keystroke in the middle.
    let line = text.lines().count() / 2;
    let at = json!({ "line": line, "character": 1 });
    let started = Instant::now();
    client.send(json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": doc, "version": 2 },
        "contentChanges": [edit(json!({ "start": at, "end": at }), "新")] } }));
    client.until("diagnostics of the keystroke", limit, published(2)).await;
    let keystroke = started.elapsed();
    let id = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": doc } }));
    let symbols = client.until("document symbols", limit, |m| m["id"] == json!(id)).await;
    assert!(symbols["result"].as_array().is_some_and(|s| !s.is_empty()), "{}", symbols["error"]);
    eprintln!(
        "{} MB document, {diagnostics} diagnostics: opened in {opened:?}, keystroke to diagnostics {keystroke:?}, \
         peak RSS of the test process {:.0} MB",
        text.len() >> 20,
        peak_rss_mb().unwrap_or(f64::NAN)
    );
    // Closing it frees the server for the next request.
    client.send(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didClose", "params": { "textDocument": { "uri": doc } } }),
    );
    let id = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": doc } }));
    let closed = client.until("a response after didClose", limit, |m| m["id"] == json!(id)).await;
    assert_eq!(closed["result"], Value::Null);
}

/// One sentence of many clauses with a statement in each: the parse of a line must stay
/// linear in its length.
async fn a_long_line_opens_and_takes_keystrokes(bytes: usize) {
    let line = "全年新增高新技术企业150家以上，研发投入增长12%，".repeat(bytes.div_ceil(64));
    let text = format!("一、总体要求\n{line}\n二、重点任务\n");
    let mut client = initialized().await;
    let doc = uri("long-line.txt");
    client.open(&doc, &text, 1);
    client.wait_diagnostics(&doc, 1).await;
    let middle = Encoding::Utf16.len(&line) / 2;
    let at = json!({ "line": 1, "character": middle });
    client.change(&doc, 2, vec![edit(json!({ "start": at, "end": at }), "新")]);
    client.wait_diagnostics(&doc, 2).await;
    let end = json!({ "line": 1, "character": middle + 1 });
    client.change(&doc, 3, vec![edit(json!({ "start": at, "end": end }), "")]);
    client.wait_diagnostics(&doc, 3).await;
    let symbols = client.document_symbols(&doc).await;
    assert_eq!(symbols.as_array().map(Vec::len), Some(2), "{symbols}");
    assert_serves(&mut client).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn a_64_kb_line_opens_and_takes_keystrokes() {
    a_long_line_opens_and_takes_keystrokes(64 << 10).await;
}

#[tokio::test]
async fn a_one_megabyte_line_opens_and_takes_keystrokes() {
    a_long_line_opens_and_takes_keystrokes(1 << 20).await;
}

#[tokio::test]
async fn binary_text_is_analysed_like_any_other() {
    // Every byte value, as a client would send a binary file it read lossily: control
    // characters, NUL, U+FFFD, lone CRs, BOMs, private-use and astral characters.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(64 << 10).chain(*b"\xef\xbb\xbf\r\r\n\x00").collect();
    let text = String::from_utf8_lossy(&bytes).into_owned() + "\u{FEFF}\u{E000}\u{10FFFF}\u{2028}\u{85}𠀀😀一、\r";
    let mut client = initialized().await;
    for (i, encoding) in Encoding::ALL.into_iter().enumerate() {
        let doc = uri(&format!("binary-{i}.txt"));
        client.open(&doc, &text, 1);
        client.wait_diagnostics(&doc, 1).await;
        let end = encoding.position(&text, text.len());
        client.change(&doc, 2, vec![edit(json!({ "start": end, "end": end }), "\u{0}\u{1b}[31m")]);
        client.wait_diagnostics(&doc, 2).await;
        for method in ["textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/formatting"] {
            let params = json!({ "textDocument": { "uri": doc }, "options": { "tabSize": 4, "insertSpaces": true } });
            let response = client.request(method, params).await;
            assert!(response.get("error").is_none(), "{method}: {response}");
        }
        let response = client
            .request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": doc }, "position": { "line": 0, "character": 5 } }),
            )
            .await;
        assert!(response.get("error").is_none(), "hover: {response}");
    }
    assert_serves(&mut client).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn positions_that_do_not_exist_are_clamped_and_the_text_stays_in_step() {
    let mut client = initialized().await;
    let doc = uri("positions.txt");
    // 𠀀 is a surrogate pair in UTF-16: character 1 on line 0 is between its halves.
    let text = "𠀀一、甲\n二、乙\n";
    client.open(&doc, text, 1);
    client.wait_diagnostics(&doc, 1).await;
    let pos = |line: i64, character: i64| json!({ "line": line, "character": character });
    let range = |a: Value, b: Value| json!({ "start": a, "end": b });
    let edits = [
        range(pos(0, 1), pos(0, 1)),     // inside a surrogate pair
        range(pos(0, 500), pos(0, 500)), // past the end of the line
        range(pos(900, 0), pos(900, 3)), // past the end of the document
        range(pos(1, 3), pos(0, 2)),     // end before start
        range(pos(4_294_967_295, 4_294_967_295), pos(4_294_967_295, 4_294_967_295)), // u32::MAX
    ];
    let mut version = 1;
    for r in edits {
        version += 1;
        client.change(&doc, version, vec![edit(r, "")]);
        client.wait_diagnostics(&doc, version).await;
    }
    // Out of range for u32 or negative: the notification cannot be decoded and is dropped.
    for bad in [range(pos(-1, 0), pos(0, 0)), range(pos(0, 0), pos(0, 1 << 40))] {
        client.change(&doc, version + 1, vec![edit(bad, "X")]);
    }
    // The whole text replaced, then one edit: the server's text is what we think it is.
    version += 1;
    client.change(&doc, version, vec![full_text("一、甲\n二、乙\n四、丙\n")]);
    version += 1;
    client.change(&doc, version, vec![edit(range(pos(2, 0), pos(2, 1)), "三")]);
    let diagnostics = client.wait_diagnostics(&doc, version).await;
    assert!(diagnostics.is_empty(), "一、二、三、 after the fix: {diagnostics:#?}");
    assert_serves(&mut client).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn a_burst_of_a_thousand_edits_ends_in_the_right_text_and_never_publishes_stale_versions() {
    let mut client = initialized().await;
    let doc = uri("burst.txt");
    client.open(&doc, "一、甲\n三、乙\n", 1);
    client.wait_diagnostics(&doc, 1).await;
    // Type 1000 characters at the end of the first heading, without waiting.
    for k in 0..1000u32 {
        let at = json!({ "line": 0, "character": 3 + k });
        client.change(&doc, i64::from(k) + 2, vec![edit(json!({ "start": at, "end": at }), "新")]);
    }
    let last = 1001;
    let diagnostics = client.wait_diagnostics(&doc, last).await;
    assert_eq!(codes(&diagnostics), ["numbering.gap"]);
    // Publications for the document came in increasing version order.
    let versions: Vec<i64> = client
        .pending_notifications()
        .iter()
        .filter(|n| n.pointer("/params/uri") == Some(&json!(doc)))
        .filter_map(|n| n.pointer("/params/version").and_then(Value::as_i64))
        .collect();
    assert!(versions.iter().all(|&v| v > last), "stale publications after {last}: {versions:?}");
    // The heading's selection ends after the 1000 typed characters: the text is in step.
    let symbols = client.document_symbols(&doc).await;
    assert_eq!(symbols.pointer("/0/selectionRange/end"), Some(&json!({ "line": 0, "character": 1003 })), "{symbols}");
    assert_serves(&mut client).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn a_hundred_open_documents() {
    let mut client = initialized().await;
    let text = include_str!("../examples/2026-gaoxin-plan.txt");
    let docs: Vec<String> = (0..100).map(|i| uri(&format!("many/{i:03}.txt"))).collect();
    for d in &docs {
        client.open(d, text, 1);
    }
    for d in &docs {
        client.wait_diagnostics(d, 1).await;
    }
    for d in docs.iter().step_by(17) {
        let symbols = client.document_symbols(d).await;
        assert!(symbols.as_array().is_some_and(|s| !s.is_empty()), "{d}: {symbols}");
    }
    let found = client.call("workspace/symbol", json!({ "query": "创新" })).await;
    assert!(found.as_array().is_some_and(|s| s.len() >= 100), "workspace symbols over 100 drafts: {}", found);
    for d in &docs {
        client.close(d);
    }
    for d in &docs {
        client.wait_unversioned_diagnostics(d).await;
    }
    assert_serves(&mut client).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn edits_to_closed_and_unknown_documents_are_ignored() {
    let mut client = initialized().await;
    let doc = uri("closed.txt");
    client.open(&doc, PROBE_TEXT, 1);
    client.wait_diagnostics(&doc, 1).await;
    client.close(&doc);
    client.wait_unversioned_diagnostics(&doc).await;
    let at = json!({ "line": 0, "character": 0 });
    client.change(&doc, 2, vec![edit(json!({ "start": at, "end": at }), "X")]);
    client.change(&doc, 3, vec![full_text("whatever")]);
    client.change(&uri("never-opened.txt"), 1, vec![full_text("一、甲")]);
    client.close(&uri("never-opened.txt"));
    client.close(&doc); // twice
    for method in ["textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/formatting"] {
        let params = json!({ "textDocument": { "uri": doc }, "options": { "tabSize": 4, "insertSpaces": true } });
        let response = client.request(method, params).await;
        assert!(
            response.get("error").is_none() && response["result"].is_null(),
            "{method} on a closed document: {response}"
        );
    }
    let response = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": doc }, "position": { "line": 0, "character": 0 } }),
        )
        .await;
    assert!(response.get("error").is_none(), "{response}");
    assert!(!client.has_pending_diagnostics(&doc), "nothing published for a closed document");
    // Opening it again starts from the text sent, at the version sent.
    client.open(&doc, "一、甲\n二、乙\n", 7);
    assert!(client.wait_diagnostics(&doc, 7).await.is_empty());
    // The same URI opened twice: the second open wins.
    client.open(&doc, PROBE_TEXT, 9);
    assert_eq!(codes(&client.wait_diagnostics(&doc, 9).await), ["numbering.gap"]);
    assert_serves(&mut client).await;
    client.shutdown_and_exit().await;
}

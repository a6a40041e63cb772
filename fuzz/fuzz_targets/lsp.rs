//! The JSON-RPC input of the server: bytes through `workplan::lsp::serve` over in-memory
//! pipes. Nothing panics, nothing hangs (every wait is bounded: a hang is reported as a
//! crash), and after the input the server still answers a request.
//!
//! The first byte picks the mode:
//! - bit 0 clear, “framed”: the rest is split at 0xFF bytes (never in UTF-8) and each piece
//!   is sent as one correctly framed body, so the fuzzer works on the JSON-RPC messages;
//!   then a probe request (`shutdown`, id `"probe"`) must be answered, unless the input
//!   asked the server to `exit`.
//! - bit 0 set, “raw”: the rest is written as is (broken headers, truncated frames).
//! - bit 1 clear: a well-formed `initialize` and `initialized` go first (bit 1 set: the
//!   input starts cold, so requests arrive before `initialize`).
//!
//! The crash this target found (a message with a duplicate key or a fractional id ended the
//! session) is fixed in the reader (`src/lsp/transport.rs`); `tests/hostile.rs` keeps it as
//! a regression test.

#![no_main]

use std::sync::LazyLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::runtime::Runtime;

const LIMIT: Duration = Duration::from_secs(10);

static RT: LazyLock<Runtime> =
    LazyLock::new(|| tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime"));

const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{"general":{"positionEncodings":["utf-16"]}}}}"#;
const INITIALIZED: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
const PROBE: &str = r#"{"jsonrpc":"2.0","id":"probe","method":"shutdown"}"#;

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Reads the server's output until the probe's response (true) or the end (false).
async fn read_until_probe(from_server: tokio::io::DuplexStream) -> bool {
    let mut r = BufReader::new(from_server);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match r.read_line(&mut line).await {
                Ok(0) | Err(_) => return false,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = Some(v.trim().parse::<usize>().expect("the server frames with a numeric Content-Length"));
            }
        }
        let mut body = vec![0; length.expect("the server sent a frame without Content-Length")];
        if r.read_exact(&mut body).await.is_err() {
            return false;
        }
        let body = String::from_utf8(body).expect("the server sent a body that is not UTF-8");
        // The server's output is serde_json's compact form, so a text search finds the probe.
        if body.contains(r#""id":"probe""#) && !body.contains(r#""method""#) {
            return true;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let framed = mode & 1 == 0;
    let mut input = Vec::new();
    if mode & 2 == 0 {
        input.extend(frame(INITIALIZE.as_bytes()));
        input.extend(frame(INITIALIZED.as_bytes()));
    }
    if framed {
        for piece in rest.split(|&b| b == 0xFF) {
            input.extend(frame(piece));
        }
        input.extend(frame(PROBE.as_bytes()));
    } else {
        input.extend_from_slice(rest);
    }
    // An `exit` anywhere may end the session before the probe; so may a raw input.
    let expect_answer = framed && !rest.windows(4).any(|w| w == b"exit");

    RT.block_on(async move {
        let (mut to_server, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, from_server) = tokio::io::duplex(1 << 16);
        let server = tokio::spawn(workplan::lsp::serve(server_in, server_out));
        let reader = tokio::spawn(read_until_probe(from_server));
        let write = async {
            let _ = to_server.write_all(&input).await;
            let _ = to_server.flush().await;
        };
        tokio::time::timeout(LIMIT, write).await.expect("the server stopped reading its input (hang)");
        let mut reader = Some(reader);
        if expect_answer {
            let answered = tokio::time::timeout(LIMIT, reader.take().expect("reader"))
                .await
                .expect("no answer to the probe request (hang)")
                .expect("reader task");
            assert!(answered, "the server closed its output without answering the probe request");
        }
        drop(to_server);
        tokio::time::timeout(LIMIT, server)
            .await
            .expect("the server did not stop after its input closed (hang)")
            .expect("the server task panicked");
        if let Some(reader) = reader {
            // The output is closed now: the reader ends at once.
            let _ = tokio::time::timeout(LIMIT, reader).await.expect("the server's output did not close");
        }
    });
});

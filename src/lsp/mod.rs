//! The language server: the only module that knows the protocol. It converts protocol types
//! to core calls and back; all analysis lives in the core.
//!
//! One execution model (docs/lsp-design.md): a reader thread turns the client's frames into
//! events, one main loop owns the state, handles them in order and writes what it sends.
//!
//! ```text
//! client ─► reader (frames_in, transport) ─┐
//!           workspace indexer ─────────────┴─► events ─► main_loop ─► Output ─► client
//!                                                        (sync, requests, publish)
//! ```

mod actions;
mod capabilities;
mod convert;
mod frames_in;
mod main_loop;
mod publish;
mod requests;
mod state;
mod sync;
mod transport;
mod workspace;

use std::io::{Read, Write};
use std::sync::mpsc;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::io::SyncIoBridge;

/// Serves LSP over async byte streams (in-memory pipes in tests and fuzzing) until the client
/// sends `exit` or closes the input, and returns once what was sent is written. Returns
/// whether the client asked for `shutdown` before the session ended.
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (input, output) = (SyncIoBridge::new(input), SyncIoBridge::new(output));
    tokio::task::spawn_blocking(move || session(input, output)).await.unwrap_or(false)
}

/// The session: the reader thread, and the main loop that writes to `output`.
fn session(input: impl Read + Send + 'static, output: impl Write + 'static) -> bool {
    let (events, received) = mpsc::channel();
    let reader = events.clone();
    // Left running when the session ends: a client may keep its end open after `exit`.
    let read = std::thread::Builder::new().name("workplan-read".into()).spawn(move || transport::read(input, &reader));
    if let Err(e) = read {
        tracing::error!("cannot start the reader thread: {e}");
        return false;
    }
    main_loop::run(received, events, transport::Output(Box::new(output)))
}

/// What the stdout pipe is enlarged to: Linux's default limit for unprivileged processes.
/// Through the default 64 KiB pipe a megabyte-long publication takes sixteen sleeps and
/// wake-ups of both ends.
#[cfg(target_os = "linux")]
const STDOUT_PIPE_BYTES: usize = 1 << 20;

/// `workplan lsp`: serves on stdin/stdout; returns the exit code: as LSP asks, 0 after
/// `shutdown` and 1 without it; 2 when the server could not start, as for the other
/// commands' errors.
pub fn run_stdio() -> u8 {
    // Frames are written whole from their buffers, not through std's line-buffered stdout.
    use std::os::fd::AsFd;
    let stdout = match std::io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => std::fs::File::from(fd),
        Err(e) => {
            tracing::error!("cannot write to stdout: {e}");
            return 2;
        }
    };
    // Not being a pipe, or a lower system limit, is no matter.
    #[cfg(target_os = "linux")]
    let _ = rustix::pipe::fcntl_setpipe_size(&stdout, STDOUT_PIPE_BYTES);
    if session(std::io::stdin(), stdout) {
        0
    } else {
        tracing::warn!("the session ended without a shutdown request");
        1
    }
}

//! The language server: the only module that knows the LSP library. It converts protocol
//! types to core calls and back; all analysis lives in the core.

mod actions;
mod capabilities;
mod convert;
mod frames_in;
mod framing;
mod line_ids;
mod open;
mod publish;
mod server;
mod settings;
mod state;
mod workspace;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::LspService;

pub use server::Backend;

/// Serves LSP over any byte streams (stdio in production, in-memory pipes in tests) until
/// the client sends `exit` or closes the input, and returns once what was sent is written.
/// [`framing`] reads and decodes the client's frames (a malformed one is answered with an
/// error instead of ending the session) and drives the library's request router; responses,
/// error replies, the backend's requests to the client and its publications share one FIFO
/// to the output. Returns whether the client asked for `shutdown` before the session ended.
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    serve_to(input, framing::AsyncSink(output)).await
}

async fn serve_to<I, S>(input: I, output: S) -> bool
where
    I: AsyncRead + Unpin,
    S: framing::FrameSink,
{
    let (frames, queued) = tokio::sync::mpsc::unbounded_channel();
    let publications = frames.clone();
    let (service, socket) = LspService::new(move |client| Backend::new(client, publications));
    let (ended, session_over) = tokio::sync::oneshot::channel();
    let session = async move {
        let shut_down = framing::serve_session(input, service, socket, frames).await;
        let _ = ended.send(());
        shut_down
    };
    tokio::join!(session, framing::write_output(output, queued, session_over)).0
}

/// malloc arenas the server's threads share (glibc's default is eight per core).
///
/// The document-wide passes run on the parse workers, in whichever arena each worker was
/// given, while the analysis they replace was freed in others: with an arena per thread,
/// the freed memory of one analysis was not reused for the next, and a 10 MB draft took
/// 6 MiB more at the peak. On two cores more arenas do not make allocation faster.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MALLOC_ARENAS: libc::c_int = 2;

/// How a language-server session ended; the process exits with [`SessionEnd::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    /// `exit` after `shutdown`.
    Clean,
    /// `exit` (or the end of input) without `shutdown`.
    WithoutShutdown,
    /// The server could not start.
    Error,
}

impl SessionEnd {
    /// LSP: 0 after `shutdown`, 1 without it; 2 when the server could not start, as for
    /// the other commands' errors.
    pub fn code(self) -> u8 {
        match self {
            SessionEnd::Clean => 0,
            SessionEnd::WithoutShutdown => 1,
            SessionEnd::Error => 2,
        }
    }
}

/// `workplan lsp`: serve on stdin/stdout.
pub fn run_stdio() -> SessionEnd {
    // SAFETY: `mallopt` only sets a parameter of glibc's allocator, here before the server
    // starts its threads; a value it refuses leaves the default.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, MALLOC_ARENAS);
    }
    match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => {
            let shut_down = rt.block_on(async {
                match framing::StdoutSink::start() {
                    Ok(output) => serve_to(tokio::io::stdin(), output).await,
                    Err(e) => {
                        tracing::warn!("writing through tokio's stdout: {e}");
                        serve(tokio::io::stdin(), tokio::io::stdout()).await
                    }
                }
            });
            // A read of stdin may still be pending on a blocking thread (the client keeps
            // its end open after `exit`); do not wait for it.
            rt.shutdown_background();
            // LSP: exit code 0 after `shutdown`, 1 for an `exit` (or an end) without it.
            if shut_down {
                SessionEnd::Clean
            } else {
                tracing::warn!("the session ended without a shutdown request");
                SessionEnd::WithoutShutdown
            }
        }
        Err(e) => {
            tracing::error!("cannot start the async runtime: {e}");
            SessionEnd::Error
        }
    }
}

//! The language server: the only module that knows the LSP library. It converts protocol
//! types to core calls and back; all analysis lives in the core.

mod actions;
mod capabilities;
mod convert;
mod docs;
mod framing;
mod open;
mod publish;
mod server;
mod settings;
mod workspace;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

use crate::cli::Outcome;
pub use server::Backend;

/// Buffer between the framing layer and the library, each way.
const PIPE_BYTES: usize = 1 << 16;

/// Serves LSP over any byte streams (stdio in production, in-memory pipes in tests) until
/// the client sends `exit` or closes the input. Input passes through [`framing`] first, so a
/// malformed frame is answered with an error instead of ending the session. Error replies
/// and the backend's publications share one channel into the output relay.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    serve_to(input, framing::AsyncSink(output)).await;
}

async fn serve_to<I, S>(input: I, output: S)
where
    I: AsyncRead + Unpin,
    S: framing::FrameSink,
{
    let (screened_tx, screened_rx) = tokio::io::duplex(PIPE_BYTES);
    let (server_out, relay_in) = tokio::io::duplex(PIPE_BYTES);
    let (extra_tx, extra_rx) = tokio::sync::mpsc::unbounded_channel();
    let publications = extra_tx.clone();
    let library_frames = extra_tx.clone();
    let (service, socket) = LspService::new(move |client| Backend::new(client, publications));
    let mut library = std::pin::pin!(Server::new(screened_rx, server_out, socket).serve(service));
    let mut screening = std::pin::pin!(framing::screen_input(input, screened_tx, extra_tx));
    let serving = async {
        tokio::select! {
            () = &mut library => {}
            // The client closed its input: the library sees the end of its input and stops.
            () = &mut screening => library.await,
        }
    };
    tokio::join!(serving, framing::relay_output(relay_in, output, library_frames, extra_rx));
}

/// `workplan lsp`: serve on stdin/stdout.
pub fn run_stdio() -> Outcome {
    match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => {
            rt.block_on(async {
                match framing::StdoutSink::start() {
                    Ok(output) => serve_to(tokio::io::stdin(), output).await,
                    Err(e) => {
                        tracing::warn!("writing through tokio's stdout: {e}");
                        serve(tokio::io::stdin(), tokio::io::stdout()).await;
                    }
                }
            });
            // A read of stdin may still be pending on a blocking thread (the client keeps
            // its end open after `exit`); do not wait for it.
            rt.shutdown_background();
            Outcome::Clean
        }
        Err(e) => {
            tracing::error!("cannot start the async runtime: {e}");
            Outcome::Error
        }
    }
}

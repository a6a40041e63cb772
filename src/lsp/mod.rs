//! The language server: the only module that knows the LSP library. It converts protocol
//! types to core calls and back; all analysis lives in the core.

mod capabilities;
mod convert;
mod server;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

use crate::cli::Outcome;
pub use server::Backend;

/// Serves LSP over any byte streams (stdio in production, in-memory pipes in tests) until
/// the client sends `exit` or closes the input.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::new(Backend::new);
    Server::new(input, output, socket).serve(service).await;
}

/// `workplan lsp`: serve on stdin/stdout.
pub fn run_stdio() -> Outcome {
    match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => {
            rt.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
            Outcome::Clean
        }
        Err(e) => {
            tracing::error!("cannot start the async runtime: {e}");
            Outcome::Error
        }
    }
}

//! The client's requests once the session runs: each is answered from the state, with every
//! open document's analysis brought up to date first.

use ls_types::*;
use lsp_server::ErrorCode;
use serde::Serialize;
use serde_json::Value;

use super::capabilities::{DIFF_COMMAND, TARGETS_COMMAND};
use super::state::State;
use super::{actions, convert, workspace};
use crate::document::Document;
use crate::features::{folding::folding_ranges, symbols::document_symbols};
use crate::text::PositionEncoding;

type Answer = Result<Value, (ErrorCode, String)>;

/// Answers request `method` with `params`.
pub(super) fn handle(state: &mut State, method: &str, params: Value) -> Answer {
    for open in state.docs.values_mut() {
        open.doc.refresh();
    }
    let state = &*state;
    match method {
        "textDocument/hover" => answer(params, |p: HoverParams| workspace::hover(state, &p)),
        "textDocument/references" => answer(params, |p: ReferenceParams| workspace::references(state, &p)),
        "workspace/symbol" => answer(params, |p: WorkspaceSymbolParams| {
            WorkspaceSymbolResponse::Flat(workspace::workspace_symbols(state, &p.query))
        }),
        "textDocument/codeAction" => answer(params, |p: CodeActionParams| actions::code_actions(state, &p)),
        "textDocument/documentSymbol" => answer(params, |p: DocumentSymbolParams| {
            with_doc(state, &p.text_document.uri, |doc, enc| {
                let symbols = document_symbols(doc).iter().map(|s| convert::document_symbol(doc, s, enc)).collect();
                DocumentSymbolResponse::Nested(symbols)
            })
        }),
        "textDocument/foldingRange" => answer(params, |p: FoldingRangeParams| {
            with_doc(state, &p.text_document.uri, |doc, _| {
                folding_ranges(doc).into_iter().map(|(a, b)| convert::folding_range(a, b)).collect::<Vec<_>>()
            })
        }),
        "textDocument/formatting" => {
            answer(params, |p: DocumentFormattingParams| with_doc(state, &p.text_document.uri, convert::all_fix_edits))
        }
        "workspace/executeCommand" => {
            let p: ExecuteCommandParams = decode(params)?;
            match p.command.as_str() {
                TARGETS_COMMAND => Ok(workspace::targets_table(state, &p.arguments)),
                DIFF_COMMAND => workspace::diff_drafts(state, &p.arguments).map_err(|m| (ErrorCode::InvalidParams, m)),
                other => Err((ErrorCode::InvalidParams, format!("unknown command {other}"))),
            }
        }
        _ => Err((ErrorCode::MethodNotFound, format!("不支持的请求：{method}"))),
    }
}

/// A message's params, or the error a request is answered with.
pub(super) fn decode<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, format!("参数无效：{e}")))
}

/// Decodes the params, and the result of `f` on them.
fn answer<P: serde::de::DeserializeOwned, R: Serialize>(params: Value, f: impl FnOnce(P) -> R) -> Answer {
    serde_json::to_value(f(decode(params)?)).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

/// `f` on an open document with the negotiated encoding; `None` if it is not open.
fn with_doc<T>(state: &State, uri: &Uri, f: impl FnOnce(&Document, PositionEncoding) -> T) -> Option<T> {
    state.docs.get(uri).map(|open| f(&open.doc, state.wire.encoding))
}

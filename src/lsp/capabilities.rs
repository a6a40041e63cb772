//! What the server offers, what the client supports, and the position encoding they agree on.

use ls_types::*;

use super::convert::Wire;
use crate::text::PositionEncoding;

/// The code action kind of “fix all”.
pub const FIX_ALL: &str = "source.fixAll.workplan";
/// The command that returns the indicator table as JSON.
pub const TARGETS_COMMAND: &str = "workplan.targets";
/// `workplan.diff OLD_URI NEW_URI`: what changed between two drafts, as `diff --format json`.
pub const DIFF_COMMAND: &str = "workplan.diff";

/// How findings are published to a client with `caps`: in the position encoding of the
/// session ([`PositionEncoding::preferred`]), with `relatedInformation` and the rule pages
/// for `codeDescription` only if it takes them.
pub(super) fn wire(caps: &ClientCapabilities) -> Wire {
    let offered = caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()).unwrap_or_default();
    let publish = caps.text_document.as_ref().and_then(|t| t.publish_diagnostics.as_ref());
    let pages = match publish.and_then(|p| p.code_description_support) {
        Some(true) => crate::files::rule_pages::rule_pages(),
        _ => Default::default(),
    };
    Wire {
        encoding: PositionEncoding::preferred(&offered.iter().map(|kind| kind.as_str()).collect::<Vec<_>>()),
        related: publish.and_then(|p| p.related_information).unwrap_or(false),
        pages: pages.into_iter().filter_map(|(code, path)| Some((code, Uri::from_file_path(&path)?))).collect(),
    }
}

pub fn server_capabilities(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::new(encoding.name())),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
            ..CodeActionOptions::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        references_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![TARGETS_COMMAND.to_string(), DIFF_COMMAND.to_string()],
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

pub(super) fn client_support(caps: &ClientCapabilities) -> ClientSupport {
    let ws = caps.workspace.as_ref();
    ClientSupport {
        pull_configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        progress: caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        watch_files: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        create_files: ws.and_then(|w| w.workspace_edit.as_ref()).is_some_and(|e| {
            e.document_changes == Some(true)
                && e.resource_operations.as_ref().is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
        }),
    }
}

/// What the client can do that changes what we send (beyond the findings: [`Wire`]).
#[derive(Default, Clone, Copy)]
pub(super) struct ClientSupport {
    pub pull_configuration: bool,
    pub progress: bool,
    pub watch_files: bool,
    pub create_files: bool,
}

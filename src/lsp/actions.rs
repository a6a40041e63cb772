//! Code actions: a quick fix per fixable finding, “fix all” (`source.fixAll.workplan`), and
//! “在 workplan.toml 中忽略此处”, which appends an ignore entry for the finding (plain text
//! cannot carry a suppression comment).

use std::collections::HashMap;

use ls_types::*;

use super::capabilities::FIX_ALL;
use super::convert;
use super::state::{path_of, State};
use crate::analysis::{Ignore, Replacement, Shown};
use crate::document::Document;
use crate::text::{LineSpan, PositionEncoding};

pub fn code_actions(state: &State, params: &CodeActionParams) -> Option<CodeActionResponse> {
    let uri = &params.text_document.uri;
    let open = state.docs.get(uri)?;
    let (doc, enc) = (&open.doc, state.wire.encoding);
    let wants = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
    };
    let mut actions = Vec::new();
    let in_range: Vec<Shown<'_>> = doc.diagnostics().filter(|d| overlaps(doc, d.range(), &params.range, enc)).collect();
    if wants(&CodeActionKind::QUICKFIX) {
        actions.extend(in_range.iter().filter_map(|d| quick_fix(doc, uri, d, state)));
        actions.extend(in_range.iter().filter_map(|d| ignore_here(doc, uri, d, state)));
    }
    let fix_all = CodeActionKind::new(FIX_ALL);
    if wants(&fix_all) {
        let edits = convert::all_fix_edits(doc, enc);
        if !edits.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("修正全部可自动修正的问题（{} 处）", edits.len()),
                kind: Some(fix_all),
                edit: Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))),
                ..CodeAction::default()
            }));
        }
    }
    Some(actions)
}

fn overlaps(doc: &Document, at: LineSpan, range: &Range, enc: PositionEncoding) -> bool {
    let r = convert::range(doc, at, enc);
    r.start <= range.end && range.start <= r.end
}

fn quick_fix(doc: &Document, uri: &Uri, d: &Shown<'_>, state: &State) -> Option<CodeActionOrCommand> {
    let first = d.fix().first()?;
    let edit = |r: &Replacement| {
        TextEdit::new(convert::range(doc, d.place(r.range), state.wire.encoding), r.new_text.to_string())
    };
    let edits = d.fix().iter().map(edit).collect();
    let title =
        if first.new_text.is_empty() { "删除".to_string() } else { format!("改为“{}”", first.new_text) };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![convert::diagnostic(doc, uri, d, &state.wire)]),
        edit: Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))),
        is_preferred: Some(true),
        ..CodeAction::default()
    }))
}

fn ignore_here(doc: &Document, uri: &Uri, d: &Shown<'_>, state: &State) -> Option<CodeActionOrCommand> {
    let config_uri = Uri::from_file_path(&state.config.path()?)?;
    let file = state.config.relative(&path_of(uri));
    let toml_text = Ignore::for_finding(file, d.code(), &doc.line(d.range().line), d.range().span).to_toml()?;
    let edit = match state.config.text() {
        Some(text) => {
            let at = convert::text_range(&text, text.len()..text.len(), state.wire.encoding).end;
            let sep = if text.is_empty() || text.ends_with('\n') { "\n" } else { "\n\n" };
            let append = TextEdit::new(Range::new(at, at), format!("{sep}{toml_text}"));
            WorkspaceEdit::new(HashMap::from([(config_uri, vec![append])]))
        }
        None if state.support.create_files => WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(vec![
                DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                    uri: config_uri.clone(),
                    options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
                    annotation_id: None,
                })),
                DocumentChangeOperation::Edit(TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier { uri: config_uri, version: None },
                    edits: vec![OneOf::Left(TextEdit::new(Range::default(), toml_text))],
                }),
            ])),
            ..WorkspaceEdit::default()
        },
        None => return None,
    };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("在 workplan.toml 中忽略此处（{}）", d.code()),
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(edit),
        ..CodeAction::default()
    }))
}

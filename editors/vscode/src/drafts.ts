// Which documents are drafts the server checks.

import * as vscode from 'vscode';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'file', language: 'markdown' },
  // The server reads workplan.toml's live text and reports a broken file on the file itself.
  { scheme: 'file', pattern: '**/workplan.toml' },
];

export function isDraft(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && (doc.languageId === 'plaintext' || doc.languageId === 'markdown');
}

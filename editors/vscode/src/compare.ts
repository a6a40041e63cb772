// “Compare with an earlier draft”: the server's `workplan.diff` command for the open draft
// and a draft picked from the workspace, shown as a Markdown table (the table of
// `workplan diff --format markdown`, with the lines in both drafts).

import * as path from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';

import { isDraft } from './drafts';
import type { Extension } from './extension';

export const DIFF_COMMAND = 'workplan.diff';

/** One side of a change (the `diff --format json` shape). */
interface Side {
  path: string;
  line: number;
  label: string;
  text: string;
}

interface Change {
  subject: string;
  changes: string[];
  old: Side | null;
  new: Side | null;
  detail: string | null;
}

// The CLI's words, so that the editor shows the same table.
const SUBJECT: Record<string, string> = { section: '章节', task: '任务', target: '指标' };
const CHANGE: Record<string, string> = {
  added: '新增',
  removed: '删除',
  renumbered: '序号变化',
  reworded: '表述修改',
  lead: '牵头单位调整',
  deadline: '完成时限调整',
  value: '数值变化',
  tier: '口径变化',
};

function isChange(v: unknown): v is Change {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const c = v as Record<string, unknown>;
  return typeof c.subject === 'string' && Array.isArray(c.changes);
}

/** Text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A side with its line, or nothing. (No link: the preview does not follow file: links.) */
function side(s: Side | null): string {
  return s ? `${cell(`${s.label} ${s.text}`.trim())}（第${s.line}行）` : '';
}

/** The report as a Markdown page. */
export function markdown(oldName: string, newName: string, changes: Change[]): string {
  const lines = [`# ${cell(oldName)} → ${cell(newName)}`, ''];
  if (changes.length === 0) {
    lines.push('两稿的章节、任务与指标没有变化。');
    return lines.join('\n') + '\n';
  }
  lines.push('| 对象 | 变化 | 原稿 | 新稿 | 说明 |', '|---|---|---|---|---|');
  for (const c of changes) {
    const kinds = c.changes.map((k) => CHANGE[k] ?? k).join('、');
    lines.push(`| ${SUBJECT[c.subject] ?? c.subject} | ${kinds} | ${side(c.old)} | ${side(c.new)} | ${cell(c.detail ?? '')} |`);
  }
  return lines.join('\n') + '\n';
}

export async function compareDrafts(ext: Extension): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isDraft(editor.document)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('workplan: open a plain-text or Markdown draft first.'));
    return;
  }
  const client = ext.runningClient();
  if (!client) {
    return;
  }
  const commands = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (!commands.includes(DIFF_COMMAND)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('workplan: this server ({0}) cannot compare drafts; update workplan.', ext.binary?.command ?? ''),
    );
    return;
  }
  const current = editor.document.uri;
  const files = await vscode.workspace.findFiles('**/*.{txt,md}', '**/node_modules/**', 2000);
  const items = files
    .filter((f) => f.toString() !== current.toString())
    .map((f) => ({ label: path.basename(f.fsPath), description: vscode.workspace.asRelativePath(f), uri: f }))
    .sort((a, b) => a.description.localeCompare(b.description, 'zh-CN'));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Compare {0} with an earlier draft', path.basename(current.fsPath)),
    placeHolder: vscode.l10n.t('Pick the earlier draft'),
    matchOnDescription: true,
  });
  if (!picked) {
    return;
  }
  const asUri = (u: vscode.Uri) => client.code2ProtocolConverter.asUri(u);
  let report: unknown;
  try {
    report = await client.sendRequest(ExecuteCommandRequest.type, {
      command: DIFF_COMMAND,
      arguments: [asUri(picked.uri), asUri(current)],
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ext.output.error(`${DIFF_COMMAND}: ${message}`);
    void vscode.window.showErrorMessage(`workplan: ${message}`);
    return;
  }
  const raw = (report as { changes?: unknown } | null)?.changes;
  const changes = Array.isArray(raw) ? raw.filter(isChange) : [];
  const content = markdown(picked.label, path.basename(current.fsPath), changes);
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}

// “Open rule documentation”: the page of the finding under the cursor, else a pick list of
// every rule. The pages ship in the extension (docs/rules/*.md, copied from the repository by
// `npm run bundle-server`) and open in the Markdown preview.

import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

interface RulePage {
  code: string;
  title: string;
  file: string;
}

function rulePages(context: vscode.ExtensionContext): RulePage[] {
  const dir = path.join(context.extensionPath, 'docs', 'rules');
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.md'));
  } catch {
    return [];
  }
  const pages: RulePage[] = [];
  for (const f of files.sort()) {
    const file = path.join(dir, f);
    const code = f === 'README.md' ? '' : f.slice(0, -3);
    let title = '';
    try {
      // “# numbering.gap — 同级序号跳号、重复或倒退”
      const first = fs.readFileSync(file, 'utf8').split(/\r?\n/, 1)[0] ?? '';
      title = first.replace(/^#\s*/, '').replace(code, '').replace(/^\s*—\s*/, '').trim();
    } catch {
      // Unreadable page: listed by its code alone.
    }
    pages.push({ code, title, file });
  }
  return pages;
}

/** The code of a workplan finding under the cursor in the active editor, if any. */
function codeAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return undefined;
  }
  const pos = editor.selection.active;
  for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
    if (d.source !== 'workplan' || !d.range.contains(pos)) {
      continue;
    }
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    if (code !== undefined) {
      return String(code);
    }
  }
  return undefined;
}

async function open(file: string): Promise<void> {
  const uri = vscode.Uri.file(file);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}

export async function openRuleDocs(context: vscode.ExtensionContext, code?: string): Promise<void> {
  const pages = rulePages(context);
  if (pages.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('workplan: this build of the extension carries no rule pages (run “npm run bundle-server”).'),
    );
    return;
  }
  const wanted = code ?? codeAtCursor();
  const direct = wanted !== undefined ? pages.find((p) => p.code === wanted) : undefined;
  if (direct) {
    return open(direct.file);
  }
  const items = pages.map((p) => ({
    label: p.code === '' ? vscode.l10n.t('All rules') : p.code,
    description: p.code === '' ? '' : p.title,
    page: p,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('workplan rules'),
    placeHolder: vscode.l10n.t('Pick a rule to read its page'),
    matchOnDescription: true,
  });
  if (picked) {
    await open(picked.page.file);
  }
}

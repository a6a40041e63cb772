// “Show the target table”: the server's `workplan.targets` command (the indicator table as
// JSON) rendered in a webview; a click on a row opens the statement.

import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';

import { isDraft } from './drafts';
import type { Extension } from './extension';

export const TARGETS_COMMAND = 'workplan.targets';

/** One row of `workplan.targets` (the `targets --format json` shape). */
export interface TargetRow {
  path: string;
  line: number;
  column: number;
  indicator: string;
  kind: string;
  modality: string;
  qualifier: string | null;
  value: string;
  unit: string;
  base_value: number;
  base_unit: string;
  period: string | null;
  text: string;
}

type Scope = 'file' | 'all';

function isRow(v: unknown): v is TargetRow {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const r = v as Record<string, unknown>;
  return typeof r.path === 'string' && typeof r.line === 'number' && typeof r.indicator === 'string';
}

/** A row's `path`: a URI string from the server, or a file path. */
export function rowUri(p: string): vscode.Uri {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(p) && !/^[a-zA-Z]:[\\/]/.test(p) ? vscode.Uri.parse(p) : vscode.Uri.file(p);
}

/** 1-based line and column counted in Unicode characters → a VS Code position (UTF-16). */
function position(doc: vscode.TextDocument, line: number, column: number): vscode.Position {
  const l = Math.min(Math.max(line - 1, 0), doc.lineCount - 1);
  const text = doc.lineAt(l).text;
  let utf16 = 0;
  let chars = 0;
  for (const ch of text) {
    if (chars >= column - 1) {
      break;
    }
    utf16 += ch.length;
    chars += 1;
  }
  return new vscode.Position(l, utf16);
}

function labels(): Record<string, string> {
  const t = vscode.l10n.t;
  return {
    title: t('workplan targets'),
    indicator: t('Indicator'),
    kind: t('Kind'),
    modality: t('Modality'),
    value: t('Value'),
    period: t('Period'),
    where: t('Where'),
    file: t('This file'),
    all: t('All drafts'),
    refresh: t('Refresh'),
    empty: t('No targets found.'),
    count: t('{0} statements of {1} indicators'),
    'kind.level': t('level'),
    'kind.growth': t('growth'),
    'kind.average-growth': t('average growth'),
    'kind.share': t('share'),
    'kind.count-change': t('count change'),
    'kind.increase': t('increase'),
    'kind.decrease': t('decrease'),
    'kind.rank': t('rank'),
    'modality.guarantee': t('guaranteed (确保)'),
    'modality.aspiration': t('aspired (力争)'),
    'modality.forecast': t('forecast (预计)'),
    'modality.target': t('target'),
    'modality.actual': t('actual'),
  };
}

export class TargetTable implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private scope: Scope = 'all';
  private file: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ext: Extension) {
    // The table follows the drafts: new diagnostics mean the server has re-analysed a draft.
    this.disposables.push(
      vscode.languages.onDidChangeDiagnostics(() => {
        if (this.panel?.visible) {
          this.schedule();
        }
      }),
    );
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.panel?.dispose();
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  private schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => void this.refresh(), 400);
  }

  async show(): Promise<void> {
    const client = this.ext.runningClient();
    if (!client) {
      return;
    }
    const commands = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    if (!commands.includes(TARGETS_COMMAND)) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('workplan: this server ({0}) has no target table; update workplan.', this.ext.binary?.command ?? ''),
      );
      return;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && isDraft(editor.document)) {
      this.scope = 'file';
      this.file = editor.document.uri;
    } else if (!this.file) {
      this.scope = 'all';
    }
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = this.createPanel();
    }
    await this.refresh();
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      'workplan.targets',
      vscode.l10n.t('workplan targets'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [] },
    );
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
    panel.onDidChangeViewState(() => {
      if (panel.visible) {
        this.schedule();
      }
    });
    panel.webview.onDidReceiveMessage((m: { type?: string; path?: string; line?: number; column?: number; scope?: Scope }) => {
      if (m.type === 'open' && typeof m.path === 'string') {
        void this.openRow(m.path, m.line ?? 1, m.column ?? 1);
      } else if (m.type === 'scope' && (m.scope === 'file' || m.scope === 'all')) {
        this.scope = m.scope;
        void this.refresh();
      } else if (m.type === 'refresh' || m.type === 'ready') {
        void this.refresh();
      }
    });
    // Last: the page posts `ready` as soon as it runs, and that must find the listener above.
    panel.webview.html = this.html(panel.webview);
    return panel;
  }

  private async openRow(p: string, line: number, column: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(rowUri(p));
    const pos = position(doc, line, column);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
  }

  /** Asks the server for the table and sends it to the webview. */
  async refresh(): Promise<void> {
    const panel = this.panel;
    const client = this.ext.client;
    if (!panel || !client || !client.isRunning()) {
      return;
    }
    const args = this.scope === 'file' && this.file ? [client.code2ProtocolConverter.asUri(this.file)] : [];
    let rows: TargetRow[] = [];
    let error: string | undefined;
    try {
      const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, { command: TARGETS_COMMAND, arguments: args });
      rows = Array.isArray(result) ? result.filter(isRow) : [];
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.ext.output.error(`${TARGETS_COMMAND}: ${error}`);
    }
    rows.sort((a, b) => a.indicator.localeCompare(b.indicator, 'zh-CN') || a.path.localeCompare(b.path) || a.line - b.line);
    const fileName = this.file ? path.basename(this.file.fsPath) : '';
    await panel.webview.postMessage({
      type: 'rows',
      // In one draft the line says where; across drafts, the file too.
      rows: rows.map((r) => ({
        ...r,
        where: this.scope === 'file' ? vscode.l10n.t('line {0}', r.line) : `${path.basename(rowUri(r.path).fsPath)}:${r.line}`,
      })),
      scope: this.scope,
      file: fileName,
      error,
    });
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const l = JSON.stringify(labels()).replace(/</g, '\\u003c');
    return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>workplan</title>
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px; }
  header { display: flex; gap: 8px; align-items: center; margin: 10px 0; flex-wrap: wrap; }
  header .summary { margin-left: auto; opacity: 0.8; }
  button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 4px 10px; cursor: pointer; }
  button.active { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); vertical-align: top; }
  th { position: sticky; top: 0; background: var(--vscode-editor-background); }
  tr.row { cursor: pointer; }
  tr.row:hover { background: var(--vscode-list-hoverBackground); }
  tr.first td { border-top: 2px solid var(--vscode-panel-border, #8886); }
  td.indicator, td.kind, td.modality, td.period { white-space: nowrap; }
  td.value { white-space: nowrap; font-variant-numeric: tabular-nums; }
  tr.row:not(.sub) td { border-bottom: none; padding-bottom: 0; }
  tr.sub td.text { padding-top: 2px; font-size: 0.92em; }
  td.where { white-space: nowrap; color: var(--vscode-textLink-foreground); }
  td.text { opacity: 0.75; }
  .error { color: var(--vscode-errorForeground); }
</style>
</head>
<body>
<header>
  <button id="file"></button><button id="all"></button><button id="refresh"></button>
  <span class="summary" id="summary"></span>
</header>
<div id="content"></div>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const L = ${l};
  const $ = (id) => document.getElementById(id);
  $('all').textContent = L.all;
  $('refresh').textContent = L.refresh;
  $('file').onclick = () => vscode.postMessage({ type: 'scope', scope: 'file' });
  $('all').onclick = () => vscode.postMessage({ type: 'scope', scope: 'all' });
  $('refresh').onclick = () => vscode.postMessage({ type: 'refresh' });
  function cell(tr, text, cls) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.type !== 'rows') return;
    $('file').textContent = L.file + (m.file ? ' (' + m.file + ')' : '');
    $('file').className = m.scope === 'file' ? 'active' : '';
    $('all').className = m.scope === 'all' ? 'active' : '';
    const content = $('content');
    content.textContent = '';
    if (m.error) {
      const p = document.createElement('p');
      p.className = 'error';
      p.textContent = m.error;
      content.appendChild(p);
    }
    const indicators = new Set(m.rows.map((r) => r.indicator));
    $('summary').textContent = L.count.replace('{0}', m.rows.length).replace('{1}', indicators.size);
    if (m.rows.length === 0) {
      const p = document.createElement('p');
      p.textContent = L.empty;
      content.appendChild(p);
      return;
    }
    const table = document.createElement('table');
    const head = table.createTHead().insertRow();
    for (const h of [L.indicator, L.kind, L.modality, L.value, L.period, L.where]) {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    }
    const body = table.createTBody();
    let previous = null;
    for (const r of m.rows) {
      const tr = body.insertRow();
      tr.className = 'row' + (r.indicator !== previous ? ' first' : '');
      cell(tr, r.indicator !== previous ? r.indicator : '', 'indicator');
      previous = r.indicator;
      cell(tr, L['kind.' + r.kind] || r.kind, 'kind');
      cell(tr, L['modality.' + r.modality] || r.modality, 'modality');
      const q = r.qualifier || '';
      const suffix = ['左右', '以上', '以下', '以内', '以內'].includes(q);
      cell(tr, (suffix ? '' : q) + r.value + r.unit + (suffix ? q : ''), 'value');
      cell(tr, r.period || '', 'period');
      cell(tr, r.where, 'where');
      // The sentence on a line of its own under its row: it needs the width.
      const sub = body.insertRow();
      sub.className = 'row sub';
      const td = cell(sub, r.text, 'text');
      td.colSpan = 6;
      const open = () => vscode.postMessage({ type: 'open', path: r.path, line: r.line, column: r.column });
      tr.onclick = open;
      sub.onclick = open;
    }
    content.appendChild(table);
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
  }
}

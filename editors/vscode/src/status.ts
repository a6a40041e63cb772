// The status-bar item: the server's state and the number of findings in the active draft.

import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';

import { isDraft } from './drafts';
import type { Extension } from './extension';

type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private clientListener: vscode.Disposable | undefined;
  private state: ServerState = 'starting';
  private failure: string | undefined;
  private flashText: string | undefined;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  /** The draft last shown in an editor: the count stays on it while a panel has focus. */
  private lastDraft: vscode.TextDocument | undefined;

  constructor(private readonly ext: Extension) {
    this.item = vscode.window.createStatusBarItem('workplan.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'workplan';
    this.disposables.push(
      this.item,
      vscode.languages.onDidChangeDiagnostics(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.render();
    this.item.show();
  }

  dispose(): void {
    this.clientListener?.dispose();
    if (this.flashTimer) {
      clearTimeout(this.flashTimer);
    }
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  attach(client: LanguageClient): void {
    this.clientListener?.dispose();
    this.failure = undefined;
    this.state = 'starting';
    this.clientListener = client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        this.state = 'running';
        this.failure = undefined;
      } else if (e.newState === State.Starting) {
        this.state = 'starting';
      } else if (this.state !== 'failed') {
        this.state = 'stopped';
      }
      this.render();
    });
    this.render();
  }

  detach(): void {
    this.clientListener?.dispose();
    this.clientListener = undefined;
    if (this.state !== 'failed') {
      this.state = 'stopped';
    }
    this.render();
  }

  failed(why: string): void {
    this.state = 'failed';
    this.failure = why;
    this.render();
  }

  /** Shows `text` in the item for a few seconds (after “fix all”). */
  flash(text: string): void {
    this.flashText = text;
    if (this.flashTimer) {
      clearTimeout(this.flashTimer);
    }
    this.flashTimer = setTimeout(() => {
      this.flashText = undefined;
      this.render();
    }, 4000);
    this.render();
  }

  /** Findings of the workplan server in the active (or last shown) draft, by severity. */
  private counts(): { total: number; bySeverity: number[]; uri?: vscode.Uri } {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isDraft(active)) {
      this.lastDraft = active;
    }
    const document = active && isDraft(active) ? active : this.lastDraft;
    const collection = this.ext.client?.diagnostics;
    const bySeverity = [0, 0, 0, 0];
    if (!document || document.isClosed || !collection) {
      return { total: 0, bySeverity };
    }
    const list = collection.get(document.uri) ?? [];
    for (const d of list) {
      bySeverity[d.severity] += 1;
    }
    return { total: list.length, bySeverity, uri: document.uri };
  }

  render(): void {
    const { total, bySeverity, uri } = this.counts();
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = { enabledCommands: ['workplan.restartServer', 'workplan.showOutput', 'workbench.actions.view.problems'] };
    const server = this.ext.binary ? `\`${this.ext.binary.command}\` (${this.ext.binary.source})` : '—';
    const version = this.ext.client?.initializeResult?.serverInfo?.version;

    this.item.backgroundColor = undefined;
    switch (this.state) {
      case 'starting':
        this.item.text = '$(loading~spin) workplan';
        tooltip.appendMarkdown(vscode.l10n.t('**workplan**: starting the language server…'));
        this.item.command = 'workplan.showOutput';
        break;
      case 'failed':
      case 'stopped':
        this.item.text = '$(error) workplan';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        tooltip.appendMarkdown(
          this.state === 'failed'
            ? vscode.l10n.t('**workplan**: the language server failed: {0}', this.failure ?? '')
            : vscode.l10n.t('**workplan**: the language server is stopped.'),
        );
        tooltip.appendMarkdown('\n\n[$(debug-restart) ' + vscode.l10n.t('Restart') + '](command:workplan.restartServer)');
        this.item.command = 'workplan.restartServer';
        break;
      case 'running': {
        const icon = total === 0 ? '$(pass)' : bySeverity[vscode.DiagnosticSeverity.Error] > 0 ? '$(error)' : '$(warning)';
        this.item.text = uri ? `${icon} workplan ${total}` : '$(pass) workplan';
        tooltip.appendMarkdown(vscode.l10n.t('**workplan** {0}: running', version ?? ''));
        if (uri) {
          tooltip.appendMarkdown(
            '\n\n' +
              vscode.l10n.t(
                'This file: {0} findings ({1} errors, {2} warnings, {3} information)',
                total,
                bySeverity[vscode.DiagnosticSeverity.Error],
                bySeverity[vscode.DiagnosticSeverity.Warning],
                bySeverity[vscode.DiagnosticSeverity.Information],
              ),
          );
        }
        this.item.command = 'workbench.actions.view.problems';
        break;
      }
    }
    if (this.flashText) {
      this.item.text = `$(check) workplan: ${this.flashText}`;
    }
    tooltip.appendMarkdown('\n\n' + vscode.l10n.t('Server: {0}', server));
    tooltip.appendMarkdown('\n\n[' + vscode.l10n.t('Show Log') + '](command:workplan.showOutput)');
    this.item.tooltip = tooltip;
  }
}

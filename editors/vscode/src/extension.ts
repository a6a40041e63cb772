// The workplan extension: starts `workplan lsp` for plain-text and Markdown drafts and adds
// commands (restart, fix all, target table, rule pages) and a status-bar item.

import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  Message,
  State,
} from 'vscode-languageclient/node';

import { DOCUMENT_SELECTOR, isDraft } from './drafts';
import { checkServer, findServer, ServerBinary, ServerNotFound } from './server';
import { StatusItem } from './status';
import { openRuleDocs } from './rules';
import { compareDrafts } from './compare';
import { TargetTable } from './targets';

const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('workplan');

/** The `workplan` settings the server reads (the rest of the section is the extension's). */
function serverSettings(): { rules: Record<string, string>; rangeStyle?: string } {
  const config = vscode.workspace.getConfiguration('workplan');
  const rules = config.get<Record<string, string>>('rules', {});
  const rangeStyle = config.get<string>('rangeStyle');
  return { rules, ...(rangeStyle ? { rangeStyle } : {}) };
}

/** Restarts a server that stops, but not forever: 5 stops within 3 minutes and it stays down. */
class RestartPolicy implements ErrorHandler {
  private stops: number[] = [];

  constructor(private readonly describe: () => string) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.stops = this.stops.filter((t) => now - t < 3 * 60 * 1000);
    this.stops.push(now);
    if (this.stops.length < 5) {
      return { action: CloseAction.Restart, handled: true };
    }
    return {
      action: CloseAction.DoNotRestart,
      message: vscode.l10n.t(
        'The workplan server ({0}) stopped 5 times in 3 minutes and will not be restarted. See the “workplan” output for its log, then run “workplan: Restart the language server”.',
        this.describe(),
      ),
    };
  }
}

export class Extension implements vscode.Disposable {
  client: LanguageClient | undefined;
  binary: ServerBinary | undefined;
  readonly output: vscode.LogOutputChannel;
  readonly status: StatusItem;
  readonly targets: TargetTable;
  private readonly disposables: vscode.Disposable[] = [];
  private starting: Promise<void> | undefined;

  constructor(readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('workplan', { log: true });
    this.status = new StatusItem(this);
    this.targets = new TargetTable(this);
    this.disposables.push(this.output, this.status, this.targets);
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  /** Starts the client; failures end up in a notification, never in a rejected promise. */
  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<void> {
    let binary: ServerBinary;
    try {
      binary = findServer(this.context.extensionPath);
    } catch (e) {
      this.binary = undefined;
      const tried = e instanceof ServerNotFound ? e.tried : [];
      const why = e instanceof Error ? e.message : String(e);
      this.output.error(`cannot start the server: ${why}; tried:\n  ${tried.join('\n  ')}`);
      this.status.failed(why);
      const fromSetting = e instanceof ServerNotFound && e.fromSetting;
      void this.notifyStartFailure(
        fromSetting
          ? vscode.l10n.t('workplan: the server path set in “workplan.server.path” cannot be used: {0}', why)
          : vscode.l10n.t(
              'workplan: no “workplan” executable was found (tried {0}). Install workplan or set “workplan.server.path”.',
              tried.slice(0, 2).join(', ') + (tried.length > 2 ? ', …' : ''),
            ),
      );
      return;
    }
    this.binary = binary;
    const problem = binary.source === 'bundled' ? undefined : checkServer(binary.command); // bundled: checked already
    if (problem) {
      this.output.error(`${binary.command} is not a usable workplan: ${problem}`);
      this.status.failed(problem);
      void this.notifyStartFailure(
        vscode.l10n.t('workplan: {0} is not a usable workplan program: {1}', binary.command, problem),
      );
      return;
    }

    const serverOptions: Executable = {
      command: binary.command,
      args: ['lsp'],
      // No `transport`: with TransportKind.stdio the client appends its own `--stdio`.
      options: { env: { ...process.env } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      diagnosticCollectionName: 'workplan',
      outputChannel: this.output,
      initializationOptions: { workplan: serverSettings() },
      synchronize: { configurationSection: 'workplan' },
      errorHandler: new RestartPolicy(() => binary.command),
      initializationFailedHandler: (error) => {
        this.output.error(`initialize failed: ${String(error)}`);
        return false;
      },
    };
    const client = new LanguageClient('workplan', 'workplan', serverOptions, clientOptions);
    this.client = client;
    this.status.attach(client);
    this.output.info(`starting ${binary.command} lsp (${binary.source})`);
    try {
      await client.start();
      const info = client.initializeResult?.serverInfo;
      this.output.info(`server running: ${info?.name ?? 'workplan'} ${info?.version ?? ''}`);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.output.error(`${binary.command} lsp failed to start: ${why}`);
      this.status.failed(why);
      void this.notifyStartFailure(
        vscode.l10n.t('workplan: the language server {0} failed to start: {1}', `${binary.command} lsp`, why),
      );
    }
  }

  private async notifyStartFailure(message: string): Promise<void> {
    const openSettings = vscode.l10n.t('Open Settings');
    const showLog = vscode.l10n.t('Show Log');
    const choice = await vscode.window.showErrorMessage(message, openSettings, showLog);
    if (choice === openSettings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'workplan.server.path');
    } else if (choice === showLog) {
      this.output.show();
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        if (client.state !== State.Stopped) {
          await client.stop(5000);
        }
      } catch (e) {
        this.output.warn(`stopping the server: ${String(e)}`);
      }
      await client.dispose().catch(() => undefined);
    }
    this.status.detach();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** The running client, or undefined after telling the user why there is none. */
  runningClient(): LanguageClient | undefined {
    const client = this.client;
    if (client && client.state === State.Running) {
      return client;
    }
    void vscode.window.showWarningMessage(
      vscode.l10n.t('workplan: the language server is not running. Run “workplan: Restart the language server”.'),
    );
    return undefined;
  }

  async fixAll(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isDraft(editor.document)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('workplan: open a plain-text or Markdown draft first.'));
      return;
    }
    if (!this.runningClient()) {
      return;
    }
    const doc = editor.document;
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    const actions =
      (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        whole,
        FIX_ALL.value,
      )) ?? [];
    let edits = 0;
    for (const item of actions) {
      if (typeof (item as vscode.Command).command === 'string') {
        continue; // a bare Command, not a CodeAction
      }
      const codeAction = item as vscode.CodeAction;
      if (!codeAction.kind || !FIX_ALL.contains(codeAction.kind)) {
        continue;
      }
      if (codeAction.edit) {
        edits += codeAction.edit.entries().reduce((n, [, list]) => n + list.length, 0);
        await vscode.workspace.applyEdit(codeAction.edit);
      }
      if (codeAction.command) {
        const args: unknown[] = codeAction.command.arguments ?? [];
        await vscode.commands.executeCommand(codeAction.command.command, ...args);
      }
    }
    if (edits === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('workplan: nothing to fix automatically in this file.'));
    } else {
      this.status.flash(edits === 1 ? vscode.l10n.t('1 fix applied') : vscode.l10n.t('{0} fixes applied', edits));
    }
  }
}

let extension: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const ext = new Extension(context);
  extension = ext;
  context.subscriptions.push(
    ext,
    vscode.commands.registerCommand('workplan.restartServer', () => ext.restart()),
    vscode.commands.registerCommand('workplan.fixAll', () => ext.fixAll()),
    vscode.commands.registerCommand('workplan.showTargets', () => ext.targets.show()),
    vscode.commands.registerCommand('workplan.compareDrafts', () => compareDrafts(ext)),
    vscode.commands.registerCommand('workplan.openRuleDocs', (code?: unknown) =>
      openRuleDocs(context, typeof code === 'string' ? code : undefined),
    ),
    vscode.commands.registerCommand('workplan.showOutput', () => ext.output.show()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('workplan.server.path')) {
        void ext.restart();
      }
    }),
  );
  await ext.start();
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
  extension = undefined;
}


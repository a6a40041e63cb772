// Where the workplan executable is: the `workplan.server.path` setting, else the binary
// bundled in the extension (server/workplan), else `workplan` on PATH.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface ServerBinary {
  command: string;
  source: ServerSource;
}

/** Why no usable binary was found, with every path that was tried. */
export class ServerNotFound extends Error {
  constructor(
    message: string,
    readonly tried: string[],
    readonly fromSetting: boolean,
  ) {
    super(message);
  }
}

const EXE = process.platform === 'win32' ? 'workplan.exe' : 'workplan';

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `~`, `${userHome}` and `${workspaceFolder}` expanded; relative to the first workspace folder. */
export function expandPath(setting: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let p = setting.trim();
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) {
    p = path.join(os.homedir(), p.slice(1));
  }
  p = p.replace(/\$\{userHome\}/g, os.homedir());
  if (folder) {
    p = p.replace(/\$\{workspaceFolder\}/g, folder);
  }
  if (!path.isAbsolute(p) && folder && (p.includes('/') || p.includes('\\'))) {
    p = path.resolve(folder, p);
  }
  return p;
}

function searchPath(name: string): { found?: string; dirs: string[] } {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d.length > 0);
  const names = process.platform === 'win32' ? [name, `${name}.exe`, `${name}.cmd`] : [name];
  for (const dir of dirs) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (isExecutable(candidate)) {
        return { found: candidate, dirs };
      }
    }
  }
  return { dirs };
}

export function findServer(extensionPath: string): ServerBinary {
  const setting = vscode.workspace.getConfiguration('workplan').get<string>('server.path', '').trim();
  if (setting.length > 0) {
    const expanded = expandPath(setting);
    if (path.isAbsolute(expanded) || expanded.includes('/') || expanded.includes('\\')) {
      if (isExecutable(expanded)) {
        return { command: expanded, source: 'setting' };
      }
      const why = fs.existsSync(expanded) ? 'is not an executable file' : 'does not exist';
      throw new ServerNotFound(`${expanded} ${why}`, [expanded], true);
    }
    // A bare name: look it up on PATH.
    const { found, dirs } = searchPath(expanded);
    if (found) {
      return { command: found, source: 'setting' };
    }
    throw new ServerNotFound(`"${expanded}" is not on PATH`, dirs.map((d) => path.join(d, expanded)), true);
  }

  // The bundled binary is built for one platform (Linux x64): elsewhere it does not run, and
  // PATH is next.
  const bundled = path.join(extensionPath, 'server', EXE);
  const bundledProblem = isExecutable(bundled) ? checkServer(bundled) : 'not bundled';
  if (bundledProblem === undefined) {
    return { command: bundled, source: 'bundled' };
  }
  const { found, dirs } = searchPath('workplan');
  if (found) {
    return { command: found, source: 'path' };
  }
  throw new ServerNotFound(
    `no workplan executable: ${bundled}: ${bundledProblem}; none on PATH`,
    [bundled, ...dirs.map((d) => path.join(d, EXE))],
    false,
  );
}

/**
 * Why `command` is not a usable workplan binary (it does not run, or `--version` does not say
 * `workplan …`), or undefined when it is. A few milliseconds; saves the user from a cryptic
 * “write EPIPE” when the setting points at another program.
 */
export function checkServer(command: string): string | undefined {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 5000, windowsHide: true });
  if (r.error) {
    return r.error.message;
  }
  const out = `${r.stdout ?? ''}`.trim();
  if (r.status !== 0 || !out.startsWith('workplan')) {
    const said = (out || `${r.stderr ?? ''}`.trim()).split(/\r?\n/)[0] ?? '';
    return `\`${command} --version\` ${r.status !== 0 ? `exited with ${r.status ?? r.signal}` : 'did not print “workplan …”'}${said ? `: ${said}` : ''}`;
  }
  return undefined;
}

#!/usr/bin/env node
// End-to-end test of the VS Code extension in a real VS Code workbench: code-server (VS Code
// 1.100 for the browser) driven by headless Chromium through playwright-core.
//
//   node tests/e2e/vscode/run.js --server target/debug/workplan [--out target/e2e/vscode]
//        [--tools .tools/code-server] [--vsix FILE] [--chromium /usr/bin/chromium]
//
// 1. builds the .vsix with `npm run package` in editors/vscode (the binary given by --server
//    is bundled into it) unless --vsix names one;
// 2. installs it into a fresh code-server (own user-data and extensions folders, user setting
//    `workplan.rules: {"target.conflict": "error"}`) and opens a workspace holding a copy of
//    tests/fixtures/e2e/targets.txt under a Chinese file name;
// 3. asserts, step by step (each step's observations go to result.json):
//    open-draft   the status-bar item shows the server running with a finding count;
//    problems     the Problems panel lists exactly numbering.gap, numbering.marker-style and
//                 target.conflict, from workplan, target.conflict as an Error (the setting)
//                 and the others as Warnings, with target.conflict's related location; the
//                 status bar's count equals the number of findings;
//    outline      the Outline shows 一、 （一） （二） 二、 （一） 四、 in order at their levels,
//                 and 一是 二是 三是 one level under （一）;
//    hover        (only if the server advertises hoverProvider) a hover over 高新技术企业 shows
//                 both of its targets (200家以上, 180家);
//    quick-fix    the quick-fix menu on （二）、 offers 改为“（二）”; applying it changes the
//                 text and the marker finding leaves the Problems panel;
//    fix-all      a half-width comma typed into the draft is reported (punct.halfwidth), and
//                 “workplan: Fix all safe findings in this file” fixes it;
//    target-table (only if the server advertises `workplan.targets`) the webview table lists
//                 高新技术企业 with 200家以上 and 180家;
//    compare-drafts  (only if the server advertises `workplan.diff`) “workplan: Compare with an
//                 earlier draft” with an earlier draft written beside the open one (its
//                 高新技术企业 target 150家以上) picked in the quick pick shows the table of
//                 changes, the target's 数值变化 from 150家以上 to 200家以上 among them, and no
//                 序号变化 for the marker the quick-fix step corrected;
//    rule-docs    “workplan: Open rule documentation” on the numbering.gap finding opens the
//                 preview of numbering.gap.md;
//    bad-server-path  a `workplan.server.path` that does not exist gives an error notification
//                 naming the path, and the status-bar item turns to the failed state; so does
//                 one naming a program that is not workplan;
//    recover-and-restart  removing the setting brings the server back by itself, and
//                 “workplan: Restart the language server” restarts it, findings and all;
// 4. saves a screenshot per step under --out and writes --out/result.json:
//    { ok, errors: [...], steps: [{name, ms, ...observations}], screenshots: [...] }, and the
//    browser's console errors to --out/browser-console.log.
//
// Every wait is bounded; a watchdog kills everything after WATCHDOG_MS. Exit status 0 when
// every assertion held, 1 otherwise, 2 on a usage or set-up error.

'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WATCHDOG_MS = 170000;
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'e2e', 'targets.txt');
// The draft's name in the workspace: Chinese, as drafts are named (exercises URI encoding).
const DRAFT_NAME = '科技创新工作计划.txt';

// What the fixture plants (see tests/fixtures/e2e/targets.txt).
const EXPECTED_CODES = ['numbering.gap', 'numbering.marker-style', 'target.conflict'];
const BAD_MARKER = '（二）、';
const GOOD_MARKER = '（二）';
const HOVER_WORD = '高新技术企业';
const GAP_MARKER = '四、';
// Typed into the draft for “fix all”: a half-width comma between Chinese (punct.halfwidth).
const TYPED = '加强组织领导,完善考核机制。';
const TYPED_FIXED = '加强组织领导，完善考核机制。';
const OUTLINE = [
  // [level, name prefix]
  [1, '一、强化企业创新主体地位'],
  [2, '（一）培育壮大创新型企业'],
  [2, '（二）'],
  [1, '二、完善科技创新平台体系'],
  [2, '（一）建设高水平创新平台'],
  [1, '四、优化创新创业生态'],
];

function parseArgs(argv) {
  const args = {
    server: path.join(ROOT, 'target', 'debug', 'workplan'),
    out: path.join(ROOT, 'target', 'e2e', 'vscode'),
    tools: path.join(ROOT, '.tools', 'code-server'),
    vsix: undefined,
    chromium: process.env.WORKPLAN_CHROMIUM || '/usr/bin/chromium',
    keep: false,
  };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) {
        usage(`${a} needs a value`);
      }
      return argv[++i];
    };
    if (a === '--server') args.server = path.resolve(next());
    else if (a === '--out') args.out = path.resolve(next());
    else if (a === '--tools') args.tools = path.resolve(next());
    else if (a === '--vsix') args.vsix = path.resolve(next());
    else if (a === '--chromium') args.chromium = next();
    else if (a === '--keep') args.keep = true;
    else usage(`unknown argument ${a}`);
  }
  return args;
}

function usage(msg) {
  console.error(`run.js: ${msg}\nusage: node tests/e2e/vscode/run.js --server BIN [--out DIR] [--tools DIR] [--vsix FILE] [--chromium PATH] [--keep]`);
  process.exit(2);
}

const t0 = Date.now();
function log(msg) {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws after `ms` with `what`. */
async function until(what, ms, fn, every = 100) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) {
        return last;
      }
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}` + (last instanceof Error ? ` (${last.message})` : ''));
    }
    await sleep(every);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Runs a command to completion with a time limit; throws with its output on failure. */
function runBounded(cmd, argv, opts, ms) {
  const r = spawnSync(cmd, argv, { ...opts, encoding: 'utf8', timeout: ms, killSignal: 'SIGKILL' });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : `exit ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}`;
    throw new Error(`${cmd} ${argv.join(' ')}: ${why}\n${(r.stdout || '').slice(-3000)}\n${(r.stderr || '').slice(-3000)}`);
  }
  return r.stdout;
}

/** The server's capabilities: one initialize/shutdown/exit exchange over stdio. */
function serverCapabilities(bin, ms = 10000) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['lsp'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} lsp did not answer initialize within ${ms} ms`));
    }, ms);
    let buf = Buffer.alloc(0);
    const send = (msg) => {
      const body = Buffer.from(JSON.stringify(msg), 'utf8');
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.stdout.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const sep = buf.indexOf('\r\n\r\n');
        if (sep < 0) return;
        const m = /Content-Length: *(\d+)/i.exec(buf.slice(0, sep).toString('ascii'));
        const len = m ? Number(m[1]) : 0;
        if (buf.length < sep + 4 + len) return;
        const msg = JSON.parse(buf.slice(sep + 4, sep + 4 + len).toString('utf8'));
        buf = buf.slice(sep + 4 + len);
        if (msg.id === 1) {
          clearTimeout(timer);
          send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
          send({ jsonrpc: '2.0', method: 'exit' });
          setTimeout(() => child.kill('SIGKILL'), 2000).unref();
          if (msg.error) reject(new Error(JSON.stringify(msg.error)));
          else resolve(msg.result.capabilities);
        }
      }
    });
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

/** Kills a detached child's whole process group (code-server and what it started). */
function killGroup(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

async function main() {
  const args = parseArgs(process.argv);
  const codeServer = path.join(args.tools, 'node_modules', '.bin', 'code-server');
  const playwrightDir = path.join(args.tools, 'node_modules', 'playwright-core');
  for (const [what, p] of [
    ['workplan binary (--server)', args.server],
    ['code-server (scripts/install-test-tools)', codeServer],
    ['playwright-core (scripts/install-test-tools)', playwrightDir],
    ['Chromium (--chromium)', args.chromium],
  ]) {
    if (!fs.existsSync(p)) {
      console.error(`run.js: no ${what} at ${p}`);
      process.exit(2);
    }
  }
  const { chromium } = require(playwrightDir);

  fs.rmSync(args.out, { recursive: true, force: true });
  fs.mkdirSync(args.out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'workplan-vscode-e2e-'));
  const result = { ok: false, errors: [], steps: [], screenshots: [], tmp };
  const children = [];
  let browser;
  const cleanup = async () => {
    if (browser) await browser.close().catch(() => undefined);
    for (const c of children) killGroup(c);
    if (!args.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  const watchdog = setTimeout(() => {
    result.errors.push(`watchdog: the whole run took more than ${WATCHDOG_MS / 1000} s; killed`);
    fs.writeFileSync(path.join(args.out, 'result.json'), JSON.stringify(result, null, 2));
    for (const c of children) killGroup(c);
    console.error('run.js: watchdog fired');
    process.exit(1);
  }, WATCHDOG_MS);

  let page;
  const shot = async (name) => {
    if (!page) return;
    const file = path.join(args.out, `${name}.png`);
    try {
      await page.screenshot({ path: file, timeout: 10000 });
      result.screenshots.push(path.relative(ROOT, file));
    } catch (e) {
      log(`screenshot ${name} failed: ${e.message}`);
    }
  };
  // One step: runs `fn`, records its observations and time; a failure is recorded, a
  // screenshot taken, and the run goes on to the next step unless `fatal`.
  const step = async (name, fn, { fatal = false } = {}) => {
    const started = Date.now();
    const record = { name };
    log(`step ${name}`);
    try {
      Object.assign(record, (await fn(record)) || {});
    } catch (e) {
      record.error = e.message;
      result.errors.push(`${name}: ${e.message}`);
      log(`  FAILED: ${e.message}`);
      await shot(`failed-${name}`);
      if (fatal) throw e;
    } finally {
      record.ms = Date.now() - started;
      result.steps.push(record);
    }
  };

  try {
    let caps = {};
    await step(
      'capabilities',
      async () => {
        caps = await serverCapabilities(args.server);
        return {
          hover: !!caps.hoverProvider,
          targets: !!(caps.executeCommandProvider && (caps.executeCommandProvider.commands || []).includes('workplan.targets')),
        };
      },
      { fatal: true },
    );
    const hasHover = !!caps.hoverProvider;
    const hasTargets = !!(caps.executeCommandProvider && (caps.executeCommandProvider.commands || []).includes('workplan.targets'));

    let vsix = args.vsix;
    await step(
      'package',
      async () => {
        if (vsix) return { vsix };
        const ext = path.join(ROOT, 'editors', 'vscode');
        if (!fs.existsSync(path.join(ext, 'node_modules', '@vscode', 'vsce'))) {
          throw new Error(`editors/vscode has no node_modules: run scripts/install-test-tools (npm ci there)`);
        }
        const env = { ...process.env, WORKPLAN_SERVER: args.server };
        runBounded('npm', ['run', '--silent', 'package'], { cwd: ext, env }, 120000);
        vsix = path.join(tmp, 'workplan.vsix');
        fs.copyFileSync(path.join(ext, 'workplan.vsix'), vsix);
        return { vsix: path.relative(ROOT, path.join(ext, 'workplan.vsix')), bytes: fs.statSync(vsix).size };
      },
      { fatal: true },
    );

    // A workspace with the draft; code-server's user data and extensions of its own.
    const ws = path.join(tmp, 'workspace');
    const ud = path.join(tmp, 'user-data');
    const ed = path.join(tmp, 'extensions');
    fs.mkdirSync(ws, { recursive: true });
    fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
    fs.mkdirSync(ed, { recursive: true });
    fs.copyFileSync(FIXTURE, path.join(ws, DRAFT_NAME));
    const draftText = fs.readFileSync(FIXTURE, 'utf8');
    const draftLines = draftText.split(/\r?\n/);
    const settingsFile = path.join(ud, 'User', 'settings.json');
    const settings = {
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'outline.collapseItems': 'alwaysExpand',
      'editor.hover.delay': 100,
      'editor.minimap.enabled': false,
      'editor.wordWrap': 'on',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'window.commandCenter': false,
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      // The extension's settings reach the server: target.conflict raised to an error.
      'workplan.rules': { 'target.conflict': 'error' },
    };
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));

    await step(
      'install-extension',
      async () => {
        const out = runBounded(
          codeServer,
          ['--install-extension', vsix, '--user-data-dir', ud, '--extensions-dir', ed],
          { env: { ...process.env, HOME: process.env.HOME } },
          90000,
        );
        const installed = fs.readdirSync(ed).filter((d) => d.startsWith('workplan.workplan-'));
        if (installed.length !== 1) throw new Error(`extension folder not found in ${ed}: ${fs.readdirSync(ed)}\n${out}`);
        const bundled = path.join(ed, installed[0], 'server', 'workplan');
        if (!fs.existsSync(bundled)) throw new Error(`the installed extension has no server/workplan`);
        return { folder: installed[0], bundledServer: true };
      },
      { fatal: true },
    );

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    await step(
      'start-code-server',
      async () => {
        const logFile = fs.openSync(path.join(args.out, 'code-server.log'), 'w');
        const child = spawn(
          codeServer,
          [
            '--auth', 'none',
            '--bind-addr', `127.0.0.1:${port}`,
            '--user-data-dir', ud,
            '--extensions-dir', ed,
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--disable-getting-started-override',
            '--ignore-last-opened',
            ws,
          ],
          // Its own process group, so that it and everything it starts (the extension
          // host, the workplan server) go with one kill. XDG_CACHE_HOME: the server writes
          // its rule pages there.
          { detached: true, stdio: ['ignore', logFile, logFile], env: { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache') } },
        );
        children.push(child);
        await until('code-server /healthz', 30000, async () => {
          if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see code-server.log`);
          return httpOk(`${base}/healthz`);
        }, 200);
        return { port };
      },
      { fatal: true },
    );

    await step(
      'open-workbench',
      async () => {
        browser = await chromium.launch({
          executablePath: args.chromium,
          headless: true,
          args: [
            '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--disable-dev-shm-usage',
          ],
          timeout: 30000,
        });
        const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'en-US' });
        page = await context.newPage();
        page.setDefaultTimeout(15000);
        // The browser's console errors, for diagnosing a failed run.
        const consoleLog = fs.createWriteStream(path.join(args.out, 'browser-console.log'));
        context.on('console', (msg) => {
          if (msg.type() === 'error' || msg.type() === 'warning') {
            consoleLog.write(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg.type()}: ${msg.text()}\n`);
          }
        });
        page.on('pageerror', (e) => consoleLog.write(`[${((Date.now() - t0) / 1000).toFixed(1)} s] pageerror: ${e.message}\n`));
        await page.goto(`${base}/?folder=${encodeURIComponent(ws)}`, { timeout: 30000 });
        await page.waitForSelector('.monaco-workbench', { timeout: 30000 });
        // The explorer shows the folder once the workbench is up.
        await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 30000 });
      },
      { fatal: true },
    );

    // --- helpers on the page ---
    // Opens the quick input with `key` and types `text` into it. A focus change still under
    // way (a click on a tab, an editor opening) can close the widget right after it opened:
    // then open it again, three times at most.
    const quickInput = async (key, text) => {
      const input = page.locator('.quick-input-widget input');
      for (let attempt = 1; ; attempt++) {
        try {
          await page.keyboard.press('Escape');
          await page.keyboard.press(key);
          await input.waitFor({ state: 'visible', timeout: 5000 });
          await input.fill(text, { timeout: 3000 });
          if ((await input.inputValue({ timeout: 1000 })) === text) return;
        } catch (e) {
          if (attempt >= 3) throw new Error(`cannot type “${text}” into the quick input opened by ${key}: ${e.message.split('\n')[0]}`);
        }
        await sleep(300);
      }
    };
    const palette = async (command) => {
      await quickInput('F1', `>${command}`);
      // The rows in order; the first is focused. Pick the one whose label is exactly the
      // command (“View: Close Editor” also matches “View: Close Editor Group”).
      const index = await until(`“${command}” in the command palette`, 10000, async () => {
        const labels = await page.$$eval('.quick-input-list .monaco-list-row', (rows) =>
          rows
            .map((r) => ({ top: parseFloat(r.style.top) || 0, label: (r.querySelector('.label-name') || r).textContent.trim() }))
            .sort((a, b) => a.top - b.top)
            .map((r) => r.label),
        );
        let i = labels.findIndex((l) => l === command);
        if (i < 0) i = labels.findIndex((l) => l.startsWith(`${command} (`));
        if (process.env.E2E_DEBUG) log(`palette rows: ${JSON.stringify(labels)}`);
        return i >= 0 ? i + 1 : false; // +1: 0 is falsy
      });
      for (let i = 1; i < index; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    };
    // Brings the draft's editor to the front with the keyboard focus in it.
    const focusDraft = async () => {
      await page.keyboard.press('Escape');
      // Its tab, when it has one (keys may go to a webview that has the focus); else quick open.
      const tab = page.locator('.tabs-container .tab', { hasText: DRAFT_NAME }).first();
      if ((await tab.count()) > 0) {
        await tab.click();
        await page.mouse.move(160, 800); // off the tab: no tooltip over the text in screenshots
        await until('the draft in the active editor', 10000, async () => (await page.title()).includes(DRAFT_NAME));
        return;
      }
      await quickInput('Control+p', DRAFT_NAME);
      await until('the draft in quick open', 10000, async () => {
        const labels = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
        return labels.some((l) => l.includes(DRAFT_NAME));
      });
      await page.keyboard.press('Enter');
      await until('the draft in the active editor', 10000, async () => {
        const title = await page.title();
        return title.includes(DRAFT_NAME);
      });
    };
    const goTo = async (line, column) => {
      for (let attempt = 1; ; attempt++) {
        await quickInput('Control+g', `:${line}:${column}`);
        await page.keyboard.press('Enter');
        try {
          await until(`the cursor at ${line}:${column}`, 5000, async () => {
            const txt = await page.locator('.statusbar-item[id="status.editor.selection"]').innerText().catch(() => '');
            return txt.includes(`Ln ${line}, Col ${column}`);
          });
          return;
        } catch (e) {
          if (attempt >= 2) throw e;
        }
      }
    };
    const statusText = async () => {
      const items = await page.locator('.statusbar-item').allInnerTexts();
      return items.find((t) => /workplan/.test(t)) || '';
    };
    const editorLine = async (n) => {
      // The visible lines of the active editor, in order of their top position.
      const lines = await page.$$eval('.editor-instance .monaco-editor .view-lines .view-line', (els) =>
        els.map((e) => ({ top: parseFloat(e.style.top) || 0, text: e.textContent.replace(/\u00a0/g, ' ') })).sort((a, b) => a.top - b.top),
      );
      return lines;
    };
    const problemRows = async () =>
      page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => ({ text: r.innerText.replace(/\s+/g, ' ').trim(), aria: r.getAttribute('aria-label') || '' })));

    await step(
      'open-draft',
      async () => {
        await quickInput('Control+p', DRAFT_NAME);
        await until('the draft in quick open', 10000, async () => {
          const labels = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
          return labels.some((l) => l.includes(DRAFT_NAME));
        });
        await page.keyboard.press('Enter');
        await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 15000 });
        await until('the draft text in the editor', 10000, async () => (await editorLine()).some((l) => l.text.startsWith('一、强化企业')));
        const status = await until('the workplan status-bar item to show a finding count', 30000, async () => {
          const s = await statusText();
          return /workplan \d+/.test(s) ? s : false;
        });
        await shot('01-draft-open');
        return { status };
      },
      { fatal: true },
    );

    await step('problems', async () => {
      await palette('View: Focus Problems');
      await page.waitForSelector('.markers-panel', { timeout: 10000 });
      const rows = await until('the Problems panel to list every planted code', 20000, async () => {
        const r = await problemRows();
        const text = r.map((x) => x.text).join('\n');
        return EXPECTED_CODES.every((c) => text.includes(c)) ? r : false;
      }).catch(async (e) => {
        throw new Error(`${e.message}; rows: ${JSON.stringify(await problemRows())}`);
      });
      const findings = rows.filter((r) => /workplan/.test(r.text));
      const codes = [...new Set(findings.map((r) => (r.text.match(/\b([a-z]+\.[a-z-]+)\b/) || [])[1]).filter(Boolean))].sort();
      if (JSON.stringify(codes) !== JSON.stringify([...EXPECTED_CODES].sort())) {
        throw new Error(`codes in the Problems panel: ${codes.join(', ')}; expected ${EXPECTED_CODES.join(', ')}`);
      }
      // The status bar counts from the same diagnostics but may repaint a moment later.
      const status = await until('the status bar to count the findings', 10000, async () => {
        const s = await statusText();
        return s.includes(`workplan ${findings.length}`) ? s : false;
      }).catch(async () => statusText());
      if (!status.includes(`workplan ${findings.length}`)) {
        throw new Error(`status bar says “${status}”, the Problems panel lists ${findings.length} findings`);
      }
      // Severities: the workplan.rules setting made target.conflict an error; the others keep
      // their default (warning). Related locations are listed under their finding.
      for (const r of rows.filter((x) => /workplan/.test(x.text))) {
        const want = r.text.includes('target.conflict') ? 'Error:' : 'Warning:';
        if (!r.aria.startsWith(want)) throw new Error(`expected “${want}” for ${r.text}; aria-label: ${r.aria}`);
      }
      if (!rows.some((r) => r.text.includes('前文的目标'))) {
        throw new Error(`the related location of target.conflict (前文的目标…) is not listed: ${JSON.stringify(rows.map((r) => r.text))}`);
      }
      await shot('02-problems');
      return { rows: rows.map((r) => r.text), aria: rows.map((r) => r.aria), codes, status };
    });

    await step('outline', async () => {
      await palette('Explorer: Focus on Outline View');
      await page.waitForSelector('.outline-pane', { timeout: 10000 });
      // Collapse the folders section above it so that the Outline shows every row (the list
      // is virtual: rows out of view are not in the page).
      const folders = page.locator('.explorer-viewlet .pane-header[aria-expanded="true"]').first();
      if ((await folders.count()) > 0 && !(await folders.innerText()).toUpperCase().includes('OUTLINE')) {
        await folders.click();
      }
      const rows = await until('the Outline to show the sections', 15000, async () => {
        const r = await page.$$eval('.outline-pane .monaco-list-row', (els) =>
          els
            .map((e) => ({ top: parseFloat(e.style.top) || 0, level: Number(e.getAttribute('aria-level')), name: e.innerText.replace(/\s+/g, ' ').trim() }))
            .sort((a, b) => a.top - b.top)
            .map(({ level, name }) => ({ level, name })),
        );
        return r.some((x) => x.name.startsWith(OUTLINE[OUTLINE.length - 1][1])) ? r : false;
      }).catch(async (e) => {
        throw new Error(`${e.message}; rows: ${JSON.stringify(await page.locator('.outline-pane .monaco-list-row').allInnerTexts())}`);
      });
      // The headings, in this order, at these levels (other rows may come between).
      let at = 0;
      for (const [level, prefix] of OUTLINE) {
        const i = rows.findIndex((r, k) => k >= at && r.level === level && r.name.startsWith(prefix));
        if (i < 0) throw new Error(`no Outline row “${prefix}…” at level ${level} after row ${at}; rows: ${JSON.stringify(rows)}`);
        at = i + 1;
      }
      // The inline items 一是… 三是 of （一） one level further down.
      const first = rows.findIndex((r) => r.name.startsWith(OUTLINE[1][1]));
      const items = rows.slice(first + 1, first + 4);
      for (const marker of ['一是', '二是', '三是']) {
        if (!items.some((r) => r.level === 3 && r.name.startsWith(marker))) {
          throw new Error(`no “${marker}…” item under （一） at level 3; rows: ${JSON.stringify(rows)}`);
        }
      }
      await shot('03-outline');
      return { rows, itemOrder: items.map((r) => r.name.slice(0, 2)) };
    });

    await step('hover', async (rec) => {
      if (!hasHover) {
        rec.skipped = 'the server does not advertise hoverProvider';
        return;
      }
      const lineIdx = draftLines.findIndex((l) => l.includes(HOVER_WORD));
      // VS Code columns are 1-based UTF-16 code units; the word is all BMP characters.
      const col = draftLines[lineIdx].indexOf(HOVER_WORD) + 2;
      await focusDraft();
      await goTo(lineIdx + 1, col);
      await palette('Show or Focus Hover');
      const text = await until('a hover with the indicator’s targets', 10000, async () => {
        const t = await page.locator('.monaco-hover').allInnerTexts();
        const joined = t.join('\n');
        return joined.includes(HOVER_WORD) && joined.includes('200') && joined.includes('180') ? joined : false;
      }).catch(async (e) => {
        throw new Error(`${e.message}; hover text: ${JSON.stringify(await page.locator('.monaco-hover').allInnerTexts())}`);
      });
      await sleep(600); // the hover fades in
      await shot('04-hover');
      await page.keyboard.press('Escape');
      return { line: lineIdx + 1, column: col, text };
    });

    await step('quick-fix', async () => {
      const lineIdx = draftLines.findIndex((l) => l.startsWith(BAD_MARKER));
      await focusDraft();
      await goTo(lineIdx + 1, 1);
      await palette('Quick Fix...');
      const menuRows = () =>
        page.$$eval('.action-widget .monaco-list-row', (rows) =>
          rows.map((r) => ({
            text: r.innerText.replace(/\s+/g, ' ').trim(),
            header: r.classList.contains('group-header') || !r.getAttribute('aria-label'),
          })),
        );
      const rowsShown = await until('the quick-fix menu', 10000, async () => {
        const r = await menuRows();
        return r.some((x) => !x.header) ? r : false;
      });
      const items = rowsShown.filter((r) => !r.header).map((r) => r.text);
      await shot('05-quick-fix-menu');
      const fixIndex = items.findIndex((t) => t.includes(GOOD_MARKER) && !t.includes('workplan.toml'));
      if (fixIndex < 0) throw new Error(`no quick fix naming ${GOOD_MARKER}: ${JSON.stringify(items)}`);
      // The menu opens with its first action focused; the pointer is blocked while it is open.
      for (let i = 0; i < fixIndex; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      const lineText = await until(`line ${lineIdx + 1} to start with ${GOOD_MARKER} and not ${BAD_MARKER}`, 10000, async () => {
        const l = (await editorLine()).find((x) => x.text.startsWith('（二）'));
        return l && !l.text.startsWith(BAD_MARKER) ? l.text : false;
      });
      const rows = await until('the marker-style finding to leave the Problems panel', 15000, async () => {
        const r = await problemRows();
        const text = r.map((x) => x.text).join('\n');
        return !text.includes('numbering.marker-style') && text.includes('numbering.gap') ? r : false;
      });
      const status = await statusText();
      await shot('06-after-quick-fix');
      return { menu: items, applied: items[fixIndex], lineText, problemsAfter: rows.map((r) => r.text), status };
    });

    await step('fix-all', async () => {
      // Type a half-width comma between Chinese (punct.halfwidth, fixable) into the blank
      // line 2, then “workplan: Fix all safe findings in this file”.
      await focusDraft();
      await goTo(2, 1);
      await page.keyboard.type(TYPED);
      await until('punct.halfwidth in the Problems panel for the typed line', 15000, async () => {
        const text = (await problemRows()).map((x) => x.text).join('\n');
        return text.includes('punct.halfwidth');
      });
      const statusBefore = await statusText();
      await palette('workplan: Fix all safe findings in this file');
      const lineText = await until('the typed line fixed', 10000, async () => {
        const l = (await editorLine()).find((x) => x.text.startsWith(TYPED.slice(0, 4)));
        return l && l.text.includes(TYPED_FIXED) ? l.text : false;
      });
      const flash = await until('the status bar to report the fixes', 5000, async () => {
        const st = await statusText();
        return /workplan: /.test(st) ? st : false;
      });
      await until('punct.halfwidth to leave the Problems panel', 15000, async () => {
        const text = (await problemRows()).map((x) => x.text).join('\n');
        return !text.includes('punct.halfwidth') && text.includes('numbering.gap');
      });
      await shot('07-fix-all');
      return { typed: TYPED, lineText, statusBefore, statusAfterFix: flash };
    });

    await step('target-table', async (rec) => {
      if (!hasTargets) {
        rec.skipped = 'the server does not advertise the workplan.targets command';
        return;
      }
      await focusDraft();
      await palette('workplan: Show the target table');
      // The webview's page is an iframe in an iframe; its table is #content table.
      const text = await until('the target table webview to list the indicator', 20000, async () => {
        for (const frame of page.frames()) {
          const t = await frame
            .evaluate(() => {
              const table = document.querySelector('#content table');
              return table ? table.innerText : '';
            })
            .catch(() => '');
          if (t.includes(HOVER_WORD) && t.includes('200家以上') && t.includes('180家')) return t;
        }
        return false;
      }).catch(async (e) => {
        const frames = [];
        for (const frame of page.frames()) {
          const state = await frame
            .evaluate(() => ({ ready: document.readyState, body: (document.body ? document.body.innerHTML : '').slice(0, 300) }))
            .catch((err) => ({ error: err.message }));
          frames.push({ url: frame.url().slice(0, 160), ...state });
        }
        throw new Error(`${e.message}; frames: ${JSON.stringify(frames)}`);
      });
      await shot('08-target-table');
      return { text };
    });

    await step('compare-drafts', async (rec) => {
      if (!(caps.executeCommandProvider && (caps.executeCommandProvider.commands || []).includes('workplan.diff'))) {
        rec.skipped = 'the server does not advertise the workplan.diff command';
        return;
      }
      // Written now, so that the earlier steps see a workspace of one draft.
      const earlier = '科技创新工作计划（征求意见稿）.txt';
      fs.writeFileSync(path.join(ws, earlier), draftText.replace('200家以上', '150家以上'));
      await focusDraft();
      await palette('workplan: Compare with an earlier draft');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await until('the earlier draft in the quick pick', 10000, async () => {
        await input.fill('征求意见稿', { timeout: 3000 }).catch(() => undefined);
        const labels = await page.$$eval('.quick-input-list .monaco-list-row', (rows) => rows.map((r) => r.textContent || ''));
        return labels.some((l) => l.includes(earlier));
      });
      await page.keyboard.press('Enter');
      // The table is in the Markdown document opened beside the draft and in its preview.
      const text = await until('the table of changes', 20000, async () => {
        for (const frame of page.frames()) {
          const t = await frame.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
          if (t.includes('数值变化') && t.includes('150家以上') && t.includes('200家以上')) {
            // The quick-fix step corrected （二）、 to （二）: punctuation, not a new number.
            if (t.includes('序号变化')) throw new Error(`a corrected marker reported as renumbered: ${t.slice(0, 800)}`);
            return t;
          }
        }
        return false;
      });
      await shot('09-compare-drafts');
      return { text: text.slice(0, 2000) };
    });

    await step('rule-docs', async () => {
      // The cursor on the numbering.gap finding, then “workplan: Open rule documentation”.
      const lineIdx = draftLines.findIndex((l) => l.startsWith(GAP_MARKER));
      await focusDraft();
      await goTo(lineIdx + 1, 1); // the typed text filled the blank line 2: no line was added
      await palette('workplan: Open rule documentation');
      const tab = await until('a preview of numbering.gap.md', 15000, async () => {
        const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
        return tabs.find((t) => t.includes('numbering.gap')) || false;
      });
      await sleep(500); // the preview renders
      await shot('09-rule-docs');
      return { tab: tab.replace(/\s+/g, ' ') };
    });

    await step('bad-server-path', async () => {
      // workplan.server.path is machine-scoped: in code-server (a remote) it lives in the
      // remote's settings, <user-data>/Machine/settings.json. The extension restarts the server
      // when it changes and must say which path it could not use: first a path that does not
      // exist, then a program that is not workplan (it exits at once).
      const machineSettings = path.join(ud, 'Machine', 'settings.json');
      fs.mkdirSync(path.dirname(machineSettings), { recursive: true });
      const notified = async (bad) => {
        fs.writeFileSync(machineSettings, JSON.stringify({ 'workplan.server.path': bad }, null, 2));
        return until(`an error notification naming ${bad}`, 20000, async () => {
          const t = (await page.locator('.notifications-toasts .notification-list-item').allInnerTexts()).join('\n');
          return t.includes(bad) ? t.replace(/\s+/g, ' ') : false;
        });
      };
      const missing = path.join(tmp, 'no-such-dir', 'workplan');
      const missingText = await notified(missing);
      const status = await until('the status-bar item to show the failure', 5000, async () => {
        const st = await statusText();
        return /workplan$/.test(st.trim()) ? st : false;
      });
      await shot('10-bad-server-path');
      const impostor = path.join(tmp, 'not-workplan');
      fs.writeFileSync(impostor, '#!/bin/sh\necho "not workplan"\nexit 3\n', { mode: 0o755 });
      const impostorText = await notified(impostor);
      return { notification: missingText, status, notificationForAnotherProgram: impostorText };
    });

    await step('recover-and-restart', async () => {
      // The setting removed: the extension restarts the bundled server by itself. Then the
      // “restart” command, which must bring it back to the same state.
      fs.writeFileSync(path.join(ud, 'Machine', 'settings.json'), '{}');
      await page.keyboard.press('Escape');
      await focusDraft();
      const running = async (what) =>
        until(what, 20000, async () => {
          const st = await statusText();
          return /workplan \d+/.test(st) ? st : false;
        });
      const afterSetting = await running('the server back (status bar with a finding count) after removing the setting');
      await palette('workplan: Restart the language server');
      await until('the status bar to leave the running state during the restart', 5000, async () => !/workplan \d+/.test(await statusText()), 20)
        .catch(() => undefined); // a fast restart may not be seen
      const afterRestart = await running('the server running again after “Restart the language server”');
      await until('the findings back in the Problems panel', 15000, async () => {
        const text = (await problemRows()).map((x) => x.text).join('\n');
        return text.includes('numbering.gap') && text.includes('target.conflict');
      });
      await shot('11-restarted');
      return { afterSetting, afterRestart };
    });
  } catch (e) {
    if (!result.errors.length) result.errors.push(e.message);
  } finally {
    clearTimeout(watchdog);
    result.ok = result.errors.length === 0;
    result.seconds = (Date.now() - t0) / 1000;
    fs.writeFileSync(path.join(args.out, 'result.json'), JSON.stringify(result, null, 2));
    await cleanup();
  }
  log(result.ok ? 'all steps passed' : `FAILED:\n  ${result.errors.join('\n  ')}`);
  process.exit(result.ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});

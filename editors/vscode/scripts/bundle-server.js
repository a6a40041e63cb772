// Copies the workplan binary and the rule pages into the extension folder, so that the .vsix
// carries them:
//   server/workplan   from ../../target/release/workplan, else ../../target/debug/workplan
//   docs/rules/*.md   from ../../docs/rules/
// Without a built binary the .vsix has none and the extension uses `workplan.server.path`
// or `workplan` on PATH. WORKPLAN_SERVER=/path/to/workplan picks another binary. The copy is
// stripped of debug symbols when `strip` is available (a debug build shrinks ~10x).
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const here = path.resolve(__dirname, '..');
const repo = path.resolve(here, '..', '..');
const exe = process.platform === 'win32' ? 'workplan.exe' : 'workplan';

const candidates = process.env.WORKPLAN_SERVER
  ? [path.resolve(process.env.WORKPLAN_SERVER)]
  : [path.join(repo, 'target', 'release', exe), path.join(repo, 'target', 'debug', exe)];

const serverDir = path.join(here, 'server');
fs.rmSync(serverDir, { recursive: true, force: true });
const found = candidates.find((p) => fs.existsSync(p));
if (found) {
  fs.mkdirSync(serverDir, { recursive: true });
  const dest = path.join(serverDir, exe);
  fs.copyFileSync(found, dest);
  fs.chmodSync(dest, 0o755);
  if (process.platform !== 'win32' && !process.env.WORKPLAN_NO_STRIP) {
    const strip = spawnSync('strip', [dest], { stdio: 'ignore' });
    if (strip.error || strip.status !== 0) {
      console.warn('bundle-server: could not strip the copy (no `strip`?); bundling it as is');
    }
  }
  const mb = (fs.statSync(dest).size / 1e6).toFixed(1);
  console.log(`bundle-server: ${path.relative(here, found)} -> server/${exe} (${mb} MB)`);
} else if (process.env.WORKPLAN_SERVER) {
  console.error(`bundle-server: WORKPLAN_SERVER=${process.env.WORKPLAN_SERVER} does not exist`);
  process.exit(1);
} else {
  console.warn(
    `bundle-server: no workplan binary (tried ${candidates.map((p) => path.relative(here, p)).join(', ')}); ` +
      'the .vsix will use workplan.server.path or workplan on PATH. Run `cargo build --release` first to bundle one.',
  );
}

const docsSrc = path.join(repo, 'docs', 'rules');
const docsDest = path.join(here, 'docs', 'rules');
fs.rmSync(path.join(here, 'docs'), { recursive: true, force: true });
if (fs.existsSync(docsSrc)) {
  fs.mkdirSync(docsDest, { recursive: true });
  const pages = fs.readdirSync(docsSrc).filter((f) => f.endsWith('.md'));
  for (const page of pages) {
    fs.copyFileSync(path.join(docsSrc, page), path.join(docsDest, page));
  }
  console.log(`bundle-server: ${pages.length} rule pages -> docs/rules/`);
}

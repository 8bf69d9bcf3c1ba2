// `npm run test:vscode`: runs the extension in a real VS Code, offline.
//  1. prepares code-server + chromium in a cache folder (scripts/vscode/prepare.sh, skipped when present);
//  2. builds the extension and its extension-host tests;
//  3. starts code-server on a free loopback port with its own user-data and extensions folders;
//  4. runs the integration tests inside the extension host (the same run() entry as @vscode/test-electron);
//  5. runs the UI tests that act like a person through Playwright (test/ui);
//  6. always stops code-server's whole process group.
// Ends with one line "N passed, N failed" for the suites it ran.
//
// `npm run test:vscode -- --installed sourced.vsix` tests the package as a user gets it instead:
// it installs the .vsix into code-server's extensions folder (`code-server --install-extension`),
// opens the workbench without a development path, and runs only the smoke test test/ui/installed.ui.ts.
// Arguments `integration` or `ui` run only that suite.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache = process.env.SOURCED_VSCODE_CACHE || join(homedir(), '.cache', 'sourced-vscode');
const shots = process.env.SOURCED_SHOTS || join(root, 'test-results', 'vscode');
const args = process.argv.slice(2);
const vsix = args.includes('--installed') ? resolve(args[args.indexOf('--installed') + 1] ?? '') : undefined;
const only = args.filter((arg) => arg === 'integration' || arg === 'ui');
const t0 = Date.now();
const log = (message) => console.log(`[test:vscode ${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
const totals = { passed: 0, failed: 0 };

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url, child, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${ms} ms`);
}

function workspaceCopy(name) {
  const dir = mkdtempSync(join(tmpdir(), `sourced-${name}-`));
  cpSync(join(root, 'sample'), dir, { recursive: true });
  return dir;
}

/** Runs one Playwright test file with mocha; returns its counts (a crash outside any test counts as a failure). */
function runUiTests(file, workspace, env) {
  const summary = join(shots, `${file.replace(/^.*\//, '').replace(/\.ui\.ts$/, '')}-summary.json`);
  rmSync(summary, { force: true });
  const status = run(join(root, 'node_modules/.bin/mocha'), ['--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '180000', '--reporter', join(root, 'test/support/summaryReporter.js'), join(root, file)], {
    env: { ...env, SOURCED_UI_WORKSPACE: workspace, SOURCED_TEST_SUMMARY: summary },
    cwd: root,
  });
  const counts = existsSync(summary) ? JSON.parse(readFileSync(summary, 'utf8')) : { passed: 0, failed: 1 };
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

function countSuite(counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
}

async function main() {
  log('preparing the offline VS Code');
  if (run('bash', [join(root, 'scripts/vscode/prepare.sh')]) !== 0) throw new Error('scripts/vscode/prepare.sh failed');
  if (vsix) {
    if (!existsSync(vsix) || !vsix.endsWith('.vsix')) throw new Error(`--installed needs the path of a .vsix (got ${vsix})`);
  } else {
    log('building the extension and its tests');
    if (run(process.execPath, [join(root, 'scripts/build.mjs'), '--tests'], { cwd: root }) !== 0) throw new Error('build failed');
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const state = mkdtempSync(join(tmpdir(), 'sourced-code-server-'));
  for (const d of ['ud/User', 'exts', 'tmp', 'xdg/config', 'xdg/data']) mkdirSync(join(state, d), { recursive: true });
  writeFileSync(
    join(state, 'ud/User/settings.json'),
    JSON.stringify({
      'telemetry.telemetryLevel': 'off',
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'workbench.enableExperiments': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'git.enabled': false,
      'workbench.tips.enabled': false,
      'editor.hover.delay': 200,
    }),
  );
  const codeServer = join(cache, 'cs/bin/code-server');
  const folders = ['--user-data-dir', join(state, 'ud'), '--extensions-dir', join(state, 'exts')];
  const serverEnv = { ...process.env, PATH: `${join(cache, 'bin')}:${process.env.PATH}`, XDG_CONFIG_HOME: join(state, 'xdg/config'), XDG_DATA_HOME: join(state, 'xdg/data'), TMPDIR: join(state, 'tmp') };
  if (vsix) {
    log(`installing ${vsix} with code-server --install-extension`);
    if (run(codeServer, [...folders, '--install-extension', vsix], { env: serverEnv }) !== 0) throw new Error(`code-server --install-extension ${vsix} failed`);
    const { publisher, name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    if (!existsSync(join(state, 'exts', `${publisher}.${name}-${version}`, 'package.json'))) throw new Error(`the .vsix did not install as ${publisher}.${name}-${version}`);
  }
  log(`starting code-server on ${base}`);
  // The smoke-test driver lets the workbench read a development path and extension tests from the
  // URL; the installed extension runs without it, as it does for a user.
  const driver = vsix ? [] : ['--vscode-option', 'enable-smoke-test-driver'];
  // detached = its own process group (setsid), so that extension hosts and language servers stop with it.
  const server = spawn(
    codeServer,
    ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ...folders, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--reconnection-grace-time', '5', ...driver],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv },
  );
  let serverLog = '';
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  const workspaces = [];
  try {
    await waitForHealth(base, server, 60_000);
    log('code-server is up');
    const env = { ...process.env, SOURCED_VSCODE_URL: base, SOURCED_REPO: root, SOURCED_SHOTS: shots, CHROMIUM: process.env.CHROMIUM || '/usr/bin/chromium' };
    mkdirSync(shots, { recursive: true });

    if (vsix) {
      const workspace = workspaceCopy('installed');
      workspaces.push(workspace);
      log('smoke test of the installed .vsix through Playwright');
      countSuite(runUiTests('test/ui/installed.ui.ts', workspace, env));
    }
    if (!vsix && (!only.length || only.includes('integration'))) {
      const workspace = workspaceCopy('integration');
      workspaces.push(workspace);
      log('integration tests in the extension host');
      const status = run(process.execPath, [join(root, 'scripts/vscode/extensionHost.mjs'), base, workspace, root, join(root, 'out/test/vscode/index.js')], { env });
      const counts = existsSync(join(shots, 'integration.json')) ? JSON.parse(readFileSync(join(shots, 'integration.json'), 'utf8')) : { passed: 0, failed: 1 };
      if (status !== 0 && counts.failed === 0) counts.failed = 1;
      countSuite(counts);
    }
    if (!vsix && (!only.length || only.includes('ui'))) {
      const workspace = workspaceCopy('ui');
      workspaces.push(workspace);
      log('UI tests through Playwright');
      countSuite(runUiTests('test/ui/workbench.ui.ts', workspace, env));
    }
  } catch (error) {
    console.error(String(error?.stack || error));
    console.error(`code-server log (last lines):\n${serverLog.split('\n').slice(-30).join('\n')}`);
    totals.failed++;
  } finally {
    stop();
    for (const w of workspaces) rmSync(w, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${shots}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log(`${totals.passed} passed, ${totals.failed + 1} failed`);
  process.exitCode = 1;
});

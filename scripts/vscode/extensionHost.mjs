// Runs the extension-host integration tests inside code-server's remote extension host.
// Usage: node extensionHost.mjs <code-server url> <workspace folder> <extension folder> <tests entry (run())>
// code-server must run with `--vscode-option enable-smoke-test-driver`: the workbench then reads
// extensionDevelopmentPath and extensionTestsPath from the URL payload and, when the tests end,
// calls window.codeAutomationExit(code).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const [base, folder, devPath, testsPath] = process.argv.slice(2);
const shots = process.env.SOURCED_SHOTS || process.cwd();
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 180_000);
const t0 = Date.now();
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const authority = new URL(base).host;
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`],
  ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
];
let finish;
const exited = new Promise((resolve) => (finish = resolve));
let passed = 0;
let failed = 0;
await page.exposeFunction('codeAutomationExit', async (code) => finish({ code }));
await page.exposeFunction('codeAutomationLog', (type, args) => {
  const line = format(...(args || []));
  // Only the mocha report is of interest; the workbench also logs its own offline noise.
  if (/^\s*(✔|\d+\)|\d+ passing|\d+ failing|Sourced in|\s{4})/.test(line) || /Error|assert/i.test(line)) console.log(line);
  const p = /(\d+) passing/.exec(line);
  const f = /(\d+) failing/.exec(line);
  if (p) passed = Number(p[1]);
  if (f) failed = Number(f[1]);
});
await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
const result = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), timeoutMs))]);
if (result.code !== 0) {
  await page.screenshot({ path: join(shots, 'integration-failure.png') }).catch(() => {});
  if (result.code === 'timeout') console.error(`waited ${timeoutMs} ms for the extension tests to call codeAutomationExit`);
}
if (result.code !== 0 && failed === 0) failed = 1;
writeFileSync(join(shots, 'integration.json'), JSON.stringify({ passed, failed, exitCode: result.code, ms: Date.now() - t0 }));
console.log(`extension-host tests: ${passed} passed, ${failed} failed (exit ${result.code}) in ${Date.now() - t0} ms`);
await browser.close();
process.exit(result.code === 0 ? 0 : 1);

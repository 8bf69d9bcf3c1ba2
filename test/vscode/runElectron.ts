/**
 * `npm run test:electron`: the standard @vscode/test-electron runner, for machines
 * that can download VS Code (or that set VSCODE_EXECUTABLE_PATH). It runs the same
 * integration suite as the offline code-server runner, on a copy of the sample.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const workspace = mkdtempSync(join(tmpdir(), 'sourced-electron-'));
  cpSync(join(root, 'sample'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out/test/vscode/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : {}),
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

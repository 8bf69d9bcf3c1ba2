/**
 * The extension-host test entry: the standard `run(): Promise<void>` that
 * @vscode/test-electron and the offline code-server runner both call.
 */
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'extensionHost.itest.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test${failures === 1 ? '' : 's'} failed`)) : resolve()));
  });
}

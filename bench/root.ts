import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's folder: the first folder with a package.json above this file. The benchmark runs
 * from its bundle (out/bench/run.js) as well as from its sources, so it is found, not assumed.
 */
export const root = ((): string => {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
})();

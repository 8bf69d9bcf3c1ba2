/**
 * Copies the split rows of eval/results/latest.md into the README's Evaluation section, between its
 * markers, so that the README keeps the current scores (`npm run eval -- --readme`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const results = readFileSync(join(__dirname, 'results', 'latest.md'), 'utf8');
const bySplit = results.slice(results.indexOf('## By split'), results.indexOf('## By corpus')).split('\n').filter((l) => l.startsWith('|'));
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const [start, end] = ['<!-- eval-table:start -->', '<!-- eval-table:end -->'];
const table = [start, '', `Latest scores (${results.split('\n')[2]!.split(',')[0]}; per corpus in \`eval/results/latest.md\`):`, '', ...bySplit, '', end].join('\n');
writeFileSync(readmePath, readme.slice(0, readme.indexOf(start)) + table + readme.slice(readme.indexOf(end) + end.length));
console.log('README evaluation table updated');

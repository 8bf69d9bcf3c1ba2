// Lint rules. The one that matters most: src/core is plain TypeScript, so it may not import VS Code,
// the language server libraries or Node's built-in modules (the Node adapters live in src/node).
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const editorModules = ['vscode', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-protocol', 'vscode-jsonrpc', 'vscode-jsonrpc/*'];
const nodeMessage = 'src/core must not depend on Node: Node adapters (files, hashes, memory, configuration files) live in src/node; give the core an interface and implement it there.';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Bare names (`fs`, `fs/promises`, `crypto`, …) one by one: a pattern such as `path` would also match `./path`.
          paths: builtinModules.map((name) => ({ name, message: nodeMessage })),
          patterns: [
            { group: editorModules, message: 'src/core must not depend on the editor: keep it plain TypeScript that runs in Node.' },
            { regex: '^node:', message: nodeMessage },
          ],
        },
      ],
      // In Node 20 a literal such as `{ ...figure, sentence }` gives each object it makes a hidden class of
      // its own (about 270 bytes, and slow reads); the core makes such objects by the hundred thousand.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > SpreadElement:first-child + *',
          message: 'A spread followed by more keys makes a hidden class per object in V8: use withFields(base, { ... }) from src/core/objects.ts, or list the keys.',
        },
      ],
    },
  },
);

import * as assert from 'node:assert/strict';
import { SOURCE_EDITOR_CONTEXT } from '../../src/extension/contextKeys';

/** What package.json contributes, as far as the tests below read it. */
interface Manifest {
  contributes: {
    menus: Record<string, Array<{ command: string; when?: string }>>;
    configuration: { properties: Record<string, unknown> };
  };
}

const manifest = require('../../package.json') as Manifest;

describe('package.json', () => {
  // Sourced never edits a source: the commands that edit or check a note are hidden in sources.
  for (const command of ['sourced.insertCitation', 'sourced.verifyClaimAtCursor']) {
    it(`hides ${command} in sources, in every menu that shows it`, () => {
      const entries = Object.values(manifest.contributes.menus).flatMap((items) => items.filter((item) => item.command === command));
      assert.ok(entries.length >= 2, 'listed in the command palette and the editor context menu');
      for (const entry of entries) assert.match(entry.when ?? '', new RegExp(`editorLangId == markdown && !${SOURCE_EDITOR_CONTEXT.replace('.', '\\.')}`));
    });
  }

  it('contributes every size limit and note glob the server reads as a setting', () => {
    for (const key of ['sourced.sources.maxFileSize', 'sourced.notes.include', 'sourced.notes.exclude', 'sourced.notes.maxFileSize']) assert.ok(manifest.contributes.configuration.properties[key], key);
  });
});

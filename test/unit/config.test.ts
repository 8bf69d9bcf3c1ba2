import * as assert from 'node:assert/strict';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../src/core/config';

describe('configuration file', () => {
  const errors: Array<[text: string, message: RegExp]> = [
    ['{', /not valid JSON/],
    ['[]', /expected an object/],
    ['{"source": {}}', /unknown setting "source"/],
    ['{"citation": {"style": "mla"}}', /citation\.style must be "footnote" or "pandoc"/],
    ['{"validate": {"no-such-code": "warning"}}', /validate\.no-such-code is not a diagnostic code/],
    ['{"validate": {"uncited-claim": "loud"}}', /validate\.uncited-claim must be one of/],
    ['{"aliases": {"Sam Altman": "Altman"}}', /aliases\.Sam Altman must be a list of strings/],
    ['{"sources": {"include": 5}}', /sources\.include must be a glob or a list of globs/],
    ['{"sources": {"maxFileSize": -1}}', /sources\.maxFileSize must be a positive number/],
    ['{"notes": {"maxFileSize": "big"}}', /notes\.maxFileSize must be a positive number/],
    [JSON.stringify({ sources: { include: [`${'**/'.repeat(20_000)}x`] } }), /sources\.include: the glob "\*\*\/\*\*\/.*" is 60,001 characters long; a glob may have at most 256/],
    [JSON.stringify({ sources: { exclude: [`${'{'.repeat(20_000)}a`] } }), /sources\.exclude: the glob .* is 20,001 characters long/],
    [JSON.stringify({ notes: { include: [`${'{a,'.repeat(12)}b`] } }), /notes\.include: the glob .* nests braces more than 8 deep/],
    [JSON.stringify({ notes: { exclude: Array.from({ length: 100 }, (_, i) => `n${i}/**`) } }), /notes\.exclude lists 100 globs; at most 64 are allowed/],
  ];
  for (const [text, message] of errors) {
    it(`rejects ${text} with a message that says what to fix`, () => {
      assert.throws(() => parseConfig(text), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }

  it('layers values over the defaults', () => {
    const config = parseConfig('{"sources": {"include": "articles/**"}, "citation": {"style": "pandoc"}, "validate": {"uncited-claim": "off"}, "aliases": {"Sam Altman": ["SA"]}}');
    assert.deepEqual(config.sources.include, ['articles/**']);
    assert.deepEqual(config.sources.exclude, DEFAULT_CONFIG.sources.exclude);
    assert.equal(config.citation.style, 'pandoc');
    assert.equal(config.validate['uncited-claim'], 'off');
    assert.deepEqual(config.aliases['Sam Altman'], ['SA']);
  });
});

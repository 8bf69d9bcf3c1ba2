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

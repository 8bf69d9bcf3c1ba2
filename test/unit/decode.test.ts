import * as assert from 'node:assert/strict';
import { decodeSource } from '../../src/core/decode';
import { extractFigures } from '../../src/core/figures';
import { analyzeSource } from '../../src/core/source';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeSource', () => {
  const cases: Array<{ name: string; bytes: Uint8Array; ok: boolean; code?: string; text?: string }> = [
    { name: 'plain UTF-8', bytes: enc('Hello “world”'), ok: true, text: 'Hello “world”' },
    { name: 'UTF-8 with BOM (BOM dropped)', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Hi')]), ok: true, text: 'Hi' },
    { name: 'UTF-16 LE with BOM', bytes: new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]), ok: true, text: 'Hi' },
    { name: 'UTF-16 BE with BOM', bytes: new Uint8Array([0xfe, 0xff, 0x00, 0x48, 0x00, 0x69]), ok: true, text: 'Hi' },
    { name: 'empty file', bytes: new Uint8Array(0), ok: false, code: 'empty' },
    { name: 'only white space', bytes: enc('  \n\t\n'), ok: false, code: 'empty' },
    { name: 'binary (NUL bytes)', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), ok: false, code: 'binary' },
    { name: 'invalid UTF-8 (Latin-1 é)', bytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9]), ok: false, code: 'undecodable' },
    { name: 'UTF-16 with odd length', bytes: new Uint8Array([0xff, 0xfe, 0x48]), ok: false, code: 'undecodable' },
  ];
  for (const c of cases) {
    it(`${c.ok ? 'decodes' : 'skips with a reason'}: ${c.name}`, () => {
      const result = decodeSource(c.bytes);
      assert.equal(result.ok, c.ok);
      if (result.ok) assert.equal(result.text, c.text);
      else {
        assert.equal(result.reason.code, c.code);
        assert.ok(result.reason.message.length > 10, 'the reason is a sentence a user can act on');
      }
    });
  }

  it('skips files over the size limit and names the setting', () => {
    const result = decodeSource(new Uint8Array(101), 100);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.reason.code, 'too-large');
      assert.match(result.reason.message, /sourced\.sources\.maxFileSize/);
    }
  });

  it('says where invalid UTF-8 starts', () => {
    const result = decodeSource(new Uint8Array([0x61, 0x62, 0xff, 0x63]));
    assert.ok(!result.ok && /offset 2/.test(result.reason.message));
  });

  it('analyses a 20 MB single-line source completely (linear scanning, no hang)', function () {
    // Not a timing test: the generous limit only stops a quadratic regression from hanging CI.
    this.timeout(180_000);
    const unit = 'Acme Corp raised $12 billion in 2021 while rivals waited and analysts watched the market closely ';
    const text = unit.repeat(Math.ceil((20 * 1024 * 1024) / unit.length));
    const figures = extractFigures(text);
    const expected = Math.ceil((20 * 1024 * 1024) / unit.length) * 2;
    assert.equal(figures.length, expected);
    const analysed = analyzeSource({ uri: 'file:///big.txt', path: 'big.txt', text: text.slice(0, 2 * 1024 * 1024) });
    assert.ok(analysed.figures.length > 1000);
  });
});

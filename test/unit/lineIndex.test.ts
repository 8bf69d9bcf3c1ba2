import * as assert from 'node:assert/strict';
import { decodeSource } from '../../src/core/decode';
import { LineIndex } from '../../src/core/lineIndex';

describe('LineIndex', () => {
  const cases: Array<{ name: string; text: string; offset: number; line: number; character: number }> = [
    { name: 'start of text', text: 'abc\ndef', offset: 0, line: 0, character: 0 },
    { name: 'after LF', text: 'abc\ndef', offset: 5, line: 1, character: 1 },
    { name: 'after CRLF', text: 'abc\r\ndef', offset: 6, line: 1, character: 1 },
    { name: 'lone CR', text: 'abc\rdef', offset: 5, line: 1, character: 1 },
    { name: 'tab counts as one unit', text: '\tx', offset: 1, line: 0, character: 1 },
    { name: 'curly quote and en dash are one unit each', text: '“A–B” x', offset: 6, line: 0, character: 6 },
    { name: 'astral character is two units', text: '😀x', offset: 2, line: 0, character: 2 },
    { name: 'clamped past the end', text: 'ab', offset: 99, line: 0, character: 2 },
  ];
  for (const c of cases) {
    it(`maps offsets to positions and back: ${c.name}`, () => {
      const index = new LineIndex(c.text);
      assert.deepEqual(index.positionAt(c.offset), { line: c.line, character: c.character });
      assert.equal(index.offsetAt({ line: c.line, character: c.character }), Math.min(c.offset, c.text.length));
    });
  }

  it('clamps characters past the end of a line to the line end, before CRLF', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.equal(index.offsetAt({ line: 0, character: 10 }), 2);
    assert.equal(index.lineCount, 2);
  });

  const hostile: Array<{ name: string; position: { line: number; character: number }; offset: number }> = [
    { name: 'a negative line', position: { line: -1, character: 2 }, offset: 0 },
    { name: 'a negative character', position: { line: 1, character: -3 }, offset: 4 },
    { name: 'fractions', position: { line: 1.9, character: 1.5 }, offset: 5 },
    { name: 'a NaN line', position: { line: NaN, character: 1 }, offset: 0 },
    { name: 'a NaN character', position: { line: 1, character: NaN }, offset: 4 },
    { name: 'a line past the end', position: { line: 1e9, character: 0 }, offset: 7 },
    { name: 'infinity', position: { line: 1, character: Infinity }, offset: 7 },
  ];
  for (const h of hostile) {
    it(`clamps a position from an editor into the text: ${h.name}`, () => {
      assert.equal(new LineIndex('abc\ndef').offsetAt(h.position), h.offset);
    });
  }

  it('counts positions after a BOM as the editor does (BOM dropped)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('x\r\n$5 billion')]);
    const decoded = decodeSource(bytes);
    assert.ok(decoded.ok);
    const index = new LineIndex(decoded.text);
    const at = decoded.text.indexOf('$5');
    assert.deepEqual(index.positionAt(at), { line: 1, character: 0 });
  });
});

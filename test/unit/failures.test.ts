import * as assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { guardProcess, runLogged, toResponseError } from '../../src/server/failures';

describe('server failure handling', () => {
  const recorder = () => {
    const lines: string[] = [];
    return { lines, log: { error: (m: string) => void lines.push(m) } };
  };

  it('answers a bug with InternalError and logs its stack', () => {
    const { lines, log } = recorder();
    const error = toResponseError('textDocument/hover', new TypeError('boom'), log);
    assert.equal(error.code, ErrorCodes.InternalError);
    assert.match(error.message, /textDocument\/hover: boom/);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /TypeError: boom\n\s+at /);
  });

  it('passes an error response through without logging it', () => {
    const { lines, log } = recorder();
    const invalid = new ResponseError(ErrorCodes.InvalidParams, 'bad');
    assert.equal(toResponseError('textDocument/hover', invalid, log), invalid);
    assert.deepEqual(lines, []);
  });

  const work: Array<{ name: string; run: () => unknown; logged: RegExp | undefined }> = [
    { name: 'a throw', run: () => { throw new Error('thrown'); }, logged: /^Sourced: checking failed: Error: thrown/ },
    { name: 'a rejection', run: () => Promise.reject(new Error('rejected')), logged: /^Sourced: checking failed: Error: rejected/ },
    { name: 'a rejection with a non-error', run: () => Promise.reject('just a string'), logged: /^Sourced: checking failed: just a string$/ },
    { name: 'success', run: () => Promise.resolve(1), logged: undefined },
  ];
  for (const w of work) {
    it(`runs background work without letting ${w.name} escape`, async () => {
      const { lines, log } = recorder();
      await runLogged('checking', w.run, log);
      if (w.logged) assert.match(lines.join('\n'), w.logged);
      else assert.deepEqual(lines, []);
    });
  }

  it('logs an unhandled rejection and carries on; an uncaught exception is fatal', () => {
    const { lines, log } = recorder();
    const fatal: string[] = [];
    const proc = new EventEmitter();
    guardProcess(proc as unknown as Parameters<typeof guardProcess>[0], log, (m) => fatal.push(m));
    proc.emit('unhandledRejection', new Error('nobody awaited me'));
    assert.match(lines.join('\n'), /carries on: Error: nobody awaited me/);
    assert.deepEqual(fatal, []);
    proc.emit('uncaughtException', new Error('escaped'));
    assert.equal(fatal.length, 1);
    assert.match(fatal[0]!, /exits so that the editor restarts it: Error: escaped/);
  });
});

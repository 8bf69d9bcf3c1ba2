import * as assert from 'node:assert/strict';
import { crashCause, MAX_SESSION_CRASHES, RestartPolicy, stoppedMessage, type CrashDecision } from '../../src/extension/restartPolicy';

describe('restart policy for a crashed language server', () => {
  const restart = (notify: boolean): CrashDecision => ({ restart: true, notify });
  const cases: Array<{ name: string; crashes: number; decisions: CrashDecision[] }> = [
    { name: 'the first crash restarts and tells the user', crashes: 1, decisions: [restart(true)] },
    { name: 'later crashes restart quietly', crashes: 3, decisions: [restart(true), restart(false), restart(false)] },
    {
      // However far apart: out of memory every seven minutes used to restart forever.
      name: `${MAX_SESSION_CRASHES} crashes in a session stop the restarts`,
      crashes: MAX_SESSION_CRASHES,
      decisions: [restart(true), restart(false), restart(false), { restart: false, crashes: MAX_SESSION_CRASHES }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const policy = new RestartPolicy();
      assert.deepEqual(Array.from({ length: c.crashes }, () => policy.crashed()), c.decisions);
    });
  }

  it('starts counting again after the user restarts the server by hand, without a second notice', () => {
    const policy = new RestartPolicy(2);
    assert.deepEqual(policy.crashed(), restart(true));
    assert.deepEqual(policy.crashed(), { restart: false, crashes: 2 });
    policy.reset();
    assert.deepEqual(policy.crashed(), restart(false));
  });

  const causes: Array<[output: string, says: RegExp]> = [
    ['<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', /stopped unexpectedly 4 times this session and was not restarted, since it would most likely stop again: it ran out of memory\. Sources too large/],
    ['RangeError: Maximum call stack size exceeded', /: it overflowed its stack\.$/],
    ['something else', /; the output may say why\.$/],
  ];
  for (const [output, says] of causes) {
    it(`tells why it stopped restarting: ${output.slice(-40)}`, () => {
      assert.match(stoppedMessage({ restart: false, crashes: 4 }, output), says);
    });
  }

  it('finds no cause in ordinary output', () => assert.equal(crashCause('Sourced: indexing 10/20'), undefined));
});

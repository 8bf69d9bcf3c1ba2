import * as assert from 'node:assert/strict';
import { CRASH_WINDOW_MS, MAX_CRASHES, RestartPolicy, type CrashDecision } from '../../src/extension/restartPolicy';

describe('restart policy for a crashed language server', () => {
  const minute = 60_000;
  const restart = (notify: boolean): CrashDecision => ({ restart: true, notify });
  const cases: Array<{ name: string; crashesAt: number[]; decisions: CrashDecision[] }> = [
    { name: 'the first crash restarts and tells the user', crashesAt: [0], decisions: [restart(true)] },
    { name: 'later crashes restart quietly', crashesAt: [0, 10 * minute, 20 * minute], decisions: [restart(true), restart(false), restart(false)] },
    {
      name: `${MAX_CRASHES} crashes within the window stop the restarts`,
      crashesAt: [0, 1, 2, 3, 4].map((i) => i * 10_000),
      decisions: [restart(true), restart(false), restart(false), restart(false), { restart: false, crashes: MAX_CRASHES }],
    },
    {
      name: 'crashes older than the window no longer count',
      crashesAt: [0, 1, 2, 3].map((i) => i * 10_000).concat([CRASH_WINDOW_MS + 1]),
      decisions: [restart(true), restart(false), restart(false), restart(false), restart(false)],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      let now = 0;
      const policy = new RestartPolicy(MAX_CRASHES, CRASH_WINDOW_MS, () => now);
      const decisions = c.crashesAt.map((t) => {
        now = t;
        return policy.crashed();
      });
      assert.deepEqual(decisions, c.decisions);
    });
  }

  it('starts counting again after the user restarts the server by hand, without a second notice', () => {
    let now = 0;
    const policy = new RestartPolicy(2, CRASH_WINDOW_MS, () => now);
    assert.deepEqual(policy.crashed(), restart(true));
    now = 1;
    assert.deepEqual(policy.crashed(), { restart: false, crashes: 2 });
    policy.reset();
    now = 2;
    assert.deepEqual(policy.crashed(), restart(false));
  });
});

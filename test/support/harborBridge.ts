/** A small corpus far from the sample: two outlets on a fictional bridge project. They agree on the cost and the jobs and disagree on when the bridge opens. */
export const HARBOR_BRIDGE = {
  'herald.md': `---
title: Harbor Bridge gets green light
date: 2024-03-02
key: herald
---

The city of Porto Nova approved the Harbor Bridge on Monday. Meridian Construction will build the 1.8 km span for €640 million. The Harbor Bridge is due to open in late 2027.

Mayor Lucia Ferraz said the project would create 2,100 jobs. Meridian Construction was founded in 1998.
`,
  'gazette.txt': `Harbor Bridge: what we know

Porto Nova will spend €640 million on the Harbor Bridge, a 1.8 km crossing built by Meridian Construction. The Harbor Bridge is expected to open in 2029.

Officials said about 2,100 jobs would be created. Meridian Construction, founded in 1998, has built three bridges in the region.
`,
};

// The two servers the agreement suite runs against: the simulator `npm start` serves (written
// from the contract, independently of the package) and the fault server of tests/faults (in
// its fault-free mode). Each backend gives the same handle, so the suite is the same code.

import { createSimulator, DEMO_ORGANIZATION_ID, DEMO_TOKEN } from '../../sim/simulator.mjs';
import { ORG_ID, startFaultServer, TEST_TOKEN } from '../support/fault-server.mjs';

/** `{ name, start() -> { baseUrl, token, organizationId, close() } }` for each backend. */
export const backends = [
  {
    name: 'the simulator (sim/)',
    async start() {
      const sim = createSimulator({ staticDirs: {} });
      const { apiBaseUrl } = await sim.listen(0, '127.0.0.1');
      return { baseUrl: apiBaseUrl, token: DEMO_TOKEN, organizationId: DEMO_ORGANIZATION_ID, close: () => sim.close() };
    },
  },
  {
    name: 'the fault server (tests/support), no faults scripted',
    async start() {
      const server = await startFaultServer({ token: TEST_TOKEN });
      return { baseUrl: server.baseUrl, token: TEST_TOKEN, organizationId: ORG_ID, close: () => server.close() };
    },
  },
];

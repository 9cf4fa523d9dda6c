// The servers the agreement suite runs against: the simulator `npm start` serves (written
// from the contract, independently of the package), the fault server of tests/faults (in its
// fault-free mode), and the simulator behind Prism, which validates every request and
// response against an OpenAPI document of openapi/. Each backend gives the same handle, so
// the suite is the same code.

import { fileURLToPath } from 'node:url';

import { createSimulator, DEMO_ORGANIZATION_ID, DEMO_TOKEN } from '../../sim/simulator.mjs';
import { ORG_ID, startFaultServer, TEST_TOKEN } from '../support/fault-server.mjs';
import { startPrism } from '../support/prism.mjs';

const openapi = (file) => fileURLToPath(new URL(`../../openapi/${file}`, import.meta.url));

/** The simulator behind `prism proxy --errors` for one API version and its document. */
function behindPrism(version, document) {
  return {
    name: `the simulator behind Prism (openapi/${document})`,
    async start() {
      const sim = createSimulator({ staticDirs: {} });
      const { apiBaseUrls } = await sim.listen(0, '127.0.0.1');
      let prism;
      try {
        prism = await startPrism({
          document: openapi(document),
          upstream: apiBaseUrls[version],
          onViolation: (text) => console.error(text),
        });
      } catch (err) {
        await sim.close();
        throw err;
      }
      return {
        baseUrl: prism.baseUrl,
        token: DEMO_TOKEN,
        organizationId: DEMO_ORGANIZATION_ID,
        clientOptions: { fetch: prism.fetch },
        checkViolations: prism.checkViolations,
        close: async () => {
          await prism.close();
          await sim.close();
        },
      };
    },
  };
}

/**
 * `{ name, start() -> { baseUrl, token, organizationId, close(), clientOptions?, checkViolations? } }`
 * for each backend. `clientOptions` go into every AstroClient the suite makes; `checkViolations()`
 * throws when the backend saw the package or the server break the contract.
 */
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
  behindPrism('v1', 'v1.json'),
  behindPrism('v1beta1', 'v1beta1.json'),
];

// A simulator holding a fixed set of workspaces (fixed IDs, names and times) for the README's
// screenshots, so each run draws the same pictures; the page's clock is fixed to SHOWCASE_NOW.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_ORGANIZATION_ID, DEMO_TOKEN, createSimulator } from '../../../sim/simulator.mjs';

/** The page's "now" in the screenshots (its relative times count from it). */
export const SHOWCASE_NOW = '2026-03-02T15:00:00.000Z';

const TOKEN_SUBJECT = { id: 'cdemotoken000000000000001', subjectType: 'SERVICEKEY', apiTokenName: 'demo-token' };
const USER_SUBJECT = {
  id: 'cotheruser000000000000001', subjectType: 'USER', username: 'jane.doe@example.com', fullName: 'Jane Doe',
};

/** Fixed IDs of the API's shape. */
const IDS = ['cc14an35rkc75uepxc0iwy0sq', 'c3ltxi3p2ycapimt8xpu9214e', 'cu6ko0pcc5te8fjyxjhg2kmw1', 'c02prj7lhr3tkll4wu1oa8cvu',
  'cpfq2zky5p7r745ek53zi08w8', 'cy5k92g0ca28edwfjg35i3162'];

/** The `n`th (from 1) stored workspace, `ago` (and `touched`) in minutes before SHOWCASE_NOW. */
function record(n, { ago, touched = ago, by = TOKEN_SUBJECT, ...fields }) {
  const at = (minutes) => new Date(Date.parse(SHOWCASE_NOW) - minutes * 60_000).toISOString();
  return {
    id: IDS[n - 1], organizationId: DEMO_ORGANIZATION_ID, cicdEnforcedDefault: false,
    ...fields, createdAt: at(ago), updatedAt: at(touched), createdBy: by, updatedBy: by,
  };
}

/** The workspaces in the screenshots. */
export const SHOWCASE_WORKSPACES = [
  record(1, { name: 'Data Platform', description: 'Pipelines and the warehouse for the analytics team', cicdEnforcedDefault: true,
    defaultCloudProvider: 'GCP', defaultRegion: 'us-east4', ago: 60 * 24 * 41, touched: 60 * 26, by: USER_SUBJECT }),
  record(2, { name: 'ML Training', description: 'GPU Deployments for model training and nightly batch inference',
    defaultCloudProvider: 'AWS', defaultRegion: 'us-west-2', ago: 60 * 24 * 12, touched: 60 * 5 }),
  record(3, { name: 'Observability', description: 'Metrics, logs and traces', defaultClusterId: 'clq2x9v0b000008mf3k4d7a1z',
    cicdEnforcedDefault: true, ago: 60 * 24 * 3, touched: 42 }),
  record(4, { name: 'Finance Reporting', description: 'Month-end close, revenue recognition and the board pack. '
    + 'Every DAG here needs a review from the data governance group before it is deployed, and runs only inside the EU. '
    + 'Ask #finance-data for access.', ago: 60 * 20, touched: 60 * 20, by: USER_SUBJECT }),
  record(5, { name: 'Sandbox', ago: 95, touched: 12 }),
  record(6, { name: 'Marketing Analytics', description: 'Attribution models and campaign dashboards',
    defaultCloudProvider: 'AZURE', defaultRegion: 'westeurope', ago: 7, touched: 7 }),
];

/**
 * Starts a simulator on a free loopback port over a data file holding SHOWCASE_WORKSPACES.
 * Resolves `{ url, token, organizationId, stop() }` (the shape `openDemo` needs).
 */
export async function startShowcase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'astro-showcase-'));
  const dataFile = path.join(dir, 'workspaces.json');
  fs.writeFileSync(dataFile, JSON.stringify({ version: 1, workspaces: SHOWCASE_WORKSPACES }));
  const sim = createSimulator({ dataFile });
  const { url } = await sim.listen(0, '127.0.0.1');
  return {
    url,
    token: DEMO_TOKEN,
    organizationId: DEMO_ORGANIZATION_ID,
    async stop() {
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

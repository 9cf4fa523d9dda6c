// The package and the servers it is tested against must agree on the contract: the same
// scenarios, unchanged, through the built package against each backend in backends.mjs.

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { AstroClient, AuthenticationError, NotFoundError } from 'astro-platform';
import { backends } from './backends.mjs';

const CUID = /^c[a-z0-9]{24}$/;
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/; // UTC; the simulator sends milliseconds, as the real API does
const OTHER_ORG = 'cunknownorg00000000000001';

for (const backend of backends) {
  describe(`the package against ${backend.name}`, () => {
    let api;
    let client;
    before(async () => {
      api = await backend.start();
      client = new AstroClient({ token: api.token, baseUrl: api.baseUrl, maxRetries: 0, timeoutMs: 10_000, ...api.clientOptions });
    });
    // A backend that validates traffic (Prism) fails the test that broke the contract.
    afterEach(() => api?.checkViolations?.());
    after(() => api?.close());

    test('create, get, update, list, iterate and delete one Workspace family', async () => {
      const org = api.organizationId;
      const names = ['agree-charlie', 'agree-alpha', 'agree-bravo'];
      const created = [];
      for (const name of names) created.push(await client.createWorkspace(org, { name, description: `about ${name}` }));

      for (const ws of created) {
        assert.match(ws.id, CUID);
        assert.match(ws.createdAt, UTC);
        assert.match(ws.updatedAt, UTC);
        assert.equal(ws.organizationId, org);
        assert.equal(typeof ws.cicdEnforcedDefault, 'boolean');
      }
      assert.deepEqual(await client.getWorkspace(org, created[0].id), created[0]);

      const updated = await client.updateWorkspace(org, created[0].id, {
        name: 'agree-delta',
        description: '',
        cicdEnforcedDefault: true,
      });
      assert.deepEqual(
        [updated.id, updated.name, updated.description, updated.cicdEnforcedDefault],
        [created[0].id, 'agree-delta', '', true],
      );

      const filter = { names: ['agree-alpha', 'agree-bravo', 'agree-delta'], sorts: ['name:asc'] };
      const page = await client.listWorkspaces(org, { ...filter, limit: 2 });
      assert.equal(page.totalCount, 3);
      assert.equal(page.limit, 2);
      assert.deepEqual(page.workspaces.map((w) => w.name), ['agree-alpha', 'agree-bravo']);
      const rest = await client.listWorkspaces(org, { ...filter, offset: 2, limit: 2 });
      assert.deepEqual(rest.workspaces.map((w) => w.name), ['agree-delta']);

      const walked = [];
      for await (const ws of client.iterateWorkspaces(org, { ...filter, pageSize: 1 })) walked.push(ws.name);
      assert.deepEqual(walked, ['agree-alpha', 'agree-bravo', 'agree-delta']);

      for (const ws of created) assert.equal(await client.deleteWorkspace(org, ws.id), undefined);
      const gone = await client.getWorkspace(org, created[1].id).then(
        () => assert.fail('a deleted Workspace was found'),
        (err) => err,
      );
      assert.ok(gone instanceof NotFoundError, `${gone.name}: ${gone.message}`);
      assert.equal(gone.status, 404);
      assert.equal(typeof gone.requestId, 'string');
      assert.equal((await client.listWorkspaces(org, filter)).totalCount, 0);
    });

    test('a wrong token is an AuthenticationError with a request ID, and the token stays out of it', async () => {
      const wrong = new AstroClient({ token: 'not-the-right-token-42', baseUrl: api.baseUrl, maxRetries: 0, ...api.clientOptions });
      const err = await wrong.listWorkspaces(api.organizationId).then(() => assert.fail('resolved'), (e) => e);
      assert.ok(err instanceof AuthenticationError, `${err.name}: ${err.message}`);
      assert.equal(err.status, 401);
      assert.equal(typeof err.requestId, 'string');
      assert.ok(!JSON.stringify(err).includes('not-the-right-token-42') && !err.stack.includes('not-the-right-token-42'));
    });

    test('an unknown organization is a NotFoundError', async () => {
      const err = await client.listWorkspaces(OTHER_ORG).then(() => assert.fail('resolved'), (e) => e);
      assert.ok(err instanceof NotFoundError, `${err.name}: ${err.message}`);
      assert.equal(err.status, 404);
    });
  });
}

describe('the simulator validates on its own, in the shape the package reports', () => {
  test("a body that skipped the client's checks gets the simulator's 400 with fieldErrors", async () => {
    const api = await backends[0].start();
    try {
      // A fetch that spoils the body after the package checked it, as a client without the
      // package's rules would send it.
      const spoil = (url, init) => fetch(url, { ...init, body: JSON.stringify({ name: '😀'.repeat(51) }) });
      const client = new AstroClient({ token: api.token, baseUrl: api.baseUrl, fetch: spoil, maxRetries: 0 });
      const err = await client.createWorkspace(api.organizationId, { name: 'fine' }).then(() => assert.fail('resolved'), (e) => e);
      assert.equal(err.name, 'BadRequestError');
      assert.equal(err.status, 400);
      assert.deepEqual(err.fieldErrors.map((f) => `${f.field}:${f.code}`), ['name:too_long']);
      assert.equal(typeof err.requestId, 'string');
    } finally {
      await api.close();
    }
  });
});

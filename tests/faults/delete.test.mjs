// deleteWorkspace: a retry that finds the Workspace gone after an unanswered attempt means
// the first attempt deleted it; a 404 on the first attempt is a real NotFoundError.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { AstroClient, NotFoundError, InternalServerError } from 'astro-platform';
import { withServer, faults, caught, ORG_ID, TEST_TOKEN } from '../support/fault-server.mjs';

const clientFor = (server, options = {}) => new AstroClient({ token: TEST_TOKEN, baseUrl: server.baseUrl, ...options });

/** Deletes the Workspace in the store, then resets the connection: the answer is lost. */
const deleteThenReset = () =>
  faults.custom('delete, then reset', (ctx) => {
    ctx.defaultAnswer();
    ctx.req.socket.resetAndDestroy();
  });

/** Deletes the Workspace in the store, then never answers. */
const deleteThenHang = () =>
  faults.custom('delete, then hang', (ctx) => {
    ctx.defaultAnswer();
    ctx.later(10_000, () => ctx.res.end());
  });

describe('deleteWorkspace', { concurrency: true }, () => {
  it('resolves to undefined on 204 and the Workspace is gone', () =>
    withServer({ workspaces: 2 }, async (server) => {
      const id = server.workspaces[0].id;
      const client = clientFor(server);
      assert.equal(await client.deleteWorkspace(ORG_ID, id), undefined);
      assert.equal(server.count('delete'), 1);
      assert.equal(server.received('delete')[0].method, 'DELETE');
      const err = await caught(client.getWorkspace(ORG_ID, id));
      assert.ok(err instanceof NotFoundError, `got ${err?.name}: ${err?.message}`);
    }));

  it('a reset first attempt, then 404 on the retry, resolves (the first attempt deleted it)', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('delete', deleteThenReset());
      const result = await clientFor(server).deleteWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(result, undefined);
      assert.equal(server.count('delete'), 2);
      assert.equal(server.workspaces.length, 0);
    }));

  it('a timed-out first attempt, then 404 on the retry, resolves', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('delete', deleteThenHang());
      const result = await clientFor(server, { timeoutMs: 800 }).deleteWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(result, undefined);
      assert.equal(server.count('delete'), 2);
    }));

  it('a 404 on the first attempt is NotFoundError, attempts 1', () =>
    withServer({ workspaces: 1 }, async (server) => {
      const missing = `c${'9'.repeat(24)}`;
      const err = await caught(clientFor(server).deleteWorkspace(ORG_ID, missing));
      assert.ok(err instanceof NotFoundError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.status, 404);
      assert.equal(err.attempts, 1);
      assert.equal(server.count('delete'), 1);
    }));

  it('a 503 (an answer) then 404 is NotFoundError, attempts 2: only an unanswered attempt excuses a 404', () =>
    withServer({ workspaces: 1 }, async (server) => {
      const missing = `c${'9'.repeat(24)}`;
      server.script('delete', faults.status(503, { headers: { 'retry-after-ms': '0' } }));
      const err = await caught(clientFor(server).deleteWorkspace(ORG_ID, missing));
      assert.ok(err instanceof NotFoundError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 2);
      assert.equal(server.count('delete'), 2);
    }));

  it('a reset, then a 503, then 404 still resolves (an earlier attempt went unanswered)', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('delete', deleteThenReset(), faults.status(503, { headers: { 'retry-after-ms': '0' } }));
      const result = await clientFor(server).deleteWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(result, undefined);
      assert.equal(server.count('delete'), 3);
    }));

  it('resets on every attempt fail with ConnectionError-class error after 3 attempts', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('delete', faults.resetAfterBody(), faults.resetAfterBody(), faults.resetAfterBody());
      const err = await caught(clientFor(server).deleteWorkspace(ORG_ID, server.workspaces[0].id));
      assert.equal(err.name, 'ConnectionError', `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 3);
      assert.equal(server.count('delete'), 3);
    }));

  it('a 500 with maxRetries 0 is InternalServerError, attempts 1', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('delete', faults.status(500));
      const err = await caught(clientFor(server, { maxRetries: 0 }).deleteWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.equal(server.workspaces.length, 1);
    }));
});

// Responses that are not what the API documents: HTML pages, cut-off JSON, redirects to
// another origin, `__proto__` keys, and a server that echoes the token back.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';

import {
  AstroClient,
  ApiError,
  AstroError,
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  PermissionDeniedError,
} from 'astro-platform';
import { withServer, startFaultServer, faults, caught, ORG_ID, PREFIX, TEST_TOKEN } from '../support/fault-server.mjs';

const clientFor = (server, options = {}) => new AstroClient({ token: TEST_TOKEN, baseUrl: server.baseUrl, ...options });

describe('bodies that are not the API', { concurrency: true }, () => {
  it('200 with an HTML page is InvalidResponseError with an excerpt, not retried', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.html(200));
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof InvalidResponseError, `got ${err?.name}: ${err?.message}`);
      assert.ok(err instanceof AstroError);
      assert.equal(err.status, 200);
      assert.match(err.excerpt, /^<!DOCTYPE html>/);
      assert.equal(err.attempts, 1);
      assert.equal(server.count('get'), 1);
    }));

  it('502 with an HTML page is InternalServerError with status 502 and an excerpt', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.html(502));
      const err = await caught(clientFor(server, { maxRetries: 0 }).getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.status, 502);
      assert.match(err.excerpt, /502 from the gateway/);
      assert.ok(!err.message.includes('<html>'), 'the message describes the status, the page is in excerpt');
      assert.equal(err.attempts, 1);
    }));

  it('an HTML page larger than 2 KB is cut to a 2 KB excerpt', () =>
    withServer({ workspaces: 1 }, async (server) => {
      const page = `<html><body>${'é'.repeat(3000)}</body></html>`;
      server.script('get', faults.raw(502, page, { contentType: 'text/html' }));
      const err = await caught(clientFor(server, { maxRetries: 0 }).getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.ok(Buffer.byteLength(err.excerpt) <= 2048, `excerpt of ${Buffer.byteLength(err.excerpt)} bytes`);
      assert.ok(page.startsWith(err.excerpt));
    }));

  it('cut-off JSON in a complete 200 response is InvalidResponseError, not retried', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.cutOffJson());
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof InvalidResponseError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.ok(err.excerpt.startsWith('{"id":'), err.excerpt);
      assert.equal(server.count('get'), 1);
    }));

  it('cut-off JSON from a connection closed early is ConnectionError', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.cutOffJson({ abrupt: true }));
      const err = await caught(clientFor(server, { maxRetries: 0 }).getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof ConnectionError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
    }));

  it('a list page with a cut-off body is InvalidResponseError', () =>
    withServer({ workspaces: 50 }, async (server) => {
      server.script('list', faults.cutOffJson());
      const err = await caught(clientFor(server).listWorkspaces(ORG_ID, { limit: 20 }));
      assert.ok(err instanceof InvalidResponseError, `got ${err?.name}: ${err?.message}`);
      assert.equal(server.count('list'), 1);
    }));
});

describe('redirects are not followed', { concurrency: true }, () => {
  const cases = [
    ['get', 302, (c, s) => c.getWorkspace(ORG_ID, s.workspaces[0].id)],
    ['create', 302, (c) => c.createWorkspace(ORG_ID, { name: 'x' })],
    ['delete', 307, (c, s) => c.deleteWorkspace(ORG_ID, s.workspaces[0].id)],
    ['list', 301, (c) => c.listWorkspaces(ORG_ID, {})],
    ['update', 308, (c, s) => c.updateWorkspace(ORG_ID, s.workspaces[0].id, { name: 'y', description: '', cicdEnforcedDefault: true })],
  ];
  for (const [route, status, call] of cases) {
    it(`${route}: ${status} to a second server is ApiError ${status}; the second server sees nothing`, async () => {
      const other = await startFaultServer({ workspaces: 1 });
      try {
        await withServer({ workspaces: 1 }, async (server) => {
          const location = `${other.origin}${PREFIX}/organizations/${ORG_ID}/workspaces/${server.workspaces[0].id}`;
          server.script(route, faults.redirect(location, { status }));
          const err = await caught(call(clientFor(server), server));
          assert.equal(err.constructor, ApiError, `got ${err?.name}: ${err?.message}`);
          assert.equal(err.status, status);
          assert.equal(err.attempts, 1);
          assert.equal(server.count(route), 1);
          assert.equal(server.received(route)[0].headers.authorization, `Bearer ${TEST_TOKEN}`);
        });
        assert.equal(other.count(), 0, 'the second server received a request');
        assert.ok(!other.requests.some((r) => 'authorization' in r.headers));
      } finally {
        await other.close();
      }
    });
  }
});

describe('__proto__ and constructor keys in responses', { concurrency: true }, () => {
  const clean = (value, what) => {
    assert.equal(Object.getPrototypeOf(value), Object.prototype, `${what} keeps Object.prototype`);
    assert.equal(value.polluted, undefined, `${what}.polluted`);
    assert.equal(value.isAdmin, undefined, `${what}.isAdmin`);
    assert.equal(value.constructor, Object, `${what}.constructor`);
  };

  it('get: no pollution of the result or of Object.prototype', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.protoKeys());
      const ws = await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(ws.id, server.workspaces[0].id);
      clean(ws, 'the Workspace');
      clean(ws.createdBy, 'createdBy');
      assert.equal(ws.createdBy.id, 'clm8qv74h000008mlf08scq7k');
      clean({}, 'a new object');
      assert.equal(Object.prototype.polluted, undefined);
    }));

  it('list: no pollution of the page, its Workspaces or Object.prototype', () =>
    withServer({ workspaces: 3 }, async (server) => {
      server.script('list', faults.protoKeys());
      const page = await clientFor(server).listWorkspaces(ORG_ID, {});
      assert.equal(page.workspaces.length, 3);
      clean(page, 'the page');
      page.workspaces.forEach((w, i) => {
        clean(w, `workspaces[${i}]`);
        clean(w.createdBy, `workspaces[${i}].createdBy`);
      });
      clean({}, 'a new object');
    }));

  it('iterate: no pollution of the yielded Workspaces', () =>
    withServer({ workspaces: 3 }, async (server) => {
      server.script('list', faults.protoKeys());
      const seen = [];
      for await (const w of clientFor(server).iterateWorkspaces(ORG_ID, {})) {
        clean(w, w.id);
        seen.push(w.id);
      }
      assert.equal(seen.length, 3);
    }));
});

describe('the token never leaks through errors', { concurrency: true }, () => {
  const assertNoToken = (err) => {
    const views = {
      message: err.message,
      stack: err.stack,
      String: String(err),
      JSON: String(JSON.stringify(err)),
      inspect: inspect(err, { depth: 10, showHidden: true }),
      requestId: String(err.requestId),
      excerpt: String(err.excerpt),
      fieldErrors: String(JSON.stringify(err.fieldErrors)),
    };
    for (const [view, text] of Object.entries(views)) {
      assert.ok(!text.includes(TEST_TOKEN), `${view} contains the token: ${text.slice(0, 300)}`);
    }
  };

  it('a 401 echoing the token in JSON: AuthenticationError with every copy redacted', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.echoToken());
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof AuthenticationError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.status, 401);
      assert.equal(err.attempts, 1);
      assert.equal(server.count('get'), 1);
      // The message and fields are kept, with the token replaced.
      assert.match(err.message, /\*\*\*/);
      assert.equal(err.requestId, 'req-***');
      assert.equal(err.fieldErrors.length, 1);
      assertNoToken(err);
    }));

  it('a 401 echoing the token in an HTML page and x-request-id: redacted', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.echoToken({ html: true }));
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof AuthenticationError, `got ${err?.name}: ${err?.message}`);
      assert.match(err.excerpt, /Bad credentials/);
      assertNoToken(err);
    }));

  it('a 403 echoing the token on create: PermissionDeniedError, redacted', () =>
    withServer({}, async (server) => {
      server.script('create', faults.echoToken({ status: 403 }));
      const err = await caught(clientFor(server).createWorkspace(ORG_ID, { name: 'x' }));
      assert.ok(err instanceof PermissionDeniedError, `got ${err?.name}: ${err?.message}`);
      assertNoToken(err);
    }));

  it('a 200 whose invalid body echoes the token: InvalidResponseError, redacted', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.raw(200, `{"id": "${TEST_TOKEN}", "oops": `));
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof InvalidResponseError, `got ${err?.name}: ${err?.message}`);
      assertNoToken(err);
    }));

  it('a connection error from a custom fetch that mentions the token: redacted', async () => {
    const fetch = async (url, init) => {
      throw new TypeError(`fetch failed for ${init.headers.authorization}`, { cause: new Error(`socket for ${TEST_TOKEN}`) });
    };
    const client = new AstroClient({ token: TEST_TOKEN, baseUrl: 'http://127.0.0.1:9', fetch, maxRetries: 0 });
    const err = await caught(client.getWorkspace(ORG_ID, `c${'1'.repeat(24)}`));
    assert.ok(err instanceof ConnectionError, `got ${err?.name}: ${err?.message}`);
    assertNoToken(err);
  });
});

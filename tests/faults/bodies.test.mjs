// Bodies that take the full decoder (errors, success bodies the one-pass check does not pass),
// from tests/fixtures/bodies.json. In the package the platform's `JSON.parse` reads them and
// the WASM module decodes the value; tests/bodies.rs runs the same cases through the native
// core, where serde_json parses them, so both builds are held to one answer.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { AstroClient, AstroError } from 'astro-platform';
import { withServer, faults, caught, ORG_ID, TEST_TOKEN } from '../support/fault-server.mjs';

const cases = JSON.parse(readFileSync(new URL('../fixtures/bodies.json', import.meta.url), 'utf8'));

/** What a user sees of an error, in the fixture's terms. */
function seen(err, expect) {
  const out = { class: err.name, message: err.message };
  if ('requestId' in expect) out.requestId = err.requestId ?? null;
  if ('fieldErrors' in expect) out.fieldErrors = err.fieldErrors;
  out.excerpt = err.excerpt ?? false;
  return out;
}

describe('bodies read through JSON.parse decode as the native core decodes them', { concurrency: true }, () => {
  for (const { name, op = 'get', status, body, expect } of cases) {
    it(name, () =>
      withServer({ workspaces: 1 }, async (server) => {
        server.script(op, faults.raw(status, body));
        const client = new AstroClient({ token: TEST_TOKEN, baseUrl: server.baseUrl, maxRetries: 0 });
        const call = op === 'list' ? client.listWorkspaces(ORG_ID, {}) : client.getWorkspace(ORG_ID, server.workspaces[0].id);
        if (expect.result !== undefined) {
          const result = await call;
          assert.deepStrictEqual(result, expect.result);
          assert.equal(Object.getPrototypeOf(result), Object.prototype);
        } else {
          const err = await caught(call);
          assert.ok(err instanceof AstroError, `got ${err?.name}: ${err?.message}`);
          const want = { ...expect, excerpt: expect.excerpt ? body : false };
          assert.deepStrictEqual(seen(err, expect), want);
          assert.equal(err.attempts, 1);
        }
        assert.equal(server.count(op), 1);
        assert.equal({}.polluted, undefined, 'Object.prototype is untouched');
      }));
  }

  it('the fixture covers errors, successes, and every reason a body is not JSON', () => {
    const names = cases.map((c) => c.name).join('\n');
    for (const reason of ['128 levels', 'unpaired surrogate in a string', 'unpaired surrogate in a key', 'out of the f64 range', 'not valid JSON', 'repeated key']) {
      assert.match(names, new RegExp(reason));
    }
    assert.ok(cases.some((c) => c.status === 200 && c.expect.result));
  });
});

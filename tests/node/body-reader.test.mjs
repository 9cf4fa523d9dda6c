// Bodies off the clean path (here: a Workspace with a `null` field, which the one-pass check
// leaves to the full decoder) are parsed by `JSON.parse` and read into WASM by the same
// reader as a caller's input (js/edge.js), in one buffer that grows as it fills. Pages of
// many sizes and key lengths put that growth at every kind of spot (a key, a string, a
// number); each must resolve to what `JSON.parse` reads, less the `null` field.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { AstroClient } from 'astro-platform';

import { ORG, TOKEN, MINIMAL } from './helpers.mjs';

/** A page of `count` Workspaces whose extra fields have keys and values of length `pad`. */
function page(count, pad) {
  const workspaces = Array.from({ length: count }, (_, i) => ({
    ...MINIMAL,
    name: `n${i}`,
    [`extra${'K'.repeat(pad % 37)}é`]: { [`k${'\u{1F600}'.repeat(pad % 5)}`]: 'v'.repeat(pad), n: [i, -0, 1e308, null] },
  }));
  workspaces[0].description = null;
  return { workspaces, totalCount: count, offset: 0, limit: 100 };
}

test('pages read off the clean path resolve to what JSON.parse reads, at every size', async () => {
  for (let count = 1; count <= 24; count += 1) {
    for (let pad = 0; pad < 40; pad += 3) {
      const body = page(count, pad);
      const text = JSON.stringify(body);
      const client = new AstroClient({ token: TOKEN, fetch: async () => new Response(text, { status: 200 }) });
      const want = JSON.parse(text);
      delete want.workspaces[0].description;
      assert.deepEqual(await client.listWorkspaces(ORG), want, `${count} Workspaces, pad ${pad}`);
    }
  }
});

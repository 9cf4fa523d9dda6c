// Success bodies as the bytes a server sends: whatever form the JSON takes (a byte order
// mark, whitespace, escapes, other scripts, invalid UTF-8, escaped prototype keys), the
// package resolves to what `JSON.parse` of the text gives, less any prototype key. The
// check that lets a clean body through untouched reads the bytes (src/check.rs); these
// bodies take both that path and the full decoder.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { AstroClient } from 'astro-platform';

import { ORG, TOKEN, MINIMAL } from './helpers.mjs';

/** A client whose `fetch` answers every call with `bytes`, status 200. */
const answering = (bytes) => new AstroClient({ token: TOKEN, fetch: async () => new Response(bytes, { status: 200 }) });

const encode = (text) => new TextEncoder().encode(text);
const parsed = (bytes) => JSON.parse(new TextDecoder().decode(bytes));
const WS = MINIMAL.id;

describe('success bodies as bytes', () => {
  test('each form of the same Workspace resolves to what JSON.parse reads', async () => {
    const text = JSON.stringify({ ...MINIMAL, description: 'café 😀 "q" \\ \u2028', extra: { a: [1.5e300, -0, null] } });
    const forms = [
      text,
      `\ufeff${text}`,
      ` \r\n\t${JSON.stringify(JSON.parse(text), null, 2)}\n`,
      text.replace('"name"', '"na\\u006de"').replace('café', 'caf\\u00e9 \\ud83d\\ude00'),
    ];
    for (const form of forms) {
      const bytes = encode(form);
      assert.deepEqual(await answering(bytes).getWorkspace(ORG, WS), parsed(bytes), form);
    }
  });

  test('invalid UTF-8 reads as TextDecoder reads it, with U+FFFD', async () => {
    const bytes = encode(JSON.stringify({ ...MINIMAL, description: 'ab' }));
    bytes[bytes.indexOf(0x62)] = 0xff; // the `b`
    const ws = await answering(bytes).getWorkspace(ORG, WS);
    assert.equal(ws.description, 'a\ufffd');
    assert.deepEqual(ws, parsed(bytes));
  });

  test('a prototype key is dropped however it is written, at any depth', async () => {
    const text = JSON.stringify({ ...MINIMAL, extra: [{ keep: 1, x: 1 }] })
      .replace('"x"', '"\\u005f_proto__"')
      .replace('{"id"', '{"constructo\\u0072":{},"id"');
    const ws = await answering(encode(text)).getWorkspace(ORG, WS);
    assert.deepEqual(ws, { ...MINIMAL, extra: [{ keep: 1 }] });
    assert.ok(!Object.hasOwn(ws, 'constructor') && !Object.hasOwn(ws.extra[0], '__proto__'));
  });

  test('a page in any of these forms resolves to what JSON.parse reads', async () => {
    const page = { workspaces: [MINIMAL, { ...MINIMAL, name: 'naïve \t tab' }], totalCount: 2, offset: 0, limit: 2 };
    for (const form of [JSON.stringify(page), `\ufeff${JSON.stringify(page, null, '\t')}`]) {
      const bytes = encode(form);
      assert.deepEqual(await answering(bytes).listWorkspaces(ORG), parsed(bytes), form);
    }
  });
});

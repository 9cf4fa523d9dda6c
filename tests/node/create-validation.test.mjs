// createWorkspace through the built package, imported as a user imports it, against a
// recording server on 127.0.0.1: validation before anything is sent, and hostile organization IDs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import { createWorkspace, validateCreateWorkspace, ValidationError } from 'astro-platform';

import { ORG, opts, failure, assertClass, codes, assertFieldErrorShape, useRecordingServer } from './helpers.mjs';

describe('createWorkspace: Validation before anything is sent, and hostile organization IDs', () => {
  const ref = useRecordingServer();

  describe('a hostile organizationId never reaches the server', () => {
    const hostile = ['..', 'a/b', '?x', '#', '%2F', '../../etc', 'clm8t5u4q000008jq4qoc303/', `${ORG}/../x`,
      `${ORG}?x=1`, `${ORG}#f`, `${ORG}%2F..`, 'CLM8T5U4Q000008JQ4QOC3036', ` ${ORG}`, `${ORG}\n`, '', `${ORG}0`];
    for (const id of hostile) {
      test(`organizationId ${JSON.stringify(id)} -> ValidationError organizationId:invalid_format`, async () => {
        const err = await failure(createWorkspace(id, { name: 'x' }, opts()));
        assertClass(err, ValidationError);
        assert.deepEqual(codes(err.fieldErrors), ['organizationId:invalid_format']);
        assert.deepEqual(codes(validateCreateWorkspace(id, { name: 'x' })), ['organizationId:invalid_format']);
        assert.equal(ref.server.requests.length, 0);
      });
    }

    for (const [id, code] of [[123, 'invalid_type'], [{}, 'invalid_type'], [null, 'required'], [undefined, 'required']]) {
      test(`organizationId ${util.inspect(id)} -> ValidationError organizationId:${code}`, async () => {
        const err = await failure(createWorkspace(id, { name: 'x' }, opts()));
        assertClass(err, ValidationError);
        assert.deepEqual(codes(err.fieldErrors), [`organizationId:${code}`]);
        assert.equal(ref.server.requests.length, 0);
      });
    }
  });

  describe('validation before anything is sent', () => {
    const bodies = [
      ['an empty name', { name: '' }, ['name:too_short']],
      ['51 ASCII characters', { name: 'a'.repeat(51) }, ['name:too_long']],
      ['51 é', { name: 'é'.repeat(51) }, ['name:too_long']],
      ['51 emoji', { name: '😀'.repeat(51) }, ['name:too_long']],
      ['26 e + combining acute (52 code points)', { name: 'e\u0301'.repeat(26) }, ['name:too_long']],
      ['a number name', { name: 42 }, ['name:invalid_type']],
      ['a String object name', { name: new String('x') }, ['name:invalid_type']],
      ['a string cicdEnforcedDefault', { name: 'x', cicdEnforcedDefault: 'true' }, ['cicdEnforcedDefault:invalid_type']],
      ['a number description', { name: 'x', description: 5 }, ['description:invalid_type']],
      ['an unknown key (typo)', { name: 'x', cicdEnforced: true }, ['cicdEnforced:unknown_field']],
      ['an own __proto__ key', JSON.parse('{"name":"x","__proto__":{"a":1}}'), ['__proto__:unknown_field']],
      ['no name', {}, ['name:required']],
      ['three problems at once', { name: 42, cicdEnforcedDefault: 'yes', cicdEnforced: true },
        ['cicdEnforced:unknown_field', 'cicdEnforcedDefault:invalid_type', 'name:invalid_type']],
    ];
    for (const [what, body, expected] of bodies) {
      test(`request with ${what} -> ${expected.join(', ')}`, async () => {
        const err = await failure(createWorkspace(ORG, body, opts()));
        assertClass(err, ValidationError);
        assertFieldErrorShape(err.fieldErrors);
        assert.deepEqual(codes(err.fieldErrors), expected);
        for (const fe of err.fieldErrors) assert.ok(err.message.includes(fe.message), `message lacks "${fe.message}"`);
        assert.equal(err.status, undefined);
        assert.equal(err.attempts, undefined);
        assert.deepEqual(validateCreateWorkspace(ORG, body), err.fieldErrors);
        assert.equal(ref.server.requests.length, 0);
      });
    }

    for (const [what, body] of [['null', null], ['undefined', undefined]]) {
      test(`a ${what} request -> one required/invalid_type problem, no crash`, async () => {
        const err = await failure(createWorkspace(ORG, body, opts()));
        assertClass(err, ValidationError);
        assertFieldErrorShape(err.fieldErrors);
        assert.equal(err.fieldErrors.length, 1);
        assert.ok(['required', 'invalid_type'].includes(err.fieldErrors[0].code), err.fieldErrors[0].code);
        assert.equal(ref.server.requests.length, 0);
      });
    }

    for (const [what, body] of [['a string', 'My Workspace'], ['an array', [{ name: 'x' }]], ['a number', 7]]) {
      test(`${what} as the request -> the request:invalid_type`, async () => {
        const err = await failure(createWorkspace(ORG, body, opts()));
        assertClass(err, ValidationError);
        assert.deepEqual(codes(err.fieldErrors), ['the request:invalid_type']);
        assert.equal(ref.server.requests.length, 0);
      });
    }

    const options = [
      ['no token', { token: undefined }, ['token:required']],
      ['an empty token', { token: '' }, ['token:too_short']],
      ['a token with CR LF (header forging)', { token: 'abc\r\nX-Evil: 1' }, ['token:invalid_format']],
      ['a token with a space', { token: 'abc def' }, ['token:invalid_format']],
      ['a non-ASCII token', { token: 'tökén' }, ['token:invalid_format']],
      ['a number token', { token: 12345 }, ['token:invalid_type']],
      ['baseUrl http://example.com', { baseUrl: 'http://example.com' }, ['baseUrl:invalid_format']],
      ['baseUrl with user:password@', { baseUrl: 'https://user:pw@host.example' }, ['baseUrl:invalid_format']],
      ['baseUrl that is not a URL', { baseUrl: 'not a url' }, ['baseUrl:invalid_format']],
      ['baseUrl ftp:', { baseUrl: 'ftp://host.example' }, ['baseUrl:invalid_format']],
      ['baseUrl with a query', { baseUrl: 'https://host.example/v1?x=1' }, ['baseUrl:invalid_format']],
      ['timeoutMs 0', { timeoutMs: 0 }, ['timeoutMs:out_of_range']],
      ['timeoutMs -1', { timeoutMs: -1 }, ['timeoutMs:out_of_range']],
      ['timeoutMs "abc"', { timeoutMs: 'abc' }, ['timeoutMs:invalid_type']],
      ['maxRetries 11', { maxRetries: 11 }, ['maxRetries:out_of_range']],
      ['maxRetries 1.5', { maxRetries: 1.5 }, ['maxRetries:invalid_type']],
      ['an authorization header', { headers: { authorization: 'Bearer someone-else' } }, ['headers.authorization:invalid_value']],
      ['a content-type header', { headers: { 'content-type': 'text/plain' } }, ['headers.content-type:invalid_value']],
      ['an accept header', { headers: { accept: 'text/html' } }, ['headers.accept:invalid_value']],
      ['a header value with CR LF', { headers: { 'x-evil': 'a\r\nSet-Cookie: x=1' } }, ['headers.x-evil:invalid_format']],
      ['a header name with a space', { headers: { 'bad name': 'v' } }, ['headers.bad name:invalid_format']],
      ['a number header value', { headers: { 'x-n': 5 } }, ['headers.x-n:invalid_type']],
      ['a fetch that is not a function', { fetch: 42 }, ['fetch:invalid_type']],
      ['a signal that is not an AbortSignal', { signal: {} }, ['signal:invalid_type']],
    ];
    for (const [what, extra, expected] of options) {
      test(`options with ${what} -> ${expected.join(', ')}`, async () => {
        const err = await failure(createWorkspace(ORG, { name: 'x' }, opts(extra)));
        assertClass(err, ValidationError);
        assertFieldErrorShape(err.fieldErrors);
        assert.deepEqual(codes(err.fieldErrors), expected);
        assert.equal(ref.server.requests.length, 0);
      });
    }

    test('Authorization in any letter case cannot replace the token', async () => {
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ headers: { Authorization: 'Bearer someone-else' } })));
      assertClass(err, ValidationError);
      assert.equal(err.fieldErrors.length, 1);
      assert.match(err.fieldErrors[0].field, /^headers\.authorization$/i);
      assert.equal(err.fieldErrors[0].code, 'invalid_value');
      assert.equal(ref.server.requests.length, 0);
    });

    test('no options at all -> token:required', async () => {
      const err = await failure(createWorkspace(ORG, { name: 'x' }));
      assertClass(err, ValidationError);
      assert.deepEqual(codes(err.fieldErrors), ['token:required']);
    });

    test('valid names of exactly 50 code points pass validation', () => {
      for (const name of ['a'.repeat(50), 'é'.repeat(50), '😀'.repeat(50), 'e\u0301'.repeat(25), '漢'.repeat(50)]) {
        assert.deepEqual(validateCreateWorkspace(ORG, { name }), [], name);
      }
    });
  });

});

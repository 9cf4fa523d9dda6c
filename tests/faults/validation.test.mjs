// Validation through the client and the exported synchronous validators: bad input is a
// ValidationError listing every problem, and nothing is sent.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { AstroClient, ValidationError, validateListWorkspaces, validateUpdateWorkspace } from 'astro-platform';
import { withServer, caught, workspaceId, ORG_ID, TEST_TOKEN } from '../support/fault-server.mjs';

const WS = workspaceId(1);
const clientFor = (server, options = {}) => new AstroClient({ token: TEST_TOKEN, baseUrl: server.baseUrl, ...options });
/** `[field, code]` of each problem. */
const codes = (problems) => problems.map((p) => [p.field, p.code]);

describe('validateListWorkspaces', () => {
  const cases = [
    [{ limit: -1 }, [['limit', 'out_of_range']]],
    [{ limit: 1001 }, [['limit', 'out_of_range']]],
    [{ offset: -1 }, [['offset', 'out_of_range']]],
    [{ limit: 1.5 }, [['limit', 'invalid_type']]],
    [{ limit: '10' }, [['limit', 'invalid_type']]],
    [{ offset: Number.NaN }, [['offset', 'invalid_type']]],
    [{ sorts: ['name:up'] }, [['sorts[0]', 'invalid_value']]],
    [{ sorts: 'name:asc' }, [['sorts', 'invalid_type']]],
    [{ workspaceIds: [WS, 'not-a-cuid'] }, [['workspaceIds[1]', 'invalid_format']]],
    [{ workspaceIds: [WS, 42] }, [['workspaceIds[1]', 'invalid_type']]],
    [{ names: 'a' }, [['names', 'invalid_type']]],
    [{ names: ['a', null] }, [['names[1]', 'invalid_type']]],
    [{ page: 2 }, [['page', 'unknown_field']]],
  ];
  for (const [params, expected] of cases) {
    it(`${JSON.stringify(params, (k, v) => (Number.isNaN(v) ? 'NaN' : v))} -> ${expected.map((e) => e.join(' ')).join(', ')}`, () => {
      const problems = validateListWorkspaces(ORG_ID, params);
      assert.ok(Array.isArray(problems));
      assert.deepEqual(codes(problems), expected);
      for (const p of problems) assert.equal(typeof p.message, 'string');
    });
  }

  it('valid parameters give []', () => {
    assert.deepEqual(validateListWorkspaces(ORG_ID, {}), []);
    assert.deepEqual(validateListWorkspaces(ORG_ID, undefined), []);
    assert.deepEqual(
      validateListWorkspaces(ORG_ID, {
        workspaceIds: [WS],
        names: ['a b'],
        offset: 0,
        limit: 1000,
        sorts: ['name:asc', 'name:desc', 'createdAt:asc', 'createdAt:desc', 'updatedAt:asc', 'updatedAt:desc'],
      }),
      [],
    );
  });

  it('every problem at once, the organization ID included', () => {
    const problems = validateListWorkspaces('org', { limit: 1001, offset: -1, sorts: ['x'] });
    assert.deepEqual(codes(problems).sort(), [
      ['limit', 'out_of_range'],
      ['offset', 'out_of_range'],
      ['organizationId', 'invalid_format'],
      ['sorts[0]', 'invalid_value'],
    ]);
  });
});

describe('validateUpdateWorkspace', () => {
  const full = { name: 'Team', description: 'd', cicdEnforcedDefault: false };
  const cases = [
    [{ name: 'Team', cicdEnforcedDefault: true }, [['description', 'required']]],
    [{ description: '', cicdEnforcedDefault: true }, [['name', 'required']]],
    [{ name: 'Team', description: '' }, [['cicdEnforcedDefault', 'required']]],
    [{ ...full, name: '' }, [['name', 'too_short']]],
    [{ ...full, name: 'x'.repeat(51) }, [['name', 'too_long']]],
    [{ ...full, name: 7 }, [['name', 'invalid_type']]],
    [{ ...full, cicdEnforcedDefault: 'yes' }, [['cicdEnforcedDefault', 'invalid_type']]],
    [{ ...full, description: 1 }, [['description', 'invalid_type']]],
    [{ ...full, extra: 1 }, [['extra', 'unknown_field']]],
  ];
  for (const [body, expected] of cases) {
    it(`${JSON.stringify(body)} -> ${expected.map((e) => e.join(' ')).join(', ')}`, () => {
      assert.deepEqual(codes(validateUpdateWorkspace(ORG_ID, WS, body)), expected);
    });
  }

  it('50 code points is the limit, counted as code points (not UTF-16 units)', () => {
    assert.deepEqual(validateUpdateWorkspace(ORG_ID, WS, { ...full, name: '😀'.repeat(50) }), []);
    assert.deepEqual(codes(validateUpdateWorkspace(ORG_ID, WS, { ...full, name: '😀'.repeat(51) })), [['name', 'too_long']]);
  });

  it('a bad workspaceId is invalid_format; a valid input gives []', () => {
    assert.deepEqual(codes(validateUpdateWorkspace(ORG_ID, '../x', full)), [['workspaceId', 'invalid_format']]);
    assert.deepEqual(codes(validateUpdateWorkspace(ORG_ID, undefined, full)), [['workspaceId', 'required']]);
    assert.deepEqual(validateUpdateWorkspace(ORG_ID, WS, full), []);
  });
});

describe('validation through the client sends nothing', { concurrency: true }, () => {
  const calls = [
    ['listWorkspaces limit 1001', (c) => c.listWorkspaces(ORG_ID, { limit: 1001 }), [['limit', 'out_of_range']]],
    ['listWorkspaces offset -1', (c) => c.listWorkspaces(ORG_ID, { offset: -1 }), [['offset', 'out_of_range']]],
    ['listWorkspaces bad sort', (c) => c.listWorkspaces(ORG_ID, { sorts: ['size:asc'] }), [['sorts[0]', 'invalid_value']]],
    ['listWorkspaces bad workspaceId', (c) => c.listWorkspaces(ORG_ID, { workspaceIds: ['c123'] }), [['workspaceIds[0]', 'invalid_format']]],
    ['updateWorkspace without description', (c) => c.updateWorkspace(ORG_ID, WS, { name: 'x', cicdEnforcedDefault: true }), [['description', 'required']]],
    ['getWorkspace with a path in the ID', (c) => c.getWorkspace(ORG_ID, `../${WS}`), [['workspaceId', 'invalid_format']]],
    ['deleteWorkspace with %2F in the ID', (c) => c.deleteWorkspace(ORG_ID, 'c%2F0000000000000000000000'), [['workspaceId', 'invalid_format']]],
    ['createWorkspace with a number name', (c) => c.createWorkspace(ORG_ID, { name: 5 }), [['name', 'invalid_type']]],
    ['a per-call maxRetries of -1', (c) => c.getWorkspace(ORG_ID, WS, { maxRetries: -1 }), [['maxRetries', 'out_of_range']]],
    ['a per-call timeoutMs of 0', (c) => c.getWorkspace(ORG_ID, WS, { timeoutMs: 0 }), [['timeoutMs', 'out_of_range']]],
  ];
  for (const [what, call, expected] of calls) {
    it(`${what}: ValidationError, no request`, () =>
      withServer({ workspaces: 2 }, async (server) => {
        const err = await caught(call(clientFor(server)));
        assert.ok(err instanceof ValidationError, `got ${err?.name}: ${err?.message}`);
        assert.deepEqual(codes(err.fieldErrors), expected);
        assert.equal(err.attempts, undefined, 'no attempt was made');
        assert.equal(server.count(), 0);
      }));
  }

  it('new AstroClient throws ValidationError synchronously for bad options', () => {
    const bad = [
      [{ token: TEST_TOKEN, baseUrl: 'http://example.com/v1' }, 'baseUrl'],
      [{ token: '' }, 'token'],
      [{ baseUrl: 'https://api.example.com' }, 'token'],
      [{ token: TEST_TOKEN, maxRetries: 11 }, 'maxRetries'],
      [{ token: TEST_TOKEN, timeoutMs: 0 }, 'timeoutMs'],
      [{ token: TEST_TOKEN, headers: { authorization: 'Bearer other' } }, 'headers.authorization'],
    ];
    for (const [options, field] of bad) {
      assert.throws(
        () => new AstroClient(options),
        (err) => err instanceof ValidationError && err.fieldErrors.some((f) => f.field === field),
        `options ${JSON.stringify(options)} should be rejected on ${field}`,
      );
    }
    assert.doesNotThrow(() => new AstroClient({ token: TEST_TOKEN, baseUrl: 'http://127.0.0.1:1/platform/v1beta1' }));
  });
});

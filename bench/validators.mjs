// The validators' cost per call: a normal body, a 100,000-character name, and an object
// nested 30 deep under `name`, for the package and for the plain-JS client.
import { performance } from 'node:perf_hooks';
import assert from 'node:assert/strict';
import * as pkg from 'astro-platform';
import * as plain from './plain-client.mjs';
import { CREATE_BODY, ORG } from './bodies.mjs';
import { spread } from './stats.mjs';

const nested = (depth) => (depth === 0 ? 'leaf' : { inner: nested(depth - 1) });

/** The inputs measured, each with the field error code it must produce (none for `normal`). */
export const CASES = {
  normal: { body: CREATE_BODY, code: undefined },
  name100k: { body: { name: 'x'.repeat(100_000) }, code: 'too_long' },
  deep30: { body: { name: nested(30) }, code: 'invalid_type' },
};

function perCall(validate, body, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) validate(ORG, body);
  return ((performance.now() - start) / calls) * 1000;
}

/**
 * Times `validateCreateWorkspace` of the package and of the plain client; returns
 * case -> { package, plain }, each `{ median, p10, p90 }` µs per call over `rounds` rounds of
 * `calls[case]` calls.
 */
export async function validators(rounds, calls) {
  if (typeof pkg.init === 'function') await pkg.init();
  const contenders = { package: pkg.validateCreateWorkspace, plain: plain.validateCreateWorkspace };
  const out = {};
  for (const [name, { body, code }] of Object.entries(CASES)) {
    for (const validate of Object.values(contenders)) {
      assert.deepEqual(validate(ORG, body).map((e) => e.code), code === undefined ? [] : [code], name);
    }
    const times = { package: [], plain: [] };
    for (const v of Object.values(contenders)) perCall(v, body, Math.ceil(calls[name] / 10));
    for (let r = 0; r < rounds; r++) {
      for (const k of r % 2 === 0 ? ['package', 'plain'] : ['plain', 'package']) {
        times[k].push(perCall(contenders[k], body, calls[name]));
      }
    }
    out[name] = { package: spread(times.package), plain: spread(times.plain) };
  }
  return out;
}

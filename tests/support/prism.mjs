// Prism (`@stoplight/prism-cli`) as a validating proxy for tests: `prism proxy --errors`
// between a client and an upstream server, checking every request against an OpenAPI
// document before forwarding it, and every upstream response after.
//
// What Prism 5.16 does with a violation (observed, and relied on here):
// - a request that breaks the document is NOT forwarded; Prism answers 422 (401 for missing
//   or malformed auth) with `Content-Type: application/problem+json` and a `type` under
//   `https://stoplight.io/prism/errors#`;
// - a response that breaks it becomes Prism's own 500 problem+json (`#VIOLATIONS`), with the
//   details in the `sl-violations` header as well as in the body;
// - a status the operation does not document passes through unchanged, with an
//   `sl-violations` header (severity Warning for 4xx/5xx, Error for 2xx).
// The `fetch` returned here inspects each response for the header and for Prism's own
// problem answers. Every entry is a violation, whatever its severity, except one: an error
// status (>= 400) the operation does not document. The contract says such statuses can
// arrive (a gateway's 429, a proxy's 502, the simulator's 404 for List on an unknown
// organization), so those are kept apart in `undocumentedStatuses`; Prism has no schema for
// their bodies.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PRISM_ERROR_TYPE = 'https://stoplight.io/prism/errors#';
const LISTENING = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const LOG_LINES_KEPT = 200;

/** The path of the installed Prism CLI's entry script. */
function prismBin() {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.prism);
}

/**
 * Starts `prism proxy --errors document upstream` on 127.0.0.1 and a free port, and resolves
 * once Prism says it is listening (at most `readyTimeoutMs`). Resolves
 * `{ baseUrl, fetch, violations, undocumentedStatuses, checkViolations(), close() }`: give
 * `baseUrl` and `fetch` to the client under test; `violations` lists what Prism reported, and
 * `checkViolations()` throws if it is not empty (emptying it). `onViolation(text)` is also
 * called at once for each, so a test that fails on Prism's error answer still shows why.
 */
export async function startPrism({ document, upstream, readyTimeoutMs = 60_000, onViolation = () => {} }) {
  const child = spawn(
    process.execPath,
    [prismBin(), 'proxy', '--errors', '--host', '127.0.0.1', '--port', '0', document, upstream],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = [];
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // If the test process ends without close() (a crash, process.exit), Prism goes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  exited.then(() => process.off('exit', killOnExit));

  const baseUrl = await new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(`not listening after ${readyTimeoutMs} ms`), readyTimeoutMs);
    function fail(why) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`prism proxy ${document}: ${why}\n${log.join('\n')}`));
    }
    let partial = '';
    const onData = (chunk) => {
      // Prism logs every request; the pipes are read until it exits so it never blocks on them.
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const raw of lines) {
        const line = raw.replace(ANSI, '');
        log.push(line);
        if (log.length > LOG_LINES_KEPT) log.shift();
        const ready = LISTENING.exec(line);
        if (ready && !settled) {
          settled = true;
          clearTimeout(timer);
          resolve(ready[1]);
        }
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('error', (err) => fail(err.message));
    exited.then(({ code, signal }) => fail(`exited (code ${code}, signal ${signal})`));
  });

  const violations = [];
  const undocumentedStatuses = [];

  const describe = (v) => `${v.where} (${v.source}): ${JSON.stringify(v.details)}`;
  function record(violation) {
    violations.push(violation);
    onViolation(`Prism (${path.basename(document)}): ${describe(violation)}`);
  }

  /** A `fetch` that records each violation Prism reports in the response it returns. */
  async function checkedFetch(input, init) {
    const res = await fetch(input, init);
    const method = init?.method ?? input?.method ?? 'GET';
    const where = `${method} ${new URL(String(input?.url ?? input)).pathname} -> ${res.status}`;
    const header = res.headers.get('sl-violations');
    if (header) {
      const entries = parseJson(header);
      const list = Array.isArray(entries) ? entries : [header];
      const tolerated = res.status >= 400 && list.every(isUndocumentedStatus);
      if (tolerated) undocumentedStatuses.push({ where, source: 'sl-violations header', details: entries ?? header });
      else record({ where, source: 'sl-violations header', details: entries ?? header });
    }
    if ((res.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
      const body = parseJson(await res.clone().text());
      if (typeof body?.type === 'string' && body.type.startsWith(PRISM_ERROR_TYPE) && !header) {
        record({ where, source: body.type, details: body.validation ?? body.detail ?? body });
      }
    }
    return res;
  }

  return {
    baseUrl,
    fetch: checkedFetch,
    violations,
    undocumentedStatuses,
    /** Throws an Error describing every violation recorded since the last check. */
    checkViolations() {
      if (violations.length === 0) return;
      const found = violations.splice(0);
      const text = found.map(describe).join('\n');
      throw new Error(`Prism reported ${found.length} OpenAPI violation(s) against ${path.basename(document)}:\n${text}`);
    },
    /** The last lines Prism logged (for diagnostics). */
    log: () => log.join('\n'),
    /** Stops Prism (SIGTERM, then SIGKILL after 5 s) and resolves when it has exited. */
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Whether a `sl-violations` entry only says the status is not one the operation documents. */
function isUndocumentedStatus(entry) {
  return entry?.severity === 'Warning' && /^Unable to match the returned status code/.test(entry.message ?? '');
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

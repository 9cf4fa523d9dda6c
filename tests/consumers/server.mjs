// The consumers' local server (127.0.0.1, port 0): a stateless stand-in for the Workspace API
// under /v1/ (a create that echoes the name, a get that answers 404), and static files from
// one directory per consumer, so a page and the API share an origin (no CORS).

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

export const ORG = 'clm8t5u4q000008jq4qoc3036';
export const TOKEN = 'consumer-token-5f2a9c';
export const WORKSPACE_ID = 'cln0w8k2a000108l5e2xy7fgh';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.cjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm',
};

/** Answers the API routes; a request without the token, or any other route, is an error. */
function api(req, res, body) {
  const send = (status, value) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req-consumer' });
    res.end(JSON.stringify(value));
  };
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: 'bad token', statusCode: 401 });
  const base = `/v1/organizations/${ORG}/workspaces`;
  if (req.method === 'POST' && req.url === base) {
    let name;
    try {
      ({ name } = JSON.parse(body));
    } catch {
      return send(400, { message: 'not JSON', statusCode: 400 });
    }
    return send(200, {
      id: WORKSPACE_ID, name, organizationId: ORG, cicdEnforcedDefault: false,
      createdAt: '2026-01-28T10:00:00Z', updatedAt: '2026-01-28T10:00:00Z',
    });
  }
  if (req.method === 'GET' && req.url.startsWith(`${base}/`)) {
    return send(404, { message: 'workspace not found', requestId: 'req-consumer', statusCode: 404 });
  }
  return send(418, { message: `unexpected ${req.method} ${req.url}`, statusCode: 418 });
}

/**
 * Starts the server; `roots` maps a URL prefix (`/c/<consumer>/`) to the directory it serves.
 * Returns `{ origin, close }`.
 */
export async function startServer(roots) {
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    if (req.url.startsWith('/v1/')) return api(req, res, Buffer.concat(chunks).toString('utf8'));
    const prefix = Object.keys(roots).find((p) => req.url.startsWith(p));
    const rel = prefix && decodeURIComponent(req.url.slice(prefix.length).split('?')[0]);
    const file = rel !== undefined && path.join(roots[prefix], rel || 'index.html');
    if (!file || !file.startsWith(roots[prefix]) || rel.includes('..')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const data = await fs.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}

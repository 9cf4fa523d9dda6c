// A loopback HTTP server for the package tests: it records every request it receives and
// answers each one from a queue of scripted responses. A request that finds the queue empty
// (or that does not match the next response's method/path) is answered 599 and recorded in
// `unexpected`, which every test asserts is empty. Every timer and socket is released by
// `close()`, so a test that forgets nothing cannot hang the runner.

import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * One scripted response.
 * @typedef {object} Scripted
 * @property {string} [method]   if set, the request must use this method
 * @property {string} [path]     if set, the request's path (without query) must equal this
 * @property {number} [status]   default 200
 * @property {Record<string,string>} [headers]
 * @property {string|object|Buffer} [body]  an object is sent as JSON (content-type added)
 * @property {number} [delayMs]  wait this long before sending the status line and headers
 * @property {Array<{data: string|Buffer, delayMs?: number}>} [chunks]
 *           send the body in these pieces, each after its delay (after the headers)
 * @property {boolean} [destroy] destroy the socket instead of answering (after delayMs)
 * @property {boolean} [destroyAfterHeaders] send headers + any chunks, then destroy
 */

/**
 * Starts a recording server on 127.0.0.1, port 0.
 * @param {{ static?: Array<{prefix: string, dir: string}> }} [options]
 *   `static`: serve files under `dir` for paths starting with `prefix` (not recorded, not
 *   taken from the queue); a prefix ending in a file name serves that one file.
 */
export async function startRecordingServer(options = {}) {
  const statics = options.static ?? [];
  /** Requests answered from the queue (and unexpected ones), in arrival order. */
  const requests = [];
  /** Requests nothing was scripted for. */
  const unexpected = [];
  /** Static files served (for information only). */
  const served = [];
  const queue = [];
  const timers = new Set();
  const sockets = new Set();
  const waiters = [];

  const later = (ms, fn) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  };
  const cancel = (t) => {
    clearTimeout(t);
    timers.delete(t);
  };

  function notify() {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (requests.length >= waiters[i].count) {
        const w = waiters.splice(i, 1)[0];
        cancel(w.timer);
        w.resolve(requests.slice());
      }
    }
  }

  async function serveStatic(req, res, url) {
    for (const { prefix, dir } of statics) {
      if (!url.pathname.startsWith(prefix)) continue;
      const rel = decodeURIComponent(url.pathname.slice(prefix.length));
      const root = path.resolve(dir);
      const file = rel === '' ? root : path.resolve(root, '.' + path.sep + rel);
      if (file !== root && !file.startsWith(root + path.sep)) break;
      try {
        const data = await fs.readFile(file);
        served.push(url.pathname);
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : data);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
      return true;
    }
    return false;
  }

  function answer(req, res, scripted) {
    const pending = new Set();
    const at = (ms, fn) => pending.add(later(ms, () => fn()));
    // A client that goes away (abort, timeout) cancels whatever was still to be sent.
    res.on('close', () => {
      for (const t of pending) cancel(t);
      pending.clear();
    });
    const headers = { ...(scripted.headers ?? {}) };
    let body = scripted.body;
    if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
      body = JSON.stringify(body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
    const start = () => {
      if (res.destroyed) return;
      if (scripted.destroy) {
        req.socket.destroy();
        return;
      }
      const chunks = scripted.chunks;
      if (!chunks) {
        res.writeHead(scripted.status ?? 200, headers);
        if (scripted.destroyAfterHeaders) {
          res.flushHeaders();
          if (body !== undefined) res.write(body);
          at(20, () => req.socket.destroy());
          return;
        }
        res.end(body);
        return;
      }
      res.writeHead(scripted.status ?? 200, headers);
      res.flushHeaders();
      let i = 0;
      const next = () => {
        if (res.destroyed) return;
        if (i === chunks.length) {
          if (scripted.destroyAfterHeaders) req.socket.destroy();
          else res.end();
          return;
        }
        const chunk = chunks[i++];
        at(chunk.delayMs ?? 0, () => {
          if (res.destroyed) return;
          res.write(chunk.data);
          next();
        });
      };
      next();
    };
    if (scripted.delayMs) at(scripted.delayMs, start);
    else start();
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (await serveStatic(req, res, url)) return;
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('error', () => {});
    await new Promise((resolve) => {
      req.on('end', resolve);
      req.on('close', resolve);
    });
    const body = Buffer.concat(parts).toString('utf8');
    let json;
    try {
      json = body === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    const entry = { method: req.method, url: req.url, path: url.pathname, headers: req.headers, body, json };
    const next = queue[0];
    const matches =
      next !== undefined &&
      (next.method === undefined || next.method === req.method) &&
      (next.path === undefined || next.path === url.pathname);
    requests.push(entry);
    if (!matches) {
      unexpected.push(entry);
      notify();
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`recording server: nothing scripted for ${req.method} ${req.url}`);
      return;
    }
    queue.shift();
    notify();
    answer(req, res, next);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  let closed = false;

  return {
    port,
    origin,
    requests,
    unexpected,
    served,
    /** Queues scripted responses, answered in order. */
    respond(...scripted) {
      queue.push(...scripted);
      return this;
    },
    /** How many scripted responses are still waiting for a request. */
    get pending() {
      return queue.length;
    },
    /** Forgets every request and every scripted response (between tests). */
    reset() {
      requests.length = 0;
      unexpected.length = 0;
      queue.length = 0;
    },
    /** Resolves once `count` requests in all have arrived; rejects after `timeoutMs`. */
    waitForRequests(count = 1, timeoutMs = 3000) {
      if (requests.length >= count) return Promise.resolve(requests.slice());
      return new Promise((resolve, reject) => {
        const w = { count, resolve, timer: null };
        w.timer = later(timeoutMs, () => {
          const i = waiters.indexOf(w);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`recording server: ${requests.length} of ${count} requests after ${timeoutMs} ms`));
        });
        waiters.push(w);
      });
    },
    /** Stops listening, drops every connection and clears every timer. */
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const w of waiters.splice(0)) w.resolve(requests.slice());
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Returns a loopback port that nothing listens on (it was free a moment ago). */
export async function closedPort() {
  const srv = net.createServer();
  await new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', resolve);
  });
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(() => resolve()));
  return port;
}

// The benchmark's HTTP server, run in its own process (`startServer()` forks this file): it
// listens on 127.0.0.1, port 0, keeps connections alive, and answers fixed bodies: the seed
// Workspace to POST .../workspaces and a page of 100 to GET .../workspaces?limit=100. Any
// other request gets a 404 and is counted, so a contender that sends the wrong request fails.
import http from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { API_PATH, LIST_LIMIT, ORG, PAGE_JSON, WORKSPACE_JSON } from './bodies.mjs';

const COLLECTION = `${API_PATH}/organizations/${ORG}/workspaces`;

function serve() {
  const json = (text) => ({ body: Buffer.from(text), headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } });
  const created = json(WORKSPACE_JSON);
  const page = json(PAGE_JSON);
  const notFound = json('{"message":"the benchmark server does not serve this request","statusCode":404}');
  const stats = { requests: 0, unexpected: [] };
  const server = http.createServer((req, res) => {
    stats.requests++;
    let answer;
    if (req.method === 'POST' && req.url === COLLECTION) answer = created;
    else if (req.method === 'GET' && req.url === `${COLLECTION}?limit=${LIST_LIMIT}`) answer = page;
    else {
      answer = notFound;
      if (stats.unexpected.length < 10) stats.unexpected.push(`${req.method} ${req.url}`);
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(answer === notFound ? 404 : 200, answer.headers);
      res.end(answer.body);
    });
  });
  server.keepAliveTimeout = 120_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (m) => {
    if (m === 'stats') process.send({ stats });
  });
  // The server ends with the benchmark, however the benchmark ends.
  process.on('disconnect', () => process.exit(0));
}

/**
 * Starts the server in a child process; resolves to `{ origin, stats(), close() }`.
 */
export function startServer() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (key) => new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (m && m[key] !== undefined) {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m[key]);
      }
    };
    const onExit = (code) => reject(new Error(`the benchmark server exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  return next('port').then((port) => ({
    origin: `http://127.0.0.1:${port}`,
    stats: () => {
      const answer = next('stats');
      child.send('stats');
      return answer;
    },
    close: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.disconnect();
    }),
  }));
}

if (process.argv[2] === '--serve') serve();

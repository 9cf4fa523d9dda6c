// The fixed bodies of the benchmark: the create request and its answer (the seed Workspace,
// tests/fixtures/workspace.json), and a page of 100 realistic v1 Workspaces for list.
import { readFileSync } from 'node:fs';

/** The Organization every request names. */
export const ORG = 'clm8t5u4q000008jq4qoc3036';
/** The token every contender sends. */
export const TOKEN = 'bench-token-0123456789';
/** The path of the API below the server's origin. */
export const API_PATH = '/v1';
/** The Create Workspace body every contender sends. */
export const CREATE_BODY = { name: 'My Workspace', description: 'benchmark', cicdEnforcedDefault: true };
/** The page size the list workload asks for. */
export const LIST_LIMIT = 100;

const fixture = new URL('../tests/fixtures/workspace.json', import.meta.url);
/** The answer to create: the seed Workspace, as compact JSON. */
export const WORKSPACE_JSON = JSON.stringify(JSON.parse(readFileSync(fixture, 'utf8')));

/** A deterministic pseudo-random generator (a 32-bit LCG), so every run serves the same page. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const TEAMS = ['Data Platform', 'ML Research', 'Analytics', 'Finance ETL', 'Growth', 'Ingestion', 'Payments', 'Search'];
const REGIONS = { AWS: 'us-east-1', AZURE: 'westeurope', GCP: 'us-central1' };

/** Builds a page of `count` Workspaces as the v1 API sends them. */
export function pageOf(count, seed = 42) {
  const next = random(seed);
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const cuid = () => `c${Array.from({ length: 24 }, () => pick(ALPHABET)).join('')}`;
  const time = (base) => new Date(base + Math.floor(next() * 3e10)).toISOString(); // millisecond precision
  const subject = () => (next() < 0.8
    ? { id: cuid(), subjectType: 'USER', username: `user${Math.floor(next() * 1000)}@company.com`, fullName: 'Jane Doe', avatarUrl: 'https://avatars.example.com/u/1.png' }
    : { id: cuid(), subjectType: 'SERVICEKEY', apiTokenName: 'ci-deploy-token' });
  const workspaces = [];
  for (let i = 0; i < count; i++) {
    const createdAt = time(Date.UTC(2024, 0, 1));
    const ws = {
      cicdEnforcedDefault: next() < 0.5,
      createdAt,
      id: cuid(),
      name: `${pick(TEAMS)} ${i + 1}`,
      organizationId: ORG,
      updatedAt: time(Date.parse(createdAt)),
      createdBy: subject(),
    };
    if (next() < 0.7) ws.description = `Workspace for the ${ws.name} team's pipelines and Deployments`;
    ws.organizationName = 'My Organization';
    ws.updatedBy = subject();
    if (i % 3 === 0) {
      ws.defaultCloudProvider = pick(Object.keys(REGIONS));
      ws.defaultRegion = REGIONS[ws.defaultCloudProvider];
    } else if (i % 5 === 1) ws.defaultClusterId = cuid();
    workspaces.push(ws);
  }
  return { workspaces, totalCount: 1234, offset: 0, limit: count };
}

/** The answer to list: a page of 100 Workspaces. */
export const PAGE_JSON = JSON.stringify(pageOf(LIST_LIMIT));

/** A `fetch` that answers from memory (no socket, no server): the seed Workspace to a POST,
 * the page of 100 to anything else. */
export const memoryFetch = async (_url, init) =>
  new Response(init?.method === 'POST' ? WORKSPACE_JSON : PAGE_JSON, { status: 200, headers: { 'content-type': 'application/json' } });

// The contenders of each workload, all sending the same request to the same server:
//   bare         fetch + text() + JSON.parse (the denominator of every ratio);
//   sameSafety   hand-written with the package's safety: a per-attempt AbortSignal.timeout,
//                redirect: 'manual', text() then JSON.parse, a status check;
//   plainClient  bench/plain-client.mjs, a plain-JS client with the package's features;
//   package      the package through its public API (`import ... from 'astro-platform'`).
import * as pkg from 'astro-platform';
import { PlainClient } from './plain-client.mjs';
import { API_PATH, CREATE_BODY, LIST_LIMIT, ORG, TOKEN } from './bodies.mjs';

const TIMEOUT_MS = 60_000;

/** Returns `{ create, list }`, each an object of name -> async function making one call. */
export async function contenders(origin) {
  // Node needs no init(); a browser-style build does, and calling it is part of the public API.
  if (typeof pkg.init === 'function') await pkg.init();
  const baseUrl = `${origin}${API_PATH}`;
  const collection = `${baseUrl}/organizations/${ORG}/workspaces`;
  const listUrl = `${collection}?limit=${LIST_LIMIT}`;
  const getHeaders = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
  const postHeaders = { ...getHeaders, 'content-type': 'application/json' };
  const plain = new PlainClient({ token: TOKEN, baseUrl });
  const client = new pkg.AstroClient({ token: TOKEN, baseUrl });
  const options = { token: TOKEN, baseUrl };
  const listParams = { limit: LIST_LIMIT };

  const checked = async (res) => {
    const text = await res.text();
    if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}`);
    return JSON.parse(text);
  };

  const create = {
    bare: async () => {
      const res = await fetch(collection, { method: 'POST', headers: postHeaders, body: JSON.stringify(CREATE_BODY) });
      return JSON.parse(await res.text());
    },
    sameSafety: async () => checked(await fetch(collection, {
      method: 'POST', headers: postHeaders, body: JSON.stringify(CREATE_BODY), redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS),
    })),
    plainClient: () => plain.createWorkspace(ORG, CREATE_BODY),
    package: () => client.createWorkspace(ORG, CREATE_BODY),
    packageStandalone: () => pkg.createWorkspace(ORG, CREATE_BODY, options),
  };
  const list = {
    bare: async () => JSON.parse(await (await fetch(listUrl, { headers: getHeaders })).text()),
    sameSafety: async () => checked(await fetch(listUrl, {
      headers: getHeaders, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS),
    })),
    plainClient: () => plain.listWorkspaces(ORG, listParams),
    package: () => client.listWorkspaces(ORG, listParams),
  };
  return { create, list };
}

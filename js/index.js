// The package's entry for browsers and bundlers (ES module). The WASM module loads on the
// first async call, or on `await init()`; the synchronous exports need `init()` first.
import load, * as wasm from './web/astro_platform.js';
import { bind } from './driver.js';
import { AstroError } from './web/errors.js';

export * from './web/errors.js';

let loading;
let ready = false;
const api = bind(wasm);

export const { WorkspaceIterator } = api;

/** Loads the WASM module once; every later call returns the same promise. */
export function init() {
  loading ??= load({ module_or_path: new URL('./web/astro_platform_bg.wasm', import.meta.url) }).then(() => {
    ready = true;
  });
  return loading;
}

function assertReady(what) {
  if (!ready) throw new AstroError(`astro-platform is not loaded yet: \`await init()\` before calling ${what}`);
}

/** Creates a Workspace (loads the module first if needed). */
export async function createWorkspace(organizationId, body, options) {
  await init();
  return api.createWorkspace(organizationId, body, options);
}

/** Checks a Create Workspace input; needs `await init()` once before. */
export function validateCreateWorkspace(organizationId, body) {
  assertReady('validateCreateWorkspace');
  return wasm.validateCreateWorkspace(organizationId, body);
}

/** Checks an Update Workspace input; needs `await init()` once before. */
export function validateUpdateWorkspace(organizationId, workspaceId, body) {
  assertReady('validateUpdateWorkspace');
  return wasm.validateUpdateWorkspace(organizationId, workspaceId, body);
}

/** Checks List Workspaces parameters; needs `await init()` once before. */
export function validateListWorkspaces(organizationId, params) {
  assertReady('validateListWorkspaces');
  return wasm.validateListWorkspaces(organizationId, params);
}

/** A client for the Workspace endpoints; needs `await init()` once before `new`. */
export class AstroClient extends api.AstroClient {
  constructor(options) {
    assertReady('new AstroClient()');
    super(options);
  }
}

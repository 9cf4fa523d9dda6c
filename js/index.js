// The package's entry for browsers and bundlers (ES module): the `.wasm` beside it is fetched
// on the first async call, or on `await init()`; the synchronous exports need `init()` first.
import { entry } from './browser.js';

export * from './web/errors.js';

export const {
  init, createWorkspace, validateCreateWorkspace, validateUpdateWorkspace, validateListWorkspaces,
  AstroClient, WorkspaceIterator,
} = entry(() => new URL('./web/astro_platform_bg.wasm', import.meta.url));

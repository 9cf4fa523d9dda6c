// `astro-platform/inline`: the browser entry with the WASM module embedded (gzip, base64), for
// bundlers that do not emit the `.wasm` that `new URL(..., import.meta.url)` names (esbuild).
// The same API as index.js; the module is decoded on the first async call or `await init()`.
import { entry } from './browser.js';
import base64 from './wasm.cjs';

export * from './web/errors.js';

/** The embedded module's bytes: base64, then gzip, undone by the platform's DecompressionStream. */
async function bytes() {
  const text = atob(base64);
  const packed = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) packed[i] = text.charCodeAt(i);
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

export const {
  init, createWorkspace, validateCreateWorkspace, validateUpdateWorkspace, validateListWorkspaces,
  AstroClient, WorkspaceIterator,
} = entry(bytes);

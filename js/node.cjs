'use strict';
// The package's entry for Node (require, and import through node.mjs), bundled by
// scripts/build.mjs into one CommonJS file with the web flavour's glue, the driver, the
// snippets and fflate's gunzipSync, so a Node bundle (esbuild, webpack, Vite SSR) needs no
// file beside it. The WASM module is embedded (wasm.cjs, gzip + base64). No `init()`: the
// module compiles in the background from the moment of loading (V8 compiles off the main
// thread), and the first call that needs it instantiates it, compiling it there and then if
// the background compile has not finished.
const wasm = require('./web/astro_platform.js');
const errors = require('./web/errors.js');
const { bind } = require('./driver.js');

// Node's built-ins are reached without `require` (which an ESM bundle of this file cannot
// do), where Node has `process.getBuiltinModule` (20.16+, 22.3+).
const builtin = (name) => (typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule(name) : undefined);

/** The module's bytes: the `.wasm` beside this file when there is one (the installed package:
 * one read, nothing to inflate), else the embedded copy (a bundle), inflated by Node's zlib or
 * by fflate. The embedded copy and fflate are required only here: loading them costs about
 * 1 ms and 4 ms (fflate builds its tables on load), which the installed package never needs. */
function moduleBytes() {
  try {
    const fs = builtin('node:fs');
    if (fs && typeof __dirname === 'string') return fs.readFileSync(`${__dirname}/web/astro_platform_bg.wasm`);
  } catch {
    // Not beside this file: a bundle. The embedded copy follows.
  }
  const gzipped = Buffer.from(require('./wasm.cjs'), 'base64');
  const zlib = builtin('node:zlib');
  return zlib ? zlib.gunzipSync(gzipped) : require('./gunzip.src.cjs').gunzipSync(gzipped);
}

let bytes = moduleBytes();
let compiled;
WebAssembly.compile(bytes).then(
  (module) => {
    compiled = module;
  },
  // The synchronous compile on first use reports the same failure, where a caller sees it.
  () => {},
);

/** Instantiates the module once, before the first call that needs it. */
function ready() {
  if (bytes === undefined) return;
  wasm.initSync({ module: compiled ?? bytes });
  bytes = undefined;
  compiled = undefined;
}

/** Resolves at once: in Node the module is ready when `require` returns. */
function init() {
  return Promise.resolve();
}

module.exports = {
  init,
  ...bind(wasm, { ready, load: ready }),
  AstroError: errors.AstroError,
  ValidationError: errors.ValidationError,
  ApiError: errors.ApiError,
  BadRequestError: errors.BadRequestError,
  AuthenticationError: errors.AuthenticationError,
  PermissionDeniedError: errors.PermissionDeniedError,
  NotFoundError: errors.NotFoundError,
  ConflictError: errors.ConflictError,
  RateLimitError: errors.RateLimitError,
  InternalServerError: errors.InternalServerError,
  ConnectionError: errors.ConnectionError,
  TimeoutError: errors.TimeoutError,
  AbortError: errors.AbortError,
  InvalidResponseError: errors.InvalidResponseError,
};

'use strict';
// The package's entry for Node (require, and import through node.mjs), bundled by
// scripts/build.mjs into one CommonJS file with the web flavour's glue, the driver, the
// snippets and fflate's gunzipSync, so a Node bundle (esbuild, webpack, Vite SSR) needs no
// file beside it. The WASM module is embedded (wasm.cjs, gzip + base64) and compiled
// synchronously on load: no `init()`.
const { gunzipSync } = require('./gunzip.src.cjs');
const wasm = require('./web/astro_platform.js');
const errors = require('./web/errors.js');
const { bind } = require('./driver.js');
const base64 = require('./wasm.cjs');

wasm.initSync({ module: gunzipSync(Buffer.from(base64, 'base64')) });
const api = bind(wasm);

/** Resolves at once: in Node the module is ready when `require` returns. */
function init() {
  return Promise.resolve();
}

module.exports = {
  init,
  createWorkspace: api.createWorkspace,
  validateCreateWorkspace: wasm.validateCreateWorkspace,
  validateUpdateWorkspace: wasm.validateUpdateWorkspace,
  validateListWorkspaces: wasm.validateListWorkspaces,
  AstroClient: api.AstroClient,
  WorkspaceIterator: api.WorkspaceIterator,
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

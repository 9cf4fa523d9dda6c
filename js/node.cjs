'use strict';
// The package's entry for Node (require, and import through node.mjs): the WASM module is
// compiled synchronously on load, so nothing needs `init()` here.
const wasm = require('./node/astro_platform.js');
const errors = require('./node/errors.js');
const { bind } = require('./driver.cjs');

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

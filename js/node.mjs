// The package's entry for Node's `import`: the same instance as `require` gives, so errors
// thrown through either pass `instanceof` with classes imported through the other.
import cjs from './node.cjs';

export const {
  init, createWorkspace, validateCreateWorkspace, validateUpdateWorkspace, validateListWorkspaces,
  AstroClient, WorkspaceIterator, AstroError, ValidationError, ApiError, BadRequestError,
  AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError,
  InternalServerError, ConnectionError, TimeoutError, AbortError, InvalidResponseError,
} = cjs;

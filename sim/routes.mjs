/** The five Workspace operations under `{basePath}/organizations/{organizationId}/workspaces`, for one API version. */
import { SUPPORTED_API_VERSIONS } from './config.mjs';
import { ApiError, readJsonObject, sendEmpty, sendJson } from './http.mjs';
import { parseListQuery } from './query.mjs';
import { isCuid } from './util.mjs';
import { DEFAULT_FIELDS, validateCreateWorkspace, validateUpdateWorkspace } from './validate.mjs';

/** Allowed methods of the collection and the item routes. */
const ALLOW = { collection: ['GET', 'POST'], item: ['GET', 'POST', 'DELETE'] };

/** Returns `'collection'`, `'item'` or null for the path segments after the base path. */
function routeKind(segments) {
  if (segments[0] !== 'organizations' || segments[2] !== 'workspaces' || !segments[1]) return null;
  if (segments.length === 3) return 'collection';
  if (segments.length === 4 && segments[3]) return 'item';
  return null;
}

/** Decodes one path segment into an ID, or throws 400 with an `invalid_format` field error. */
function decodeId(raw, field) {
  let value;
  try {
    value = decodeURIComponent(raw);
  } catch {
    value = raw;
  }
  if (!isCuid(value)) {
    const message = `${field} must be "c" followed by 24 lowercase letters or digits`;
    throw new ApiError(400, `Invalid ${field}`, { fieldErrors: [{ field, code: 'invalid_format', message }] });
  }
  return value;
}

/** Refuses a v1 request whose `X-API-Version` header is present and not a supported version (400, no fieldErrors). */
function checkApiVersion(header) {
  if (header === undefined || SUPPORTED_API_VERSIONS.includes(header)) return;
  const supported = SUPPORTED_API_VERSIONS.join(', ');
  throw new ApiError(400, `Unsupported X-API-Version header: this server supports ${supported} (or leave the header out for the latest 1.x)`);
}

/** Renders a stored record as the contract's Workspace JSON for an API version (v1beta1 has no default* fields). */
export function toWorkspaceJson(record, organization, version = 'v1') {
  const out = { id: record.id, name: record.name };
  if ('description' in record) out.description = record.description;
  out.organizationId = record.organizationId;
  if (organization?.name) out.organizationName = organization.name;
  out.cicdEnforcedDefault = record.cicdEnforcedDefault;
  if (version === 'v1') {
    for (const field of DEFAULT_FIELDS) if (field in record) out[field] = record[field];
  }
  out.createdAt = record.createdAt;
  if (record.createdBy) out.createdBy = record.createdBy;
  out.updatedAt = record.updatedAt;
  if (record.updatedBy) out.updatedBy = record.updatedBy;
  return out;
}

/** Creates the handler of one API version ('v1' or 'v1beta1'); `handle(req, res, url)` answers every request under its base path. */
export function createApiHandler({ version, basePath, store, organizations, tokens }) {
  const orgById = new Map(organizations.map((org) => [org.id, org]));

  /** Answers one API request (throws ApiError for error statuses). */
  return async function handle(req, res, url) {
    const rest = url.pathname.slice(basePath.length);
    const segments = rest.startsWith('/') ? rest.slice(1).split('/') : [];
    const kind = routeKind(segments);
    if (!kind) throw new ApiError(404, `No API route for ${req.method} ${url.pathname}`);
    if (!ALLOW[kind].includes(req.method)) {
      throw new ApiError(405, `Method ${req.method} is not allowed here`, { headers: { allow: ALLOW[kind].join(', ') } });
    }
    if (version === 'v1') checkApiVersion(req.headers['x-api-version']);

    const principal = tokens.authenticate(req.headers.authorization);
    const organizationId = decodeId(segments[1], 'organizationId');
    const organization = orgById.get(organizationId);
    if (!organization) throw new ApiError(404, `Organization ${organizationId} not found`);
    if (principal.organizationId !== organizationId) {
      throw new ApiError(403, `This token has no access to organization ${organizationId}`);
    }
    const render = (record) => toWorkspaceJson(record, organization, version);

    if (kind === 'collection' && req.method === 'GET') {
      const query = parseListQuery(url.searchParams, url.rawQuery);
      const { items, totalCount } = store.list(organizationId, query);
      return sendJson(res, 200, { workspaces: items.map(render), totalCount, offset: query.offset, limit: query.limit });
    }
    if (kind === 'collection') {
      const fields = validateCreateWorkspace(await readJsonObject(req), version);
      return sendJson(res, 200, render(store.create(organizationId, fields, principal.subject)));
    }

    const workspaceId = decodeId(segments[3], 'workspaceId');
    const notFound = () => new ApiError(404, `Workspace ${workspaceId} not found`);
    if (req.method === 'GET') {
      const record = store.get(organizationId, workspaceId);
      if (!record) throw notFound();
      return sendJson(res, 200, render(record));
    }
    if (req.method === 'POST') {
      if (!store.get(organizationId, workspaceId)) throw notFound();
      const fields = validateUpdateWorkspace(await readJsonObject(req), version);
      const replaced = version === 'v1' ? DEFAULT_FIELDS : [];
      const record = store.update(organizationId, workspaceId, fields, principal.subject, replaced);
      if (!record) throw notFound();
      return sendJson(res, 200, render(record));
    }
    if (!store.delete(organizationId, workspaceId)) throw notFound();
    return sendEmpty(res, 204);
  };
}

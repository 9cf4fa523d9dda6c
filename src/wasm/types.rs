//! The TypeScript declarations of the models, options and error classes, kept beside the
//! Rust that produces them so the `.d.ts` cannot drift.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const MODELS: &'static str = r#"
/** Who created or last changed a Workspace. */
export interface BasicSubjectProfile {
  id: string;
  /** `USER` or `SERVICEKEY`; a kind the API adds later is kept as sent. */
  subjectType?: "USER" | "SERVICEKEY" | (string & {});
  username?: string;
  fullName?: string;
  avatarUrl?: string;
  apiTokenName?: string;
}

/** A cloud provider new Deployments can default to (API v1). */
export type CloudProvider = "AWS" | "AZURE" | "GCP";

/**
 * A Workspace as the API returns it; optional fields the server did not send are absent.
 * Fields the API adds later are kept on the object as sent, though not typed here.
 */
export interface Workspace {
  id: string;
  name: string;
  organizationId: string;
  cicdEnforcedDefault: boolean;
  /** An RFC 3339 date-time exactly as sent, e.g. `2024-04-05T21:41:04.673Z`. */
  createdAt: string;
  /** An RFC 3339 date-time exactly as sent, e.g. `2024-04-05T21:41:04.673Z`. */
  updatedAt: string;
  description?: string;
  organizationName?: string;
  createdBy?: BasicSubjectProfile;
  updatedBy?: BasicSubjectProfile;
  /** API v1: the default cloud provider for new Deployments; a new cloud is kept as sent. */
  defaultCloudProvider?: CloudProvider | (string & {});
  /** API v1: the default region for new Deployments. */
  defaultRegion?: string;
  /** API v1: the default cluster for new Deployments. */
  defaultClusterId?: string;
}

/** One page of List Workspaces. */
export interface WorkspacesPaginated {
  workspaces: Workspace[];
  totalCount: number;
  offset: number;
  limit: number;
}

/**
 * Where new Deployments go by default (API v1 only; refused as `unsupported` for a
 * v1beta1 base URL): `defaultCloudProvider` and `defaultRegion` together, or
 * `defaultClusterId` alone. `null` means absent.
 */
export interface DeploymentDefaults {
  defaultCloudProvider?: CloudProvider | null;
  /** Not empty; comes with `defaultCloudProvider`. */
  defaultRegion?: string | null;
  /** Not empty; excludes `defaultCloudProvider` and `defaultRegion`. */
  defaultClusterId?: string | null;
}

/** The body of Create Workspace. `null` means absent. */
export interface CreateWorkspaceRequest extends DeploymentDefaults {
  /** 1 to 50 characters, counted as Unicode code points. */
  name: string;
  description?: string | null;
  cicdEnforcedDefault?: boolean | null;
}

/** The body of Update Workspace: name, description and CI/CD default are replaced. */
export interface UpdateWorkspaceRequest extends DeploymentDefaults {
  /** 1 to 50 characters, counted as Unicode code points. */
  name: string;
  description: string;
  cicdEnforcedDefault: boolean;
}

/** A sort order of List Workspaces. */
export type WorkspaceSort =
  | "name:asc" | "name:desc"
  | "createdAt:asc" | "createdAt:desc"
  | "updatedAt:asc" | "updatedAt:desc";

/** The query of List Workspaces. */
export interface ListWorkspacesParams {
  workspaceIds?: string[];
  names?: string[];
  /** Results to skip, >= 0 (default 0). */
  offset?: number;
  /** Results per page, 0 to 1000 (the API's default is 20); 0 gives only `totalCount`. */
  limit?: number;
  sorts?: WorkspaceSort[];
}

/** The filters of `iterateWorkspaces`. */
export interface IterateWorkspacesParams {
  workspaceIds?: string[];
  names?: string[];
  sorts?: WorkspaceSort[];
  /** Workspaces fetched per request, 1 to 1000 (default 100). */
  pageSize?: number;
}

/** A code of a FieldError this package produces; the API may send others. */
export type FieldErrorCode =
  | "required" | "invalid_type" | "too_short" | "too_long"
  | "invalid_format" | "unknown_field" | "out_of_range" | "invalid_value"
  | "conflict" | "unsupported";

/** One problem with one field, in the API's own `fieldErrors` shape. */
export interface FieldError {
  field: string;
  code: FieldErrorCode | (string & {});
  message: string;
}

/** One event per attempt for `logger`; credentials are `***`. */
export interface LogEvent {
  method: "GET" | "POST" | "DELETE";
  url: string;
  status?: number;
  /** The error class, when the attempt failed. */
  error?: string;
  durationMs: number;
  /** 1 for the first attempt. */
  attempt: number;
  headers: Record<string, string>;
}

/** What one call may override. */
export interface CallOptions {
  /** Aborts the call, its request in flight and any wait before a retry. */
  signal?: AbortSignal;
  /** Bounds each attempt, headers and body together (default 60000). */
  timeoutMs?: number;
  /** How many times a failed attempt is retried, 0 to 10 (default 2). */
  maxRetries?: number;
  /** Extra headers; `authorization`, `content-type`, `accept` and `x-api-version` cannot be replaced. */
  headers?: Record<string, string>;
}

/** Options of an AstroClient. */
export interface AstroClientOptions {
  /** An Astro API token (required; a secret, never logged or put in an error). */
  token: string;
  /** Default `https://api.astronomer.io/v1`. `http:` only for loopback hosts. */
  baseUrl?: string;
  /** Pins a minor version of API v1 (`MAJOR.MINOR`, e.g. `"1.0"`): sent as `X-API-Version`, only when set. */
  apiVersion?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** A fetch implementation; default: the global fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Receives one event per attempt; off by default. */
  logger?: (event: LogEvent) => void;
  headers?: Record<string, string>;
}

/** Options of the standalone createWorkspace. */
export interface CreateWorkspaceOptions extends AstroClientOptions {
  signal?: AbortSignal;
}

/** Creates a Workspace in an Organization; resolves to the created Workspace. */
export function createWorkspace(
  organizationId: string, body: CreateWorkspaceRequest, options: CreateWorkspaceOptions,
): Promise<Workspace>;

/** A client for the Workspace endpoints, holding the token, base URL and defaults. */
export class AstroClient {
  /** Checks the options; throws a `ValidationError` for bad ones. */
  constructor(options: AstroClientOptions);
  /** Creates a Workspace; never retried once the request may have reached the server. */
  createWorkspace(organizationId: string, body: CreateWorkspaceRequest, options?: CallOptions): Promise<Workspace>;
  /** Lists one page of Workspaces. */
  listWorkspaces(organizationId: string, params?: ListWorkspacesParams, options?: CallOptions): Promise<WorkspacesPaginated>;
  /** Gets one Workspace. */
  getWorkspace(organizationId: string, workspaceId: string, options?: CallOptions): Promise<Workspace>;
  /** Replaces a Workspace's name, description and CI/CD default. */
  updateWorkspace(organizationId: string, workspaceId: string, body: UpdateWorkspaceRequest, options?: CallOptions): Promise<Workspace>;
  /** Deletes a Workspace; resolves to `undefined`. */
  deleteWorkspace(organizationId: string, workspaceId: string, options?: CallOptions): Promise<void>;
  /** Walks every matching Workspace, fetching one page at a time as the loop asks. */
  iterateWorkspaces(organizationId: string, params?: IterateWorkspacesParams, options?: CallOptions): WorkspaceIterator;
}

/** The async iterator `iterateWorkspaces` returns: `for await (const ws of ...)` works on it. */
export class WorkspaceIterator {
  private constructor();
  /** Returns the next Workspace, fetching the next page when this one is used up. */
  next(): Promise<IteratorResult<Workspace, undefined>>;
  /** Ends the walk early (a `break` out of `for await` calls this): no further request. */
  return(): Promise<IteratorResult<Workspace, undefined>>;
  [Symbol.asyncIterator](): WorkspaceIterator;
}

/** Resolves once the WASM module is ready; idempotent. Only synchronous validators in a browser need it. */
export function init(): Promise<void>;

/** The base class of every error the package throws. */
export class AstroError extends Error {
  constructor(message?: string, fields?: object, options?: ErrorOptions);
  /** How many requests the call made (absent for a ValidationError). */
  readonly attempts?: number;
}
/** The input broke the API's rules; nothing was sent. */
export class ValidationError extends AstroError {
  readonly fieldErrors: FieldError[];
}
/** The API answered with a status other than 2xx. */
export class ApiError extends AstroError {
  readonly status: number;
  readonly requestId?: string;
  readonly fieldErrors: FieldError[];
  /** How long the server asked to wait (Retry-After / retry-after-ms), in ms. */
  readonly retryAfterMs?: number;
  /** The start (at most 2 KB) of a body that was not the API's Error shape. */
  readonly excerpt?: string;
}
export class BadRequestError extends ApiError {}
export class AuthenticationError extends ApiError {}
export class PermissionDeniedError extends ApiError {}
export class NotFoundError extends ApiError {}
export class ConflictError extends ApiError {}
export class RateLimitError extends ApiError {}
export class InternalServerError extends ApiError {}
/** The request did not complete (refused, reset, DNS, CORS). */
export class ConnectionError extends AstroError {}
/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends ConnectionError {
  readonly timeoutMs: number;
}
/** The caller's signal aborted the call. */
export class AbortError extends AstroError {}
/** A 2xx response whose body is not what the API documents. */
export class InvalidResponseError extends AstroError {
  readonly status: number;
  /** The start (at most 2 KB) of the body. */
  readonly excerpt: string;
}
"#;

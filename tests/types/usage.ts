// Compiled with `tsc -p tests/types` against the built package's declarations: what a
// TypeScript user writes must type-check, with precise types and no `any`.
import {
  AstroClient, createWorkspace, validateCreateWorkspace, validateListWorkspaces, init,
  ApiError, RateLimitError, TimeoutError, ConnectionError, ValidationError,
  type Workspace, type FieldError, type WorkspacesPaginated, type LogEvent, type CloudProvider,
} from 'astro-platform';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(ok: Equal<A, B>): void => void ok;

export async function usage(token: string): Promise<void> {
  await init();
  const org = 'clm8t5u4q000008jq4qoc3036';
  const ws: Workspace = await createWorkspace(org, { name: 'a', cicdEnforcedDefault: null }, { token });
  same<typeof ws.createdAt, string>(true);
  same<typeof ws.description, string | undefined>(true);
  const problems: FieldError[] = validateCreateWorkspace(org, { name: 5 });
  validateListWorkspaces(org);
  const logger = (e: LogEvent): void => void e.durationMs;
  const client = new AstroClient({ token, baseUrl: 'http://localhost:8080/platform/v1beta1', logger });
  const page: WorkspacesPaginated = await client.listWorkspaces(org);
  await client.listWorkspaces(org, { names: ['a'], sorts: ['name:asc'], limit: 10 }, { timeoutMs: 5 });
  for await (const each of client.iterateWorkspaces(org, { pageSize: 10 })) {
    same<typeof each, Workspace>(true);
  }
  const got = await client.getWorkspace(org, ws.id, { signal: new AbortController().signal });
  await client.updateWorkspace(org, got.id, { name: 'b', description: '', cicdEnforcedDefault: true });
  const v1 = new AstroClient({ token, apiVersion: '1.0' });
  const placed = await v1.createWorkspace(org, { name: 'c', defaultCloudProvider: 'GCP', defaultRegion: 'us-east4' });
  await v1.updateWorkspace(org, placed.id, { name: 'c', description: '', cicdEnforcedDefault: false, defaultClusterId: 'k' });
  const provider: CloudProvider | (string & {}) | undefined = placed.defaultCloudProvider;
  same<typeof placed.defaultRegion, string | undefined>(true);
  await v1.listWorkspaces(org, { limit: 0 });
  void provider;
  const deleted = await client.deleteWorkspace(org, ws.id);
  same<typeof deleted, void>(true);
  try {
    void page.totalCount;
  } catch (err) {
    if (err instanceof ApiError) same<typeof err.status, number>(true);
    if (err instanceof RateLimitError) same<typeof err.retryAfterMs, number | undefined>(true);
    if (err instanceof TimeoutError) same<typeof err.timeoutMs, number>(true);
    if (err instanceof ConnectionError || err instanceof ValidationError) void err.attempts;
  }
  void problems;
}

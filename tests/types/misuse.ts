// Mistakes the declarations must reject; each `@ts-expect-error` fails the build if the line
// type-checks.
import { AstroClient, createWorkspace } from 'astro-platform';

export async function misuse(): Promise<void> {
  const org = 'clm8t5u4q000008jq4qoc3036';
  // @ts-expect-error the token is required
  await createWorkspace(org, { name: 'a' }, {});
  // @ts-expect-error name must be a string
  await createWorkspace(org, { name: 5 }, { token: 't' });
  // @ts-expect-error not a documented sort order
  await new AstroClient({ token: 't' }).listWorkspaces(org, { sorts: ['name'] });
  // @ts-expect-error update needs all three fields
  await new AstroClient({ token: 't' }).updateWorkspace(org, org, { name: 'a' });
  // @ts-expect-error not a documented cloud provider
  await createWorkspace(org, { name: 'a', defaultCloudProvider: 'ORACLE', defaultRegion: 'x' }, { token: 't' });
  // @ts-expect-error apiVersion is a string such as '1.0'
  new AstroClient({ token: 't', apiVersion: 1 });
}

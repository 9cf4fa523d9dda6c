/** Built-in organizations, tokens and paths the simulator starts with unless told otherwise. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Absolute path of the repository root (the parent of `sim/`). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Path prefix of each API version, as in the contract's base URLs; v1 is the current one. */
export const DEFAULT_BASE_PATHS = Object.freeze({ v1: '/v1', v1beta1: '/platform/v1beta1' });

/** Values of the `X-API-Version` request header v1 accepts (without the header, the latest 1.x answers). */
export const SUPPORTED_API_VERSIONS = Object.freeze(['1.0']);

/** ID of the demo organization (the one the demo token belongs to). */
export const DEMO_ORGANIZATION_ID = 'clm8t5u4q000008jq4qoc3036';

/** ID of the second organization, whose token gets 403 on the demo organization. */
export const OTHER_ORGANIZATION_ID = 'cotherorg0000000000000001';

/** The demo API token (a SERVICEKEY subject of the demo organization). */
export const DEMO_TOKEN = 'astro-demo-token-4f2c9a7e1b6d8053';

/** A token of the other organization (a USER subject), for the 403 case. */
export const OTHER_TOKEN = 'astro-other-org-token-9d1e6b3a7c2f5048';

/** Returns fresh copies of the built-in organizations. */
export function defaultOrganizations() {
  return [
    { id: DEMO_ORGANIZATION_ID, name: 'Demo Organization' },
    { id: OTHER_ORGANIZATION_ID, name: 'Other Organization' },
  ];
}

/** Returns fresh copies of the built-in tokens, each with its organization and subject. */
export function defaultTokens() {
  return [
    {
      token: DEMO_TOKEN,
      organizationId: DEMO_ORGANIZATION_ID,
      subject: { id: 'cdemotoken000000000000001', subjectType: 'SERVICEKEY', apiTokenName: 'demo-token' },
    },
    {
      token: OTHER_TOKEN,
      organizationId: OTHER_ORGANIZATION_ID,
      subject: {
        id: 'cotheruser000000000000001',
        subjectType: 'USER',
        username: 'jane.doe@example.com',
        fullName: 'Jane Doe',
        avatarUrl: 'https://avatar.example.com/jane-doe.png',
      },
    },
  ];
}

/** Returns the default static directories: `www/` at `/` and `pkg/` at `/pkg`. */
export function defaultStaticDirs() {
  return { '/': 'www', '/pkg': 'pkg' };
}

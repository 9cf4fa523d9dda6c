// What every consumer runs through the package it installed, whatever the toolchain: the
// validator, a create against the local server, and a 404 that must be a NotFoundError.
// The runner copies this file into each project (and a CommonJS copy as scenario.cjs).

export const ORG = 'clm8t5u4q000008jq4qoc3036';
export const TOKEN = 'consumer-token-5f2a9c';

/** Runs the three checks with the package's namespace `m` against `baseUrl`; plain data out. */
export async function scenario(m, baseUrl) {
  await m.init();
  const problems = m.validateCreateWorkspace(ORG, { name: '' }).map((p) => `${p.field}:${p.code}`);
  const ws = await m.createWorkspace(ORG, { name: 'Consumer' }, { token: TOKEN, baseUrl });
  let notFound;
  try {
    await new m.AstroClient({ token: TOKEN, baseUrl }).getWorkspace(ORG, 'clm8t5u4q000008jq4qoc9999');
    notFound = 'resolved';
  } catch (e) {
    notFound = {
      isNotFoundError: e instanceof m.NotFoundError,
      isAstroError: e instanceof m.AstroError,
      name: e.name,
      status: e.status,
      message: e.message,
    };
  }
  return { problems, created: { id: ws.id, name: ws.name }, notFound };
}

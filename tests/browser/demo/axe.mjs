// axe-core in the demo tests: its source is evaluated in the page (not added as a <script>, so it
// runs under the page's Content-Security-Policy too), then `axe.run` checks the whole document.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The axe-core violations on the page now, each `{ id, impact, help, nodes: ['selector: summary'] }`. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
}

/** Fails when axe-core finds any violation on the page, listing them; `state` names what is shown. */
export async function assertAccessible(page, state) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core: ${violations.length} violation(s) in the ${state} state:\n${JSON.stringify(violations, null, 2)}`);
}

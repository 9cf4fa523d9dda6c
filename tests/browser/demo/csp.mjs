// The Content-Security-Policy the simulator serves the demo page with, put on the page in the
// browser tests (a route adds it to the HTML response), and a record of every violation.

/** The policy (see sim/README.md): no inline script or style, WebAssembly allowed, no framing. */
export const DEMO_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
  + "connect-src 'self' https://api.astronomer.io; frame-ancestors 'none'";

/**
 * For `openDemo`'s `setup`: serves the page's HTML with DEMO_CSP and records each
 * `securitypolicyviolation` in `window.__cspViolations` (read them with `cspViolations(page)`).
 */
export async function enforceCsp(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || '(inline)'} ${e.sourceFile ?? ''}:${e.lineNumber ?? ''}`);
    });
  });
  await page.route((url) => url.pathname === '/' || url.pathname.endsWith('.html'), async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': DEMO_CSP } });
  });
}

/** The CSP violations the page has reported so far. */
export function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? ['(the recorder is missing)']);
}

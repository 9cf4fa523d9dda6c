// Headless Debian Chromium through playwright-core (never a downloaded browser), and the
// helpers the demo tests share: open the page, wait on bounded conditions, take screenshots
// that never show a token.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './server.mjs';
import { startRecordingServer } from '../../support/recording-server.mjs';

/** Every wait in the browser tests gives up after this long. */
export const WAIT_MS = 10_000;
/** Git-ignored folder for the screenshots. */
export const SCREENSHOT_DIR = path.join(ROOT, 'tests', 'screenshots');

/** Launches Debian's Chromium headless (`CHROMIUM_PATH`, default /usr/bin/chromium), with
 * `extraArgs` such as `--host-resolver-rules=...`. Every browser test launches through here. */
export function launchBrowser({ extraArgs = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...extraArgs],
  });
}

/** A locator for `[data-testid=...]`. */
export const byTestId = (scope, id) => scope.locator(`[data-testid="${id}"]`);

/**
 * Opens the demo page in a fresh context (fresh sessionStorage) and waits until it has
 * loaded the package and finished its first connection attempt. Every request the page
 * makes is recorded in `requests` as `{ method, url, body }` (`body` is the request's text, if
 * any); page errors fail the test at the end. `setup(page, context)` runs before the page
 * is opened (e.g. to add routes); `colorScheme` is what prefers-color-scheme says.
 */
export async function openDemo(browser, server, { viewport = { width: 1280, height: 900 }, query = '', colorScheme = 'light', setup } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  await setup?.(page, context);
  page.setDefaultTimeout(WAIT_MS);
  page.setDefaultNavigationTimeout(WAIT_MS);
  const requests = [];
  const pageErrors = [];
  page.on('request', (req) => requests.push({ method: req.method(), url: req.url(), body: req.postData() ?? undefined }));
  const consoleErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err));
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('response', (res) => { if (res.status() >= 400) consoleErrors.push(`${res.status()} ${res.url()}`); });
  await page.goto(`${server.url}/${query}`);
  try {
    await page.waitForSelector('[data-testid="app"][data-ready="true"]', { state: 'attached' });
  } catch (err) {
    const banner = await page.locator('[data-testid="banner-region"]').innerText({ timeout: 1000 }).catch(() => '');
    throw new Error(`the demo page never became ready (is pkg/ built?); banner: ${JSON.stringify(banner)}; `
      + `page errors: ${JSON.stringify(pageErrors.map(String))}; console errors: ${JSON.stringify(consoleErrors)}`, { cause: err });
  }
  await waitForText(page, 'conn-status', /^(Connected|Not connected|Disconnected|Could not)/);
  return { context, page, requests, pageErrors };
}

/** Waits (bounded) until an element's text equals `expected` or matches it (a RegExp). */
export async function waitForText(page, testId, expected) {
  const pattern = expected instanceof RegExp ? { source: expected.source, flags: expected.flags } : null;
  try {
    await page.waitForFunction(([id, exact, re]) => {
      const text = document.querySelector(`[data-testid="${id}"]`)?.textContent.trim();
      if (text === undefined) return false;
      return re ? new RegExp(re.source, re.flags).test(text) : text === exact;
    }, [testId, pattern ? null : expected, pattern], { timeout: WAIT_MS });
  } catch (err) {
    const actual = await byTestId(page, testId).first().textContent({ timeout: 1000 }).catch(() => '(missing)');
    throw new Error(`[data-testid=${testId}] never showed ${expected}; it shows ${JSON.stringify(actual)}`, { cause: err });
  }
}

/** Unfolds the connection panel (folded to one line while connected) so its fields can be edited. */
export async function openConnectionForm(page) {
  const change = byTestId(page, 'conn-change');
  if (await change.isVisible()) await change.click();
  await byTestId(page, 'conn-base-url').waitFor({ state: 'visible' });
}

/** The trimmed texts of all elements with a test ID. */
export async function textsOf(scope, testId) {
  return (await byTestId(scope, testId).allTextContents()).map((t) => t.trim());
}

/** The names in the table's rows, top to bottom. */
export const rowNames = (page) => textsOf(page, 'row-name');

/** Waits (bounded) until the table's rows show exactly these names, top to bottom. */
export async function waitForRows(page, names) {
  try {
    await page.waitForFunction((expected) => {
      const shown = [...document.querySelectorAll('[data-testid="row-name"]')].map((el) => el.textContent.trim());
      return JSON.stringify(shown) === JSON.stringify(expected);
    }, names, { timeout: WAIT_MS });
  } catch (err) {
    throw new Error(`the table never showed ${JSON.stringify(names)}; it shows ${JSON.stringify(await rowNames(page))}`, { cause: err });
  }
}

/**
 * Saves a screenshot as tests/screenshots/demo-NAME.png after checking that none of
 * `secrets` is readable on the page: not in its text, not in a non-password field, not in its URL.
 * The whole page by default; only the viewport while a modal dialog is open (its backdrop
 * covers the viewport only).
 */
export async function snap(page, name, secrets) {
  const exposed = await page.evaluate((list) => {
    const visible = [document.body.innerText, location.href];
    for (const el of document.querySelectorAll('input, textarea')) {
      if (el.type !== 'password') visible.push(el.value);
    }
    return list.filter((secret) => visible.some((text) => text.includes(secret)));
  }, secrets.filter(Boolean));
  assert.deepEqual(exposed, [], `a token is readable on the page before screenshot ${name}`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const modal = await page.evaluate(() => document.querySelector('dialog[open]') !== null);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `demo-${name}.png`), fullPage: !modal, animations: 'disabled', timeout: WAIT_MS });
}

/** What has the keyboard focus: `{ tag, testid, id, rowId }` (tag `BODY` when nothing useful has). */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName ?? null,
      testid: el?.getAttribute?.('data-testid') ?? null,
      id: el?.id || null,
      rowId: el?.closest?.('tr[data-workspace-id]')?.getAttribute('data-workspace-id') ?? null,
    };
  });
}

/** The texts of the error banners a user can see (anywhere on the page, dialogs included). */
export function visibleErrorBanners(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-testid="error-banner"]')]
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => el.innerText.trim()));
}

/** Waits (bounded) until no error banner is visible; fails with the ones that stay. */
export async function waitForNoErrorBanner(page) {
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="error-banner"]')]
      .every((el) => el.getClientRects().length === 0), null, { timeout: WAIT_MS });
  } catch (err) {
    throw new Error(`an error banner stays: ${JSON.stringify(await visibleErrorBanners(page))}`, { cause: err });
  }
}

/** Where the README's screenshots are written (committed: the README shows them). */
export const README_SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');

/**
 * Writes the viewport as docs/screenshots/NAME.png for the README, after checking that none of
 * `secrets` is readable on the page; whatever shows part of the token (its masked tail too) is
 * painted over.
 */
export async function readmeShot(page, name, secrets) {
  const exposed = await page.evaluate((list) => {
    const visible = [document.body.innerText, location.href, ...[...document.querySelectorAll('input, textarea')]
      .filter((el) => el.type !== 'password').map((el) => el.value)];
    return list.filter((secret) => visible.some((text) => text.includes(secret)));
  }, secrets.filter(Boolean));
  assert.deepEqual(exposed, [], `a token is readable on the page before screenshot ${name}`);
  fs.mkdirSync(README_SCREENSHOT_DIR, { recursive: true });
  const mask = ['conn-summary-token', 'conn-token', 'conn-token-hint'].map((id) => byTestId(page, id));
  await page.screenshot({
    path: path.join(README_SCREENSHOT_DIR, `${name}.png`), animations: 'disabled', caret: 'hide', mask, maskColor: '#8a8fa3', timeout: WAIT_MS,
  });
}

/**
 * Starts a recording server (tests/support) on 127.0.0.1 that also serves the built package
 * under /pkg/ and the browser fixtures under /fixtures/; fails at once when pkg/ is not built.
 */
export function servePackage() {
  assert.ok(fs.existsSync(path.join(ROOT, 'pkg', 'index.js')), 'pkg/ is not built: run `node scripts/build.mjs`');
  return startRecordingServer({
    static: [
      { prefix: '/pkg/', dir: path.join(ROOT, 'pkg') },
      { prefix: '/fixtures/', dir: path.join(ROOT, 'tests', 'browser', 'fixtures') },
    ],
  });
}

// Shared set-up of the browser tests: a static server for www/ on a free port and Debian's
// headless Chromium (playwright-core) with a fresh profile, recording every request, page
// error and dialog. CHROMIUM overrides the browser path (default /usr/bin/chromium).

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const BROWSER_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Starts the server and the browser. Returns `{ server, context, page, requests, errors,
 * dialogs, close }`; `options` go to Playwright's context (viewport, colorScheme, bypassCSP...).
 */
export async function launch(options = {}) {
  assert.ok(existsSync(join(ROOT, 'www', 'pkg', 'article_analyzer.js')), 'www/pkg is missing: run scripts/build.sh');
  const server = await startServer({ root: join(ROOT, 'www'), port: 0 });
  const profile = await mkdtemp(join(tmpdir(), 'article-analyzer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: BROWSER_ARGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const requests = [];
  const errors = [];
  const dialogs = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const close = async () => {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  };
  return { server, context, page, requests, errors, dialogs, close };
}

/**
 * For a test file sharing one page: registers `before` and `after` hooks that launch the browser
 * (with `options`) and open the page, then close both. `ready(b)` receives the `launch()` result
 * before the first test runs.
 */
export function usePage(options, ready) {
  let b;
  before(async () => {
    b = await launch(options);
    ready(b);
    await openPage(b.page, b.server);
  });
  after(async () => {
    await b?.close();
  });
}

/** Requests whose origin is not the server's (none are allowed). */
export const foreignRequests = (requests, server) => {
  const origin = new URL(server.url).origin;
  return requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).origin !== origin);
};

/** Opens the page and waits for the analyzer. */
export async function openPage(page, server, path = '') {
  await page.goto(server.url + path);
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
}

/** Waits until the page has analysed and rendered exactly `text`. */
export async function waitForAnalysis(page, text, timeout = 30_000) {
  await page.waitForFunction(
    (t) => window.__lastAnalysis?.text === t && document.body.dataset.state === 'ready',
    text,
    { timeout },
  );
}

/** Loads the sample article through the page's button; resolves to its text. */
export async function loadSample(page) {
  await page.click('#sample');
  const sample = await page.evaluate(() => fetch('./sample.txt').then((r) => r.text()));
  await waitForAnalysis(page, sample);
  return sample;
}

/** Writes a screenshot to docs/screenshots/NAME.png (always: they are for reviewers). */
export async function screenshot(target, name, options = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), ...options });
}

// Browser tests of the static page (www/) in Debian's headless Chromium, driven by playwright-core.
//
//   node --test tests/browser/            (after scripts/build.sh; scripts/test.sh does both)
//
// Shares the set-up of tests/browser/helpers.mjs (a static server on a free port, a fresh
// profile); records every request (none may leave the page's
// origin), and checks: highlights match the analysis spans, the three layers and their toggles,
// the tooltip on hover and keyboard focus, re-analysis while typing, and that pasted HTML stays
// text. Writes docs/screenshot.png when it is missing or UPDATE_SCREENSHOT=1.
// CHROMIUM overrides the browser path (default /usr/bin/chromium).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROOT, foreignRequests, usePage, waitForAnalysis as waitForPage } from './helpers.mjs';

const SCREENSHOT = join(ROOT, 'docs', 'screenshot.png');
const LAYERS = ['entity', 'quote', 'source'];

let server;
let page;
let requests;
let dialogs;
let pageErrors;
usePage({}, (b) => {
  ({ server, page, requests, dialogs, errors: pageErrors } = b);
});

/** Waits until the page has analysed exactly `text`. */
const waitForAnalysis = (text) => waitForPage(page, text);

/** The rendered highlights grouped by id: { id: { layer, start, end, text } }, text joined over pieces. */
async function renderedHighlights() {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('#view [data-id]')) {
      const h = (out[el.dataset.id] ??= { layer: el.dataset.layer, start: +el.dataset.start, end: +el.dataset.end, text: '' });
      h.text += el.textContent;
    }
    return out;
  });
}

/** The spans of the last analysis, by the ids the page gives them. */
async function analysisSpans() {
  return page.evaluate(() => {
    const { text, result } = window.__lastAnalysis;
    const spans = {};
    result.entities.forEach((e, i) => (spans[`e${i}`] = { layer: 'entity', ...e }));
    result.quotes.forEach((q, i) => (spans[`q${i}`] = { layer: 'quote', ...q }));
    result.attributions.forEach((a, i) => {
      for (const part of ['source', 'cue', 'content']) if (a[part]) spans[`a${i}-${part}`] = { layer: 'source', ...a[part] };
    });
    return { text, spans };
  });
}

async function loadSample() {
  await page.click('#sample');
  const sample = await page.evaluate(() => fetch('./sample.txt').then((r) => r.text()));
  await waitForAnalysis(sample);
  return sample;
}

test('the page loads the analyzer and shows its version', async () => {
  const v = await page.textContent('#version');
  assert.match(v, /^\d+\.\d+\.\d+/);
  // The module's JS API, as the page loaded it: a non-string throws an Error object.
  // (The page analyses in a worker, so the module is initialised here.)
  const thrown = await page.evaluate(async () => {
    const { default: init, analyze } = await import('./pkg/article_analyzer.js');
    await init();
    return [42, null, undefined, {}].map((x) => {
      try {
        analyze(x);
        return 'no throw';
      } catch (e) {
        return e instanceof Error ? 'Error' : typeof e;
      }
    });
  });
  assert.deepEqual(thrown, ['Error', 'Error', 'Error', 'Error']);
  assert.deepEqual(pageErrors, []);
});

test('the sample: every highlight shows exactly the text of its span', async () => {
  await loadSample();
  const { text, spans } = await analysisSpans();
  const shown = await renderedHighlights();
  // Empty spans (allowed by the contract) have nothing to highlight.
  const nonEmpty = Object.keys(spans).filter((id) => spans[id].end > spans[id].start);
  assert.deepEqual(Object.keys(shown).sort(), nonEmpty.sort(), 'one highlight per non-empty span');
  for (const [id, s] of Object.entries(spans)) {
    assert.equal(text.slice(s.start, s.end), s.text, `${id}: span text vs offsets`);
    if (s.end === s.start) continue;
    assert.equal(shown[id].text, s.text, `${id}: highlighted text`);
    assert.equal(shown[id].layer, s.layer, `${id}: layer`);
    assert.deepEqual([shown[id].start, shown[id].end], [s.start, s.end], `${id}: offsets`);
  }
  // The view shows the whole text, unchanged.
  assert.equal(await page.evaluate(() => document.getElementById('view').textContent), text);
  assert.deepEqual(pageErrors, []);
});

test('the sample has highlights in all three layers, counted in the toolbar', async () => {
  const counts = await page.evaluate(() => {
    const { result } = window.__lastAnalysis;
    const shown = (layer) => new Set([...document.querySelectorAll(`#view [data-layer=${layer}]`)].map((e) => e.dataset.id)).size;
    return {
      entities: [result.entities.length, +document.getElementById('count-entities').textContent, shown('entity')],
      quotes: [result.quotes.length, +document.getElementById('count-quotes').textContent, shown('quote')],
      sources: [result.attributions.length, +document.getElementById('count-sources').textContent],
    };
  });
  for (const [name, [n, counted, shown]] of Object.entries(counts)) {
    assert.ok(n > 0, `the sample has no ${name}`);
    assert.equal(counted, n, `${name} count in the toolbar`);
    if (shown !== undefined) assert.equal(shown, n, `${name} highlighted`);
  }
});

test('unticking a layer hides its highlights and only them', async () => {
  const count = (layer) => page.locator(`#view [data-layer=${layer}]`).count();
  const before = Object.fromEntries(await Promise.all(LAYERS.map(async (l) => [l, await count(l)])));
  for (const layer of LAYERS) {
    assert.ok(before[layer] > 0, `no ${layer} highlights to toggle`);
    const box = page.locator(`.layers input[data-layer=${layer}]`);
    await box.uncheck();
    try {
      assert.equal(await count(layer), 0, `${layer} still shown`);
      for (const other of LAYERS.filter((l) => l !== layer)) {
        assert.equal(await count(other), before[other], `${other} changed with ${layer}`);
      }
    } finally {
      await box.check();
    }
    assert.equal(await count(layer), before[layer], `${layer} not restored`);
  }
});

test('hovering or focusing a highlight explains it', async () => {
  const tip = page.locator('#tip');
  for (const layer of LAYERS) {
    const el = page.locator(`#view [data-layer=${layer}][tabindex="0"]`).first();
    assert.ok((await el.count()) > 0, `no focusable ${layer} highlight`);
    // Hovering shows the highlights under the pointer, innermost first (the element's own
    // description, or that of a highlight nested in it).
    await el.hover();
    await tip.waitFor({ state: 'visible' });
    const hovered = await tip.locator('p').allTextContents();
    assert.ok(hovered.length > 0 && hovered.every((l) => l.trim().length > 0), 'empty tooltip');
    assert.equal(await page.textContent('#details'), hovered.join(' — '), 'details line');
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    // Focusing shows the focused highlight first, then those around it.
    await el.focus();
    await tip.waitFor({ state: 'visible' });
    const focused = await tip.locator('p').allTextContents();
    assert.ok(focused.length > 0, `${layer}: no tooltip on focus`);
    assert.ok(hovered.includes(focused[0]), `${layer}: hover ${JSON.stringify(hovered)} lacks ${focused[0]}`);
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
  }
  // Keyboard only: Tab from the last layer toggle reaches the first highlight, with a focus ring.
  await page.focus('#layer-sources');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return { hl: el.matches('#view .hl'), outline: getComputedStyle(el).outlineStyle };
  });
  assert.ok(focused.hl, 'Tab does not reach the highlights');
  assert.notEqual(focused.outline, 'none', 'no visible focus ring');
  await tip.waitFor({ state: 'visible' });

  // Entities name their type; quotations their kind.
  await page.locator('#view [data-layer=entity][tabindex="0"]').first().focus();
  assert.match(await page.textContent('#tip p'), /^[A-Z_]+: /);
  await page.locator('#view [data-layer=quote][tabindex="0"]').first().focus();
  assert.match(await page.textContent('#tip p'), /quotation|Reported speech/);

  if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(SCREENSHOT)) {
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    // The top of the page, with the first quotation (or highlight) in view and explained.
    await page.evaluate(() => {
      const el = document.querySelector('#view [data-layer=quote][tabindex="0"]') ?? document.querySelector('#view .hl');
      el?.scrollIntoView({ block: 'center' });
      window.scrollTo(0, 0);
      el?.focus({ preventScroll: true });
    });
    await page.screenshot({ path: SCREENSHOT });
  }
  await page.keyboard.press('Escape');
});

test('the analysis re-runs as the user types', async () => {
  await page.fill('#article', '');
  await page.locator('#article').pressSequentially('“We will not back down,” the minister told Reuters.', { delay: 5 });
  const typed = await page.inputValue('#article');
  await waitForAnalysis(typed);
  const { text, spans } = await analysisSpans();
  assert.equal(text, typed);
  const shown = await renderedHighlights();
  for (const [id, s] of Object.entries(spans)) if (s.end > s.start) assert.equal(shown[id]?.text, s.text, id);
});

test('a long paste without paragraphs is rendered whole, in blocks, spans intact', async () => {
  const sample = await page.evaluate(() => fetch('./sample.txt').then((r) => r.text()));
  const long = Array(8).fill(sample.replace(/\s+/g, ' ')).join(' 👩‍👩‍👧 ');
  await page.fill('#article', long);
  await waitForAnalysis(long);
  assert.equal(await page.evaluate(() => document.getElementById('view').textContent), long);
  assert.ok((await page.locator('#view > .chunk').count()) > 1, 'not split into blocks');
  const { spans } = await analysisSpans();
  const shown = await renderedHighlights();
  for (const [id, sp] of Object.entries(spans)) if (sp.end > sp.start) assert.equal(shown[id]?.text, sp.text, id);
});

test('pasted HTML is shown as text and never run', async () => {
  const html = '<img src=x onerror=alert(1)> “<b>bold</b>,” she said. <script>alert(2)</script>';
  await page.fill('#article', html);
  await waitForAnalysis(html);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.getElementById('view').textContent), html);
  assert.equal(await page.locator('img').count(), 0, 'an <img> element was created');
  assert.equal(await page.locator('#view b, #view script').count(), 0, 'markup was parsed');
  assert.deepEqual(dialogs, [], 'a dialog was opened');
  assert.ok(!requests.some((u) => new URL(u).pathname.endsWith('/x')), 'the image was requested');
});

test('no request leaves the page\'s origin', () => {
  assert.ok(requests.length > 0, 'no request recorded');
  assert.deepEqual(foreignRequests(requests, server), []);
  assert.deepEqual(pageErrors, []);
});

// Accessibility: an axe-core audit (npm package axe-core, evaluated in the page through the
// DevTools protocol, which the page's CSP does not govern: the page itself keeps its strict CSP)
// of the main page in light and dark schemes and of the embedding example, with the sample
// analysed, panels filled, a comparison shown and a tooltip open; then keyboard-only use.
// Highlights are distinguishable without colour. Writes docs/screenshots/dark.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { foreignRequests, loadSample, openPage, ROOT, screenshot, usePage } from './helpers.mjs';

const AXE = await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let b;
let page;
usePage({ viewport: { width: 1300, height: 1000 } }, (launched) => {
  b = launched;
  page = launched.page;
});

/** Runs axe on the page; returns its violations as "rule: target (summary)" lines. */
async function audit() {
  const errorsBefore = b.errors.length;
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? v.help}`));
  });
  // axe-core adds <style> elements of its own while it runs, which the page's CSP blocks (and
  // reports on the console); those reports are about the auditor, not the page.
  const own = b.errors.splice(errorsBefore).filter((e) => !/^Applying inline style violates the following Content Security Policy/.test(e));
  b.errors.push(...own);
  return violations;
}

async function fillEverything() {
  await loadSample(page);
  await page.click('#compare-demo');
  await page.waitForFunction(() => document.body.dataset.compare === 'ready', null, { timeout: 30_000 });
  await page.check('#show-unchanged');
  await page.locator('#view [data-layer=quote][tabindex="0"]').first().focus();
  // Scroll through the page so that every content-visibility block is laid out for the audit.
  await page.evaluate(async () => {
    for (const el of document.querySelectorAll('.panel-slot, #view .chunk')) el.scrollIntoView();
    window.scrollTo(0, 0);
  });
}

test('axe-core: no violation on the main page (light scheme)', async () => {
  await page.emulateMedia({ colorScheme: 'light' });
  await fillEverything();
  assert.deepEqual(await audit(), []);
});

test('axe-core: no violation on the main page (dark scheme)', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(15, 20, 27)', 'the dark scheme did not apply');
    assert.deepEqual(await audit(), []);
    await page.evaluate(() => {
      document.querySelector('#view [data-layer=quote][tabindex="0"]')?.scrollIntoView({ block: 'center' });
      window.scrollTo(0, 0);
    });
    await screenshot(page, 'dark');
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
});

test('axe-core: no violation on the embedding example, highlighted', async () => {
  await page.goto(`${b.server.url}embed.html`);
  await page.waitForFunction(() => document.querySelector('article-analyzer')?.getAttribute('state') === 'ready', null, { timeout: 30_000 });
  await page.click('#do-highlight');
  await page.waitForFunction(() => document.body.dataset.highlighted === 'yes');
  assert.deepEqual(await audit(), []);
  await page.goto(b.server.url);
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
});

test('highlights differ without colour: line style, weight or outline per layer', async () => {
  await loadSample(page);
  const styles = await page.evaluate(() => {
    const pick = (sel) => {
      const s = getComputedStyle(document.querySelector(`#view ${sel}`));
      return [s.borderBottomStyle, s.textDecorationLine, s.textDecorationStyle, s.fontWeight].join(' ');
    };
    return {
      entity: pick('.hl-ent'), quote: pick('.hl-quote.quote-direct, .hl-quote'), source: pick('.hl-source'), cue: pick('.hl-cue'),
    };
  });
  const distinct = new Set(Object.values(styles));
  assert.equal(distinct.size, 4, JSON.stringify(styles));
  // Entities carry their type as text (::after), not colour alone.
  const tag = await page.evaluate(() => getComputedStyle(document.querySelector('#view .hl-ent'), '::after').content);
  assert.match(tag, /^"[A-Z_]+"$/);
});

test('keyboard only: skip link, layer toggles, highlights, panel items, comparison', async () => {
  await openPage(page, b.server);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await loadSample(page);
  // Toggle a layer with the keyboard.
  await page.focus('#layer-quotes');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#view [data-layer=quote]').count(), 0);
  await page.keyboard.press('Space');
  assert.ok(await page.locator('#view [data-layer=quote]').count() > 0);
  // Panel items are buttons: Enter on one moves focus to its highlight in the text.
  const item = page.locator('#panel-sources button[data-target]').first();
  const target = await item.getAttribute('data-target');
  await item.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), target);
  // Every control has an accessible name (axe checks it too); the view is a labelled region.
  assert.equal(await page.getAttribute('#view', 'role'), 'region');
  assert.ok(await page.getAttribute('#view', 'aria-label'));
  assert.deepEqual(foreignRequests(b.requests, b.server), []);
  assert.deepEqual(b.errors, []);
});

// Exports: the analysis as JSON (a download equal to the analysis), the highlighted article as
// sanitised standalone HTML (no script, no handler, user text only as text, its own strict CSP),
// and the print stylesheet (controls hidden, the whole article shown). Writes
// docs/screenshots/print.png and export.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { foreignRequests, loadSample, screenshot, usePage, waitForAnalysis } from './helpers.mjs';

let b;
let page;
usePage({ viewport: { width: 1300, height: 1000 } }, (launched) => {
  b = launched;
  page = launched.page;
});

/** Clicks `selector` and returns the downloaded file's name and text. */
async function download(selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: await readFile(await dl.path(), 'utf8') };
}

test('Export JSON downloads the analysis and its text', async () => {
  const sample = await loadSample(page);
  const { name, text } = await download('#export-json');
  assert.equal(name, 'analysis.json');
  const json = JSON.parse(text);
  assert.equal(json.text, sample);
  assert.deepEqual(json.analysis, await page.evaluate(() => window.__lastAnalysis.result));
});

test('Export HTML: a standalone document, sanitised, with the article text as text', async () => {
  const hostile = '<img src=x onerror=alert(1)> “<b onclick=alert(2)>Bold</b>,” the minister said. </article><script>alert(3)</script> Kim Yo Jong said in Seoul.';
  await page.fill('#article', hostile);
  await waitForAnalysis(page, hostile);
  const { name, text: html } = await download('#export-html');
  assert.equal(name, 'article.html');
  assert.match(html, /^<!doctype html>/);
  // Open it as a page of its own (about:blank, so only its own CSP applies) and inspect it.
  const shot = await b.context.newPage();
  const messages = [];
  shot.on('console', (m) => messages.push(m.text()));
  shot.on('dialog', (d) => {
    messages.push(`dialog ${d.message()}`);
    d.dismiss();
  });
  await shot.setContent(html);
  const report = await shot.evaluate(() => {
    const doc = document;
    const all = [...doc.querySelectorAll('*')];
    return {
      scripts: doc.querySelectorAll('script, iframe, object, embed, img, link, base, form').length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value)).map((a) => a.name)),
      styleAttrs: all.filter((el) => el.hasAttribute('style')).length,
      csp: doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
      article: doc.querySelector('article.article')?.textContent,
      highlights: doc.querySelectorAll('article [data-id]').length,
      titled: doc.querySelectorAll('article [data-id][title]').length,
      tags: [...new Set(all.map((el) => el.tagName.toLowerCase()))].sort(),
      // The style hash in its CSP is right: the export's style applies.
      styled: getComputedStyle(doc.querySelector('.hl-source, .hl-quote, .hl-ent')).textDecorationLine !== 'none'
        || getComputedStyle(doc.querySelector('.hl-source, .hl-quote, .hl-ent')).borderBottomStyle !== 'none',
    };
  });
  await shot.close();
  assert.ok(report.styled, 'the export style did not apply');
  assert.deepEqual(messages, [], 'console messages (CSP violations?) or dialogs in the export');
  assert.equal(report.scripts, 0, 'active or loading elements in the export');
  assert.deepEqual(report.handlers, []);
  assert.equal(report.styleAttrs, 0);
  assert.match(report.csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
  assert.equal(report.article, hostile, 'the article is the pasted text, as text');
  assert.ok(report.highlights > 0 && report.titled > 0, 'no highlight or description in the export');
  assert.deepEqual(report.tags.filter((t) => !['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'p', 'span', 'article', 'div'].includes(t)), []);
});

test('print stylesheet: controls hidden, the whole article and the panels shown', async () => {
  await loadSample(page);
  await page.emulateMedia({ media: 'print' });
  try {
    const state = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => getComputedStyle(el).display !== 'none');
      const view = document.getElementById('view');
      return {
        input: shown('.input-panel'), toolbar: shown('.toolbar'), compare: shown('#compare'), buttons: shown('.actions'),
        view: shown('#view'), panels: shown('.panels'),
        maxHeight: getComputedStyle(view).maxHeight, overflow: getComputedStyle(view).overflowY,
        chunks: [...view.querySelectorAll('.chunk')].every((c) => getComputedStyle(c).contentVisibility === 'visible'),
      };
    });
    assert.deepEqual(state, { input: false, toolbar: false, compare: false, buttons: false, view: true, panels: true, maxHeight: 'none', overflow: 'visible', chunks: true });
    await screenshot(page, 'print', { fullPage: true });
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  assert.deepEqual(foreignRequests(b.requests, b.server), []);
  assert.deepEqual(b.errors, []);
});

// Browser tests of the reading view: entity-type layers, details of sources, choosing an entity
// marks all its mentions, the three panels (who is quoted, sources, entities) and choosing a
// panel item scrolls to it. Writes docs/screenshots/reading.png and panels.png.
//
//   node --test tests/browser/reading.test.mjs      (after scripts/build.sh)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { foreignRequests, launch, loadSample, openPage, screenshot } from './helpers.mjs';

let b;
let page;

before(async () => {
  b = await launch({ viewport: { width: 1400, height: 1000 } });
  page = b.page;
  await openPage(page, b.server);
  await loadSample(page);
});

after(async () => {
  await b?.close();
});

const GROUPS = ['person', 'org', 'place', 'other'];

test('each entity type has its own toggle, counted, hiding only its highlights', async () => {
  const count = (sel) => page.locator(`#view ${sel}`).count();
  const before = {};
  for (const g of GROUPS) before[g] = await count(`[data-layer=entity][data-group=${g}]`);
  for (const g of ['person', 'org', 'place']) assert.ok(before[g] > 0, `no ${g} highlight in the sample`);
  const counted = await page.evaluate(() => Object.fromEntries(['person', 'org', 'place', 'other'].map((g) => [g, +document.getElementById(`count-${g}`).textContent])));
  const expected = await page.evaluate(() => {
    const groups = { PERSON: 'person', ORG: 'org', GPE: 'place', LOC: 'place', FAC: 'place' };
    const out = { person: 0, org: 0, place: 0, other: 0 };
    for (const e of window.__lastAnalysis.result.entities) if (e.end > e.start) out[groups[e.label] ?? 'other']++;
    return out;
  });
  assert.deepEqual(counted, expected, 'toolbar counts per entity type');
  for (const g of GROUPS) {
    const box = page.locator(`.layers input[data-group=${g}]`);
    await box.uncheck();
    try {
      assert.equal(await count(`[data-group=${g}]`), 0, `${g} still shown`);
      for (const o of GROUPS.filter((x) => x !== g)) assert.equal(await count(`[data-layer=entity][data-group=${o}]`), before[o], `${o} changed with ${g}`);
      assert.ok(await count('[data-layer=quote]') > 0, 'quotations hidden with an entity type');
    } finally {
      await box.check();
    }
  }
});

test('a source explains its kind; a quotation its speaker and cue', async () => {
  const kinds = await page.evaluate(() => window.__lastAnalysis.result.attributions.filter((a) => a.source && a.source_kind).map((a) => a.source_kind));
  assert.ok(kinds.length > 0, 'no classified source in the sample');
  await page.locator('#view [data-part=source][tabindex="0"]').first().focus();
  const line = await page.textContent('#tip p');
  assert.match(line, /^Source .*\((named person|official|state media|news agency|media|international organisation|organisation|document|anonymous source|unclassified)\)/);
  const quoteId = await page.evaluate(() => {
    const { result } = window.__lastAnalysis;
    const i = result.quotes.findIndex((q) => q.attribution != null && result.attributions[q.attribution].cue);
    return i < 0 ? null : `q${i}`;
  });
  assert.ok(quoteId, 'no attributed quotation with a cue in the sample');
  await page.locator(`#view [data-id="${quoteId}"]:not([data-continued])`).focus();
  assert.match(await page.textContent('#tip p'), /speaker “.+”.* · cue “.+”/);
  await page.keyboard.press('Escape');
});

test('choosing an entity marks every mention of it (its cluster)', async () => {
  const cluster = await page.evaluate(() => {
    const { clusters } = window.__lastAnalysis.result;
    let best = -1;
    clusters.forEach((c, i) => {
      if (best < 0 || c.mentions.length > clusters[best].mentions.length) best = i;
    });
    return best < 0 ? null : { index: best, mentions: clusters[best].mentions };
  });
  assert.ok(cluster && cluster.mentions.length >= 2, 'the sample has no entity mentioned twice');
  // Keyboard: focus the second mention and press Enter.
  const second = page.locator(`#view [data-id="e${cluster.mentions[1]}"]:not([data-continued])`);
  await second.focus();
  await page.keyboard.press('Enter');
  const marked = await page.evaluate(() => [...new Set([...document.querySelectorAll('#view .is-chosen')].map((e) => e.dataset.id))].sort());
  assert.deepEqual(marked, cluster.mentions.map((m) => `e${m}`).sort());
  assert.match(await page.textContent('#details'), new RegExp(`${cluster.mentions.length} mentions marked`));
  // The mark is not colour alone: an outline.
  const outline = await page.locator('#view .is-chosen').first().evaluate((e) => getComputedStyle(e).outlineStyle);
  assert.equal(outline, 'solid');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#view .is-chosen').count(), 0, 'Escape does not unmark');
  // Mouse: clicking a mention does the same.
  // A click event on the element (not a simulated pointer: blocks rendered on scroll can move the
  // text between Playwright's scroll and its click, and hit testing is the browser's job).
  await page.locator(`#view [data-id="e${cluster.mentions[0]}"]:not([data-continued])`).dispatchEvent('click');
  assert.equal(await page.locator('#view .is-chosen').count() >= cluster.mentions.length, true);
  await page.keyboard.press('Escape');
});

test('"Who is quoted" lists speakers with direct and paraphrased quotations and word shares', async () => {
  const panel = page.locator('#panel-speakers');
  await panel.scrollIntoViewIfNeeded();
  const speakers = await panel.locator('.speaker').evaluateAll((els) => els.map((e) => ({
    name: e.dataset.speaker, counts: e.querySelector('.speaker-counts').textContent,
    direct: e.querySelectorAll('.said-direct li button').length,
    paraphrased: e.querySelectorAll('.said-paraphrased li button').length,
  })));
  assert.ok(speakers.length >= 2, 'fewer than two speakers');
  const kim = speakers.find((s) => /Kim Yo Jong/.test(s.name));
  assert.ok(kim, `Kim Yo Jong is not among ${speakers.map((s) => s.name)}`);
  assert.ok(kim.paraphrased > 0, 'Kim Yo Jong has no paraphrased claim');
  // Shares of quoted words add up to 100% (or less, for quotations without a speaker).
  const shares = speakers.map((s) => Number(/\((\d+)%\)/.exec(s.counts)[1]));
  const sum = shares.reduce((a, x) => a + x, 0);
  assert.ok(sum <= 100 + speakers.length && sum > 0, `shares add up to ${sum}%`);
  // Every listed quotation is the text of a quotation or attributed content of the analysis.
  const ok = await panel.locator('button[data-target]').evaluateAll((btns) => {
    const { result } = window.__lastAnalysis;
    return btns.every((b) => {
      const id = b.dataset.target;
      const m = /^q(\d+)$/.exec(id);
      if (m) return result.quotes[+m[1]] != null;
      const a = /^a(\d+)-(source|content)$/.exec(id);
      return a != null && result.attributions[+a[1]][a[2]] != null;
    });
  });
  assert.ok(ok, 'a panel item points nowhere');
});

test('"Sources" groups sources by kind with the anonymous share; "Entities" counts mentions', async () => {
  const { kinds, anonymous, summary } = await page.evaluate(() => {
    const { result } = window.__lastAnalysis;
    const kinds = {};
    for (const a of result.attributions) if (a.source) kinds[a.source_kind ?? 'unknown'] = (kinds[a.source_kind ?? 'unknown'] ?? 0) + 1;
    const shown = {};
    for (const g of document.querySelectorAll('#panel-sources .group')) shown[g.dataset.kind] = +g.querySelector('h3 .count').textContent;
    return { kinds: [kinds, shown], anonymous: document.querySelector('#panel-sources [data-figure=anonymous] dd').textContent, summary: result.summary };
  });
  assert.deepEqual(kinds[1], kinds[0], 'sources per kind');
  assert.ok(kinds[0].anonymous > 0, 'the sample has an anonymous source ("multiple government sources")');
  if (summary && Number.isFinite(summary.anonymous_share)) assert.equal(anonymous, `${Math.round(summary.anonymous_share * 100)}%`);
  else assert.match(anonymous, /^[1-9]\d*%$/);

  const mentions = await page.evaluate(() => {
    const { result } = window.__lastAnalysis;
    const b = document.querySelector('#panel-entities button[data-cluster]:not([data-cluster=""])');
    const c = result.clusters[+b.dataset.cluster];
    return { shown: b.querySelector('.count').textContent, want: `×${c.mentions.length}`, name: b.querySelector('.item-name').textContent, canonical: c.canonical };
  });
  assert.equal(mentions.shown, mentions.want, 'mention count');
  assert.equal(mentions.name, mentions.canonical);
  await screenshot(page.locator('.panels'), 'panels');
});

test('choosing a panel item scrolls the text to it and focuses it', async () => {
  // The last source in the panel is far down the article.
  const btn = page.locator('#panel-sources button[data-target]').last();
  const id = await btn.getAttribute('data-target');
  await page.evaluate(() => { document.getElementById('view').scrollTop = 0; });
  await btn.click();
  const state = await page.evaluate((target) => {
    const el = document.querySelector(`#view [data-id="${target}"]:not([data-continued])`);
    const v = document.getElementById('view').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return { focused: document.activeElement === el, visible: r.top >= v.top && r.bottom <= v.bottom, scrolled: document.getElementById('view').scrollTop };
  }, id);
  assert.ok(state.focused, 'the highlight is not focused');
  assert.ok(state.visible, 'the highlight is not scrolled into view');
  // Choosing an entity from the Entities panel marks its mentions; a hidden layer is shown.
  await page.locator('.layers input[data-group=person]').uncheck();
  const person = page.locator('#panel-entities [data-group=person] button[data-target]').first();
  await person.click();
  assert.ok(await page.locator('.layers input[data-group=person]').isChecked(), 'the layer was not shown again');
  assert.ok(await page.locator('#view .is-chosen').count() > 0, 'no mention marked');
  await page.keyboard.press('Escape');
});

test('reading view screenshot; nothing stored, no foreign request, no error', async () => {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('#view [data-layer=quote][tabindex="0"]').first().evaluate((el) => {
    el.scrollIntoView({ block: 'center' });
    window.scrollTo(0, 0);
    el.focus({ preventScroll: true });
  });
  await screenshot(page, 'reading');
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '' });
  assert.deepEqual(foreignRequests(b.requests, b.server), []);
  assert.deepEqual(b.errors, []);
});

// The comparison of two versions: the pure functions of www/lib/compare.js in Node (word diff,
// similarity, alignment on hand-made analyses), then the page's "Compare two versions" on the
// two sample texts in headless Chromium. Writes docs/screenshots/compare.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareAnalyses, similarity, wordDiff } from '../../www/lib/compare.js';
import { foreignRequests, screenshot, usePage } from './helpers.mjs';

/** A minimal analysis of `text` with attributions given as [source, cue, content] strings. */
function analysis(text, attrs, entities = []) {
  const span = (s) => {
    if (!s) return null;
    const start = text.indexOf(s);
    assert.ok(start >= 0, `${s} not in text`);
    return { start, end: start + s.length, text: s };
  };
  return {
    entities: entities.map(([t, label]) => ({ ...span(t), label, cluster: null, confidence: 1 })),
    quotes: [],
    attributions: attrs.map(([source, cue, content, kind = 'official']) => ({ source: span(source), cue: span(cue), content: span(content), source_kind: kind, speaker: null, via: null })),
    clusters: [], furniture: [], offsets: 'utf16',
  };
}

test('wordDiff: joins back into both texts and marks only the changed words', () => {
  const cases = [
    ['tactical weapons such as rockets were not for export', 'developing weapons were not for export', ['tactical', 'such as rockets'], ['developing']],
    ['same words', 'same words', [], []],
    ['', 'new text', [], ['new text']],
    ['Old, text.', 'Old text.', [','], []],
  ];
  for (const [a, b, dels, inss] of cases) {
    const d = wordDiff(a, b);
    assert.equal(d.filter((x) => x.op !== 'ins').map((x) => x.text).join(''), a, `rebuilds ${a}`);
    assert.equal(d.filter((x) => x.op !== 'del').map((x) => x.text).join(''), b, `rebuilds ${b}`);
    assert.deepEqual(d.filter((x) => x.op === 'del').map((x) => x.text.trim()), dels, `deleted in ${a}`);
    assert.deepEqual(d.filter((x) => x.op === 'ins').map((x) => x.text.trim()), inss, `inserted in ${b}`);
  }
});

test('similarity: Dice over words, case-insensitive', () => {
  assert.equal(similarity('The cat sat', 'the CAT sat'), 1);
  assert.equal(similarity('a b', 'c d'), 0);
  assert.equal(similarity('a b c d', 'a b x y'), 0.5);
  assert.equal(similarity('', ''), 1);
});

test('compareAnalyses: dropped, added, reworded (words, speaker, verb) and unchanged', () => {
  const A = 'The ministry said troops moved north. Police said the road was closed. The mayor said taxes will rise next year. Acme Corp reported profits.';
  const B = 'The ministry said troops moved north. Police claimed the road was closed. The governor said taxes will rise sharply next year. Officials said schools reopen.';
  const a = analysis(A, [
    ['The ministry', 'said', 'troops moved north'], ['Police', 'said', 'the road was closed'],
    ['The mayor', 'said', 'taxes will rise next year'], ['Acme Corp', 'reported', 'profits', 'organization'],
  ], [['Acme Corp', 'ORG'], ['Police', 'ORG']]);
  const b = analysis(B, [
    ['The ministry', 'said', 'troops moved north'], ['Police', 'claimed', 'the road was closed'],
    ['The governor', 'said', 'taxes will rise sharply next year'], ['Officials', 'said', 'schools reopen'],
  ], [['Police', 'ORG']]);
  const cmp = compareAnalyses(A, a, B, b);
  const rows = cmp.rows.map((r) => [r.status, r.a?.phrase ?? null, r.b?.phrase ?? null, r.changes.join(',')]);
  assert.deepEqual(rows, [
    ['unchanged', 'The ministry', 'The ministry', ''],
    ['reworded', 'Police', 'Police', 'verb'],
    ['reworded', 'The mayor', 'The governor', 'words,speaker'],
    // Added rows follow the row that precedes them in the revision.
    ['added', null, 'Officials', ''],
    ['dropped', 'Acme Corp', null, ''],
  ]);
  const diff = cmp.rows[2].diff;
  assert.deepEqual(diff.filter((d) => d.op === 'del'), []);
  assert.deepEqual(diff.filter((d) => d.op === 'ins').map((d) => d.text.trim()), ['sharply']);
  assert.deepEqual(cmp.entitiesGone.map((e) => e.name), ['Acme Corp']);
  assert.deepEqual([cmp.dropped, cmp.added, cmp.reworded, cmp.unchanged], [1, 1, 2, 1]);
});

let b;
let page;
usePage({ viewport: { width: 1300, height: 1000 } }, (launched) => {
  b = launched;
  page = launched.page;
});

test('the two sample versions: dropped Dong-A Ilbo and defence ministry sourcing, reworded weapons claim', async () => {
  await page.click('#compare-demo');
  await page.waitForFunction(() => document.body.dataset.compare === 'ready', null, { timeout: 30_000 });
  const cmp = await page.evaluate(() => window.__lastComparison);
  const dropped = cmp.rows.filter((r) => r.status === 'dropped').map((r) => `${r.a.phrase} ${r.a.cue} ${r.a.said}`);
  assert.ok(dropped.some((s) => /Dong-A Ilbo/.test(s)), `Dong-A Ilbo sourcing not dropped: ${dropped.join(' | ')}`);
  assert.ok(dropped.some((s) => /defence ministry/.test(s)), `defence ministry sourcing not dropped: ${dropped.join(' | ')}`);
  const weapons = cmp.rows.find((r) => r.status === 'reworded' && /weapons/.test(r.a.said) && /Kim Yo Jong/.test(`${r.a.source} ${r.a.phrase}`));
  assert.ok(weapons, "Kim Yo Jong's claim about the weapons is not reworded");
  assert.ok(weapons.changes.includes('words'));
  const ins = weapons.diff.filter((d) => d.op === 'ins').map((d) => d.text).join(' ');
  const del = weapons.diff.filter((d) => d.op === 'del').map((d) => d.text).join(' ');
  assert.match(ins, /developing/);
  assert.match(del, /tactical/);
  assert.ok(cmp.entitiesGone.some((e) => e.name === 'Dong-A Ilbo'), `entities gone: ${cmp.entitiesGone.map((e) => e.name)}`);
  // Every entity said to be gone is absent from the revision's text.
  const revised = await page.inputValue('#revised');
  for (const e of cmp.entitiesGone) assert.ok(!revised.toLowerCase().includes(e.name.toLowerCase()), `${e.name} is in the revision`);

  // Side by side in the page: the reworded row shows <del> on the left and <ins> on the right.
  const row = page.locator('.compare-table tr[data-status=reworded]').filter({ hasText: 'developing' });
  assert.equal(await row.count(), 1);
  assert.match(await row.locator('td.side-a del').allTextContents().then((t) => t.join(' ')), /tactical/);
  assert.match(await row.locator('td.side-b ins').allTextContents().then((t) => t.join(' ')), /developing/);
  assert.equal(await row.locator('td.side-a ins, td.side-b del').count(), 0);
  assert.ok(await page.locator('.compare-table tr[data-status=dropped]').filter({ hasText: 'Dong-A Ilbo' }).count() >= 1);
  // Unchanged rows are hidden until asked for.
  const unchanged = page.locator('.compare-table tr[data-status=unchanged]');
  if (await unchanged.count()) {
    assert.equal(await unchanged.first().isVisible(), false);
    await page.check('#show-unchanged');
    assert.equal(await unchanged.first().isVisible(), true);
    await page.uncheck('#show-unchanged');
  }
  await screenshot(page.locator('#compare'), 'compare');
  assert.deepEqual(foreignRequests(b.requests, b.server), []);
  assert.deepEqual(b.errors, []);
});

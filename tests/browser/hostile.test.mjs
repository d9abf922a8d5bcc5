// Hostile input in the page: a 20 MB paste either completes in the worker (the whole text in the
// reading view) or the status says clearly why not; meanwhile the page never freezes: a
// requestAnimationFrame heartbeat keeps ticking. Prints the figures measured.
//
// The bound on the largest gap between two frames is generous (GAP_LIMIT_MS, default 2000 ms)
// because this machine's two cores are shared; the time to finish is bounded by FINISH_MS
// (default 300 s).
//
// Opt-in (it takes minutes): AA_HOSTILE_20MB=1 node --test tests/browser/hostile.test.mjs
// (scripts/bench.sh runs it). Measured 2026-11-22 on the loaded two-core machine: not finished
// after 300 s and no message: see docs/BENCHMARKS.md.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { foreignRequests, launch, openPage } from './helpers.mjs';

const GAP_LIMIT = Number(process.env.GAP_LIMIT_MS ?? 2000);
const FINISH = Number(process.env.FINISH_MS ?? 300_000);

let b;
before(async () => {
  b = await launch();
  await openPage(b.page, b.server);
});
after(async () => {
  await b?.close();
});

const SKIP = !process.env.AA_HOSTILE_20MB && 'takes minutes: set AA_HOSTILE_20MB=1 (scripts/bench.sh does)';

test('a 20 MB paste completes or says why not, and the page keeps painting', { skip: SKIP, timeout: FINISH + 60_000 }, async () => {
  const { page, server } = b;
  const size = await page.evaluate(async () => {
    const sample = await fetch('./sample.txt').then((r) => r.text());
    const parts = [];
    let n = 0;
    for (let i = 0; n < 20_000_000; i++) {
      const s = `${sample.replace('Kim Yo Jong', `Kim Yo Jong (${i})`)}\n\n`;
      parts.push(s);
      n += s.length;
    }
    window.__big = parts.join('');
    // The heartbeat: the time of every animation frame.
    window.__frames = [];
    const beat = (t) => {
      window.__frames.push(t);
      if (!window.__stopBeat) requestAnimationFrame(beat);
    };
    requestAnimationFrame(beat);
    window.__t0 = performance.now();
    const area = document.getElementById('article');
    area.value = window.__big;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    return window.__big.length;
  });
  const outcome = await page.waitForFunction(() => {
    const state = document.body.dataset.state;
    const status = document.getElementById('status')?.textContent ?? '';
    if (window.__lastAnalysis?.text === window.__big && state === 'ready') return { done: true, status };
    if (state === 'error' || /error|too (large|long)|out of memory|could not|failed/i.test(status)) return { done: false, status };
    return null;
  }, null, { timeout: FINISH, polling: 250 }).then((h) => h.jsonValue(), () => null);
  const figures = await page.evaluate(() => {
    window.__stopBeat = true;
    const f = window.__frames;
    let gap = 0;
    for (let i = 1; i < f.length; i++) gap = Math.max(gap, f[i] - f[i - 1]);
    const view = document.getElementById('view');
    return { ms: performance.now() - window.__t0, frames: f.length, gap, same: view.textContent === window.__big };
  });
  const status = await page.evaluate(() => document.getElementById('status')?.textContent ?? '');
  console.log(`20 MB paste (${size} UTF-16 units): ${outcome ? (outcome.done ? 'completed' : 'refused') : 'NEITHER finished nor refused'} after ${(figures.ms / 1000).toFixed(1)} s; ` +
    `${figures.frames} frames, largest gap ${Math.round(figures.gap)} ms; status "${status.trim()}"`);
  assert.ok(figures.gap <= GAP_LIMIT, `largest gap between frames ${Math.round(figures.gap)} ms > ${GAP_LIMIT} ms`);
  assert.ok(outcome, `neither finished nor explained after ${FINISH / 1000} s (status: ${status.trim()})`);
  if (outcome.done) assert.ok(figures.same, 'the whole 20 MB text is in the reading view');
  else assert.ok(outcome.status.trim().length > 10, 'the status explains why the paste was not analysed');
  assert.ok(figures.frames > 10, 'frames kept coming');
  assert.deepEqual(foreignRequests(b.requests, server), []);
  assert.deepEqual(b.errors, []);
});

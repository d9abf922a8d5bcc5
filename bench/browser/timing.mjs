// Headless-Chromium timings of the page (www/index.html served locally), printed:
//   1. from navigation start to the analyzer ready, and to the sample article highlighted
//      (the "Try the sample" button pressed as soon as the page is ready);
//   2. a 1 MB paste (the sample repeated): from the input event to the whole text rendered.
// Each measured --runs times (default 3) in a fresh page; the median is printed.
//
//   node bench/browser/timing.mjs [--runs 3] [--json FILE]
// Needs www/pkg (scripts/build.sh) and Chromium (CHROMIUM, default /usr/bin/chromium).

import { writeFileSync } from 'node:fs';
import { launch, openPage, waitForAnalysis } from '../../tests/browser/helpers.mjs';

const args = process.argv.slice(2);
const arg = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const runs = Number(arg('runs', 3));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const b = await launch();
const ready = [];
const sample = [];
const paste = [];
try {
  for (let i = 0; i < runs; i++) {
    await b.page.goto(`${b.server.url}/?run=${i}`);
    await b.page.waitForFunction(() => document.body.dataset.state === 'ready', null, { polling: 'raf' });
    ready.push(await b.page.evaluate(() => performance.now()));
    await b.page.click('#sample');
    await b.page.waitForFunction(() => document.querySelector('#view span[data-id]') !== null && document.body.dataset.state === 'ready', null, { polling: 'raf' });
    sample.push(await b.page.evaluate(() => performance.now()));

    const text = await b.page.evaluate(async () => {
      const s = await fetch('./sample.txt').then((r) => r.text());
      let big = '';
      for (let k = 0; big.length < 1_000_000; k++) big += `${s.replace('Kim Yo Jong', `Kim Yo Jong (${k})`)}\n\n`;
      window.__big = big;
      return big;
    });
    await b.page.evaluate(() => {
      window.__pasteT0 = performance.now();
      const area = document.getElementById('article');
      area.value = window.__big;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    });
    await waitForAnalysis(b.page, text, 120_000);
    paste.push(await b.page.evaluate(() => performance.now() - window.__pasteT0));
  }
} finally {
  await b.close();
}
const out = { runs, readyMs: median(ready), sampleHighlightedMs: median(sample), paste1MbMs: median(paste) };
console.log(`page load -> analyzer ready: ${out.readyMs.toFixed(0)} ms (median of ${runs})`);
console.log(`page load -> sample highlighted: ${out.sampleHighlightedMs.toFixed(0)} ms`);
console.log(`1 MB paste -> analysed and rendered: ${out.paste1MbMs.toFixed(0)} ms`);
const json = arg('json', null);
if (json) writeFileSync(json, JSON.stringify(out, null, 2));

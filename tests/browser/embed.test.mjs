// The embeddable module (www/article-analyzer.js) on its example page (www/embed.html, strict
// CSP): analyze(), highlight() annotating an article in place and clear() restoring its DOM
// exactly, and the <article-analyzer> element (shadow DOM, its own stylesheet, panels). Also
// checks the npm package layout (www/package.json). Writes docs/screenshots/embed.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foreignRequests, launch, ROOT, screenshot } from './helpers.mjs';

let b;
let page;
before(async () => {
  b = await launch({ viewport: { width: 1200, height: 1000 } });
  page = b.page;
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${b.server.url}embed.html`);
  await page.waitForFunction(() => customElements.get('article-analyzer') && document.querySelector('article-analyzer').getAttribute('state') === 'ready', null, { timeout: 30_000 });
});
after(async () => {
  await b?.close();
});

test('analyze(text) resolves to the JSON contract, as the wasm module gives it', async () => {
  const r = await page.evaluate(async () => {
    const m = await import('./article-analyzer.js');
    const text = '“We will not back down,” the minister told Reuters on Tuesday.';
    const a = await m.analyze(text);
    const { default: init, analyze } = await import('./pkg/article_analyzer.js');
    await init();
    let thrown = null;
    try {
      await m.analyze(42);
    } catch (e) {
      thrown = e instanceof TypeError;
    }
    return { same: JSON.stringify(a) === JSON.stringify(analyze(text)), quotes: a.quotes.length, thrown };
  });
  assert.deepEqual(r, { same: true, quotes: 1, thrown: true });
});

test('highlight() wraps the article\'s text in marks in place; clear() restores the DOM exactly', async () => {
  const before = await page.evaluate(() => {
    const story = document.getElementById('story');
    window.__originalNodes = [];
    const w = document.createTreeWalker(story, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) window.__originalNodes.push(n);
    return { html: story.innerHTML, text: story.textContent };
  });
  await page.click('#do-highlight');
  await page.waitForFunction(() => document.body.dataset.highlighted === 'yes');
  const on = await page.evaluate(async () => {
    const story = document.getElementById('story');
    const { textOf } = await import('./article-analyzer.js');
    const marks = [...story.querySelectorAll('mark.aa-hl')];
    return {
      text: story.textContent,
      marks: marks.length,
      layers: [...new Set(marks.map((m) => m.dataset.aaLayer))].sort(),
      titled: marks.every((m) => m.title.length > 0),
      // The article's own markup is kept: the <em> and <strong> are still there, marks inside.
      em: story.querySelector('h3 em')?.textContent, strong: story.querySelector('strong')?.textContent,
      // Paragraphs are separate for the analyzer.
      paragraphs: textOf(story).text.split(/\n\s*\n/).filter((x) => x.trim()).length,
      kim: marks.filter((m) => m.dataset.aaLayer === 'person' && /Kim Yo Jong/.test(m.textContent)).length,
      quote: marks.some((m) => m.classList.contains('aa-quote') && /most absurd theory/.test(m.textContent)),
      source: marks.some((m) => m.classList.contains('aa-source') && /defence ministry/.test(m.textContent)),
      styles: !!document.querySelector('link[data-article-analyzer]'),
    };
  });
  assert.equal(on.text, before.text, 'highlighting changed the text');
  assert.ok(on.marks > 10, `only ${on.marks} marks`);
  assert.deepEqual(on.layers, ['org', 'person', 'place', 'quote', 'source'].filter((l) => on.layers.includes(l)));
  assert.ok(!on.layers.includes('other'), 'the "other" layer was not asked for');
  assert.ok(on.titled, 'a mark without a description');
  assert.match(on.em, /KCNA/);
  assert.match(on.strong, /most absurd theory/);
  assert.equal(on.paragraphs, 4);
  assert.ok(on.kim >= 1, 'Kim Yo Jong not marked as a person');
  assert.ok(on.quote, 'the quotation is not marked');
  assert.ok(on.source, 'the defence ministry is not marked as a source');
  assert.ok(on.styles, 'no stylesheet link');
  await screenshot(page, 'embed');

  await page.click('#do-clear');
  const off = await page.evaluate(() => {
    const story = document.getElementById('story');
    const nodes = [];
    const w = document.createTreeWalker(story, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) nodes.push(n);
    return {
      html: story.innerHTML,
      sameNodes: nodes.length === window.__originalNodes.length && nodes.every((n, i) => n === window.__originalNodes[i]),
      marks: story.querySelectorAll('mark').length,
    };
  });
  assert.equal(off.html, before.html, 'clear() did not restore the markup');
  assert.ok(off.sameNodes, 'clear() did not put back the original text nodes');
  assert.equal(off.marks, 0);
  // Again, twice in a row: highlight() clears its own earlier annotation first.
  const twice = await page.evaluate(async () => {
    const { highlight, clear } = await import('./article-analyzer.js');
    const story = document.getElementById('story');
    const html = story.innerHTML;
    const a = await highlight(story);
    const b2 = await highlight(story);
    const after2 = story.querySelectorAll('mark.aa-hl').length;
    clear(story);
    return { same: a.marks === b2.marks && after2 >= a.marks, restored: story.innerHTML === html, cleared: clear(story) };
  });
  assert.deepEqual(twice, { same: true, restored: true, cleared: false });
});

test('highlight() on hostile markup: text stays text, scripts and inputs are skipped', async () => {
  const r = await page.evaluate(async () => {
    const { highlight, clear, textOf } = await import('./article-analyzer.js');
    const div = document.createElement('div');
    const p = document.createElement('p');
    p.append('“<img src=x onerror=alert(1)>,” Kim Yo Jong said in Seoul.');
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.textContent = 'not article text';
    const input = document.createElement('textarea');
    input.value = 'nor this';
    div.append(p, script, input);
    document.body.append(div);
    const html = div.innerHTML;
    const { text } = textOf(div);
    await highlight(div);
    const res = { text, imgs: div.querySelectorAll('img').length, marks: div.querySelectorAll('mark').length };
    clear(div);
    res.restored = div.innerHTML === html;
    div.remove();
    return res;
  });
  assert.equal(r.text, '“<img src=x onerror=alert(1)>,” Kim Yo Jong said in Seoul.');
  assert.equal(r.imgs, 0);
  assert.ok(r.marks > 0);
  assert.ok(r.restored);
});

test('<article-analyzer>: the whole tool in a shadow root, its own stylesheet, no inline style', async () => {
  const tool = page.locator('#tool');
  await tool.scrollIntoViewIfNeeded();
  const r = await page.evaluate(async () => {
    const el = document.getElementById('tool');
    const root = el.shadowRoot;
    const sample = await fetch('./sample.txt').then((res) => res.text());
    return {
      value: el.value === sample,
      analysis: el.analysis?.quotes.length > 0,
      link: root.querySelector('link[rel=stylesheet]')?.getAttribute('href')?.endsWith('/article-analyzer.css'),
      styleElements: root.querySelectorAll('style').length,
      view: root.querySelector('.aa-view').textContent === sample,
      highlights: root.querySelectorAll('.aa-view .hl').length,
      panels: [...root.querySelectorAll('.aa-panel > h2')].map((h) => h.textContent),
      speakers: root.querySelectorAll('.aa-panel-speakers .speaker').length,
      hostStyled: getComputedStyle(el).borderTopStyle,
    };
  });
  assert.deepEqual(r.panels, ['Who is quoted', 'Sources', 'Entities']);
  assert.ok(r.value && r.analysis && r.link && r.view, JSON.stringify(r));
  assert.equal(r.styleElements, 0);
  assert.ok(r.highlights > 20 && r.speakers > 0);
  assert.equal(r.hostStyled, 'solid', 'the element\'s stylesheet did not apply');
  // Its layer toggles and a panel item work inside the shadow root.
  const people = page.locator('#tool .aa-layers input[data-layer=person]');
  await people.uncheck();
  assert.equal(await page.locator('#tool .aa-view [data-group=person]').count(), 0);
  await page.locator('#tool .aa-panel-entities [data-group=person] button').first().click();
  assert.ok(await people.isChecked());
  assert.ok(await page.locator('#tool .aa-view .is-chosen').count() > 0);
  // Setting `value` re-analyses and fires an `analysis` event.
  const fired = await page.evaluate(() => new Promise((resolve) => {
    const el = document.getElementById('tool');
    el.addEventListener('analysis', (e) => resolve(e.detail.entities.length), { once: true });
    el.value = 'Angela Merkel said in Berlin on Monday that talks would resume.';
  }));
  assert.ok(fired > 0);
  await page.evaluate(() => fetch('./sample.txt').then((res) => res.text()).then((t) => { document.getElementById('tool').value = t; }));
  await page.waitForFunction(() => document.getElementById('tool').getAttribute('state') === 'ready' && document.getElementById('tool').analysis.quotes.length > 0);
  await tool.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'element.png') });
});

test('the page under its strict CSP: no violation, no foreign request, no error', async () => {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(foreignRequests(b.requests, b.server), []);
  assert.deepEqual(b.errors, []);
});

test('npm package layout: exports, types and files that exist', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'www', 'package.json'), 'utf8'));
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.exports['.'].import, './article-analyzer.js');
  assert.equal(pkg.exports['.'].types, './article-analyzer.d.ts');
  assert.equal(pkg.types, './article-analyzer.d.ts');
  for (const target of Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))) {
    if (!target.includes('*')) assert.ok(existsSync(join(ROOT, 'www', target)), `${target} missing`);
  }
  for (const f of pkg.files) if (!f.includes('*')) assert.ok(existsSync(join(ROOT, 'www', f)), `${f} missing`);
  // Every module the entry point imports (transitively) is in "files".
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const src = readFileSync(join(ROOT, 'www', rel), 'utf8');
    for (const m of src.matchAll(/(?:import|from)\s*\(?\s*'(\.[^']+\.js)'/g)) {
      const next = join(rel, '..', m[1]).replace(/^\.\//, '');
      if (!next.startsWith('pkg/')) visit(next);
    }
  };
  visit('article-analyzer.js');
  visit('lib/worker.js');
  const covered = (f) => pkg.files.some((p) => p === f || (p.endsWith('/') && f.startsWith(p)) || (p.endsWith('/*') && f.startsWith(p.slice(0, -1))));
  for (const f of seen) assert.ok(covered(f), `${f} is not in "files"`);
  const dts = readFileSync(join(ROOT, 'www', 'article-analyzer.d.ts'), 'utf8');
  for (const name of ['analyze', 'highlight', 'clear', 'ArticleAnalyzerElement', "'article-analyzer'"]) assert.ok(dts.includes(name), `${name} not typed`);
});

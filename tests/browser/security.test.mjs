// XSS: a corpus of payloads is pasted into the page's textarea and passed to highlight() (embed.html).
// Nothing executes (no dialog, no `window.__xss` set, no page error), no request is made, the
// payload stays text: the reading view / the highlighted element hold only the highlight wrappers
// (no other element type, no event-handler, href or src attribute) and their text is the payload,
// exactly. Also: the CSP is present on both pages and blocks an inline handler injected on purpose.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitForAnalysis } from './helpers.mjs';

/** Each payload tries to set window.__xss or open a dialog if it ever runs. */
const PAYLOADS = [
  '<script>window.__xss = 1; alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<script src="data:text/javascript,window.__xss=1"></script>',
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<img src="javascript:window.__xss=1">',
  '<svg onload=window.__xss=1>',
  '<svg><script>window.__xss=1</script></svg>',
  '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
  '<body onload=window.__xss=1>',
  '<iframe src="javascript:parent.__xss=1"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<a href="javascript:window.__xss=1">click “me”, he said</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<template><img src=x onerror=window.__xss=1></template>',
  '<style>@import "https://evil.example/x.css"; body{background:url(https://evil.example/b)}</style>',
  '<div style="background:url(javascript:window.__xss=1)">Kim said</div>',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<form action="https://evil.example"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<input autofocus onfocus=window.__xss=1>',
  '<details open ontoggle=window.__xss=1>',
  '<video><source onerror="window.__xss=1"></video>',
  '<marquee onstart=window.__xss=1>Reuters</marquee>',
  '"><script>window.__xss=1</script>',
  "'-alert(1)-'",
  '${alert(1)}{{constructor.constructor("window.__xss=1")()}}',
  '\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e',
  '\u003cimg src=x onerror=window.__xss=1\u003e',
  '&lt;script&gt;window.__xss=1&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;',
  '%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '<img src=x onerror=&#119;indow.__xss=1>',
  '＜script＞window.__xss=1＜/script＞',
  '<!--<img src="--><img src=x onerror=window.__xss=1//">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<x contenteditable onfocus=window.__xss=1 autofocus>',
];

/** A news sentence around the payload, so that highlights land next to and across it. */
const wrap = (p) => `SEOUL (Reuters) - Kim Yo Jong said “${p}” on Friday, according to KCNA. ${p}`;

let b;
before(async () => {
  b = await launch();
});
after(async () => {
  await b?.close();
});

/** Installs the probes: CSP violations recorded, `__xss` unset. */
const probe = (page) => page.evaluate(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  delete window.__xss;
});

test('payloads pasted into the page stay text in the reading view', async () => {
  const { page, server } = b;
  await openPage(page, server);
  await probe(page);
  const before = b.requests.length;
  for (const payload of PAYLOADS) {
    const text = wrap(payload);
    await page.evaluate((t) => {
      const area = document.getElementById('article');
      area.value = t;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, text);
    await waitForAnalysis(page, text);
    const seen = await page.evaluate(() => {
      const view = document.getElementById('view');
      const tags = new Set([...view.querySelectorAll('*')].map((e) => e.tagName));
      const attrs = new Set([...view.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)));
      return { text: view.textContent, tags: [...tags], attrs: [...attrs], xss: window.__xss, violations: window.__violations };
    });
    assert.equal(seen.text, text, `text preserved for ${payload}`);
    assert.deepEqual(seen.tags.filter((t) => !['DIV', 'SPAN'].includes(t)), [], `only highlight wrappers for ${payload}`);
    assert.deepEqual(seen.attrs.filter((a) => /^on|^(href|src|srcdoc|style|action|formaction)$/i.test(a)), [], `no dangerous attribute for ${payload}`);
    assert.equal(seen.xss, undefined, `nothing executed for ${payload}`);
    assert.deepEqual(seen.violations, [], `no CSP violation (nothing even tried) for ${payload}`);
  }
  assert.deepEqual(b.dialogs, []);
  assert.deepEqual(b.errors, []);
  assert.deepEqual(b.requests.slice(before), [], 'no request while analysing the payloads');
});

test('payloads passed to highlight() stay text: only <mark> wrappers are added', async () => {
  const { page, server } = b;
  await page.goto(`${server.url}/embed.html`);
  await probe(page);
  const before = b.requests.length;
  for (const payload of PAYLOADS) {
    const text = wrap(payload);
    const seen = await page.evaluate(async (t) => {
      const { highlight } = await import('./article-analyzer.js');
      const story = document.getElementById('story');
      story.replaceChildren();
      const p = document.createElement('p');
      p.textContent = t;
      story.append(p);
      const { marks } = await highlight(story);
      const els = [...story.querySelectorAll('*')];
      return {
        text: p.textContent,
        marks: Array.isArray(marks) ? marks.length : marks,
        tags: [...new Set(els.map((e) => e.tagName))],
        attrs: [...new Set(els.flatMap((e) => [...e.attributes].map((a) => a.name)))],
        xss: window.__xss,
        violations: window.__violations,
      };
    }, text);
    assert.equal(seen.text, text, `text preserved for ${payload}`);
    assert.deepEqual(seen.tags.filter((t) => !['P', 'MARK'].includes(t)), [], `only <mark> wrappers for ${payload}`);
    assert.deepEqual(seen.attrs.filter((a) => /^on|^(href|src|srcdoc|style|action|formaction)$/i.test(a)), [], `no dangerous attribute for ${payload}`);
    assert.ok(seen.tags.includes('MARK'), `highlighted around ${payload}`);
    assert.equal(seen.xss, undefined, `nothing executed for ${payload}`);
    assert.deepEqual(seen.violations, [], `no CSP violation for ${payload}`);
  }
  assert.deepEqual(b.dialogs, []);
  assert.deepEqual(b.errors, []);
  const foreign = b.requests.slice(before).filter((u) => !u.startsWith(server.url));
  assert.deepEqual(foreign, [], 'no request off the page origin');
});

test('the CSP is in force: an inline handler injected on purpose is blocked', async () => {
  const { page, server } = b;
  for (const path of ['/', '/embed.html']) {
    await page.goto(server.url + path);
    await probe(page);
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
    const seen = await page.evaluate(async () => {
      const d = document.createElement('div');
      d.innerHTML = '<img src="data:," onerror="window.__xss=1"><a id="__js" href="javascript:window.__xss=2">x</a>';
      document.body.append(d);
      const s = document.createElement('script');
      s.textContent = 'window.__xss = 3';
      document.body.append(s);
      document.getElementById('__js').click();
      await new Promise((r) => setTimeout(r, 300));
      let evalBlocked = false;
      try { (0, eval)('1'); } catch { evalBlocked = true; }
      return { xss: window.__xss, violations: window.__violations.length, evalBlocked };
    });
    assert.equal(seen.xss, undefined, `${path}: injected script ran`);
    assert.ok(seen.violations >= 1, `${path}: the CSP reported the blocked script`);
    assert.ok(seen.evalBlocked, `${path}: eval is blocked`);
  }
});

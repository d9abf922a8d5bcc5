// article-analyzer: the embeddable module. One script tag puts the analyzer into any page:
//
//   <script type="module" src="/article-analyzer/article-analyzer.js"></script>
//   <article-analyzer src="story.txt"></article-analyzer>
//
// or, from a module script:
//
//   import { analyze, highlight, clear } from './article-analyzer.js';
//   const result = await analyze(text);                    // the JSON contract (types.d.ts)
//   await highlight(document.querySelector('article'));    // annotates the article in place
//   clear(document.querySelector('article'));              // restores its original DOM exactly
//
// Analysis runs in a module worker (lib/worker.js) loading the wasm, all from this package's own
// files: no request elsewhere, no inline script or style (a strict CSP works), nothing stored.

import { sharedClient } from './lib/client.js';
import { collectRecords, describe, recordOf, RANK } from './lib/model.js';
import { renderInto } from './lib/render.js';
import { entitiesPanel, sourcesPanel, speakersPanel } from './lib/panels.js';

/** @typedef {import('./types').Analysis} Analysis */

/** The layers `highlight` and the element know. */
export const LAYERS = ['person', 'org', 'place', 'other', 'quote', 'source'];
const CSS_URL = new URL('./article-analyzer.css', import.meta.url).href;
/** The highlight styles alone, for host documents (no other class names leak into the page). */
const MARKS_CSS_URL = new URL('./highlights.css', import.meta.url).href;

/**
 * Analyses `text` in the worker; resolves to the analysis (UTF-16 offsets into `text`).
 * @param {string} text
 * @returns {Promise<Analysis>}
 */
export async function analyze(text) {
  return (await sharedClient().analyze(text)).result;
}

/** The analyzer's version. */
export const version = () => sharedClient().version();

// ---- highlight(): annotating an existing element in place ------------------------------------

/** Elements whose text is not article text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'BUTTON', 'SVG', 'MATH', 'IFRAME', 'OBJECT']);
/** Elements that end a paragraph (the analyzer sees a blank line between them). */
const BLOCK = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN', 'NAV', 'FIGURE', 'FIGCAPTION', 'PRE', 'TABLE', 'TR', 'TD', 'TH', 'DD', 'DT', 'DL', 'HR', 'BR', 'ADDRESS']);

/** What highlight() changed in each element: the original text nodes and what replaced them. */
const annotated = new WeakMap();

/** The nearest block ancestor of `node` inside `root` (or root). */
function blockOf(node, root) {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) if (BLOCK.has(el.tagName)) return el;
  return root;
}

/**
 * The text of `root` as the analyzer should see it, and its text nodes with their offsets in it:
 * text nodes in document order, with a blank line wherever a block element (or <br>) separates
 * two of them. Text inside scripts, styles, form controls and earlier highlights is skipped.
 */
export function textOf(root) {
  const nodes = [];
  let text = '';
  let lastBlock = null;
  let lastNode = null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => (n.nodeType === 1 && SKIP.has(n.tagName.toUpperCase()) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let sawBreak = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 1) {
      if (n.tagName === 'BR' || n.tagName === 'HR') sawBreak = true;
      continue;
    }
    if (!n.data) continue;
    const block = blockOf(n, root);
    if (lastNode && (block !== lastBlock || sawBreak) && !/\n\s*\n\s*$/.test(text)) text += '\n\n';
    nodes.push({ node: n, start: text.length, end: text.length + n.data.length });
    text += n.data;
    lastBlock = block;
    lastNode = n;
    sawBreak = false;
  }
  return { text, nodes };
}

/** Makes sure the highlight styles are in `doc` (a <link> to this package's highlights.css). */
function ensureStylesheet(doc) {
  if (doc.querySelector(`link[data-article-analyzer]`)) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = MARKS_CSS_URL;
  link.setAttribute('data-article-analyzer', '');
  doc.head.append(link);
}

/** The <mark> of one piece of a highlight. */
function markFor(rec, result, piece) {
  const m = document.createElement('mark');
  const item = recordOf(result, rec.id);
  let cls = `aa-hl aa-${rec.part === 'entity' ? 'ent' : rec.part}`;
  if (rec.part === 'entity') cls += ` ent-${item.item.label}`;
  if (rec.part === 'quote') cls += ` aa-quote-${item.item.kind}`;
  m.className = cls;
  m.setAttribute('data-aa-id', rec.id);
  m.setAttribute('data-aa-layer', rec.part === 'entity' ? rec.group : rec.layer);
  if (rec.part === 'entity') {
    m.setAttribute('data-aa-label', item.item.label);
    if (item.item.cluster != null) m.setAttribute('data-aa-cluster', item.item.cluster);
  }
  if (piece > 0) m.setAttribute('data-aa-continued', piece);
  m.title = describe(result, item);
  return m;
}

/**
 * Annotates `element` in place: wraps the text of every entity, quotation and attribution part
 * in <mark class="aa-hl ..."> elements (nested where spans nest; split where they cross text
 * nodes), each with a title describing it. Any earlier annotation is cleared first.
 *
 * Options: `layers` (default all of {@link LAYERS}), `analysis` (a result of analyze() on
 * `textOf(element).text`, to skip analysing), `stylesheet` (default true: adds a <link> to
 * highlights.css to the document).
 * Resolves to `{ text, analysis, marks }`.
 * @param {Element} element
 * @param {{ layers?: string[], analysis?: Analysis, stylesheet?: boolean }} [options]
 */
export async function highlight(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('highlight(element): element must be an Element');
  clear(element);
  const { text, nodes } = textOf(element);
  const result = options.analysis ?? await analyze(text);
  clear(element); // in case highlight() was called again meanwhile
  const layers = new Set(options.layers ?? LAYERS);
  const records = collectRecords(text, result)
    .filter((r) => layers.has(r.layer === 'entity' ? r.group : r.layer));
  if (options.stylesheet !== false) ensureStylesheet(element.ownerDocument);

  const changes = [];
  const pieces = new Map();
  let next = 0;
  let active = [];
  let marks = 0;
  for (const { node, start: ns, end: ne } of nodes) {
    active = active.filter((r) => r.end > ns);
    while (next < records.length && records[next].start < ne) {
      if (records[next].end > ns) active.push(records[next]);
      next++;
    }
    const here = active.filter((r) => r.start < ne);
    if (!here.length) continue;
    const bounds = [...new Set([ns, ne, ...here.flatMap((r) => [Math.max(r.start, ns), Math.min(r.end, ne)])])].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    const inserted = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [a, b] = [bounds[i], bounds[i + 1]];
      const piece = document.createTextNode(node.data.slice(a - ns, b - ns));
      const covering = here.filter((r) => r.start <= a && r.end >= b)
        .sort((x, y) => x.start - y.start || y.end - x.end || RANK[x.part] - RANK[y.part]);
      let outer = piece;
      for (let k = covering.length - 1; k >= 0; k--) {
        const rec = covering[k];
        const n = pieces.get(rec.id) ?? 0;
        pieces.set(rec.id, n + 1);
        const m = markFor(rec, result, n);
        m.append(outer);
        outer = m;
        marks++;
      }
      frag.append(outer);
      inserted.push(outer);
    }
    node.parentNode.replaceChild(frag, node);
    changes.push({ original: node, inserted });
  }
  annotated.set(element, changes);
  return { text, analysis: result, marks };
}

/**
 * Removes the annotation of `element` made by {@link highlight}, putting back the original text
 * nodes (the same node objects), so the DOM is exactly as before. Returns whether there was one.
 * @param {Element} element
 */
export function clear(element) {
  const changes = annotated.get(element);
  if (!changes) return false;
  for (const { original, inserted } of changes.reverse()) {
    const first = inserted[0];
    if (!first?.parentNode) continue;
    first.parentNode.insertBefore(original, first);
    for (const n of inserted) n.remove();
  }
  annotated.delete(element);
  return true;
}

// ---- <article-analyzer>: the whole tool in any page ---------------------------------------------

const LAYER_NAMES = { person: 'People', org: 'Organisations', place: 'Places', other: 'Other entities', quote: 'Quotations', source: 'Sources' };

/** Builds an element with class and text. */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/**
 * `<article-analyzer>`: a text box, layer toggles, the highlighted reading view and the three
 * panels, in a shadow root styled by article-analyzer.css. The initial text is the element's
 * own text content, or the file named by its `src` attribute (same origin). Properties: `value`
 * (the text; setting it re-analyses), `analysis` (the last result). Fires `analysis` events.
 */
export class ArticleAnalyzerElement extends HTMLElement {
  static observedAttributes = ['src'];
  #root;
  #parts = {};
  #state = { text: '', result: null, records: [], panels: null };
  #generation = 0;
  #timer = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    if (this.#parts.view) return;
    const link = el('link');
    link.rel = 'stylesheet';
    link.href = CSS_URL;
    const wrap = el('div', 'aa-root');
    const label = el('label', 'aa-label', this.getAttribute('label') ?? 'Article text');
    const area = el('textarea', 'aa-text');
    area.id = 'aa-text';
    label.htmlFor = 'aa-text';
    area.spellcheck = false;
    area.rows = 8;
    const status = el('p', 'aa-status', 'Loading the analyzer…');
    status.setAttribute('role', 'status');
    const layers = el('fieldset', 'aa-layers');
    layers.append(el('legend', null, 'Layers'));
    for (const layer of LAYERS) {
      const l = el('label', `aa-layer aa-layer-${layer}`);
      const box = el('input');
      box.type = 'checkbox';
      box.checked = true;
      box.dataset.layer = layer;
      box.addEventListener('change', () => this.#draw());
      l.append(box, ` ${LAYER_NAMES[layer]}`);
      layers.append(l);
    }
    const details = el('p', 'aa-details', 'Hover over or tab to a highlight to see what it is.');
    details.setAttribute('aria-live', 'polite');
    const view = el('div', 'aa-view');
    view.setAttribute('role', 'region');
    view.setAttribute('aria-label', 'Analysed text');
    view.tabIndex = -1;
    const panels = el('div', 'aa-panels');
    const sections = {};
    for (const [key, title] of [['speakers', 'Who is quoted'], ['sources', 'Sources'], ['entities', 'Entities']]) {
      const s = el('section', `aa-panel aa-panel-${key}`);
      s.append(el('h2', null, title), el('div', 'aa-slot'));
      panels.append(s);
      sections[key] = s;
    }
    wrap.append(label, area, status, layers, details, view, panels);
    this.#root.replaceChildren(link, wrap);
    this.#parts = { area, status, layers, details, view, sections };

    area.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#run(), 250);
    });
    const describeTarget = (target) => {
      const hl = target instanceof Element ? target.closest('.hl') : null;
      if (!hl || !this.#state.result) return;
      const lines = [];
      for (let n = hl; n && n !== view; n = n.parentElement) {
        const rec = n.classList.contains('hl') ? recordOf(this.#state.result, n.dataset.id) : null;
        if (rec) lines.push(describe(this.#state.result, rec));
      }
      details.textContent = lines.join(' — ');
    };
    view.addEventListener('mouseover', (e) => describeTarget(e.target));
    view.addEventListener('focusin', (e) => describeTarget(e.target));

    const src = this.getAttribute('src');
    if (src) this.#load(src);
    else {
      area.value = this.textContent.trim();
      this.#run();
    }
  }

  attributeChangedCallback(name, old, value) {
    if (name === 'src' && this.#parts.view && value && value !== old) this.#load(value);
  }

  async #load(src) {
    try {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      this.#parts.area.value = await res.text();
      await this.#run();
    } catch (e) {
      this.#parts.status.textContent = `Could not load ${src}: ${e.message}`;
    }
  }

  /** The text being analysed. */
  get value() { return this.#parts.area?.value ?? ''; }
  set value(text) {
    if (!this.#parts.area) this.connectedCallback();
    this.#parts.area.value = String(text);
    this.#run();
  }

  /** The last analysis, or null. */
  get analysis() { return this.#state.result; }

  async #run() {
    const gen = ++this.#generation;
    const text = this.#parts.area.value;
    this.setAttribute('state', 'busy');
    this.#parts.status.textContent = text ? 'Analysing…' : 'Paste an article above.';
    let out = null;
    try {
      out = text ? await sharedClient().analyze(text) : null;
    } catch (e) {
      this.#parts.status.textContent = `Analysis failed: ${e.message}`;
      this.setAttribute('state', 'error');
      return;
    }
    if (gen !== this.#generation) return;
    this.#state = { text, result: out?.result ?? null, records: out?.records ?? [], panels: out?.panels ?? null };
    const choose = (id) => this.#choose(id);
    const slot = (key, body) => this.#parts.sections[key].querySelector('.aa-slot').replaceChildren(body);
    if (out) {
      slot('speakers', speakersPanel(out.panels, choose));
      slot('sources', sourcesPanel(out.panels, choose));
      slot('entities', entitiesPanel(out.panels, choose));
    } else for (const key of ['speakers', 'sources', 'entities']) slot(key, el('p', 'empty', '—'));
    await this.#draw();
    if (gen !== this.#generation) return;
    const r = this.#state.result;
    this.#parts.status.textContent = r ? `${r.entities.length} entities, ${r.quotes.length} quotations, ${r.attributions.length} attributions.` : 'Paste an article above.';
    this.setAttribute('state', 'ready');
    this.dispatchEvent(new CustomEvent('analysis', { detail: r }));
  }

  #draw() {
    const { text, result, records } = this.#state;
    const on = new Set([...this.#parts.layers.querySelectorAll('input:checked')].map((b) => b.dataset.layer));
    if (!result) {
      this.#parts.view.replaceChildren();
      return Promise.resolve(true);
    }
    const gen = this.#generation;
    return renderInto(this.#parts.view, text, records, result, {
      keep: (r) => on.has(r.layer === 'entity' ? r.group : r.layer),
      isCurrent: () => gen === this.#generation,
    });
  }

  async #choose(id) {
    const rec = recordOf(this.#state.result, id);
    if (!rec) return;
    const box = this.#parts.layers.querySelector(`input[data-layer="${rec.layer === 'entity' ? rec.group : rec.layer}"]`);
    if (box && !box.checked) {
      box.checked = true;
      await this.#draw();
    }
    const target = this.#parts.view.querySelector(`[data-id="${id}"]:not([data-continued])`);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    for (const m of this.#parts.view.querySelectorAll('.is-chosen')) m.classList.remove('is-chosen');
    if (rec.part === 'entity') {
      const sel = rec.item.cluster != null ? `[data-cluster="${rec.item.cluster}"]` : `[data-id="${id}"]`;
      for (const m of this.#parts.view.querySelectorAll(`.hl-ent${sel}`)) m.classList.add('is-chosen');
    }
  }
}

if (!customElements.get('article-analyzer')) customElements.define('article-analyzer', ArticleAnalyzerElement);

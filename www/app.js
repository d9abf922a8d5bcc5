// The page: loads the wasm analyzer, runs it on the textarea as the user types, and renders the
// text with three highlight layers (entities, quotations, sourcing). Text from the user only ever
// reaches the page through textContent / createTextNode, never as HTML.
//
// For tests: after each analysis, `window.__lastAnalysis = { text, result }` and
// `document.body.dataset.state = 'ready'`; each highlight element carries data-id, data-layer,
// data-part, data-start and data-end (UTF-16 offsets of its whole span).

import init, { analyze, version } from './pkg/article_analyzer.js';

/** @typedef {import('./types').Analysis} Analysis */

const DEBOUNCE_MS = 250;

/** Readable names of entity labels. */
const LABEL_NAMES = {
  PERSON: 'person', ORG: 'organisation', GPE: 'country, city or state', LOC: 'location',
  NORP: 'nationality or group', FAC: 'facility', EVENT: 'event', PRODUCT: 'product',
  WORK_OF_ART: 'work of art', LAW: 'law', LANGUAGE: 'language', DATE: 'date', TIME: 'time',
  MONEY: 'money', PERCENT: 'percentage', QUANTITY: 'quantity', ORDINAL: 'ordinal',
  CARDINAL: 'number', MISC: 'other name',
};
/** Labels always shown in the key, present or not. */
const KEY_LABELS = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'DATE'];

const QUOTE_KINDS = { direct: 'Direct quotation', partial: 'Partial quotation', indirect: 'Reported speech' };
const SOURCE_KINDS = {
  person: 'named person', official: 'official', state_media: 'state media',
  news_agency: 'news agency', media: 'media', international: 'international organisation',
  organization: 'organisation', document: 'document', anonymous: 'anonymous source',
  unknown: 'unclassified',
};

/** Nesting order when spans cover the same range: lower is outer. */
const RANK = { quote: 0, content: 1, source: 2, cue: 3, entity: 4 };
/** CSS class of each part. */
const PART_CLASS = { entity: 'hl-ent', quote: 'hl-quote', source: 'hl-source', cue: 'hl-cue', content: 'hl-content' };

const $ = (id) => document.getElementById(id);
const els = {
  article: $('article'), sample: $('sample'), clear: $('clear'), status: $('status'),
  version: $('version'), view: $('view'), details: $('details'), tip: $('tip'), legend: $('legend'),
  counts: { entity: $('count-entities'), quote: $('count-quotes'), source: $('count-sources') },
  toggles: [...document.querySelectorAll('.layers input[type=checkbox]')],
};

/** The last analysis and its highlight records, by id. */
let current = { text: '', result: null, spans: [], byId: new Map() };

const quoted = (s) => `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`;

/** Whether `s` is a span with valid integer offsets into a text of length `len`. */
function validSpan(s, len) {
  return s != null && Number.isInteger(s.start) && Number.isInteger(s.end)
    && s.start >= 0 && s.start < s.end && s.end <= len;
}

/** Describes an attribution's source in a few words: “the minister” (official). */
function describeSource(result, a) {
  if (!a) return null;
  const cluster = a.speaker != null ? result.clusters[a.speaker] : null;
  const name = cluster?.canonical ?? a.source?.text;
  const kind = a.source_kind ? SOURCE_KINDS[a.source_kind] ?? a.source_kind : null;
  if (!name && !kind) return null;
  return [name ? quoted(name) : null, kind ? `(${kind})` : null].filter(Boolean).join(' ');
}

/** What the details line says about one highlight. */
function describe(result, rec) {
  const { part, item } = rec;
  if (part === 'entity') {
    const cluster = item.cluster != null ? result.clusters[item.cluster] : null;
    const bits = [`${item.label}: ${LABEL_NAMES[item.label] ?? 'entity'}`];
    if (cluster && cluster.canonical !== item.text) bits.push(`refers to ${quoted(cluster.canonical)}`);
    if (typeof item.confidence === 'number' && item.confidence < 1) bits.push(`confidence ${item.confidence.toFixed(2)}`);
    return bits.join(' · ');
  }
  if (part === 'quote') {
    const a = item.attribution != null ? result.attributions[item.attribution] : null;
    const bits = [QUOTE_KINDS[item.kind] ?? 'Quotation'];
    const who = describeSource(result, a);
    bits.push(who ? `speaker ${who}` : 'speaker not found');
    if (a?.cue) bits.push(`cue ${quoted(a.cue.text)}`);
    return bits.join(' · ');
  }
  const a = item;
  const who = describeSource(result, a);
  const via = a.via != null ? describeSource(result, result.attributions[a.via]) : null;
  const bits = [];
  if (part === 'source') bits.push(`Source ${who ?? ''}`.trim());
  if (part === 'cue') bits.push(`Reporting cue ${quoted(a.cue.text)}`, who ? `source ${who}` : 'no source found');
  if (part === 'content') bits.push('Attributed content', who ? `source ${who}` : 'no source found');
  if (part === 'source' && a.cue) bits.push(`cue ${quoted(a.cue.text)}`);
  if (via) bits.push(`via ${via}`);
  return bits.join(' · ');
}

/** Turns the analysis into highlight records: one per entity, quotation and attribution part. */
function collectSpans(text, result) {
  const spans = [];
  const add = (id, layer, part, span, item) => {
    if (validSpan(span, text.length)) spans.push({ id, layer, part, start: span.start, end: span.end, item });
  };
  result.entities.forEach((e, i) => add(`e${i}`, 'entity', 'entity', e, e));
  result.quotes.forEach((q, i) => add(`q${i}`, 'quote', 'quote', q, q));
  result.attributions.forEach((a, i) => {
    for (const part of ['source', 'cue', 'content']) add(`a${i}-${part}`, 'source', part, a[part], a);
  });
  return spans;
}

/** The class attribute of a highlight record. */
function classOf(rec) {
  let cls = `hl ${PART_CLASS[rec.part]}`;
  if (rec.part === 'entity') cls += ` ent-${rec.item.label}`;
  if (rec.part === 'quote') cls += ` quote-${rec.item.kind}`;
  return cls;
}

/** Creates the element of one piece of a highlight; the first piece is focusable. */
function highlightElement(rec, piece) {
  const el = document.createElement('span');
  el.className = rec.cls ??= classOf(rec);
  el.setAttribute('data-id', rec.id);
  el.setAttribute('data-layer', rec.layer);
  el.setAttribute('data-part', rec.part);
  el.setAttribute('data-start', rec.start);
  el.setAttribute('data-end', rec.end);
  if (rec.part === 'entity') el.setAttribute('data-label', rec.item.label);
  if (piece === 0) el.tabIndex = 0;
  else el.setAttribute('data-continued', piece);
  return el;
}

/** Chunk sizes (UTF-16 units) of the rendered text: chunks end after a newline when one comes
 * soon enough, else after whitespace, else anywhere (never inside a surrogate pair). */
const CHUNK_MIN = 3000;
const CHUNK_MAX = 12000;

/** Where the rendered text is split into blocks, so the browser lays out only the visible ones
 * (content-visibility). Linear in the text length, whatever the text. */
function chunkBreaks(text) {
  const breaks = [];
  let last = 0;
  let nextNewline = text.indexOf('\n');
  while (text.length - last > CHUNK_MAX) {
    if (nextNewline !== -1 && nextNewline < last + CHUNK_MIN) nextNewline = text.indexOf('\n', last + CHUNK_MIN);
    let at = -1;
    if (nextNewline !== -1 && nextNewline < last + CHUNK_MAX) at = nextNewline + 1;
    for (let i = last + CHUNK_MAX; at === -1 && i > last + CHUNK_MIN; i--) {
      if (/\s/.test(text[i - 1])) at = i;
    }
    if (at === -1) {
      at = last + CHUNK_MAX;
      const c = text.charCodeAt(at - 1);
      if (c >= 0xd800 && c <= 0xdbff) at++;
    }
    breaks.push(at);
    last = at;
  }
  return breaks;
}

/**
 * Renders `text` with the highlights `spans` into a fragment of blocks (div.chunk). The text is
 * split at every span boundary; each segment is nested in the elements of the spans that cover
 * it. Spans that nest become nested elements; a span that crosses another (or a chunk boundary)
 * is split into pieces (data-continued).
 */
function renderText(text, spans) {
  const root = document.createDocumentFragment();
  const newChunk = () => {
    const div = document.createElement('div');
    div.className = 'chunk';
    root.append(div);
    return div;
  };
  const breaks = chunkBreaks(text);
  const breakSet = new Set(breaks);
  const sorted = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end || RANK[a.part] - RANK[b.part]);
  const positions = [0, text.length, ...breaks];
  for (const s of spans) positions.push(s.start, s.end);
  const bounds = [...new Set(positions)].sort((a, b) => a - b);
  const pieces = new Map();
  const stack = []; // open elements: { rec, el }
  let chunk = newChunk();
  const top = () => (stack.length ? stack[stack.length - 1].el : chunk);
  let next = 0;
  for (let k = 0; k < bounds.length; k++) {
    const pos = bounds[k];
    // Close every span that ends here, and everything opened inside it (reopened below); at a
    // chunk boundary, close everything.
    const cut = breakSet.has(pos) ? 0 : stack.findIndex((f) => f.rec.end <= pos);
    const opening = [];
    if (cut >= 0) {
      for (let i = cut; i < stack.length; i++) if (stack[i].rec.end > pos) opening.push(stack[i].rec);
      stack.length = cut;
    }
    if (breakSet.has(pos)) chunk = newChunk();
    while (next < sorted.length && sorted[next].start === pos) opening.push(sorted[next++]);
    opening.sort((a, b) => b.end - a.end || RANK[a.part] - RANK[b.part]);
    for (const rec of opening) {
      const piece = pieces.get(rec.id) ?? 0;
      pieces.set(rec.id, piece + 1);
      const el = highlightElement(rec, piece);
      top().append(el);
      stack.push({ rec, el });
    }
    if (k + 1 < bounds.length && bounds[k + 1] > pos) top().append(document.createTextNode(text.slice(pos, bounds[k + 1])));
  }
  return root;
}

/** The layers whose checkbox is ticked. */
function enabledLayers() {
  return new Set(els.toggles.filter((t) => t.checked).map((t) => t.dataset.layer));
}

/** Redraws the view from the current analysis and the layer toggles. */
function redraw() {
  hideTip();
  const { text, spans } = current;
  if (!text) {
    const p = document.createElement('p');
    p.className = 'placeholder';
    p.textContent = 'The highlighted text appears here.';
    els.view.replaceChildren(p);
    return;
  }
  const layers = enabledLayers();
  els.view.replaceChildren(renderText(text, spans.filter((s) => layers.has(s.layer))));
}

/** Rebuilds the entity-type key with the counts of this analysis. */
function updateLegend(result) {
  const counts = new Map();
  for (const e of result?.entities ?? []) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  const labels = [...KEY_LABELS, ...[...counts.keys()].filter((l) => !KEY_LABELS.includes(l)).sort()];
  els.legend.replaceChildren(...labels.map((label) => {
    const li = document.createElement('li');
    const key = document.createElement('span');
    key.className = `hl hl-ent ent-${label}`;
    key.dataset.label = label;
    key.textContent = LABEL_NAMES[label] ?? label.toLowerCase();
    const n = document.createElement('span');
    n.className = 'count';
    n.textContent = String(counts.get(label) ?? 0);
    li.append(key, ' ', n);
    return li;
  }));
}

function setCounts(result) {
  els.counts.entity.textContent = String(result?.entities.length ?? 0);
  els.counts.quote.textContent = String(result?.quotes.length ?? 0);
  els.counts.source.textContent = String(result?.attributions.length ?? 0);
}

/** Analyses the textarea's text and redraws everything. */
function run() {
  const text = els.article.value;
  let result = null;
  const t0 = performance.now();
  try {
    result = text ? analyze(text) : null;
  } catch (e) {
    els.status.textContent = `Analysis failed: ${e instanceof Error ? e.message : String(e)}`;
    return;
  }
  const ms = performance.now() - t0;
  const spans = result ? collectSpans(text, result) : [];
  current = { text, result, spans, byId: new Map(spans.map((s) => [s.id, s])) };
  setCounts(result);
  updateLegend(result);
  redraw();
  els.status.textContent = text
    ? `Analysed ${text.length.toLocaleString('en')} characters in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms.`
    : 'Ready.';
  window.__lastAnalysis = { text, result };
  document.body.dataset.state = 'ready';
  document.dispatchEvent(new CustomEvent('analysis'));
}

let timer = 0;
function scheduleRun() {
  clearTimeout(timer);
  document.body.dataset.state = 'pending';
  timer = setTimeout(run, DEBOUNCE_MS);
}

// ---- Tooltip and details line ------------------------------------------------------------

/** Lines describing a highlight element and the highlights around it, innermost first. */
function describeElement(el) {
  const lines = [];
  for (let node = el; node && node !== els.view; node = node.parentElement) {
    const rec = node.classList?.contains('hl') ? current.byId.get(node.dataset.id) : null;
    if (rec) lines.push(describe(current.result, rec));
  }
  return lines;
}

function showTip(el) {
  const lines = describeElement(el);
  if (!lines.length) return;
  els.tip.replaceChildren(...lines.map((line) => {
    const p = document.createElement('p');
    p.textContent = line;
    return p;
  }));
  els.details.textContent = lines.join(' — ');
  els.tip.hidden = false;
  const r = el.getBoundingClientRect();
  const width = els.tip.offsetWidth;
  const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
  // CSSOM property assignment: allowed by the Content-Security-Policy (no style attributes).
  els.tip.style.left = `${left + window.scrollX}px`;
  els.tip.style.top = `${r.bottom + window.scrollY + 6}px`;
  el.setAttribute('aria-describedby', 'tip');
}

function hideTip() {
  els.tip.hidden = true;
}

const highlightOf = (target) => (target instanceof Element ? target.closest('.hl') : null);
els.view.addEventListener('mouseover', (e) => {
  const el = highlightOf(e.target);
  if (el && els.view.contains(el)) showTip(el);
});
els.view.addEventListener('mouseleave', hideTip);
els.view.addEventListener('focusin', (e) => {
  const el = highlightOf(e.target);
  if (el) showTip(el);
});
els.view.addEventListener('focusout', hideTip);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') hideTip();
});

// ---- Wiring ---------------------------------------------------------------------------------

async function loadSample() {
  els.status.textContent = 'Loading the sample…';
  try {
    const res = await fetch('./sample.txt');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    els.article.value = await res.text();
    run();
  } catch (e) {
    els.status.textContent = `Could not load the sample: ${e.message}`;
  }
}

async function main() {
  try {
    await init();
  } catch (e) {
    els.status.textContent = `The analyzer could not be loaded: ${e.message}`;
    document.body.dataset.state = 'error';
    return;
  }
  els.version.textContent = version();
  els.article.addEventListener('input', scheduleRun);
  els.sample.addEventListener('click', loadSample);
  els.clear.addEventListener('click', () => {
    els.article.value = '';
    run();
    els.article.focus();
  });
  for (const t of els.toggles) t.addEventListener('change', redraw);
  run();
}

main();

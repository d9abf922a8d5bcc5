// The page: analyses the textarea's text in a Web Worker as the user types, renders the reading
// view (highlights in layers, in time slices), the three panels, the comparison of two versions
// and the exports. Text from the user only ever reaches the page as text nodes.
//
// For tests: after each analysis, `window.__lastAnalysis = { text, result }` and
// `document.body.dataset.state = 'ready'` (`'busy'` while analysing or rendering); each
// highlight element carries data-id, data-layer, data-part, data-start and data-end (UTF-16
// offsets of its whole span), entities also data-label, data-group and data-cluster.

import { AnalyzerClient } from './lib/client.js';
import { LABEL_NAMES, describe, recordOf } from './lib/model.js';
import { nextFrame, renderInto } from './lib/render.js';
import { entitiesPanel, sourcesPanel, speakersPanel } from './lib/panels.js';
import { renderComparison } from './lib/compare-view.js';
import { analysisJson, articleHtml, download } from './lib/export.js';

/** Longer texts (UTF-16 units) are not analysed in the page: a clear message instead. */
const MAX_CHARS = 5_000_000;
const DEBOUNCE_MS = 250;
/** Labels always shown in the key, present or not. */
const KEY_LABELS = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'DATE'];

const $ = (id) => document.getElementById(id);
const els = {
  article: $('article'), sample: $('sample'), clear: $('clear'), status: $('status'), progress: $('progress'),
  version: $('version'), view: $('view'), details: $('details'), tip: $('tip'), legend: $('legend'),
  counts: { entity: $('count-entities'), quote: $('count-quotes'), source: $('count-sources') },
  groupCounts: { person: $('count-person'), org: $('count-org'), place: $('count-place'), other: $('count-other') },
  layerToggles: [...document.querySelectorAll('.layers input[data-layer]')],
  groupToggles: [...document.querySelectorAll('.layers input[data-group]')],
  panels: { speakers: $('panel-speakers'), sources: $('panel-sources'), entities: $('panel-entities') },
  exportJson: $('export-json'), exportHtml: $('export-html'), print: $('print'),
  original: $('original'), revised: $('revised'), compareRun: $('compare-run'), compareDemo: $('compare-demo'),
  compareStatus: $('compare-status'), compareOut: $('compare-out'),
};

/** The page's own analyzer: a new text stops the analysis of the previous one. */
const client = new AnalyzerClient(undefined, { supersede: true });
window.__analyzerClient = client; // for tests: client.restarts

/** The last analysis: its text, result, sorted highlight records and panel figures. */
let current = { text: '', result: null, records: [], panels: null };
/** The entity cluster (or lone entity id) whose mentions are marked. */
let chosen = null;

// ---- Progress --------------------------------------------------------------------------------

let progressTimer = 0;
let phaseStart = 0;
/** Shows a phase: indeterminate (with elapsed time) unless `done`/`total` are given. */
function showProgress(phase, done, total) {
  clearInterval(progressTimer);
  els.progress.hidden = false;
  if (total) {
    els.progress.max = total;
    els.progress.value = done;
    els.status.textContent = `${phase} ${Math.round((100 * done) / total)}%…`;
    return;
  }
  els.progress.removeAttribute('value');
  phaseStart = performance.now();
  const tick = () => {
    els.status.textContent = `${phase}… ${((performance.now() - phaseStart) / 1000).toFixed(1)} s`;
  };
  tick();
  progressTimer = setInterval(tick, 200);
}
function hideProgress() {
  clearInterval(progressTimer);
  els.progress.hidden = true;
}

// ---- Rendering -------------------------------------------------------------------------------

/** Whether a record's layer (and, for entities, its group) is ticked. */
function visibleFilter() {
  const layers = new Set(els.layerToggles.filter((t) => t.checked).map((t) => t.dataset.layer));
  const groups = new Set(els.groupToggles.filter((t) => t.checked).map((t) => t.dataset.group));
  return (r) => layers.has(r.layer) && (r.layer !== 'entity' || groups.has(r.group));
}

let drawGeneration = 0;
/** Redraws the view from the current analysis and the toggles; resolves when done (false when
 * superseded by a newer redraw). */
async function redraw() {
  hideTip();
  const gen = ++drawGeneration;
  const { text, records, result } = current;
  if (!text || !result) {
    const p = document.createElement('p');
    p.className = 'placeholder';
    p.textContent = 'The highlighted text appears here.';
    els.view.replaceChildren(p);
    return true;
  }
  const big = text.length > 200_000;
  const done = await renderInto(els.view, text, records, result, {
    keep: visibleFilter(),
    isCurrent: () => gen === drawGeneration,
    onProgress: big ? (k, n) => showProgress('Rendering', k, n) : undefined,
  });
  if (done) markChosen();
  return done;
}

/** Rebuilds the entity-type key with the label counts of this analysis. */
function updateLegend(counts) {
  const labels = [...KEY_LABELS, ...Object.keys(counts?.labels ?? {}).filter((l) => !KEY_LABELS.includes(l)).sort()];
  els.legend.replaceChildren(...labels.map((label) => {
    const li = document.createElement('li');
    const key = document.createElement('span');
    key.className = `hl hl-ent ent-${label}`;
    key.dataset.label = label;
    key.textContent = LABEL_NAMES[label] ?? label.toLowerCase();
    const n = document.createElement('span');
    n.className = 'count';
    n.textContent = String(counts?.labels[label] ?? 0);
    li.append(key, ' ', n);
    return li;
  }));
}

/** Sets the toolbar's counts (computed in the worker: no pass over a long analysis here). */
function setCounts(counts) {
  els.counts.entity.textContent = String(counts?.entities ?? 0);
  els.counts.quote.textContent = String(counts?.quotes ?? 0);
  els.counts.source.textContent = String(counts?.attributions ?? 0);
  for (const g of Object.keys(els.groupCounts)) els.groupCounts[g].textContent = String(counts?.groups[g] ?? 0);
}

const PANELS = ['speakers', 'sources', 'entities'];
const PANEL_BUILDERS = { speakers: speakersPanel, sources: sourcesPanel, entities: entitiesPanel };
/** Rebuilds one panel (`speakers`, `sources` or `entities`) from the panel figures. */
function updatePanel(key, panels) {
  let body;
  if (panels) body = PANEL_BUILDERS[key](panels, choose);
  else {
    body = document.createElement('p');
    body.className = 'empty';
    body.textContent = `Analyse an article to see its ${key}.`;
  }
  els.panels[key].querySelector('.panel-slot').replaceChildren(body);
}

// ---- Analysis ----------------------------------------------------------------------------------

let runGeneration = 0;
/** Analyses the textarea's text and redraws everything. */
async function run() {
  const gen = ++runGeneration;
  const text = els.article.value;
  document.body.dataset.state = 'busy';
  chosen = null;
  let out = null;
  if (text.length > MAX_CHARS) {
    // Too long to analyse and draw here without freezing the page: say so, keep the text.
    current = { text: '', result: null, records: [], panels: null };
    await redraw();
    hideProgress();
    els.status.textContent = `This text is too long for the page: ${tooLong(text.length)}`;
    document.body.dataset.state = 'too-large';
    return;
  }
  if (text) {
    showProgress(`Analysing ${text.length.toLocaleString('en')} characters`);
    try {
      out = await client.analyze(text, (p) => {
        if (gen !== runGeneration) return;
        if (p.phase === 'receiving') showProgress('Receiving the results', p.done, p.total);
      });
    } catch (e) {
      if (gen !== runGeneration) return;
      hideProgress();
      els.status.textContent = `Analysis failed: ${e instanceof Error ? e.message : String(e)}`;
      document.body.dataset.state = 'error';
      return;
    }
    if (gen !== runGeneration) return;
  }
  current = { text, result: out?.result ?? null, records: out?.records ?? [], panels: out?.panels ?? null };
  // Each step in its own task, so that none of them makes a long one with a long text.
  if (text.length > 100_000) await nextFrame();
  if (gen !== runGeneration) return;
  for (const step of [() => setCounts(out?.counts), () => updateLegend(out?.counts), ...PANELS.map((key) => () => updatePanel(key, current.panels))]) {
    step();
    if (text.length > 100_000) await nextFrame();
    if (gen !== runGeneration) return;
  }
  if (!(await redraw()) || gen !== runGeneration) return;
  hideProgress();
  const ms = out?.ms ?? 0;
  els.status.textContent = text
    ? `Analysed ${text.length.toLocaleString('en')} characters in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms.`
    : 'Ready.';
  window.__lastAnalysis = { text, result: current.result };
  document.body.dataset.state = 'ready';
  document.dispatchEvent(new CustomEvent('analysis'));
}

/** Why a text of `n` UTF-16 units is not analysed in the page, and what to do instead. */
function tooLong(n) {
  return `${n.toLocaleString('en')} characters, and the page analyses at most ${MAX_CHARS.toLocaleString('en')} at a time so that it stays responsive. Split the text, or run the command-line tool (article-analyzer analyze) on it.`;
}

/**
 * Refuses a paste or a drop into `area` that is longer than the page analyses, before the
 * textarea takes it: laying out tens of megabytes in a textarea alone freezes the page for
 * seconds. The text already in `area` is kept, and `status` says why nothing was pasted.
 */
function guardLongPastes(area, status) {
  const guard = (e, data) => {
    const text = data?.getData('text/plain') ?? '';
    if (text.length <= MAX_CHARS) return;
    e.preventDefault();
    status.textContent = `Not pasted: the text is too long for the page: ${tooLong(text.length)}`;
    if (area === els.article) document.body.dataset.state = 'too-large';
  };
  area.addEventListener('paste', (e) => guard(e, e.clipboardData));
  area.addEventListener('drop', (e) => guard(e, e.dataTransfer));
}

let timer = 0;
function scheduleRun() {
  clearTimeout(timer);
  document.body.dataset.state = 'pending';
  timer = setTimeout(run, DEBOUNCE_MS);
}

// ---- Choosing: marking an entity's mentions, scrolling to an item ------------------------------

/** Marks the mentions of the chosen entity (its cluster, else itself). */
function markChosen() {
  for (const el of els.view.querySelectorAll('.is-chosen')) el.classList.remove('is-chosen');
  if (!chosen) return 0;
  const sel = chosen.cluster != null ? `[data-cluster="${chosen.cluster}"]` : `[data-id="${chosen.id}"]`;
  const marked = els.view.querySelectorAll(`.hl-ent${sel}`);
  for (const el of marked) el.classList.add('is-chosen');
  return new Set([...marked].map((m) => m.dataset.id)).size;
}

/** Chooses entity highlight `id`: marks all mentions of its entity. */
function chooseEntity(id) {
  const rec = recordOf(current.result, id);
  if (!rec || rec.part !== 'entity') return;
  const cluster = rec.item.cluster;
  chosen = { id, cluster };
  const n = markChosen();
  const name = cluster != null ? current.result.clusters[cluster]?.canonical : rec.item.text;
  els.details.textContent = `${name}: ${n} mention${n === 1 ? '' : 's'} marked. Press Escape to unmark.`;
}

function clearChosen() {
  chosen = null;
  markChosen();
}

/** Scrolls the view to highlight `id` (ticking its layer if needed), focuses it and, for an
 * entity, marks all its mentions. */
async function choose(id) {
  const rec = recordOf(current.result, id);
  if (!rec) return;
  const layer = els.layerToggles.find((t) => t.dataset.layer === rec.layer);
  const group = els.groupToggles.find((t) => t.dataset.group === rec.group);
  if (!layer.checked || (group && !group.checked)) {
    layer.checked = true;
    if (group) group.checked = true;
    await redraw();
  }
  const el = els.view.querySelector(`[data-id="${id}"]:not([data-continued])`);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
  el.classList.remove('flash');
  void el.offsetWidth; // restart the animation
  el.classList.add('flash');
  if (rec.part === 'entity') chooseEntity(id);
}

// ---- Tooltip and details line ------------------------------------------------------------------

/** Lines describing a highlight element and the highlights around it, innermost first. */
function describeElement(el) {
  const lines = [];
  for (let node = el; node && node !== els.view; node = node.parentElement) {
    const rec = node.classList?.contains('hl') ? recordOf(current.result, node.dataset.id) : null;
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
  // While an entity is chosen, the details line keeps saying so (a hover after a scroll must not
  // replace it); the tooltip still describes the highlight under the pointer or focus.
  if (!chosen) els.details.textContent = lines.join(' — ');
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
els.view.addEventListener('click', (e) => {
  const el = e.target instanceof Element ? e.target.closest('.hl-ent') : null;
  if (el && els.view.contains(el)) chooseEntity(el.dataset.id);
});
els.view.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const el = highlightOf(e.target);
  if (!el) return;
  e.preventDefault();
  const ent = el.closest('.hl-ent') ?? el.querySelector('.hl-ent');
  if (ent) chooseEntity(ent.dataset.id);
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') {
    hideTip();
    clearChosen();
  }
});

// ---- Exports -----------------------------------------------------------------------------------

function exportJson() {
  if (!current.result) return;
  download('analysis.json', analysisJson(current.text, current.result), 'application/json');
}

async function exportHtml() {
  if (!current.result) return;
  const html = await articleHtml(current.text, current.result, current.records.filter(visibleFilter()));
  window.__lastExportHtml = html;
  download('article.html', html, 'text/html');
}

// ---- Comparison --------------------------------------------------------------------------------

async function runCompare() {
  const original = els.original.value;
  const revised = els.revised.value;
  if (!original.trim() || !revised.trim()) {
    els.compareStatus.textContent = 'Paste both versions first.';
    return;
  }
  document.body.dataset.compare = 'busy';
  els.compareStatus.textContent = 'Comparing…';
  try {
    const cmp = await client.compare(original, revised, (p) => {
      els.compareStatus.textContent = `${p.phase[0].toUpperCase()}${p.phase.slice(1)}…`;
    });
    renderComparison(els.compareOut, cmp);
    els.compareStatus.textContent = `Compared in ${Math.round(cmp.ms ?? 0)} ms: ${cmp.dropped} dropped, ${cmp.added} added, ${cmp.reworded} reworded.`;
    window.__lastComparison = cmp;
    document.body.dataset.compare = 'ready';
  } catch (e) {
    els.compareStatus.textContent = `Comparison failed: ${e instanceof Error ? e.message : String(e)}`;
    document.body.dataset.compare = 'error';
  }
}

async function fetchText(path) {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
}

async function loadComparisonDemo() {
  try {
    [els.original.value, els.revised.value] = await Promise.all([fetchText('./sample.txt'), fetchText('./sample-revised.txt')]);
    await runCompare();
  } catch (e) {
    els.compareStatus.textContent = `Could not load the samples: ${e.message}`;
  }
}

// ---- Wiring ------------------------------------------------------------------------------------

async function loadSample() {
  els.status.textContent = 'Loading the sample…';
  try {
    els.article.value = await fetchText('./sample.txt');
    clearTimeout(timer);
    await run();
  } catch (e) {
    els.status.textContent = `Could not load the sample: ${e.message}`;
  }
}

async function main() {
  try {
    els.version.textContent = await client.version();
  } catch (e) {
    els.status.textContent = `The analyzer could not be loaded: ${e.message}`;
    document.body.dataset.state = 'error';
    return;
  }
  els.article.addEventListener('input', scheduleRun);
  guardLongPastes(els.article, els.status);
  guardLongPastes(els.original, els.compareStatus);
  guardLongPastes(els.revised, els.compareStatus);
  els.sample.addEventListener('click', loadSample);
  els.clear.addEventListener('click', () => {
    els.article.value = '';
    clearTimeout(timer);
    run();
    els.article.focus();
  });
  for (const t of [...els.layerToggles, ...els.groupToggles]) t.addEventListener('change', () => redraw());
  els.exportJson.addEventListener('click', exportJson);
  els.exportHtml.addEventListener('click', exportHtml);
  els.print.addEventListener('click', () => window.print());
  els.compareRun.addEventListener('click', runCompare);
  els.compareDemo.addEventListener('click', loadComparisonDemo);
  await run();
}

main();

// The analysis worker (a module worker): loads the wasm analyzer and answers messages from
// client.js, so the page never blocks while a long text is analysed.
//
//   → { id, type: 'version' }                      ← { id, type: 'done', value }
//   → { id, type: 'analyze', text }                ← progress…, part…, rest, { id, type: 'done', value }
//   → { id, type: 'compare', original, revised }   ← progress…, { id, type: 'done', value }
//   ← { id, type: 'error', message } on failure
//
// The whole text is analysed in one call: chunking by paragraphs would cut the links between
// a speaker named in one paragraph and "she said" in the next (clusters and attributions are
// document-wide), so progress during that call is indeterminate (the page shows elapsed time).
// The result is then sent in parts of at most PART items, so that no single message takes the
// page long to receive.

import init, { analyze, version } from '../pkg/article_analyzer.js';
import { collectRecords, countsOf, cutPanels, panelData } from './model.js';
import { compareAnalyses } from './compare.js';

const PART = 500;
const ready = init();

/** Sends the lists of an analysis in parts, then the rest of it with `done`. */
function sendAnalysis(id, text, ms) {
  const result = analyze(text);
  const analysedMs = performance.now() - ms;
  const records = collectRecords(text, result);
  const panels = cutPanels(panelData(result));
  const lists = { entities: result.entities, quotes: result.quotes, attributions: result.attributions, clusters: result.clusters, furniture: result.furniture, records };
  const total = Object.values(lists).reduce((n, l) => n + l.length, 0);
  let sent = 0;
  for (const [key, list] of Object.entries(lists)) {
    for (let i = 0; i < list.length; i += PART) {
      const items = list.slice(i, i + PART);
      sent += items.length;
      postMessage({ id, type: 'part', key, items, sent, total });
    }
  }
  const rest = { ...result };
  for (const key of Object.keys(lists)) delete rest[key];
  postMessage({ id, type: 'rest', rest });
  postMessage({ id, type: 'done', value: { panels, counts: countsOf(result, records), ms: analysedMs } });
}

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    await ready;
    if (type === 'version') {
      postMessage({ id, type: 'done', value: version() });
    } else if (type === 'analyze') {
      postMessage({ id, type: 'progress', phase: 'analysing' });
      sendAnalysis(id, data.text, performance.now());
    } else if (type === 'compare') {
      const t0 = performance.now();
      postMessage({ id, type: 'progress', phase: 'analysing the original' });
      const a = analyze(data.original);
      postMessage({ id, type: 'progress', phase: 'analysing the revision' });
      const b = analyze(data.revised);
      postMessage({ id, type: 'progress', phase: 'comparing' });
      const value = compareAnalyses(data.original, a, data.revised, b);
      value.ms = performance.now() - t0;
      postMessage({ id, type: 'done', value });
    } else {
      throw new Error(`unknown request ${type}`);
    }
  } catch (e) {
    postMessage({ id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};

// Renders a text with its highlight records (model.js) as DOM: blocks (div.chunk, laid out only
// when visible thanks to content-visibility) of text nodes nested in highlight elements. The
// text is split at every span boundary; spans that nest become nested elements; a span that
// crosses another, or a block boundary, is split into pieces (data-continued).
//
// Text reaches the DOM only through createTextNode. `renderInto` works in time slices (a few
// blocks per slice, one slice per animation frame), so a 1 MB text never blocks the page.

import { RANK } from './model.js';

/** Block sizes (UTF-16 units): small, so that building one block is always quick. */
const CHUNK_MIN = 800;
const CHUNK_MAX = 2000;

/** Where the block that starts at `last` ends: after a newline when one comes soon enough, else
 * after whitespace, else anywhere (never inside a surrogate pair). */
export function blockEnd(text, last) {
  if (text.length - last <= CHUNK_MAX) return text.length;
  const nl = text.indexOf('\n', last + CHUNK_MIN);
  if (nl !== -1 && nl < last + CHUNK_MAX) return nl + 1;
  for (let i = last + CHUNK_MAX; i > last + CHUNK_MIN; i--) if (/\s/.test(text[i - 1])) return i;
  const c = text.charCodeAt(last + CHUNK_MAX - 1);
  return c >= 0xd800 && c <= 0xdbff ? last + CHUNK_MAX + 1 : last + CHUNK_MAX;
}

/** The class attribute of a highlight record. */
function classOf(rec, result) {
  const part = { entity: 'hl-ent', quote: 'hl-quote', source: 'hl-source', cue: 'hl-cue', content: 'hl-content' }[rec.part];
  let cls = `hl ${part}`;
  if (rec.part === 'entity') cls += ` ent-${result.entities[rec.index].label}`;
  if (rec.part === 'quote') cls += ` quote-${result.quotes[rec.index].kind}`;
  return cls;
}

/**
 * Creates the element of one piece of a highlight. The first piece is focusable unless
 * `focusable` is false (exports).
 */
function highlightElement(rec, piece, result, focusable) {
  const el = document.createElement('span');
  el.className = rec.cls ??= classOf(rec, result);
  el.setAttribute('data-id', rec.id);
  el.setAttribute('data-layer', rec.layer);
  el.setAttribute('data-part', rec.part);
  el.setAttribute('data-start', rec.start);
  el.setAttribute('data-end', rec.end);
  if (rec.part === 'entity') {
    const e = result.entities[rec.index];
    el.setAttribute('data-label', e.label);
    el.setAttribute('data-group', rec.group);
    if (e.cluster != null) el.setAttribute('data-cluster', e.cluster);
  }
  if (piece === 0) {
    if (focusable) el.tabIndex = 0;
  } else el.setAttribute('data-continued', piece);
  return el;
}

/**
 * A renderer of one text: `next()` returns the next block (div.chunk) of the rendering, or null
 * at the end; `pos` is how far it got. `records` are sorted as collectRecords sorts them; only
 * those for which `keep(record)` is true are shown. Nothing is computed ahead: each block costs
 * only its own text and records.
 */
function renderer(text, records, result, { focusable = true, keep = () => true } = {}) {
  const pieces = new Map();
  let next = 0; // records[next..] start at or after the current block
  let carry = []; // records begun in an earlier block and not yet ended
  let bs = 0;
  const block = () => {
    if (bs >= text.length && !(bs === 0 && text.length === 0)) return null;
    const be = blockEnd(text, bs);
    const div = document.createElement('div');
    div.className = 'chunk';
    const here = carry.filter((r) => r.end > bs);
    while (next < records.length && records[next].start < be) {
      const r = records[next++];
      if (keep(r)) here.push(r);
    }
    carry = here.filter((r) => r.end > be);
    const clip = (r) => Math.max(r.start, bs);
    here.sort((a, b) => clip(a) - clip(b) || b.end - a.end || RANK[a.part] - RANK[b.part]);
    const positions = [bs, be];
    for (const r of here) positions.push(clip(r), Math.min(r.end, be));
    const bounds = [...new Set(positions)].sort((a, b) => a - b);
    const stack = []; // open elements: { rec, el }
    const top = () => (stack.length ? stack[stack.length - 1].el : div);
    let n = 0;
    for (let i = 0; i < bounds.length; i++) {
      const pos = bounds[i];
      // Close every span that ends here, and everything opened inside it (reopened below).
      const cut = stack.findIndex((f) => f.rec.end <= pos);
      const opening = [];
      if (cut >= 0) {
        for (let j = cut; j < stack.length; j++) if (stack[j].rec.end > pos) opening.push(stack[j].rec);
        stack.length = cut;
      }
      while (n < here.length && clip(here[n]) === pos) opening.push(here[n++]);
      opening.sort((a, b) => b.end - a.end || RANK[a.part] - RANK[b.part]);
      for (const rec of opening) {
        const piece = pieces.get(rec.id) ?? 0;
        pieces.set(rec.id, piece + 1);
        const el = highlightElement(rec, piece, result, focusable);
        top().append(el);
        stack.push({ rec, el });
      }
      if (i + 1 < bounds.length && bounds[i + 1] > pos) top().append(document.createTextNode(text.slice(pos, bounds[i + 1])));
    }
    bs = be === bs ? be + 1 : be;
    return div;
  };
  return { next: block, get pos() { return Math.min(bs, text.length); } };
}

/** Renders the whole text at once into a fragment (for exports and short texts). */
export function renderFragment(text, records, result, options) {
  const r = renderer(text, records, result, options);
  const frag = document.createDocumentFragment();
  for (let div = r.next(); div; div = r.next()) frag.append(div);
  return frag;
}

/** Waits for the next frame to be drawn (then a macrotask), so each frame lays out at most one
 * slice of new DOM; a timeout stands in for frames that never come (hidden tabs). */
export const nextFrame = () => new Promise((resolve) => {
  let done = false;
  const go = () => {
    if (!done) {
      done = true;
      setTimeout(resolve, 0);
    }
  };
  requestAnimationFrame(go);
  setTimeout(go, 100);
});

/** A slice ends once it has taken this long (ms). */
const SLICE_MS = 6;

/**
 * Renders into `container` (replacing its children) in time slices; `keep(record)` chooses the
 * records shown. The first slice runs synchronously, so a short text is complete when this
 * returns its promise. Resolves to true
 * when done, false when `isCurrent()` turned false (a newer rendering started).
 * @param {{ isCurrent?: () => boolean, onProgress?: (done: number, total: number) => void }} [opts]
 */
export async function renderInto(container, text, records, result, { isCurrent = () => true, onProgress, keep } = {}) {
  const r = renderer(text, records, result, { keep });
  // Each new block replaces one block of the previous rendering, in place; what is left of it at
  // the end is removed a few blocks per slice. (Hiding or removing a 1 MB rendering at once would
  // itself be a long task of style and layout.)
  const old = [...container.children];
  let o = 0;
  let more = true;
  while (more || o < old.length) {
    const t0 = performance.now();
    while (more && performance.now() - t0 < SLICE_MS) {
      const div = r.next();
      while (o < old.length && old[o].parentNode !== container) o++;
      if (!div) more = false;
      else if (o < old.length) old[o++].replaceWith(div);
      else container.append(div);
    }
    if (more) onProgress?.(r.pos, text.length);
    else while (o < old.length && performance.now() - t0 < SLICE_MS) old[o++].remove();
    if (more || o < old.length) {
      await nextFrame();
      if (!isCurrent()) return false; // the newer rendering replaces what is left
    }
  }
  onProgress?.(text.length, text.length);
  return true;
}

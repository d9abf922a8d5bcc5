// Comparison of two versions of an article: their attributions and quotations are aligned by the
// similarity of what is said and who says it; each pair is unchanged or reworded (words changed
// inside the quotation or claim, another speaker, another reporting verb); the rest is dropped
// (only in the original) or added (only in the revision). Also the entities of the original
// whose names no longer occur in the revision. Pure functions, no DOM (runs in the worker).

import { normalise, speakerOf } from './model.js';

/** The words of `s`, as they appear (for diffs). */
const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
export const words = (s) => String(s ?? '').match(WORD) ?? [];
/** Lower-case word tokens (letters and digits only) for similarity. */
const tokens = (s) => words(s).filter((w) => /[\p{L}\p{N}]/u.test(w)).map((w) => w.toLowerCase());

/** Dice similarity of two token multisets, in [0, 1]; two empty texts are similar (1). */
export function similarity(a, b) {
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.length && !tb.length) return 1;
  if (!ta.length || !tb.length) return 0;
  const counts = new Map();
  for (const t of ta) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const n = counts.get(t);
    if (n) {
      common++;
      counts.set(t, n - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

/** Longest common subsequences beyond this many cells fall back to a coarse diff. */
const MAX_DIFF_CELLS = 4_000_000;
/** Diff tokens: words, single punctuation marks and runs of whitespace, which join back into the text. */
const DIFF_TOKEN = /\s+|[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/**
 * Word-level diff of `a` into `b`: `[{ op: 'same' | 'del' | 'ins', text }]` whose `same` and
 * `del` texts join into `a`, and `same` and `ins` texts into `b`. Whitespace differences do not
 * count; case and punctuation changes do.
 */
export function wordDiff(a, b) {
  const ta = String(a ?? '').match(DIFF_TOKEN) ?? [];
  const tb = String(b ?? '').match(DIFF_TOKEN) ?? [];
  const key = (t) => (/^\s/.test(t) ? ' ' : t);
  const wa = ta.map(key);
  const wb = tb.map(key);
  // Common prefix and suffix first: most rewordings touch a few words.
  let pre = 0;
  while (pre < wa.length && pre < wb.length && wa[pre] === wb[pre]) pre++;
  let suf = 0;
  while (suf < wa.length - pre && suf < wb.length - pre && wa[wa.length - 1 - suf] === wb[wb.length - 1 - suf]) suf++;
  const n = wa.length - pre - suf;
  const m = wb.length - pre - suf;
  const ops = [];
  for (let i = 0; i < pre; i++) ops.push(['same', tb[i]]);
  if (n * m > MAX_DIFF_CELLS) {
    for (let i = 0; i < n; i++) ops.push(['del', ta[pre + i]]);
    for (let j = 0; j < m; j++) ops.push(['ins', tb[pre + j]]);
  } else {
    // LCS table over the middle, then walk it.
    const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) dp[i][j] = wa[pre + i] === wb[pre + j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && wa[pre + i] === wb[pre + j]) {
        ops.push(['same', tb[pre + j]]);
        i++;
        j++;
      } else if (j < m && (i === n || dp[i][j + 1] >= dp[i + 1][j])) ops.push(['ins', tb[pre + j++]]);
      else ops.push(['del', ta[pre + i++]]);
    }
  }
  for (let k = tb.length - suf; k < tb.length; k++) ops.push(['same', tb[k]]);
  // Merge runs; a lone space between two changes of the same kind joins them.
  const out = [];
  for (const [op, text] of ops) {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  }
  return out;
}

/**
 * The comparable items of an analysis: one per attribution (its speaker, as resolved, and
 * source phrase; reporting verb; what is said: the content, else its quotations), and one per
 * quotation without an attribution. Sorted by position.
 */
export function items(result) {
  const quotesOf = new Map();
  const out = [];
  result.quotes.forEach((q, i) => {
    if (q.attribution == null) {
      out.push({ ref: `q${i}`, start: q.start, source: '', phrase: '', kind: null, cue: '', said: q.text, quote: q.kind });
      return;
    }
    if (!quotesOf.has(q.attribution)) quotesOf.set(q.attribution, []);
    quotesOf.get(q.attribution).push(q);
  });
  result.attributions.forEach((a, i) => {
    const qs = quotesOf.get(i) ?? [];
    const said = a.content?.text ?? qs.map((q) => q.text).join(' … ');
    const starts = [a.source, a.cue, a.content, ...qs].filter(Boolean).map((s) => s.start);
    const sp = speakerOf(result, a);
    out.push({
      ref: `a${i}`, start: Math.min(...starts, Infinity), source: sp?.name ?? '', phrase: a.source?.text ?? '', kind: a.source_kind ?? null,
      cue: a.cue?.text ?? '', said, quote: qs.find((q) => q.kind === 'direct') ? 'direct' : qs[0]?.kind ?? null,
    });
  });
  return out.sort((x, y) => x.start - y.start);
}

/** How well two items match, in [0, 1]: mostly what is said, then who says it and how. */
function matchScore(x, y) {
  const said = similarity(x.said, y.said);
  const who = similarity(x.source, y.source);
  const verb = similarity(x.cue, y.cue);
  if (!x.said && !y.said) return who > 0.5 ? 0.5 + 0.35 * who + 0.15 * verb : 0;
  if (said < 0.4) return 0;
  return 0.7 * said + 0.2 * who + 0.1 * verb;
}

/** Named-entity labels whose disappearance the comparison reports (numbers and dates are not). */
const NAMED = new Set(['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT', 'PRODUCT', 'WORK_OF_ART', 'LAW', 'LANGUAGE', 'MISC']);

/** The named entities of `result` (one per cluster), `{ name, label, mentions }`. */
function namedEntities(result) {
  const seen = new Map();
  for (const e of result.entities) {
    if (!NAMED.has(e.label)) continue;
    const cluster = e.cluster != null ? result.clusters[e.cluster] : null;
    const name = cluster?.canonical ?? e.text;
    const key = normalise(name);
    const it = seen.get(key) ?? { name, label: cluster?.label ?? e.label, mentions: 0, forms: new Set() };
    it.mentions++;
    it.forms.add(normalise(e.text));
    seen.set(key, it);
  }
  return [...seen.values()];
}

/**
 * Compares the analyses of two versions. Returns `{ rows, dropped, added, reworded, unchanged,
 * entitiesGone, entitiesNew }`; each row is `{ status, a, b, changes, diff }` with `a`/`b` items
 * of {@link items} (null when absent), `changes` ⊆ ['words', 'speaker', 'verb'] and `diff` the
 * word diff of what is said (reworded rows only). Rows follow the original's order, added rows
 * placed after the row that precedes them in the revision.
 */
export function compareAnalyses(textA, resultA, textB, resultB) {
  const ia = items(resultA);
  const ib = items(resultB);
  // Candidate pairs, best first; greedy one-to-one assignment. Items are compared only within
  // a bucket of shared rare words, so long articles stay fast.
  const index = new Map();
  ib.forEach((y, j) => {
    for (const t of new Set(tokens(`${y.said} ${y.source}`))) {
      if (!index.has(t)) index.set(t, []);
      index.get(t).push(j);
    }
  });
  const pairs = [];
  ia.forEach((x, i) => {
    const cands = new Set();
    for (const t of new Set(tokens(`${x.said} ${x.source}`))) {
      const list = index.get(t);
      if (list && list.length <= 200) for (const j of list) cands.add(j);
    }
    for (const j of cands) {
      const s = matchScore(x, ib[j]);
      if (s > 0) pairs.push([s, i, j]);
    }
  });
  pairs.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
  const matchA = new Array(ia.length).fill(-1);
  const matchB = new Array(ib.length).fill(-1);
  for (const [, i, j] of pairs) {
    if (matchA[i] === -1 && matchB[j] === -1) {
      matchA[i] = j;
      matchB[j] = i;
    }
  }
  const rows = [];
  ia.forEach((x, i) => {
    const j = matchA[i];
    if (j === -1) {
      rows.push({ status: 'dropped', a: x, b: null, changes: [], diff: null, order: i });
      return;
    }
    const y = ib[j];
    const changes = [];
    if (normalise(x.said) !== normalise(y.said)) changes.push('words');
    if (normalise(x.source) !== normalise(y.source)) changes.push('speaker');
    if (normalise(x.cue) !== normalise(y.cue)) changes.push('verb');
    rows.push({
      status: changes.length ? 'reworded' : 'unchanged', a: x, b: y, changes,
      diff: changes.includes('words') ? wordDiff(x.said, y.said) : null, order: i,
    });
  });
  // Added items go after the matched item that precedes them in the revision.
  let prevOrder = -1;
  ib.forEach((y, j) => {
    if (matchB[j] !== -1) prevOrder = matchB[j];
    else rows.push({ status: 'added', a: null, b: y, changes: [], diff: null, order: prevOrder + 0.5 + j * 1e-6 });
  });
  rows.sort((p, q) => p.order - q.order);
  for (const r of rows) delete r.order;

  const lowerB = textB.toLowerCase();
  const gone = namedEntities(resultA).filter((e) => ![normalise(e.name), ...e.forms].some((f) => f && lowerB.includes(f)));
  const lowerA = textA.toLowerCase();
  const fresh = namedEntities(resultB).filter((e) => ![normalise(e.name), ...e.forms].some((f) => f && lowerA.includes(f)));
  const count = (s) => rows.filter((r) => r.status === s).length;
  const plain = (e) => ({ name: e.name, label: e.label, mentions: e.mentions });
  return {
    rows, dropped: count('dropped'), added: count('added'), reworded: count('reworded'), unchanged: count('unchanged'),
    entitiesGone: gone.map(plain), entitiesNew: fresh.map(plain),
  };
}

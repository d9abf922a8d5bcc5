// The data model shared by the page, the worker and the embeddable module: names of labels and
// kinds, highlight records (one per entity, quotation and attribution part, sorted for
// rendering), their descriptions, and the panel figures (who is quoted, sources, entities).
// Pure functions over the JSON contract (www/types.d.ts); no DOM, so the worker can run them.

/** @typedef {import('../types').Analysis} Analysis */

/** Readable names of entity labels. */
export const LABEL_NAMES = {
  PERSON: 'person', ORG: 'organisation', GPE: 'country, city or state', LOC: 'location',
  NORP: 'nationality or group', FAC: 'facility', EVENT: 'event', PRODUCT: 'product',
  WORK_OF_ART: 'work of art', LAW: 'law', LANGUAGE: 'language', DATE: 'date', TIME: 'time',
  MONEY: 'money', PERCENT: 'percentage', QUANTITY: 'quantity', ORDINAL: 'ordinal',
  CARDINAL: 'number', MISC: 'other name',
};

/** Entity groups of the layer toggles, by label. */
const GROUP_OF_LABEL = { PERSON: 'person', ORG: 'org', GPE: 'place', LOC: 'place', FAC: 'place' };
/** The entity groups, in toggle order, with their headings. */
export const ENTITY_GROUPS = [
  ['person', 'People'], ['org', 'Organisations'], ['place', 'Places'], ['other', 'Other entities'],
];
/** The toggle group of an entity label: person, org, place or other. */
export const groupOf = (label) => GROUP_OF_LABEL[label] ?? 'other';

export const QUOTE_KINDS = { direct: 'Direct quotation', partial: 'Partial quotation', indirect: 'Reported speech' };
export const SOURCE_KINDS = {
  person: 'named person', official: 'official', state_media: 'state media',
  news_agency: 'news agency', media: 'media', international: 'international organisation',
  organization: 'organisation', document: 'document', anonymous: 'anonymous source',
  unknown: 'unclassified',
};

/** Nesting order when spans cover the same range: lower is outer. */
export const RANK = { quote: 0, content: 1, source: 2, cue: 3, entity: 4 };
const PARTS = ['source', 'cue', 'content'];

/** Whether `s` is a span with valid integer offsets into a text of length `len`. */
export function validSpan(s, len) {
  return s != null && Number.isInteger(s.start) && Number.isInteger(s.end)
    && s.start >= 0 && s.start < s.end && s.end <= len;
}

/** Shortens `s` for a one-line description, in curly quotes. */
export const quoted = (s) => `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`;

/** Normalises a name or phrase for comparison: lower case, single spaces, no edge punctuation. */
export const normalise = (s) => String(s ?? '').toLowerCase().replace(/[\s\u00a0]+/g, ' ')
  .replace(/^[\s"'“”‘’«».,;:()-]+|[\s"'“”‘’«».,;:()-]+$/g, '');

/**
 * The highlight records of an analysis, sorted by start, then longest first, then nesting rank:
 * `{ id, layer, part, group, start, end, index }`. Ids: `e3` (entity 3), `q1` (quotation 1),
 * `a2-cue` (the cue of attribution 2). `group` is the entity group (person/org/place/other).
 * Spans that are empty or out of range are left out.
 * @param {string} text @param {Analysis} result
 */
export function collectRecords(text, result) {
  const out = [];
  const len = text.length;
  result.entities.forEach((e, i) => {
    if (validSpan(e, len)) out.push({ id: `e${i}`, layer: 'entity', part: 'entity', group: groupOf(e.label), start: e.start, end: e.end, index: i });
  });
  result.quotes.forEach((q, i) => {
    if (validSpan(q, len)) out.push({ id: `q${i}`, layer: 'quote', part: 'quote', group: null, start: q.start, end: q.end, index: i });
  });
  result.attributions.forEach((a, i) => {
    for (const part of PARTS) {
      const s = a[part];
      if (validSpan(s, len)) out.push({ id: `a${i}-${part}`, layer: 'source', part, group: null, start: s.start, end: s.end, index: i });
    }
  });
  out.sort((a, b) => a.start - b.start || b.end - a.end || RANK[a.part] - RANK[b.part]);
  return out;
}

/** The counts shown in the toolbar and key: per layer, per entity group and per label. */
export function countsOf(result, records) {
  const groups = { person: 0, org: 0, place: 0, other: 0 };
  for (const r of records) if (r.layer === 'entity') groups[r.group]++;
  const labels = {};
  for (const e of result.entities) labels[e.label] = (labels[e.label] ?? 0) + 1;
  return { entities: result.entities.length, quotes: result.quotes.length, attributions: result.attributions.length, groups, labels };
}

/** The record of a highlight id (`e3`, `q1`, `a2-cue`), with its item, or null. */
export function recordOf(result, id) {
  const m = /^(?:([eq])(\d+)|a(\d+)-(source|cue|content))$/.exec(id ?? '');
  if (!m || !result) return null;
  if (m[1] === 'e') {
    const item = result.entities[+m[2]];
    return item && { id, layer: 'entity', part: 'entity', group: groupOf(item.label), start: item.start, end: item.end, index: +m[2], item };
  }
  if (m[1] === 'q') {
    const item = result.quotes[+m[2]];
    return item && { id, layer: 'quote', part: 'quote', group: null, start: item.start, end: item.end, index: +m[2], item };
  }
  const item = result.attributions[+m[3]];
  const span = item?.[m[4]];
  return span ? { id, layer: 'source', part: m[4], group: null, start: span.start, end: span.end, index: +m[3], item } : null;
}

/** Describes an attribution's source in a few words: “the minister” (official). */
export function describeSource(result, a) {
  if (!a) return null;
  const cluster = a.speaker != null ? result.clusters[a.speaker] : null;
  const name = cluster?.canonical ?? mentionOf(a) ?? a.source?.text;
  const kind = a.source_kind ? SOURCE_KINDS[a.source_kind] ?? a.source_kind : null;
  if (!name && !kind) return null;
  return [name ? quoted(name) : null, kind ? `(${kind})` : null].filter(Boolean).join(' ');
}

/** One line saying what a highlight is: its type; for a quotation its speaker and cue; for a
 * source its kind. `rec` comes from {@link recordOf}. */
export function describe(result, rec) {
  const { part, item } = rec;
  if (part === 'entity') {
    const cluster = item.cluster != null ? result.clusters[item.cluster] : null;
    const bits = [`${item.label}: ${LABEL_NAMES[item.label] ?? 'entity'}`];
    if (cluster && cluster.canonical !== item.text) bits.push(`refers to ${quoted(cluster.canonical)}`);
    if (cluster && cluster.mentions.length > 1) bits.push(`${cluster.mentions.length} mentions`);
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

/** The named mention an attribution's source stands for, when it is not the whole source: the
 * earlier source a pronoun or role refers to ("It" after "China's commerce ministry said"), or the
 * name without its appositive. */
const mentionOf = (a) => (a.speaker_mention?.text && a.speaker_mention.text !== a.source?.text ? a.speaker_mention.text : null);

/** The speaker of an attribution: its resolved entity, else the named mention its source stands
 * for, else its source phrase. */
export function speakerOf(result, a) {
  const cluster = a.speaker != null ? result.clusters[a.speaker] : null;
  if (cluster) return { key: `c${a.speaker}`, name: cluster.canonical, cluster: a.speaker };
  const name = mentionOf(a) ?? a.source?.text;
  if (name) return { key: `s:${normalise(name)}`, name, cluster: null };
  return null;
}

/** The number of words in `s`. */
export const wordCount = (s) => (String(s).match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;

/**
 * The figures of the three panels, with the highlight id of every item (to scroll to it):
 * - `speakers`: each speaker with direct quotations, partial quotations and paraphrased claims,
 *   their quoted words and share of all quoted words, most quoted first;
 * - `sources`: attributions grouped by source kind, with the anonymous share;
 * - `entities`: entities by group and type, one item per cluster, with mention counts.
 * Uses the analysis' `summary` for the shares when it has them.
 * @param {Analysis} result
 */
export function panelData(result) {
  const speakers = new Map();
  const speakerOfAttr = result.attributions.map((a) => speakerOf(result, a));
  const entry = (sp, a) => {
    let s = speakers.get(sp.key);
    if (!s) {
      s = { key: sp.key, name: sp.name, cluster: sp.cluster, kind: a.source_kind ?? null, direct: [], partial: [], paraphrased: [], words: 0, share: 0, first: Infinity };
      speakers.set(sp.key, s);
    }
    return s;
  };
  const quotedAttr = new Set();
  let totalWords = 0;
  result.quotes.forEach((q, i) => {
    const a = q.attribution != null ? result.attributions[q.attribution] : null;
    const sp = a ? speakerOfAttr[q.attribution] : null;
    const words = q.kind === 'indirect' ? 0 : wordCount(q.text);
    totalWords += words;
    if (!sp) return;
    const s = entry(sp, a);
    const item = { id: `q${i}`, text: q.text, start: q.start };
    if (q.kind === 'direct') {
      s.direct.push(item);
      quotedAttr.add(q.attribution);
    } else if (q.kind === 'partial') s.partial.push(item);
    else s.paraphrased.push(item);
    s.words += words;
    s.first = Math.min(s.first, q.start);
  });
  result.attributions.forEach((a, i) => {
    const sp = speakerOfAttr[i];
    if (!sp || !a.content || quotedAttr.has(i)) return;
    const s = entry(sp, a);
    s.paraphrased.push({ id: `a${i}-content`, text: a.content.text, start: a.content.start });
    s.first = Math.min(s.first, a.content.start);
  });
  const speakerList = [...speakers.values()];
  for (const s of speakerList) s.share = totalWords ? s.words / totalWords : 0;
  speakerList.sort((x, y) => y.words - x.words || (y.direct.length + y.partial.length + y.paraphrased.length) - (x.direct.length + x.partial.length + x.paraphrased.length) || x.first - y.first);

  const kinds = new Map();
  let withKind = 0;
  let anonymous = 0;
  result.attributions.forEach((a, i) => {
    if (!a.source) return;
    const kind = a.source_kind ?? 'unknown';
    if (a.source_kind) withKind++;
    if (kind === 'anonymous') anonymous++;
    if (!kinds.has(kind)) kinds.set(kind, []);
    const sp = speakerOfAttr[i];
    kinds.get(kind).push({ id: `a${i}-source`, name: a.source.text, speaker: sp?.name ?? null, cue: a.cue?.text ?? null, start: a.source.start });
  });
  const sources = [...kinds.entries()]
    .map(([kind, items]) => ({ kind, name: SOURCE_KINDS[kind] ?? kind, items }))
    .sort((x, y) => y.items.length - x.items.length || x.name.localeCompare(y.name));

  const summary = result.summary && typeof result.summary === 'object' ? result.summary : null;
  const anonymousShare = Number.isFinite(summary?.anonymous_share) ? summary.anonymous_share : (withKind ? anonymous / withKind : 0);
  const attributedShare = Number.isFinite(summary?.attributed_share) ? summary.attributed_share : null;

  const byKey = new Map();
  result.entities.forEach((e, i) => {
    const cluster = e.cluster != null ? result.clusters[e.cluster] : null;
    const key = cluster ? `c${e.cluster}` : `${e.label}:${normalise(e.text)}`;
    let item = byKey.get(key);
    if (!item) {
      item = { key, name: cluster?.canonical ?? e.text, label: cluster?.label ?? e.label, cluster: cluster ? e.cluster : null, mentions: 0, id: `e${i}` };
      byKey.set(key, item);
    }
    item.mentions++;
  });
  const entities = ENTITY_GROUPS.map(([group, heading]) => {
    const items = [...byKey.values()].filter((it) => groupOf(it.label) === group)
      .sort((x, y) => y.mentions - x.mentions || x.name.localeCompare(y.name));
    return { group, heading, items, mentions: items.reduce((n, it) => n + it.mentions, 0) };
  });

  return { speakers: speakerList, totalWords, sources, anonymousShare, attributedShare, entities };
}

/**
 * Cuts the lists of {@link panelData} to what the panels show (`limit` items per list), keeping
 * every count (`speakerTotal`; per speaker `counts`; per group `total`), so that a 1 MB
 * article's panels stay small to send and quick to build.
 */
export function cutPanels(panels, limit = 40) {
  return {
    ...panels,
    speakerTotal: panels.speakers.length,
    speakers: panels.speakers.slice(0, limit).map((s) => ({
      ...s,
      counts: { direct: s.direct.length, partial: s.partial.length, paraphrased: s.paraphrased.length },
      direct: s.direct.slice(0, limit), partial: s.partial.slice(0, limit), paraphrased: s.paraphrased.slice(0, limit),
    })),
    sources: panels.sources.map((g) => ({ ...g, total: g.items.length, items: g.items.slice(0, limit) })),
    entities: panels.entities.map((g) => ({ ...g, total: g.items.length, items: g.items.slice(0, limit) })),
  };
}

// The three panels beside the reading view, built with DOM APIs from model.js's panelData:
// "Who is quoted", "Sources" and "Entities". Every item is a button carrying the id of its
// highlight (data-target); choosing it calls `onChoose(id)`. Long lists are cut (with a note of
// how many more) so that a 1 MB article still builds its panels in a few milliseconds.

import { LABEL_NAMES, SOURCE_KINDS } from './model.js';

const MAX_SPEAKERS = 15;
const MAX_PER_LIST = 6;
const MAX_GROUPS_ITEMS = 30;
/** The number of items of a list cut by cutPanels (or not cut). */
const count = (obj, key) => obj.counts?.[key] ?? obj[key].length;

/** Creates an element with a class and text (text only ever as a text node). */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

const percent = (x) => `${Math.round(x * 100)}%`;
const short = (s, n = 110) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A button that jumps to highlight `id`. */
function jump(id, label, onChoose, cls = 'jump') {
  const b = el('button', cls);
  b.type = 'button';
  b.dataset.target = id;
  b.append(...(Array.isArray(label) ? label : [label]));
  b.addEventListener('click', () => onChoose(id));
  return b;
}

/** A list of at most `max` items, with a "… and N more" line (`total` items in all). */
function cutList(items, max, make, cls = 'plain-list', total = items.length) {
  const ul = el('ul', cls);
  for (const it of items.slice(0, max)) {
    const li = el('li');
    li.append(make(it));
    ul.append(li);
  }
  const shown = Math.min(items.length, max);
  if (total > shown) ul.append(el('li', 'more', `… and ${total - shown} more`));
  return ul;
}

/** "Who is quoted": speakers, their quotations (direct vs paraphrased) and share of quoted words. */
export function speakersPanel(panels, onChoose) {
  const box = el('div', 'panel-body');
  if (!panels.speakers.length) {
    box.append(el('p', 'empty', 'No quoted or paraphrased speaker found.'));
    return box;
  }
  box.append(el('p', 'panel-note', `${panels.totalWords.toLocaleString('en')} quoted words in all; bars show each speaker's share.`));
  const list = el('ol', 'speakers');
  for (const s of panels.speakers.slice(0, MAX_SPEAKERS)) {
    const li = el('li', 'speaker');
    li.dataset.speaker = s.name;
    const head = el('div', 'speaker-head');
    const first = s.direct[0] ?? s.partial[0] ?? s.paraphrased[0];
    head.append(first ? jump(first.id, s.name, onChoose, 'jump speaker-name') : el('span', 'speaker-name', s.name));
    if (s.kind) head.append(el('span', 'tag', SOURCE_KINDS[s.kind] ?? s.kind));
    li.append(head);
    const bar = el('div', 'share');
    bar.setAttribute('role', 'img');
    bar.setAttribute('aria-label', `${percent(s.share)} of quoted words`);
    const fill = el('span', 'share-fill');
    fill.style.width = percent(s.share); // CSSOM, allowed by the CSP (no style attribute parsing)
    bar.append(fill);
    const counts = el('p', 'speaker-counts', `${count(s, 'direct')} direct · ${count(s, 'partial')} partial · ${count(s, 'paraphrased')} paraphrased · ${s.words} quoted words (${percent(s.share)})`);
    li.append(bar, counts);
    const lists = [['direct', 'Direct', s.direct], ['partial', 'Partial', s.partial], ['paraphrased', 'Paraphrased', s.paraphrased]];
    for (const [kind, title, items] of lists) {
      if (!items.length) continue;
      const d = el('div', `said said-${kind}`);
      d.append(el('h3', null, title));
      d.append(cutList(items, MAX_PER_LIST, (it) => jump(it.id, short(it.text), onChoose), 'plain-list', count(s, kind)));
      li.append(d);
    }
    list.append(li);
  }
  box.append(list);
  const speakers = panels.speakerTotal ?? panels.speakers.length;
  const shown = Math.min(panels.speakers.length, MAX_SPEAKERS);
  if (speakers > shown) box.append(el('p', 'more', `… and ${speakers - shown} more speakers`));
  return box;
}

/** "Sources": attributions grouped by source kind, with the anonymous share. */
export function sourcesPanel(panels, onChoose) {
  const box = el('div', 'panel-body');
  const figures = el('dl', 'figures');
  const fig = (term, value, key) => {
    const wrap = el('div', 'figure');
    wrap.dataset.figure = key;
    wrap.append(el('dt', null, term), el('dd', null, value));
    figures.append(wrap);
  };
  const total = panels.sources.reduce((n, g) => n + (g.total ?? g.items.length), 0);
  fig('Sourced claims', String(total), 'total');
  fig('Anonymous share', percent(panels.anonymousShare), 'anonymous');
  if (panels.attributedShare != null) fig('Sentences attributed', percent(panels.attributedShare), 'attributed');
  box.append(figures);
  if (!total) {
    box.append(el('p', 'empty', 'No source found.'));
    return box;
  }
  for (const g of panels.sources) {
    const section = el('section', 'group');
    section.dataset.kind = g.kind;
    const h = el('h3', null, `${g.name[0].toUpperCase()}${g.name.slice(1)} `);
    h.append(el('span', 'count', String(g.total ?? g.items.length)));
    section.append(h, cutList(g.items, MAX_PER_LIST, (it) => {
      const label = [el('span', 'item-name', short(it.name, 60))];
      if (it.cue) label.push(' ', el('span', 'item-cue', short(it.cue, 40)));
      if (it.speaker && it.speaker !== it.name) label.push(' ', el('span', 'item-resolved', `→ ${short(it.speaker, 40)}`));
      return jump(it.id, label, onChoose);
    }, 'plain-list', g.total));
    box.append(section);
  }
  return box;
}

/** "Entities": by group and type, one item per entity with its mention count. */
export function entitiesPanel(panels, onChoose) {
  const box = el('div', 'panel-body');
  let any = false;
  for (const g of panels.entities) {
    if (!g.items.length) continue;
    any = true;
    const section = el('section', 'group');
    section.dataset.group = g.group;
    const h = el('h3', null, `${g.heading} `);
    h.append(el('span', 'count', String(g.total ?? g.items.length)));
    section.append(h, cutList(g.items, MAX_GROUPS_ITEMS, (it) => {
      const b = jump(it.id, [el('span', 'item-name', short(it.name, 50)), ' ', el('span', `tag ent-tag ent-${it.label}`, LABEL_NAMES[it.label] ?? it.label), ' ', el('span', 'count', `×${it.mentions}`)], onChoose);
      b.dataset.cluster = it.cluster ?? '';
      b.setAttribute('aria-label', `${it.name}, ${LABEL_NAMES[it.label] ?? it.label}, ${it.mentions} mention${it.mentions === 1 ? '' : 's'}`);
      return b;
    }, 'chips', g.total));
    box.append(section);
  }
  if (!any) box.append(el('p', 'empty', 'No entity found.'));
  return box;
}

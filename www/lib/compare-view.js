// The comparison of two versions (compare.js) as DOM: figures, the entities that disappeared,
// and a side-by-side table of quotations and sources (original | revision) with the changed
// words marked as <del>/<ins> and the changed speaker or verb named.

import { SOURCE_KINDS, LABEL_NAMES } from './model.js';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

const STATUS = { dropped: 'Dropped', added: 'Added', reworded: 'Reworded', unchanged: 'Unchanged' };
const CHANGE = { words: 'words changed', speaker: 'speaker changed', verb: 'reporting verb changed' };

/** One side of a row: who, how (the cue), and what is said (with the diff when reworded). */
function side(item, row, which) {
  const td = el('td', `side side-${which}`);
  if (!item) {
    td.append(el('span', 'absent', which === 'a' ? 'not in the original' : 'not in the revision'));
    return td;
  }
  const who = el('p', 'who');
  const name = el('strong', row.changes.includes('speaker') ? 'changed' : null, item.phrase || item.source || 'no source found');
  who.append(name);
  if (item.source && item.phrase && item.source !== item.phrase) who.append(' ', el('span', 'resolved', `(${item.source})`));
  if (item.kind) who.append(' ', el('span', 'tag', SOURCE_KINDS[item.kind] ?? item.kind));
  if (item.cue) {
    who.append(' ');
    who.append(el('em', row.changes.includes('verb') ? 'cue changed' : 'cue', item.cue));
  }
  td.append(who);
  const said = el('p', 'said-text');
  if (row.diff) {
    for (const d of row.diff) {
      if (d.op === 'same') said.append(d.text);
      else if (d.op === 'del' && which === 'a') said.append(el('del', null, d.text));
      else if (d.op === 'ins' && which === 'b') said.append(el('ins', null, d.text));
    }
  } else {
    said.textContent = item.said || '—';
  }
  td.append(said);
  return td;
}

/** Renders the comparison `cmp` into `container`. */
export function renderComparison(container, cmp) {
  const figures = el('ul', 'compare-figures');
  for (const key of ['dropped', 'added', 'reworded', 'unchanged']) {
    const li = el('li', `fig-${key}`);
    li.dataset.figure = key;
    li.append(el('strong', null, String(cmp[key])), ` ${STATUS[key].toLowerCase()}`);
    figures.append(li);
  }
  const gone = el('section', 'entities-gone');
  gone.append(el('h3', null, 'Entities that disappeared'));
  if (cmp.entitiesGone.length) {
    const ul = el('ul', 'chips');
    for (const e of cmp.entitiesGone) {
      const li = el('li', 'chip');
      li.append(el('span', 'item-name', e.name), ' ', el('span', `tag ent-tag ent-${e.label}`, LABEL_NAMES[e.label] ?? e.label));
      ul.append(li);
    }
    gone.append(ul);
  } else gone.append(el('p', 'empty', 'None: every named entity of the original is still named.'));
  if (cmp.entitiesNew.length) {
    gone.append(el('h3', null, 'New entities'));
    const ul = el('ul', 'chips');
    for (const e of cmp.entitiesNew) ul.append(el('li', 'chip', e.name));
    gone.append(ul);
  }

  const toggle = el('label', 'show-unchanged');
  const box = el('input');
  box.type = 'checkbox';
  box.id = 'show-unchanged';
  toggle.append(box, ` Show the ${cmp.unchanged} unchanged`);
  const table = el('table', 'compare-table hide-unchanged');
  box.addEventListener('change', () => table.classList.toggle('hide-unchanged', !box.checked));
  const caption = el('caption', null, 'Quotations and sources, original beside revision');
  const head = el('thead');
  const hr = el('tr');
  for (const t of ['Change', 'Original', 'Revision']) {
    const th = el('th', null, t);
    th.scope = 'col';
    hr.append(th);
  }
  head.append(hr);
  const body = el('tbody');
  for (const row of cmp.rows) {
    const tr = el('tr', `row row-${row.status}`);
    tr.dataset.status = row.status;
    const th = el('th', 'status');
    th.scope = 'row';
    th.append(el('span', `badge badge-${row.status}`, STATUS[row.status]));
    for (const c of row.changes) th.append(el('span', 'change', CHANGE[c]));
    tr.append(th, side(row.a, row, 'a'), side(row.b, row, 'b'));
    body.append(tr);
  }
  table.append(caption, head, body);
  container.replaceChildren(figures, gone, toggle, table);
}

// Exports: the analysis as JSON, and the highlighted article as a standalone, sanitised HTML
// document. The document is built with DOM APIs in a separate (inert) HTML document and then
// serialised: user text only ever enters it as text nodes or attribute values set through
// setAttribute, it has no script and no event handler, and its own Content-Security-Policy
// allows nothing but its one stylesheet (by hash).

import { describe, recordOf } from './model.js';
import { renderFragment } from './render.js';

/** The analysis as pretty-printed JSON, with the text it was computed on. */
export function analysisJson(text, result) {
  return JSON.stringify({ text, analysis: result }, null, 2);
}

/** The exported document's styles (ours, static): highlights distinguishable without colour. */
const EXPORT_CSS = `
body { font: 17px/1.9 Georgia, "Noto Serif", serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1c2430; background: #fff; }
h1 { font: 700 1.4rem/1.3 system-ui, sans-serif; }
.meta, .key { font: 0.85rem/1.5 system-ui, sans-serif; color: #5b6675; }
.key span { margin-right: 1rem; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; }
.hl-ent { border-bottom: 2px solid #2563eb; background: rgba(37, 99, 235, 0.1); }
.hl-ent::after { content: attr(data-label); font: 700 0.55rem/1 system-ui, sans-serif; vertical-align: super; color: #334155; }
.hl-quote { border-bottom: 2px dashed #7c3aed; padding-bottom: 4px; }
.hl-quote.quote-partial { border-bottom-style: dotted; }
.hl-source { font-weight: 700; text-decoration: underline double #0f766e; }
.hl-cue { text-decoration: underline wavy #c2410c; }
.hl-content { background: rgba(15, 118, 110, 0.09); }
@media print { body { margin: 0; max-width: none; } }
`;

async function sha256Base64(s) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/**
 * The highlighted article as a standalone HTML document (a string). Each highlight has a title
 * (its description) for hovering. `records` are those to show (e.g. the enabled layers).
 */
export async function articleHtml(text, result, records, { title = 'Analysed article' } = {}) {
  const doc = document.implementation.createHTMLDocument(title);
  const meta = doc.createElement('meta');
  meta.setAttribute('charset', 'utf-8');
  const csp = doc.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', `default-src 'none'; style-src 'sha256-${await sha256Base64(EXPORT_CSS)}'; base-uri 'none'; form-action 'none'`);
  doc.head.prepend(meta, csp);

  const h1 = doc.createElement('h1');
  h1.textContent = title;
  const info = doc.createElement('p');
  info.className = 'meta';
  info.textContent = `${result.entities.length} entities, ${result.quotes.length} quotations, ${result.attributions.length} attributions. Exported from Article analyzer; highlights are automatic and can be wrong.`;
  const key = doc.createElement('p');
  key.className = 'key';
  for (const [cls, label] of [['hl hl-ent', 'entity (type in superscript)'], ['hl hl-quote', 'quotation'], ['hl hl-source', 'source'], ['hl hl-cue', 'reporting cue'], ['hl hl-content', 'attributed content']]) {
    const s = doc.createElement('span');
    s.className = cls;
    s.textContent = label;
    key.append(s);
  }
  const article = doc.createElement('article');
  article.className = 'article';
  article.append(doc.importNode(renderFragment(text, records, result, { focusable: false }), true));
  for (const node of article.querySelectorAll('[data-id]')) {
    const rec = recordOf(result, node.getAttribute('data-id'));
    if (rec && !node.hasAttribute('data-continued')) node.setAttribute('title', describe(result, rec));
  }
  doc.body.append(h1, info, key, article);
  // The stylesheet (a constant of this module, no user text) goes in at serialisation: a <style>
  // element created in `doc` would be checked against this page's own CSP, which forbids it.
  // User text is escaped by the serialiser, so the first </head> is the head's end.
  const out = doc.documentElement.outerHTML.replace('</head>', `<style>${EXPORT_CSS}</style></head>`);
  return `<!doctype html>\n${out}\n`;
}

/** Offers `content` as a file download (a blob: URL; nothing leaves the machine). */
export function download(filename, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

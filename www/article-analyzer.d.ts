// TypeScript types of the embeddable module (article-analyzer.js). The analysis itself is typed
// in types.d.ts (the JSON contract).

import type { Analysis } from './types';

export type { Analysis, Attribution, Cluster, Entity, Furniture, Label, Quote, QuoteKind, SourceKind, Span, Summary, SpeakerSummary } from './types';

/** The layers of highlight() and of the element: entity groups, quotations, sources. */
export type Layer = 'person' | 'org' | 'place' | 'other' | 'quote' | 'source';
export declare const LAYERS: readonly Layer[];

/**
 * Analyses `text` in a module worker (falls back to the main thread when workers are not
 * allowed). Offsets are UTF-16 code units into `text`. Rejects with a TypeError for a non-string.
 */
export declare function analyze(text: string): Promise<Analysis>;

/** The analyzer's version (the Rust crate's). */
export declare function version(): Promise<string>;

export interface HighlightOptions {
  /** Layers to mark (default: all). */
  layers?: Layer[];
  /** An analysis of `textOf(element).text`, to skip analysing. */
  analysis?: Analysis;
  /** Add a <link> to highlights.css to the document (default true). */
  stylesheet?: boolean;
}

export interface HighlightResult {
  /** The text the analyzer saw: the element's text nodes, a blank line between blocks. */
  text: string;
  analysis: Analysis;
  /** The number of <mark> elements added. */
  marks: number;
}

/**
 * Annotates `element` in place: wraps the text of every entity, quotation and attribution part
 * in `<mark class="aa-hl ...">` elements with a `title` describing them. Clears any earlier
 * annotation of the element first.
 */
export declare function highlight(element: Element, options?: HighlightOptions): Promise<HighlightResult>;

/** Removes highlight()'s marks, restoring the original text nodes; false if there were none. */
export declare function clear(element: Element): boolean;

/** The text of `element` as highlight() analyses it, and its text nodes with their offsets. */
export declare function textOf(element: Element): { text: string; nodes: { node: Text; start: number; end: number }[] };

/**
 * `<article-analyzer>`: a text box, layer toggles, the highlighted reading view and the panels
 * (who is quoted, sources, entities) in a shadow root. Attributes: `src` (a same-origin text file
 * to load), `label` (the text box's label); otherwise its text content is the initial article.
 * Fires `analysis` (detail: the Analysis); its `state` attribute is `busy`, `ready` or `error`.
 */
export declare class ArticleAnalyzerElement extends HTMLElement {
  /** The article text; setting it re-analyses. */
  value: string;
  /** The last analysis, or null. */
  readonly analysis: Analysis | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'article-analyzer': ArticleAnalyzerElement;
  }
  interface HTMLElementEventMap {
    analysis: CustomEvent<Analysis | null>;
  }
}

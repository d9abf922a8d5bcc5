// TypeScript types of the JSON contract returned by `analyze(text)` (see src/output.rs).
//
// Offsets are half-open `[start, end)` in the unit named by `Analysis.offsets`: from the wasm
// binding always UTF-16 code units, so `text.slice(start, end) === span.text`. Absent values are
// `null`, as in the CLI's JSON.

/** Entity types, OntoNotes-style. */
export type Label =
  | 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'FAC' | 'EVENT' | 'PRODUCT' | 'WORK_OF_ART'
  | 'LAW' | 'LANGUAGE' | 'DATE' | 'TIME' | 'MONEY' | 'PERCENT' | 'QUANTITY' | 'ORDINAL'
  | 'CARDINAL' | 'MISC';

/** How a quotation is presented. */
export type QuoteKind = 'direct' | 'partial' | 'indirect';

/** Who or what a claim is attributed to. */
export type SourceKind =
  | 'person' | 'official' | 'state_media' | 'news_agency' | 'media' | 'international'
  | 'organization' | 'document' | 'anonymous' | 'unknown';

/** The unit of every offset. */
export type OffsetUnit = 'utf16' | 'utf8' | 'chars';

/** A range of the analysed text and the text it covers. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A named entity or a temporal/numeric expression. */
export interface Entity extends Span {
  label: Label;
  /** Index into `Analysis.clusters`. */
  cluster: number | null;
  /** Confidence in [0, 1] (1 for rule-based findings). */
  confidence: number;
}

/** A quotation: direct, partial or reported speech. */
export interface Quote extends Span {
  kind: QuoteKind;
  /** Index into `Analysis.attributions`. */
  attribution: number | null;
}

/** An attribution: source, reporting cue and content; any part may be missing. */
export interface Attribution {
  cue: Span | null;
  source: Span | null;
  content: Span | null;
  source_kind: SourceKind | null;
  /** Index into `Analysis.clusters` of the entity the source resolves to. */
  speaker: number | null;
  /** The named mention the source stands for: its own name, or the earlier source that a
   * pronoun, surname or role ("It", "Kim", "the ministry") refers to; set even without a cluster. */
  speaker_mention: Span | null;
  /** Index into `Analysis.attributions` of the attribution this one is reported through. */
  via: number | null;
}

/** Mentions of one entity, with a canonical name. */
export interface Cluster {
  canonical: string;
  label: Label;
  /** Indices into `Analysis.entities`. */
  mentions: number[];
}

/** Article furniture: byline, dateline, credits, photo caption, headline. */
export interface Furniture extends Span {
  kind: string;
}

/** The result of `analyze(text)`. Every list is sorted by start offset. */
export interface Analysis {
  entities: Entity[];
  quotes: Quote[];
  attributions: Attribution[];
  clusters: Cluster[];
  furniture: Furniture[];
  /** Summary figures of the sourcing. */
  summary: Summary;
  offsets: OffsetUnit;
}

/** What one speaker said in the article. */
export interface SpeakerSummary {
  /** The entity cluster's canonical name, else the named source phrase. */
  name: string;
  kind: SourceKind | null;
  /** Index into `Analysis.clusters`, when the speaker is a known entity. */
  cluster: number | null;
  /** Direct quotations. */
  direct: string[];
  /** Reported (paraphrased) claims. */
  paraphrased: string[];
  /** Quoted words inside reported speech. */
  quoted_words: string[];
}

/** Summary figures of an analysis (src/attribution/summary.rs). */
export interface Summary {
  /** Speakers in order of first appearance. */
  speakers: SpeakerSummary[];
  /** Number of attributions per source kind (kinds with none are left out). */
  source_kinds: Partial<Record<SourceKind, number>>;
  /** Sentences of the story (outside furniture). */
  sentences: number;
  /** Sentences holding at least one reporting cue. */
  attributed_sentences: number;
  /** `attributed_sentences / sentences` (0 when there are none). */
  attributed_share: number;
  /** Share of attributions with a source whose kind is anonymous. */
  anonymous_share: number;
}

/** The wasm module's exports (www/pkg/article_analyzer.js). */
export declare function analyze(text: string): Analysis;
export declare function version(): string;
export default function init(input?: unknown): Promise<unknown>;

// The page's side of the analysis worker (worker.js): requests with ids, progress callbacks,
// and the reassembly of analyses sent in parts. Falls back to analysing on the main thread when
// a module worker cannot be started (a host page whose CSP forbids workers).

import { collectRecords, countsOf, cutPanels, panelData } from './model.js';
import { compareAnalyses } from './compare.js';

/** @typedef {import('../types').Analysis} Analysis */
/** @typedef {{ phase: string, done?: number, total?: number }} Progress */

export class AnalyzerClient {
  #worker = null;
  #url;
  #next = 1;
  #pending = new Map();
  #local = null;
  #supersede;
  /** The id of the analysis under way, if any. */
  #analysing = null;

  /**
   * `supersede`: a new analyze() call stops the analysis under way (its promise rejects with
   * an AbortError) by restarting the worker, instead of queueing behind it. For a client with
   * one user (the page's text box), so that typing after a 1 MB paste does not wait for it.
   */
  constructor(workerUrl = new URL('./worker.js', import.meta.url), { supersede = false } = {}) {
    this.#url = workerUrl;
    this.#supersede = supersede;
    this.#start();
  }

  #start() {
    try {
      this.#worker = new Worker(this.#url, { type: 'module', name: 'article-analyzer' });
      this.#worker.onmessage = (e) => this.#receive(e.data);
      this.#worker.onerror = (e) => this.#fail(new Error(`the analysis worker failed: ${e.message ?? 'load error'}`));
    } catch {
      this.#worker = null;
    }
  }

  /** Stops the analysis under way, if any, by restarting the worker. */
  #abortAnalysis() {
    const p = this.#pending.get(this.#analysing);
    if (!p) return;
    this.#worker.terminate();
    this.restarts = (this.restarts ?? 0) + 1;
    p.reject(new DOMException('superseded by a newer analysis', 'AbortError'));
    this.#pending.delete(this.#analysing);
    this.#analysing = null;
    this.#start();
    // Other requests (a comparison) start again in the new worker.
    for (const [id, q] of this.#pending) {
      if (q.parts) q.parts = {};
      this.#worker?.postMessage({ id, ...q.message });
    }
  }

  /** The wasm module on the main thread (the fallback), loaded once. */
  #wasm() {
    this.#local ??= import('../pkg/article_analyzer.js').then(async (m) => {
      await m.default();
      return m;
    });
    return this.#local;
  }

  #fail(error) {
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }

  #receive(msg) {
    const p = this.#pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') p.onProgress?.({ phase: msg.phase });
    else if (msg.type === 'part') {
      (p.parts[msg.key] ??= []).push(...msg.items);
      p.onProgress?.({ phase: 'receiving', done: msg.sent, total: msg.total });
    } else if (msg.type === 'rest') {
      p.rest = msg.rest;
    } else if (msg.type === 'error') {
      this.#pending.delete(msg.id);
      p.reject(new Error(msg.message));
    } else if (msg.type === 'done') {
      this.#pending.delete(msg.id);
      p.resolve(p.parts ? { ...msg.value, parts: p.parts, rest: p.rest } : msg.value);
    }
  }

  #request(message, onProgress, parts = null) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress, parts, message });
      this.#worker.postMessage({ id, ...message });
    });
  }

  /** The analyzer's version. */
  async version() {
    if (!this.#worker) return (await this.#wasm()).version();
    return this.#request({ type: 'version' });
  }

  /**
   * Analyses `text`: resolves to `{ result, records, panels, counts, ms }` (see model.js).
   * @param {string} text @param {(p: Progress) => void} [onProgress]
   */
  async analyze(text, onProgress) {
    if (typeof text !== 'string') throw new TypeError('analyze(text): text must be a string');
    if (!this.#worker) {
      const m = await this.#wasm();
      const t0 = performance.now();
      const result = m.analyze(text);
      const records = collectRecords(text, result);
      return { result, records, panels: cutPanels(panelData(result)), counts: countsOf(result, records), ms: performance.now() - t0 };
    }
    if (this.#supersede) this.#abortAnalysis();
    const request = this.#request({ type: 'analyze', text }, onProgress, {});
    this.#analysing = this.#next - 1;
    const { rest, parts, panels, counts, ms } = await request;
    const result = {
      entities: parts.entities ?? [], quotes: parts.quotes ?? [], attributions: parts.attributions ?? [],
      clusters: parts.clusters ?? [], furniture: parts.furniture ?? [], ...rest,
    };
    return { result, records: parts.records ?? [], panels, counts, ms };
  }

  /** Compares two versions of an article (see compare.js). */
  async compare(original, revised, onProgress) {
    if (!this.#worker) {
      const m = await this.#wasm();
      return compareAnalyses(original, m.analyze(original), revised, m.analyze(revised));
    }
    return this.#request({ type: 'compare', original, revised }, onProgress);
  }

  /** Stops the worker. */
  terminate() {
    this.#worker?.terminate();
    this.#fail(new Error('the analyzer was stopped'));
  }
}

let shared = null;
/** One client per page, started on first use. */
export const sharedClient = () => (shared ??= new AnalyzerClient());

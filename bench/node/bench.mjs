// Throughput of article-analyzer's wasm build against compromise (with compromise-dates) and
// wink-nlp (wink-eng-lite-web-model), over the same text in the same Node run, plus the native CLI,
// the 10 MB / 1 MB cost ratio and the wasm memory over repeated runs. Prints every figure.
//
//   node bench/node/bench.mjs [--mb 1] [--runs 5] [--slow-runs 1] [--mem-runs 1000] [--no-native]
//                             [--only compromise,wink,scale,memory] [--json FILE]
//
// The text: www/sample.txt and www/sample-revised.txt (two real news articles) repeated, separated
// by blank lines, to --mb megabytes (UTF-8 bytes). Each library gets one warm-up run and then
// --runs timed runs (compromise: warm-up on one article, --slow-runs runs); the median is reported. "Full analysis" is, for each library:
//   - article-analyzer (wasm): analyze(text), the whole JSON contract as JS objects (entities,
//     quotations, attributions, clusters, furniture, UTF-16 offsets);
//   - compromise: nlp(text) with the dates plugin, then people(), places(), organizations(),
//     quotations() and dates() as JSON;
//   - wink-nlp: readDoc(text), then entities, sentences and tokens out;
//   - native: target/release/article-analyzer analyze FILE (process start, read, analysis and JSON
//     written to /dev/null), for the wasm/native ratio.
// Needs www/pkg (scripts/build.sh) and, for the native figure, `cargo build --release`.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `--name value` flags with defaults. */
function flags(argv) {
  const o = { mb: 1, runs: 5, 'slow-runs': 1, 'mem-runs': 1000, native: true, json: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-native') o.native = false;
    else if (a.startsWith('--') && i + 1 < argv.length) o[a.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  for (const k of ['mb', 'runs', 'slow-runs', 'mem-runs']) o[k] = Number(o[k]);
  return o;
}

/** The sample articles repeated to `bytes` UTF-8 bytes (whole articles, at least one). */
export function corpus(bytes) {
  const articles = ['sample.txt', 'sample-revised.txt'].map((f) => readFileSync(join(ROOT, 'www', f), 'utf8'));
  const parts = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const a = articles[i % articles.length];
    parts.push(a);
    n += Buffer.byteLength(a) + 2;
  }
  return parts.join('\n\n');
}

/** Median of a list of numbers. */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `warm` (default `fn`) once to warm up, then `fn` `runs` times; returns the median seconds. */
function time(fn, runs, warm = fn) {
  warm();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push((performance.now() - t0) / 1000);
  }
  return median(t);
}

/** Loads the wasm built by scripts/build.sh (www/pkg, --target web) synchronously. */
async function loadWasm() {
  const glue = join(ROOT, 'www', 'pkg', 'article_analyzer.js');
  if (!existsSync(glue)) throw new Error('www/pkg is missing: run scripts/build.sh');
  const mod = await import(glue);
  const exports = mod.initSync({ module: readFileSync(join(ROOT, 'www', 'pkg', 'article_analyzer_bg.wasm')) });
  return { analyze: mod.analyze, memory: exports.memory };
}

async function loadCompromise() {
  const nlp = (await import('compromise')).default;
  const dates = (await import('compromise-dates')).default;
  nlp.plugin(dates);
  return (text) => {
    const doc = nlp(text);
    return [doc.people().json(), doc.places().json(), doc.organizations().json(), doc.quotations().json(), doc.dates().json()];
  };
}

async function loadWink() {
  const winkNLP = (await import('wink-nlp')).default;
  const model = (await import('wink-eng-lite-web-model')).default;
  const nlp = winkNLP(model);
  const its = nlp.its;
  return (text) => {
    const doc = nlp.readDoc(text);
    return [doc.entities().out(its.detail), doc.sentences().out(), doc.tokens().out()];
  };
}

/** Median seconds of the native CLI over `text` (written to a temp file). */
function nativeSeconds(text, runs) {
  const bin = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'release', 'article-analyzer');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run cargo build --release`);
  const dir = mkdtempSync(join(tmpdir(), 'aa-bench-'));
  const file = join(dir, 'text.txt');
  writeFileSync(file, text);
  try {
    return time(() => execFileSync(bin, ['analyze', file], { stdio: ['ignore', 'ignore', 'inherit'] }), runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const o = flags(process.argv.slice(2));
const text = corpus(o.mb * 1_000_000);
const MB = Buffer.byteLength(text) / 1e6;
const results = { mb: MB, runs: o.runs, mbps: {}, seconds: {} };
const want = (name) => !o.only || o.only.split(',').includes(name);
console.log(`text: ${MB.toFixed(3)} MB (UTF-8), ${text.length} UTF-16 units; warm-up + ${o.runs} runs (compromise ${o['slow-runs']}), median`);

const wasm = await loadWasm();
// compromise takes minutes per MB: it is warmed up on one article and timed --slow-runs times.
const article = readFileSync(join(ROOT, 'www', 'sample.txt'), 'utf8');
const contenders = [['wasm', () => wasm.analyze, false]];
if (want('compromise')) contenders.push(['compromise', loadCompromise, true]);
if (want('wink')) contenders.push(['wink-nlp', loadWink, false]);
for (const [name, load, slow] of contenders) {
  const fn = await load();
  const s = slow ? time(() => fn(text), o['slow-runs'], () => fn(article)) : time(() => fn(text), o.runs);
  results.seconds[name] = s;
  results.mbps[name] = MB / s;
  console.log(`${name.padEnd(12)} ${(MB / s).toFixed(3).padStart(9)} MB/s  (${(s * 1000).toFixed(0)} ms per run)`);
}
if (o.native) {
  const s = nativeSeconds(text, o.runs);
  results.seconds.native = s;
  results.mbps.native = MB / s;
  console.log(`${'native CLI'.padEnd(12)} ${(MB / s).toFixed(3).padStart(9)} MB/s  (${(s * 1000).toFixed(0)} ms per run, process start and JSON output included)`);
}
const ratio = (a, b) => results.mbps[a] / results.mbps[b];
results.ratios = {};
for (const other of ['compromise', 'wink-nlp', 'native']) {
  if (results.mbps[other]) {
    results.ratios[`wasm/${other}`] = ratio('wasm', other);
    console.log(`ratio wasm / ${other}: ${ratio('wasm', other).toFixed(2)}`);
  }
}

// The same 1 MB analysed --mem-runs times: the wasm memory never grows past its first peak.
// Before the 10 MB runs below, which would set a higher peak. (With --mb > 1 the peak is the
// larger text's.)
if (want('memory') && o['mem-runs'] > 0) {
  const one = corpus(1_000_000);
  wasm.analyze(one);
  const peak = wasm.memory.buffer.byteLength;
  let max = peak;
  let grewAt = null;
  const t0 = performance.now();
  for (let i = 1; i < o['mem-runs']; i++) {
    wasm.analyze(one);
    const now = wasm.memory.buffer.byteLength;
    if (now > max) {
      max = now;
      grewAt ??= i + 1;
    }
  }
  results.memory = { runs: o['mem-runs'], firstPeak: peak, max, grewAt, seconds: (performance.now() - t0) / 1000 };
  console.log(`memory: ${o['mem-runs']} runs of 1 MB: first peak ${(peak / 2 ** 20).toFixed(1)} MiB, max ${(max / 2 ** 20).toFixed(1)} MiB` +
    (grewAt ? `, GREW at run ${grewAt}` : ', never grew past the first peak') + ` (${results.memory.seconds.toFixed(0)} s)`);
}

// 10 MB costs at most 11 times 1 MB (linear time): wasm, median of 3 runs each.
if (want('scale')) {
  const one = corpus(1_000_000);
  const ten = corpus(10_000_000);
  const s1 = time(() => wasm.analyze(one), 3);
  const s10 = time(() => wasm.analyze(ten), 3);
  results.scale = { s1, s10, ratio: s10 / s1 };
  console.log(`scale: 1 MB ${(s1 * 1000).toFixed(0)} ms, 10 MB ${(s10 * 1000).toFixed(0)} ms: ratio ${(s10 / s1).toFixed(2)} (target <= 11)`);
}

const fails = [];
if (results.ratios['wasm/compromise'] !== undefined && results.ratios['wasm/compromise'] < 100) fails.push('wasm < 100x compromise');
if (results.ratios['wasm/native'] !== undefined && results.ratios['wasm/native'] < 0.5) fails.push('wasm slower than native / 2');
if (results.scale && results.scale.ratio > 11) fails.push('10 MB > 11x 1 MB');
if (results.memory?.grewAt) fails.push('wasm memory grew after the first run');
console.log(fails.length ? `targets missed: ${fails.join('; ')}` : 'targets met');
if (o.json) writeFileSync(o.json, JSON.stringify(results, null, 2));
process.exitCode = fails.length ? 1 : 0;

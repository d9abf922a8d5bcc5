// Writes a JSON Lines corpus for `article-analyzer analyze --jsonl`: the sample articles
// (www/sample.txt, www/sample-revised.txt), one per line with an "id", until --mb megabytes.
//   node bench/node/make-jsonl.mjs --mb 20 > corpus.jsonl
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const mb = Number(args.includes('--mb') ? args[args.indexOf('--mb') + 1] : 20);
const articles = ['sample.txt', 'sample-revised.txt'].map((f) => readFileSync(join(ROOT, 'www', f), 'utf8'));
let n = 0;
const lines = [];
for (let i = 0; n < mb * 1e6; i++) {
  const line = JSON.stringify({ id: i, text: articles[i % articles.length] });
  lines.push(line);
  n += Buffer.byteLength(line) + 1;
}
process.stdout.write(`${lines.join('\n')}\n`);

// serve.mjs: a tiny static file server for www/ with no dependencies.
//
// Sends the right Content-Type for every file the page uses (application/wasm for .wasm, so
// WebAssembly.instantiateStreaming works), refuses paths outside the root, and answers GET and
// HEAD only. Listens on 127.0.0.1.
//
//   node scripts/serve.mjs [--root DIR] [--port N]     (PORT env also works; 0 = any free port)
//
// Also importable: `startServer({ root, port })` resolves to `{ server, url, close }`.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under `root`, or null when it would leave `root`. */
function resolvePath(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

/** Starts the server; resolves once it listens. */
export function startServer({ root = 'www', port = 0, host = '127.0.0.1', quiet = true } = {}) {
  const absRoot = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    const file = resolvePath(absRoot, req.url ?? '/');
    if (!file) return send(400, 'bad path\n');
    let info;
    try {
      info = await stat(file);
    } catch {
      if (!quiet) console.log(`404 ${req.url}`);
      return send(404, 'not found\n');
    }
    if (info.isDirectory()) {
      res.writeHead(301, { Location: `${req.url.split('?')[0]}/` });
      return res.end();
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      const url = `http://${host}:${actual}/`;
      resolveStart({ server, url, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

function parseArgs(argv) {
  const opts = { root: 'www', port: Number(process.env.PORT ?? 8080) };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') opts.root = argv[++i];
    else if (argv[i] === '--port') opts.port = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('bad port');
  return opts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  let started;
  try {
    started = await startServer({ ...opts, quiet: false });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    console.error(`port ${opts.port} is busy; using a free port instead`);
    started = await startServer({ ...opts, port: 0, quiet: false });
  }
  console.log(`Serving ${resolve(opts.root)} at ${started.url}  (Ctrl-C to stop)`);
  const stop = () => started.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

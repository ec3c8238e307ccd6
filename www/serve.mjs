// A tiny static server for the web demo: no dependencies, no network.
//
//   /            -> www/            (the page, its scripts and styles)
//   /pkg/web/*   -> pkg/web/*       (the wasm package built by `make pkg`)
//   /vendor/uqr.mjs -> the `uqr` QR library's ES module from node_modules
//
// `node www/serve.mjs` serves on http://127.0.0.1:8080/ (PORT and HOST
// override; PORT=0 picks a free port) and prints the URL. Tests import
// startServer() instead.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(WWW, '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

function resolveVendor(name) {
  try {
    return fileURLToPath(import.meta.resolve(name));
  } catch {
    return null;
  }
}

const VENDOR = { '/vendor/uqr.mjs': () => resolveVendor('uqr') };

// The page's Content-Security-Policy: scripts and styles from this origin
// only, no inline script, no eval ('wasm-unsafe-eval' lets the engine's
// WebAssembly compile, nothing else), images from this origin or data: URLs
// (the favicon), fetches to this origin (the .wasm). index.html carries the
// same policy in a <meta> for other static servers; frame-ancestors works
// only as a header.
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// The browser test and anything under it is not part of the site.
const HIDDEN = [path.join(WWW, 'tests')];

const within = (dir, file) => file === dir || file.startsWith(dir + path.sep);

// Maps a URL pathname (still percent-encoded) to a file under a served
// root, or null. The path is decoded first and then normalised, so an
// encoded slash or dot (`/%2Ftests/`, `/..%2F..%2FCargo.toml`) is judged
// like the plain path it spells; the file found must lie under the root
// its prefix names and outside the hidden folders.
export function mapPath(rawPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return null;
  const urlPath = path.posix.normalize(decoded);
  if (VENDOR[urlPath]) return VENDOR[urlPath]();
  let base = WWW;
  let rest = urlPath;
  if (urlPath.startsWith('/pkg/web/')) {
    base = path.join(ROOT, 'pkg', 'web');
    rest = urlPath.slice('/pkg/web'.length);
  }
  if (rest.endsWith('/')) rest += 'index.html';
  const file = path.resolve(base, '.' + rest);
  if (!within(base, file) || HIDDEN.some((dir) => within(dir, file))) return null;
  return file;
}

function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let urlPath;
  try {
    urlPath = new URL(req.url, 'http://localhost').pathname;
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  const file = mapPath(urlPath);
  fs.stat(file ?? '', (err, st) => {
    if (err || !st.isFile()) {
      const hint = urlPath.startsWith('/pkg/web/') ? ' (run `make pkg` to build the wasm package)' : '';
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found${hint}\n`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': st.size,
      'Cache-Control': 'no-store',
      // Cross-origin isolation gives performance.now() its fine resolution,
      // so the engine time shown on the page is meaningful.
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CSP,
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
}

export function startServer({ port = 8080, host = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handle);
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({ server, url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${addr.port}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  const host = process.env.HOST || '127.0.0.1';
  if (!fs.existsSync(path.join(ROOT, 'pkg', 'web', 'sharecart.js'))) {
    console.warn('warning: pkg/web/sharecart.js is missing; run `make pkg` first (or `make demo`).');
  }
  if (!resolveVendor('uqr')) {
    console.warn('warning: the `uqr` package is not installed; the page will show share codes without a QR code.');
  }
  startServer({ port, host }).then(({ url }) => {
    console.log(`sharecart demo: ${url}`);
    console.log('Press Ctrl+C to stop.');
  }, (err) => {
    console.error(`cannot serve on ${host}:${port}: ${err.message}${err.code === 'EADDRINUSE' ? ' (try PORT=8081 make demo)' : ''}`);
    process.exit(1);
  });
}

// The demo server (www/serve.mjs) serves www/, pkg/web/ and the QR module,
// and nothing else: raw HTTP requests with encoded slashes, dots and
// backslashes must not reach the browser test, the repository or the file
// system. Every 200 carries the Content-Security-Policy, and index.html's
// <meta> policy is the same one without the header-only frame-ancestors.
//
//   node www/tests/serve.mjs            (make test-web runs it)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP, mapPath, startServer } from '../serve.mjs';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let passed = 0;
const failures = [];
function eq(name, got, want) {
  if (got === want) passed++;
  else failures.push(`${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

// The path goes on the wire exactly as written (no client-side normalising).
function get(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const REFUSED = [
  '/tests/browser.mjs',
  '/tests/',
  '/%2Ftests/browser.mjs', // the bypass: decodes to //tests/, which the old prefix check missed
  '/%2ftests/serve.mjs',
  '//tests/browser.mjs',
  '/tests%2Fbrowser.mjs',
  '/./tests/browser.mjs',
  '/x/../tests/browser.mjs',
  '/x/..%2Ftests/browser.mjs',
  '/%2e%2e/Cargo.toml',
  '/..%2FCargo.toml',
  '/..%2F..%2F..%2Fetc%2Fpasswd',
  '/%2E%2E%2F%2E%2E%2Fetc/passwd',
  '/pkg/web/..%2F..%2FCargo.toml',
  '/pkg/web/%2e%2e/%2e%2e/Makefile',
  '/pkg/%2e%2e/Makefile',
  '/%5C..%5CCargo.toml',
  '/..%5C..%5CCargo.toml',
  '/index.html%00.png',
  '/%ZZ',
  '/www/index.html',
  '/vendor/../../Cargo.toml',
  '/vendor/%2e%2e%2f%2e%2e%2fCargo.toml',
];

const { server, url } = await startServer({ port: 0 });
const port = new URL(url).port;
try {
  for (const p of REFUSED) {
    const res = await get(port, p);
    eq(`GET ${p} is refused`, res.status === 404 || res.status === 400, true);
    eq(`GET ${p} leaks nothing`, /import|\[package\]|root:|sharecart build glue/.test(res.body), false);
  }
  for (const p of ['/', '/index.html', '/app.js', '/style.css', '/%61pp.js']) {
    const res = await get(port, p);
    eq(`GET ${p}`, res.status, 200);
    eq(`GET ${p} has the CSP header`, res.headers['content-security-policy'], CSP);
  }
  eq('mapPath of the encoded-slash bypass', mapPath('/%2Ftests/browser.mjs'), null);
  eq('mapPath of a plain page', mapPath('/app.js'), path.join(WWW, 'app.js'));
  eq('mapPath of the root', mapPath('/'), path.join(WWW, 'index.html'));

  const html = fs.readFileSync(path.join(WWW, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  eq('index.html meta CSP == header CSP without frame-ancestors', meta, CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '));
  eq('index.html has no inline script', /<script(?![^>]*\bsrc=)[^>]*>/.test(html), false);
  eq('index.html has no inline style', /\sstyle=|<style/.test(html), false);
} finally {
  server.close();
}

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`serve: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);

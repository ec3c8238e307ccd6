// The consumer test of the npm package (issue 12; SPEC 10, 11): what a team
// that installs pkg/sharecart-<version>.tgz gets. `make test-package` runs it
// after `make npm`. Each case installs the tarball, offline, into a fresh
// temporary project (the package has no dependencies, so nothing is fetched)
// and uses it as that kind of project would:
//
//  (a) Node ESM   `import { priceCart, priceCartJson } from 'sharecart'`
//  (b) Node CJS   `require('sharecart')`, no init()
//      both: examples/spec-cart.json priced to exactly the bytes of
//      `target/release/sharecart price` (same build), text twin and object API;
//  (c) Vite       `vite build` of a tiny page (the .wasm found by Vite itself);
//  (d) esbuild    `esbuild --bundle` of the same page, the .wasm through its
//                 file loader (`import wasmUrl from 'sharecart/sharecart_bg.wasm'`);
//  (g) a plain <script type="module"> importing node_modules/sharecart/web.mjs;
//  (h) webpack 5 with no configuration (the .wasm found by webpack itself);
//      (c), (d), (g), (h) load in headless Chromium, price the cart to the CLI's
//      bytes and run the SPEC 10 boundary checks (tests/js/boundary.mjs:
//      non-strings, lone surrogates, a forced trap → engineFault → the next
//      call works, the memory high-water mark);
//  (e) `tsc --strict --noEmit` on typed.ts (narrows a line result on
//      `status`, switches exhaustively on coupon reasons, catches a
//      SharecartError) passes, and on typo.ts (`'aplied'`) fails with TS2367;
//  (f) the `miniprogram` folder copied as WeChat DevTools' 构建 npm copies it
//      (to miniprogram_npm/sharecart/) runs in the mini-program sandbox
//      (tests/js/miniprogram-sandbox.mjs --package-dir ...), every vector.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin');
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const tarball = join(root, 'pkg', `sharecart-${version}.tgz`);
const CHROMIUM = '/usr/bin/chromium';
const results = [];
const failures = [];
const check = (ok, message) => {
  results.push(message);
  if (!ok) failures.push(message);
};

if (!existsSync(tarball)) {
  console.error(`package consumer test: ${tarball} is missing; run \`make npm\``);
  process.exit(1);
}
execFileSync('cargo', ['build', '--release', '--bin', 'sharecart', '--quiet'], { cwd: root, stdio: 'inherit' });
const requestText = readFileSync(join(root, 'examples', 'spec-cart.json'), 'utf8');
const cliOut = execFileSync(join(root, 'target', 'release', 'sharecart'), ['price'], { input: requestText, encoding: 'utf8' });
const want = cliOut.trimEnd();

const work = mkdtempSync(join(tmpdir(), 'sharecart-consumer-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** A fresh project with the tarball installed offline. */
function project(name, files = {}) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function node(dir, file) {
  const out = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  return out.status === 0 ? out.stdout : `exit ${out.status}: ${out.stderr}`;
}

// ---- (a) Node ESM, (b) Node CJS ----------------------------------------------------
const nodeScript = (load) => `${load}
const text = readFileSync(new URL('./spec-cart.json', ${load.startsWith('import') ? 'import.meta.url' : "require('node:url').pathToFileURL(__filename)"}), 'utf8');
const viaText = priceCartJson(text);
const viaObject = JSON.stringify(priceCart(JSON.parse(text)));
if (viaObject !== viaText) throw new Error('object API differs from the text twin');
process.stdout.write(viaText);
`;
{
  const dir = project('node-esm', { 'spec-cart.json': requestText });
  writeFileSync(join(dir, 'main.mjs'), nodeScript("import { readFileSync } from 'node:fs';\nimport { priceCart, priceCartJson } from 'sharecart';"));
  const got = node(dir, 'main.mjs');
  check(got === want, `(a) Node ESM prices examples/spec-cart.json to the CLI's bytes${got === want ? '' : `\n  got  ${got.slice(0, 300)}\n  want ${want.slice(0, 300)}`}`);
}
{
  const dir = project('node-cjs', { 'spec-cart.json': requestText });
  writeFileSync(join(dir, 'main.cjs'), nodeScript("const { readFileSync } = require('node:fs');\nconst { priceCart, priceCartJson } = require('sharecart');"));
  const got = node(dir, 'main.cjs');
  check(got === want, `(b) Node CommonJS prices examples/spec-cart.json to the CLI's bytes${got === want ? '' : `\n  got  ${got.slice(0, 300)}\n  want ${want.slice(0, 300)}`}`);
}

// ---- (c) Vite, (d) esbuild, (g) plain <script type="module"> ----------------------------
const boundarySource = readFileSync(join(root, 'tests', 'js', 'boundary.mjs'), 'utf8');
const pageMain = (importLine, initCall) => `${importLine}
import { boundaryChecks } from './boundary.mjs';
import requestText from './request.js';

(async () => {
  try {
    ${initCall}
    const result = sharecart.priceCartJson(requestText);
    const object = JSON.stringify(sharecart.priceCart(JSON.parse(requestText)));
    const boundary = boundaryChecks(sharecart, () => window.__instances.at(-1), () => window.__instances.length);
    window.__done = { result, object, boundary };
  } catch (error) {
    window.__done = { error: String(error && error.stack || error) };
  }
})();
`;
const pageFiles = (main) => ({
  'index.html': '<!doctype html><meta charset="utf-8"><title>sharecart consumer</title><script type="module" src="./main.js"></script>\n',
  'main.js': main,
  'boundary.mjs': boundarySource,
  'request.js': `export default ${JSON.stringify(requestText)};\n`,
});

const pages = [];
{
  const dir = project('vite', pageFiles(pageMain("import * as sharecart from 'sharecart';", 'await sharecart.init();')));
  const out = spawnSync(join(bin, 'vite'), ['build', '--logLevel', 'warn', '--outDir', 'dist', '--base', './'], { cwd: dir, encoding: 'utf8' });
  check(out.status === 0, `(c) vite build succeeds${out.status === 0 ? '' : `: ${out.stdout}${out.stderr}`}`);
  pages.push({ label: '(c) Vite build', dir: join(dir, 'dist'), path: '/index.html' });
}
{
  const main = pageMain("import * as sharecart from 'sharecart';\nimport wasmUrl from 'sharecart/sharecart_bg.wasm';", 'await sharecart.init(new URL(wasmUrl, import.meta.url));');
  const dir = project('esbuild', pageFiles(main));
  const out = spawnSync(join(bin, 'esbuild'), ['main.js', '--bundle', '--format=esm', '--platform=browser', '--outdir=dist',
    '--loader:.wasm=file', '--log-level=warning'], { cwd: dir, encoding: 'utf8' });
  check(out.status === 0, `(d) esbuild --bundle succeeds${out.status === 0 ? '' : `: ${out.stderr}`}`);
  copyFileSync(join(dir, 'index.html'), join(dir, 'dist', 'index.html'));
  pages.push({ label: '(d) esbuild bundle', dir: join(dir, 'dist'), path: '/index.html' });
}
{
  // webpack 5 with no configuration file: production mode, src/index.js → dist/main.js.
  const files = pageFiles(pageMain("import * as sharecart from 'sharecart';", 'await sharecart.init();'));
  const dir = project('webpack', Object.fromEntries(Object.entries(files).map(([k, v]) => [k === 'index.html' ? 'dist/index.html' : `src/${k === 'main.js' ? 'index.js' : k}`, v])));
  const out = spawnSync(join(bin, 'webpack'), ['--mode', 'production', '--no-stats'], { cwd: dir, encoding: 'utf8' });
  check(out.status === 0, `(h) webpack (no config) succeeds${out.status === 0 ? '' : `: ${out.stdout}${out.stderr}`}`);
  pages.push({ label: '(h) webpack bundle', dir: join(dir, 'dist'), path: '/index.html' });
}
{
  const main = pageMain("import * as sharecart from './node_modules/sharecart/web.mjs';", 'await sharecart.init();');
  const dir = project('script-module', pageFiles(main));
  pages.push({ label: '(g) plain <script type="module">', dir, path: '/index.html' });
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
function serve(dir) {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
      const file = join(dir, path);
      if (!file.startsWith(dir) || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

if (pages.length) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    for (const { label, dir, path } of pages) {
      if (!existsSync(join(dir, 'index.html'))) continue;
      const server = await serve(dir);
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      // Every instance the package makes, so the boundary checks can break one.
      await page.addInitScript(() => {
        window.__instances = [];
        const Real = WebAssembly.Instance;
        WebAssembly.Instance = new Proxy(Real, {
          construct(target, args) {
            const instance = Reflect.construct(target, args);
            window.__instances.push(instance);
            return instance;
          },
        });
      });
      try {
        await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
        await page.waitForFunction(() => window.__done !== undefined, null, { timeout: 60000 });
        const done = await page.evaluate(() => window.__done);
        if (done.error) {
          check(false, `${label}: the page failed: ${done.error}`);
        } else {
          check(done.result === want && done.object === want, `${label}: prices examples/spec-cart.json in Chromium to the CLI's bytes${done.result === want ? '' : `\n  got  ${done.result.slice(0, 300)}`}`);
          check(done.boundary.failures.length === 0, `${label}: ${done.boundary.checks} SPEC 10 boundary checks in Chromium${done.boundary.failures.length ? `\n  ${done.boundary.failures.join('\n  ')}` : ''}`);
        }
      } catch (error) {
        check(false, `${label}: ${error.message}${errors.length ? `\n  page errors: ${errors.join('\n  ')}` : ''}`);
      } finally {
        await page.close();
        server.close();
      }
    }
  } finally {
    await browser.close();
  }
}

// ---- (e) TypeScript --------------------------------------------------------------------
{
  const typed = readFileSync(join(root, 'tests', 'package', 'typed.ts'), 'utf8');
  const typo = readFileSync(join(root, 'tests', 'package', 'typo.ts'), 'utf8');
  const tsconfig = (file) => JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [] },
    files: [file],
  });
  const dir = project('typescript', { 'typed.ts': typed, 'typo.ts': typo, 'tsconfig.typed.json': tsconfig('typed.ts'), 'tsconfig.typo.json': tsconfig('typo.ts') });
  const tsc = (config) => spawnSync(join(bin, 'tsc'), ['-p', config], { cwd: dir, encoding: 'utf8' });
  const good = tsc('tsconfig.typed.json');
  check(good.status === 0, `(e) tsc --strict --noEmit accepts typed.ts${good.status === 0 ? '' : `:\n${good.stdout}${good.stderr}`}`);
  const bad = tsc('tsconfig.typo.json');
  const typoCaught = bad.status !== 0 && /typo\.ts\(\d+,\d+\): error TS2367/.test(bad.stdout) && bad.stdout.includes('"aplied"');
  check(typoCaught, `(e) tsc --strict --noEmit rejects typo.ts ('aplied' is not a coupon status: TS2367)${typoCaught ? '' : `; got exit ${bad.status}:\n${bad.stdout}${bad.stderr}`}`);
}

// ---- (f) the mini-program folder, as 构建 npm copies it ------------------------------------
{
  const dir = project('miniprogram');
  const from = join(dir, 'node_modules', 'sharecart');
  const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  const folder = join(from, manifest.miniprogram ?? 'missing');
  check(typeof manifest.miniprogram === 'string' && existsSync(folder), `(f) package.json names a miniprogram folder (${manifest.miniprogram})`);
  const to = join(dir, 'miniprogram_npm', 'sharecart');
  mkdirSync(to, { recursive: true });
  if (existsSync(folder)) cpSync(folder, to, { recursive: true });
  const out = spawnSync(process.execPath, [join(root, 'tests', 'js', 'miniprogram-sandbox.mjs'), '--package-dir', to], { cwd: root, encoding: 'utf8' });
  const summary = (out.stdout + out.stderr).trim().split('\n').filter((l) => /passed|failed|vectors/.test(l)).join('; ');
  check(out.status === 0, `(f) miniprogram_npm/sharecart/ (the package's miniprogram folder) in the sandbox: ${out.status === 0 ? summary : `\n${out.stdout}${out.stderr}`}`);
}

for (const line of results) console.log(`  ${failures.includes(line) ? 'FAIL' : 'ok  '} ${line.split('\n')[0]}`);
if (failures.length) {
  console.error(failures.join('\n'));
  console.error(`package consumer test: ${failures.length} of ${results.length} failed`);
  process.exit(1);
}
console.log(`package consumer test (${tarball.slice(root.length + 1)}): ${results.length} passed`);

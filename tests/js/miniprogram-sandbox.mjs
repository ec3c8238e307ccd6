// The mini-program build (pkg/miniprogram, SPEC 11) inside a sandbox that
// behaves like a WeChat mini-program: a node:vm context with no global
// WebAssembly, no TextEncoder/TextDecoder, no fetch, no eval / new Function;
// a WXWebAssembly whose instantiate(path, imports) takes only a path inside
// the package (.wasm, or .wasm.br which it decompresses); and a require that
// serves only the package's files. The host's WebAssembly (never exposed to
// the sandbox) does the instantiation.
//
// In two sandboxes (one loading sharecart.wasm, one sharecart.wasm.br) it
// runs every golden pricing vector through the text entry points and the
// object entry points, and every share-code vector through whichever
// share-code functions the build exports, and compares each outcome byte for
// byte with the native CLI (target/release/sharecart) and with the vector.
// It also checks: errors leave the instance usable; a wrong path gives a
// clear error; the module exports no globals; wasm-tools validate
// --features=mvp passes; the bundled UTF-8 codec behaves like the platform's.
// Then it runs the example mini-program (examples/miniprogram: app.js, the
// cart and share pages) in a third sandbox against native figures.
// docs/miniprogram.md describes all of it.
//
// Run after `make miniprogram`: node tests/js/miniprogram-sandbox.mjs
// With `--package-dir DIR` it mounts DIR instead of pkg/miniprogram and the
// test page loads it as WeChat DevTools' 构建 npm arranges it
// (`require('sharecart')` → /miniprogram_npm/sharecart/index.js): the
// package consumer test (tests/package/consumer.mjs) points it at the
// `miniprogram` folder of the installed npm tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdtempSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import vm from 'node:vm';
import { brotliDecompressSync } from 'node:zlib';
import { root, loadPricingVectors, loadShareVectors, judge, report } from './vectors.mjs';

const packageDirArg = process.argv.indexOf('--package-dir');
const pkgDir = packageDirArg > 0 ? process.argv[packageDirArg + 1] : join(root, 'pkg', 'miniprogram');
const viaNpm = packageDirArg > 0; // the page does require('sharecart'), as after 构建 npm
const exampleDir = join(root, 'examples', 'miniprogram');
const PACKAGE_MOUNT = '/miniprogram_npm/sharecart/'; // where the sandbox's mini-program holds the build
const SHARE_FUNCTIONS = ['encodeShareCode', 'decodeShareCode', 'encodeShareCodeJson', 'decodeShareCodeJson'];
const env = {
  ...process.env,
  PATH: [join(homedir(), '.cargo', 'bin'), join(root, 'node_modules', '.bin'), process.env.PATH].join(':'),
};

const failures = [];
let checks = 0;
const check = (ok, message) => {
  checks++;
  if (!ok) failures.push(message);
};

for (const file of ['sharecart.js', 'sharecart.wasm', 'sharecart.wasm.br', 'sharecart.d.ts']) {
  if (!existsSync(join(pkgDir, file))) {
    console.error(`miniprogram sandbox: ${join(pkgDir, file)} is missing; run \`make miniprogram\` first`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------
// The sandbox

// The sandbox's code package: examples/miniprogram/, with the fresh build
// mounted at /miniprogram_npm/sharecart/ (whatever a developer copied there
// is not used).
function packageFile(virtualPath) {
  if (typeof virtualPath !== 'string') return null;
  const normal = posix.normalize(virtualPath.startsWith('/') ? virtualPath : `/${virtualPath}`);
  if (normal.startsWith(PACKAGE_MOUNT)) {
    const name = normal.slice(PACKAGE_MOUNT.length);
    return name && !name.includes('/') ? join(pkgDir, name) : null;
  }
  return join(exampleDir, normal.slice(1));
}

function makeSandbox(label) {
  const instantiated = []; // host side: { path, module, instance }
  const context = vm.createContext({}, {
    name: `mini-program sandbox (${label})`,
    codeGeneration: { strings: false, wasm: false },
  });
  vm.runInContext('delete globalThis.WebAssembly;', context);

  // Host side of WXWebAssembly.instantiate: only the path of a .wasm or
  // .wasm.br file inside the code package.
  const instantiateHost = (path, imports) => {
    if (typeof path !== 'string') {
      return Promise.reject(new TypeError(`WXWebAssembly.instantiate: the first argument must be a path string inside the code package, got ${Object.prototype.toString.call(path)}`));
    }
    const file = /\.wasm(\.br)?$/.test(path) ? packageFile(path) : null;
    if (!file || !existsSync(file)) {
      return Promise.reject(new Error(`WXWebAssembly.instantiate: no .wasm or .wasm.br file at "${path}" in the code package`));
    }
    let bytes = readFileSync(file);
    if (file.endsWith('.br')) bytes = brotliDecompressSync(bytes);
    return WebAssembly.instantiate(bytes, imports).then(({ module, instance }) => {
      instantiated.push({ path, module, instance });
      return { module, instance };
    });
  };

  // Host side of require: only the code package's .js files.
  const readModule = (virtualPath) => {
    const file = virtualPath.endsWith('.js') ? packageFile(virtualPath) : null;
    return file && existsSync(file) ? readFileSync(file, 'utf8') : null;
  };
  const compile = (source, filename) => vm.compileFunction(source, ['module', 'exports', 'require'], {
    parsingContext: context, filename,
  });
  // Host side of wx.request: `network.handler(request)` returns {success:
  // {statusCode, data}} or {fail: {errMsg}}; answered on a later turn.
  const network = { handler: () => ({ fail: { errMsg: 'request:fail no network in this sandbox' } }), requests: [] };
  const request = (text, answer) => {
    const sent = JSON.parse(text);
    network.requests.push(sent);
    const outcome = JSON.stringify(network.handler(sent));
    setImmediate(() => answer(outcome));
  };
  const bridge = { instantiateHost, readModule, compile, request, log: (...args) => console.log(`  [${label}]`, ...args) };
  context.__host = bridge;
  vm.runInContext(SANDBOX_RUNTIME, context);

  // The "page" that drives the engine: texts in, texts out, so every
  // object the engine sees is made in the sandbox's realm.
  const page = compile(PAGE_SOURCE, 'sandbox:/pages/test/index.js');
  const pageModule = vm.runInContext('({ exports: {} })', context);
  page.call(pageModule.exports, pageModule, pageModule.exports, vm.runInContext('__runtime.requireFrom("/pages/test")', context));
  return { context, page: pageModule.exports, runtime: vm.runInContext('__runtime', context), instantiated, label, network };
}

// Sandbox side: console, WXWebAssembly, CommonJS require, and the bits of
// the mini-program framework the example uses (App, Page, getApp, wx).
const SANDBOX_RUNTIME = String.raw`(function () {
  'use strict';
  var host = globalThis.__host;
  delete globalThis.__host;
  globalThis.console = {
    log: function () { host.log.apply(null, arguments); },
    warn: function () { host.log.apply(null, arguments); },
    error: function () { host.log.apply(null, arguments); },
  };
  globalThis.WXWebAssembly = Object.freeze({
    instantiate: function instantiate(path, imports) {
      return new Promise(function (resolve, reject) {
        host.instantiateHost(path, imports).then(
          function (result) { resolve({ module: result.module, instance: result.instance }); },
          function (error) { reject(new Error(String(error && error.message))); });
      });
    },
  });
  var cache = {};
  function resolvePath(spec, fromDir) {
    // A bare name is an npm package built by 构建 npm: miniprogram_npm/NAME/index.js.
    if (/^[^./]/.test(spec)) return '/miniprogram_npm/' + spec + '/index.js';
    var parts = (spec.charAt(0) === '/' ? spec : fromDir + '/' + spec).split('/');
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === '' || parts[i] === '.') continue;
      if (parts[i] === '..') out.pop(); else out.push(parts[i]);
    }
    var path = '/' + out.join('/');
    return /\.js$/.test(path) ? path : path + '.js';
  }
  function requireFrom(fromDir) {
    return function require(spec) {
      if (typeof spec !== 'string') throw new Error('require: a module path must be a string');
      var path = resolvePath(spec, fromDir);
      if (cache[path]) return cache[path].exports;
      var source = host.readModule(path);
      if (source === null) throw new Error('module "' + spec + '" is not defined (resolved to ' + path + ')');
      var module = { exports: {} };
      cache[path] = module;
      host.compile(source, 'sandbox:' + path).call(module.exports, module, module.exports,
        requireFrom(path.slice(0, path.lastIndexOf('/'))));
      return module.exports;
    };
  }

  // A small App/Page runtime: enough to load the example and drive its pages.
  var app = null;
  var definitions = {};
  var registering = null;
  var wxCalls = [];
  globalThis.App = function (definition) { app = definition; };
  globalThis.getApp = function () { return app; };
  globalThis.Page = function (definition) { definitions[registering] = definition; };
  globalThis.wx = {
    navigateTo: function (options) { wxCalls.push(['navigateTo', options.url]); },
    setClipboardData: function (options) { wxCalls.push(['setClipboardData', options.data]); },
    // The network is the host's: the test decides whether the server
    // answers, fails, or the phone is offline. Callbacks come later, as in WeChat.
    request: function (options) {
      wxCalls.push(['request', options.url]);
      host.request(JSON.stringify({ url: options.url, method: options.method, header: options.header, data: options.data }), function (outcome) {
        var answer = JSON.parse(outcome);
        if (answer.fail) { if (options.fail) options.fail(answer.fail); } else if (options.success) options.success(answer.success);
        if (options.complete) options.complete(answer.fail || answer.success);
      });
    },
  };
  globalThis.__runtime = {
    requireFrom: requireFrom,
    loadApp: function () {
      requireFrom('/')('/app.js');
      if (!app) throw new Error('app.js did not call App()');
      if (app.onLaunch) app.onLaunch({});
      return app;
    },
    // A page instance: the definition's members, its data, and a setData
    // that, like WeChat's, sends only JSON to the view layer.
    openPage: function (route, query) {
      registering = route;
      requireFrom('/')('/' + route + '.js');
      var definition = definitions[route];
      if (!definition) throw new Error(route + ' did not call Page()');
      var page = {};
      Object.keys(definition).forEach(function (key) { page[key] = definition[key]; });
      page.route = route;
      page.data = JSON.parse(JSON.stringify(definition.data || {}));
      page.setData = function (patch) {
        var copy = JSON.parse(JSON.stringify(patch));
        Object.keys(copy).forEach(function (key) { page.data[key] = copy[key]; });
      };
      if (page.onLoad) page.onLoad(query || {});
      return page;
    },
    event: function (dataset) { return { currentTarget: { dataset: dataset } }; },
    wxCalls: function () { return JSON.stringify(wxCalls); },
    json: function (value) { return JSON.stringify(value); },
  };
})();`;

const PAGE_SOURCE = String.raw`
'use strict';
var sharecart = require(${viaNpm ? "'sharecart'" : "'../../miniprogram_npm/sharecart/sharecart.js'"});

function outcome(thunk) {
  try {
    var value = thunk();
    return JSON.stringify({ ok: true, text: typeof value === 'string' ? value : JSON.stringify(value) });
  } catch (e) {
    return JSON.stringify({ ok: false, isError: e instanceof Error, code: e && e.code, path: e && e.path, message: e && e.message });
  }
}

module.exports = {
  environment: function () {
    var evalBlocked = false;
    try { (0, eval)('1'); } catch (e) { evalBlocked = e instanceof EvalError; }
    return JSON.stringify({
      WebAssembly: typeof WebAssembly, TextEncoder: typeof TextEncoder, TextDecoder: typeof TextDecoder,
      fetch: typeof fetch, WXWebAssembly: typeof WXWebAssembly, process: typeof process, evalBlocked: evalBlocked,
    });
  },
  keys: function () { return JSON.stringify(Object.keys(sharecart).filter(function (k) { return typeof sharecart[k] === 'function'; })); },
  defaultWasmPath: function () { return sharecart.defaultWasmPath; },
  // Resolves to 'ok' (init resolved to the module itself) or to the error.
  init: function (path) {
    var call = arguments.length ? function () { return sharecart.init(path); } : function () { return sharecart.init(); };
    return call().then(function (m) { return m === sharecart ? 'ok' : 'init resolved to something else'; },
      function (e) { return JSON.stringify({ isError: e instanceof Error, name: e && e.name, message: e && e.message }); });
  },
  callText: function (name, text) { return outcome(function () { return sharecart[name](text); }); },
  callObject: function (name, argsText) {
    var args = JSON.parse(argsText);
    return outcome(function () { return sharecart[name].apply(null, args); });
  },
  // Values no JSON text holds; each must be invalidJson at "" (SPEC 0).
  oddInputs: function (baseText) {
    var base = JSON.parse(baseText);
    var cycle = JSON.parse(baseText);
    cycle.self = cycle;
    var throwing = JSON.parse(baseText);
    throwing.lines[0].listPrice = { toJSON: function () { throw new Error('thrown by toJSON'); } };
    return JSON.stringify([
      outcome(function () { return sharecart.priceCart(cycle); }),
      outcome(function () { return sharecart.priceCart(Object.assign({}, base, { now: BigInt(1) })); }),
      outcome(function () { return sharecart.priceCart(undefined); }),
      outcome(function () { return sharecart.priceCart(throwing); }),
      outcome(function () { return sharecart.priceCartJson('['.repeat(200000)); }),
      outcome(function () { return sharecart.previewShareCard(cycle); }),
    ]);
  },
  manyErrors: function (count) {
    var cycle = {};
    cycle.self = cycle;
    var thrown = 0;
    for (var i = 0; i < count; i++) {
      try { sharecart.priceCartJson('{"now":'); } catch (e) { thrown++; }
      try { sharecart.priceCart(cycle); } catch (e) { thrown++; }
      try { sharecart.previewShareCardJson('{"now":0,"lines":[]}'); } catch (e) { thrown++; }
    }
    return thrown;
  },
};
`;

const parse = (text) => JSON.parse(text);

// ---------------------------------------------------------------------------
// Native reference: the CLI

const cli = join(root, 'target', 'release', 'sharecart');
{
  const built = spawnSync('cargo', ['build', '--release', '--bin', 'sharecart', '--quiet'], { cwd: root, env, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('miniprogram sandbox: `cargo build --release --bin sharecart` failed; the native reference is needed');
    process.exit(1);
  }
}
const runCli = (args, input) => {
  const out = spawnSync(cli, args, { input, encoding: 'utf8' });
  if (out.status === 0) return { ok: true, stdout: out.stdout };
  if (out.status === 2) return { ok: false, error: JSON.parse(out.stderr).error };
  return { status: out.status, stderr: out.stderr };
};

/** Sandbox outcome vs CLI outcome, byte for byte. Returns a problem or null. */
function sameAsNative(name, got, native) {
  if (native.status !== undefined) return `${name}: native CLI exit ${native.status}: ${native.stderr}`;
  if (native.ok !== got.ok) {
    return `${name}: native ${native.ok ? 'succeeds' : `fails (${native.error.code})`}, sandbox ${got.ok ? 'succeeds' : `fails (${got.code})`}`;
  }
  if (got.ok) return native.stdout === `${got.text}\n` ? null : `${name}: output differs from native\n  native  ${native.stdout.trimEnd()}\n  sandbox ${got.text}`;
  if (!got.isError) return `${name}: the sandbox threw something that is not an Error`;
  const n = native.error;
  return n.code === got.code && n.path === got.path && n.message === got.message ? null
    : `${name}: error differs from native\n  native  ${JSON.stringify(n)}\n  sandbox ${JSON.stringify({ code: got.code, path: got.path, message: got.message })}`;
}

const asJudged = (o) => (o.ok ? { text: o.text } : { code: o.code, path: o.path });

// ---------------------------------------------------------------------------
// Static checks: MVP, exports, the codec

// 1. wasm-tools validate --features=mvp, and proof that it does reject a
// post-MVP module (a reference-types table).
const validate = (file) => spawnSync('wasm-tools', ['validate', '--features=mvp', file], { env, encoding: 'utf8' });
{
  const result = validate(join(pkgDir, 'sharecart.wasm'));
  if (result.error) {
    console.error(`miniprogram sandbox: cannot run wasm-tools (${result.error.message}); make miniprogram installs it`);
    process.exit(1);
  }
  check(result.status === 0, `wasm-tools validate --features=mvp rejects pkg/miniprogram/sharecart.wasm:\n${result.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'sharecart-mvp-'));
  try {
    const wat = join(dir, 'post-mvp.wat');
    const wasm = join(dir, 'post-mvp.wasm');
    writeFileSync(wat, '(module (table 1 externref) (func (export "f") (param i32) (result i32) local.get 0 i32.extend8_s))');
    execFileSync('wasm-tools', ['parse', wat, '-o', wasm], { env });
    check(validate(wasm).status !== 0, 'wasm-tools validate --features=mvp accepts a reference-types module: the MVP check proves nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const wasmBytes = readFileSync(join(pkgDir, 'sharecart.wasm'));
// Sources changed since the build make native and the sandbox differ for a
// reason that is not a bug; say so next to any failure.
const stale = (() => {
  const built = statSync(join(pkgDir, 'sharecart.wasm')).mtimeMs;
  const newer = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (statSync(path).mtimeMs > built) newer.push(path.slice(root.length + 1));
    }
  };
  walk(join(root, 'src'));
  for (const file of ['Cargo.toml', 'Cargo.lock', 'scripts/build-miniprogram.mjs', 'scripts/miniprogram/glue.mjs', 'scripts/miniprogram/utf8.js']) {
    if (existsSync(join(root, file)) && statSync(join(root, file)).mtimeMs > built) newer.push(file);
  }
  return newer;
})();
check(Buffer.compare(brotliDecompressSync(readFileSync(join(pkgDir, 'sharecart.wasm.br'))), wasmBytes) === 0,
  'sharecart.wasm.br does not decompress to sharecart.wasm');
{
  const exported = WebAssembly.Module.exports(new WebAssembly.Module(wasmBytes));
  const bad = exported.filter((e) => !['function', 'memory', 'table'].includes(e.kind));
  check(bad.length === 0, `sharecart.wasm exports ${bad.map((e) => `${e.kind} ${e.name}`).join(', ')} (only functions, memory and tables allowed)`);
}

// 2. The bundled UTF-8 codec against the platform's, on awkward input.
{
  const codecContext = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
  const { Utf8Encoder, Utf8Decoder } = vm.runInContext(
    `${readFileSync(join(root, 'scripts', 'miniprogram', 'utf8.js'), 'utf8')}\n;({ Utf8Encoder, Utf8Decoder })`, codecContext);
  // The codec tested here is the one shipped: sharecart.js holds it verbatim.
  const codecSource = readFileSync(join(root, 'scripts', 'miniprogram', 'utf8.js'), 'utf8');
  const codecBody = codecSource.slice(codecSource.indexOf('class Utf8Encoder')).trim();
  check(readFileSync(join(pkgDir, 'sharecart.js'), 'utf8').includes(codecBody),
    'sharecart.js does not carry the UTF-8 codec of scripts/miniprogram/utf8.js verbatim: rebuild (make miniprogram)');
  const hostEncoder = new TextEncoder();
  const hostDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const encoder = new Utf8Encoder();
  const decoder = new Utf8Decoder('utf-8', { ignoreBOM: true });
  let seed = 12345;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pieces = ['a', '~', '\u0000', '\u007f', '\u0080', 'é', '\u07ff', '\u0800', '京东', '\ufeff', '\uffff',
    '😀', '\u{10ffff}', '\ud800', '\udfff', '\udbff\udfff', '\udc00\ud800'];
  let codecProblems = 0;
  for (let round = 0; round < 3000; round++) {
    let text = '';
    for (let i = random(12); i > 0; i--) text += pieces[random(pieces.length)];
    const want = hostEncoder.encode(text);
    const got = encoder.encode(text);
    if (Buffer.compare(Buffer.from(got), Buffer.from(want)) !== 0) codecProblems++;
    const view = new Uint8Array(random(want.length + 4));
    const a = hostEncoder.encodeInto(text, view.slice());
    const b = encoder.encodeInto(text, view);
    if (a.read !== b.read || a.written !== b.written) codecProblems++;
    // Random bytes, valid or not, decode like the platform's decoder.
    const bytes = new Uint8Array(random(16));
    for (let i = 0; i < bytes.length; i++) bytes[i] = [0x41, 0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xff, 0xa0, 0x9f, 0x90, random(256)][random(13)];
    if (decoder.decode(bytes) !== hostDecoder.decode(bytes)) codecProblems++;
    if (decoder.decode(want) !== hostDecoder.decode(want)) codecProblems++;
  }
  const big = '价格'.repeat(50000) + 'x😀';
  if (decoder.decode(hostEncoder.encode(big)) !== big) codecProblems++;
  if (new Utf8Decoder('utf-8').decode(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41)) !== 'A') codecProblems++;
  if (decoder.decode(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41)) !== '\ufeffA') codecProblems++;
  if (decoder.decode() !== '') codecProblems++;
  check(codecProblems === 0, `the bundled UTF-8 codec differs from TextEncoder/TextDecoder in ${codecProblems} cases`);
}

// 3. The .d.ts declares init and every function the entry exports.
const dts = readFileSync(join(pkgDir, 'sharecart.d.ts'), 'utf8');
check(/export function init\(wasmPath\?: string\)/.test(dts), 'sharecart.d.ts does not declare init(wasmPath?)');
check(/export interface PricingRequest\b/.test(dts) && /export interface PricingResult\b/.test(dts),
  'sharecart.d.ts lacks the request/result interfaces');

// ---------------------------------------------------------------------------
// Pricing vectors: native outcomes first (once), then each sandbox.

const pricing = loadPricingVectors();
const pricingNative = new Map(pricing.map((v) => [v.name, runCli([v.entry === 'preview' ? 'preview' : 'price'], v.requestText)]));

// Share vectors (tests/vectors/share/, docs/share-code.md), read by the
// same loader as the Node API test; `expected` is undefined for error vectors.
const shareVectors = loadShareVectors();
const cliHasShare = (() => {
  const out = spawnSync(cli, ['share', 'decode'], { input: '{}', encoding: 'utf8' });
  return out.status === 0 || out.status === 2;
})();
const shareNative = cliHasShare
  ? new Map(shareVectors.map((v) => [v.name, runCli(['share', v.vector.op], v.text)]))
  : null;

const BASE = { now: 0, shops: [{ id: 's' }], lines: [{ id: 'L', skuId: '1', shopId: 's', listPrice: '1.00', quantity: 1 }] };
const CODEC_REQUESTS = [
  // Non-ASCII text through the glue's string paths, as JS strings would carry it.
  '{"now":0,"shops":[{"id":"京东","name":"良品铺子旗舰店 😀"}],"lines":[{"id":"行1","skuId":"1","shopId":"京东","listPrice":"1.00","quantity":1}]}',
  '{"now":0,"lines":[{"id":"😀😀","skuId":"1","shopId":"x","listPrice":"1.00","quantity":1}]}',
  '{"now":0,"note":"\ud800 lone","shops":[{"id":"s\udc00"}],"lines":[{"id":"\ud83d","skuId":"1","shopId":"s\udc00","listPrice":"1.00","quantity":1}]}',
  '{"now":0,"shops":[{"id":"s"}],"lines":[{"id":"\u00e9\u0800\uffff\u{10ffff}","skuId":"1","shopId":"s","listPrice":"1.00","quantity":1}]}',
];

const counts = {};
const shareReport = [];
async function runSandbox(label, wasmPath) {
  const box = makeSandbox(label);
  const { page } = box;
  let n = 0;

  const environment = parse(page.environment());
  check(environment.WebAssembly === 'undefined' && environment.TextEncoder === 'undefined'
    && environment.TextDecoder === 'undefined' && environment.fetch === 'undefined' && environment.process === 'undefined'
    && environment.WXWebAssembly === 'object' && environment.evalBlocked,
  `${label}: the sandbox is not a mini-program-like environment: ${JSON.stringify(environment)}`);

  // Before init: a clear error, not a crash deep in the glue.
  const early = parse(page.callText('priceCartJson', '{}'));
  check(!early.ok && early.isError && /init\(\)/.test(early.message), `${label}: calling before init gives ${JSON.stringify(early)}`);
  // A wrong path: a clear error naming the path, and a later init still works.
  const wrong = await page.init('/miniprogram_npm/sharecart/missing.wasm');
  check(wrong !== 'ok' && /cannot load the engine from "\/miniprogram_npm\/sharecart\/missing\.wasm"/.test(parse(wrong).message)
    && parse(wrong).isError, `${label}: a wrong path gives ${wrong}`);
  const outside = await page.init('/pages/cart/index.wasm');
  check(outside !== 'ok' && /no \.wasm or \.wasm\.br file/.test(parse(outside).message), `${label}: a path outside the package gives ${outside}`);
  const notPath = await page.init(42);
  check(notPath !== 'ok' && parse(notPath).name === 'TypeError' && /wasmPath must be/.test(parse(notPath).message),
    `${label}: init(42) gives ${notPath}`);
  const loaded = wasmPath === undefined ? await page.init() : await page.init(wasmPath);
  if (loaded !== 'ok') {
    failures.push(`${label}: init(${wasmPath ?? ''}) failed: ${loaded}`);
    return;
  }
  check(await page.init('/elsewhere.wasm') === 'ok', `${label}: a second init() does not return the loaded module`);
  // The engine and its spare (which replaces it at once after a fault).
  check(box.instantiated.length === 2, `${label}: ${box.instantiated.length} instances made, want 2 (engine and spare)`);
  const [{ module, instance, path }] = box.instantiated;
  check(path === (wasmPath ?? page.defaultWasmPath()) && box.instantiated[1].path === path, `${label}: instantiated ${path}`);
  const kinds = WebAssembly.Module.exports(module).map((e) => e.kind);
  check(kinds.every((k) => k === 'function' || k === 'memory' || k === 'table')
    && !Object.values(instance.exports).some((x) => x instanceof WebAssembly.Global),
  `${label}: the instance exports globals (${kinds.join(', ')})`);

  const keys = parse(page.keys());
  for (const name of ['init', 'priceCart', 'priceCartJson', 'previewShareCard', 'previewShareCardJson', 'engineInfo']) {
    check(keys.includes(name), `${label}: sharecart.js does not export ${name}`);
  }
  for (const name of keys) check(name === 'init' || new RegExp(`export function ${name}\\(`).test(dts), `sharecart.d.ts does not declare ${name}`);

  // Every pricing vector: text twin, object entry point, native, the vector.
  for (const v of pricing) {
    const [objectFn, textFn] = v.entry === 'preview' ? ['previewShareCard', 'previewShareCardJson'] : ['priceCart', 'priceCartJson'];
    const viaText = parse(page.callText(textFn, v.requestText));
    const problem = judge(v, asJudged(viaText));
    check(!problem, `${label} text: ${problem}`);
    const nativeProblem = sameAsNative(`${label} ${v.name}`, viaText, pricingNative.get(v.name));
    check(!nativeProblem, nativeProblem);
    n++;
    if (v.vector.request !== undefined) {
      const viaObject = parse(page.callObject(objectFn, JSON.stringify([v.vector.request])));
      check(JSON.stringify(viaObject) === JSON.stringify(viaText),
        `${label} ${v.name}: object entry point differs from the text twin\n  object ${JSON.stringify(viaObject)}\n  text   ${JSON.stringify(viaText)}`);
      n++;
    }
  }
  counts[label] = { pricingVectors: pricing.length, pricingCalls: n };

  // Strings with non-ASCII and lone surrogates: the bundled codec vs native.
  // A text with a lone surrogate is invalidJson at "" (SPEC 10): it never
  // reaches the codec, which would replace it with U+FFFD.
  for (const [i, text] of CODEC_REQUESTS.entries()) {
    const got = parse(page.callText('priceCartJson', text));
    if (!text.isWellFormed()) {
      check(!got.ok && got.code === 'invalidJson' && got.path === '', `${label} codec request ${i} (lone surrogates) gives ${JSON.stringify(got)}`);
      continue;
    }
    const problem = sameAsNative(`${label} codec request ${i}`, got, runCli(['price'], Buffer.from(text, 'utf8')));
    check(!problem, problem);
  }

  // Errors thrown inside (by the engine, by JSON.stringify, by a toJSON)
  // leave the instance usable, and leak neither memory nor stack.
  const baseText = JSON.stringify(BASE);
  const before = parse(page.callText('priceCartJson', baseText));
  check(before.ok, `${label}: the base request fails: ${JSON.stringify(before)}`);
  const odd = parse(page.oddInputs(baseText)).map(parse);
  odd.forEach((o, i) => check(!o.ok && o.isError && o.code === 'invalidJson' && o.path === '',
    `${label}: odd input ${i} gives ${JSON.stringify(o)}, want an Error invalidJson at ""`));
  const memoryBefore = instance.exports.memory.buffer.byteLength;
  const thrown = page.manyErrors(2000);
  check(thrown === 6000, `${label}: ${thrown} of 6000 bad calls threw`);
  check(instance.exports.memory.buffer.byteLength <= memoryBefore + 65536,
    `${label}: memory grew from ${memoryBefore} to ${instance.exports.memory.buffer.byteLength} bytes over 6000 errors`);
  const after = parse(page.callText('priceCartJson', baseText));
  check(JSON.stringify(after) === JSON.stringify(before), `${label}: after errors the base request gives ${JSON.stringify(after)}`);
  const viaObject = parse(page.callObject('priceCart', JSON.stringify([BASE])));
  check(viaObject.ok && viaObject.text === before.text, `${label}: the object entry point after errors gives ${JSON.stringify(viaObject)}`);
  const info = parse(page.callObject('engineInfo', '[]'));
  const nativeInfo = runCli(['info'], '');
  check(info.ok && nativeInfo.ok && nativeInfo.stdout === `${info.text}\n`, `${label}: engineInfo() ${info.text} differs from native ${nativeInfo.stdout}`);

  // Share-code vectors, through whatever share-code functions the build has.
  const present = SHARE_FUNCTIONS.filter((name) => keys.includes(name));
  const missing = SHARE_FUNCTIONS.filter((name) => !keys.includes(name));
  let shareText = 0;
  let shareObject = 0;
  let skipped = 0;
  for (const v of shareVectors) {
    const { op } = v.vector;
    let ran = false;
    const twin = `${op}ShareCodeJson`;
    if (present.includes(twin)) {
      ran = true;
      const got = parse(page.callText(twin, v.text));
      if (v.expected !== undefined) {
        check(got.ok && got.text === v.expected, `${label} share ${v.name}: ${twin} gives ${JSON.stringify(got)}, want ${v.expected}`);
      } else {
        check(!got.ok && got.isError && got.code === v.vector.error.code && got.path === v.vector.error.path,
          `${label} share ${v.name}: ${twin} gives ${JSON.stringify(got)}, want ${JSON.stringify(v.vector.error)}`);
      }
      if (shareNative) {
        const native = shareNative.get(v.name);
        // The CLI writes {"code": ...} for encode, like the JSON twin.
        const problem = sameAsNative(`${label} share ${v.name}`, got, native);
        check(!problem, problem);
      }
      shareText++;
    }
    const objectFn = `${op}ShareCode`;
    if (v.vector.text === undefined && present.includes(objectFn)) {
      ran = true;
      const first = op === 'encode' ? v.vector.fields : v.vector.input;
      const args = v.vector.options === undefined ? [first] : [first, v.vector.options];
      const got = parse(page.callObject(objectFn, JSON.stringify(args)));
      if (v.expected !== undefined) {
        // encodeShareCode returns the code itself; decodeShareCode an object.
        const want = op === 'encode' ? v.vector.code : v.expected;
        check(got.ok && got.text === want, `${label} share ${v.name}: ${objectFn} gives ${JSON.stringify(got)}, want ${want}`);
      } else {
        check(!got.ok && got.isError && got.code === v.vector.error.code && got.path === v.vector.error.path,
          `${label} share ${v.name}: ${objectFn} gives ${JSON.stringify(got)}, want ${JSON.stringify(v.vector.error)}`);
      }
      shareObject++;
    }
    if (!ran) skipped++;
  }
  await boundary(box, baseText, before);
  counts[label].shareVectors = shareVectors.length;
  counts[label].shareTextCalls = shareText;
  counts[label].shareObjectCalls = shareObject;
  if (shareVectors.length && missing.length) {
    shareReport.push(`${label}: ${shareVectors.length} share vectors found; the mini-program build does not export ${missing.join(', ')}`
      + ` (not in the wasm facade yet), so ${skipped} share vectors did NOT run${present.length ? ` and ${present.join(', ')} ran` : ''}`);
  }
  if (present.length && !cliHasShare) {
    shareReport.push(`${label}: the native CLI has no \`share\` command yet: share outcomes were compared with the vector files only`);
  }
}

// SPEC 10 in the mini-program build: non-strings and lone surrogates in the
// text twins; a trap (the host grows the engine's memory to the maximum,
// then a 2 MiB text cannot be allocated) is engineFault, the spare instance
// takes over at once so the next call works, and a new spare is made; an
// instance above the 16 MiB high-water mark is replaced after the call.
async function boundary(box, baseText, before) {
  const { page, label, instantiated } = box;
  for (const name of ['priceCartJson', 'previewShareCardJson', 'encodeShareCodeJson', 'decodeShareCodeJson']) {
    for (const args of ['[123]', '[{}]', '[null]', '[]']) {
      const got = parse(page.callObject(name, args));
      check(!got.ok && got.isError && got.code === 'invalidType' && got.path === '', `${label}: ${name}(...${args}) gives ${JSON.stringify(got)}`);
    }
    const lone = parse(page.callText(name, '{"now":0,"x":"\ud800"}'));
    check(!lone.ok && lone.code === 'invalidJson' && lone.path === '', `${label}: ${name} with a lone surrogate gives ${JSON.stringify(lone)}`);
  }
  const malformed = parse(page.callText('decodeShareCode', 'ab\udc00'));
  check(!malformed.ok && malformed.code === 'malformed' && malformed.path === 'input', `${label}: decodeShareCode with a lone surrogate gives ${JSON.stringify(malformed)}`);

  const current = instantiated[0].instance;
  for (let pages = 65536; pages >= 1; pages = Math.floor(pages / 2)) {
    try {
      for (;;) current.exports.memory.grow(pages);
    } catch {
      // at the limit for this step
    }
  }
  const trapped = parse(page.callText('priceCartJson', `{"now":0,"x":"${'a'.repeat(2 * 1024 * 1024)}"}`));
  check(!trapped.ok && trapped.isError && trapped.code === 'engineFault' && trapped.path === '',
    `${label}: a trap gives ${JSON.stringify(trapped).slice(0, 300)}, want engineFault at ""`);
  const next = parse(page.callText('priceCartJson', baseText));
  check(next.ok && next.text === before.text, `${label}: the call after a trap gives ${JSON.stringify(next).slice(0, 300)}`);
  await until(() => instantiated.length >= 3);
  check(instantiated.length === 3, `${label}: after a trap ${instantiated.length - 2} new spare instances were made, want 1`);
  current.exports.memory.grow(0); // keep the reference until here
  instantiated[1].instance.exports.memory.grow(17 * 16);
  const large = parse(page.callText('priceCartJson', baseText));
  check(large.ok && large.text === before.text, `${label}: the call past the high-water mark gives ${JSON.stringify(large).slice(0, 300)}`);
  const again = parse(page.callText('priceCartJson', baseText));
  check(again.ok && again.text === before.text, `${label}: the call after the high-water replacement gives ${JSON.stringify(again).slice(0, 300)}`);
  await until(() => instantiated.length >= 4);
  check(instantiated.length === 4, `${label}: past the high-water mark ${instantiated.length - 3} new spare instances were made, want 1`);
}

// ---------------------------------------------------------------------------
// The example mini-program (examples/miniprogram) in its own sandbox: the
// app loads the engine, the cart and share pages render what native gives.

const tick = () => new Promise((resolve) => setImmediate(resolve));
/** Waits (at most 10 s) for a spare instance being made in the background. */
async function until(condition) {
  for (let waited = 0; waited < 10000 && !condition(); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
}
const exampleReport = [];
// The share server of the example (docs/server.md, POST /v1/share/encode),
// played by the native CLI holding this key.
const SERVER_KEY = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
function shareServer(request) {
  if (!/\/v1\/share\/encode$/.test(request.url) || request.method !== 'POST') return { success: { statusCode: 404, data: { error: { code: 'notFound', path: '', message: 'no such route' } } } };
  const out = runCli(['share', 'encode'], JSON.stringify({ fields: request.data.fields, options: { key: SERVER_KEY } }));
  return out.ok ? { success: { statusCode: 200, data: JSON.parse(out.stdout) } } : { success: { statusCode: 422, data: { error: out.error } } };
}
const encodeNative = (fields, options) => JSON.parse(runCli(['share', 'encode'], JSON.stringify(options ? { fields, options } : { fields })).stdout).code;

async function runExample() {
  const label = 'example';
  const { runtime, instantiated, network } = makeSandbox(label);
  network.handler = shareServer;
  const app = runtime.loadApp();
  await app.engine();
  check(instantiated.length === 2 && /\.wasm(\.br)?$/.test(instantiated[0].path), `${label}: app.js did not load the engine (and its spare)`);
  const demoText = runtime.json(runtime.requireFrom('/')('/data/demo-cart.js').demoRequest());
  const demo = JSON.parse(demoText);

  const cart = runtime.openPage('pages/cart/index', {});
  await tick();
  const nativeCart = (request) => JSON.parse(runCli(['price'], JSON.stringify(request)).stdout);
  check(cart.data.error === '' && !cart.data.loading && cart.data.lines.length === demo.lines.length,
    `${label}: the cart page shows ${JSON.stringify({ error: cart.data.error, lines: cart.data.lines.length })}`);
  check(JSON.stringify(cart.data.totals) === JSON.stringify(nativeCart(demo).totals),
    `${label}: the cart page's totals ${JSON.stringify(cart.data.totals)} differ from native`);
  cart.onQuantity(runtime.event({ id: 'L2', delta: '1' }));
  cart.onToggle(runtime.event({ id: 'L4' }));
  demo.lines[1].quantity += 1;
  demo.lines[3].selected = true;
  const native = nativeCart(demo);
  check(JSON.stringify(cart.data.totals) === JSON.stringify(native.totals)
    && cart.data.lines.map((l) => l.paid).join() === native.lines.map((l) => l.paid).join(),
  `${label}: after +1 and a toggle the cart shows ${JSON.stringify(cart.data.totals)}, native ${JSON.stringify(native.totals)}`);
  cart.onShare(runtime.event({ id: 'L3' }));
  check(JSON.parse(runtime.wxCalls()).some(([call, url]) => call === 'navigateTo' && url === '/pages/share/index?lineId=L3'),
    `${label}: 分享赚 does not open the share page`);
  await cartConstraints(runtime, JSON.parse(demoText), nativeCart);

  const share = runtime.openPage('pages/share/index', { lineId: 'L3' });
  await until(() => share.data.groupCode || share.data.shareNote);
  const original = JSON.parse(demoText);
  const previewRequest = { ...original, lines: [{ ...original.lines[2], quantity: 1, selected: true }] };
  const nativePreview = runCli(['preview'], JSON.stringify(previewRequest));
  check(share.data.error === '' && nativePreview.ok && `${JSON.stringify(share.data.preview)}\n` === nativePreview.stdout,
    `${label}: the share page's preview ${JSON.stringify(share.data.preview)} differs from native ${nativePreview.stdout}`);
  const message = share.onShareAppMessage();
  if (share.data.groupCode) {
    // Online: both codes come from the server, signed with its key.
    const sent = network.requests.slice(-2).map((r) => r.data.fields);
    check(sent.length === 2 && sent.map((f) => f.channel).join() === 'group,qr' && sent.every((f) => f.targetId === original.lines[2].skuId && f.promoterId === '1234567890'),
      `${label}: the share page asked the server for ${JSON.stringify(sent)}`);
    check(share.data.groupCode === encodeNative(sent[0], { key: SERVER_KEY }) && share.data.sceneCode === encodeNative(sent[1], { key: SERVER_KEY }),
      `${label}: the share page shows ${share.data.groupCode} / ${share.data.sceneCode}, not the server's signed codes`);
    const verified = JSON.parse(runCli(['share', 'decode'], JSON.stringify({ input: share.data.groupCode, options: { key: SERVER_KEY, requireSignature: true } })).stdout ?? 'null');
    check(verified?.verified === true && share.data.signed === true && share.data.shareNote === '',
      `${label}: the server's code is not shown as signed and verified: ${JSON.stringify({ verified, signed: share.data.signed, note: share.data.shareNote })}`);
    check(share.data.groupCode.length <= 32 && share.data.sceneCode.length <= 32 && /^[0-9A-Za-z]+$/.test(share.data.sceneCode),
      `${label}: share codes ${share.data.groupCode} / ${share.data.sceneCode}`);
    check(message.path === `/pages/share/index?s=${share.data.groupCode}`, `${label}: onShareAppMessage gives ${JSON.stringify(message)}`);
    for (const query of [{ s: share.data.groupCode }, { scene: encodeURIComponent(share.data.sceneCode) }]) {
      const opened = runtime.openPage('pages/share/index', query);
      await until(() => opened.data.groupCode || opened.data.shareNote);
      check(opened.data.sharedBy.includes('1234567890') && opened.data.title === share.data.title,
        `${label}: opening ${JSON.stringify(query)} shows ${JSON.stringify(opened.data.sharedBy)} / ${opened.data.title}`);
    }

    // Offline (wx.request fails): the codes are made on the phone, unsigned, and the page says so.
    network.handler = () => ({ fail: { errMsg: 'request:fail timeout' } });
    const offline = runtime.openPage('pages/share/index', { lineId: 'L3' });
    await until(() => offline.data.groupCode || offline.data.shareNote.includes('出错'));
    const offlineSent = network.requests.slice(-2).map((r) => r.data.fields);
    check(offline.data.groupCode === encodeNative(offlineSent[0]) && offline.data.sceneCode === encodeNative(offlineSent[1])
      && offline.data.signed === false && offline.data.shareNote.includes('离线'),
    `${label}: offline, the share page shows ${JSON.stringify({ group: offline.data.groupCode, scene: offline.data.sceneCode, signed: offline.data.signed, note: offline.data.shareNote })}`);

    // The server answers with an error: not offline, so no unsigned fallback.
    network.handler = () => ({ success: { statusCode: 503, data: { error: { code: 'deadlineExceeded', path: '', message: 'not answered within the deadline' } } } });
    const failing = runtime.openPage('pages/share/index', { lineId: 'L3' });
    await until(() => failing.data.shareNote !== '');
    check(failing.data.groupCode === '' && failing.data.shareNote.includes('deadlineExceeded') && failing.onShareAppMessage().path === '/pages/cart/index',
      `${label}: a failing share server gives ${JSON.stringify({ group: failing.data.groupCode, note: failing.data.shareNote })}`);
    network.handler = shareServer;
  } else {
    check(share.data.shareNote !== '' && message.path === '/pages/cart/index', `${label}: without share codes the share page shows ${JSON.stringify(share.data)}`);
    exampleReport.push('example: the share page shows the preview only; its share-code part waits for encodeShareCode in the build');
  }
}

// The cart page's coupons (SPEC 4): a tap on a coupon of the best pick drops
// it, a tap on another keeps it, 恢复最优 goes back; C4 (a kind from a newer
// server) is 升级后可用 and not tappable. Figures by hand, on the demo cart
// (SPEC section 1's cart): after P1 the goods are JD 134.80 + Bestore 59.80
// = 194.60, Bestore pays 8.00 shipping (below 88); C1 (JD, 99 → 15) and C3
// (shipping, 6) are usable, C2 (platform, 199) is 4.40 short. Best {C1, C3}:
// 194.60 − 15 + 8 − 6 = 181.60.
async function cartConstraints(runtime, demo, nativeCart) {
  const label = 'example cart coupons';
  const cart = runtime.openPage('pages/cart/index', {});
  await tick();
  const c4 = cart.data.coupons.find((c) => c.id === 'C4');
  check(c4?.unsupported === true && c4.detail === '升级后可用' && cart.data.unsupportedNote === '部分优惠需升级后可用',
    `${label}: C4 shows ${JSON.stringify(c4)}, note ${JSON.stringify(cart.data.unsupportedNote)}`);
  const steps = [
    // [tap, couponSelection, payable, applied]
    [null, { mode: 'best' }, '181.60', ['C1', 'C3']],
    // C1 dropped: JD has no other shop coupon, C2 is still short: 194.60 + 8 − 6 = 196.60.
    ['C1', { mode: 'best', exclude: ['C1'] }, '196.60', ['C3']],
    ['C4', { mode: 'best', exclude: ['C1'] }, '196.60', ['C3']],
    ['back', { mode: 'best' }, '181.60', ['C1', 'C3']],
    // C2 kept: refused (4.40 short), reported belowThreshold; the rest stays best.
    ['C2', { mode: 'best', lock: ['C2'] }, '181.60', ['C1', 'C3']],
    ['C2', { mode: 'best' }, '181.60', ['C1', 'C3']],
  ];
  for (const [tap, selection, payable, applied] of steps) {
    if (tap === 'back') cart.onPlainBest();
    else if (tap) cart.onCoupon(runtime.event({ id: tap }));
    const step = `${label}: ${tap ?? 'open'}`;
    check(JSON.stringify(cart.request.couponSelection) === JSON.stringify(selection),
      `${step}: couponSelection ${JSON.stringify(cart.request.couponSelection)}, want ${JSON.stringify(selection)}`);
    const native = nativeCart({ ...demo, couponSelection: selection });
    const shown = cart.data.coupons.map((c) => `${c.id}:${c.applied}`).join();
    const nativeApplied = native.coupons.map((c) => `${c.id}:${c.status === 'applied'}`).join();
    check(JSON.stringify(cart.data.totals) === JSON.stringify(native.totals) && shown === nativeApplied,
      `${step}: the page shows ${JSON.stringify(cart.data.totals)} ${shown}, native ${JSON.stringify(native.totals)} ${nativeApplied}`);
    check(cart.data.constrained === (Object.keys(selection).length > 1), `${step}: 恢复最优 shown: ${cart.data.constrained}`);
    check(cart.data.totals.payable === payable, `${step}: payable ${cart.data.totals.payable}, by hand ${payable}`);
    check(JSON.stringify(cart.data.coupons.filter((c) => c.applied).map((c) => c.id)) === JSON.stringify(applied),
      `${step}: applied ${JSON.stringify(cart.data.coupons.filter((c) => c.applied).map((c) => c.id))}, by hand ${JSON.stringify(applied)}`);
  }
  const c2 = cart.data.coupons.find((c) => c.id === 'C2');
  check(c2.mark === '' && c2.detail === '未满门槛，还差 ¥4.40', `${label}: C2 at the end shows ${JSON.stringify(c2)}`);
}

await runSandbox('sharecart.wasm (default path)', undefined);
await runSandbox('sharecart.wasm.br', `${PACKAGE_MOUNT}sharecart.wasm.br`);
if (!viaNpm) await runExample();

for (const [label, c] of Object.entries(counts)) {
  console.log(`  ${label}: ${c.pricingVectors} pricing vectors (${c.pricingCalls} calls, text + object), `
    + `${c.shareVectors} share vectors (${c.shareTextCalls} JSON-twin calls, ${c.shareObjectCalls} object calls), all compared with native`);
}
if (!viaNpm) console.log('  example mini-program: app.js, the cart page and the share page ran against native');
for (const line of [...shareReport, ...exampleReport]) console.warn(`  WARNING ${line}`);
if (failures.length && stale.length) {
  console.error(`miniprogram sandbox: pkg/miniprogram is older than ${stale.slice(0, 3).join(', ')}: rebuild it (make miniprogram) before reading the differences`);
}
report('miniprogram sandbox', failures, checks);

// Builds the npm package (SPEC 10, 11; docs/npm.md): pkg/npm/ (the
// package folder) and pkg/sharecart-<version>.tgz (what `npm publish`
// would upload). Run by `make npm`, after `make miniprogram`.
//
//   1. cargo +NIGHTLY build -Zbuild-std --release --target wasm32-unknown-unknown
//      --lib at opt-level "s", panic=immediate-abort, into target/web/;
//   2. wasm-bindgen --target web into target/npm/bindgen/;
//   3. wasm-opt -O3 (scripts/optimize-wasm.mjs) → sharecart_bg.wasm, its
//      size printed and checked against scripts/wasm-size-budget.json;
//   4. the entries, each made of wasm-bindgen's glue turned into a
//      createBinding() factory (scripts/miniprogram/glue.mjs) plus the
//      engine runtime (scripts/package/runtime.js):
//        web.mjs    browsers and bundlers: init(input?) / initSync(bytes);
//        node.cjs   Node require(): loads the .wasm at require time;
//        node.mjs   Node import: re-exports node.cjs (one instance);
//      sharecart.d.ts / .d.cts: wasm-bindgen's declarations (Tsify types
//      from the Rust enums and structs) plus init, initSync, SharecartError;
//   5. miniprogram/: pkg/miniprogram (make miniprogram) plus index.js, the
//      folder WeChat DevTools' 构建 npm copies to miniprogram_npm/sharecart/;
//   6. package.json, README.md (scripts/package/README.md), LICENSE,
//      CHANGELOG.md; `npm pack` into pkg/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { buildFactory, runtimeBody } from '../miniprogram/glue.mjs';
import { errorTypes, initTypes } from './types.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const here = join(root, 'scripts', 'package');
const stage = join(root, 'pkg', 'npm');
const bindgenDir = join(root, 'target', 'npm', 'bindgen');
const webTargetDir = join(root, 'target', 'web');
const WEB_OPT_LEVEL = 's';
const rawWasm = join(webTargetDir, 'wasm32-unknown-unknown', 'release', 'sharecart.wasm');
const miniprogramDir = join(root, 'pkg', 'miniprogram');
const env = {
  ...process.env,
  PATH: [join(homedir(), '.cargo', 'bin'), join(root, 'node_modules', '.bin'), process.env.PATH].join(':'),
};

function fail(message) {
  console.error(`build-npm: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  try {
    return execFileSync(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  } catch (error) {
    if (error.code === 'ENOENT') fail(`${command} is not installed (make tools installs it)`);
    fail(`${command} failed (exit ${error.status})`);
  }
}

const cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(cargoToml)?.[1] ?? fail('no version in Cargo.toml');
const pinned = /^WASM_BINDGEN_VERSION\s*:?=\s*(\S+)/m.exec(readFileSync(join(root, 'Makefile'), 'utf8'))?.[1];
const nightly = /^NIGHTLY\s*:?=\s*(\S+)/m.exec(readFileSync(join(root, 'Makefile'), 'utf8'))?.[1] ?? fail('no NIGHTLY := ... in the Makefile');
// --no-miniprogram: a quick build without the mini-program folder (while
// working on the web/Node entries; never for a release).
const withMiniprogram = !process.argv.includes('--no-miniprogram');
// --no-pack: the folders only (make pkg: pkg/npm, and pkg/web and pkg/node,
// the same entries under the names the demo, the benchmark and the CLI
// test load).
const pack = !process.argv.includes('--no-pack');
for (const file of withMiniprogram ? ['sharecart.js', 'sharecart.wasm', 'sharecart.wasm.br', 'sharecart.d.ts'] : []) {
  if (!existsSync(join(miniprogramDir, file))) fail(`pkg/miniprogram/${file} is missing: run \`make miniprogram\` first`);
}

// ---- 1–3. the module ------------------------------------------------------------
// The pinned nightly rebuilds std for the module (-Zbuild-std, as the
// mini-program build does) with panic=immediate-abort: a panic is a bare
// `unreachable` trap, which the runtime turns into engineFault exactly as
// before, without the panic machinery, its messages, source paths and the
// core::fmt code they pull in (-20 KB raw, -7 KB gzip; docs/performance.md).
// fmt-debug=none and location-detail=none drop the Debug impls and source
// locations no output of the engine uses (no text goes through `{:?}`).
//
// Built at opt-level "s", not the release profile's "z" (which the
// mini-program keeps): 2x as fast in Node (typical 344 -> 166 us in one
// paired run) for 16 KB raw and 5 KB gzip more; wasm-opt -O3 after it is
// 15 % faster again than -Oz at the same gzip size (docs/performance.md,
// "Which opt-level for which target").
delete env.CARGO_ENCODED_RUSTFLAGS;
run('cargo', [`+${nightly}`, 'build', '-Zbuild-std=std,panic_abort', '--release', '--target', 'wasm32-unknown-unknown', '--lib',
  '--config', `profile.release.opt-level="${WEB_OPT_LEVEL}"`], {
  env: { ...env, CARGO_TARGET_DIR: webTargetDir, RUSTFLAGS: '-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none' },
});
const bindgenVersion = execFileSync('wasm-bindgen', ['--version'], { env, encoding: 'utf8' }).trim();
if (pinned && !bindgenVersion.endsWith(` ${pinned}`)) fail(`wasm-bindgen ${pinned} is needed, found "${bindgenVersion}"`);
rmSync(bindgenDir, { recursive: true, force: true });
run('wasm-bindgen', ['--target', 'web', '--out-dir', bindgenDir, '--out-name', 'sharecart', rawWasm]);
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
copyFileSync(join(bindgenDir, 'sharecart_bg.wasm'), join(stage, 'sharecart_bg.wasm'));
run('node', [join(root, 'scripts', 'optimize-wasm.mjs'), '--budget=web', '--level=-O3', join(stage, 'sharecart_bg.wasm')]);

// ---- 4. the entries ----------------------------------------------------------------
const glue = readFileSync(join(bindgenDir, 'sharecart.js'), 'utf8');
const factory = buildFactory(glue, { codec: 'platform' });
const runtime = runtimeBody(readFileSync(join(here, 'runtime.js'), 'utf8'));
const api = factory.api;
const header = (what) => `// sharecart ${version}: ${what}. GENERATED by scripts/package/build-npm.mjs from the
// output of wasm-bindgen ${pinned} (--target web) and scripts/package/runtime.js; do not
// edit. Source, spec and docs: the sharecart repository (SPEC.md, docs/npm.md).`;
const shared = `${factory.code}\n\n${runtime}\n\nvar API_NAMES = ${JSON.stringify(api)};`;

writeFileSync(join(stage, 'web.mjs'), `${header('ES module for browsers and bundlers')}
${shared}

var compiled = null; // the WebAssembly.Module, compiled once; instances are made from it
var loading = null;
var engine = createEngine({
  names: API_NAMES,
  createBinding: createBinding,
  instantiate: function (imports) { return new WebAssembly.Instance(compiled, imports); },
});

function defaultInput() {
  return new URL('./sharecart_bg.wasm', import.meta.url);
}

async function compile(input) {
  input = await input;
  if (input instanceof WebAssembly.Module) return input;
  if (typeof input === 'string' || input instanceof URL || (typeof Request === 'function' && input instanceof Request)) {
    input = await fetch(input);
  }
  if (typeof Response === 'function' && input instanceof Response) {
    if (!input.ok) throw new Error('sharecart.init: fetching the engine failed: ' + input.status + ' ' + input.statusText + ' (' + input.url + ')');
    if (typeof WebAssembly.compileStreaming === 'function' && /^application\\/wasm\\b/.test(input.headers.get('Content-Type') || '')) {
      return WebAssembly.compileStreaming(input);
    }
    input = await input.arrayBuffer();
  }
  return WebAssembly.compile(input);
}

/**
 * Loads the engine (SPEC 10). input: where the .wasm is — a URL or string
 * (fetched), a Request, a Response, its bytes, or a WebAssembly.Module
 * (default: sharecart_bg.wasm next to this file, which Vite, webpack and a
 * plain <script type="module"> resolve). Call it once and await it before
 * any other function; calling it again is harmless.
 */
export function init(input) {
  if (engine.isLoaded()) return Promise.resolve();
  if (compiled !== null) return engine.ensure();
  if (loading === null) {
    loading = compile(input === undefined ? defaultInput() : input).then(function (module) {
      compiled = module;
      engine.ensureSync();
    }, function (error) {
      loading = null;
      throw error;
    });
  }
  return loading;
}

/** init() without waiting: input is the .wasm's bytes or a WebAssembly.Module. */
export function initSync(input) {
  if (engine.isLoaded()) return;
  if (compiled === null) {
    if (input && input.module !== undefined && Object.getPrototypeOf(input) === Object.prototype) input = input.module;
    compiled = input instanceof WebAssembly.Module ? input : new WebAssembly.Module(input);
  }
  engine.ensureSync();
}

${api.map((name) => `export var ${name} = engine.api.${name};`).join('\n')}
export { isSharecartError };
/** wasm-bindgen's style: \`import init from 'sharecart'; await init();\`. */
export default init;
`);

writeFileSync(join(stage, 'node.cjs'), `${header('CommonJS module for Node (require and, through node.mjs, import)')}
'use strict';
${shared}

var compiled = new WebAssembly.Module(require('node:fs').readFileSync(require('node:path').join(__dirname, 'sharecart_bg.wasm')));
var engine = createEngine({
  names: API_NAMES,
  createBinding: createBinding,
  instantiate: function (imports) { return new WebAssembly.Instance(compiled, imports); },
});
engine.ensureSync();

/** Node loads the engine when the module is required; init() only waits for a reload after a failed one. */
exports.init = function init() { return engine.ensure(); };
/** Node loads the engine when the module is required; initSync() reloads it if a reload failed. */
exports.initSync = function initSync() { engine.ensureSync(); };
${api.map((name) => `exports.${name} = engine.api.${name};`).join('\n')}
exports.isSharecartError = isSharecartError;
`);

const nodeNames = ['init', 'initSync', ...api, 'isSharecartError'];
writeFileSync(join(stage, 'node.mjs'), `${header('ES module for Node')}
// The same instance as require('sharecart'): this re-exports node.cjs.
import { createRequire } from 'node:module';

const engine = createRequire(import.meta.url)('./node.cjs');
export const { ${nodeNames.join(', ')} } = engine;
`);

// Each generated entry must at least parse.
for (const [file, type] of [['web.mjs', 'module'], ['node.mjs', 'module'], ['node.cjs', 'script']]) {
  const code = readFileSync(join(stage, file), 'utf8');
  try {
    if (type === 'module') new vm.SourceTextModule(code);
    else new vm.Script(code);
  } catch (error) {
    if (!(error instanceof TypeError && /SourceTextModule/.test(error.message))) fail(`${file} does not parse: ${error.message}`);
  }
}

const dts = readFileSync(join(bindgenDir, 'sharecart.d.ts'), 'utf8');
const marker = dts.indexOf('export type InitInput');
if (marker < 0) fail('wasm-bindgen .d.ts has no `export type InitInput`: its shape changed; update scripts/package/build-npm.mjs');
const types = `${header('TypeScript declarations')}
${dts.slice(0, marker).trimEnd()}

${errorTypes()}
${initTypes()}`;
writeFileSync(join(stage, 'sharecart.d.ts'), types);
writeFileSync(join(stage, 'sharecart.d.cts'), types);

// ---- 5. the mini-program folder ------------------------------------------------------
const mpStage = join(stage, 'miniprogram');
if (withMiniprogram) {
  mkdirSync(mpStage);
  for (const file of ['sharecart.js', 'sharecart.wasm', 'sharecart.wasm.br', 'sharecart.d.ts']) {
    copyFileSync(join(miniprogramDir, file), join(mpStage, file));
  }
  // 构建 npm makes require('sharecart') load miniprogram_npm/sharecart/index.js.
  writeFileSync(join(mpStage, 'index.js'), "module.exports = require('./sharecart.js');\n");
  writeFileSync(join(mpStage, 'index.d.ts'), "export * from './sharecart';\n");
}

// ---- 6. metadata, docs, pack ------------------------------------------------------------
const description = /^description\s*=\s*"([^"]+)"/m.exec(cargoToml)?.[1] ?? '';
const manifest = {
  name: 'sharecart',
  version,
  description,
  license: 'MIT',
  keywords: ['pricing', 'cart', 'coupon', 'commission', 'wechat', 'miniprogram', 'webassembly', 'wasm'],
  type: 'module',
  main: './node.cjs',
  module: './web.mjs',
  browser: './web.mjs',
  types: './sharecart.d.ts',
  exports: {
    '.': {
      node: {
        import: { types: './sharecart.d.ts', default: './node.mjs' },
        require: { types: './sharecart.d.cts', default: './node.cjs' },
      },
      types: './sharecart.d.ts',
      default: './web.mjs',
    },
    './sharecart_bg.wasm': './sharecart_bg.wasm',
    './package.json': './package.json',
  },
  miniprogram: 'miniprogram',
  files: ['web.mjs', 'node.mjs', 'node.cjs', 'sharecart.d.ts', 'sharecart.d.cts', 'sharecart_bg.wasm', 'miniprogram/', 'README.md', 'LICENSE', 'CHANGELOG.md'],
  sideEffects: false,
  engines: { node: '>=18' },
};
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(join(stage, 'README.md'), readFileSync(join(here, 'README.md'), 'utf8').replaceAll('{{version}}', version));
copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
copyFileSync(join(root, 'CHANGELOG.md'), join(stage, 'CHANGELOG.md'));

// pkg/web and pkg/node: the browser and Node entries on their own.
for (const [dir, entry, type] of [['web', 'web.mjs', 'module'], ['node', 'node.cjs', 'commonjs']]) {
  const out = join(root, 'pkg', dir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  copyFileSync(join(stage, entry), join(out, 'sharecart.js'));
  copyFileSync(join(stage, 'sharecart_bg.wasm'), join(out, 'sharecart_bg.wasm'));
  copyFileSync(join(stage, 'sharecart.d.ts'), join(out, 'sharecart.d.ts'));
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({
    name: 'sharecart', version, private: true, type, main: 'sharecart.js', types: 'sharecart.d.ts',
    description: `pkg/${dir}: the ${dir === 'web' ? 'browser' : 'Node'} entry of the sharecart npm package (pkg/npm), for this repository's demo and tests.`,
  }, null, 2)}\n`);
}
console.log('pkg/npm, pkg/web and pkg/node written');
if (!pack) process.exit(0);

const tarball = join(root, 'pkg', `sharecart-${version}.tgz`);
rmSync(tarball, { force: true });
run('npm', ['pack', '--pack-destination', join(root, 'pkg'), '--silent'], { cwd: stage });
if (!existsSync(tarball)) fail(`npm pack wrote no ${relative(root, tarball)}`);
const listing = execFileSync('tar', ['tzvf', tarball], { encoding: 'utf8' });
console.log(listing.trimEnd());
console.log(`${relative(root, tarball)}: ${statSync(tarball).size} B packed (${readdirSync(stage).length} top-level entries)`);

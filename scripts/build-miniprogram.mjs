// Builds the WeChat mini-program package, pkg/miniprogram/ (SPEC 11,
// docs/miniprogram.md):
//
//   1. cargo +$(NIGHTLY) -Zbuild-std=std,panic_abort with
//      RUSTFLAGS=-Ctarget-cpu=mvp: a plain WebAssembly 1.0 (MVP) module,
//      standard library included, in target/miniprogram/ (NIGHTLY and
//      WASM_BINDGEN_VERSION are read from the Makefile, where they are pinned);
//   2. wasm-bindgen --target web into target/miniprogram/bindgen/;
//   3. wasm-metadce: drop the exported globals (__abort_handler,
//      __instance_terminated: iOS WeChat refuses exported globals, and the
//      glue of a panic=abort build never reads them), then
//      wasm-opt -Oz --mvp-features, stripping debug info and producers;
//   4. checks: wasm-tools validate --features=mvp, no exported globals,
//      only function imports;
//   5. sharecart.js (CommonJS, WXWebAssembly, bundled UTF-8 codec, the
//      engine runtime of scripts/package/runtime.js) and
//      sharecart.d.ts generated from wasm-bindgen's output by
//      scripts/miniprogram/glue.mjs, sharecart.wasm.br (zlib brotli, q 11),
//      package.json and README.md;
//   6. prints raw / gzip / brotli sizes.
//
// Usage: node scripts/build-miniprogram.mjs [--copy-to DIR]...
//   --copy-to DIR  also copy the package into DIR (e.g.
//                  examples/miniprogram/miniprogram_npm/sharecart).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { brotliCompressSync, brotliDecompressSync, constants, gzipSync } from 'node:zlib';
import { buildEntry, buildTypes } from './miniprogram/glue.mjs';
import { errorTypes } from './package/types.mjs';
import { checkSize } from './wasm-size.mjs';

const DEFAULT_WASM_PATH = '/miniprogram_npm/sharecart/sharecart.wasm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The pins live in the Makefile (NIGHTLY, WASM_BINDGEN_VERSION): one place.
const makefile = readFileSync(join(root, 'Makefile'), 'utf8');
const pin = (name) => {
  const value = new RegExp(`^${name}\\s*:?=\\s*(\\S+)`, 'm').exec(makefile)?.[1];
  if (!value) fail(`no ${name} := ... in the Makefile`);
  return value;
};
const NIGHTLY = pin('NIGHTLY');
const WASM_BINDGEN_VERSION = pin('WASM_BINDGEN_VERSION');
const targetDir = join(root, 'target', 'miniprogram');
const rawWasm = join(targetDir, 'wasm32-unknown-unknown', 'release', 'sharecart.wasm');
const bindgenDir = join(targetDir, 'bindgen');
const outDir = join(root, 'pkg', 'miniprogram');

const copyTo = [];
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--copy-to' && process.argv[i + 1]) copyTo.push(resolve(process.argv[++i]));
  else {
    console.error(`usage: node scripts/build-miniprogram.mjs [--copy-to DIR]...\nunknown argument: ${arg}`);
    process.exit(64);
  }
}

const env = {
  ...process.env,
  PATH: [join(homedir(), '.cargo', 'bin'), join(root, 'node_modules', '.bin'), process.env.PATH].join(':'),
};

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  try {
    return execFileSync(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  } catch (error) {
    if (error.code === 'ENOENT') fail(`${command} is not installed (make miniprogram installs it)`);
    fail(`${command} failed (exit ${error.status})`);
  }
}

function fail(message) {
  console.error(`build-miniprogram: ${message}`);
  process.exit(1);
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const brotli = (bytes) => brotliCompressSync(bytes, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  },
});

// ---- 1. an MVP module --------------------------------------------------------
// panic=immediate-abort: a panic is a bare trap (engineFault), without the
// panic machinery. fmt-debug=none and location-detail=none drop the Debug
// impls and source locations no output uses (the engine's texts never go
// through `{:?}`): -0.9 KB raw, -0.4 KB gzip (docs/performance.md).
const LEAN_WASM_FLAGS = '-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none';
// Only these flags: a RUSTFLAGS from the environment would change the
// features of the module (and invalidate the cache) without anyone noticing.
delete env.CARGO_ENCODED_RUSTFLAGS;
run('cargo', [`+${NIGHTLY}`, 'build', '-Zbuild-std=std,panic_abort', '--target', 'wasm32-unknown-unknown',
  '--release', '--lib'], {
  env: { ...env, CARGO_TARGET_DIR: targetDir, RUSTFLAGS: `-Ctarget-cpu=mvp ${LEAN_WASM_FLAGS}` },
});

// ---- 2. wasm-bindgen -----------------------------------------------------------
const bindgenVersion = execFileSync('wasm-bindgen', ['--version'], { env, encoding: 'utf8' }).trim();
if (!bindgenVersion.endsWith(` ${WASM_BINDGEN_VERSION}`)) {
  fail(`wasm-bindgen ${WASM_BINDGEN_VERSION} is needed, found "${bindgenVersion}"`);
}
rmSync(bindgenDir, { recursive: true, force: true });
run('wasm-bindgen', ['--target', 'web', '--out-dir', bindgenDir, '--out-name', 'sharecart', rawWasm]);
const glue = readFileSync(join(bindgenDir, 'sharecart.js'), 'utf8');
const dts = readFileSync(join(bindgenDir, 'sharecart.d.ts'), 'utf8');
const bindgenWasm = join(bindgenDir, 'sharecart_bg.wasm');

// ---- 3. no exported globals; optimise -----------------------------------------
const exportsOf = (file) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file)));
const importsOf = (file) => WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(file)));
const bindgenExports = exportsOf(bindgenWasm);
const droppedGlobals = bindgenExports.filter((e) => e.kind === 'global').map((e) => e.name);
for (const name of droppedGlobals) {
  // The glue reads an export as wasm.NAME; if it ever does for a global,
  // removing the global would break it, so stop here.
  if (new RegExp(`\\b${name}\\b`).test(glue)) {
    fail(`the glue uses the exported global ${name}; teach scripts/build-miniprogram.mjs to replace it`);
  }
}
const graph = bindgenExports
  .filter((e) => e.kind !== 'global')
  .map((e, i) => ({ name: `keep${i}`, export: e.name, root: true }));
const graphFile = join(bindgenDir, 'metadce-graph.json');
writeFileSync(graphFile, JSON.stringify(graph, null, 1));
const dceWasm = join(bindgenDir, 'sharecart_dce.wasm');
console.log(`$ wasm-metadce ${relative(root, bindgenWasm)} --graph-file ${relative(root, graphFile)} (drops ${droppedGlobals.join(', ') || 'nothing'})`);
try {
  // metadce prints the unused nodes on stdout; keep them out of the log.
  execFileSync('wasm-metadce', ['--mvp-features', bindgenWasm, '--graph-file', graphFile, '-o', dceWasm],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
} catch (error) {
  fail(`wasm-metadce failed (${error.code === 'ENOENT' ? 'not installed: npm install binaryen' : `exit ${error.status}`})`);
}
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const wasmFile = join(outDir, 'sharecart.wasm');
run('wasm-opt', ['-Oz', '--mvp-features', '--strip-debug', '--strip-producers', '--strip-target-features',
  dceWasm, '-o', wasmFile]);

// ---- 4. checks -------------------------------------------------------------------
run('wasm-tools', ['validate', '--features=mvp', wasmFile]);
const finalExports = exportsOf(wasmFile);
const badExports = finalExports.filter((e) => !['function', 'memory', 'table'].includes(e.kind));
if (badExports.length) fail(`the .wasm exports ${badExports.map((e) => `${e.kind} ${e.name}`).join(', ')}`);
const lostExports = bindgenExports
  .filter((e) => e.kind !== 'global' && !finalExports.some((f) => f.name === e.name));
if (lostExports.length) fail(`optimisation lost exports: ${lostExports.map((e) => e.name).join(', ')}`);
const badImports = importsOf(wasmFile).filter((i) => i.kind !== 'function');
if (badImports.length) fail(`the .wasm imports ${badImports.map((i) => `${i.kind} ${i.module}.${i.name}`).join(', ')}`);

// ---- 5. the package ----------------------------------------------------------------
const version = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))?.[1];
if (!version) fail('no package version in Cargo.toml');
const header = `// sharecart ${version}, WeChat mini-program build. GENERATED by scripts/build-miniprogram.mjs
// from the output of wasm-bindgen ${WASM_BINDGEN_VERSION} (--target web); do not edit, rebuild with
// \`make miniprogram\`. See docs/miniprogram.md.`;
let entry;
try {
  entry = buildEntry(glue, {
    utf8Source: readFileSync(join(root, 'scripts', 'miniprogram', 'utf8.js'), 'utf8'),
    runtimeSource: readFileSync(join(root, 'scripts', 'package', 'runtime.js'), 'utf8'),
    defaultWasmPath: DEFAULT_WASM_PATH,
    header,
  });
} catch (error) {
  fail(error.message);
}
try {
  new vm.Script(entry.code, { filename: 'sharecart.js' });
} catch (error) {
  fail(`the generated sharecart.js does not parse: ${error.message}`);
}
writeFileSync(join(outDir, 'sharecart.js'), entry.code);
writeFileSync(join(outDir, 'sharecart.d.ts'), buildTypes(dts, { defaultWasmPath: DEFAULT_WASM_PATH, header, errorTypes: errorTypes() }));

const wasmBytes = readFileSync(wasmFile);
const br = brotli(wasmBytes);
if (Buffer.compare(brotliDecompressSync(br), wasmBytes) !== 0) fail('brotli round trip differs');
writeFileSync(join(outDir, 'sharecart.wasm.br'), br);

writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({
  name: 'sharecart',
  version,
  description: 'sharecart for WeChat mini-programs: cart pricing, coupons, commission previews and share codes (WXWebAssembly).',
  license: 'MIT',
  main: 'sharecart.js',
  types: 'sharecart.d.ts',
  files: ['sharecart.js', 'sharecart.d.ts', 'sharecart.wasm', 'sharecart.wasm.br'],
}, null, 2)}\n`);
writeFileSync(join(outDir, 'README.md'), `# sharecart ${version} — WeChat mini-program build

Generated by \`make miniprogram\` (scripts/build-miniprogram.mjs); see
docs/miniprogram.md in the sharecart repository.

In the npm package this folder is \`miniprogram/\` (the \`miniprogram\` field): WeChat
DevTools' 构建 npm copies it to \`miniprogram_npm/sharecart/\` and \`require('sharecart')\`
loads its \`index.js\`. Without npm, copy \`sharecart.js\` and ONE of \`sharecart.wasm\` (base library 2.13.0+) or
\`sharecart.wasm.br\` (2.14.0+, smaller) into the mini-program, e.g. to
\`miniprogram_npm/sharecart/\`, then:

\`\`\`js
const sharecart = require('../../miniprogram_npm/sharecart/sharecart.js');
await sharecart.init('/miniprogram_npm/sharecart/sharecart.wasm.br'); // default: ${DEFAULT_WASM_PATH}
const result = sharecart.priceCart(request);
\`\`\`

Exports: \`init(wasmPath?)\`, \`defaultWasmPath\`, \`isSharecartError\`, ${entry.api.map((n) => `\`${n}\``).join(', ')}.
`);

for (const dir of copyTo) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(outDir)) cpSync(join(outDir, name), join(dir, name));
  console.log(`copied pkg/miniprogram to ${relative(root, dir) || dir}`);
}

// ---- 6. sizes ------------------------------------------------------------------------
const jsBytes = Buffer.from(entry.code);
console.log(`pkg/miniprogram exports: init, defaultWasmPath, isSharecartError, ${entry.api.join(', ')}`);
console.log(`pkg/miniprogram/sharecart.wasm: MVP, ${finalExports.length} exports (no globals${droppedGlobals.length ? `; dropped ${droppedGlobals.join(', ')}` : ''})`);
const overBudget = checkSize('miniprogram', wasmFile, 'pkg/miniprogram/sharecart.wasm');
console.log(`pkg/miniprogram/sharecart.js: raw ${jsBytes.length} B (${kib(jsBytes.length)}), gzip ${gzipSync(jsBytes, { level: 9 }).length} B`);
console.log(`in a mini-program package: sharecart.js + sharecart.wasm = ${kib(jsBytes.length + wasmBytes.length)}; `
  + `sharecart.js + sharecart.wasm.br = ${kib(jsBytes.length + br.length)} (limit 2048 KiB)`);
if (overBudget.length) fail(overBudget.join('\n'));
if (!existsSync(wasmFile)) fail('no .wasm written');

// SPEC 10 (WASI): optimises the CLI built for wasm32-wasip1 into
// pkg/wasi/sharecart.wasi.wasm, checks that it imports nothing but
// wasi_snapshot_preview1, and prints raw, gzip and brotli sizes.
//
// The crate's wasm32 dependencies (wasm-bindgen and friends) are linked
// into any wasm32 build and leave their runtime exports behind; nothing
// calls them in the CLI, so wasm-metadce drops every export but _start and
// memory first. Then wasm-opt -O3 (binaryen from npm): on a server, speed
// matters more than the last kilobytes (docs/server.md has the figures).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/build-wasi.mjs <cargo output .wasm> <pkg/wasi/sharecart.wasi.wasm>');
  process.exit(64);
}
mkdirSync(dirname(output), { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'sharecart-wasi-'));
try {
  const graph = join(work, 'graph.json');
  writeFileSync(graph, JSON.stringify([
    { name: 'host', root: true, reaches: ['start', 'memory'] },
    { name: 'start', export: '_start' },
    { name: 'memory', export: 'memory' },
  ]));
  const trimmed = join(work, 'trimmed.wasm');
  execFileSync('wasm-metadce', [input, '--graph-file', graph, '-o', trimmed], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('wasm-opt', ['-O3', '--strip-debug', '--strip-producers', '--enable-bulk-memory',
    '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals',
    trimmed, '-o', output], { stdio: 'inherit' });
} finally {
  rmSync(work, { recursive: true, force: true });
}

const bytes = readFileSync(output);
const module = new WebAssembly.Module(bytes);
const foreign = WebAssembly.Module.imports(module).filter((i) => i.module !== 'wasi_snapshot_preview1');
if (foreign.length) {
  console.error(`${output}: imports outside WASI: ${foreign.map((i) => `${i.module}.${i.name}`).join(', ')}`);
  process.exit(1);
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const gzip = gzipSync(bytes, { level: 9 }).length;
const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`${output}: raw ${bytes.length} B (${kib(bytes.length)}), gzip ${gzip} B (${kib(gzip)}), brotli ${brotli} B (${kib(brotli)})`);

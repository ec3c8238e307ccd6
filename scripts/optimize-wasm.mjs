// Runs binaryen's wasm-opt -Oz (from npm, so nothing is downloaded at build
// time) on each .wasm given, then prints raw, gzip and brotli sizes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const file of process.argv.slice(2)) {
  execFileSync('wasm-opt', ['-Oz', '--strip-debug', '--strip-producers', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types',
    '--enable-multivalue', file, '-o', file], { stdio: 'inherit' });
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  console.log(`${file}: raw ${bytes.length} B (${kib(bytes.length)}), gzip ${gzip} B (${kib(gzip)}), brotli ${brotli} B (${kib(brotli)})`);
}

// The size budget of the shipped .wasm files (issue 16): every build
// prints raw, gzip -9 and brotli -q 11 sizes and fails when a file is above
// its budget in scripts/wasm-size-budget.json. A budget is set at what the
// build reached plus 5 %, so a regression of more than that fails the
// build; lower it when the module gets smaller (docs/performance.md).
//
//   node scripts/wasm-size.mjs web pkg/web/sharecart_bg.wasm   # check one file
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

/** {raw, gzip, brotli} in bytes. */
export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/**
 * Prints the sizes of `file` and checks them against the budget named
 * `target` ("web" or "miniprogram"; null: print only). Returns the problems (empty when
 * within budget) so each build script fails in its own words.
 */
export function checkSize(target, file, label = file) {
  const budgets = JSON.parse(readFileSync(join(here, 'wasm-size-budget.json'), 'utf8'));
  const budget = target === null ? {} : budgets[target];
  if (!budget) return [`no budget named ${target} in scripts/wasm-size-budget.json`];
  const s = sizes(readFileSync(file));
  const problems = [];
  for (const kind of ['raw', 'gzip', 'brotli']) {
    if (budget[kind] !== undefined && s[kind] > budget[kind]) {
      problems.push(`${label}: ${kind} ${s[kind]} B is above its budget of ${budget[kind]} B ` +
        `(scripts/wasm-size-budget.json, ${target}); find what grew: docs/performance.md, "Size"`);
    }
  }
  const used = (kind) => (budget[kind] ? ` (${((100 * s[kind]) / budget[kind]).toFixed(0)} % of budget)` : '');
  console.log(`${label}: raw ${s.raw} B (${kib(s.raw)})${used('raw')}, gzip ${s.gzip} B (${kib(s.gzip)})${used('gzip')}, ` +
    `brotli ${s.brotli} B (${kib(s.brotli)})${used('brotli')}`);
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [target, file] = process.argv.slice(2);
  if (!target || !file) {
    console.error('usage: node scripts/wasm-size.mjs web|miniprogram FILE.wasm');
    process.exit(64);
  }
  const problems = checkSize(target, resolve(file), file);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}

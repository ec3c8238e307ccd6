// Runs binaryen's wasm-opt -Oz, or the --level= given (from npm, so nothing
// is downloaded at build time) on each .wasm given, then prints raw, gzip and brotli sizes and
// fails the build when a file is above the budget named by --budget=
// (scripts/wasm-size.mjs, scripts/wasm-size-budget.json).
//
//   node scripts/optimize-wasm.mjs --budget=web pkg/npm/sharecart_bg.wasm
import { execFileSync } from 'node:child_process';
import { checkSize } from './wasm-size.mjs';

const args = process.argv.slice(2);
const budget = args.find((a) => a.startsWith('--budget='))?.slice('--budget='.length);
const level = args.find((a) => a.startsWith('--level='))?.slice('--level='.length) ?? '-Oz';
const problems = [];
for (const file of args.filter((a) => !a.startsWith('--'))) {
  execFileSync('wasm-opt', [level, '--strip-debug', '--strip-producers', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types',
    '--enable-multivalue', file, '-o', file], { stdio: 'inherit' });
  problems.push(...checkSize(budget ?? null, file));
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

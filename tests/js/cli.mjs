// The CLI against every golden vector: exit codes, error JSON on stderr, and
// stdout equal byte for byte to JSON.stringify of the wasm result plus "\n".
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root, loadPricingVectors, loadShareVectors, judge, judgeShare, report } from './vectors.mjs';

const cli = process.argv[2] ?? join(root, 'target', 'release', 'sharecart');
const require = createRequire(import.meta.url);
const engine = require(join(root, 'pkg', 'node', 'sharecart.js'));
const run = (args, input) => spawnSync(cli, args, { input, encoding: 'utf8' });

const failures = [];
let checks = 0;
for (const v of loadPricingVectors()) {
  const command = v.entry === 'preview' ? 'preview' : 'price';
  const out = run([command], v.requestText);
  let outcome;
  if (out.status === 0) {
    outcome = { text: out.stdout };
    const wasmFn = v.entry === 'preview' ? engine.previewShareCard : engine.priceCart;
    const wasmText = JSON.stringify(wasmFn(JSON.parse(v.requestText))) + '\n';
    if (out.stdout !== wasmText) failures.push(`${v.name}: CLI stdout differs from JSON.stringify of the wasm result`);
  } else if (out.status === 2) {
    const error = JSON.parse(out.stderr).error;
    outcome = { code: error.code, path: error.path };
    if (typeof error.message !== 'string' || out.stdout !== '') failures.push(`${v.name}: bad error output`);
  } else {
    failures.push(`${v.name}: exit ${out.status}`);
    continue;
  }
  const problem = judge(v, outcome);
  if (problem) failures.push(problem);
  checks++;
}

for (const v of loadShareVectors()) {
  const out = run(['share', v.vector.op], v.text);
  const outcome = out.status === 0 ? { text: out.stdout.replace(/\n$/, '') }
    : out.status === 2 ? (({ code, path }) => ({ code, path }))(JSON.parse(out.stderr).error)
    : { exit: out.status };
  if (out.status === 0 && !out.stdout.endsWith('\n')) failures.push(`${v.name}: no newline`);
  const problem = judgeShare(v, outcome);
  if (problem) failures.push(problem);
  checks++;
}

const usage = [[], ['bogus'], ['share'], ['price', 'extra']];
for (const args of usage) {
  const out = run(args, '');
  if (out.status !== 64) failures.push(`usage ${JSON.stringify(args)}: exit ${out.status}, want 64`);
  checks++;
}
const info = run(['info'], '');
if (info.stdout !== JSON.stringify(engine.engineInfo()) + '\n') failures.push('info differs from engineInfo()');
checks++;

report('cli', failures, checks);

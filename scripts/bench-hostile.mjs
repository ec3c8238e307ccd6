// SPEC 1.1 "Bounded work" in wasm: replays the hostile requests that
// `cargo bench --bench hostile` wrote to target/hostile/ through the Node
// package (pkg/node), each case in a fresh process (a fresh instance), and
// in headless Chromium (pkg/web, a fresh browser per case, through
// playwright-core and Debian's /usr/bin/chromium, nothing downloaded);
// prints per case the median and worst of five calls, the ratio to the
// native median, and the Node process's peak resident memory above its
// baseline (the whole process: the wasm memory the case made the engine
// touch, V8's copies of the text, instances the package replaced).
// Issue 11's targets: under 300 ms per call in Node, under 64 MB.
//
//   cargo bench --bench hostile && node scripts/bench-hostile.mjs
//   node scripts/bench-hostile.mjs --json      # also one JSON line

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBenchPage } from './bench/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'target/hostile');
const CALLS = 5;

function child(file) {
  const require = createRequire(import.meta.url);
  const text = readFileSync(file, 'utf8');
  const sharecart = require(join(root, 'pkg/node/sharecart.js'));
  sharecart.priceCartJson('{"now":0}');
  const baseKb = process.resourceUsage().maxRSS;
  const times = [];
  let payable = null;
  for (let i = 0; i < CALLS; i++) {
    const start = process.hrtime.bigint();
    const result = sharecart.priceCartJson(text);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    payable = JSON.parse(result).totals.payable;
  }
  times.sort((a, b) => a - b);
  const peakMb = (process.resourceUsage().maxRSS - baseKb) / 1024;
  process.stdout.write(JSON.stringify({
    median: times[CALLS >> 1], worst: times[CALLS - 1], peakMb, payable,
  }));
}

const SERVED = ['pkg/web/', 'scripts/bench/', 'target/hostile/'];

/** Median and worst of CALLS in a fresh Chromium page, per case. */
async function chromiumRows(names) {
  const { chromium } = await import('playwright-core');
  const rows = {};
  for (const name of names) {
    rows[name] = await withBenchPage(chromium, root, SERVED, (page) =>
      page.evaluate(([file, calls]) => window.hostile(file, calls), [`target/hostile/${name}.json`, CALLS]));
  }
  return rows;
}

async function main() {
  if (!existsSync(join(dir, 'native.json'))) {
    execFileSync('cargo', ['bench', '--bench', 'hostile'], { cwd: root, stdio: 'inherit' });
  }
  if (!existsSync(join(root, 'pkg/node/sharecart.js'))) {
    execFileSync('make', ['pkg'], { cwd: root, stdio: 'inherit' });
  }
  const native = JSON.parse(readFileSync(join(dir, 'native.json'), 'utf8'));
  const cases = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'native.json'
    && f !== 'report.json').sort();
  const rows = {};
  console.log('hostile requests: native median, Node median and worst of 5 (fresh process), peak RSS above baseline');
  for (const file of cases) {
    const name = file.replace(/\.json$/, '');
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', join(dir, file)],
      { cwd: root, maxBuffer: 1 << 20 });
    const row = { native: native[name], ...JSON.parse(out) };
    rows[name] = row;
    console.log(`${name.padEnd(24)} native ${row.native.toFixed(1).padStart(7)} ms  node ${row.median.toFixed(1).padStart(7)} ms`
      + ` (worst ${row.worst.toFixed(1)}, ${(row.median / row.native).toFixed(2)}x)  peak +${row.peakMb.toFixed(1)} MB  payable ${row.payable}`);
  }
  const browser = process.argv.includes('--no-browser') ? {} : await chromiumRows(Object.keys(rows));
  for (const [name, row] of Object.entries(browser)) {
    rows[name].chromium = row;
    console.log(`${name.padEnd(24)} chromium ${row.median.toFixed(1).padStart(7)} ms (worst ${row.worst.toFixed(1)}, ${(row.median / rows[name].native).toFixed(2)}x)  payable ${row.payable}`);
  }
  const worst = Object.values(rows).reduce((w, r) => ({
    native: Math.max(w.native, r.native), node: Math.max(w.node, r.worst), peakMb: Math.max(w.peakMb, r.peakMb),
    chromium: Math.max(w.chromium, r.chromium?.worst ?? 0),
  }), { native: 0, node: 0, peakMb: 0, chromium: 0 });
  console.log(`worst: native ${worst.native.toFixed(1)} ms (target < 100), Node ${worst.node.toFixed(1)} ms (target < 300), Chromium ${worst.chromium.toFixed(1)} ms, Node process peak +${worst.peakMb.toFixed(1)} MB (target < 64)`);
  writeFileSync(join(dir, 'report.json'), JSON.stringify({ rows, worst }, null, 2) + '\n');
  if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, worst }));
}

if (process.argv[2] === '--child') child(process.argv[3]); else await main();

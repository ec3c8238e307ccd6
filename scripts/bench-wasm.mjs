// Times `priceCartJson` of the Node wasm package (pkg/node, CommonJS) on the
// three benchmark carts of issue 4 (benches/typical.json, large.json,
// extreme.json) and prints the median per call. When criterion has run
// (`cargo bench --bench pricing`), it also prints the native median from
// criterion's estimates.json and the wasm/native ratio.
//
//   node scripts/bench-wasm.mjs                 # ~2 s per cart
//   node scripts/bench-wasm.mjs --seconds=5     # longer runs
//   node scripts/bench-wasm.mjs typical large   # some carts only
//   node scripts/bench-wasm.mjs --json          # also one JSON line of figures
//
// Native estimates are looked up in $CRITERION_HOME, then
// $CARGO_TARGET_DIR/criterion, then target/criterion. pkg/node is built
// with `make pkg` when it is missing.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const seconds = Number(option('seconds', '2'));
const wantJson = args.includes('--json');
const CARTS = [
  { name: 'typical', targetUs: 50 },
  { name: 'large', targetUs: 2000 },
  { name: 'extreme', targetUs: 50000 },
];
const chosen = args.filter((a) => !a.startsWith('--'));
const carts = chosen.length ? CARTS.filter((c) => chosen.includes(c.name)) : CARTS;
if (!carts.length) {
  console.error(`unknown cart; choose among ${CARTS.map((c) => c.name).join(', ')}`);
  process.exit(64);
}

const pkgFile = join(root, 'pkg/node/sharecart.js');
if (!existsSync(pkgFile)) {
  console.log('pkg/node is missing: running `make pkg` ...');
  execFileSync('make', ['pkg'], { cwd: root, stdio: 'inherit' });
}
const sharecart = require(pkgFile);

// ---- timing ---------------------------------------------------------------

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function time(text) {
  const call = () => sharecart.priceCartJson(text);
  // Warm up: let V8 tier the glue up and the wasm heap reach its size.
  const warmEnd = process.hrtime.bigint() + BigInt(Math.round(Math.min(1, seconds / 2) * 1e9));
  let warm = 0;
  while (warm < 20 || process.hrtime.bigint() < warmEnd) {
    call();
    warm += 1;
  }
  // Measure: one hrtime pair per call, for `seconds` and at least 30 calls.
  const samples = [];
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  while (samples.length < 30 || (process.hrtime.bigint() < end && samples.length < 200000)) {
    const t0 = process.hrtime.bigint();
    call();
    samples.push(Number(process.hrtime.bigint() - t0));
  }
  samples.sort((a, b) => a - b);
  return {
    calls: samples.length,
    medianNs: quantile(samples, 0.5),
    p10Ns: quantile(samples, 0.1),
    p90Ns: quantile(samples, 0.9),
  };
}

// ---- native figures from criterion ---------------------------------------

function criterionHome() {
  const candidates = [
    process.env.CRITERION_HOME,
    process.env.CARGO_TARGET_DIR && join(resolve(root, process.env.CARGO_TARGET_DIR), 'criterion'),
    join(root, 'target/criterion'),
  ].filter(Boolean);
  return candidates.find((dir) => existsSync(join(dir, 'price_cart_json')));
}

function nativeMedianNs(home, name) {
  if (!home) return undefined;
  const file = join(home, 'price_cart_json', name, 'new', 'estimates.json');
  if (!existsSync(file)) return undefined;
  const estimates = JSON.parse(readFileSync(file, 'utf8'));
  return { ns: estimates.median.point_estimate, when: statSync(file).mtime };
}

// ---- run ------------------------------------------------------------------

const us = (ns) => (ns === undefined ? '—' : `${(ns / 1000).toFixed(1)} µs`);
const home = criterionHome();
const rows = [];
for (const cart of carts) {
  const text = readFileSync(join(root, 'benches', `${cart.name}.json`), 'utf8');
  const request = JSON.parse(text);
  const result = JSON.parse(sharecart.priceCartJson(text));
  const t = time(text);
  const native = nativeMedianNs(home, cart.name);
  rows.push({
    cart: cart.name,
    lines: request.lines.length,
    shops: request.shops.length,
    coupons: request.coupons.length,
    optimal: result.couponSearch?.optimal,
    combinationsTried: result.couponSearch?.combinationsTried,
    payable: result.totals.payable,
    calls: t.calls,
    wasmMedianNs: t.medianNs,
    wasmP10Ns: t.p10Ns,
    wasmP90Ns: t.p90Ns,
    nativeMedianNs: native?.ns,
    ratio: native ? t.medianNs / native.ns : undefined,
    targetUs: cart.targetUs,
  });
}

console.log(`priceCartJson, wasm in Node ${process.version} (pkg/node), median per call`);
const header = ['cart', 'lines/shops/coupons', 'optimal', 'calls', 'wasm p10', 'wasm median', 'wasm p90',
  'native median', 'wasm/native', 'native target'];
const table = rows.map((r) => [
  r.cart,
  `${r.lines}/${r.shops}/${r.coupons}`,
  String(r.optimal),
  String(r.calls),
  us(r.wasmP10Ns),
  us(r.wasmMedianNs),
  us(r.wasmP90Ns),
  us(r.nativeMedianNs),
  r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)}×`,
  `< ${r.targetUs} µs`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
for (const row of table) console.log(line(row));
if (home) {
  console.log(`native: criterion medians from ${home}`);
} else {
  console.log('native: no criterion estimates found; run `cargo bench --bench pricing` first');
}

const wasmFile = join(root, 'pkg/web/sharecart_bg.wasm');
if (existsSync(wasmFile)) {
  const bytes = readFileSync(wasmFile);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(`pkg/web/sharecart_bg.wasm: raw ${bytes.length} B (${(bytes.length / 1024).toFixed(1)} KiB), ` +
    `gzip -9 ${gzip} B (${(gzip / 1024).toFixed(1)} KiB)`);
}
if (wantJson) console.log(JSON.stringify({ node: process.version, rows }));

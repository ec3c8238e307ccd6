// The wasm benchmarks of `make bench` (issues 4 and 16), all in one run so
// the ratios compare figures taken minutes apart on the same machine:
//
//  1. native: `cargo bench --bench sweep` times price_cart_json on the three
//     carts (benches/typical.json, large.json, extreme.json) and on the
//     sweep carts of 1 → 500 lines (benches/make_carts.py --sweep);
//  2. Node (pkg/node) and headless Chromium (pkg/web in a bench page driven
//     by playwright-core, /usr/bin/chromium, nothing downloaded): per cart,
//     median and p95 per call of priceCartJson(text), priceCart(object) and
//     the floor JSON.parse(JSON.stringify(request)); the sweep carts;
//  3. cold start in fresh Node processes and fresh Chromium browsers:
//     compile + instantiate of the .wasm, the first priceCart, the second;
//  4. the sizes of the shipped .wasm files;
//  5. the web demo in Chromium (scripts/bench/demo.mjs): its first pricing
//     and a tap, split into engine, preview, DOM update and the page's rest.
//
// It prints the tables, writes every figure to target/bench/results.json
// and the plot of per-call time against cart size to
// docs/performance-sweep.svg.
//
//   node scripts/bench-wasm.mjs                  # everything, about 2 minutes
//   node scripts/bench-wasm.mjs --seconds=3      # longer timing per figure
//   node scripts/bench-wasm.mjs --no-browser     # native and Node only
//   node scripts/bench-wasm.mjs --cold=10        # cold starts per runtime (default 7)
//   node scripts/bench-wasm.mjs typical large    # some carts only (no sweep)
//   node scripts/bench-wasm.mjs --json           # also one JSON line of figures
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureCart, timeCalls } from './bench/measure.mjs';
import { CHROMIUM, withBenchPage } from './bench/browser.mjs';
import { measureDemo } from './bench/demo.mjs';
import { sizes } from './wasm-size.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const seconds = Number(option('seconds', '1'));
const coldRuns = Number(option('cold', '7'));
const wantJson = args.includes('--json');
const withBrowser = !args.includes('--no-browser');
const CARTS = ['typical', 'large', 'extreme'];
const chosen = args.filter((a) => !a.startsWith('--'));
const carts = chosen.length ? CARTS.filter((c) => chosen.includes(c)) : CARTS;
if (!carts.length) {
  console.error(`unknown cart; choose among ${CARTS.join(', ')}`);
  process.exit(64);
}
const withSweep = !chosen.length;
const cartFile = (name) => `benches/${name}.json`;
const sweepDir = 'target/bench/sweep';
const SWEEP_LINES = [1, 2, 5, 10, 20, 50, 100, 200, 300, 500];
const sweepFile = (n) => `${sweepDir}/lines-${n}.json`;
const sweepFiles = withSweep ? SWEEP_LINES.map(sweepFile) : [];
if (!existsSync(join(root, 'pkg/node/sharecart.js')) || !existsSync(join(root, 'pkg/web/sharecart.js'))) {
  console.log('pkg/ is missing: running `make pkg` ...');
  execFileSync('make', ['pkg'], { cwd: root, stdio: 'inherit' });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (text) => process.stderr.write(`bench: ${text}\n`);

// ---- 1. native ------------------------------------------------------------------
if (withSweep) execFileSync('python3', ['benches/make_carts.py', '--sweep', sweepDir], { cwd: root, stdio: 'ignore' });
log('native (cargo bench --bench sweep) ...');
const nativeLines = execFileSync('cargo', ['bench', '--quiet', '--bench', 'sweep', '--', ...carts.map(cartFile), ...sweepFiles], {
  cwd: root,
  env: { ...process.env, SHARECART_SWEEP_SECONDS: String(seconds) },
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
}).split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const native = Object.fromEntries(nativeLines.map((r) => [r.file, { calls: r.calls, medianUs: r.medianNs / 1000, p95Us: r.p95Ns / 1000 }]));

// ---- 2. Node, warm -----------------------------------------------------------------
log('Node ...');
const nodeApi = require(join(root, 'pkg/node/sharecart.js'));
const now = () => performance.now();
const text = (file) => readFileSync(join(root, file), 'utf8');
const nodeRun = { carts: {}, sweep: {} };
for (const c of carts) nodeRun.carts[cartFile(c)] = measureCart(nodeApi, text(cartFile(c)), seconds, now);
for (const f of sweepFiles) {
  const t = text(f);
  nodeRun.sweep[f] = timeCalls(() => nodeApi.priceCartJson(t), seconds / 2, now);
}

// ---- 3. cold starts -----------------------------------------------------------------
log(`Node cold start x${coldRuns} ...`);
const nodeCold = [];
for (let i = 0; i < coldRuns; i++) {
  const out = execFileSync(process.execPath, ['scripts/bench/cold-node.mjs', 'pkg/web', cartFile('typical')], { cwd: root, encoding: 'utf8' });
  nodeCold.push(JSON.parse(out));
}

// ---- 2–3. Chromium -----------------------------------------------------------------
const SERVED = ['pkg/web/', 'scripts/bench/', 'benches/', `${sweepDir}/`];
const withPage = (chromium, body) => withBenchPage(chromium, root, SERVED, body);

let chromeRun = null;
const chromeCold = [];
let chromeVersion = null;
let demoRun = null;
if (withBrowser) {
  if (!existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} is missing (make tool-chromium installs it); run with --no-browser to skip`);
    process.exit(1);
  }
  const { chromium } = await import('playwright-core');
  log(`Chromium cold start x${coldRuns} (a fresh browser each) ...`);
  for (let i = 0; i < coldRuns; i++) {
    chromeCold.push(await withPage(chromium, (page) => page.evaluate((cart) => window.cold(cart), cartFile('typical'))));
  }
  log('Chromium ...');
  chromeRun = await withPage(chromium, async (page, version) => {
    chromeVersion = version;
    return page.evaluate(([c, s, secs]) => window.bench(c, s, secs), [carts.map(cartFile), sweepFiles, seconds]);
  });
  if (!chromeRun.crossOriginIsolated) log('warning: the bench page is not cross-origin isolated: performance.now() is coarse');
  log('the web demo in Chromium (first pricing, taps) ...');
  demoRun = await measureDemo(chromium, { loads: coldRuns });
}

// ---- 4. sizes -------------------------------------------------------------------
const sizeOf = (file) => (existsSync(join(root, file)) ? { file, ...sizes(readFileSync(join(root, file))) } : null);
const wasmSizes = [sizeOf('pkg/web/sharecart_bg.wasm'), sizeOf('pkg/miniprogram/sharecart.wasm')].filter(Boolean);

// ---- report ---------------------------------------------------------------------------
const us = (x) => (x === undefined ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(1)} µs`);
const ms = (x) => `${x.toFixed(2)} ms`;
const times = (x) => (x === undefined ? '—' : `${x.toFixed(2)}×`);
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log();
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
console.log(`sharecart bench, ${new Date().toISOString()}, ${machine}; Node ${process.version}` +
  `${chromeVersion ? `, Chromium ${chromeVersion}` : ''}; ${seconds} s a figure\n`);

console.log('priceCartJson(text), per call: median (p95); ratio = median / native median');
const runtimes = [['Node', nodeRun], ...(chromeRun ? [['Chromium', chromeRun]] : [])];
table(['cart', 'native', ...runtimes.flatMap(([n]) => [n, `${n}/native`])],
  carts.map((c) => {
    const f = cartFile(c);
    const n = native[f];
    return [c, `${us(n.medianUs)} (${us(n.p95Us)})`,
      ...runtimes.flatMap(([, run]) => [`${us(run.carts[f].json.medianUs)} (${us(run.carts[f].json.p95Us)})`,
        times(run.carts[f].json.medianUs / n.medianUs)])];
  }));

console.log('The boundary (item 4), medians: priceCart(object) vs priceCartJson(text) vs the floor JSON.parse(JSON.stringify(request))');
table(['cart', 'runtime', 'priceCart(obj)', 'priceCartJson', 'floor', 'json/floor', 'obj/floor', 'obj − json'],
  carts.flatMap((c) => runtimes.map(([name, run]) => {
    const r = run.carts[cartFile(c)];
    return [c, name, us(r.object.medianUs), us(r.json.medianUs), us(r.floor.medianUs),
      times(r.json.medianUs / r.floor.medianUs), times(r.object.medianUs / r.floor.medianUs),
      us(r.object.medianUs - r.json.medianUs)];
  })));

const coldRows = [['Node', nodeCold], ...(withBrowser ? [['Chromium', chromeCold]] : [])];
console.log(`Cold start (typical cart), median of ${coldRuns} fresh ${withBrowser ? 'processes / browsers' : 'processes'}`);
table(['runtime', 'compile', 'instantiate', 'first priceCart', 'compile→first result', 'second priceCart', 'warm priceCart'],
  coldRows.map(([name, runs]) => {
    const warm = (name === 'Node' ? nodeRun : chromeRun).carts[cartFile('typical')]?.object.medianUs;
    return [name, ms(median(runs.map((r) => r.compileMs))), ms(median(runs.map((r) => r.instantiateMs))),
      ms(median(runs.map((r) => r.firstCallMs))), ms(median(runs.map((r) => r.totalMs))),
      ms(median(runs.map((r) => r.secondCallMs))), warm === undefined ? '—' : ms(warm / 1000)];
  }));

if (demoRun) {
  const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
  const firstOf = (key) => ms(median(demoRun.firsts.map((f) => f[key])));
  console.log(`The web demo in Chromium: first pricing (median of ${demoRun.firsts.length} fresh browsers) and a tap (${demoRun.taps.length} taps on + / −), ms`);
  const rest = demoRun.taps.map((t) => t.handlerMs - t.engineMs - t.previewMs - t.renderMs);
  const tapOf = (xs) => `${ms(median(xs))} (${ms(p95(xs))})`;
  table(['', 'priceCart', 'previewShareCard', 'DOM update', 'rest of the handler', 'whole handler'], [
    ['first pricing', firstOf('engineMs'), firstOf('previewMs'), firstOf('renderMs'), '—', '—'],
    ['a tap: median (p95)', tapOf(demoRun.taps.map((t) => t.engineMs)), tapOf(demoRun.taps.map((t) => t.previewMs)),
      tapOf(demoRun.taps.map((t) => t.renderMs)), tapOf(rest), tapOf(demoRun.taps.map((t) => t.handlerMs))],
  ]);
}

if (withSweep) {
  console.log('Per-call time against cart size (priceCartJson, median)');
  table(['lines', 'native', 'Node', ...(chromeRun ? ['Chromium'] : [])],
    SWEEP_LINES.map((n) => [n, us(native[sweepFile(n)].medianUs), us(nodeRun.sweep[sweepFile(n)].medianUs),
      ...(chromeRun ? [us(chromeRun.sweep[sweepFile(n)].medianUs)] : [])]));
}

for (const s of wasmSizes) console.log(`${s.file}: raw ${s.raw} B, gzip -9 ${s.gzip} B, brotli -q 11 ${s.brotli} B`);

const results = {
  date: new Date().toISOString(), machine, node: process.version, chromium: chromeVersion, seconds,
  crossOriginIsolated: chromeRun?.crossOriginIsolated, native, node_: nodeRun, chromium_: chromeRun,
  cold: { node: nodeCold, chromium: chromeCold }, demo: demoRun, sizes: wasmSizes,
};
mkdirSync(join(root, 'target/bench'), { recursive: true });
writeFileSync(join(root, 'target/bench/results.json'), `${JSON.stringify(results, null, 1)}\n`);
if (withSweep) {
  const series = [
    { name: 'native', color: '#222222', points: SWEEP_LINES.map((n) => [n, native[sweepFile(n)].medianUs]) },
    { name: `wasm, Node ${process.version.split('.')[0]}`, color: '#2a7ab0', points: SWEEP_LINES.map((n) => [n, nodeRun.sweep[sweepFile(n)].medianUs]) },
    ...(chromeRun ? [{ name: `wasm, Chromium ${chromeVersion.split('.')[0]}`, color: '#d0652b', points: SWEEP_LINES.map((n) => [n, chromeRun.sweep[sweepFile(n)].medianUs]) }] : []),
  ];
  writeFileSync(join(root, 'docs/performance-sweep.svg'), plot(series, results.date.slice(0, 10), machine));
  console.log('wrote target/bench/results.json and docs/performance-sweep.svg');
}
if (wantJson) console.log(JSON.stringify(results));

/** A log–log SVG plot of per-call time (µs) against lines. */
function plot(series, date, machineText) {
  const W = 720, H = 440, left = 70, right = 190, top = 40, bottom = 50;
  const xs = [1, 500];
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const yLo = 10 ** Math.floor(Math.log10(Math.min(...ys)));
  const yHi = 10 ** Math.ceil(Math.log10(Math.max(...ys)));
  const px = (x) => left + ((Math.log10(x) - Math.log10(xs[0])) / (Math.log10(xs[1]) - Math.log10(xs[0]))) * (W - left - right);
  const py = (y) => H - bottom - ((Math.log10(y) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo))) * (H - top - bottom);
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${left}" y="22" font-size="14" font-weight="bold">priceCartJson: median time per call against cart size</text>`];
  for (let d = yLo; d <= yHi; d *= 10) {
    out.push(`<line x1="${left}" x2="${W - right}" y1="${py(d).toFixed(1)}" y2="${py(d).toFixed(1)}" stroke="#dddddd"/>`,
      `<text x="${left - 6}" y="${(py(d) + 4).toFixed(1)}" text-anchor="end">${d >= 1000 ? `${d / 1000} ms` : `${d} µs`}</text>`);
  }
  for (const x of SWEEP_LINES) {
    out.push(`<line x1="${px(x).toFixed(1)}" x2="${px(x).toFixed(1)}" y1="${top}" y2="${H - bottom}" stroke="#eeeeee"/>`,
      `<text x="${px(x).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${x}</text>`);
  }
  out.push(`<text x="${(left + W - right) / 2}" y="${H - 12}" text-anchor="middle">lines in the cart (log scale; shops, coupons and promotions scale with them)</text>`,
    `<rect x="${left}" y="${top}" width="${W - left - right}" height="${H - top - bottom}" fill="none" stroke="#888888"/>`);
  series.forEach((s, i) => {
    const d = s.points.map((p, k) => `${k ? 'L' : 'M'}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of s.points) out.push(`<circle cx="${px(p[0]).toFixed(1)}" cy="${py(p[1]).toFixed(1)}" r="3" fill="${s.color}"/>`);
    out.push(`<line x1="${W - right + 12}" x2="${W - right + 32}" y1="${top + 14 + i * 20}" y2="${top + 14 + i * 20}" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${W - right + 38}" y="${top + 18 + i * 20}">${esc(s.name)}</text>`);
  });
  out.push(`<text x="${W - right + 12}" y="${top + 30 + series.length * 20}" font-size="10" fill="#555555">${esc(date)}</text>`,
    `<text x="${W - right + 12}" y="${top + 44 + series.length * 20}" font-size="10" fill="#555555">${esc(machineText.slice(0, 30))}</text>`,
    `<text x="${W - right + 12}" y="${top + 58 + series.length * 20}" font-size="10" fill="#555555">make bench</text>`, '</svg>', '');
  return out.join('\n');
}

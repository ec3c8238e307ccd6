// `make load-test` (docs/server.md): loopback only, bounded, stops by
// itself. Starts `sharecart serve`, runs the load client twice (clean, then
// every 5th request malformed), reads the server's peak RSS (VmHWM), stops
// it with SIGTERM, then times batch NDJSON on a generated 20,000-cart
// corpus at --jobs 1 and 2. LOAD_SECONDS shortens the HTTP runs.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const cli = process.argv[2] ?? join(root, 'target', 'server', 'sharecart');
const load = process.argv[3] ?? join(root, 'target', 'server', 'examples', 'load');
const seconds = process.env.LOAD_SECONDS ?? '30';
const typical = join(root, 'benches', 'typical.json');

/** The server logs straight into a file: the load client runs with
 *  spawnSync, and a pipe nobody drains would stall the server's logging. */
async function startServer() {
  const logFile = join(root, 'target', 'load-test-server.log');
  const log = openSync(logFile, 'w');
  const child = spawn(cli, ['serve', '--bind', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', log] });
  closeSync(log);
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const m = /listening on http:\/\/([0-9.:]+)/.exec(readFileSync(logFile, 'utf8'));
    if (m) { child.port = m[1]; return child; }
  }
  throw new Error('the server did not start');
}

const peakRss = (pid) => /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];

function runLoad(addr, extra) {
  const out = spawnSync(load, ['--addr', addr, '--body', typical, '--connections', '64', '--seconds', seconds, ...extra], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`load client: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/** 20,000 carts: the typical cart with varied quantities, times and
 *  coupon thresholds, so lines differ (deterministic). */
function corpus(count) {
  const base = JSON.parse(readFileSync(typical, 'utf8'));
  const lines = [];
  for (let i = 0; i < count; i++) {
    const cart = structuredClone(base);
    cart.now = base.now + (i % 97) * 3_600_000;
    cart.lines.forEach((line, k) => { line.quantity = 1 + ((i + k) % 4); line.selected = (i + k) % 11 !== 0; });
    lines.push(JSON.stringify(cart));
  }
  return lines.join('\n') + '\n';
}

function timeBatch(file, jobs) {
  const started = process.hrtime.bigint();
  const out = spawnSync(cli, ['price', '--ndjson', '--jobs', String(jobs)], { input: readFileSync(file), maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (out.status !== 0) throw new Error(`batch exit ${out.status}`);
  return { ms, hash: createHash('sha256').update(out.stdout).digest('hex'), lines: out.stdout.toString().split('\n').length - 1 };
}

const server = await startServer();
const clean = runLoad(server.port, []);
const rssAfterClean = peakRss(server.pid);
const mixed = runLoad(server.port, ['--malformed-every', '5']);
const rss = peakRss(server.pid);
server.kill('SIGTERM');
const exit = await new Promise((r) => server.on('exit', r));

const file = join(root, 'target', 'batch-corpus.ndjson');
writeFileSync(file, corpus(20000));
const one = timeBatch(file, 1);
const two = timeBatch(file, 2);

console.log(JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() }, clean, mixed, peakRssKiB: { afterClean: Number(rssAfterClean), end: Number(rss) }, serverExit: exit }, null, 1));
console.log(`batch: ${one.lines} carts; --jobs 1 ${Math.round(one.lines / one.ms * 1000)} lines/s (${one.ms.toFixed(0)} ms); --jobs 2 ${Math.round(two.lines / two.ms * 1000)} lines/s (${two.ms.toFixed(0)} ms); outputs identical: ${one.hash === two.hash}`);
const ok = clean.errors === 0 && mixed.errors === 0 && mixed.answered_400 === mixed.planted_malformed && exit === 0 && one.hash === two.hash;
console.log(ok ? 'load-test: OK' : 'load-test: FAILED');
process.exit(ok ? 0 : 1);

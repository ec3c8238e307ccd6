// SPEC 10 (WASI): pkg/wasi/sharecart.wasi.wasm under node:wasi — what a
// Node server with no build step can run — on every golden vector, with
// exit code, stdout and stderr byte-identical to the native CLI's; the
// batch mode (--ndjson) over all one-line requests, identical too; and
// the module imports nothing but WASI.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { WASI } from 'node:wasi';
import { root, loadPricingVectors, loadShareVectors, judge, judgeShare, report } from './vectors.mjs';

const cli = process.argv[2] ?? join(root, 'target', 'release', 'sharecart');
const wasmPath = process.argv[3] ?? join(root, 'pkg', 'wasi', 'sharecart.wasi.wasm');
const module = await WebAssembly.compile(readFileSync(wasmPath));
const work = mkdtempSync(join(tmpdir(), 'sharecart-wasi-test-'));

// Every run is a new instance, and V8 reserves gigabytes of address space
// (guard regions) per wasm memory until the instance is collected. A few
// hundred uncollected instances exhaust the reservations, and Node 20 then
// sometimes hangs instead of collecting; so collect every few runs. (A
// server keeps one instance per batch stream instead: docs/server.md.)
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');
let runs = 0;

/** One run of the module: node:wasi takes real descriptors, so stdin,
 *  stdout and stderr are files. */
async function runWasi(args, input) {
  if (++runs % 25 === 0) collectGarbage();
  const files = ['stdin', 'stdout', 'stderr'].map((name) => join(work, name));
  writeFileSync(files[0], input);
  const fds = [openSync(files[0], 'r'), openSync(files[1], 'w'), openSync(files[2], 'w')];
  try {
    const wasi = new WASI({
      version: 'preview1', args: ['sharecart', ...args], env: {}, returnOnExit: true,
      stdin: fds[0], stdout: fds[1], stderr: fds[2],
    });
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    const status = wasi.start(instance);
    return { status, stdout: readFileSync(files[1], 'utf8'), stderr: readFileSync(files[2], 'utf8') };
  } finally {
    fds.forEach((fd) => closeSync(fd));
  }
}

function runNative(args, input) {
  const out = spawnSync(cli, args, { input, encoding: 'utf8' });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

const failures = [];
let checks = 0;

/** Runs both, requires identical output, returns the outcome for judging. */
async function both(name, args, input) {
  const [wasi, native] = [await runWasi(args, input), runNative(args, input)];
  checks++;
  for (const key of ['status', 'stdout', 'stderr']) {
    if (wasi[key] !== native[key]) {
      failures.push(`${name}: ${key} differs\n  wasi   ${JSON.stringify(wasi[key])}\n  native ${JSON.stringify(native[key])}`);
      return null;
    }
  }
  return wasi;
}

const outcomeOf = (out) => out.status === 0 ? { text: out.stdout.replace(/\n$/, '') }
  : out.status === 2 ? (({ code, path }) => ({ code, path }))(JSON.parse(out.stderr).error)
  : { exit: out.status };

const imports = WebAssembly.Module.imports(module).filter((i) => i.module !== 'wasi_snapshot_preview1');
checks++;
if (imports.length) failures.push(`imports outside WASI: ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}`);

const pricing = loadPricingVectors();
for (const v of pricing) {
  const out = await both(v.name, [v.entry === 'preview' ? 'preview' : 'price'], v.requestText);
  const problem = out && judge(v, outcomeOf(out));
  if (problem) failures.push(problem);
}
for (const v of loadShareVectors()) {
  const out = await both(v.name, ['share', v.vector.op], v.text);
  const problem = out && judgeShare(v, outcomeOf(out));
  if (problem) failures.push(problem);
}
for (const args of [[], ['bogus'], ['share'], ['price', 'extra'], ['info']]) {
  const out = await both(`args ${JSON.stringify(args)}`, args, '');
  if (out && out.status !== (args[0] === 'info' ? 0 : 64)) failures.push(`args ${JSON.stringify(args)}: exit ${out.status}`);
}

// Batch: every one-line request of each entry in one run, then an empty
// line and a line that is not JSON.
for (const entry of ['price', 'preview']) {
  const lines = pricing.filter((v) => !v.requestText.includes('\n')).map((v) => v.requestText);
  const input = [...lines, '', '{"now":'].join('\n') + '\n';
  const out = await both(`${entry} --ndjson`, [entry, '--ndjson'], input);
  const count = out ? out.stdout.split('\n').length - 1 : 0;
  if (out && (out.status !== 0 || count !== lines.length + 2)) {
    failures.push(`${entry} --ndjson: exit ${out.status}, ${count} lines for ${lines.length + 2}`);
  }
}

rmSync(work, { recursive: true, force: true });
report('wasi', failures, checks);

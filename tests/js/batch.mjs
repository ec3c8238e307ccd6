// SPEC 10 (batch NDJSON) and 1.1: `sharecart price|preview --ndjson` at
// --jobs 1 and 2 against the one-request command, line by line, byte for
// byte: every golden vector, an empty line, lines at and over 4 MiB, a
// non-UTF-8 line, a CRLF line, a last line without newline, and input
// order over thousands of mixed lines. Also the CLI's usage manners.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root, loadPricingVectors, report } from './vectors.mjs';

const cli = process.argv[2] ?? join(root, 'target', 'release', 'sharecart');
const failures = [];
let checks = 0;
const MAX = 4 * 1024 * 1024;
const big = { maxBuffer: 256 * 1024 * 1024 };

/** What the one-request command prints for `input`, without newline. */
function single(command, input) {
  const out = spawnSync(cli, [command], { input, ...big });
  if (out.status === 0) return out.stdout.toString('utf8').replace(/\n$/, '');
  if (out.status === 2 && out.stdout.length === 0) return out.stderr.toString('utf8').replace(/\n$/, '');
  return `exit ${out.status}`;
}

function batch(command, jobs, input) {
  const out = spawnSync(cli, [command, '--ndjson', '--jobs', String(jobs)], { input, ...big });
  if (out.status !== 0) failures.push(`${command} --ndjson --jobs ${jobs}: exit ${out.status}: ${out.stderr}`);
  return out.stdout.toString('utf8');
}

const check = (ok, message) => { checks++; if (!ok) failures.push(message); };

/** Runs `cases` ({name, bytes}) as one NDJSON stream and compares each
 *  output line with the one-request command on the same bytes. */
function compareStream(command, cases, jobsList = [1, 2]) {
  const expected = cases.map((c) => c.expected ?? single(command, c.bytes));
  const input = Buffer.concat(cases.flatMap((c, i) => (i + 1 < cases.length || !c.noFinalNewline) ? [c.bytes, Buffer.from('\n')] : [c.bytes]));
  for (const jobs of jobsList) {
    const lines = batch(command, jobs, input).split('\n');
    check(lines.pop() === '', `${command} --jobs ${jobs}: output does not end with a newline`);
    check(lines.length === cases.length, `${command} --jobs ${jobs}: ${lines.length} lines for ${cases.length} requests`);
    cases.forEach((c, i) => check(lines[i] === expected[i],
      `${command} --jobs ${jobs} ${c.name}: batch line differs from the one-request command\n  want ${expected[i]?.slice(0, 200)}\n  got  ${lines[i]?.slice(0, 200)}`));
  }
  return expected;
}

// 1. Every golden vector, through its own entry.
const vectors = loadPricingVectors();
for (const command of ['price', 'preview']) {
  const cases = vectors.filter((v) => (v.entry === 'preview') === (command === 'preview'))
    .map((v) => ({ name: v.name, bytes: Buffer.from(v.requestText, 'utf8') }));
  compareStream(command, cases);
}

// 2. Edge lines, each checked against the one-request command and its code.
const spec = vectors.find((v) => v.name.startsWith('price-001')).requestText;
const pad = (n) => Buffer.from(spec + ' '.repeat(n - Buffer.byteLength(spec)), 'utf8');
const edge = [
  { name: 'empty line', bytes: Buffer.alloc(0), code: 'invalidJson' },
  { name: 'exactly 4 MiB', bytes: pad(MAX) },
  { name: '4 MiB + 1 byte', bytes: pad(MAX + 1), code: 'limitExceeded' },
  { name: '20 MiB line', bytes: pad(5 * MAX), code: 'limitExceeded' },
  { name: 'not UTF-8', bytes: Buffer.from([0x7b, 0xff, 0x7d]), code: 'invalidJson' },
  { name: 'CRLF line', bytes: Buffer.from(spec + '\r') },
  { name: 'whitespace only', bytes: Buffer.from('  \t'), code: 'invalidJson' },
  { name: 'last line, no newline', bytes: Buffer.from(spec), noFinalNewline: true },
];
const edgeOut = compareStream('price', edge);
edge.forEach((c, i) => {
  if (!c.code) return check(!edgeOut[i].startsWith('{"error"'), `${c.name}: want a result, got ${edgeOut[i].slice(0, 120)}`);
  const error = JSON.parse(edgeOut[i]).error;
  check(error.code === c.code && error.path === '', `${c.name}: want ${c.code} at "", got ${edgeOut[i].slice(0, 120)}`);
});

// 3. Input order over many chunks: 6,000 lines mixing results and errors.
const priced = vectors.filter((v) => v.entry === 'price');
const bag = priced.map((v) => ({ name: v.name, bytes: Buffer.from(v.requestText, 'utf8') }));
const expectedOf = new Map(bag.map((c) => [c.name, single('price', c.bytes)]));
const mixed = Array.from({ length: 6000 }, (_, i) => {
  const c = bag[(i * 7919) % bag.length];
  return { name: `#${i} ${c.name}`, bytes: c.bytes, expected: expectedOf.get(c.name) };
});
compareStream('price', mixed, [1, 2, 3]);

// 4. CLI manners (issue 12 item 5) and batch usage errors.
const run = (args, input = '') => spawnSync(cli, args, { input, encoding: 'utf8' });
for (const args of [['--help'], ['-h'], ['help'], ['help', 'price'], ['help', 'serve'], ['help', 'share'], ['price', '--help']]) {
  const out = run(args);
  check(out.status === 0 && out.stdout.startsWith('usage: sharecart'), `${args.join(' ')}: exit ${out.status}, stdout ${out.stdout.slice(0, 40)}`);
}
const version = run(['--version']);
const info = JSON.parse(run(['info']).stdout);
check(version.status === 0 && version.stdout === `sharecart ${info.version} (spec ${info.spec})\n`, `--version: ${version.stdout}`);
for (const args of [['help', 'bogus'], ['price', '--jobs', '2'], ['price', '--ndjson', '--jobs', '0'],
  ['price', '--ndjson', '--jobs'], ['price', '--ndjson', '--ndjson'], ['preview', '--ndjson', 'x'], ['info', '--ndjson']]) {
  check(run(args).status === 64, `${args.join(' ')}: want exit 64`);
}
check(run(['price', '--ndjson'], '').stdout === '', 'empty input: no output');
check(run(['price', '--jobs=2', '--ndjson'], spec + '\n').stdout === single('price', spec) + '\n', '--jobs=2 before --ndjson');

report('batch', failures, checks);

// No leaks (issue 16, item 5): 100,000 calls through the Node package
// (pkg/node), one in three an error — invalid JSON, typed errors of every
// kind the vectors pin, non-string arguments, cycles — the rest valid
// pricing requests, previews and share codes. After the first 1,000 calls
// the wasm memory (`memory.buffer.byteLength`, which never shrinks) and
// wasm-bindgen's externref table have reached their high-water marks; a
// leak of even a few bytes per call would push them past it long before
// call 100,000. Every outcome must also stay byte-identical to the first
// one for the same input, and the instance must never be replaced (a
// replacement would hide a leak: it starts from a small memory again).
//
//   node tests/js/leak.mjs            # 100,000 calls, about 10 s
//   node tests/js/leak.mjs --calls=N  # another count (warm-up stays 1,000)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, loadPricingVectors, loadShareVectors, judge, judgeShare, report, trackInstances } from './vectors.mjs';

const instances = trackInstances();

const require = createRequire(import.meta.url);
const engine = require(join(root, 'pkg', 'node', 'sharecart.js'));

const argument = process.argv.find((a) => a.startsWith('--calls='));
const CALLS = argument ? Number(argument.slice('--calls='.length)) : 100_000;
const WARM_UP = 1_000;

const outcome = (fn, input) => {
  try {
    const value = fn(input);
    return { text: typeof value === 'string' ? value : JSON.stringify(value) };
  } catch (error) {
    return { code: error.code, path: error.path };
  }
};
const key = (o) => (o.text !== undefined ? `ok ${o.text}` : `error ${o.code} ${JSON.stringify(o.path)}`);

// Each workload: a name, a call, and a judge for its first outcome (the
// golden vector's expectation where there is one).
const valid = [];
const errors = [];
for (const v of loadPricingVectors()) {
  const [objectFn, textFn] = v.entry === 'preview'
    ? [engine.previewShareCard, engine.previewShareCardJson]
    : [engine.priceCart, engine.priceCartJson];
  const into = v.vector.result !== undefined ? valid : errors;
  into.push({ name: `${v.name} (text)`, call: () => outcome(textFn, v.requestText), judge: (o) => judge(v, o) });
  if (v.vector.request !== undefined) {
    into.push({ name: `${v.name} (object)`, call: () => outcome(objectFn, v.vector.request), judge: (o) => judge(v, o) });
  }
}
for (const v of loadShareVectors()) {
  const fn = v.vector.op === 'encode' ? engine.encodeShareCodeJson : engine.decodeShareCodeJson;
  const into = v.expected !== undefined ? valid : errors;
  into.push({ name: v.name, call: () => outcome(fn, v.text), judge: (o) => judgeShare(v, o) });
}
for (const cart of ['typical', 'large']) {
  const text = readFileSync(join(root, 'benches', `${cart}.json`), 'utf8');
  valid.push({ name: `benches/${cart}.json`, call: () => outcome(engine.priceCartJson, text), judge: (o) => (o.text ? null : `${cart}: ${key(o)}`) });
}
const wantError = (code) => (o) => (o.code === code ? null : `want ${code}, got ${key(o)}`);
const cycle = {};
cycle.self = cycle;
errors.push(
  { name: 'a number for text', call: () => outcome(engine.priceCartJson, 42), judge: wantError('invalidType') },
  { name: 'an object for text', call: () => outcome(engine.previewShareCardJson, { now: 0 }), judge: wantError('invalidType') },
  { name: 'a cyclic object', call: () => outcome(engine.priceCart, cycle), judge: wantError('invalidJson') },
  { name: 'a lone surrogate', call: () => outcome(engine.priceCartJson, '{"now":0,"x":"\uD800"}'), judge: wantError('invalidJson') },
  { name: 'deep nesting', call: () => outcome(engine.priceCartJson, '['.repeat(5000)), judge: wantError('invalidJson') },
);

const failures = [];
const reference = new Map();
const memory = () => instances.at(-1).exports.memory.buffer.byteLength;
const table = () => instances.at(-1).exports.__wbindgen_externrefs.length;
let marks = null;
let grewAt = null;
let errorCalls = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < CALLS; i++) {
  const isError = i % 3 === 2;
  const list = isError ? errors : valid;
  const n = isError ? (i - 2) / 3 : i - Math.floor(i / 3);
  const work = list[n % list.length];
  const got = work.call();
  if (isError) errorCalls++;
  if ((got.text === undefined) !== isError) {
    failures.push(`call ${i} ${work.name}: want ${isError ? 'an error' : 'a result'}, got ${key(got)}`);
    break;
  }
  const seen = reference.get(work);
  if (seen === undefined) {
    const problem = work.judge(got);
    if (problem) failures.push(`${work.name}: ${problem}`);
    reference.set(work, key(got));
  } else if (seen !== key(got)) {
    failures.push(`call ${i} ${work.name}: outcome changed\n  first ${seen}\n  now   ${key(got)}`);
    break;
  }
  if (i + 1 === WARM_UP) marks = { memory: memory(), table: table(), workloads: reference.size };
  if (marks !== null && grewAt === null && (memory() > marks.memory || table() > marks.table)) {
    grewAt = { call: i + 1, memory: memory(), table: table() };
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

if (grewAt !== null) {
  failures.push(`the wasm memory or externref table grew after call ${WARM_UP}: at call ${grewAt.call} ` +
    `memory ${marks.memory} → ${grewAt.memory} B, table ${marks.table} → ${grewAt.table}`);
}
if (instances.length !== 1) failures.push(`${instances.length} instances were made; want 1 (a replacement hides leaks)`);
// Every input has run once before the marks are taken, so the marks are
// what the largest of them needs, not a guess.
if (marks === null || marks.workloads !== valid.length + errors.length) {
  failures.push(`only ${marks?.workloads} of ${valid.length + errors.length} inputs ran in the first ${WARM_UP} calls`);
}
console.log(`leak: ${CALLS} calls (${errorCalls} errors) over ${valid.length} valid and ${errors.length} error inputs ` +
  `in ${seconds.toFixed(1)} s; memory ${marks?.memory} B, externref table ${marks?.table} after call ${WARM_UP}, ` +
  `${memory()} B and ${table()} at the end`);
report('leak (pkg/node)', failures, CALLS);

// The JavaScript API of the Node package (pkg/node, the Node entry of the
// npm package: scripts/package/build-npm.mjs): every golden vector
// through the object entry points and the text twins, which must agree
// byte for byte; errors are Error objects with code and path; the module
// keeps working after errors; the boundary of SPEC 10 (non-strings and lone
// surrogates in the text twins, engineFault and a fresh instance after a
// trap, replacement past the memory high-water mark).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { root, loadPricingVectors, loadShareVectors, judge, judgeShare, report, trackInstances } from './vectors.mjs';
import { boundaryChecks } from './boundary.mjs';

// Every instance the package makes, to break one on purpose (below).
const instances = trackInstances();

const require = createRequire(import.meta.url);
const engine = require(join(root, 'pkg', 'node', 'sharecart.js'));

const call = (fn, input) => {
  try {
    const value = fn(input);
    return { text: typeof value === 'string' ? value : JSON.stringify(value) };
  } catch (error) {
    assert.ok(error instanceof Error, 'thrown value is an Error');
    assert.equal(typeof error.message, 'string');
    return { code: error.code, path: error.path };
  }
};

const vectors = loadPricingVectors();
const failures = [];
let checks = 0;
for (const v of vectors) {
  const [objectFn, textFn] = v.entry === 'preview'
    ? [engine.previewShareCard, engine.previewShareCardJson]
    : [engine.priceCart, engine.priceCartJson];
  const viaText = call(textFn, v.requestText);
  const problem = judge(v, viaText);
  if (problem) failures.push(`text: ${problem}`);
  checks++;
  if (v.vector.request !== undefined) {
    const viaObject = call(objectFn, v.vector.request);
    if (JSON.stringify(viaObject) !== JSON.stringify(viaText)) {
      failures.push(`${v.name}: object entry point differs from the text twin\n  object ${JSON.stringify(viaObject)}\n  text   ${JSON.stringify(viaText)}`);
    }
    checks++;
  }
}

// Share codes: the text twins on every vector; the object functions where
// the vector's members are JSON values a JS caller could pass.
for (const v of loadShareVectors()) {
  const encode = v.vector.op === 'encode';
  const viaText = call(encode ? engine.encodeShareCodeJson : engine.decodeShareCodeJson, v.text);
  const problem = judgeShare(v, viaText);
  if (problem) failures.push(`text: ${problem}`);
  checks++;
  if (v.vector.text === undefined) {
    const args = [v.vector[v.first], v.vector.options];
    const viaObject = call((a) => (encode ? engine.encodeShareCode : engine.decodeShareCode)(...a), args);
    const asText = viaObject.text === undefined ? viaObject
      : { text: encode ? JSON.stringify({ code: viaObject.text }) : viaObject.text };
    if (JSON.stringify(asText) !== JSON.stringify(viaText)) {
      failures.push(`${v.name}: object function differs from the text twin\n  object ${JSON.stringify(asText)}\n  text   ${JSON.stringify(viaText)}`);
    }
    checks++;
  }
}

// SPEC 0: what a JS object cannot express differently must not matter.
const base = { now: 0, shops: [{ id: 's' }], lines: [{ id: 'L', skuId: '1', shopId: 's', listPrice: '1.00', quantity: 1 }] };
const plain = JSON.stringify(engine.priceCart(base));
assert.equal(JSON.stringify(engine.priceCart({ ...base, rounding: undefined, user: undefined })), plain);
assert.equal(JSON.stringify(engine.priceCart({ lines: base.lines, shops: base.shops, now: -0 })), plain);
const cycle = { ...base };
cycle.self = cycle;
assert.deepEqual(call(engine.priceCart, cycle), { code: 'invalidJson', path: '' });
assert.deepEqual(call(engine.priceCart, { ...base, now: 1n }), { code: 'invalidJson', path: '' });
assert.deepEqual(call(engine.priceCart, undefined), { code: 'invalidJson', path: '' });
assert.deepEqual(call(engine.priceCartJson, '['.repeat(200000)), { code: 'invalidJson', path: '' });
assert.equal(JSON.stringify(engine.priceCart(base)), plain, 'works after errors');
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
assert.deepEqual(engine.engineInfo(), { version, spec: 2 });
checks += 8;

// SPEC 10: the boundary (tests/js/boundary.mjs, shared with the browser test).
const boundary = boundaryChecks(engine, () => instances.at(-1), () => instances.length);
failures.push(...boundary.failures);
checks += boundary.checks;

report('js api (pkg/node)', failures, checks);

// Reads the golden vectors and judges outcomes exactly as tests/common/mod.rs
// does: everything but engine.version and couponSearch.combinationsTried,
// key order included.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function loadPricingVectors() {
  const dir = join(root, 'tests', 'vectors');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => {
      const fileText = readFileSync(join(dir, name), 'utf8');
      const vector = JSON.parse(fileText);
      // `request` holds only numbers JSON.stringify spells the same way (a
      // native test checks it), so this text is the file's request exactly.
      const requestText = vector.requestText ?? JSON.stringify(vector.request);
      return { name, vector, requestText, entry: vector.entry ?? 'price' };
    });
}

export function comparable(value) {
  const strip = (v, parent) => {
    if (Array.isArray(v)) return v.map((x) => strip(x, ''));
    if (v && typeof v === 'object') {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        if (parent === 'engine' && k === 'version') continue;
        if (parent === 'couponSearch' && k === 'combinationsTried') continue;
        out[k] = strip(x, k);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(strip(value, ''));
}

/** outcome: {text} or {code, path}. Returns null when it matches. */
export function judge({ name, vector }, outcome) {
  if (vector.result !== undefined) {
    if (outcome.text === undefined) return `${name}: want a result, got ${outcome.code} at ${JSON.stringify(outcome.path)}`;
    const want = comparable(vector.result);
    const got = comparable(JSON.parse(outcome.text));
    return want === got ? null : `${name}: result differs\n  want ${want}\n  got  ${got}`;
  }
  if (outcome.code === undefined) return `${name}: want an error, got ${outcome.text}`;
  const ok = outcome.code === vector.error.code && outcome.path === vector.error.path;
  return ok ? null : `${name}: want ${vector.error.code} at ${JSON.stringify(vector.error.path)}, got ${outcome.code} at ${JSON.stringify(outcome.path)}`;
}

export function report(suite, failures, count) {
  if (failures.length) {
    console.error(failures.join('\n'));
    console.error(`${suite}: ${failures.length} of ${count} failed`);
    process.exit(1);
  }
  console.log(`${suite}: ${count} passed`);
}

/** Share-code vectors (docs/share-code.md section 10), with the text each
 *  one feeds its twin and the output text it expects. */
export function loadShareVectors() {
  const dir = join(root, 'tests', 'vectors', 'share');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => {
      const vector = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      const first = vector.op === 'encode' ? 'fields' : 'input';
      let text = vector.text;
      if (text === undefined) {
        const envelope = {};
        if (vector[first] !== undefined) envelope[first] = vector[first];
        if (vector.options !== undefined) envelope.options = vector.options;
        text = JSON.stringify(envelope);
      }
      const expected = vector.code !== undefined
        ? JSON.stringify({ code: vector.code })
        : vector.result !== undefined ? JSON.stringify(vector.result) : undefined;
      return { name: `share/${name}`, vector, text, expected, first };
    });
}

export function judgeShare(v, outcome) {
  if (v.expected !== undefined) {
    if (outcome.text === v.expected) return null;
    return `${v.name}: want ${v.expected}, got ${JSON.stringify(outcome)}`;
  }
  if (outcome.code === v.vector.error.code && outcome.path === v.vector.error.path) return null;
  return `${v.name}: want ${v.vector.error.code} at ${JSON.stringify(v.vector.error.path)}, got ${JSON.stringify(outcome)}`;
}

/**
 * Records every WebAssembly instance made from now on (the package makes
 * one, and a fresh one after a trap or above its high-water mark); call
 * before loading the package. Returns the live list.
 */
export function trackInstances() {
  const instances = [];
  WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
    construct(target, args) {
      const instance = Reflect.construct(target, args);
      instances.push(instance);
      return instance;
    },
  });
  return instances;
}

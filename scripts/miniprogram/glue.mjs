// Turns wasm-bindgen's `--target web` glue (an ES module that loads the
// .wasm with fetch and the global WebAssembly object) into the CommonJS
// entry of the mini-program build (pkg/miniprogram/sharecart.js).
//
// The generated file is never edited by hand: every build regenerates it
// from wasm-bindgen's output with the steps below, and refuses to write it
// when the glue has a shape these steps do not know (so an upgrade of
// wasm-bindgen fails loudly instead of shipping something half-converted).
//
//  1. Split the glue into top-level statements (wasm-bindgen writes each at
//     column 0 and indents everything inside).
//  2. Drop the web loader: __wbg_load, initSync, __wbg_init, __wbg_init_once,
//     __wbg_init_promise and the trailing `export { ... }` list. Keep
//     __wbg_get_imports (the import object) and __wbg_finalize_init.
//  3. `export function|class|const NAME` becomes a plain declaration and
//     NAME joins the public API (so new #[wasm_bindgen] exports such as the
//     share-code functions pass through without touching this script).
//  4. `new TextEncoder(` / `new TextDecoder(` use the bundled UTF-8 codec
//     (scripts/miniprogram/utf8.js) instead.
//  5. Wrap it in a CommonJS module with `init(wasmPath?)`, which calls
//     WXWebAssembly.instantiate(path, imports).
//  6. Check the result: no import.meta, no fetch, no global WebAssembly, no
//     TextEncoder/TextDecoder, no eval/new Function, no ES module syntax.

const DROP_FUNCTIONS = new Set(['__wbg_load', '__wbg_init', '__wbg_init_once', 'initSync']);
const DROP_VARIABLES = new Set(['__wbg_init_promise']);
const REQUIRED = ['__wbg_get_imports', '__wbg_finalize_init'];

/** Top-level statements of wasm-bindgen's output, leading comments attached. */
export function topLevelChunks(source) {
  const chunks = [];
  let current = null;
  let comments = []; // column-0 comments: they belong to the next statement
  let inComment = false;
  for (const line of source.replace(/\r\n/g, '\n').split('\n')) {
    if (inComment) {
      comments.push(line);
      if (line.includes('*/')) inComment = false;
      continue;
    }
    if (line.startsWith('//') || line.startsWith('/*')) {
      comments.push(line);
      inComment = line.startsWith('/*') && !line.includes('*/');
      continue;
    }
    const startsStatement = /^[^\s})\]]/.test(line);
    if (startsStatement) {
      current = { lines: [...comments, line], head: line };
      comments = [];
      chunks.push(current);
    } else if (current === null) {
      comments.push(line);
    } else {
      current.lines.push(line);
    }
  }
  if (comments.length) chunks.push({ lines: comments, head: '' });
  for (const chunk of chunks) {
    const head = chunk.head;
    let m;
    if ((m = /^(export\s+)?(async\s+)?function\s*\*?\s*([\w$]+)/.exec(head))) {
      Object.assign(chunk, { kind: 'function', name: m[3], exported: !!m[1] });
    } else if ((m = /^(export\s+)?class\s+([\w$]+)/.exec(head))) {
      Object.assign(chunk, { kind: 'class', name: m[2], exported: !!m[1] });
    } else if ((m = /^(export\s+)?(let|const|var)\s+([\w$]+)/.exec(head))) {
      Object.assign(chunk, { kind: 'variable', name: m[3], exported: !!m[1] });
    } else if (/^export\s*(\{|default\b|\*)/.test(head)) {
      Object.assign(chunk, { kind: 'export-list' });
    } else {
      Object.assign(chunk, { kind: 'statement' });
    }
  }
  return chunks;
}

const FORBIDDEN = [
  [/\bimport\.meta\b/, 'import.meta'],
  [/(?<![\w$])WebAssembly\b/, 'the global WebAssembly object'],
  [/(?<![\w$.])fetch\s*\(/, 'fetch'],
  [/\bText(En|De)coder\b/, 'the platform text codecs'],
  [/(?<![\w$.])eval\s*\(|\bnew\s+Function\b/, 'eval / new Function'],
  [/^\s*(import|export)\b/m, 'ES module syntax'],
];

/** Throws when `code` uses something a mini-program does not have. */
export function checkMiniprogramSafe(code, what) {
  for (const [pattern, label] of FORBIDDEN) {
    const m = pattern.exec(code);
    if (m) {
      const line = code.slice(0, m.index).split('\n').length;
      throw new Error(`${what}: uses ${label} at line ${line}: ${code.split('\n')[line - 1].trim()}`);
    }
  }
}

/**
 * glue: wasm-bindgen's --target web sharecart.js. Returns { code, api }:
 * `code` declares `function createBinding()`, which evaluates the glue's
 * state afresh (its `wasm`, memory views, externref table helpers) on every
 * call and returns { imports, finalize(instance, module), memoryBytes(),
 * api } for scripts/package/runtime.js; `api` lists the exported names.
 * codec: 'platform' keeps TextEncoder/TextDecoder; 'bundled' points them at
 * Utf8Encoder/Utf8Decoder (scripts/miniprogram/utf8.js).
 */
export function buildFactory(glue, { codec = 'platform' } = {}) {
  const chunks = topLevelChunks(glue);
  const names = new Set(chunks.map((c) => c.name).filter(Boolean));
  for (const name of REQUIRED) {
    if (!names.has(name)) throw new Error(`wasm-bindgen glue has no ${name}: its shape changed; update scripts/miniprogram/glue.mjs`);
  }
  if (!chunks.some((c) => c.kind === 'variable' && /\bwasm\b/.test(c.head.replace(/=.*/, '')))) {
    throw new Error('wasm-bindgen glue declares no top-level `wasm` binding; update scripts/miniprogram/glue.mjs');
  }
  const api = [];
  const kept = [];
  for (const chunk of chunks) {
    if (chunk.kind === 'export-list') continue;
    if (chunk.kind === 'function' && DROP_FUNCTIONS.has(chunk.name)) continue;
    if (chunk.kind === 'variable' && DROP_VARIABLES.has(chunk.name)) continue;
    let text = chunk.lines.join('\n');
    if (chunk.lines.length && chunk.lines[0].startsWith('/* @ts-self-types')) {
      text = chunk.lines.slice(1).join('\n');
    }
    if (chunk.exported) {
      if (chunk.name.startsWith('__wbg') || chunk.name === 'default') {
        throw new Error(`wasm-bindgen glue exports ${chunk.name}, which this script does not know`);
      }
      api.push(chunk.name);
      text = text.replace(/^export\s+/m, '');
    }
    kept.push(text);
  }
  if (api.length === 0) throw new Error('wasm-bindgen glue exports no functions');
  let body = kept.join('\n').trim();
  if (codec === 'bundled') {
    body = body.replace(/\bnew\s+TextEncoder\s*\(/g, 'new Utf8Encoder(').replace(/\bnew\s+TextDecoder\s*\(/g, 'new Utf8Decoder(');
  }
  if (/\bimport\.meta\b|(?<![\w$])fetch\s*\(|^\s*(import|export)\b/m.test(body)) {
    throw new Error('the wasm-bindgen glue still loads the module itself after conversion; update scripts/miniprogram/glue.mjs');
  }
  const indented = body.split('\n').map((line) => (line ? `  ${line}` : line)).join('\n');
  const code = `/** Fresh wasm-bindgen glue state for one instance (scripts/miniprogram/glue.mjs). */
function createBinding() {
${indented}

  return {
    imports: __wbg_get_imports(),
    finalize: function (instance, module) { __wbg_finalize_init(instance, module); },
    memoryBytes: function () { return wasm.memory.buffer.byteLength; },
    api: { ${api.map((n) => `${n}: ${n}`).join(', ')} },
  };
}`;
  return { code, api };
}

/** The UTF-8 codec source without its leading comment block. */
function codecBody(utf8Source) {
  return utf8Source
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line, i, all) => !(/^\/\//.test(line) && all.slice(0, i).every((l) => /^\/\//.test(l))))
    .filter((line) => !/^\/\* eslint/.test(line))
    .join('\n')
    .trim();
}

/** scripts/package/runtime.js without its leading comment block. */
export function runtimeBody(runtimeSource) {
  return codecBody(runtimeSource);
}

/**
 * glue: wasm-bindgen's --target web sharecart.js (of the MVP build).
 * Returns { code, api } (api: the passed-through export names).
 */
export function buildEntry(glue, { utf8Source, runtimeSource, defaultWasmPath, header }) {
  const factory = buildFactory(glue, { codec: 'bundled' });
  checkMiniprogramSafe(factory.code, 'the converted wasm-bindgen glue');
  const api = factory.api;
  const exportsList = api.map((name) => `  ${name}: engine.api.${name},`).join('\n');
  const code = `${header}
'use strict';

/** Where init() looks for the module when given no path (a path from the mini-program package root). */
var DEFAULT_WASM_PATH = ${JSON.stringify(defaultWasmPath)};

// ---- UTF-8 codec (scripts/miniprogram/utf8.js; mini-programs have no platform text codec) ----
${codecBody(utf8Source)}

// ---- wasm-bindgen glue (--target web), converted by scripts/miniprogram/glue.mjs ----
${factory.code}

// ---- engine runtime (scripts/package/runtime.js): typed errors, engineFault, fresh instances ----
${runtimeBody(runtimeSource)}

// ---- mini-program loader ----
var wasmPath = null; // fixed by the first init() that succeeds
var initPromise = null;

function describe(value) {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

// WXWebAssembly instantiates only from a path, asynchronously: the engine
// keeps a spare instance ready to replace one that faults (runtime.js).
var engine = createEngine({
  names: ${JSON.stringify(api)},
  createBinding: createBinding,
  instantiate: function (imports) {
    var pending;
    try {
      pending = Promise.resolve(WXWebAssembly.instantiate(wasmPath, imports));
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(function (result) {
      var instance = result && result.instance ? result.instance : result;
      if (!instance || !instance.exports || !instance.exports.memory) {
        throw new Error('WXWebAssembly.instantiate gave no instance');
      }
      return instance;
    });
  },
});

/**
 * Loads and instantiates the engine with WXWebAssembly (WeChat base library
 * 2.13.0+; a .wasm.br path needs 2.14.0+). path is a path inside the
 * mini-program package, from its root (default: DEFAULT_WASM_PATH). Resolves
 * to this module's exports once the engine (and its spare instance) is
 * ready; later calls resolve when it is ready again (after a fault). A failed
 * first load rejects with an Error naming the path, and may be retried.
 */
function init(path) {
  if (wasmPath !== null) return engine.ensure().then(function () { return api; });
  if (initPromise !== null) return initPromise;
  var wanted = path === undefined || path === null ? DEFAULT_WASM_PATH : path;
  if (typeof wanted !== 'string' || !/\\.wasm(\\.br)?$/.test(wanted)) {
    return Promise.reject(new TypeError('sharecart.init: wasmPath must be the package path of sharecart.wasm or sharecart.wasm.br, got ' + describe(wanted)));
  }
  if (typeof WXWebAssembly === 'undefined' || typeof WXWebAssembly.instantiate !== 'function') {
    return Promise.reject(new Error('sharecart.init: WXWebAssembly is not available here (WeChat base library 2.13.0 or later is needed)'));
  }
  wasmPath = wanted;
  initPromise = engine.ensure().then(function () {
    initPromise = null;
    return api;
  }, function (cause) {
    initPromise = null;
    if (engine.isLoaded()) throw cause;
    wasmPath = null;
    var reason = cause && cause.message ? cause.message : String(cause);
    var error = new Error('sharecart.init: cannot load the engine from ' + JSON.stringify(wanted) + ': ' + reason +
      ' (pass init() the path of sharecart.wasm or sharecart.wasm.br from the package root, e.g. ' + JSON.stringify(DEFAULT_WASM_PATH) + ')');
    error.cause = cause;
    throw error;
  });
  return initPromise;
}

var api = {
  init: init,
  defaultWasmPath: DEFAULT_WASM_PATH,
  isSharecartError: isSharecartError,
${exportsList}
};

module.exports = api;
`;
  checkMiniprogramSafe(code.slice(header.length), 'pkg/miniprogram/sharecart.js');
  return { code, api };
}

/**
 * The .d.ts: wasm-bindgen's declarations (with the Tsify request/result
 * interfaces) minus its web loader, plus init().
 */
export function buildTypes(dts, { defaultWasmPath, header, errorTypes }) {
  const marker = dts.indexOf('export type InitInput');
  if (marker < 0) throw new Error('wasm-bindgen .d.ts has no `export type InitInput`: its shape changed; update scripts/miniprogram/glue.mjs');
  const declarations = dts.slice(0, marker).trimEnd();
  return `${header}
${declarations}

/**
 * Loads the engine with \`WXWebAssembly.instantiate(wasmPath, imports)\`
 * (base library 2.13.0+; a \`.wasm.br\` path needs 2.14.0+). \`wasmPath\` is
 * a path from the mini-program package root; default
 * \`${defaultWasmPath}\`. Resolves to this module; call it (and wait)
 * before any other function. A failed load rejects and may be retried.
 */
export function init(wasmPath?: string): Promise<typeof import('./sharecart')>;

/** The path init() uses when given none. */
export const defaultWasmPath: string;

${errorTypes}`;
}

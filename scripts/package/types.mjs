// SPEC 8 and 10: the TypeScript declarations the generated entries add to
// wasm-bindgen's (which carry the request/result types and the `ErrorCode`
// union, all generated from the Rust types by Tsify).

/** SharecartError and its type guard (every entry: web, Node, mini-program). */
export function errorTypes() {
  return `/**
 * What every function of this package throws on bad input (SPEC 8, 9) and
 * on an engine fault (\`engineFault\`, SPEC 10): an \`Error\` with a stable
 * \`code\` and the \`path\` of the offending field (\`""\` is the root).
 */
export interface SharecartError extends Error {
  code: ErrorCode;
  path: string;
}

/** True when \`value\` is a {@link SharecartError} (works across realms). */
export function isSharecartError(value: unknown): value is SharecartError;
`;
}

/** init/initSync of the web and Node entries. */
export function initTypes() {
  return `/** Where the engine's .wasm comes from, for {@link init}. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Browsers: loads the engine; await it once before calling anything else
 * (default input: \`sharecart_bg.wasm\` next to the module, which Vite,
 * webpack and a plain \`<script type="module">\` resolve; with esbuild pass
 * the URL its file loader gives for \`sharecart/sharecart_bg.wasm\`).
 * Node: the engine is loaded on import; this resolves at once.
 */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** {@link init} without waiting: the .wasm's bytes or a compiled module (ignored in Node). */
export function initSync(input?: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): void;
`;
}

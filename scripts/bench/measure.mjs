// Measurements shared by the Node and the Chromium benchmarks (issue 16):
// plain ES, no Node or DOM APIs, so `scripts/bench-wasm.mjs` imports it in
// Node and the bench page (scripts/bench/page.html) imports it in the
// browser. Every figure is per call, in microseconds; `now()` is
// performance.now() (fine-grained in Node; 5 µs in a cross-origin isolated
// Chromium page).

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** {calls, medianUs, p95Us} of `call` over `seconds`, after a warm-up. */
export function timeCalls(call, seconds, now) {
  const warmEnd = now() + Math.min(1000, seconds * 500);
  for (let warm = 0; warm < 20 || now() < warmEnd; warm++) call();
  const samples = [];
  const end = now() + seconds * 1000;
  while (samples.length < 30 || (now() < end && samples.length < 200000)) {
    const t0 = now();
    call();
    samples.push((now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  return { calls: samples.length, medianUs: quantile(samples, 0.5), p95Us: quantile(samples, 0.95) };
}

/**
 * One cart through the three doors of item 4: priceCartJson(text),
 * priceCart(object), and the floor any engine pays to read its input and
 * hand back an object, JSON.parse(JSON.stringify(request)).
 */
export function measureCart(api, text, seconds, now) {
  const request = JSON.parse(text);
  const json = timeCalls(() => api.priceCartJson(text), seconds, now);
  const object = timeCalls(() => api.priceCart(request), seconds, now);
  const floor = timeCalls(() => JSON.parse(JSON.stringify(request)), seconds / 2, now);
  return { json, object, floor };
}

/**
 * Cold start: compile the module's bytes, instantiate it (initSync), then
 * the first priceCart of `request` and a second one (the first-call vs
 * warm gap). Milliseconds.
 */
export async function coldStart(web, bytes, request, now) {
  const t0 = now();
  const module = await WebAssembly.compile(bytes);
  const t1 = now();
  web.initSync(module);
  const t2 = now();
  web.priceCart(request);
  const t3 = now();
  web.priceCart(request);
  const t4 = now();
  return { compileMs: t1 - t0, instantiateMs: t2 - t1, firstCallMs: t3 - t2, secondCallMs: t4 - t3, totalMs: t3 - t0 };
}

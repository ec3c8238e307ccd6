// SPEC 10: the JavaScript boundary of the package, checked the same way in
// Node (tests/js/api.mjs) and in Chromium (tests/package/consumer.mjs runs
// this file's function inside the bundled pages):
//  - text twins given a non-string throw invalidType at "";
//  - a string with a lone surrogate is invalidJson at "" (not U+FFFD), and
//    decodeShareCode reports it as malformed at "input";
//  - a trap: the test grows the current instance's memory to the maximum
//    the engine allows (halving steps, so any engine limit works), then asks
//    to price a 2 MiB text, whose allocation must fail → the engine traps
//    (`unreachable`) → the call throws engineFault; the next call prices on
//    a fresh instance. Deterministic and cheap: growing only reserves.
//  - the high-water mark: an instance whose memory is above 16 MiB after a
//    call is replaced; the call itself succeeds.
// engine: the package's exports; current(): the instance in use (the test
// captures instances by wrapping WebAssembly.Instance); count(): instances made.
// Self-contained (no imports), so its source can be shipped into a page.
export function boundaryChecks(engine, current, count) {
  const failures = [];
  let checks = 0;
  const check = (ok, message) => {
    checks++;
    if (!ok) failures.push(message);
  };
  const outcome = (thunk) => {
    try {
      return { value: thunk() };
    } catch (error) {
      return { error, code: error && error.code, path: error && error.path, isError: error instanceof Error };
    }
  };
  const base = JSON.stringify({ now: 0, shops: [{ id: 's' }], lines: [{ id: 'L', skuId: '1', shopId: 's', listPrice: '1.00', quantity: 1 }] });
  const want = engine.priceCartJson(base);
  const twins = ['priceCartJson', 'previewShareCardJson', 'encodeShareCodeJson', 'decodeShareCodeJson'];
  for (const name of twins) {
    for (const [label, value] of [['123', 123], ['{}', {}], ['null', null], ['undefined', undefined], ['[]', []], ['true', true]]) {
      const got = outcome(() => engine[name](value));
      check(got.isError && got.code === 'invalidType' && got.path === '' && engine.isSharecartError(got.error),
        `${name}(${label}) gives ${JSON.stringify({ code: got.code, path: got.path })}, want invalidType at ""`);
    }
    for (const lone of ['\ud800', '\udfff', 'a\udc00b', '\ud83d']) {
      const text = `{"now":0,"x":"${lone}"}`;
      const got = outcome(() => engine[name](text));
      check(got.isError && got.code === 'invalidJson' && got.path === '',
        `${name} with a lone surrogate ${JSON.stringify(lone)} gives ${JSON.stringify({ code: got.code, path: got.path })}, want invalidJson at ""`);
    }
  }
  const surrogate = outcome(() => engine.decodeShareCode('ab\udc00cd'));
  check(surrogate.code === 'malformed' && surrogate.path === 'input',
    `decodeShareCode with a lone surrogate gives ${JSON.stringify({ code: surrogate.code, path: surrogate.path })}, want malformed at input`);
  check(engine.priceCartJson('{"now":0,"x":"\ufffd"}').includes('"payable":"0.00"'), 'a real U+FFFD does not price');
  check(engine.priceCartJson(base) === want, 'the boundary errors changed the next result');

  // A trap, then a fresh instance.
  const before = count();
  const memory = current().exports.memory;
  for (let pages = 65536; pages >= 1; pages = Math.floor(pages / 2)) {
    try {
      for (;;) memory.grow(pages);
    } catch (ignored) {
      // at the limit for this step; try a smaller one
    }
  }
  const big = `{"now":0,"x":"${'a'.repeat(2 * 1024 * 1024)}"}`;
  const trapped = outcome(() => engine.priceCartJson(big));
  check(trapped.isError && trapped.code === 'engineFault' && trapped.path === '' && engine.isSharecartError(trapped.error)
    && trapped.error.cause !== undefined,
  `a trap gives ${JSON.stringify({ code: trapped.code, path: trapped.path, message: trapped.error && trapped.error.message })}, want engineFault at ""`);
  check(count() === before + 1, `after a trap ${count() - before} instances were made, want 1`);
  const after = outcome(() => engine.priceCartJson(base));
  check(after.value === want, `after a trap the next call gives ${JSON.stringify(after.value ?? after.code)}`);
  check(JSON.stringify(engine.priceCart(JSON.parse(base))) === want, 'after a trap the object entry point differs');

  // The high-water mark: past 16 MiB the instance is replaced after the call.
  const made = count();
  current().exports.memory.grow(17 * 16); // +17 MiB
  check(engine.priceCartJson(base) === want, 'the call past the high-water mark fails');
  check(count() === made + 1, `past the high-water mark ${count() - made} instances were made, want 1`);
  check(current().exports.memory.buffer.byteLength < 16 * 1024 * 1024, 'the replacement instance is not small');
  check(engine.priceCartJson(base) === want, 'after the replacement the next call differs');
  return { failures, checks };
}

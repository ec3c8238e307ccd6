// The engine is loaded once per app launch; pages wait for getApp().engine().
// How the build gets here: docs/miniprogram.md ("Copy the build in").
const sharecart = require('./miniprogram_npm/sharecart/sharecart.js');

// The brotli file is about a third of the raw .wasm but needs base library
// 2.14.0. For 2.13.x copy sharecart.wasm and use
// '/miniprogram_npm/sharecart/sharecart.wasm' (sharecart.defaultWasmPath).
const WASM_PATH = '/miniprogram_npm/sharecart/sharecart.wasm.br';

App({
  onLaunch() {
    // Start loading early; a failure is reported by the page that waits.
    this.engine().catch(() => {});
  },

  // Resolves to the sharecart module, instantiated by WXWebAssembly. init()
  // returns the same promise on every call, and may be retried after a failure.
  engine() {
    return sharecart.init(WASM_PATH);
  },
});

// SPEC 10 (and SPEC 8, 11): the engine runtime shared by every JavaScript
// entry of the package (browser, Node, mini-program). The build inlines
// this file, verbatim, into each generated entry (scripts/package/build-npm.mjs,
// scripts/build-miniprogram.mjs); it is plain ES2015 with no module syntax,
// so it runs in a WeChat mini-program as it is.
//
// Why it exists: a wasm instance that traps (out of memory, `unreachable`,
// a stack overflow) may be left half-way through a call — its allocator,
// its shadow stack or wasm-bindgen's tables in an unknown state — and
// wasm-bindgen's glue keeps using it. So every call goes through `entry`:
//
//  - an `Error` with a string `code` and `path` is the engine's own typed
//    error (SPEC 8): the instance returned normally and stays in use;
//  - anything else thrown from inside the engine (WebAssembly.RuntimeError,
//    a RangeError from a wasm stack overflow, …) is a fault: the instance
//    and its glue state are dropped, a fresh one takes its place, and the
//    call throws an `Error` with code `engineFault` (path "", `cause` = the
//    original); the next call runs on the fresh instance;
//  - after a call that left the instance's memory above HIGH_WATER_BYTES
//    the instance is replaced too (wasm memory never shrinks: one large
//    request would otherwise keep tens of megabytes on a phone for the
//    life of the page). Requests of ordinary size stay far below it, so
//    this costs one instantiation of an already compiled module only after
//    an unusually large request.
//
// A fresh instance is made synchronously where the platform can
// (`new WebAssembly.Instance(compiledModule, imports)`: browsers and Node);
// where it cannot (WXWebAssembly only instantiates from a path,
// asynchronously) a spare instance is kept ready and swapped in, and a new
// spare is made in the background.

/** Wasm memory above which the instance is replaced after a call (SPEC 10). */
var HIGH_WATER_BYTES = 16 * 1024 * 1024;

/**
 * True for the errors this package throws: an `Error` with a string `code`
 * and a string `path` (SPEC 8, 9, 10). Works across realms.
 */
function isSharecartError(value) {
  return value !== null && typeof value === 'object'
    && (value instanceof Error || Object.prototype.toString.call(value) === '[object Error]')
    && typeof value.code === 'string' && typeof value.path === 'string';
}

function sharecartError(code, path, message, cause) {
  var error = new Error(message);
  error.code = code;
  error.path = path;
  if (cause !== undefined) error.cause = cause;
  return error;
}

/**
 * options.createBinding(): fresh wasm-bindgen glue state, returning
 *   { imports, finalize(instance, module), memoryBytes(), api: { name: fn } }.
 * options.instantiate(imports): the instance, or a promise of it
 *   (then a spare instance is kept ready).
 * options.names: the API function names.
 * Returns { api, ensure(), ensureSync(), isLoaded() }: ensure() loads what is
 * missing; ensureSync() does it at once where instantiation is synchronous.
 */
function createEngine(options) {
  var current = null; // the binding in use
  var spare = null; // asynchronous platforms: a binding ready to take over
  var pending = null; // the promise of a binding being made
  var asynchronous = false;
  var everLoaded = false;
  var lastFailure = null; // why the last (re)load failed, until one succeeds

  function loaded() {
    everLoaded = true;
    lastFailure = null;
  }

  function load() {
    var binding = options.createBinding();
    var made = options.instantiate(binding.imports);
    if (made && typeof made.then === 'function') {
      asynchronous = true;
      return made.then(function (instance) {
        binding.finalize(instance);
        loaded();
        return binding;
      });
    }
    binding.finalize(made);
    loaded();
    return binding;
  }

  // Resolves once there is a current instance (and, on asynchronous
  // platforms, a spare one).
  function ensure() {
    if (current !== null && (spare !== null || !asynchronous)) return Promise.resolve();
    if (pending !== null) return pending;
    var made;
    try {
      made = load();
    } catch (error) {
      lastFailure = everLoaded ? error : null;
      return Promise.reject(error);
    }
    if (!made || typeof made.then !== 'function') {
      if (current === null) current = made;
      return Promise.resolve();
    }
    pending = made.then(function (binding) {
      pending = null;
      if (current === null) current = binding;
      else spare = binding;
      return ensure();
    }, function (error) {
      pending = null;
      if (everLoaded) lastFailure = error;
      throw error;
    });
    return pending;
  }

  // Drops `broken` and puts a fresh instance in its place.
  function replace(broken) {
    if (current !== broken) return;
    current = null;
    if (spare !== null) {
      current = spare;
      spare = null;
    } else if (!asynchronous) {
      try {
        current = load();
      } catch (error) {
        lastFailure = error; // the next call says so; ensure() retries
      }
    }
    if (asynchronous) ensure().catch(function () {});
  }

  // Why there is no instance: never loaded, being replaced, or a reload failed.
  function notReady(name) {
    var prefix = 'sharecart.' + name + ': ';
    if (lastFailure !== null) {
      return sharecartError('engineFault', '', prefix + 'the engine could not be reloaded after a fault ('
        + String(lastFailure && lastFailure.message) + '); await init() and call again', lastFailure);
    }
    if (everLoaded) {
      return sharecartError('engineFault', '', prefix + 'the engine is being replaced after a fault; await init() and call again');
    }
    return new Error(prefix + 'the engine is not loaded; call and await init() first');
  }

  function entry(name) {
    return function () {
      var binding = current;
      if (binding === null) throw notReady(name);
      var result;
      try {
        result = binding.api[name].apply(undefined, arguments);
      } catch (error) {
        if (isSharecartError(error)) throw error;
        replace(binding);
        var what = error && error.message ? error.message : String(error);
        throw sharecartError('engineFault', '', 'sharecart.' + name + ': the engine failed (' + what
          + '); it has been replaced, and the next call runs on a fresh instance', error);
      }
      var bytes = 0;
      try {
        bytes = binding.memoryBytes();
      } catch (ignored) {
        bytes = 0;
      }
      if (bytes > HIGH_WATER_BYTES) replace(binding);
      return result;
    };
  }

  var api = {};
  for (var i = 0; i < options.names.length; i++) api[options.names[i]] = entry(options.names[i]);
  return {
    api: api,
    ensure: ensure,
    // Synchronous platforms: load now if there is no instance (throws on failure).
    ensureSync: function () {
      if (current === null) current = load();
    },
    isLoaded: function () { return current !== null; },
  };
}

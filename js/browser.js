// The public API of the browser entries (index.js fetches the `.wasm`, inline.js embeds it):
// the WASM module loads on the first async call or on `await init()`, and the synchronous
// exports need `init()` first. A failed load is an AstroError, and the next call tries again.
import load, * as wasm from './web/astro_platform.js';
import { bind } from './driver.js';
import { AstroError } from './web/errors.js';

/** Builds the API over the module `source()` gives (a URL, a Response or bytes). */
export function entry(source) {
  let loading;
  let ready = false;

  /** Loads the WASM module once; after a failure the next call tries again. */
  function init() {
    loading ??= Promise.resolve()
      .then(() => load({ module_or_path: source() }))
      .then(
        () => {
          ready = true;
        },
        (cause) => {
          loading = undefined;
          const why = typeof cause?.message === 'string' ? `: ${cause.message}` : '';
          throw new AstroError(`astro-platform could not load its WebAssembly module${why}`, undefined, { cause });
        },
      );
    return loading;
  }

  function assertReady(what) {
    if (!ready) throw new AstroError(`astro-platform is not loaded yet: \`await init()\` before calling ${what}`);
  }

  return { init, ...bind(wasm, { ready: assertReady, load: init }) };
}

// The I/O loop of every call: it moves bytes between `fetch`, timers and signals and the
// WASM module, and asks the call's plan (Rust) at each step what follows. It decides nothing
// about the API: which request, how to read the answer, whether to retry and which error it
// is all come from the plan. Shared by the browser entry (ES module) and Node's (CommonJS,
// generated from this file by scripts/build.mjs).

// A plan's verdicts (src/wasm/plan.rs); a verdict >= 0 is the wait before the next attempt.
const PARSE = -1;
const OUTPUT = -2;
const DELETED = -3;
const FAILED = -4;
// Why an attempt got no answer (src/wasm/plan.rs).
const CONNECTION = 0;
const TIMEOUT = 1;
const ABORTED = 2;

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** Reads a response's body as bytes (the plan reads them; `JSON.parse` gets them as text). */
async function bytesOf(response) {
  if (typeof response.arrayBuffer === 'function') return new Uint8Array(await response.arrayBuffer());
  return encoder.encode(await response.text());
}

/** Reads `options[key]` when it is a function (the plan has checked the options). */
export function fn(options, key) {
  try {
    const value = options == null ? undefined : options[key];
    return typeof value === 'function' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Reads `options.signal` when it is signal-shaped (the plan has checked the options). */
export function signalOf(options) {
  try {
    const value = options == null ? undefined : options.signal;
    return value != null && typeof value.addEventListener === 'function' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stop conditions of one attempt: its timeout, and the caller's signal. A caller's
 * `fetch` may ignore its signal, so for one `race` also gives a promise that rejects on stop.
 * (An `AbortController` with a timer costs less per call than `AbortSignal.timeout`.)
 */
function guard(timeoutMs, caller, race) {
  const controller = new AbortController();
  let why = CONNECTION;
  let reject;
  const stopped = race ? new Promise((_, r) => { reject = r; }) : undefined;
  stopped?.catch(() => {});
  const stop = (reason) => {
    if (why !== CONNECTION) return;
    why = reason;
    controller.abort();
    reject?.(new Error(reason === TIMEOUT ? 'timed out' : 'aborted'));
  };
  const timer = setTimeout(stop, timeoutMs, TIMEOUT);
  const onAbort = caller ? () => stop(ABORTED) : undefined;
  caller?.addEventListener('abort', onAbort);
  return {
    signal: controller.signal,
    stopped,
    why: () => why,
    done() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/** Settles `value`, unless the attempt is stopped first. */
const within = (value, g) => (g.stopped ? Promise.race([value, g.stopped]) : value);

/** Makes one attempt; returns the plan's verdict, with the body or the runtime's error. */
async function attempt(plan, request, fetchFn, signal) {
  const g = guard(request.timeoutMs, signal, fetchFn !== undefined);
  const init = { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', signal: g.signal };
  try {
    const response = await within(fetchFn ? fetchFn(request.url, init) : fetch(request.url, init), g);
    const status = typeof response?.status === 'number' ? response.status : NaN;
    if (Number.isNaN(status)) return { verdict: plan.settle(status, undefined, undefined, undefined, undefined, undefined, Date.now(), Math.random()) };
    const body = await within(bytesOf(response), g);
    // A success needs none of the headers the plan reads.
    if (status >= 200 && status < 300) {
      return { verdict: plan.settle(status, body, undefined, undefined, undefined, undefined, Date.now(), Math.random()), body };
    }
    const h = response.headers;
    const verdict = plan.settle(status, body, h.get('x-request-id'), h.get('retry-after'), h.get('retry-after-ms'), h.get('location'), Date.now(), Math.random());
    return { verdict };
  } catch (cause) {
    const why = signal?.aborted ? ABORTED : g.why();
    const message = typeof cause?.message === 'string' ? cause.message : undefined;
    const detail = typeof cause?.cause?.message === 'string' ? cause.cause.message : undefined;
    return { verdict: plan.fail(why, message, detail, Math.random()), cause };
  } finally {
    g.done();
  }
}

/** Waits `ms`, or less if `signal` fires. */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/** Runs a planned call to its end: its result, or the error the plan names. Frees the plan.
 * (Exported for Rust programs that drive plans themselves: src/wasm/promises.rs.) */
export async function run(plan, fetchFn, logger, signal) {
  try {
    const request = JSON.parse(plan.request());
    for (;;) {
      if (signal?.aborted) throw plan.aborted();
      const started = Date.now();
      const { verdict, body, cause } = await attempt(plan, request, fetchFn, signal);
      if (logger) {
        try {
          logger(JSON.parse(plan.logEvent(Date.now() - started)));
        } catch {
          // A logger that throws must not break the call.
        }
      }
      if (verdict === PARSE) return JSON.parse(utf8.decode(body));
      if (verdict === OUTPUT) return JSON.parse(plan.output());
      if (verdict === DELETED) return undefined;
      if (verdict === FAILED) throw plan.error(cause);
      await sleep(verdict, signal);
    }
  } finally {
    plan.free();
  }
}

/**
 * Builds the package's public API over a wasm-bindgen module. `ready(what)` runs before any
 * synchronous use of the module (`new AstroClient()`, the validators): Node instantiates it
 * there, a browser throws until `init()` has loaded it. `load()` is awaited before the
 * standalone `createWorkspace`, which may load the module itself.
 */
export function bind(wasm, { ready, load }) {
  /** The async iterator `iterateWorkspaces` returns. */
  class WorkspaceIterator {
    #pages;
    #failure;
    #fetch;
    #logger;
    #signal;
    #page = [];
    #done = false;

    constructor(start, fetchFn, logger, signal) {
      try {
        this.#pages = start();
      } catch (err) {
        this.#failure = err;
      }
      this.#fetch = fetchFn;
      this.#logger = logger;
      this.#signal = signal;
    }

    async next() {
      for (;;) {
        if (this.#failure !== undefined) {
          const failure = this.#failure;
          this.#failure = undefined;
          this.#finish();
          throw failure;
        }
        if (this.#done) return { done: true, value: undefined };
        if (this.#page.length) return { done: false, value: this.#page.shift() };
        const plan = this.#pages.next();
        if (plan === undefined) {
          this.#finish();
          return { done: true, value: undefined };
        }
        let page;
        try {
          page = await run(plan, this.#fetch, this.#logger, this.#signal);
        } catch (err) {
          this.#finish();
          throw err;
        }
        // Stopped by `return()` while the page was on its way.
        if (this.#done) return { done: true, value: undefined };
        this.#pages.advance(page.workspaces.length, page.totalCount);
        this.#page = page.workspaces;
      }
    }

    async return() {
      this.#finish();
      return { done: true, value: undefined };
    }

    [Symbol.asyncIterator]() {
      return this;
    }

    #finish() {
      this.#done = true;
      this.#page = [];
      this.#pages?.free();
      this.#pages = undefined;
    }
  }

  /** A client for the Workspace endpoints, holding the token, base URL and defaults. */
  class AstroClient {
    #client;
    #fetch;
    #logger;

    constructor(options) {
      ready('new AstroClient()');
      this.#client = new wasm.Client(options);
      this.#fetch = fn(options, 'fetch');
      this.#logger = fn(options, 'logger');
    }

    async createWorkspace(organizationId, body, options) {
      return this.#run(this.#client.create(organizationId, body, options), options);
    }

    async listWorkspaces(organizationId, params, options) {
      return this.#run(this.#client.list(organizationId, params, options), options);
    }

    async getWorkspace(organizationId, workspaceId, options) {
      return this.#run(this.#client.get(organizationId, workspaceId, options), options);
    }

    async updateWorkspace(organizationId, workspaceId, body, options) {
      return this.#run(this.#client.update(organizationId, workspaceId, body, options), options);
    }

    async deleteWorkspace(organizationId, workspaceId, options) {
      return this.#run(this.#client.delete(organizationId, workspaceId, options), options);
    }

    iterateWorkspaces(organizationId, params, options) {
      const start = () => this.#client.pages(organizationId, params, options);
      return new WorkspaceIterator(start, this.#fetch, this.#logger, signalOf(options));
    }

    #run(plan, options) {
      return run(plan, this.#fetch, this.#logger, signalOf(options));
    }
  }

  /** Creates a Workspace with a one-off configuration (`options.token` is required). */
  async function createWorkspace(organizationId, body, options) {
    await load();
    const plan = wasm.planCreate(organizationId, body, options);
    return run(plan, fn(options, 'fetch'), fn(options, 'logger'), signalOf(options));
  }

  return {
    AstroClient,
    WorkspaceIterator,
    createWorkspace,
    /** Checks a Create Workspace input; `[]` when it is valid. */
    validateCreateWorkspace(organizationId, body) {
      ready('validateCreateWorkspace');
      return wasm.validateCreateWorkspace(organizationId, body);
    },
    /** Checks an Update Workspace input; `[]` when it is valid. */
    validateUpdateWorkspace(organizationId, workspaceId, body) {
      ready('validateUpdateWorkspace');
      return wasm.validateUpdateWorkspace(organizationId, workspaceId, body);
    },
    /** Checks List Workspaces parameters; `[]` when they are valid. */
    validateListWorkspaces(organizationId, params) {
      ready('validateListWorkspaces');
      return wasm.validateListWorkspaces(organizationId, params);
    },
  };
}

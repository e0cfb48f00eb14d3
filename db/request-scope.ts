import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a request may still do in the database once it has been answered without it.
 *
 * When the request timeout answers a retryable 503, the client is told "nothing happened, try
 * again". That must stay true: a statement still queued for a connection, a transaction that has
 * not committed yet, a statement already running, all belong to a request nobody waits for. So the
 * timeout abandons the request's scope: statements not yet sent are refused (guarded-driver.ts),
 * a transaction never reaches COMMIT, and statements in flight on postgres.js are cancelled in the
 * server (a CancelRequest, so the server rolls them back). A resubmission then writes once.
 *
 * The scope follows the request through every await (AsyncLocalStorage); jobs, scripts and tests
 * outside a request have none, and nothing changes for them.
 */
export class RequestScope {
  #abandoned = false;
  readonly #inflight = new Set<Cancellable>();

  get abandoned(): boolean {
    return this.#abandoned;
  }

  /** Runs `fn` (and everything it awaits) inside this scope. */
  run<T>(fn: () => T): T {
    return scopes.run(this, fn);
  }

  /** No statement of this request starts from now on; those running are cancelled. */
  abandon(): void {
    this.#abandoned = true;
    for (const query of this.#inflight) query.cancel();
    this.#inflight.clear();
  }

  track(query: Cancellable, settled: Promise<unknown>): void {
    // After abandon() only the ROLLBACK is let through (guarded-driver.ts): it must run.
    if (this.#abandoned) return;
    this.#inflight.add(query);
    const forget = () => this.#inflight.delete(query);
    settled.then(forget, forget);
  }
}

interface Cancellable {
  cancel(): unknown;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export const currentScope = (): RequestScope | undefined => scopes.getStore();

/** A statement refused because its request was already answered: retryable, nothing was written. */
export class RequestAbandoned extends Error {
  readonly code = "ETIMEDOUT";
  constructor() {
    super("the request was answered (timed out) before this statement started");
    this.name = "RequestAbandoned";
  }
}

/** Throws when the current request has been abandoned. */
export function refuseIfAbandoned(): void {
  if (scopes.getStore()?.abandoned) throw new RequestAbandoned();
}

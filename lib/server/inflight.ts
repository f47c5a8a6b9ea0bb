/**
 * Counts tool calls in progress so a shutdown can wait for them, and hands every call a signal
 * that fires only when the drain period is over.
 *
 * @module
 */

/** Tracks in-flight work for graceful shutdown. */
export class InFlight {
  #count = 0;
  #idle: (() => void)[] = [];
  readonly #abort = new AbortController();

  /** Fires when the drain deadline has passed and remaining work must stop. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Number of calls in progress. */
  get count(): number {
    return this.#count;
  }

  /** Runs `work`, counting it as in flight until it settles. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#count++;
    try {
      return await work();
    } finally {
      this.#count--;
      if (this.#count === 0) { for (const resolve of this.#idle.splice(0)) resolve(); }
    }
  }

  /**
   * Waits until nothing is in flight or `timeoutMs` has passed, whichever is first; then aborts
   * {@link signal}. Returns the number of calls that were still running at the deadline.
   */
  async drain(timeoutMs: number): Promise<number> {
    if (this.#count > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.#idle.push(resolve)),
        new Promise<void>((resolve) => timer = setTimeout(resolve, timeoutMs)),
      ]);
      clearTimeout(timer);
    }
    const left = this.#count;
    this.#abort.abort(new Error("server shutting down"));
    return left;
  }
}

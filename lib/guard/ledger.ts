/**
 * The single-use ledger: a confirmation's nonce can be spent once. In memory by default; the
 * interface is small so a shared store can back several replicas later.
 *
 * @module
 */

/** Where spent nonces are remembered until their confirmation would have expired anyway. */
export interface NonceLedger {
  /** Spends `nonce`; false when it was spent before. `expiresAt` (epoch ms) bounds how long it is kept. */
  consume(nonce: string, expiresAt: number): boolean | Promise<boolean>;
}

/** A bounded in-memory ledger. */
export class MemoryNonceLedger implements NonceLedger {
  readonly #spent = new Map<string, number>();
  readonly #now: () => number;
  readonly #max: number;

  constructor(options: { now?: () => number; maxEntries?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#max = options.maxEntries ?? 100_000;
  }

  consume(nonce: string, expiresAt: number): boolean {
    const now = this.#now();
    if (this.#spent.size >= this.#max) this.#purge(now);
    const seen = this.#spent.get(nonce);
    if (seen !== undefined && seen > now) return false;
    if (this.#spent.size >= this.#max) {
      // Still full of live nonces: refuse rather than forget one (a forgotten nonce could replay).
      return false;
    }
    this.#spent.set(nonce, expiresAt);
    return true;
  }

  #purge(now: number): void {
    for (const [nonce, expiresAt] of this.#spent) if (expiresAt <= now) this.#spent.delete(nonce);
  }
}

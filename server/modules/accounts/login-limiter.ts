/**
 * Counts failed sign-ins per key (client address, account) in a sliding window. Only failures count,
 * so colleagues behind one office NAT are not locked out by each other's successful sign-ins.
 * In memory: the service is one process, and a restart forgetting counts is acceptable.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number, private readonly clock: () => number = Date.now) {}

  private recent(key: string): number[] {
    const since = this.clock() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfter(...keys: string[]): number {
    let wait = 0;
    for (const key of keys) {
      const list = this.recent(key);
      if (list.length >= this.max) wait = Math.max(wait, Math.ceil((list[0] + this.windowMs - this.clock()) / 1000));
    }
    return wait;
  }

  fail(...keys: string[]) {
    for (const key of keys) this.failures.set(key, [...this.recent(key), this.clock()]);
  }

  reset(key: string) {
    this.failures.delete(key);
  }
}

/**
 * A simple fixed-window rate limit per key (address or device), in memory. Each center process
 * counts on its own: with N processes behind a balancer the effective limit is up to N times this.
 */
export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request; returns null when allowed, else the seconds to wait. */
  hit(key: string, rule: RateLimitRule): number | null {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= rule.windowMs) {
      if (this.windows.size > 50_000) this.sweep(now, rule.windowMs);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count > rule.limit ? Math.max(1, Math.ceil((w.start + rule.windowMs - now) / 1000)) : null;
  }

  private sweep(now: number, windowMs: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(k);
  }
}

/**
 * A fixed-window rate limit per key (address or device), counted by @fastify/rate-limit in memory
 * (center/src/server.ts). Each center process counts on its own: with N processes behind a balancer
 * the effective limit is up to N times this.
 */
export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * A pluggable rate-limit policy for the HTTP client: platforms whose limit is not a plain request
 * count (Shopify's cost-based leaky bucket) tell the client how long to wait before a request and
 * learn from each answer what the shop has left. The client stays generic: it asks, waits, tells.
 */
import type { HttpResponse } from './http-client.js';

export interface RateLimitPolicy {
  /**
   * Milliseconds to wait before sending a request (0: send now). `cost` is what the request
   * announces it will spend in the platform's own unit (Shopify query cost), when known.
   * Called when the attempt is about to start, so the answer reflects every answer seen so far;
   * answering 0 counts the request as sent (a policy reserves its cost then, so that requests in
   * parallel do not all spend the same points).
   */
  delayBefore(now: number, cost: number | undefined): number;
  /** What an answer (any status) said about the limit. */
  observe(res: HttpResponse<unknown>, now: number, cost: number | undefined): void;
}

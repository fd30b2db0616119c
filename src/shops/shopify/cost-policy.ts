/**
 * Shopify's cost-based leaky bucket (docs/shop-apis.md 3.5) as a rate-limit policy of the shared
 * HTTP client: every answer's `extensions.cost.throttleStatus` tells what the bucket holds; before
 * a request the policy waits until the bucket has refilled enough for the request's cost (the
 * `requestedQueryCost` last seen for the same document, or a default), instead of being answered
 * THROTTLED. The clock is the client's (injected in tests and the benchmark).
 */
import type { RateLimitPolicy } from '../../http/rate-limit.js';
import type { HttpResponse } from '../../http/http-client.js';

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost?: number | null;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus | null;
}

/** Cost assumed for a document never sent yet (mutations cost about 10; small queries less). */
export const DEFAULT_COST = 50;

/** The `extensions.cost` of a GraphQL answer, when there is one. */
export function costOf(data: unknown): QueryCost | undefined {
  const cost = (data as { extensions?: { cost?: unknown } } | null)?.extensions?.cost;
  return cost && typeof cost === 'object' ? (cost as QueryCost) : undefined;
}

function validStatus(t: ThrottleStatus | null | undefined): t is ThrottleStatus {
  return !!t && Number.isFinite(t.maximumAvailable) && Number.isFinite(t.currentlyAvailable) && Number.isFinite(t.restoreRate) && t.restoreRate > 0;
}

export class ShopifyCostPolicy implements RateLimitPolicy {
  private bucket: (ThrottleStatus & { at: number }) | null = null;

  /** The bucket as last known, refilled to `now`. */
  available(now: number): number | null {
    const b = this.bucket;
    if (!b) return null;
    return Math.min(b.maximumAvailable, b.currentlyAvailable + (b.restoreRate * Math.max(0, now - b.at)) / 1000);
  }

  delayBefore(now: number, cost: number | undefined): number {
    const b = this.bucket;
    if (!b) return 0;
    const available = this.available(now)!;
    // A request dearer than the whole bucket can only wait for a full bucket.
    const need = Math.min(cost ?? DEFAULT_COST, b.maximumAvailable);
    if (available >= need) {
      // Reserved now: requests in parallel see the bucket without these points.
      this.bucket = { ...b, currentlyAvailable: available - need, at: now };
      return 0;
    }
    return Math.ceil(((need - available) / b.restoreRate) * 1000);
  }

  observe(res: HttpResponse<unknown>, now: number): void {
    const t = costOf(res.data)?.throttleStatus;
    if (validStatus(t)) this.bucket = { ...t, at: now };
  }

  /**
   * The wait a THROTTLED answer asks for: what the refused request needs beyond what the bucket
   * holds, at the restore rate (docs/shop-apis.md 3.5); undefined when the answer says nothing.
   */
  static throttledWaitMs(data: unknown): number | undefined {
    const cost = costOf(data);
    const t = cost?.throttleStatus;
    if (!validStatus(t)) return undefined;
    const need = Math.min(cost?.requestedQueryCost ?? DEFAULT_COST, t.maximumAvailable);
    return Math.max(0, Math.ceil(((need - t.currentlyAvailable) / t.restoreRate) * 1000));
  }
}

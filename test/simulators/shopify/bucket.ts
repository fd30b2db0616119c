/**
 * The leaky bucket of the GraphQL Admin API (per app and shop): `maximumAvailable` points, refilled
 * continuously at `restoreRate` points per second. A request is charged its requested cost up
 * front and refunded down to its actual cost (shopify.dev/docs/api/usage/limits).
 * Time comes from the simulator's clock, so tests move it instead of waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface ThrottleStatus { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }

export class CostBucket {
  private level: number;
  private at: number;

  constructor(readonly maximumAvailable: number, readonly restoreRate: number, private readonly clock: Clock) {
    this.level = maximumAvailable;
    this.at = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.at) this.level = Math.min(this.maximumAvailable, this.level + ((now - this.at) / 1000) * this.restoreRate);
    this.at = Math.max(this.at, now);
  }

  /** Points available now (whole points, as Shopify reports them). */
  available(): number {
    this.refill();
    return Math.floor(this.level);
  }

  /** Takes `cost` points if the bucket holds them; false (nothing taken) otherwise. */
  take(cost: number): boolean {
    this.refill();
    if (this.level < cost) return false;
    this.level -= cost;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.level = Math.min(this.maximumAvailable, this.level + Math.max(0, points));
  }

  /** Empties (or sets) the bucket, for tests of the throttle. */
  drain(to = 0): void {
    this.refill();
    this.level = Math.max(0, Math.min(this.maximumAvailable, to));
  }

  status(): ThrottleStatus {
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: this.available(), restoreRate: this.restoreRate };
  }
}

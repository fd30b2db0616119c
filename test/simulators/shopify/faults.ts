/**
 * A queue of injected faults: each spec hits the next `times` matching requests (or deliveries),
 * then leaves the queue. Shared by the simulator's request faults and webhook delivery faults.
 */
export interface FaultHandle<S> { readonly spec: S; remaining(): number; remove(): void }

export class FaultQueue<S extends { times: number }> {
  private readonly entries: { spec: S; left: number }[] = [];

  private handle(e: { spec: S; left: number }): FaultHandle<S> {
    return { spec: e.spec, remaining: () => e.left, remove: () => this.drop(e) };
  }

  private drop(e: { spec: S; left: number }): void {
    const i = this.entries.indexOf(e);
    if (i >= 0) this.entries.splice(i, 1);
  }

  add(spec: S): FaultHandle<S> {
    const e = { spec, left: Math.max(0, spec.times) };
    if (e.left > 0) this.entries.push(e);
    return this.handle(e);
  }

  clear(): void {
    this.entries.length = 0;
  }

  list(): FaultHandle<S>[] {
    return this.entries.map((e) => this.handle(e));
  }

  /** The first fault whose spec matches, counted down (and removed at zero). */
  take(matches: (spec: S) => boolean): S | undefined {
    const e = this.entries.find((x) => x.left > 0 && matches(x.spec));
    if (!e) return undefined;
    e.left--;
    if (e.left <= 0) this.drop(e);
    return e.spec;
  }
}

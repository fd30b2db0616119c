/**
 * Batches: cut a list into the platform's batch size and run the chunks with bounded concurrency.
 * A failed chunk fails alone: its result carries the error and the other chunks go on, so one bad
 * product does not cost the whole export (per-item errors inside a successful batch answer are
 * the adapter's to read: WooCommerce `error` objects, BigCommerce 207).
 */
import { chunksOf } from '../util/chunks.js';

export function chunk<T>(items: readonly T[], size: number): T[][] {
  return [...chunksOf(items, size)];
}

export type BatchResult<T, R> =
  | { ok: true; index: number; items: T[]; value: R }
  | { ok: false; index: number; items: T[]; error: unknown };

export interface RunBatchesOptions<T, R> {
  /** Items per chunk (WooCommerce 100 summed over create+update+delete, BigCommerce products 10, variants 50). */
  size: number;
  /** Chunks in flight at once (default 1); the HttpClient's own cap still applies. */
  concurrency?: number;
  run: (chunk: T[], index: number) => Promise<R>;
  /** When aborted, chunks not yet started are reported failed with the abort reason. */
  signal?: AbortSignal;
}

/** Runs every chunk; results come back in chunk order, one per chunk, never rejected. */
export async function runBatches<T, R>(items: readonly T[], o: RunBatchesOptions<T, R>): Promise<BatchResult<T, R>[]> {
  const chunks = chunk(items, o.size);
  const results = new Array<BatchResult<T, R>>(chunks.length);
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    for (let i = nextIndex++; i < chunks.length; i = nextIndex++) {
      const part = chunks[i] as T[];
      if (o.signal?.aborted) {
        results[i] = { ok: false, index: i, items: part, error: o.signal.reason };
        continue;
      }
      try {
        results[i] = { ok: true, index: i, items: part, value: await o.run(part, i) };
      } catch (error) {
        results[i] = { ok: false, index: i, items: part, error };
      }
    }
  };
  const workers = Math.max(1, Math.min(o.concurrency ?? 1, chunks.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

import { describe, expect, it } from 'vitest';
import { chunk, runBatches } from '../../src/http/batch.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('chunk', () => {
  it('cuts into pieces of at most size, keeping order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 100)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('runBatches', () => {
  it('isolates a failed chunk, returns results in chunk order and bounds concurrency', async () => {
    let inFlight = 0;
    let max = 0;
    const items = Array.from({ length: 10 }, (_, i) => i);
    const results = await runBatches(items, {
      size: 2,
      concurrency: 2,
      run: async (part, index) => {
        inFlight++;
        max = Math.max(max, inFlight);
        // Later chunks finish first: order must still follow the chunks.
        await tick((5 - index) * 5);
        inFlight--;
        if (index === 1) throw new Error('HTTP 413 woocommerce_rest_request_entity_too_large');
        return part.reduce((a, b) => a + b, 0);
      },
    });
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true, true]);
    expect(results.map((r) => (r.ok ? r.value : null))).toEqual([1, null, 9, 13, 17]);
    const failed = results[1];
    expect(failed?.ok === false && (failed.error as Error).message).toContain('413');
    expect(failed?.items).toEqual([2, 3]);
    expect(max).toBe(2);
  });

  it('reports chunks not started after an abort as failed', async () => {
    const ac = new AbortController();
    const results = await runBatches([1, 2, 3], {
      size: 1,
      signal: ac.signal,
      run: async (part) => {
        ac.abort(new Error('stopped'));
        return part[0];
      },
    });
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
  });
});

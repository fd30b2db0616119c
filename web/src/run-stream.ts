/**
 * Follows a run's journal (GET /api/runs/:id/journal, server-sent events) with fetch rather than
 * EventSource, so that the access token travels in a header. Calls onEntry per line and onEnd once
 * with the run's record; returns a stop function.
 */
import type { ApiJournalEntry, ApiRun } from '../../src/service/api-types.ts';
import { apiHeaders } from './api.ts';

export function followRun(
  runId: number,
  handlers: { onEntry: (e: ApiJournalEntry) => void; onEnd: (run: ApiRun | null) => void; onError?: (err: Error) => void },
): () => void {
  const abort = new AbortController();
  void (async () => {
    try {
      const res = await fetch(`/api/runs/${runId}/journal`, { headers: apiHeaders({ accept: 'text/event-stream' }), signal: abort.signal });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data === undefined) continue;
          if (event === 'entry') handlers.onEntry(JSON.parse(data) as ApiJournalEntry);
          else if (event === 'end') {
            handlers.onEnd(JSON.parse(data) as ApiRun | null);
            return;
          }
        }
      }
      handlers.onEnd(null);
    } catch (err) {
      if (!abort.signal.aborted) handlers.onError?.(err as Error);
    }
  })();
  return () => abort.abort();
}

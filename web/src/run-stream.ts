/**
 * Follows a run's journal (GET /api/runs/:id/journal, server-sent events) with fetch rather than
 * EventSource, so that the access token travels in a header. Calls onEntry per line and onEnd once
 * with the run's record; returns a stop function. A refusal (non-2xx), a network failure and a
 * stream that closes before its `end` event all reach onError as an ApiError, like api.ts's.
 */
import type { ApiJournalEntry, ApiRun } from '../../src/service/api-types.ts';
import { ApiError, apiHeaders, errorFromBody } from './api.ts';
import { translate, type Lang, type TextKey } from './i18n/index.ts';

/** The language api.ts sends, so that these messages come in the same one as the server's. */
function streamError(error: string, key: TextKey, runId: number): ApiError {
  const lang: Lang = apiHeaders()['accept-language'] === 'en' ? 'en' : 'fr';
  return new ApiError(0, { error, message: translate(lang, key, { id: runId }) });
}

/** The server's JSON error body, as request() in api.ts reads it. */
async function refusal(res: Response): Promise<ApiError> {
  return errorFromBody(res.status, await res.text().catch(() => ''));
}

export function followRun(
  runId: number,
  handlers: { onEntry: (e: ApiJournalEntry) => void; onEnd: (run: ApiRun | null) => void; onError?: (err: ApiError) => void },
): () => void {
  const abort = new AbortController();
  void (async () => {
    try {
      let res: Response;
      try {
        res = await fetch(`/api/runs/${runId}/journal`, { headers: apiHeaders({ accept: 'text/event-stream' }), signal: abort.signal });
      } catch {
        throw streamError('ServiceUnreachable', 'common.followUnreachable', runId);
      }
      if (!res.ok) throw await refusal(res);
      if (!res.body) throw streamError('StreamClosed', 'common.followClosed', runId);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        let chunk: ReadableStreamReadResult<string>;
        try {
          chunk = await reader.read();
        } catch {
          throw streamError('ServiceUnreachable', 'common.followUnreachable', runId);
        }
        if (chunk.done) break;
        buffer += chunk.value;
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
      throw streamError('StreamClosed', 'common.followClosed', runId);
    } catch (err) {
      if (!abort.signal.aborted) handlers.onError?.(err instanceof ApiError ? err : new ApiError(0, { error: 'Error', message: (err as Error).message }));
    }
  })();
  return () => abort.abort();
}

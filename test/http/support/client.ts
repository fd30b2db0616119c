import { HttpClient, type ExchangeInfo, type HttpClientOptions, type WaitReason } from '../../../src/http/http-client.js';

export interface Recorder {
  waits: { ms: number; why: WaitReason }[];
  exchanges: ExchangeInfo[];
  retryWaits(): number[];
  spacingWaits(): number[];
}

/** A client whose waits are recorded and skipped (no real sleeping), with every exchange logged. */
export function testClient(baseUrl: string, over: Partial<HttpClientOptions> = {}): { client: HttpClient; rec: Recorder } {
  const rec: Recorder = {
    waits: [],
    exchanges: [],
    retryWaits: () => rec.waits.filter((w) => w.why === 'retry').map((w) => w.ms),
    spacingWaits: () => rec.waits.filter((w) => w.why === 'spacing').map((w) => w.ms),
  };
  const client = new HttpClient({
    baseUrl,
    timeoutMs: 5000,
    delayMs: 0,
    maxTries: 3,
    userAgent: 'Passerelle-test',
    sleep: async (ms, why) => {
      rec.waits.push({ ms, why });
    },
    onExchange: (e) => rec.exchanges.push(e),
    ...over,
  });
  return { client, rec };
}

/** Servers and clients a test opens, closed after each test. */
import { afterEach } from 'vitest';
import { startHttp, type TestServer } from './servers.js';
import { testClient } from './client.js';

export function useLifecycle() {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    while (open.length > 0) await open.pop()?.close();
  });
  return {
    async server(handler: Parameters<typeof startHttp>[0]): Promise<TestServer> {
      const s = await startHttp(handler);
      open.push(s);
      return s;
    },
    /** Anything else to close after the test. */
    track<T extends { close(): Promise<void> }>(c: T): T {
      open.push(c);
      return c;
    },
    client(...args: Parameters<typeof testClient>) {
      const r = testClient(...args);
      open.push(r.client);
      return r;
    },
  };
}

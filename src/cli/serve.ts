/** `passerelle serve` (= `npm start`): first start prepares the demo, then the JSON API listens on 127.0.0.1. */
import type { AppContext } from '../app/app-context.js';
import { buildServer } from '../service/server.js';
import { demoInit } from './demo.js';
import { printLine } from './output.js';

export async function serve(app: AppContext, opts: { port: number; host: string }): Promise<void> {
  if (!app.profiles.exists('demo') && app.profiles.list().length === 0) {
    const result = await demoInit(app, { shop: {} });
    printLine(app.messages.t(app.profiles.settings().language, 'cli.demoReady', { db: result.db }));
  }
  const { server, runs } = buildServer({ app });
  const address = await server.listen({ port: opts.port, host: opts.host });
  printLine(app.messages.t(app.profiles.settings().language, 'cli.serviceListening', { url: address }));
  // Runs in progress are recorded interrupted before the service goes: first, so that their event
  // streams end and the server can close. A second signal does not wait.
  let stopping = false;
  const stop = async (signal: 'SIGINT' | 'SIGTERM') => {
    if (stopping) process.exit(130);
    stopping = true;
    await runs.interruptAll(signal);
    await server.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

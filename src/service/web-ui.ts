/**
 * The web UI (web/, built by `npm run build` into dist/web) served from the package on the API's
 * own origin: no CDN, works offline. The page sends no secret in its address; the access token, when
 * the service has one, is given once as ?token= and kept by the page (web/src/api.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** dist/web from this file, compiled (dist/src/service) or run from source (src/service). */
export function webUiFolder(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // From source, ../../web is the UI's source folder, not a build: a build has its assets/ folder.
  const candidates = [path.resolve(here, '../../dist/web'), path.resolve(here, '../../web')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')) && fs.existsSync(path.join(dir, 'assets'))) ?? null;
}

/** The page may load only what the service itself serves; no frame of it elsewhere. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function registerWebUi(scope: FastifyInstance, folder = webUiFolder()): void {
  if (!folder) {
    // Run from source without a build: say so instead of a bare 404.
    scope.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send("L'interface web n'est pas construite : lancez `npm run build`.\nThe web UI is not built: run `npm run build`.\n"));
    return;
  }
  void scope.register(fastifyStatic, {
    root: folder,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    schemaHide: true,
    // Our own cache-control below (the plugin's would overwrite it with max-age=0).
    cacheControl: false,
    // Hashed asset names never change content; the page itself is always checked again.
    setHeaders: (res, file) => {
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
      res.setHeader('cache-control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}

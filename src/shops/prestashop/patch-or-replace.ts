/**
 * Updates that blank nothing, for every part of the PrestaShop adapter: PATCH of the changed fields;
 * where the key may not PATCH a resource, the whole record with the changes laid over it is PUT
 * back (PUT blanks what it omits). What a key refuses is learned once per webservice, whichever
 * part (catalogue, customers) meets it first.
 */
import { HttpError } from '../../http/http-error.js';
import type { PsRecord, PsWebservice } from './webservice.js';

const refused = new WeakMap<PsWebservice, Set<string>>();

function refusedOf(ws: PsWebservice): Set<string> {
  let set = refused.get(ws);
  if (!set) refused.set(ws, (set = new Set()));
  return set;
}

/** 405, or a 401/403 with PrestaShop's "method not allowed for this key" codes (25, 101). */
export function isMethodRefused(err: unknown): boolean {
  if (!(err instanceof HttpError)) return false;
  return err.status === 405 || ((err.status === 401 || err.status === 403) && (err.code === '25' || err.code === '101'));
}

/** The key may not PATCH this resource (known from `GET /api/` before any write tried). */
export function markPatchRefused(ws: PsWebservice, resource: string): void {
  refusedOf(ws).add(resource);
}

/** PATCH of `change`, or PUT of what `whole` builds (the held record with the change laid over it). */
export async function patchOrReplace(
  ws: PsWebservice, resource: string, id: string, change: PsRecord, whole: () => Promise<PsRecord>,
): Promise<void> {
  const noPatch = refusedOf(ws);
  if (!noPatch.has(resource)) {
    try {
      await ws.patch(resource, id, change);
      return;
    } catch (err) {
      if (!isMethodRefused(err)) throw err;
      noPatch.add(resource);
    }
  }
  await ws.replace(resource, id, await whole());
}

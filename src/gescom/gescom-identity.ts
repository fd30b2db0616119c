/**
 * "The same GesCom": two profiles whose gescom sections name one database are one company, whose
 * stock they share (stock follows sales across shops) and whose customer accounts they share
 * (accounts built from shop ids are claimed per shop, orders.import). Defined once, here.
 *
 * Form: `<kind>:<absolute database path>`. The path is resolved, not realpath'd: the key is also
 * stored (claimed accounts), and a symlink added later must not change it.
 */
import path from 'node:path';
import type { GesComSettings } from './open-gescom.js';

export function gescomIdentity(settings: Pick<GesComSettings, 'kind' | 'db'>): string {
  return `${settings.kind}:${settings.db === ':memory:' ? settings.db : path.resolve(settings.db)}`;
}

/**
 * What the shop says about itself that several parts of the adapter need (catalogue, customers,
 * orders): its configuration values and its languages, each read in one request, once per
 * webservice (a run opens one), whichever part asks first. A failed read is not remembered: the
 * next ask tries again, and each part keeps its own fallback.
 */
import { str, type PsWebservice } from './webservice.js';

/** Every configuration value the adapter reads. */
const CONFIG_NAMES = [
  'PS_LANG_DEFAULT', 'PS_HOME_CATEGORY', 'PS_COUNTRY_DEFAULT', 'PS_CURRENCY_DEFAULT', 'PS_TAX', 'PS_CUSTOMER_GROUP', 'PS_TIMEZONE',
] as const;
export type PsConfigName = (typeof CONFIG_NAMES)[number];

export interface PsLanguage {
  id: string;
  active: boolean;
  isoCode: string;
}

const configs = new WeakMap<PsWebservice, Promise<Map<string, string>>>();
const languages = new WeakMap<PsWebservice, Promise<PsLanguage[]>>();

function once<T>(cache: WeakMap<PsWebservice, Promise<T>>, ws: PsWebservice, read: () => Promise<T>): Promise<T> {
  let p = cache.get(ws);
  if (!p) {
    p = read();
    cache.set(ws, p);
    p.catch(() => cache.delete(ws));
  }
  return p;
}

/** A configuration value; null when the shop has none. Rejects when /configurations cannot be read. */
export async function shopConfig(ws: PsWebservice, name: PsConfigName): Promise<string | null> {
  const values = await once(configs, ws, async () => {
    const rows = await ws.list('configurations', { display: ['name', 'value'], filter: { name: `[${CONFIG_NAMES.join('|')}]` } });
    return new Map(rows.map((r) => [str(r.name), str(r.value)]));
  });
  return values.get(name) ?? null;
}

/** The shop's languages, active or not. Rejects when /languages cannot be read. */
export function shopLanguages(ws: PsWebservice): Promise<PsLanguage[]> {
  return once(languages, ws, async () => {
    const rows = await ws.list('languages', { display: ['id', 'active', 'iso_code'] });
    return rows.map((r) => ({ id: str(r.id), active: str(r.active) !== '0', isoCode: str(r.iso_code).toLowerCase() }));
  });
}

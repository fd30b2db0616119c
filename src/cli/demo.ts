/**
 * `passerelle demo init` (also run by the first `npm start`): the sample company in
 * the data folder and a `demo` profile bound to it, with every GesCom-side setting
 * filled for that company so that a merchant can try each action at once.
 */
import type { AppContext } from '../app/app-context.js';
import { DEMO_PROFILE, demoSettings, sampleCompanyDb } from '../app/sample-company.js';
import type { Profile } from '../profile/schema.js';

export { DEMO_PROFILE, demoSettings };

export interface DemoInitOptions {
  /** Part of the `shop` section (kind, url, `<kind>: { key, secret }`), merged into the demo profile's. */
  shop: Record<string, unknown>;
  force?: boolean;
}

/** The shop section with `patch` laid over it, one level deeper for the kinds' own options. */
export function mergeShop(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    const was = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && was && typeof was === 'object' ? { ...was, ...v } : v;
  }
  return out;
}

export async function demoInit(app: AppContext, opts: DemoInitOptions): Promise<{ db: string; profile: Profile }> {
  const { db } = await sampleCompanyDb(app, opts.force);
  const settings = demoSettings(db, typeof opts.shop.kind === 'string' ? opts.shop.kind : undefined);
  let profile: Profile;
  if (app.profiles.exists(DEMO_PROFILE)) {
    const current = app.profiles.load(DEMO_PROFILE);
    const next = { ...current, gescom: { ...current.gescom, kind: 'embedded' as const, db }, shop: mergeShop(current.shop, opts.shop) };
    if (next.shop.kind !== current.shop.kind) {
      // Another platform spells its order statuses otherwise: the demo's status settings follow the kind.
      const fresh = settings as { orders: { statusMapping: Profile['orders']['statusMapping'] }; orderStatus: { mapping: Profile['orderStatus']['mapping'] } };
      next.orders = { ...next.orders, statusMapping: fresh.orders.statusMapping };
      next.orderStatus = { ...next.orderStatus, mapping: fresh.orderStatus.mapping };
    }
    profile = app.profiles.save(next);
  } else {
    profile = app.profiles.create({ ...settings, shop: opts.shop });
  }
  return { db, profile };
}

/**
 * What a WooCommerce shop holds for the profile's mapping grids (wc/v3): tax classes and rates,
 * payment gateways, the core order statuses, shipping methods per zone, zones, countries and the
 * shop's currency. WooCommerce has no customer groups of its own: that list is the port's
 * (customerGroups), not read here.
 */
import type { HttpClient } from '../../http/http-client.js';
import { pagesByNumber } from '../../http/paginate.js';
import type { Lang } from '../../i18n/catalogue.js';
import type { ShopReferenceItem, ShopReferenceLists } from '../port.js';
import { WOO_ORDER_STATUSES, WOO_STATUS_LABELS } from './woo-orders.js';

/** WooCommerce's own English names of its core statuses (the French ones are WOO_STATUS_LABELS). */
const WOO_STATUS_LABELS_EN: Readonly<Record<string, string>> = {
  pending: 'Pending payment', processing: 'Processing', 'on-hold': 'On hold', completed: 'Completed',
  cancelled: 'Cancelled', refunded: 'Refunded', failed: 'Failed', trash: 'Trash',
};

interface WooTaxRate { id: number; name: string; rate: string; class: string; country: string; state: string }
interface WooZone { id: number; name: string }
interface WooZoneMethod { instance_id: number; title: string; method_id: string; enabled: boolean }

async function all<T>(api: HttpClient, path: string): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pagesByNumber<T>(api, { path, perPage: 100, totalPagesHeader: 'x-wp-totalpages', linkHeader: true })) out.push(...page);
  return out;
}

async function get<T>(api: HttpClient, path: string): Promise<T> {
  return (await api.request<T>({ method: 'GET', path })).data as T;
}

/** "20.0000" -> "20": the rate as the profile's order tax mapping writes it. */
function plainRate(rate: string): string {
  const n = rate.trim();
  return n.includes('.') ? n.replace(/0+$/, '').replace(/\.$/, '') : n;
}

export async function wooReferenceLists(api: HttpClient, lang: Lang): Promise<ShopReferenceLists> {
  const [classes, rates, gateways, zones, countries, currency] = await Promise.all([
    get<{ slug: string; name: string }[]>(api, 'taxes/classes'),
    all<WooTaxRate>(api, 'taxes'),
    get<{ id: string; title: string; method_title?: string; enabled: boolean }[]>(api, 'payment_gateways'),
    get<WooZone[]>(api, 'shipping/zones'),
    get<{ code: string; name: string }[]>(api, 'data/countries'),
    get<{ code?: string; name?: string }>(api, 'data/currencies/current'),
  ]);
  // Shipping methods live in zones (zone 0: "Locations not covered by your other zones"); orders name them by title.
  const carriers = new Map<string, ShopReferenceItem>();
  for (const z of zones) {
    for (const m of await get<WooZoneMethod[]>(api, `shipping/zones/${z.id}/methods`)) {
      if (!carriers.has(m.title)) carriers.set(m.title, { id: m.title, label: `${m.title} (${z.name})` });
    }
  }
  const statusLabels = lang === 'fr' ? WOO_STATUS_LABELS : WOO_STATUS_LABELS_EN;
  return {
    taxClasses: classes.map((c) => ({ id: c.slug, label: c.name })),
    taxes: rates.map((r) => {
      const rate = plainRate(r.rate);
      const where = [r.country, r.state].filter(Boolean).join('-');
      return { id: String(r.id), label: `${r.name} - ${rate} %${where ? ` (${where})` : ''}`, name: r.name, rate };
    }),
    paymentMethods: gateways.map((g) => ({ id: g.id, label: g.title || g.method_title || g.id })),
    orderStatuses: WOO_ORDER_STATUSES.map((s) => ({ id: s, label: statusLabels[s] ?? s })),
    carriers: [...carriers.values()],
    zones: zones.map((z) => ({ id: z.name, label: z.name })),
    countries: countries.map((c) => ({ id: c.code, label: c.name })),
    currencies: currency.code ? [{ id: currency.code, label: currency.name ? `${currency.name} (${currency.code})` : currency.code }] : [],
  };
}

/**
 * What the GesCom and the shop of a profile really hold, for the profile's mapping grids (issue 10):
 * each side read on its own, so that a shop refusing its keys still leaves the GesCom's lists
 * (and the other way round). Both are opened the way the actions open them.
 */
import type { GesComPort } from '../gescom/port.js';
import { openGesCom } from '../gescom/open-gescom.js';
import { msg, render, type Lang, type MessageKey } from '../i18n/catalogue.js';
import { DOCUMENT_TYPE_VALUES, type Profile } from '../profile/schema.js';
import { openShop } from '../shops/open-shop.js';
import type { ShopReferenceItem, ShopReferenceLists } from '../shops/port.js';
import type { StateStore } from '../state/state-store.js';
import { sideError, type SideError } from './side-error.js';

export type RefItem = ShopReferenceItem;

export interface GescomLists {
  vatCodes: RefItem[];
  paymentModes: RefItem[];
  bankJournals: RefItem[];
  depots: RefItem[];
  priceCategories: RefItem[];
  accountingCategories: RefItem[];
  currencies: RefItem[];
  documentTypes: RefItem[];
  documentStates: RefItem[];
  articles?: RefItem[];
}

export interface ReferenceLists {
  profile: string;
  gescom: { kind: string; lists?: GescomLists; error?: SideError };
  shop: { kind: string; lists?: ShopReferenceLists; error?: SideError };
}

/** At most this many articles answer a search: a drop-down, not a catalogue. */
const ARTICLE_HITS = 50;

const plain = (rate: string) => (rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate);

/** Articles whose code or designation holds `text` (case-insensitive), read page by page, at most ARTICLE_HITS. */
async function searchArticles(g: GesComPort, text: string): Promise<RefItem[]> {
  const wanted = text.trim().toLowerCase();
  const out: RefItem[] = [];
  for await (const page of g.articles({}, 500)) {
    for (const a of page) {
      if (a.code.toLowerCase().includes(wanted) || a.name.toLowerCase().includes(wanted)) out.push({ id: a.code, label: `${a.code} - ${a.name}` });
      if (out.length >= ARTICLE_HITS) return out;
    }
  }
  return out;
}

export async function gescomLists(g: GesComPort, lang: Lang, articleSearch?: string): Promise<GescomLists> {
  const coded = (items: { code: string; label: string }[]) => items.map((i) => ({ id: i.code, label: `${i.code} - ${i.label}` }));
  const doc = (t: string) => ({ id: t, label: render(msg(`refLists.doc.${t}` as MessageKey), lang) });
  const documentTypes = DOCUMENT_TYPE_VALUES.map(doc);
  const lists: GescomLists = {
    vatCodes: (await g.vatCodes()).map((v) => ({ id: v.code, label: `${v.code} - ${v.label}`, rate: plain(String(v.rate)) })),
    paymentModes: coded(await g.paymentModes()),
    bankJournals: coded(await g.bankJournals()),
    depots: (await g.depots()).map((d) => ({ id: d.code, label: `${d.code} - ${d.name}` })),
    priceCategories: (await g.priceCategories()).map((c) => ({
      id: String(c.id), label: render(msg('refLists.priceCategory', { name: c.name, base: c.priceBase }), lang),
    })),
    accountingCategories: coded(await g.accountingCategories()),
    currencies: coded(await g.currencies()),
    documentTypes,
    documentStates: [...documentTypes, doc('paid')],
  };
  if (articleSearch !== undefined) lists.articles = await searchArticles(g, articleSearch);
  return lists;
}

/**
 * The shop's lists: the adapter's own, plus its customer groups when the platform (or its plugin)
 * holds them. An adapter that lists nothing leaves every list absent: its cells take free text.
 */
async function shopLists(profile: Profile, state: StateStore, lang: Lang): Promise<ShopReferenceLists> {
  const shop = openShop(profile, { state, warn: () => undefined });
  const lists: ShopReferenceLists = shop.referenceLists ? await shop.referenceLists(lang) : {};
  if (shop.capabilities.customerGroups !== 'none' && !lists.customerGroups) {
    lists.customerGroups = [...(await shop.customerGroups())].map(([name, id]) => ({ id: name, label: name === id ? name : `${name} (${id})` }));
  }
  return lists;
}

/** `side`: read only that side (an article search needs no shop). */
export async function referenceLists(profile: Profile, state: StateStore, lang: Lang, articleSearch?: string, side?: 'gescom' | 'shop'): Promise<ReferenceLists> {
  const out: ReferenceLists = { profile: profile.name, gescom: { kind: profile.gescom.kind }, shop: { kind: profile.shop.kind } };
  const gescomSide = (async () => {
    if (side === 'shop') return;
    let g: GesComPort | null = null;
    try {
      g = openGesCom(profile.gescom, profile.name);
      out.gescom.lists = await gescomLists(g, lang, articleSearch);
    } catch (err) {
      out.gescom.error = sideError(err, profile, lang);
    } finally {
      g?.close();
    }
  })();
  const shopSide = (async () => {
    if (profile.shop.kind === 'none' || side === 'gescom') return;
    try {
      out.shop.lists = await shopLists(profile, state, lang);
    } catch (err) {
      out.shop.error = sideError(err, profile, lang);
    }
  })();
  await Promise.all([gescomSide, shopSide]);
  return out;
}

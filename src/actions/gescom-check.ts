/**
 * gescom.check (PRF-09, GesCom side; CMD-12's "refuse to start" rule applied to the
 * whole profile): opens the GesCom, says what it holds, and checks that every code
 * the profile names (special articles, VAT codes, depots, price categories, payment
 * modes, bank journals, accounting categories, currencies, representative, family)
 * exists there. Each wrong code is one journal line naming the option to fix.
 */
import type { GesComPort } from '../gescom/port.js';
import { msg, type MessageKey, type Text } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import type { ActionContext, ActionDef } from './action.js';

export interface CodeCheck {
  /** Dotted profile option, e.g. "orders.specialArticles.shipping". */
  option: string;
  what: 'article' | 'vatCode' | 'depot' | 'priceCategory' | 'paymentMode' | 'bankJournal' | 'accountingCategory' | 'currency' | 'representative' | 'customerFamily' | 'customer';
  code: string;
  /** Special articles are required for order import (CMD-12): an empty one is reported too. */
  required?: boolean;
  /** The special article's role ("Frais de port"), in the reader's language. */
  role?: Text;
}

/** Every GesCom code a profile refers to, with the option that holds it. Pure. */
export function profileCodes(p: Profile): CodeCheck[] {
  const o = p.orders;
  const checks: CodeCheck[] = [];
  const special = o.specialArticles;
  const roles: [keyof typeof special, MessageKey][] = [
    ['divers', 'check.role.divers'], ['packaging', 'check.role.packaging'], ['shipping', 'check.role.shipping'], ['discount', 'check.role.discount'], ['gap', 'check.role.gap'],
  ];
  for (const [key, role] of roles) {
    checks.push({ option: `orders.specialArticles.${key}`, what: 'article', code: String(special[key]), required: true, role: msg(role) });
  }
  special.discountByVat.forEach((m, i) => {
    checks.push({ option: `orders.specialArticles.discountByVat[${i + 1}].article`, what: 'article', code: m.article, role: msg('check.role.discountVat', { vatCode: m.vatCode }) });
    checks.push({ option: `orders.specialArticles.discountByVat[${i + 1}].vatCode`, what: 'vatCode', code: m.vatCode });
  });
  p.stock.depots.forEach((d, i) => checks.push({ option: `stock.depots[${i + 1}]`, what: 'depot', code: d }));
  checks.push({ option: 'prices.priceCategoryId', what: 'priceCategory', code: String(p.prices.priceCategoryId) });
  p.customers.groups.mapping.forEach((m, i) => checks.push({ option: `customers.groups.mapping[${i + 1}].priceCategoryId`, what: 'priceCategory', code: String(m.priceCategoryId) }));
  const opt = (option: string, what: CodeCheck['what'], code: string) => {
    if (code) checks.push({ option, what, code });
  };
  opt('orders.depot', 'depot', o.depot);
  opt('orders.representative', 'representative', o.representative);
  opt('orders.customerFamily', 'customerFamily', o.customerFamily);
  opt('orders.singleAccount', 'customer', o.singleAccount);
  opt('orders.guestAccount', 'customer', o.guestAccount);
  const m = o.mappings;
  m.taxes.forEach((t, i) => opt(`orders.mappings.taxes[${i + 1}].vatCode`, 'vatCode', t.vatCode));
  opt('orders.mappings.defaultVatCode', 'vatCode', m.defaultVatCode);
  m.payments.forEach((pm, i) => {
    opt(`orders.mappings.payments[${i + 1}].paymentMode`, 'paymentMode', pm.paymentMode);
    opt(`orders.mappings.payments[${i + 1}].bankJournal`, 'bankJournal', pm.bankJournal);
  });
  opt('orders.mappings.defaultPaymentMode', 'paymentMode', m.defaultPaymentMode);
  opt('orders.mappings.defaultBankJournal', 'bankJournal', m.defaultBankJournal);
  m.accountingCategories.forEach((a, i) => {
    opt(`orders.mappings.accountingCategories[${i + 1}].withTax`, 'accountingCategory', a.withTax);
    opt(`orders.mappings.accountingCategories[${i + 1}].withoutTax`, 'accountingCategory', a.withoutTax);
  });
  opt('orders.mappings.defaultAccountingCategoryWithTax', 'accountingCategory', m.defaultAccountingCategoryWithTax);
  opt('orders.mappings.defaultAccountingCategoryWithoutTax', 'accountingCategory', m.defaultAccountingCategoryWithoutTax);
  m.currencies.forEach((c, i) => opt(`orders.mappings.currencies[${i + 1}].gescomCurrency`, 'currency', c.gescomCurrency));
  return checks;
}

const WHAT_LABEL: Record<CodeCheck['what'], MessageKey> = {
  article: 'check.what.article', vatCode: 'check.what.vatCode', depot: 'check.what.depot', priceCategory: 'check.what.priceCategory',
  paymentMode: 'check.what.paymentMode', bankJournal: 'check.what.bankJournal', accountingCategory: 'check.what.accountingCategory',
  currency: 'check.what.currency', representative: 'check.what.representative', customerFamily: 'check.what.customerFamily', customer: 'check.what.customer',
};

/** The codes known to the GesCom, per kind, read once. */
async function knownCodes(g: GesComPort): Promise<Record<CodeCheck['what'], (code: string) => Promise<boolean>>> {
  const set = (items: { code: string }[]) => new Set(items.map((i) => i.code));
  const vat = set(await g.vatCodes());
  const depots = set(await g.depots());
  const cats = new Set((await g.priceCategories()).map((c) => String(c.id)));
  const modes = set(await g.paymentModes());
  const journals = set(await g.bankJournals());
  const acc = set(await g.accountingCategories());
  const cur = set(await g.currencies());
  const reps = set(await g.representatives());
  const fams = set(await g.customerFamilies());
  const has = (s: Set<string>) => async (c: string) => s.has(c);
  return {
    article: async (c) => (await g.article(c)) !== null,
    customer: async (c) => (await g.customer(c)) !== null,
    vatCode: has(vat), depot: has(depots), priceCategory: has(cats), paymentMode: has(modes), bankJournal: has(journals),
    accountingCategory: has(acc), currency: has(cur), representative: has(reps), customerFamily: has(fams),
  };
}

/** What the GesCom said about itself (PRF-09): its company and counts, or why it could not be opened. */
export type GesComOverview = { ok: true; company: Text; counts: Text } | { ok: false; message: string };

export async function gescomOverview(g: GesComPort): Promise<GesComOverview> {
  const conn = await g.testConnection();
  if (!conn.ok) return { ok: false, message: conn.message };
  return {
    ok: true,
    company: msg('gescom.company', { name: conn.company.name, currency: conn.company.currencyCode }),
    counts: msg('gescom.counts', {
      articles: await g.countArticles(), customers: await g.countCustomers({ includeProspects: true }), depots: (await g.depots()).length,
      priceCategories: (await g.priceCategories()).length, vatCodes: (await g.vatCodes()).length,
    }),
  };
}

/** One profile code looked up in the GesCom: `problem` null when it is there. */
export interface CodeCheckResult {
  check: CodeCheck;
  problem: Text | null;
}

/** Every code the profile names, looked up in the GesCom (the check of `gescom.check` and of the UI's diagnosis). */
export async function checkProfileCodes(g: GesComPort, profile: Profile): Promise<CodeCheckResult[]> {
  const known = await knownCodes(g);
  const out: CodeCheckResult[] = [];
  for (const c of profileCodes(profile)) {
    let problem: Text | null = null;
    if (!c.code) problem = msg('gescom.specialNotSet', { role: c.role ?? c.option, option: c.option });
    else if (!(await known[c.what](c.code))) {
      problem = c.what === 'article' && c.role
        ? msg('gescom.missingSpecial', { role: c.role, code: c.code, option: c.option })
        : msg('gescom.unknownCode', { what: msg(WHAT_LABEL[c.what]), code: c.code, option: c.option });
    }
    out.push({ check: c, problem });
  }
  return out;
}

/** The catalogue label of what a code check looks up ("code TVA", "dépôt"…). */
export function codeCheckWhat(c: CodeCheck): Text {
  return msg(WHAT_LABEL[c.what]);
}

export const gescomCheck: ActionDef = {
  name: 'gescom.check',
  titleKey: 'action.gescom.check',
  description: { fr: 'Teste la connexion à la gestion commerciale et les codes du profil', en: 'Test the GesCom connection and the profile codes' },
  needsShop: false,
  check: true,
  async run(ctx: ActionContext): Promise<void> {
    const { gescom: g, journal: j, profile } = ctx;
    const overview = await gescomOverview(g);
    if (!overview.ok) throw new Error(overview.message);
    j.info(overview.company);
    j.info(overview.counts);
    j.success();
    j.step(j.t('journal.reading', { what: j.t('what.referenceData') }));
    const entity = `profile ${profile.name}`;
    for (const { check, problem } of await checkProfileCodes(g, profile)) {
      if (problem) {
        j.error(entity, problem, check.option);
        j.count('settings', 'failed');
      } else {
        j.count('settings', 'unchanged');
      }
    }
    if (!j.failures()) j.success();
  },
};

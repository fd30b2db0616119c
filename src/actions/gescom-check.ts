/**
 * gescom.check (PRF-09, GesCom side; CMD-12's "refuse to start" rule applied to the
 * whole profile): opens the GesCom, says what it holds, and checks that every code
 * the profile names (special articles, VAT codes, depots, price categories, payment
 * modes, bank journals, accounting categories, currencies, representative, family)
 * exists there. Each wrong code is one journal line naming the option to fix.
 */
import type { GesComPort } from '../gescom/port.js';
import type { Profile } from '../profile/schema.js';
import type { ActionContext, ActionDef } from './action.js';

export interface CodeCheck {
  /** Dotted profile option, e.g. "orders.specialArticles.shipping". */
  option: string;
  what: 'article' | 'vatCode' | 'depot' | 'priceCategory' | 'paymentMode' | 'bankJournal' | 'accountingCategory' | 'currency' | 'representative' | 'customerFamily' | 'customer';
  code: string;
  /** Special articles are required for order import (CMD-12): an empty one is reported too. */
  required?: boolean;
  role?: string;
}

/** Every GesCom code a profile refers to, with the option that holds it. Pure. */
export function profileCodes(p: Profile): CodeCheck[] {
  const o = p.orders;
  const checks: CodeCheck[] = [];
  const special = o.specialArticles;
  const roles: [keyof typeof special, string][] = [['divers', 'Divers'], ['packaging', 'Emballage'], ['shipping', 'Frais de port'], ['discount', 'Remise'], ['gap', 'Écart']];
  for (const [key, role] of roles) {
    checks.push({ option: `orders.specialArticles.${key}`, what: 'article', code: String(special[key]), required: true, role });
  }
  special.discountByVat.forEach((m, i) => {
    checks.push({ option: `orders.specialArticles.discountByVat[${i + 1}].article`, what: 'article', code: m.article, role: `Remise ${m.vatCode}` });
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

const WHAT_LABEL: Record<CodeCheck['what'], string> = {
  article: 'Article', vatCode: 'Code TVA', depot: 'Dépôt', priceCategory: 'Catégorie tarifaire', paymentMode: 'Mode de règlement',
  bankJournal: 'Journal de banque', accountingCategory: 'Catégorie comptable', currency: 'Devise', representative: 'Représentant',
  customerFamily: 'Famille de clients', customer: 'Compte client',
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

export const gescomCheck: ActionDef = {
  name: 'gescom.check',
  titleKey: 'action.gescom.check',
  description: { fr: 'Teste la connexion à la gestion commerciale et les codes du profil', en: 'Test the GesCom connection and the profile codes' },
  needsShop: false,
  check: true,
  async run(ctx: ActionContext): Promise<void> {
    const { gescom: g, journal: j, profile } = ctx;
    const conn = await g.testConnection();
    if (!conn.ok) throw new Error(conn.message);
    j.info(j.t('gescom.company', { name: conn.company.name, currency: conn.company.currencyCode }));
    j.info(j.t('gescom.counts', {
      articles: await g.countArticles(), customers: await g.countCustomers({ includeProspects: true }), depots: (await g.depots()).length,
      priceCategories: (await g.priceCategories()).length, vatCodes: (await g.vatCodes()).length,
    }));
    j.success();
    j.step(j.t('journal.reading', { what: j.t('what.referenceData') }));
    const known = await knownCodes(g);
    const checks = profileCodes(profile);
    const entity = `profile ${profile.name}`;
    for (const c of checks) {
      if (!c.code) {
        j.error(entity, j.t('gescom.specialNotSet', { role: c.role ?? c.option, option: c.option }), c.option);
        j.count('settings', 'failed');
      } else if (!(await known[c.what](c.code))) {
        const message = c.what === 'article' && c.role
          ? j.t('gescom.missingSpecial', { role: c.role, code: c.code, option: c.option })
          : j.t('gescom.unknownCode', { what: WHAT_LABEL[c.what], code: c.code, option: c.option });
        j.error(entity, message, c.option);
        j.count('settings', 'failed');
      } else {
        j.count('settings', 'unchanged');
      }
    }
    if (!j.failures()) j.success();
  },
};

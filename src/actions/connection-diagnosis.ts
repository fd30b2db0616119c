/**
 * PRF-09 "Tester la connexion", check by check, for the UI: the same checks as `passerelle check`
 * (gescom.check, then shop.check with its money findings), through the functions those actions
 * journal with, returned as structured items instead of journal lines.
 */
import type { GesComPort } from '../gescom/port.js';
import { openGesCom } from '../gescom/open-gescom.js';
import { msg, render, type Lang, type MessageKey, type Text } from '../i18n/catalogue.js';
import { entityLabel } from '../i18n/labels.js';
import type { Profile } from '../profile/schema.js';
import { openShop } from '../shops/open-shop.js';
import type { StateStore } from '../state/state-store.js';
import { shopCheckField, shopMoneyFindings } from './catalogue-actions.js';
import { checkProfileCodes, codeCheckWhat, gescomOverview } from './gescom-check.js';
import { credentialField, sideError } from './side-error.js';

export interface DiagnosisItem {
  id: string;
  side: 'gescom' | 'shop';
  label: string;
  state: 'ok' | 'warning' | 'error';
  message: string;
  entity?: string;
  field?: string;
}

const SHOP_CHECKS = new Set(['url', 'rest', 'auth', 'prices', 'media', 'resources', 'settings']);

const MONEY_LABELS: Record<string, MessageKey> = {
  'orders.mappings.currencies': 'diagnosis.money.currency',
  'orders.lines.priceMode': 'diagnosis.money.priceMode',
  'articles.taxes.mapping': 'diagnosis.money.taxes',
  'articles.taxes.noVat': 'diagnosis.money.taxes',
};

export async function diagnose(profile: Profile, state: StateStore, lang: Lang): Promise<DiagnosisItem[]> {
  const items: DiagnosisItem[] = [];
  const t = (text: string | Text) => (typeof text === 'string' ? text : render(text, lang));
  const entity = entityLabel(`profile ${profile.name}`, lang);
  const failed = (id: string, side: DiagnosisItem['side'], label: MessageKey, err: unknown) => {
    const e = sideError(err, profile, lang);
    items.push({ id, side, label: t(msg(label)), state: 'error', message: e.message, ...(e.entity ? { entity: e.entity } : {}), ...(e.field ? { field: e.field } : {}) });
  };

  // The GesCom: opened, what it holds, then every code the profile names.
  let g: GesComPort | null = null;
  try {
    g = openGesCom(profile.gescom, profile.name);
    const overview = await gescomOverview(g);
    if (!overview.ok) {
      items.push({ id: 'gescom.connection', side: 'gescom', label: t(msg('diagnosis.gescomConnection')), state: 'error', message: overview.message, entity, field: 'gescom.db' });
      g.close();
      g = null;
    } else {
      items.push({ id: 'gescom.connection', side: 'gescom', label: t(msg('diagnosis.gescomConnection')), state: 'ok', message: t(overview.company) });
      items.push({ id: 'gescom.content', side: 'gescom', label: t(msg('diagnosis.gescomContent')), state: 'ok', message: t(overview.counts) });
      for (const { check, problem } of await checkProfileCodes(g, profile)) {
        items.push({
          id: `gescom.code.${check.option}`, side: 'gescom',
          label: t(msg('diagnosis.code', { what: codeCheckWhat(check), option: check.option })),
          state: problem ? 'error' : 'ok',
          message: t(problem ?? msg('diagnosis.codeFound', { code: check.code })),
          ...(problem ? { entity, field: check.option } : {}),
        });
      }
    }
  } catch (err) {
    g?.close();
    g = null;
    failed('gescom.connection', 'gescom', 'diagnosis.gescomConnection', err);
  }

  // The shop: its own checks, then the money findings once it accepted the keys.
  try {
    if (profile.shop.kind === 'none') {
      items.push({ id: 'shop', side: 'shop', label: t(msg('diagnosis.noShop')), state: 'warning', message: t(msg('diagnosis.noShopMessage')), entity, field: 'shop.kind' });
      return items;
    }
    let shop;
    try {
      shop = openShop(profile, { state, warn: () => undefined });
    } catch (err) {
      failed('shop.settings', 'shop', 'diagnosis.shopOpen', err);
      return items;
    }
    let report;
    try {
      report = await shop.testConnection();
    } catch (err) {
      failed('shop.url', 'shop', 'diagnosis.shop.url', err);
      return items;
    }
    for (const c of report.checks) {
      const label = SHOP_CHECKS.has(c.name) ? msg(`diagnosis.shop.${c.name}` as MessageKey) : msg('diagnosis.shop.other', { name: c.name });
      const message = t(c.message);
      const field = c.name === 'auth' ? credentialField(profile, message) : shopCheckField(profile, c.name);
      items.push({ id: `shop.${c.name}`, side: 'shop', label: t(label), state: c.ok ? 'ok' : 'error', message, ...(c.ok ? {} : { entity, field }) });
    }
    if (g && report.checks.some((c) => c.name === 'auth' && c.ok)) {
      const seen = new Map<string, number>();
      for (const f of await shopMoneyFindings(shop, report, g, profile)) {
        const n = (seen.get(f.field) ?? 0) + 1;
        seen.set(f.field, n);
        const label = MONEY_LABELS[f.field] ? msg(MONEY_LABELS[f.field]!) : msg('diagnosis.money.other', { field: f.field });
        items.push({
          id: `money.${f.field}${n > 1 ? `.${n}` : ''}`, side: 'shop', label: t(label),
          state: f.level === 'info' ? 'ok' : f.level, message: t(f.text),
          ...(f.level === 'info' ? {} : { entity, field: f.field }),
        });
      }
    }
    return items;
  } finally {
    g?.close();
  }
}

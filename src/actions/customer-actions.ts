/**
 * GesCom -> shop customer actions: customers.groups (CLI-02), customers.export
 * (CLI-01, CLI-05, CLI-06; groups first), customers.disable (CLI-03).
 */
import type { Customer } from '../gescom/model.js';
import type { CustomerWrite, ShopCustomerState, ShopPort } from '../shops/port.js';
import type { CustomerGroupDraft } from '../sync/drafts.js';
import { stableHash } from '../sync/engine/hash.js';
import { customerDrift } from '../sync/engine/reconcile.js';
import { customerDrafts, isValidEmail } from '../sync/mapping/customer-draft.js';
import type { ActionContext, ActionDef } from './action.js';
import { shopOf } from './shop-of.js';

export const CUSTOMER_KIND = 'customer';
export const GROUP_KIND = 'customer.group';
export const DISABLED_KIND = 'customer.disabled';


async function groupDrafts(ctx: ActionContext): Promise<CustomerGroupDraft[]> {
  const g = ctx.profile.customers.groups;
  const cats = await ctx.gescom.priceCategories();
  if (g.mapping.length) {
    return g.mapping.map((m) => ({ key: String(m.priceCategoryId), name: m.shopGroup, priceCategoryId: m.priceCategoryId, taxDisplay: m.taxDisplay }));
  }
  return cats.map((c) => ({ key: String(c.id), name: c.name, priceCategoryId: c.id, taxDisplay: g.defaultTaxDisplay }));
}

async function syncGroups(ctx: ActionContext, shop: ShopPort): Promise<Map<number, string>> {
  const j = ctx.journal;
  j.step('Export des groupes de Clients / customer groups');
  j.reading('what.customerGroups');
  const drafts = await groupDrafts(ctx);
  const byCategory = new Map(drafts.map((d) => [d.priceCategoryId, d.name]));
  if (shop.capabilities.customerGroups === 'none') {
    j.info("la boutique ne gère pas de groupes de clients (WooCommerce : choisissez l'extension dans shop.groupsPlugin) / the shop has no customer groups (WooCommerce: set shop.groupsPlugin)");
    j.count('groups', 'skipped', drafts.length);
    return byCategory;
  }
  const bindings = ctx.state.bindings(ctx.profile.name, GROUP_KIND);
  const existing = await shop.customerGroups();
  const todo: CustomerGroupDraft[] = [];
  drafts.forEach((d, i) => {
    j.progress(i + 1, drafts.length, d.name);
    const found = bindings.get(d.key)?.shopId ?? existing.get(d.name.toLocaleLowerCase('fr'));
    if (found && bindings.get(d.key)?.payloadHash === stableHash(d)) j.count('groups', 'unchanged');
    else if (found && !bindings.has(d.key)) {
      ctx.state.saveBinding(ctx.profile.name, GROUP_KIND, d.key, found, stableHash(d));
      j.count('groups', 'unchanged');
    } else todo.push(d);
  });
  for (const r of todo.length ? await shop.writeCustomerGroups(todo) : []) {
    const d = todo.find((x) => x.key === r.key)!;
    if (r.ok && r.shopId) {
      ctx.state.saveBinding(ctx.profile.name, GROUP_KIND, r.key, r.shopId, stableHash(d));
      j.count('groups', r.created ? 'created' : 'updated');
    } else {
      j.error(`groupe ${d.name}`, r.error ?? 'échec / failed', 'customers.groups');
      j.count('groups', 'skipped');
    }
  }
  if (!todo.length) j.success();
  return byCategory;
}

export const customersGroups: ActionDef = {
  name: 'customers.groups',
  titleKey: 'action.customers.groups',
  description: { fr: 'Crée les groupes de clients depuis les catégories tarifaires', en: 'Create customer groups from price categories' },
  needsShop: true,
  async run(ctx) {
    await syncGroups(ctx, shopOf(ctx));
  },
};

export const customersExport: ActionDef = {
  name: 'customers.export',
  titleKey: 'action.customers.export',
  description: { fr: 'Crée et met à jour les clients (params: newOnly, reconcile)', en: 'Create and update customers (params: newOnly, reconcile)' },
  needsShop: true,
  async run(ctx) {
    const started = ctx.now();
    const j = ctx.journal;
    const c = ctx.profile.customers;
    const newOnly = ctx.params.newOnly === true || c.newOnly;
    const shop = shopOf(ctx);
    const groups = c.groups.export ? await syncGroups(ctx, shop) : new Map<number, string>();
    j.step('Export des clients / customers');
    const shopSide = newOnly || ctx.params.reconcile !== true ? null : await readShopCustomers(ctx, shop);
    j.reading('what.customers');
    // A reconciliation reads every customer: drift happens in the shop, whatever the GesCom's dates say.
    const changedSince = c.changedSinceLastTransfer && !shopSide ? c.lastTransferDate : null;
    const filter = { excludeDormant: c.skipDormant, changedSince };
    const total = await ctx.gescom.countCustomers(filter);
    const bindings = ctx.state.bindings(ctx.profile.name, CUSTOMER_KIND);
    let index = 0;
    for await (const page of ctx.gescom.customers(filter, 100)) {
      const writes: (CustomerWrite & { hash: string })[] = [];
      const candidates: { customer: Customer; drafts: ReturnType<typeof customerDrafts>['drafts'] }[] = [];
      for (const cust of page) {
        index++;
        j.progress(index, total, cust.code);
        if (c.skipInvalidEmail && !isValidEmail(cust.email)) {
          j.skipped('customers', cust.code, 'e-mail absent ou invalide / missing or invalid e-mail');
          continue;
        }
        const { drafts, skipped } = customerDrafts(cust, {
          groupOf: (id) => (id === null ? null : groups.get(id) ?? null),
          exportContacts: c.contacts.export,
          skipContactsWithoutEmail: c.contacts.skipWithoutEmail,
        });
        if (skipped.length) j.count('contacts', 'skipped', skipped.length);
        candidates.push({ customer: cust, drafts });
      }
      const emails = candidates.flatMap((x) => x.drafts.map((d) => d.email)).filter(Boolean);
      const found = await shop.findCustomersByEmail(emails);
      for (const { drafts } of candidates) {
        for (const d of drafts) {
          const entity = d.gescomKey.includes('#') ? 'contacts' : 'customers';
          const bound = bindings.get(d.gescomKey);
          const shopId = bound?.shopId ?? found.get(d.email.toLowerCase())?.id ?? null;
          const hash = stableHash(d);
          if (shopSide && shopId && bound?.payloadHash === hash) {
            // Unchanged in the GesCom: written again only when the shop drifted on a field the switches let us correct.
            const held = shopSide.held.get(shopId);
            shopSide.checked++;
            const drift = held ? customerDrift(d, held, c.updates, j.t.bind(j)) : [];
            if (!held) j.skipped(entity, `client ${d.gescomKey}`, j.t('reconcile.customerMissingInShop'));
            else if (drift.length) {
              shopSide.drifted++;
              for (const line of drift) j.info(line);
              writes.push({ draft: d, shopId, hash });
            } else j.count(entity, 'unchanged');
            continue;
          }
          if (shopId && (newOnly || bound?.payloadHash === hash)) {
            if (!bound) ctx.state.saveBinding(ctx.profile.name, CUSTOMER_KIND, d.gescomKey, shopId, newOnly ? null : hash);
            j.count(entity, newOnly ? 'skipped' : 'unchanged');
            continue;
          }
          writes.push({ draft: d, shopId, hash });
        }
      }
      if (!writes.length) continue;
      const byKey = new Map(writes.map((w) => [w.draft.gescomKey, w]));
      for (const r of await shop.writeCustomers(writes, { newOnly })) {
        const w = byKey.get(r.key)!;
        const entity = r.key.includes('#') ? 'contacts' : 'customers';
        if (r.ok && r.shopId) {
          ctx.state.saveBinding(ctx.profile.name, CUSTOMER_KIND, r.key, r.shopId, w.hash);
          j.count(entity, r.created ? 'created' : 'updated');
        } else {
          j.entityFailed(entity, `client ${r.key}`, r.error ?? 'échec / failed');
        }
      }
    }
    if (shopSide) j.info(j.t('reconcile.summary', { checked: shopSide.checked, drifted: shopSide.drifted }));
    if (!j.failures()) {
      j.success();
      ctx.updateProfile((p) => ({ ...p, customers: { ...p.customers, lastTransferDate: started.toISOString() } }));
    }
  },
};

/** The shop's customers by id for a reconciliation, or null when the shop cannot read them back (said in the journal). */
async function readShopCustomers(ctx: ActionContext, shop: ShopPort) {
  const j = ctx.journal;
  if (!shop.customerStates) {
    j.info(j.t('reconcile.unsupported', { shop: shop.kind, what: j.t('reconcile.what.customers') }));
    return null;
  }
  // Fields whose switch is on but which the shop does not give back (WooCommerce hides "_" meta, has no groups).
  const u = ctx.profile.customers.updates;
  const unreadable = (['group', 'notes', 'b2b'] as const).filter((k) => u[k]).map((k) => `customers.updates.${k}`);
  if (unreadable.length) j.info(j.t('reconcile.customerFieldsUnreadable', { fields: unreadable.join(', '), shop: shop.kind }));
  j.info(j.t('reconcile.start'));
  const held = new Map<string, ShopCustomerState>();
  for await (const page of shop.customerStates()) for (const x of page) held.set(x.id, x);
  return { held, checked: 0, drifted: 0 };
}

export const customersDisable: ActionDef = {
  name: 'customers.disable',
  titleKey: 'action.customers.disable',
  description: { fr: 'Désactive dans la boutique les clients en sommeil ou bloqués', en: 'Disable dormant or blocked customers in the shop' },
  needsShop: true,
  async run(ctx) {
    const j = ctx.journal;
    const d = ctx.profile.customers.disable;
    const shop = shopOf(ctx);
    const bindings = ctx.state.bindings(ctx.profile.name, CUSTOMER_KIND);
    const done = ctx.state.bindings(ctx.profile.name, DISABLED_KIND);
    j.reading('what.customers');
    const targets: { key: string; shopId: string; email: string }[] = [];
    const unbound: Customer[] = [];
    for await (const page of ctx.gescom.customers({}, 200)) {
      for (const c of page) {
        if (!((d.dormant && c.dormant) || (d.blocked && c.blocked))) continue;
        if (done.has(c.code)) {
          j.count('customers', 'unchanged');
          continue;
        }
        const b = bindings.get(c.code);
        if (b) targets.push({ key: c.code, shopId: b.shopId, email: c.email ?? '' });
        else if (isValidEmail(c.email)) unbound.push(c);
        else j.count('customers', 'skipped');
      }
    }
    if (unbound.length) {
      const found = await shop.findCustomersByEmail(unbound.map((c) => c.email!));
      for (const c of unbound) {
        const ref = found.get(c.email!.toLowerCase());
        if (ref) targets.push({ key: c.code, shopId: ref.id, email: c.email! });
        else j.count('customers', 'skipped');
      }
    }
    targets.forEach((t, i) => j.progress(i + 1, targets.length, t.key));
    for (const r of targets.length ? await shop.disableCustomers(targets) : []) {
      if (r.ok) {
        ctx.state.saveBinding(ctx.profile.name, DISABLED_KIND, r.key, r.shopId ?? '', null);
        j.count('customers', 'updated');
      } else {
        j.entityFailed('customers', `client ${r.key}`, r.error ?? 'échec / failed');
      }
    }
    if (!j.failures()) j.success();
  },
};

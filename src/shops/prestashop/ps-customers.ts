/**
 * PrestaShop customers and groups (CLI-01..CLI-06) through the webservice: the customer methods
 * of ShopPort, which PsShop delegates to. Writes are serialised (docs/shop-apis.md 2.6) and every
 * update is GET-modify-PUT, because PUT replaces the whole resource (fixtures 814-816) and
 * `passwd` is required on it: nothing the switches do not name is ever blanked or reset.
 */
import { randomBytes } from 'node:crypto';
import type { CustomerWrite, ItemResult, ShopCustomerRef, ShopCustomerState } from '../port.js';
import type { ShopSettings } from '../adapter.js';
import type { CustomerDraft, CustomerGroupDraft } from '../../sync/drafts.js';
import type { ShopAddress } from '../../sync/orders/shop-order.js';
import type { PsRecord, PsWebservice } from './webservice.js';
import { flag } from './webservice.js';
import { patchOrReplace } from './patch-or-replace.js';
import { shopConfig, shopLanguages } from './shop-facts.js';
import { HttpError } from '../../http/http-error.js';
import { plainText } from '../../http/shop-error.js';
import { PasserelleError } from '../../errors.js';
import { msg, tr, type Text } from '../../i18n/catalogue.js';
import { chunk, runBatches } from '../../http/batch.js';
import {
  addressChanges, addressRecord, CUSTOMER_READ_ONLY_FIELDS, customerChanges, customerNames, CustomerFieldError, groupRecord, langValue,
  newCustomerRecord, same, sameAddress, writableCopy, type CleanNames, type CountryInfo, type CustomerContext,
} from './ps-customer-mapping.js';

export interface PsCustomersInit {
  ws: PsWebservice;
  settings: ShopSettings;
  /** Multistore: the shop new customers belong to ('' = the webservice's default shop). */
  options: { shopId: string };
  warn(message: string | Text): void;
  /** The clock of newsletter dates (tests fix it). */
  now?: () => Date;
}

/** E-mails per `filter[email]=[a|b|…]` request: keeps the URL well under common 8 KB limits. */
const EMAILS_PER_REQUEST = 40;
/** Customers per page of a reconciliation (and their addresses in one request). */
const STATE_PAGE = 100;
/** Customers written at once (each is a few requests: GET or POST, then its addresses). */
const WRITE_CONCURRENCY = 4;
/** PrestaShop's stock "Customer" group (PS_CUSTOMER_GROUP) when the configuration cannot be read. */
const FALLBACK_CUSTOMER_GROUP = '3';

export class PsCustomers {
  private readonly ws: PsWebservice;
  private readonly settings: ShopSettings;
  private readonly shopId: string;
  private readonly warn: (message: string | Text) => void;
  private readonly now: () => Date;
  /** Look-ups read once per run and shared by customers written at the same time (a failed read is tried again). */
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly countryIsoById = new Map<string, string>();
  /**
   * Accounts this instance created, by lower-case e-mail: the webservice does not refuse a second
   * account with the same e-mail (only the shop's forms do), so two GesCom customers sharing an
   * address must not both create one.
   */
  private readonly createdByEmail = new Map<string, { id: string; key: string }>();
  /** Writes in flight per e-mail: the same e-mail is written one after the other. */
  private readonly emailLocks = new Map<string, Promise<unknown>>();
  private readonly warned = new Set<string>();

  constructor(o: PsCustomersInit) {
    this.ws = o.ws;
    this.settings = o.settings;
    this.shopId = o.options.shopId;
    this.warn = o.warn;
    this.now = o.now ?? (() => new Date());
  }

  // ------------------------------------------------------------------ groups (CLI-02)

  /** Groups by lower-case name (every language's name) -> id. */
  async customerGroups(): Promise<Map<string, string>> {
    return new Map(await this.groupsCached());
  }

  /** Creates missing groups, found by name; an existing group gets its HT/TTC display corrected, nothing else. */
  async writeCustomerGroups(items: CustomerGroupDraft[]): Promise<ItemResult[]> {
    const g = this.settings.customers.groups;
    if ((g.allModules || g.allCategories) && items.length) this.warnOnce('groupAccess', msg('prestashop.customers.groupAccessUnsupported'));
    const existing = await this.customerGroups();
    const { ids } = await this.languageIds();
    const out: ItemResult[] = [];
    for (const d of items) {
      try {
        const record = groupRecord(d, ids);
        const found = existing.get(d.name.toLocaleLowerCase('fr'));
        if (found) {
          const held = await this.ws.get('groups', found);
          if (held && !same(held.price_display_method, record.price_display_method)) {
            // A one-language shop answers the name as a plain value: written back as <language id> if PUT it must be.
            const name = Array.isArray(held.name) ? held.name : ids.map((id) => ({ id, value: langValue(held.name) }));
            await this.update('groups', found, { ...held, name }, { price_display_method: record.price_display_method });
          }
          out.push({ key: d.key, ok: true, shopId: found, created: false, error: null });
          continue;
        }
        const created = await this.ws.create('groups', record);
        const id = String(created.id);
        existing.set(d.name.toLocaleLowerCase('fr'), id);
        (await this.groupsCached()).set(d.name.toLocaleLowerCase('fr'), id);
        out.push({ key: d.key, ok: true, shopId: id, created: true, error: null });
      } catch (e) {
        out.push({ key: d.key, ok: false, shopId: null, created: false, error: errorOf(e) });
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ customers (CLI-01, CLI-05, CLI-06)

  /** Lower-case e-mail -> customer, several e-mails per request; a registered account wins over guest ones. */
  async findCustomersByEmail(emails: string[]): Promise<Map<string, ShopCustomerRef>> {
    const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    // "|" and brackets would break the filter syntax: such (rare) addresses are asked alone, literally.
    const plainOnes = wanted.filter((e) => !/[|[\]]/.test(e));
    const odd = wanted.filter((e) => /[|[\]]/.test(e));
    const out = new Map<string, ShopCustomerRef & { guest: boolean }>();
    const take = (rows: PsRecord[]) => {
      for (const c of rows) {
        const email = String(c.email ?? '');
        const key = email.toLowerCase();
        if (!wanted.includes(key) || String(c.deleted ?? '0') === '1') continue;
        const guest = String(c.is_guest ?? '0') === '1';
        const held = out.get(key);
        if (!held || (held.guest && !guest)) out.set(key, { id: String(c.id), email, guest });
      }
    };
    for (const part of chunk(plainOnes, EMAILS_PER_REQUEST)) {
      take(await this.ws.list('customers', { display: ['id', 'email', 'is_guest', 'deleted'], filter: { email: `[${part.join('|')}]` } }));
    }
    for (const e of odd) take(await this.ws.list('customers', { display: ['id', 'email', 'is_guest', 'deleted'], filter: { email: e } }));
    return new Map([...out].map(([k, v]) => [k, { id: v.id, email: v.email }]));
  }

  async writeCustomers(items: CustomerWrite[], options: { newOnly: boolean }): Promise<ItemResult[]> {
    const creation = this.settings.customers.creation;
    const todo = options.newOnly ? items.filter((i) => !i.shopId) : items;
    if (todo.some((i) => !i.shopId)) {
      if (creation.passwordMode === 'resetLink') this.warnOnce('resetLink', msg('prestashop.customers.resetLinkUnsupported'));
      if (creation.notify) this.warnOnce('notify', msg('prestashop.customers.notifyUnsupported'));
    }
    // PrestaShop has no batch endpoint: customers go one by one, several at a time; the webservice
    // client's own bound (the profile's concurrency, 1 for small hostings) caps what is in flight.
    const done = await runBatches(todo, { size: 1, concurrency: WRITE_CONCURRENCY, run: ([w]) => this.serialisedByEmail(w!) });
    return done.map((r) => (r.ok ? r.value : {
      key: r.items[0]!.draft.gescomKey, ok: false, shopId: r.items[0]!.shopId, created: false, error: errorOf(r.error),
    }));
  }

  private serialisedByEmail(w: CustomerWrite): Promise<ItemResult> {
    const email = w.draft.email.trim().toLowerCase();
    const before = this.emailLocks.get(email) ?? Promise.resolve();
    const mine = before.then(() => this.writeOne(w), () => this.writeOne(w));
    this.emailLocks.set(email, mine);
    return mine;
  }

  private async writeOne(w: CustomerWrite): Promise<ItemResult> {
    const d = w.draft;
    let id: string | null = w.shopId;
    let created = false;
    try {
      const names = customerNames(d);
      for (const c of names.changed) this.warn(msg('prestashop.customers.nameCleaned', { code: d.gescomKey, field: c.field, from: c.from, to: c.to }));
      const ctx = await this.customerContext(d);
      const held = id ? await this.ws.get('customers', id) : null;
      const taken = held ? undefined : this.createdByEmail.get(d.email.trim().toLowerCase());
      if (taken && taken.key !== d.gescomKey) {
        return { key: d.gescomKey, ok: false, shopId: null, created: false,
          error: msg('prestashop.customers.emailTaken', { code: d.gescomKey, email: d.email, id: taken.id, other: taken.key }) };
      }
      if (!held) {
        // No account yet, or the bound one was deleted in the shop: created afresh.
        const record = newCustomerRecord(d, names, ctx, randomPassword());
        const answer = await this.ws.create('customers', record);
        id = String(answer.id);
        created = true;
        this.createdByEmail.set(d.email.trim().toLowerCase(), { id, key: d.gescomKey });
        await this.writeAddresses(id, d, names, true);
      } else {
        const changes = customerChanges(held, d, names, ctx);
        if (changes) await this.update('customers', id!, held, changes);
        if (this.settings.customers.updates.addresses) await this.writeAddresses(id!, d, names, false);
      }
      return { key: d.gescomKey, ok: true, shopId: id, created, error: null };
    } catch (e) {
      // A customer created but whose address failed is found again by e-mail next run, and completed.
      return { key: d.gescomKey, ok: false, shopId: id, created, error: errorOf(e) };
    }
  }

  private async customerContext(d: CustomerDraft): Promise<CustomerContext> {
    const { own } = await this.languageIds();
    let groupId: string | null = null;
    if (d.group) {
      groupId = (await this.groupsCached()).get(d.group.toLocaleLowerCase('fr')) ?? null;
      if (!groupId) this.warn(msg('prestashop.customers.groupUnknown', { code: d.gescomKey, group: d.group }));
    }
    return { settings: this.settings, groupId, defaultGroupId: await this.defaultGroupId(), languageId: own, shopId: this.shopId, now: this.now() };
  }

  /** One `addresses` record per billing / shipping address, found again by alias: never duplicated by a re-run. */
  private async writeAddresses(customerId: string, d: CustomerDraft, names: CleanNames, fresh: boolean): Promise<void> {
    const lang = this.settings.language;
    const wanted: { alias: string; address: NonNullable<CustomerDraft['billing']> }[] = [];
    if (d.billing) wanted.push({ alias: tr('prestashop.customers.aliasBilling', {}, lang), address: d.billing });
    if (d.shipping && !(d.billing && sameAddress(d.billing, d.shipping))) {
      wanted.push({ alias: tr('prestashop.customers.aliasShipping', {}, lang), address: d.shipping });
    }
    if (!wanted.length) return;
    const held = fresh ? [] : await this.ws.list('addresses', { display: 'full', filter: { id_customer: `[${customerId}]`, deleted: '[0]' } });
    for (const { alias, address } of wanted) {
      const country = await this.country(address.countryCode);
      if (!country) throw new CustomerFieldError(msg('prestashop.customers.countryUnknown', { code: d.gescomKey, alias, country: address.countryCode }));
      const stateId = country.containsStates ? await this.stateId(country, address.state) : '';
      if (country.containsStates && !stateId) {
        throw new CustomerFieldError(msg('prestashop.customers.stateUnknown', { code: d.gescomKey, alias, state: address.state, country: country.iso }));
      }
      const record = addressRecord(address, names, d, { customerId, alias, country, stateId, vatNumber: d.b2b.vatNumber });
      const mine = held.find((a) => String(a.alias ?? '').toLocaleLowerCase('fr') === alias.toLocaleLowerCase('fr'));
      if (!mine) {
        await this.ws.create('addresses', record);
        continue;
      }
      const changes = addressChanges(mine, record);
      if (changes) await this.update('addresses', String(mine.id), mine, changes);
    }
  }

  /** Reconciliation: customers with their group and addresses, a page of customers and one address request at a time. */
  async *customerStates(): AsyncIterable<ShopCustomerState[]> {
    const groups = await this.groupsById();
    const lang = this.settings.language;
    const billingAlias = tr('prestashop.customers.aliasBilling', {}, lang).toLocaleLowerCase('fr');
    const shippingAlias = tr('prestashop.customers.aliasShipping', {}, lang).toLocaleLowerCase('fr');
    const display = ['id', 'email', 'firstname', 'lastname', 'id_default_group'];
    for await (const page of this.ws.pages('customers', { display, limit: STATE_PAGE, filter: { deleted: '[0]', is_guest: '[0]' } })) {
      if (!page.length) continue;
      const addresses = await this.ws.list('addresses', {
        display: 'full', filter: { id_customer: `[${page.map((c) => String(c.id)).join('|')}]`, deleted: '[0]' },
      });
      const out: ShopCustomerState[] = [];
      for (const c of page) {
        const id = String(c.id);
        const email = String(c.email ?? '');
        const mine = addresses.filter((a) => String(a.id_customer) === id);
        const byAlias = (alias: string) => mine.find((a) => String(a.alias ?? '').toLocaleLowerCase('fr') === alias);
        const billing = byAlias(billingAlias);
        // One record serves both when the delivery address is the billing one (see writeAddresses).
        const shipping = byAlias(shippingAlias) ?? billing;
        out.push({
          id, email, firstName: unplaceholder(c.firstname), lastName: String(c.lastname ?? ''),
          billing: billing ? await this.shopAddress(billing, email) : null,
          shipping: shipping ? await this.shopAddress(shipping, '') : null,
          group: groups.get(String(c.id_default_group ?? '')) ?? null,
        });
      }
      yield out;
    }
  }

  /** CLI-03: active=0 on the held record, every other field sent back as held. */
  async disableCustomers(items: { key: string; shopId: string; email: string }[]): Promise<ItemResult[]> {
    const out: ItemResult[] = [];
    for (const i of items) {
      try {
        const held = await this.ws.get('customers', i.shopId);
        if (!held) {
          out.push({ key: i.key, ok: false, shopId: i.shopId, created: false, error: msg('prestashop.customers.notFound', { id: i.shopId }) });
          continue;
        }
        if (!same(held.active, '0')) await this.update('customers', i.shopId, held, { active: '0' });
        out.push({ key: i.key, ok: true, shopId: i.shopId, created: false, error: null });
      } catch (e) {
        out.push({ key: i.key, ok: false, shopId: i.shopId, created: false, error: errorOf(e) });
      }
    }
    return out;
  }

  /**
   * An update that blanks nothing: PATCH with the changed fields only; where the key may not
   * PATCH, the held record with the changes laid over it is PUT back (PUT blanks what it omits,
   * and PrestaShop then also resets the read-only secure_key and last_passwd_gen it refuses to receive).
   */
  private async update(resource: string, id: string, held: PsRecord, changes: PsRecord): Promise<void> {
    const readOnly = resource === 'customers' ? CUSTOMER_READ_ONLY_FIELDS : [];
    await patchOrReplace(this.ws, resource, id, changes, async () => ({ ...writableCopy(held, readOnly), ...changes, id }));
  }

  // ------------------------------------------------------------------ look-ups, read once per run

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      this.memo.set(key, p);
      p.catch(() => this.memo.delete(key));
    }
    return p;
  }

  /** Groups by lower-case name in every language -> id; created groups are added to it. */
  private groupsCached(): Promise<Map<string, string>> {
    return this.once('groups', async () => {
      const map = new Map<string, string>();
      for await (const page of this.ws.pages('groups', { display: ['id', 'name'] })) {
        for (const g of page) {
          const names = Array.isArray(g.name) ? (g.name as { value?: unknown }[]).map((x) => String(x.value ?? '')) : [langValue(g.name)];
          for (const n of names) if (n && !map.has(n.toLocaleLowerCase('fr'))) map.set(n.toLocaleLowerCase('fr'), String(g.id));
        }
      }
      return map;
    });
  }

  private async groupsById(): Promise<Map<string, string>> {
    const { own } = await this.languageIds();
    const out = new Map<string, string>();
    for await (const page of this.ws.pages('groups', { display: ['id', 'name'] })) for (const g of page) out.set(String(g.id), langValue(g.name, own));
    return out;
  }

  /** Every language id (multilang names are written in all) and the one of the profile's language. */
  private languageIds(): Promise<{ ids: string[]; own: string }> {
    return this.once('languages', async () => {
      const rows = await shopLanguages(this.ws);
      const ids = rows.map((l) => l.id);
      const own = rows.find((l) => l.isoCode === this.settings.language)?.id;
      return { ids: ids.length ? ids : ['1'], own: String(own ?? ids[0] ?? '1') };
    });
  }

  /** PS_CUSTOMER_GROUP: the group every registered customer belongs to. */
  private defaultGroupId(): Promise<string> {
    return this.once('defaultGroup', async () => {
      try {
        return (await shopConfig(this.ws, 'PS_CUSTOMER_GROUP')) || FALLBACK_CUSTOMER_GROUP;
      } catch {
        // A key without the configurations resource: the stock id is right on nearly every shop.
        return FALLBACK_CUSTOMER_GROUP;
      }
    });
  }

  private async country(iso: string): Promise<CountryInfo | null> {
    const code = iso.trim().toUpperCase();
    if (!code) return null;
    return this.once(`country:${code}`, async (): Promise<CountryInfo | null> => {
      const rows = await this.ws.list('countries', {
        display: ['id', 'iso_code', 'contains_states', 'need_identification_number', 'need_zip_code'], filter: { iso_code: `[${code}]` },
      });
      const c = rows[0];
      if (!c) return null;
      this.countryIsoById.set(String(c.id), code);
      return { id: String(c.id), iso: code, containsStates: flag(c.contains_states), needsDni: flag(c.need_identification_number), needsZipCode: flag(c.need_zip_code) };
    });
  }

  private statesOf(countryId: string): Promise<{ id: string; iso: string; name: string }[]> {
    return this.once(`states:${countryId}`, async () => {
      const rows = await this.ws.list('states', { display: ['id', 'iso_code', 'name'], filter: { id_country: `[${countryId}]` } });
      return rows.map((s) => ({ id: String(s.id), iso: String(s.iso_code ?? ''), name: String(s.name ?? '') }));
    });
  }

  /** The state by ISO code ("CA", "US-CA") or name, case and accents aside. */
  private async stateId(country: CountryInfo, state: string): Promise<string> {
    const want = fold(state);
    if (!want) return '';
    const states = await this.statesOf(country.id);
    const hit = states.find((s) => fold(s.iso) === want || `${fold(country.iso)}-${fold(s.iso)}` === want || fold(s.name) === want);
    return hit?.id ?? '';
  }

  private async shopAddress(a: PsRecord, email: string): Promise<ShopAddress> {
    const countryId = String(a.id_country ?? '');
    if (countryId && !this.countryIsoById.has(countryId)) {
      const c = await this.ws.get('countries', countryId);
      if (c) this.countryIsoById.set(countryId, String(c.iso_code ?? '').toUpperCase());
    }
    let state = '';
    const stateId = String(a.id_state ?? '0');
    if (stateId !== '0' && stateId !== '') state = (await this.statesOf(countryId)).find((s) => s.id === stateId)?.iso ?? '';
    return {
      firstName: unplaceholder(a.firstname), lastName: String(a.lastname ?? ''), company: String(a.company ?? ''),
      line1: String(a.address1 ?? ''), line2: String(a.address2 ?? ''), city: String(a.city ?? ''), state,
      postcode: String(a.postcode ?? ''), countryCode: this.countryIsoById.get(countryId) ?? '', email,
      phone: String(a.phone_mobile || a.phone || ''),
    };
  }

  private warnOnce(key: string, text: Text): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warn(text);
  }
}

/** The "-" written for a missing first name (see customerNames) reads back as none, so a reconciliation sees no drift. */
function unplaceholder(v: unknown): string {
  const s = String(v ?? '');
  return s === '-' ? '' : s;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toUpperCase();
}

/** 32 characters from a CSPRNG; PrestaShop hashes it (bcrypt) on create. */
function randomPassword(): string {
  return randomBytes(24).toString('base64url').slice(0, 32);
}

/** The shop's own message when it answered one, else ours. */
function errorOf(e: unknown): string | Text {
  if (e instanceof CustomerFieldError) return e.text;
  if (e instanceof HttpError && e.shopMessage) return plainText(e.shopMessage);
  if (e instanceof PasserelleError && e.text) return e.text;
  return e instanceof Error ? e.message : String(e);
}

/**
 * CLI-01, CLI-02, CLI-05, CLI-06 for PrestaShop: customer drafts and group drafts -> webservice
 * records (`customers`, `addresses`, `groups`). Pure: ids (groups, countries, states, languages)
 * are resolved by the caller and passed in.
 *
 * PrestaShop validates names with its own rules (classes/Validate.php, 8.1): a name with a digit
 * or one of its forbidden characters is refused with a 400 that says only "Property
 * Customer->firstname is not valid". We clean such names before sending (the journal says what
 * changed) and refuse, naming the customer and the field, only when nothing is left.
 */
import type { AddressDraft, CustomerDraft, CustomerGroupDraft } from '../../sync/drafts.js';
import type { ShopSettings } from '../adapter.js';
import type { PsRecord } from './webservice.js';
import { msg, type Text } from '../../i18n/catalogue.js';
import { dec, plain } from '../../util/decimal.js';

// Validate::isCustomerName: no digits, none of !<>,;?=+()/\@#"°*`{}_^$%:¤[]| and a dot only before a space or the end.
const CUSTOMER_NAME_FORBIDDEN = /[0-9!<>,;?=+()/\\@#"°*`{}_^$%:¤[\]|]/gu;
// Validate::isName (addresses).
const NAME_FORBIDDEN = /[0-9!<>,;?=+()@#"°{}_$%:¤|]/gu;
// Validate::isAddress, isCityName, isGenericName, isPhoneNumber, isPostCode.
const ADDRESS_FORBIDDEN = /[!<>?=+@{}_$%]/gu;
const CITY_FORBIDDEN = /[!<>;?=+@#"°{}_$%]/gu;
const GENERIC_FORBIDDEN = /[<>={}]/gu;
const PHONE_FORBIDDEN = /[^+0-9. ()/-]/gu;
const POSTCODE_FORBIDDEN = /[^a-zA-Z 0-9-]/gu;

/** PrestaShop field sizes (schema=synopsis, 705 / 707 and groups). */
export const PS_LIMITS = { groupName: 32, alias: 32, address: 128, city: 64, postcode: 12, phone: 32, dni: 16, name: 255 } as const;

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A customer first or last name as `isCustomerName` accepts it. */
export function cleanCustomerName(s: string): string {
  // A dot is allowed only before a space or at the end ("J. Dupont"); "J.-P." loses its inner dot.
  return tidy(s.replace(CUSTOMER_NAME_FORBIDDEN, ' ').replace(/[.。](?!\s|$)/gu, '')).slice(0, PS_LIMITS.name).trim();
}

/** An address first or last name as `isName` accepts it. */
export function cleanAddressName(s: string): string {
  return tidy(s.replace(NAME_FORBIDDEN, ' ')).slice(0, PS_LIMITS.name).trim();
}

export function cleanAddressLine(s: string): string {
  return tidy(s.replace(ADDRESS_FORBIDDEN, ' ')).slice(0, PS_LIMITS.address).trim();
}

export function cleanCity(s: string): string {
  return tidy(s.replace(CITY_FORBIDDEN, ' ')).slice(0, PS_LIMITS.city).trim();
}

export function cleanGeneric(s: string, max = 255): string {
  return tidy(s.replace(GENERIC_FORBIDDEN, ' ')).slice(0, max).trim();
}

export function cleanPhone(s: string): string {
  return tidy(s.replace(PHONE_FORBIDDEN, '')).slice(0, PS_LIMITS.phone).trim();
}

export function cleanPostcode(s: string): string {
  return tidy(s.replace(POSTCODE_FORBIDDEN, '')).slice(0, PS_LIMITS.postcode).trim();
}

/** French mobile numbers (06, 07, +33 6, +33 7) go to `phone_mobile`, every other number to `phone`. */
export function isMobile(phone: string, countryCode: string): boolean {
  const p = phone.replace(/[\s.()/-]/g, '');
  return countryCode.toUpperCase() === 'FR' && /^(?:0|\+33|0033)[67]\d{8}$/.test(p);
}

/** A problem with one field of one customer: the customer fails alone with this text. */
export class CustomerFieldError extends Error {
  constructor(readonly text: Text) {
    super(text.key);
  }
}

export interface CleanNames {
  firstName: string;
  lastName: string;
  /** Fields whose value had to change to pass PrestaShop's checks (for the journal). */
  changed: { field: string; from: string; to: string }[];
}

/**
 * The names PrestaShop will accept for a customer. A company without a contact person has no
 * first name in the GesCom while PrestaShop requires one: "-" stands in for it.
 */
export function customerNames(d: CustomerDraft): CleanNames {
  const changed: CleanNames['changed'] = [];
  const lastName = cleanCustomerName(d.lastName || d.company);
  if (!lastName) throw new CustomerFieldError(msg('prestashop.customers.nameUnusable', { code: d.gescomKey, field: 'lastname', value: d.lastName }));
  if (lastName !== tidy(d.lastName || d.company)) changed.push({ field: 'lastname', from: d.lastName, to: lastName });
  let firstName = cleanCustomerName(d.firstName);
  if (!firstName) {
    if (tidy(d.firstName)) throw new CustomerFieldError(msg('prestashop.customers.nameUnusable', { code: d.gescomKey, field: 'firstname', value: d.firstName }));
    firstName = '-';
  } else if (firstName !== tidy(d.firstName)) changed.push({ field: 'firstname', from: d.firstName, to: firstName });
  return { firstName, lastName, changed };
}

/** PrestaShop's `price_display_method`: PS_TAX_INC = 0, PS_TAX_EXC = 1 (config/defines.inc.php). */
export function priceDisplayMethod(taxDisplay: 'HT' | 'TTC'): '0' | '1' {
  return taxDisplay === 'HT' ? '1' : '0';
}

/** A multilang field in every shop language (the JSON read shape; the webservice client writes it as <language id>). */
export function multilang(value: string, languageIds: readonly string[]): { id: string; value: string }[] {
  return languageIds.map((id) => ({ id, value }));
}

/** The text of a multilang field as read: a plain value (one language) or `[{id, value}]`, preferring `languageId`. */
export function langValue(v: unknown, languageId?: string): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const items = v as { id?: unknown; value?: unknown }[];
    const hit = items.find((x) => String(x.id) === languageId) ?? items[0];
    return hit?.value === undefined || hit.value === null ? '' : String(hit.value);
  }
  if (v && typeof v === 'object' && 'language' in v) return langValue((v as { language: unknown }).language, languageId);
  return '';
}

export function groupRecord(g: CustomerGroupDraft, languageIds: readonly string[]): PsRecord {
  const name = cleanGeneric(g.name, PS_LIMITS.groupName);
  if (!name) throw new CustomerFieldError(msg('prestashop.customers.groupNameUnusable', { name: g.name }));
  return {
    name: multilang(name, languageIds),
    // Price categories carry their discounts in the prices themselves (specific prices): the group adds none.
    reduction: '0',
    price_display_method: priceDisplayMethod(g.taxDisplay),
    show_prices: '1',
  };
}

/** "YYYY-MM-DD HH:MM:SS" in the shop's time zone, as PrestaShop stores its dates. */
export function psDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

export interface CustomerContext {
  settings: ShopSettings;
  /** Group ids: the customer's (null: none) and the shop's default customer group. */
  groupId: string | null;
  defaultGroupId: string;
  languageId: string;
  /** Multistore: the shop the customer belongs to ('' = the webservice's default). */
  shopId: string;
  now: Date;
}

function groupIds(c: CustomerContext): string[] {
  const ids = c.groupId ? [c.groupId] : [];
  if (!c.groupId || c.settings.customers.updates.defaultGroup) ids.push(c.defaultGroupId);
  return [...new Set(ids)];
}

/** The customer fields the update switches govern, as PrestaShop names them. */
function switchedFields(d: CustomerDraft, names: CleanNames, c: CustomerContext, update: boolean): PsRecord {
  const u = update ? c.settings.customers.updates : null;
  const out: PsRecord = {};
  if (!u || u.email) out.email = d.email.trim();
  if (!u || u.names) {
    out.firstname = names.firstName;
    out.lastname = names.lastName;
  }
  if (!u || u.group) {
    out.id_default_group = c.groupId ?? c.defaultGroupId;
    out.associations = { groups: groupIds(c).map((id) => ({ id })) };
  }
  if (!u || u.b2b) {
    out.company = cleanGeneric(d.company);
    if (c.settings.customers.b2b.sendSolvency) {
      out.outstanding_allow_amount = plain(dec(d.b2b.creditLimit ?? 0));
      out.max_payment_days = String(d.b2b.paymentDelayDays ?? 0);
    }
  }
  if (!u || u.notes) out.note = d.notes.slice(0, 65000);
  return out;
}

/** The record POSTed for a new customer; `passwd` is required on create (schema 705). */
export function newCustomerRecord(d: CustomerDraft, names: CleanNames, c: CustomerContext, passwd: string): PsRecord {
  const creation = c.settings.customers.creation;
  const now = psDate(c.now, c.settings.timezone);
  const out: PsRecord = {
    ...switchedFields(d, names, c, false),
    id_lang: c.languageId,
    passwd,
    newsletter: creation.newsletter ? '1' : '0',
    optin: creation.optIn ? '1' : '0',
    active: d.active ? '1' : '0',
    is_guest: '0',
  };
  if (creation.newsletter) out.newsletter_date_add = now;
  if (c.shopId) out.id_shop = c.shopId;
  return out;
}

/** Fields the webservice refuses on a write (read_only in schema 705: code 93). */
const CUSTOMER_READ_ONLY = ['last_passwd_gen', 'secure_key'];

/**
 * A held record made fit to be PUT back: read-only fields out, date_upd left to the shop, and the
 * "no date" zero dates left out (Validate::isDate refuses them; omitted, the field stays empty).
 * date_add travels back: PUT would otherwise reset it.
 */
export function writableCopy(held: PsRecord, readOnly: readonly string[] = []): PsRecord {
  const out: PsRecord = {};
  for (const [k, v] of Object.entries(held)) {
    if (readOnly.includes(k) || k === 'date_upd') continue;
    if (typeof v === 'string' && /^0000-00-00( 00:00:00)?$/.test(v)) continue;
    out[k] = v;
  }
  return out;
}

export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * Values as compared: numbers and strings alike, decimals by value ("1500.500000" = "1500.5"), and
 * missing = empty = 0, because the JSON output leaves out every empty or zero field.
 */
function norm(v: unknown): unknown {
  if (v === undefined || v === null || v === false || v === 0 || v === '0') return '';
  if (v === true) return '1';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string' && /^-?\d+\.\d+$/.test(v)) return dec(v).isZero() ? '' : dec(v).toString();
  if (Array.isArray(v)) return v.map(norm);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, norm(o[k])]));
  }
  return v;
}

/**
 * An update as PrestaShop needs it: PUT replaces the whole resource, so the held record (read
 * just before) is sent back with only the switched fields changed; `passwd` travels back as the
 * held hash, which PrestaShop keeps as is (Customer::setWsPasswd re-hashes only a new value).
 * null when nothing would change: no request at all.
 */
export function updatedCustomerRecord(held: PsRecord, d: CustomerDraft, names: CleanNames, c: CustomerContext): PsRecord | null {
  const fields = customerChanges(held, d, names, c);
  if (!fields) return null;
  return { ...writableCopy(held, CUSTOMER_READ_ONLY), ...fields };
}

/**
 * The switched fields whose value differs from the held one (a PATCH body); null when none.
 * The group association travels whole when it changes: PrestaShop replaces the set it is given.
 */
export function customerChanges(held: PsRecord, d: CustomerDraft, names: CleanNames, c: CustomerContext): PsRecord | null {
  const out: PsRecord = {};
  for (const [k, v] of Object.entries(switchedFields(d, names, c, true))) {
    if (k === 'associations') {
      const heldAssoc = (held.associations as Record<string, unknown> | undefined) ?? {};
      if (!same(groupSet(heldAssoc.groups), groupSet((v as { groups: unknown }).groups))) out.associations = { ...heldAssoc, ...(v as Record<string, unknown>) };
    } else if (!same(held[k], v)) out[k] = v;
  }
  return Object.keys(out).length ? out : null;
}

/** Read-only customer fields, for the PUT fallback. */
export const CUSTOMER_READ_ONLY_FIELDS: readonly string[] = CUSTOMER_READ_ONLY;

function groupSet(v: unknown): string[] {
  return Array.isArray(v) ? v.map((g: { id?: unknown }) => String(g.id)).sort() : [];
}

/** The held customer with active=0, every other field as held; null when already inactive. */
export function disabledCustomerRecord(held: PsRecord): PsRecord | null {
  if (String(held.active ?? '0') === '0') return null;
  return { ...writableCopy(held, CUSTOMER_READ_ONLY), active: '0' };
}

export interface CountryInfo {
  id: string;
  iso: string;
  containsStates: boolean;
  needsDni: boolean;
  needsZipCode: boolean;
}

export interface AddressContext {
  customerId: string;
  alias: string;
  country: CountryInfo;
  /** The state id when the country has states ('' otherwise). */
  stateId: string;
  vatNumber: string | null;
}

/** The `addresses` record for one billing or shipping address of a customer. */
export function addressRecord(a: AddressDraft, names: CleanNames, d: CustomerDraft, c: AddressContext): PsRecord {
  const line1 = cleanAddressLine(a.line1);
  if (!line1) throw new CustomerFieldError(msg('prestashop.customers.addressFieldMissing', { code: d.gescomKey, alias: c.alias, field: 'address1' }));
  const city = cleanCity(a.city);
  if (!city) throw new CustomerFieldError(msg('prestashop.customers.addressFieldMissing', { code: d.gescomKey, alias: c.alias, field: 'city' }));
  const postcode = cleanPostcode(a.postcode);
  if (!postcode && c.country.needsZipCode) {
    throw new CustomerFieldError(msg('prestashop.customers.addressFieldMissing', { code: d.gescomKey, alias: c.alias, field: 'postcode' }));
  }
  const vat = c.vatNumber ? cleanGeneric(c.vatNumber) : '';
  let dni = '';
  if (c.country.needsDni) {
    // The GesCom has no identity number: the company's VAT number (its tax id) is the only one it holds.
    dni = vat.replace(/[^A-Za-z0-9-]/g, '').slice(0, PS_LIMITS.dni);
    if (!dni) throw new CustomerFieldError(msg('prestashop.customers.addressFieldMissing', { code: d.gescomKey, alias: c.alias, field: 'dni' }));
  }
  const phone = cleanPhone(a.phone);
  const mobile = isMobile(phone, a.countryCode);
  return {
    id_customer: c.customerId,
    id_country: c.country.id,
    id_state: c.stateId || '0',
    alias: cleanGeneric(c.alias, PS_LIMITS.alias),
    company: cleanGeneric(a.company || d.company),
    lastname: cleanAddressName(a.lastName) || names.lastName,
    firstname: cleanAddressName(a.firstName) || names.firstName,
    vat_number: vat,
    address1: line1,
    address2: cleanAddressLine(a.line2),
    postcode,
    city,
    phone: mobile ? '' : phone,
    phone_mobile: mobile ? phone : '',
    dni,
  };
}

/** Fields of an address record we write; others (id_manufacturer, other, deleted…) are sent back as held. */
const ADDRESS_FIELDS = ['id_customer', 'id_country', 'id_state', 'alias', 'company', 'lastname', 'firstname', 'vat_number',
  'address1', 'address2', 'postcode', 'city', 'phone', 'phone_mobile', 'dni'] as const;

/** The held address with our fields; null when it already holds them. */
export function updatedAddressRecord(held: PsRecord, wanted: PsRecord): PsRecord | null {
  const changes = addressChanges(held, wanted);
  return changes ? { ...writableCopy(held), ...wanted } : null;
}

/** The address fields whose value differs from the held one (a PATCH body); null when none. */
export function addressChanges(held: PsRecord, wanted: PsRecord): PsRecord | null {
  const out: PsRecord = {};
  for (const k of ADDRESS_FIELDS) if (!same(held[k], wanted[k])) out[k] = wanted[k];
  return Object.keys(out).length ? out : null;
}

/** Same postal address (billing used for delivery too): one `addresses` record serves both. */
export function sameAddress(a: AddressDraft, b: AddressDraft): boolean {
  const k = (x: AddressDraft) => [x.firstName, x.lastName, x.company, x.line1, x.line2, x.city, x.state, x.postcode, x.countryCode, x.phone]
    .map((s) => tidy(s ?? '').toLowerCase()).join('|');
  return k(a) === k(b);
}

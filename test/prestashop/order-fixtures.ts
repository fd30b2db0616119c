/**
 * The six orders recorded from PrestaShop 8.1.2 (test/fixtures/prestashop-8.1.2/9xx, README "PrestaShop
 * orders with French VAT") as the records the webservice gives for them, and the reference data of
 * that shop (taxes 921, carrier 989, order states 990, currencies 991).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PsOrderRecords, PsOrderRefs, PsTaxInfo } from '../../src/shops/prestashop/ps-order-mapping.js';
import { PsOrderStates } from '../../src/shops/prestashop/ps-order-states.js';
import type { PsRecord } from '../../src/shops/prestashop/webservice.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'prestashop-8.1.2');

/** The JSON body of the exchange numbered `n`. */
export function exchange(n: number): Record<string, unknown> {
  const file = fs.readdirSync(FIXTURES).find((f) => f.startsWith(`${n}-`) && f.endsWith('.json') && !f.endsWith('.headers.json'));
  if (!file) throw new Error(`no JSON fixture ${n}`);
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
}

const list = (n: number, key: string): PsRecord[] => {
  const body = exchange(n);
  return Array.isArray(body) ? [] : ((body[key] as PsRecord[] | undefined) ?? []);
};
const one = (n: number, key: string): PsRecord => exchange(n)[key] as PsRecord;

/** Exchange numbers per order: orders list (display=full), details, carriers, cart rules, payments, histories. */
export const ORDER_EXCHANGES = {
  a: { id: '1', orders: 944, details: 945, carriers: 946, cartRules: 947, payments: 948, histories: 949 },
  b: { id: '2', orders: 951, details: 952, carriers: 953, cartRules: 954, payments: 955, histories: 956 },
  c: { id: '3', orders: 958, details: 959, carriers: 960, cartRules: 961, payments: 962, histories: 963 },
  d: { id: '4', orders: 965, details: 966, carriers: 967, cartRules: 968, payments: 969, histories: 970 },
  e: { id: '5', orders: 972, details: 973, carriers: 974, cartRules: 975, payments: 976, histories: 977 },
  f: { id: '6', orders: 979, details: 980, carriers: 981, cartRules: 982, payments: 983, histories: 984 },
} as const;
export type OrderKey = keyof typeof ORDER_EXCHANGES;

export const addresses = new Map<string, PsRecord>([['2', one(985, 'address')], ['3', one(986, 'address')]]);
export const customers = new Map<string, PsRecord>([['2', one(987, 'customer')], ['3', one(988, 'customer')]]);

export function orderRecords(key: OrderKey): PsOrderRecords {
  const x = ORDER_EXCHANGES[key];
  const order = list(x.orders, 'orders')[0]!;
  return {
    order,
    details: list(x.details, 'order_details'),
    carriers: list(x.carriers, 'order_carriers'),
    cartRules: list(x.cartRules, 'order_cart_rules'),
    payments: list(x.payments, 'order_payments'),
    histories: list(x.histories, 'order_histories'),
    invoiceAddress: addresses.get(String(order.id_address_invoice)) ?? null,
    deliveryAddress: addresses.get(String(order.id_address_delivery)) ?? null,
    customer: customers.get(String(order.id_customer)) ?? null,
    messages: [],
  };
}

export function shopRefs(): PsOrderRefs {
  const taxes = new Map<string, PsTaxInfo>(list(921, 'taxes').map((t) => [String(t.id), { id: String(t.id), rate: String(t.rate), name: String(t.name) }]));
  return {
    taxes,
    carriers: new Map([['2', one(989, 'carrier')]]),
    currencies: new Map(list(991, 'currencies').map((c) => [String(c.id), c])),
    // 8 = FR is recorded (664); 19 = CH is the country PATCHed active in 915.
    countries: new Map([['8', 'FR'], ['19', 'CH']]),
    states: new PsOrderStates(list(990, 'order_states')),
    timezone: 'Europe/Paris',
    language: 'fr',
  };
}

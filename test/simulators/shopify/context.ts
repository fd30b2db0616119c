/**
 * What resolvers share: the state, the app's granted scopes, money formatting, user errors, and
 * the hooks to the server (webhook events, URLs). One context per request.
 */
import { Decimal } from '../../../src/util/decimal.js';
import { GraphQLError } from 'graphql';
import type { ShopifyState } from './state.js';

export interface SimHooks {
  /** Queues a webhook event (topic as REST names it: "orders/create"). */
  event(topic: string, resource: { kind: 'order' | 'bulk_operation' | 'product' | 'customer'; id: number }): void;
  /** Base URL of the simulator (http://127.0.0.1:PORT). */
  readonly url: string;
  readonly apiVersion: string;
}

export interface Ctx {
  state: ShopifyState;
  scopes: ReadonlySet<string>;
  hooks: SimHooks;
  /** Inside a bulk operation query: connections page by themselves. */
  bulk: boolean;
}

export interface UserErrorOut { field: string[] | null; message: string; code?: string | null; [k: string]: unknown }

export function userError(field: (string | number)[] | null, message: string, code?: string | null): UserErrorOut {
  return { field: field ? field.map(String) : null, message, code: code ?? null };
}

/** The ACCESS_DENIED error Shopify gives a field the app's scopes don't cover. */
export function requireScope(ctx: Ctx, field: string, scope: string): void {
  if (ctx.scopes.has(scope)) return;
  // write_x implies read_x on Shopify.
  if (scope.startsWith('read_') && ctx.scopes.has(`write_${scope.slice(5)}`)) return;
  throw new GraphQLError(`Access denied for ${field} field. Required access: \`${scope}\` access scope.`, {
    extensions: { code: 'ACCESS_DENIED', documentation: 'https://shopify.dev/api/usage/access-scopes', requiredAccess: `\`${scope}\` access scope.` },
  });
}

/** Money scalar (variant price…): two decimals. */
export function money(v: string | number | Decimal): string {
  return new Decimal(v).toFixed(2);
}

/** Decimal amounts of MoneyV2, as Shopify prints them: "19.9", "20.0" (BigDecimal style, at least one decimal). */
export function decimalAmount(v: string | number | Decimal): string {
  const d = new Decimal(v);
  const s = d.toFixed();
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '.0') : `${s}.0`;
}

export function moneyV2(amount: string | number | Decimal, currencyCode: string): { amount: string; currencyCode: string } {
  return { amount: decimalAmount(amount), currencyCode };
}

/** A MoneyBag in shop currency (the simulator has no presentment currency distinct from the shop's). */
export function moneyBag(ctx: Ctx, amount: string | number | Decimal): { shopMoney: ReturnType<typeof moneyV2>; presentmentMoney: ReturnType<typeof moneyV2> } {
  const m = moneyV2(amount, ctx.state.shop.currencyCode);
  return { shopMoney: m, presentmentMoney: m };
}

/** A valid Shopify Money/Decimal input: a decimal number, as a string (or a number the client sent). */
export function parseMoney(v: unknown): Decimal | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return new Decimal(s);
}

export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

/** Count object ({count, precision}). */
export function count(n: number): { count: number; precision: 'EXACT' | 'AT_LEAST' } {
  return n > 25_000 ? { count: 25_001, precision: 'AT_LEAST' } : { count: n, precision: 'EXACT' };
}

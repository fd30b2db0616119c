/** What the resource modules share: the state, the site URL, hooks for webhooks, link builders. */
import type { Method, RestRequest } from './rest.js';
import type { WooState } from './state.js';

export type WebhookResource = 'order' | 'product' | 'customer' | 'coupon';
export type WebhookEvent = 'created' | 'updated' | 'deleted' | 'restored';

export interface Sim {
  state: WooState;
  /** Site base URL, e.g. http://127.0.0.1:8080 */
  site: string;
  /** REST API base of wc/v3, e.g. http://127.0.0.1:8080/wp-json/wc/v3 */
  api: string;
  batchLimit: number;
  /** Queue a webhook event (delivered in the background to the matching active webhooks). */
  hook(resource: WebhookResource, event: WebhookEvent, id: number): void;
  /** Runs a REST request internally (batch sub-requests, fixture seed). */
  subRequest(method: Method, route: string, body: unknown, parent: RestRequest): Promise<{ status: number; body: unknown }>;
}

export const ALL_ITEM_METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function selfLink(href: string, allow: Method[] | null = ALL_ITEM_METHODS): Record<string, unknown>[] {
  return [allow ? { href, targetHints: { allow } } : { href }];
}

export function hrefs(...list: string[]): Record<string, unknown>[] {
  return list.map((href) => ({ href }));
}

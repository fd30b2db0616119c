/**
 * shop, currentAppInstallation (granted scopes) and the Relay node/nodes lookups.
 */
import { iso, requireScope, type Ctx } from './context.js';
import { gidId, gidType } from './ids.js';
import { customerView } from './customers.js';
import { orderView, orderVisible } from './orders.js';
import { bulkOperationView } from './bulk.js';
import { collectionView, inventoryItemView, levelView, locationView, mediaView, metafieldView, productView, variantView } from './views-catalog.js';

export function shopView(ctx: Ctx, plan: string) {
  const sh = ctx.state.shop;
  return {
    __typename: 'Shop',
    id: 'gid://shopify/Shop/1',
    name: sh.name,
    email: sh.email,
    contactEmail: sh.email,
    myshopifyDomain: sh.myshopifyDomain,
    url: `https://${sh.myshopifyDomain}`,
    primaryDomain: { id: 'gid://shopify/Domain/1', host: sh.myshopifyDomain, url: `https://${sh.myshopifyDomain}`, sslEnabled: true, localization: null, marketWebPresence: null },
    currencyCode: sh.currencyCode,
    enabledPresentmentCurrencies: [sh.currencyCode],
    taxesIncluded: sh.taxesIncluded,
    taxShipping: sh.taxShipping,
    ianaTimezone: sh.ianaTimezone,
    timezoneAbbreviation: sh.ianaTimezone === 'Europe/Paris' ? 'CET' : 'UTC',
    timezoneOffset: sh.ianaTimezone === 'Europe/Paris' ? '+0100' : '+0000',
    timezoneOffsetMinutes: sh.ianaTimezone === 'Europe/Paris' ? 60 : 0,
    weightUnit: sh.weightUnit,
    unitSystem: sh.weightUnit === 'KILOGRAMS' || sh.weightUnit === 'GRAMS' ? 'METRIC_SYSTEM' : 'IMPERIAL_SYSTEM',
    description: null,
    checkoutApiSupported: true,
    setupRequired: false,
    transactionalSmsDisabled: false,
    marketingSmsConsentEnabledAtCheckout: false,
    orderNumberFormatPrefix: '#',
    orderNumberFormatSuffix: '',
    shipsToCountries: [sh.countryCode],
    shopOwnerName: 'Simulateur Passerelle',
    plan: { displayName: plan, publicDisplayName: plan, partnerDevelopment: false, shopifyPlus: /plus/i.test(plan) },
    billingAddress: { address1: '1 place Bellecour', city: 'Lyon', zip: '69002', countryCodeV2: sh.countryCode, country: 'France', company: sh.name },
    shopAddress: {
      id: 'gid://shopify/ShopAddress/1', address1: '1 place Bellecour', city: 'Lyon', zip: '69002', countryCode: sh.countryCode, countryCodeV2: sh.countryCode,
      country: 'France', company: sh.name, coordinatesValidated: false, formatted: ['1 place Bellecour', '69002 Lyon', 'France'], formattedArea: 'Lyon, France',
    },
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    alerts: [],
    features: { giftCards: true, sellsSubscriptions: false, storefront: true },
    entitlements: {
      b2b: { enabled: ctx.state.b2b },
      markets: { b2b: { enabled: ctx.state.b2b, catalogs: { enabled: ctx.state.b2b, limit: ctx.state.b2b ? 1000 : 0 } } },
    },
    resourceLimits: { locationLimit: 1000, maxProductOptions: 3, maxProductVariants: 2048, redirectLimitReached: false },
    // The tags customers hold, each once, sorted (a StringConnection: strings, no cursors of their own).
    customerTags: (args: { first: number }) => {
      const all = [...new Set([...ctx.state.customers.values()].flatMap((c) => c.tags))].sort();
      const nodes = all.slice(0, args.first);
      return {
        nodes, edges: nodes.map((node, i) => ({ node, cursor: Buffer.from(String(i)).toString('base64') })),
        pageInfo: { hasNextPage: all.length > nodes.length, hasPreviousPage: false, startCursor: null, endCursor: null },
      };
    },
  };
}

export function appInstallationView(ctx: Ctx, clientId: string) {
  const scopes = [...ctx.scopes].sort().map((handle) => ({ handle, description: handle.replace(/_/g, ' ') }));
  return {
    __typename: 'AppInstallation',
    id: 'gid://shopify/AppInstallation/1',
    accessScopes: scopes,
    launchUrl: `${ctx.hooks.url}/admin/apps/passerelle`,
    uninstallUrl: null,
    activeSubscriptions: [],
    app: {
      id: 'gid://shopify/App/1', apiKey: clientId, title: 'Passerelle', handle: 'passerelle', embedded: false, published: false, shopifyDeveloped: false,
      developerType: 'MERCHANT', webhookApiVersion: ctx.hooks.apiVersion, requestedAccessScopes: scopes, availableAccessScopes: scopes, optionalAccessScopes: [],
      features: [], failedRequirements: [], previouslyInstalled: false, isPostPurchaseAppInUse: false, pricingDetailsSummary: '', uninstallMessage: '',
      screenshots: [], description: null, developerName: 'Passerelle', installUrl: null, appStoreAppUrl: null, appStoreDeveloperUrl: null, privacyPolicyUrl: null,
    },
    createdAt: iso(new Date(0)),
  };
}

/** node(id) for the object types the simulator holds; null for unknown ids. Scope checks as the typed queries. */
export function nodeById(ctx: Ctx, id: string): unknown {
  const s = ctx.state;
  const type = gidType(id);
  const n = gidId(id.split('?')[0]);
  if (!type || n === undefined) return null;
  switch (type) {
    case 'Product': { requireScope(ctx, 'node', 'read_products'); const p = s.products.get(n); return p ? productView(ctx, p) : null; }
    case 'ProductVariant': { requireScope(ctx, 'node', 'read_products'); const v = s.variants.get(n); return v ? variantView(ctx, v) : null; }
    case 'Collection': { requireScope(ctx, 'node', 'read_products'); const c = s.collections.get(n); return c ? collectionView(ctx, c) : null; }
    case 'MediaImage': { const m = s.media.get(n); return m ? mediaView(ctx, m) : null; }
    case 'Metafield': { const m = s.metafields.get(n); return m ? metafieldView(ctx, m) : null; }
    case 'InventoryItem': { requireScope(ctx, 'node', 'read_inventory'); const i = s.inventoryItems.get(n); return i ? inventoryItemView(ctx, i) : null; }
    case 'InventoryLevel': { requireScope(ctx, 'node', 'read_inventory'); const l = [...s.levels.values()].find((x) => x.id === n); return l ? levelView(ctx, l) : null; }
    case 'Location': { requireScope(ctx, 'node', 'read_locations'); const l = s.locations.get(n); return l ? locationView(ctx, l) : null; }
    case 'Customer': { requireScope(ctx, 'node', 'read_customers'); const c = s.customers.get(n); return c ? customerView(ctx, c) : null; }
    case 'Order': {
      requireScope(ctx, 'node', 'read_orders');
      const o = s.orders.get(n);
      if (!o) return null;
      return orderVisible(ctx, o) ? orderView(ctx, o) : null;
    }
    case 'BulkOperation': { const op = s.bulkOperations.get(n); return op ? bulkOperationView(ctx, op) : null; }
    default: return null;
  }
}

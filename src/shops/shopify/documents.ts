/**
 * Every GraphQL document the Shopify adapter can send, as constants: test/shopify/documents.test.ts
 * validates each one against Shopify's published Admin API 2026-10 schema, so a field, argument or
 * input type Shopify would refuse fails our tests first. Nothing else in the adapter writes GraphQL.
 */
export interface ShopifyDocument {
  readonly name: string;
  readonly kind: 'query' | 'mutation';
  readonly source: string;
  /**
   * A mutation Shopify may receive twice without harm (staged targets, a bulk read, an
   * @idempotent key): retried after a network fault like a query, e.g. a keep-alive socket the
   * shop closed just as the request left.
   */
  readonly repeatable?: boolean;
}

function doc(kind: ShopifyDocument['kind'], name: string, body: string, repeatable = false): ShopifyDocument {
  return { name, kind, source: `${kind} ${name}${body}`, ...(repeatable ? { repeatable } : {}) };
}

/** Page sizes, fixed in the documents so that their cost is known (test/shopify/documents.test.ts keeps each under 1,000 points). */
export const ORDERS_PAGE = 100;
export const LINES_PAGE = 40;
export const SKUS_PAGE = 50;
export const VARIANTS_PAGE = 100;
export const CUSTOMERS_PAGE = 50;

const MONEY = 'shopMoney { amount currencyCode }';
const TAX_LINES = `title rate ratePercentage priceSet { ${MONEY} }`;
const ADDRESS = 'firstName lastName company address1 address2 city province provinceCode zip countryCodeV2 phone';
const USER_ERRORS = 'userErrors { field message }';
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

// ------------------------------------------------------------------ shop and connection

export const SHOP_CHECK = doc('query', 'ShopCheck', `($scopeFirst: Int!) {
  shop { name myshopifyDomain currencyCode taxesIncluded ianaTimezone plan { partnerDevelopment shopifyPlus } }
  currentAppInstallation { accessScopes { handle } }
  locations(first: $scopeFirst) { nodes { id name isActive } }
}`);

/** The shop's country: Shopify charges its VAT rates (tax-rates.ts). */
export const SHOP_COUNTRY = doc('query', 'ShopCountry', `{
  shop { shopAddress { countryCodeV2 } }
}`);

export const LOCATIONS = doc('query', 'Locations', `($after: String) {
  locations(first: 250, after: $after, includeInactive: true) { nodes { id name isActive } ${PAGE_INFO} }
}`);

// ------------------------------------------------------------------ orders

const LINE_FIELDS = `id sku name quantity
    originalTotalSet { ${MONEY} }
    discountAllocations { allocatedAmountSet { ${MONEY} } }
    taxLines { ${TAX_LINES} }
    duties { price { ${MONEY} } taxLines { ${TAX_LINES} } }`;

const ORDER_FIELDS = `id name createdAt updatedAt closed cancelledAt
  displayFinancialStatus displayFulfillmentStatus taxesIncluded dutiesIncluded currencyCode email note tags
  paymentGatewayNames
  customer { id firstName lastName defaultEmailAddress { emailAddress } }
  billingAddress { ${ADDRESS} } shippingAddress { ${ADDRESS} }
  totalPriceSet { ${MONEY} } totalTaxSet { ${MONEY} }
  discountCodes
  lineItems(first: ${LINES_PAGE}) { nodes { ${LINE_FIELDS} } ${PAGE_INFO} }
  shippingLines(first: 5) { nodes {
    title code discountedPriceSet { ${MONEY} } taxLines { ${TAX_LINES} }
  } }
  refunds(first: 5) { createdAt note totalRefundedSet { ${MONEY} } }
  transactions(first: 5) { kind status gateway processedAt paymentId amountSet { ${MONEY} } }
  metafield(namespace: $mfNamespace, key: $mfKey) { value }`;

/** A page of orders, ids only: each order is then read whole (ORDER), which keeps every query under 1,000 points. */
export const ORDERS = doc('query', 'Orders', `($after: String, $query: String, $sortKey: OrderSortKeys) {
  orders(first: ${ORDERS_PAGE}, after: $after, query: $query, sortKey: $sortKey) { nodes { id } ${PAGE_INFO} }
}`);

export const ORDER = doc('query', 'Order', `($id: ID!, $mfNamespace: String!, $mfKey: String!) {
  order(id: $id) { ${ORDER_FIELDS} }
}`);

/** The lines of an order beyond the first page. */
export const ORDER_LINES = doc('query', 'OrderLines', `($id: ID!, $after: String) {
  order(id: $id) { id lineItems(first: ${LINES_PAGE}, after: $after) { nodes { ${LINE_FIELDS} } ${PAGE_INFO} } }
}`);

/** Orders older than 60 days are invisible without read_all_orders: one order at or before the date tells. */
export const ORDERS_BEFORE = doc('query', 'OrdersBefore', `($query: String) {
  orders(first: 1, query: $query, sortKey: CREATED_AT) { nodes { id createdAt } }
}`);

export const ORDER_UPDATE = doc('mutation', 'OrderUpdate', `($input: OrderInput!) {
  orderUpdate(input: $input) { order { id tags note } ${USER_ERRORS} }
}`);

export const ORDER_CLOSE = doc('mutation', 'OrderClose', `($input: OrderCloseInput!) {
  orderClose(input: $input) { order { id closed } ${USER_ERRORS} }
}`);

/** What is left to ship (fulfillment orders) and what has shipped with which tracking (fulfilments). */
export const ORDER_FULFILLMENTS = doc('query', 'OrderFulfillments', `($id: ID!) {
  order(id: $id) { id
    fulfillmentOrders(first: 20) { nodes { id status } }
    fulfillments(first: 20) { id status trackingInfo(first: 5) { number company url } }
  }
}`);

export const FULFILLMENT_CREATE = doc('mutation', 'FulfillmentCreate', `($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status trackingInfo(first: 5) { number company } } ${USER_ERRORS} }
}`);

/** The tracking of a fulfilment already made (shipped before the GesCom had the parcel's number). */
export const FULFILLMENT_TRACKING_UPDATE = doc('mutation', 'FulfillmentTrackingInfoUpdate', `($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {
  fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) {
    fulfillment { id trackingInfo(first: 5) { number company } } ${USER_ERRORS}
  }
}`);

// ------------------------------------------------------------------ catalogue

const VARIANT_FIELDS = 'id sku price compareAtPrice barcode inventoryQuantity selectedOptions { name value } inventoryItem { id tracked } product { id status }';

export const VARIANTS_BY_SKU = doc('query', 'VariantsBySku', `($query: String!) {
  productVariants(first: ${SKUS_PAGE}, query: $query) { nodes { ${VARIANT_FIELDS} product { id status hasOnlyDefaultVariant variantsCount { count } } } }
}`);

/** The definition of the master-reference metafield: its filtering capability lets products be searched by it. */
export const METAFIELD_DEFINITION = doc('query', 'MetafieldDefinition', `($namespace: String!, $key: String!) {
  metafieldDefinitions(first: 1, ownerType: PRODUCT, namespace: $namespace, key: $key) { nodes { id capabilities { adminFilterable { enabled status } } } }
}`);

export const METAFIELD_DEFINITION_CREATE = doc('mutation', 'MetafieldDefinitionCreate', `($definition: MetafieldDefinitionInput!) {
  metafieldDefinitionCreate(definition: $definition) { createdDefinition { id capabilities { adminFilterable { enabled status } } } userErrors { field message code } }
}`);

/** Products by their master reference (`metafields.ns.key:"REF" OR …`), the value read back to check the match. */
export const PRODUCTS_BY_MASTER = doc('query', 'ProductsByMaster', `($query: String!, $namespace: String!, $key: String!) {
  products(first: ${SKUS_PAGE}, query: $query) { nodes { id hasOnlyDefaultVariant master: metafield(namespace: $namespace, key: $key) { value } } }
}`);

export const PRODUCT_VARIANTS = doc('query', 'ProductVariants', `($id: ID!, $after: String) {
  product(id: $id) { id variants(first: ${VARIANTS_PAGE}, after: $after) { nodes { ${VARIANT_FIELDS} } ${PAGE_INFO} } }
}`);

/**
 * Products read together before a stock, price or status run (one read per product otherwise):
 * their first variants each, which is all of them for most products; 50 products × (1 + 10
 * variants) keeps the read well under 1,000 points whatever Shopify charges per id.
 */
export const PRODUCTS_PER_READ = 50;
export const FEW_VARIANTS = 10;
export const PRODUCTS_VARIANTS = doc('query', 'ProductsVariants', `($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Product { id variants(first: ${FEW_VARIANTS}) { nodes { ${VARIANT_FIELDS} } pageInfo { hasNextPage } } } }
}`);

/** Products read at once for their media (250 media each at most: Shopify's cap on a product's media). */
export const MEDIA_PRODUCTS_PER_READ = 3;

export const PRODUCTS_MEDIA = doc('query', 'ProductsMedia', `($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Product { id media(first: 250) { nodes { ... on MediaImage { image { url } } } } } }
}`);

export const PRODUCT_LISTS = doc('query', 'ProductLists', `($id: ID!) {
  product(id: $id) { id tags media(first: 50) { nodes { id } } collections(first: 50) { nodes { id } } }
}`);

export const VARIANT_STATES = doc('query', 'VariantStates', `($after: String, $locationId: ID!) {
  productVariants(first: ${VARIANTS_PAGE}, after: $after) { nodes {
    id sku price compareAtPrice product { id status hasOnlyDefaultVariant }
    inventoryItem { id tracked inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } } }
  } ${PAGE_INFO} }
}`);

/** Variants productSet answers with; a product with more is read again in pages (variantsOf). */
export const SET_VARIANTS_SHOWN = 250;
export const PRODUCT_SET = doc('mutation', 'ProductSet', `($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
  productSet(input: $input, identifier: $identifier, synchronous: true) {
    product { id variants(first: ${SET_VARIANTS_SHOWN}) { nodes { id sku inventoryItem { id } } } }
    ${USER_ERRORS}
  }
}`);

export const VARIANTS_BULK_UPDATE = doc('mutation', 'VariantsBulkUpdate', `($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants, allowPartialUpdates: true) {
    productVariants { id sku price compareAtPrice } ${USER_ERRORS}
  }
}`);

export const PRODUCT_STATUS = doc('mutation', 'ProductStatus', `($product: ProductUpdateInput!) {
  productUpdate(product: $product) { product { id status } ${USER_ERRORS} }
}`);

export const METAFIELDS_SET = doc('mutation', 'MetafieldsSet', `($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) { metafields { id key namespace } ${USER_ERRORS} }
}`);

/** The adapter's metafield naming a collection's parent category (Shopify collections are flat). */
export const PARENT_COLLECTION = { namespace: 'passerelle', key: 'parent_collection' } as const;

export const COLLECTIONS = doc('query', 'Collections', `($after: String) {
  collections(first: 250, after: $after, query: "collection_type:custom") {
    nodes { id title handle parent: metafield(namespace: "${PARENT_COLLECTION.namespace}", key: "${PARENT_COLLECTION.key}") { value } }
    ${PAGE_INFO}
  }
}`);

export const METAFIELDS_DELETE = doc('mutation', 'MetafieldsDelete', `($metafields: [MetafieldIdentifierInput!]!) {
  metafieldsDelete(metafields: $metafields) { deletedMetafields { key } ${USER_ERRORS} }
}`);

export const COLLECTION_CREATE = doc('mutation', 'CollectionCreate', `($collection: CollectionCreateInput!) {
  collectionCreate(collection: $collection) { collection { id title handle } ${USER_ERRORS} }
}`);

export const COLLECTION_UPDATE = doc('mutation', 'CollectionUpdate', `($collection: CollectionUpdateInput!) {
  collectionUpdate(collection: $collection) { collection { id title handle } ${USER_ERRORS} }
}`);

export const STAGED_UPLOADS_CREATE = doc('mutation', 'StagedUploadsCreate', `($input: [StagedUploadInput!]!) {
  stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } ${USER_ERRORS} }
}`, true);

// ------------------------------------------------------------------ stock

/** 2026-10 requires the @idempotent key on inventory mutations; changeFromQuantity guards against stale values. */
export const INVENTORY_SET = doc('mutation', 'InventorySet', `($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id } userErrors { field message code }
  }
}`, true);

/** 2026-04+ requires the @idempotent key on inventoryActivate too (its description says so). */
export const INVENTORY_ACTIVATE = doc('mutation', 'InventoryActivate', `($item: ID!, $location: ID!, $key: String!) {
  inventoryActivate(inventoryItemId: $item, locationId: $location) @idempotent(key: $key) { inventoryLevel { id } ${USER_ERRORS} }
}`, true);

export const INVENTORY_LEVELS = doc('query', 'InventoryLevels', `($ids: [ID!]!, $locationId: ID!) {
  nodes(ids: $ids) { ... on InventoryItem { id tracked inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } } } }
}`);

// ------------------------------------------------------------------ B2B price lists (group prices)

/** Fixed prices read per price list and call: one page holds them all (a variant has one fixed price per list). */
export const PRICE_LIST_VARIANTS = 100;
/** Fixed prices added or deleted per priceListFixedPricesUpdate call, each list: the Admin API's input array limit. */
export const PRICE_LIST_INPUTS = 250;

/** Whether the shop has B2B (catalogues and their price lists), and its currency. */
export const B2B_ENTITLEMENT = doc('query', 'B2bEntitlement', `{
  shop { currencyCode entitlements { b2b { enabled } } }
}`);

export const PRICE_LISTS = doc('query', 'PriceLists', `($after: String) {
  priceLists(first: 100, after: $after) { nodes { id name currency } ${PAGE_INFO} }
}`);

export const PRICE_LIST_FIXED_PRICES = doc('query', 'PriceListFixedPrices', `($id: ID!, $query: String!) {
  priceList(id: $id) { id prices(first: ${PRICE_LIST_VARIANTS}, originType: FIXED, query: $query) {
    nodes { variant { id } price { amount currencyCode } compareAtPrice { amount } }
  } }
}`);

export const PRICE_LIST_FIXED_PRICES_UPDATE = doc('mutation', 'PriceListFixedPricesUpdate', `($priceListId: ID!, $pricesToAdd: [PriceListPriceInput!]!, $variantIdsToDelete: [ID!]!) {
  priceListFixedPricesUpdate(priceListId: $priceListId, pricesToAdd: $pricesToAdd, variantIdsToDelete: $variantIdsToDelete) {
    pricesAdded { variant { id } } deletedFixedPriceVariantIds userErrors { field message code }
  }
}`);

// ------------------------------------------------------------------ customers

const CUSTOMER_FIELDS = `id defaultEmailAddress { emailAddress } firstName lastName tags state numberOfOrders createdAt updatedAt
  defaultAddress { ${ADDRESS} }
  addressesV2(first: 5) { nodes { ${ADDRESS} } }`;

export const CUSTOMERS = doc('query', 'Customers', `($after: String, $query: String) {
  customers(first: ${CUSTOMERS_PAGE}, after: $after, query: $query) { nodes { ${CUSTOMER_FIELDS} } ${PAGE_INFO} }
}`);

/** The tags customers hold: a customer group is a tag (shop.shopify customers, GROUP_TAG_PREFIX). */
export const CUSTOMER_TAGS = doc('query', 'CustomerTags', `{
  shop { customerTags(first: 250) { nodes } }
}`);

export const CUSTOMER_CREATE = doc('mutation', 'CustomerCreate', `($input: CustomerInput!) {
  customerCreate(input: $input) { customer { id defaultEmailAddress { emailAddress } } ${USER_ERRORS} }
}`);

export const CUSTOMER_UPDATE = doc('mutation', 'CustomerUpdate', `($input: CustomerInput!) {
  customerUpdate(input: $input) { customer { id defaultEmailAddress { emailAddress } } ${USER_ERRORS} }
}`);

export const TAGS_ADD = doc('mutation', 'TagsAdd', `($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) { node { id } ${USER_ERRORS} }
}`);

export const CUSTOMER_CONSENT_UPDATE = doc('mutation', 'CustomerConsentUpdate', `($input: CustomerEmailMarketingConsentUpdateInput!) {
  customerEmailMarketingConsentUpdate(input: $input) { customer { id } ${USER_ERRORS} }
}`);

// ------------------------------------------------------------------ webhooks

export const WEBHOOKS = doc('query', 'Webhooks', `($after: String) {
  webhookSubscriptions(first: 100, after: $after) { nodes { id name topic uri } ${PAGE_INFO} }
}`);

export const WEBHOOK_CREATE = doc('mutation', 'WebhookCreate', `($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) { webhookSubscription { id name topic uri } ${USER_ERRORS} }
}`);

export const WEBHOOK_DELETE = doc('mutation', 'WebhookDelete', `($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId ${USER_ERRORS} }
}`);

// ------------------------------------------------------------------ bulk operations

export const BULK_RUN_QUERY = doc('mutation', 'BulkRunQuery', `($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: false) { bulkOperation { id status } userErrors { field message code } }
}`, true);

export const BULK_RUN_MUTATION = doc('mutation', 'BulkRunMutation', `($mutation: String!, $path: String!) {
  bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $path) { bulkOperation { id status } userErrors { field message code } }
}`);

export const BULK_OPERATION = doc('query', 'BulkOperation', `($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount url partialDataUrl }
}`);

/** How many products the shop holds: a reconciliation at or above the bulk threshold reads through a bulk query. */
export const PRODUCTS_COUNT = doc('query', 'ProductsCount', `{
  productsCount(limit: null) { count }
}`);

/** The inner query of a bulk read of every variant with what a reconciliation compares (no arguments: bulk rules). */
export const BULK_VARIANT_STATES_QUERY = bulkVariantStatesQuery(null);

/**
 * The bulk read of every variant, with its product's master reference (articles.variations.shopMasterField)
 * when the profile names one: a variable product holds no SKU, so a big batch finds it by this value.
 * A bulk query takes no variables: the metafield's namespace and key are written in as string literals.
 */
export function bulkVariantStatesQuery(master: { namespace: string; key: string } | null): string {
  const ref = master ? ` master: metafield(namespace: ${JSON.stringify(master.namespace)}, key: ${JSON.stringify(master.key)}) { value }` : '';
  return `{ productVariants { edges { node {
  id sku price compareAtPrice product { id status hasOnlyDefaultVariant${ref} } inventoryQuantity inventoryItem { id tracked }
} } } }`;
}

/** The mutation of a bulk write: productSet, its variables one JSONL line per product (no synchronous argument in bulk). */
export const BULK_PRODUCT_SET = `mutation ProductSetBulk($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
  productSet(input: $input, identifier: $identifier) { product { id variants(first: ${SET_VARIANTS_SHOWN}) { nodes { id sku inventoryItem { id } } } } userErrors { field message } }
}`;

/**
 * The second bulk write of existing products: productUpdate adds without replacing (metafields
 * upserted, the others left; media appended; collectionsToJoin joined, none left), which productSet's
 * list fields would not (they delete what the input leaves out). productUpdate is one of the
 * mutations Shopify's bulk import has accepted since it opened (2021 changelog).
 */
export const BULK_PRODUCT_UPDATE = `mutation ProductUpdateBulk($product: ProductUpdateInput!, $media: [CreateMediaInput!]) {
  productUpdate(product: $product, media: $media) { product { id } userErrors { field message } }
}`;

/** The mutation a bulk write runs once per JSONL line (its variables). */
export const BULK_PRODUCT_SET_MUTATION = BULK_PRODUCT_SET;

/** Every document, for the schema test. */
export const ALL_DOCUMENTS: readonly ShopifyDocument[] = [
  SHOP_CHECK, SHOP_COUNTRY, LOCATIONS, ORDERS, ORDER, ORDER_LINES, ORDERS_BEFORE, ORDER_UPDATE, ORDER_CLOSE, ORDER_FULFILLMENTS, FULFILLMENT_CREATE, FULFILLMENT_TRACKING_UPDATE,
  VARIANTS_BY_SKU, METAFIELD_DEFINITION, METAFIELD_DEFINITION_CREATE, PRODUCTS_BY_MASTER, PRODUCT_VARIANTS, PRODUCTS_VARIANTS, PRODUCTS_MEDIA, PRODUCT_LISTS, VARIANT_STATES, PRODUCT_SET, VARIANTS_BULK_UPDATE, PRODUCT_STATUS, METAFIELDS_SET,
  COLLECTIONS, COLLECTION_CREATE, COLLECTION_UPDATE, METAFIELDS_DELETE, STAGED_UPLOADS_CREATE, INVENTORY_SET, INVENTORY_ACTIVATE, INVENTORY_LEVELS,
  CUSTOMERS, CUSTOMER_TAGS, CUSTOMER_CREATE, CUSTOMER_UPDATE, TAGS_ADD, CUSTOMER_CONSENT_UPDATE, WEBHOOKS, WEBHOOK_CREATE, WEBHOOK_DELETE,
  BULK_RUN_QUERY, BULK_RUN_MUTATION, BULK_OPERATION, PRODUCTS_COUNT,
  B2B_ENTITLEMENT, PRICE_LISTS, PRICE_LIST_FIXED_PRICES, PRICE_LIST_FIXED_PRICES_UPDATE,
];

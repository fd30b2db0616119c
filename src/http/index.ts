/** Outbound HTTP shared by every shop adapter. */
export * from './auth.js';
export * from './batch.js';
export * from './from-profile.js';
export * from './http-client.js';
export { isTlsCode } from './http-error.js';
export * from './paginate.js';
export type { RateLimitPolicy } from './rate-limit.js';
export { redactText, redactUrl, urlForMessage } from './redact.js';
export { extractShopError, type ShopErrorInfo } from './shop-error.js';

/** Opens the shop a profile names, through the adapter of its kind, with the profile's HTTP settings. */
import fs from 'node:fs';
import { ConfigError } from '../errors.js';
import { basicAuth, wooCommerceAuth } from '../http/auth.js';
import { httpOptionsFromProfile } from '../http/from-profile.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import type { Profile } from '../profile/schema.js';
import type { StateStore } from '../state/state-store.js';
import type { ShopPort } from './port.js';
import { WooShop } from './woocommerce/woo-shop.js';
import { msg, type Text } from '../i18n/catalogue.js';

export const MEDIA_KIND = 'media';

export interface OpenShopOptions {
  state: StateStore;
  warn: (message: string | Text) => void;
  /** Extra client options (benchmarks and tests count exchanges). */
  http?: Partial<HttpClientOptions>;
}

function siteUrl(profile: Profile): string {
  const url = profile.shop.url.trim().replace(/\/+$/, '');
  if (!url) throw new ConfigError(msg('shop.urlMissing'), `profile ${profile.name}`, 'shop.url');
  return url.replace(/\/wp-json(\/.*)?$/, '');
}

function baseOptions(profile: Profile, baseUrl: string, extra: Partial<HttpClientOptions> | undefined): HttpClientOptions {
  const o = { ...httpOptionsFromProfile(profile, baseUrl), ...extra };
  if (profile.http.caFile) {
    try {
      o.caPem = fs.readFileSync(profile.http.caFile, 'utf8');
    } catch (err) {
      throw new ConfigError(msg('shop.caUnreadable', { file: profile.http.caFile, reason: (err as Error).message }), `profile ${profile.name}`, 'http.caFile');
    }
  }
  return o;
}

export function openShop(profile: Profile, opts: OpenShopOptions): ShopPort {
  switch (profile.shop.kind) {
    case 'woocommerce': {
      const site = siteUrl(profile);
      if (!profile.shop.key || !profile.shop.secret) {
        throw new ConfigError(msg('shop.wooKeysRequired'), `profile ${profile.name}`, profile.shop.key ? 'shop.secret' : 'shop.key');
      }
      const api = new HttpClient({
        ...baseOptions(profile, `${site}/wp-json/wc/v3/`, opts.http),
        auth: wooCommerceAuth({ url: site, consumerKey: profile.shop.key, consumerSecret: profile.shop.secret, queryString: profile.http.alternative.requests, siteAuth: profile.http.basicAuth.enabled }),
      });
      const media = profile.shop.mediaUser && profile.shop.mediaPassword
        ? new HttpClient({ ...baseOptions(profile, `${site}/wp-json/wp/v2/`, opts.http), auth: basicAuth(profile.shop.mediaUser, profile.shop.mediaPassword) })
        : null;
      const state = opts.state;
      return new WooShop({
        profile, siteUrl: site, api, media, warn: opts.warn,
        mediaCache: {
          get: (sha) => {
            const b = state.binding(profile.name, MEDIA_KIND, sha);
            return b ? Number(b.shopId) : undefined;
          },
          set: (sha, id) => state.saveBinding(profile.name, MEDIA_KIND, sha, String(id), null),
        },
      });
    }
    case 'none':
      throw new ConfigError(msg('shop.noShop'), `profile ${profile.name}`, 'shop.kind');
    default:
      throw new ConfigError(
        msg('shop.kindNotSupported', { kind: profile.shop.kind }),
        `profile ${profile.name}`, 'shop.kind',
      );
  }
}

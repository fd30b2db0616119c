/**
 * Profile -> HttpClientOptions: the `http` and `proxy` sections (PRF-06, PRF-08). The adapter adds
 * its API auth (`auth`) and, if it wants, concurrency, hooks and defaultQuery.
 *
 * Not mapped: http.method (meaning not settled: no method override is implemented), the
 * http.alternative flags (the adapter reads them: alternative.requests picks query-string
 * credentials, see each adapter's auth.ts), and no extra CA file exists in the schema yet.
 */
import { ConfigError } from '../errors.js';
import type { Profile } from '../profile/schema.js';
import type { HttpClientOptions } from './http-client.js';
import { msg } from '../i18n/catalogue.js';

export function httpOptionsFromProfile(profile: Pick<Profile, 'http' | 'proxy'>, baseUrl: string): HttpClientOptions {
  const { http, proxy } = profile;
  const options: HttpClientOptions = {
    baseUrl,
    timeoutMs: http.timeoutSeconds * 1000,
    delayMs: http.delayMs,
    maxTries: http.maxTries,
    userAgent: http.userAgent.trim() || 'Passerelle',
    tlsMin: http.tlsMin,
  };
  if (http.basicAuth.enabled) {
    if (http.basicAuth.user === '') {
      throw new ConfigError(
        msg('http.basicAuthNoUser'), 'profile', 'http.basicAuth.user',
      );
    }
    options.siteAuth = { user: http.basicAuth.user, password: http.basicAuth.password };
  }
  if (proxy.enabled) {
    if (proxy.host.trim() === '') {
      throw new ConfigError(msg('http.proxyNoHost'), 'profile', 'proxy.host');
    }
    options.proxy = { host: proxy.host.trim(), port: proxy.port };
    if (proxy.user !== '') {
      options.proxy.user = proxy.user;
      options.proxy.password = proxy.password;
    }
  }
  return options;
}

import { describe, expect, it } from 'vitest';
import { httpOptionsFromProfile } from '../../src/http/from-profile.js';
import { profileSchema } from '../../src/profile/schema.js';
import { ConfigError } from '../../src/errors.js';

const base = { name: 'p1', gescom: { kind: 'embedded', db: '/tmp/x.db' } };

describe('httpOptionsFromProfile', () => {
  it('maps the defaults', () => {
    const o = httpOptionsFromProfile(profileSchema.parse(base), 'https://shop.test/wp-json/wc/v3/');
    expect(o).toEqual({
      baseUrl: 'https://shop.test/wp-json/wc/v3/', timeoutMs: 30_000, delayMs: 25, maxTries: 3, userAgent: 'Passerelle', tlsMin: 'TLSv1.2',
    });
  });

  it('maps timeouts, basic auth of a protected directory and the proxy', () => {
    const p = profileSchema.parse({
      ...base,
      http: { timeoutSeconds: 12, delayMs: 0, maxTries: 1, userAgent: 'Mozilla/5.0', tlsMin: 'TLSv1.3', basicAuth: { enabled: true, user: 'dir', password: 'pw' } },
      proxy: { enabled: true, host: 'proxy.lan', port: 3128, user: 'pu', password: 'pp' },
    });
    const o = httpOptionsFromProfile(p, 'https://shop.test/');
    expect(o).toMatchObject({
      timeoutMs: 12_000, delayMs: 0, maxTries: 1, userAgent: 'Mozilla/5.0', tlsMin: 'TLSv1.3',
      siteAuth: { user: 'dir', password: 'pw' },
      proxy: { host: 'proxy.lan', port: 3128, user: 'pu', password: 'pp' },
    });
  });

  it('ignores disabled sections and refuses enabled ones without their key value', () => {
    const off = profileSchema.parse({ ...base, http: { basicAuth: { user: 'dir' } }, proxy: { host: 'proxy.lan' } });
    const o = httpOptionsFromProfile(off, 'https://shop.test/');
    expect(o.siteAuth).toBeUndefined();
    expect(o.proxy).toBeUndefined();
    const noHost = profileSchema.parse({ ...base, proxy: { enabled: true } });
    expect(() => httpOptionsFromProfile(noHost, 'https://shop.test/')).toThrow(ConfigError);
    const noUser = profileSchema.parse({ ...base, http: { basicAuth: { enabled: true } } });
    try {
      httpOptionsFromProfile(noUser, 'https://shop.test/');
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).field).toBe('http.basicAuth.user');
    }
  });
});

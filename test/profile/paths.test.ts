/** Path options: made absolute against the CLI's folder, refused relative through the API. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, errorMessage } from '../../src/errors.js';
import { getOptionInfo } from '../../src/profile/options.js';
import { absoluteOptionValue, PATH_OPTIONS, requireAbsolutePaths, withAbsolutePaths } from '../../src/profile/paths.js';

const BASE = path.resolve('/srv/shop');

describe('path options', () => {
  it('are real profile options', () => {
    for (const key of PATH_OPTIONS) expect(getOptionInfo(key).key).toBe(key);
  });

  const cases: [string, string, string][] = [
    ['gescom.db', 'company.db', path.join(BASE, 'company.db')],
    ['gescom.db', '../data/company.db', path.resolve(BASE, '../data/company.db')],
    ['gescom.db', path.resolve('/abs/company.db'), path.resolve('/abs/company.db')],
    ['gescom.db', ':memory:', ':memory:'],
    ['http.caFile', 'ca.pem', path.join(BASE, 'ca.pem')],
    ['http.caFile', '', ''],
    ['articles.images.folder', 'images', path.join(BASE, 'images')],
    ['articles.documents.folder', 'docs', path.join(BASE, 'docs')],
    ['http.timeoutSeconds', '45', '45'],
    ['orders.accountPrefix', 'WEB', 'WEB'],
  ];
  it.each(cases)('%s = %s -> %s', (key, value, expected) => {
    expect(absoluteOptionValue(key, value, BASE)).toBe(expected);
  });

  it('withAbsolutePaths makes every path of a partial profile absolute, leaving the rest', () => {
    const doc = { name: 'p', gescom: { kind: 'embedded', db: 'company.db' }, shop: { kind: 'woocommerce' }, http: { caFile: 'ca.pem', timeoutSeconds: 40 } };
    expect(withAbsolutePaths(doc, BASE)).toEqual({
      name: 'p', gescom: { kind: 'embedded', db: path.join(BASE, 'company.db') }, shop: { kind: 'woocommerce' },
      http: { caFile: path.join(BASE, 'ca.pem'), timeoutSeconds: 40 },
    });
    expect(doc.gescom.db).toBe('company.db'); // a copy, the input untouched
  });

  it('requireAbsolutePaths refuses a relative path naming the option; with `before`, only a changed one', () => {
    let err: unknown;
    try {
      requireAbsolutePaths({ gescom: { db: 'company.db' } }, 'profile p');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).field).toBe('gescom.db');
    expect(errorMessage(err, 'en')).toBe('gescom.db: relative path "company.db" refused, the service cannot tell which folder it starts from: give an absolute path');
    expect(() => requireAbsolutePaths({ gescom: { db: path.resolve('/abs/c.db') } }, 'profile p')).not.toThrow();
    const old = { gescom: { db: 'old-relative.db' }, http: { caFile: '' } };
    expect(() => requireAbsolutePaths({ ...old, http: { caFile: path.resolve('/ca.pem') } }, 'profile p', old)).not.toThrow();
    expect(() => requireAbsolutePaths({ ...old, http: { caFile: 'ca.pem' } }, 'profile p', old)).toThrow(ConfigError);
  });
});

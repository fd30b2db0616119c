/**
 * The tracking link options of the way back (orderStatus.trackingUrls, orderStatus.defaultTrackingUrl):
 * what `options set` and a stored profile accept, and what they refuse, naming the field: a template
 * without {number}, not an http(s) URL, a carrier listed twice (names compared ignoring case).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setCurrentLang } from '../../src/i18n/catalogue.js';
import { getOptionInfo, ProfileValidationError, setOption, validateProfile } from '../../src/profile/options.js';
import type { Profile } from '../../src/profile/schema.js';
import { configError } from '../support/assertions.js';

beforeAll(() => setCurrentLang('en'));
afterAll(() => setCurrentLang('fr'));

const minimal = (): Profile => validateProfile({ name: 'Suivi', gescom: { kind: 'embedded', db: 'societe-exemple.db' } });
const COLISSIMO = 'https://www.laposte.fr/outils/suivre-vos-envois?code={number}';

function rejection(fn: () => unknown): ProfileValidationError {
  const err = configError(fn);
  expect(err).toBeInstanceOf(ProfileValidationError);
  return err as ProfileValidationError;
}

describe('tracking link options', () => {
  test('defaults: no template, no link', () => {
    const p = minimal();
    expect(p.orderStatus.trackingUrls).toEqual([]);
    expect(p.orderStatus.defaultTrackingUrl).toBe('');
    // Labelled in French and English; the accepted values said.
    const info = getOptionInfo('orderStatus.trackingUrls');
    expect(info.description.fr).toMatch(/^Lien de suivi du colis par transporteur/);
    expect(info.description.en).toMatch(/^Parcel tracking link per carrier/);
    expect(info.itemFields).toEqual(['carrier', 'url']);
    expect(getOptionInfo('orderStatus.defaultTrackingUrl').expected).toBe('an http(s) URL holding {number} (the tracking number), or empty');
  });

  test('accepted: templates per carrier and a default', () => {
    let p = setOption(minimal(), 'orderStatus.trackingUrls', JSON.stringify([
      { carrier: 'Colissimo', url: COLISSIMO }, { carrier: 'DPD', url: 'https://trace.dpd.fr/fr/trace/{number}' },
    ]));
    p = setOption(p, 'orderStatus.defaultTrackingUrl', 'https://suivi.example.fr/?n={number}');
    expect(p.orderStatus.trackingUrls.map((r) => r.carrier)).toEqual(['Colissimo', 'DPD']);
    expect(p.orderStatus.defaultTrackingUrl).toBe('https://suivi.example.fr/?n={number}');
    // Emptied again: no link.
    expect(setOption(p, 'orderStatus.defaultTrackingUrl', '').orderStatus.defaultTrackingUrl).toBe('');
  });

  test.each<[string, string, string, RegExp]>([
    ['orderStatus.defaultTrackingUrl', 'https://suivi.example.fr/', 'orderStatus.defaultTrackingUrl', /^orderStatus\.defaultTrackingUrl: expected an http\(s\) URL holding \{number\}.*got "https:\/\/suivi\.example\.fr\/"$/],
    ['orderStatus.defaultTrackingUrl', 'suivi.example.fr/?n={number}', 'orderStatus.defaultTrackingUrl', /^orderStatus\.defaultTrackingUrl: expected an http\(s\) URL holding \{number\}/],
    ['orderStatus.trackingUrls', JSON.stringify([{ carrier: 'Colissimo', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=' }]),
      'orderStatus.trackingUrls.0.url', /^orderStatus\.trackingUrls\.0\.url: expected an http\(s\) URL holding \{number\}/],
    ['orderStatus.trackingUrls', JSON.stringify([{ carrier: 'DPD', url: 'ftp://trace.dpd.fr/{number}' }]),
      'orderStatus.trackingUrls.0.url', /^orderStatus\.trackingUrls\.0\.url: expected an http\(s\) URL/],
    ['orderStatus.trackingUrls', JSON.stringify([{ carrier: 'Colissimo', url: COLISSIMO }, { carrier: ' COLISSIMO', url: COLISSIMO }]),
      'orderStatus.trackingUrls.1.carrier', /^orderStatus\.trackingUrls\.1\.carrier: carrier  COLISSIMO already has a URL template/],
    ['orderStatus.trackingUrls', JSON.stringify([{ carrier: '', url: COLISSIMO }]), 'orderStatus.trackingUrls.0.carrier', /^orderStatus\.trackingUrls\.0\.carrier: /],
  ])('%s = %s refused at %s', (key, raw, path, message) => {
    const err = rejection(() => setOption(minimal(), key, raw));
    expect(err.issues[0]?.path).toBe(path);
    expect(err.message).toMatch(message);
  });

  test('a stored profile with a bad template is refused naming the field, in French too', () => {
    const input = { name: 'Suivi', gescom: { kind: 'embedded', db: 'x.db' }, orderStatus: { trackingUrls: [{ carrier: 'GLS', url: 'https://gls-group.eu/track' }] } };
    setCurrentLang('fr');
    try {
      const err = rejection(() => validateProfile(input));
      expect(err.message).toMatch(/^orderStatus\.trackingUrls\.0\.url : attendu : une URL http\(s\) contenant \{number\}/);
    } finally {
      setCurrentLang('en');
    }
  });
});

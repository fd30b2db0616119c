/**
 * Parcel tracking links (CMD-13, src/sync/orders/tracking-url.ts), table-driven: which template a
 * carrier takes (case and spaces ignored, the default for an empty or unmapped carrier, none
 * without a template or a number), the number URL-encoded, the templates the profile refuses, and
 * the note line that carries the link.
 */
import { describe, expect, test } from 'vitest';
import { isTrackingUrlTemplate, trackingLine, trackingUrl, type TrackingUrlTemplates } from '../../src/sync/orders/tracking-url.js';

const COLISSIMO = 'https://www.laposte.fr/outils/suivre-vos-envois?code={number}';
const DPD = 'https://trace.dpd.fr/fr/trace/{number}';
const DEFAULT = 'https://suivi.example.fr/colis?n={number}&src=boutique';

const withDefault: TrackingUrlTemplates = {
  trackingUrls: [{ carrier: 'Colissimo', url: COLISSIMO }, { carrier: 'DPD  France', url: DPD }],
  defaultTrackingUrl: DEFAULT,
};
const noDefault: TrackingUrlTemplates = { ...withDefault, defaultTrackingUrl: '' };

describe('trackingUrl: the carrier’s template, else the default, the number encoded', () => {
  test.each<[string, TrackingUrlTemplates, string | null, string | null, string | undefined]>([
    ['mapped carrier', withDefault, 'Colissimo', '6A12345678901', 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901'],
    ['carrier in another case', withDefault, 'COLISSIMO', '6A12345678901', 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901'],
    ['carrier with spaces around and inside', withDefault, '  dpd france ', '250077700123', 'https://trace.dpd.fr/fr/trace/250077700123'],
    ['unmapped carrier: the default', withDefault, 'UPS', '1Z999AA10123456784', 'https://suivi.example.fr/colis?n=1Z999AA10123456784&src=boutique'],
    ['empty carrier: the default', withDefault, '', 'XY1', 'https://suivi.example.fr/colis?n=XY1&src=boutique'],
    ['no carrier: the default', withDefault, null, 'XY1', 'https://suivi.example.fr/colis?n=XY1&src=boutique'],
    ['unmapped carrier, no default: none', noDefault, 'UPS', '1Z999AA10123456784', undefined],
    ['no carrier, no default: none', noDefault, null, 'XY1', undefined],
    ['no number: none', withDefault, 'Colissimo', null, undefined],
    ['blank number: none', withDefault, 'Colissimo', '   ', undefined],
    ['number trimmed', withDefault, 'Colissimo', ' 6A1 ', 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A1'],
    ['number URL-encoded (space, slash, &, #, +, é)', withDefault, 'Colissimo', 'AB 12/34&x=1#+é',
      'https://www.laposte.fr/outils/suivre-vos-envois?code=AB%2012%2F34%26x%3D1%23%2B%C3%A9'],
    ['every {number} of the template', { trackingUrls: [], defaultTrackingUrl: 'https://t.example/{number}?again={number}' }, null, 'A/1',
      'https://t.example/A%2F1?again=A%2F1'],
  ])('%s', (_what, templates, carrier, number, expected) => {
    expect(trackingUrl(templates, carrier, number)).toBe(expected);
  });
});

describe('isTrackingUrlTemplate: what the profile accepts', () => {
  test.each<[string, boolean]>([
    [COLISSIMO, true],
    [DPD, true],
    ['http://tracking.example.com/{number}', true],
    ['https://{number}.track.example.com/', true],
    // Refused: no {number}, not http(s), not a URL at all.
    ['https://www.laposte.fr/outils/suivre-vos-envois', false],
    ['https://www.laposte.fr/outils/suivre-vos-envois?code={numero}', false],
    ['ftp://tracking.example.com/{number}', false],
    ['javascript:alert({number})', false],
    ['www.laposte.fr/suivi?code={number}', false],
    ['{number}', false],
    ['', false],
  ])('%j -> %s', (template, ok) => expect(isTrackingUrlTemplate(template)).toBe(ok));
});

describe('trackingLine: the note line with the number, the carrier and the link', () => {
  test.each<[string, Parameters<typeof trackingLine>[0], 'fr' | 'en', string]>([
    ['number, carrier and link', { trackingNumber: '6A1', trackingCompany: 'Colissimo', trackingUrl: 'https://t.example/6A1' }, 'fr',
      'Numéro de suivi du colis : 6A1 (Colissimo), à suivre sur https://t.example/6A1'],
    ['number and link', { trackingNumber: '6A1', trackingUrl: 'https://t.example/6A1' }, 'en', 'Parcel tracking number: 6A1, track it at https://t.example/6A1'],
    ['no link: the line of before', { trackingNumber: '6A1', trackingCompany: 'Colissimo' }, 'fr', 'Numéro de suivi du colis : 6A1 (Colissimo)'],
    ['no number: nothing', { trackingCompany: 'Colissimo', trackingUrl: 'https://t.example/' }, 'fr', ''],
  ])('%s', (_what, o, lang, expected) => expect(trackingLine(o, lang)).toBe(expected));
});

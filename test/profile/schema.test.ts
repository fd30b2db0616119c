import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { errorMessage } from '../../src/errors.js';
import { setCurrentLang } from '../../src/i18n/catalogue.js';
import {
  MASK, ProfileValidationError, UnknownOptionError, getOption, getOptionInfo, listOptions, listSections, maskSecrets,
  secretKeys, setOption, validateProfile,
} from '../../src/profile/options.js';
import { profileSchema, type Profile } from '../../src/profile/schema.js';

// The assertions below read the English messages; the French ones are checked at the end.
beforeAll(() => setCurrentLang('en'));
afterAll(() => setCurrentLang('fr'));

const MINIMAL = { name: 'Sage 50c', gescom: { kind: 'embedded', db: 'societe-exemple.db' } } as const;
const minimal = (): Profile => validateProfile(structuredClone(MINIMAL));

/** Runs `fn`, expecting a ProfileValidationError, and returns it. */
function rejection(fn: () => unknown): ProfileValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileValidationError);
    return err as ProfileValidationError;
  }
  throw new Error('expected a ProfileValidationError, nothing was thrown');
}

describe('minimal profile defaults (PRF-02)', () => {
  it('parses with the schema alone', () => {
    const p = profileSchema.parse(MINIMAL);
    expect(p.http.timeoutSeconds).toBe(30);
    expect(p.orders.lines.useDivers).toBe(true);
  });

  it.each([
    ['name', 'Sage 50c'],
    ['gescom.user', ''],
    ['gescom.password', ''],
    ['shop.kind', 'none'],
    ['shop.url', ''],
    ['shop.oasis.ftp.port', 21],
    ['shop.oasis.ftp.inFolder', 'in'],
    ['general.language', 'fr'],
    ['general.timezone', 'Europe/Paris'],
    ['general.pricePrecision', 2],
    ['http.method', 'POST'],
    ['http.tlsMin', 'TLSv1.2'],
    ['http.timeoutSeconds', 30],
    ['http.delayMs', 25],
    ['http.maxTries', 3],
    ['http.basicAuth.enabled', false],
    ['proxy.enabled', false],
    ['smtp.port', 587],
    ['schedule.tasks', []],
    ['journal.filesKept', 10],
    ['articles.categories.source', 'categories'],
    ['articles.texts.description', 'descriptionRtf'],
    ['articles.filters.publishableOnly', true],
    ['articles.filters.lastTransferDate', null],
    ['articles.documents.extensions', ['.pdf']],
    ['articles.variations.shopMasterField', 'custom.reference_maitre'],
    ['stock.kind', 'real'],
    ['stock.weight', 'net'],
    ['stock.sendNegative', false],
    ['prices.precision', 2],
    ['prices.base', 'HT'],
    ['customers.contacts.skipWithoutEmail', true],
    ['customers.skipDormant', true],
    ['orders.referenceTemplate', 'Web %OI - %CF %CL'],
    ['orders.remarkTemplate', ''],
    ['orders.lines.priceMode', 'auto'],
    ['formatVersion', 5],
    ['orders.customerReferenceTemplate', '%OI'],
    ['orders.payments.labelTemplate', '%CF %CL - %OI'],
    ['orders.accountMode', 'perCustomer'],
    ['orders.accountPrefix', 'WEB'],
    ['orders.accountLength', 9],
    ['orders.accountingAccountPrefix', '411W'],
    ['orders.accountingAccountLength', 10],
    ['orders.statusMapping', []],
    ['orders.shippingAs', 'footer'],
    ['orders.specialArticles.shipping', 'ZPORT'],
    ['orders.specialArticles.discount', 'ZREMISE'],
    ['orders.specialArticles.gap', 'ZECART'],
    ['orders.mappings.documentAddress.invoice', 'shopShipping'],
    ['orders.grouping.mode', 'none'],
    ['orders.taxes.compound', true],
    ['orderStatus.notifyCustomer', false],
    ['invoices.enabled', false],
  ])('%s defaults to %j', (key, value) => {
    expect(getOption(minimal(), key)).toEqual(value);
  });

  it('fills every option with the default listOptions reports', () => {
    const p = minimal();
    for (const o of listOptions().filter((x) => !x.required)) {
      expect(getOption(p, o.key), o.key).toEqual(o.default);
    }
  });

  it('is a fixed point: validating a valid profile changes nothing', () => {
    const p = minimal();
    expect(validateProfile(p)).toEqual(p);
  });
});

describe('setOption coerces command-line strings', () => {
  it.each<[string, string, unknown]>([
    ['http.timeoutSeconds', '45', 45],
    ['http.delayMs', ' 0 ', 0],
    ['general.pricePrecision', '3', 3],
    ['orders.validation.validate', 'oui', true],
    ['orders.validation.validate', 'NON', false],
    ['orders.validation.validate', 'true', true],
    ['orders.validation.validate', 'false', false],
    ['stock.kind', 'available', 'available'],
    ['stock.kind', 'FORECAST', 'forecast'],
    ['general.language', 'en', 'en'],
    ['orders.accountPrefix', 'CLI', 'CLI'],
    ['orders.referenceTemplate', 'Order %OR - %CC', 'Order %OR - %CC'],
    ['stock.depots', 'DEP1, DEP2,', ['DEP1', 'DEP2']],
    ['stock.depots', '', []],
    ['articles.documents.extensions', '.pdf, .docx', ['.pdf', '.docx']],
    ['articles.filters.lastTransferDate', '2019-01-22', '2019-01-22'],
    ['articles.filters.lastTransferDate', '22/01/2019', '2019-01-22'],
    ['articles.filters.lastTransferDate', '2026-07-07T10:00:00Z', '2026-07-07T10:00:00Z'],
    ['articles.filters.lastTransferDate', '', null],
    ['shop.woocommerce.key', 'ck_123', 'ck_123'],
    ['shop.url', 'https://prestashop.example.com/', 'https://prestashop.example.com/'],
    ['orders.statusMapping', '[{"status":"2","documentType":"invoice"}]', [{ status: '2', documentType: 'invoice' }]],
    ['orders.mappings.payments', '[{"method":"AMAZON","customerAccount":"WEBAMAZON"}]', [{
      method: 'AMAZON', currency: '', paymentMode: '', bankJournal: '', customerAccount: 'WEBAMAZON',
      accountingAccount: '', createPayment: true,
    }]],
    ['schedule.tasks', '[{"id":"t15m","action":"orders.import","cron":"*/15 * * * *"}]', [{
      id: 't15m', action: 'orders.import', cron: '*/15 * * * *', everySeconds: 0, everyMinutes: 0, at: '', days: [], enabled: true, params: {},
    }]],
    ['schedule.tasks', '[{"id":"hourly","action":"products.export","everyMinutes":60,"params":{"newOnly":true}}]', [{
      id: 'hourly', action: 'products.export', cron: '', everySeconds: 0, everyMinutes: 60, at: '', days: [], enabled: true, params: { newOnly: true },
    }]],
    ['schedule.tasks', '[{"id":"night","action":"orders.import","at":"03:15","days":["mon","fri"]}]', [{
      id: 'night', action: 'orders.import', cron: '', everySeconds: 0, everyMinutes: 0, at: '03:15', days: ['mon', 'fri'], enabled: true, params: {},
    }]],
  ])('%s = %j -> %j', (key, raw, value) => {
    expect(getOption(setOption(minimal(), key, raw), key)).toEqual(value);
  });

  it('returns a new profile and leaves the given one alone', () => {
    const p = minimal();
    const q = setOption(p, 'http.timeoutSeconds', '60');
    expect(q.http.timeoutSeconds).toBe(60);
    expect(p.http.timeoutSeconds).toBe(30);
  });
});

describe('setOption rejects bad values naming the field', () => {
  it.each<[string, string, string, string | RegExp]>([
    ['orders.accountLength', 'abc', 'orders.accountLength', 'orders.accountLength: expected a whole number between 1 and 20, got "abc"'],
    ['orders.accountLength', '25', 'orders.accountLength', 'orders.accountLength: expected a whole number between 1 and 20, got 25'],
    ['orders.accountLength', '3', 'orders.accountLength', /^orders\.accountLength: .*prefix "WEB"/],
    ['http.timeoutSeconds', '2.5', 'http.timeoutSeconds', 'http.timeoutSeconds: expected a whole number between 1 and 600, got 2.5'],
    ['http.maxTries', '0', 'http.maxTries', 'http.maxTries: expected a whole number between 1 and 10, got 0'],
    ['orders.validation.validate', 'maybe', 'orders.validation.validate', 'orders.validation.validate: expected true or false (oui/non), got "maybe"'],
    ['stock.kind', 'reel', 'stock.kind', /^stock\.kind: expected one of "real", "available", .*got "reel"$/],
    ['general.timezone', 'Mars/Olympus', 'general.timezone', /^general\.timezone: expected an IANA time zone/],
    ['orders.referenceTemplate', 'Web %OI %XX', 'orders.referenceTemplate', /unknown merge field %XX/],
    ['orders.statusMapping', 'not json', 'orders.statusMapping', /^orders\.statusMapping: expected a JSON array/],
    ['orders.statusMapping', '{"status":"2"}', 'orders.statusMapping', /^orders\.statusMapping: expected a JSON array/],
    ['orders.statusMapping', '[{"status":"2","documentType":"facture"}]', 'orders.statusMapping.0.documentType',
      /^orders\.statusMapping\.0\.documentType: expected one of "quote"/],
    ['orders.statusMapping', '[{"status":"2","documentType":"invoice","typo":1}]', 'orders.statusMapping.0.typo', /unknown option/],
    ['articles.variations.attributes', JSON.stringify(Array.from({ length: 6 }, (_, i) => ({ nameField: `G${i}`, valueField: `V${i}` }))),
      'articles.variations.attributes', /at most 5 items/],
    ['articles.filters.lastTransferDate', '2026-02-30', 'articles.filters.lastTransferDate', /^articles\.filters\.lastTransferDate: expected a date/],
    ['shop.url', 'ftp://example.com', 'shop.url', /^shop\.url: expected an http\(s\) URL/],
    ['shop.bigcommerce.apiPath', 'https://api.bigcommerce.com/stores/abc123/v3/', 'shop.bigcommerce.apiPath', /remove "v3\/"/],
    ['smtp.testRecipients', 'a@example.com, nope', 'smtp.testRecipients.1', /^smtp\.testRecipients\.1: expected an e-mail address/],
    ['articles.texts.name', 'nom', 'articles.texts.name', /custom:<field name>/],
    ['schedule.tasks', '[{"id":"both","action":"orders.import","cron":"0 6 * * *","everyMinutes":5}]', 'schedule.tasks.0',
      'schedule.tasks.0: task both (orders.import): give exactly one schedule among cron, everySeconds, everyMinutes, at (given: cron, everyMinutes)'],
    ['schedule.tasks', '[{"id":"none","action":"orders.import"}]', 'schedule.tasks.0', /task none \(orders\.import\): give exactly one schedule .*given: -/],
    ['schedule.tasks', '[{"id":"late","action":"orders.import","at":"25:00"}]', 'schedule.tasks.0.at', /^schedule\.tasks\.0\.at: expected a time HH:MM/],
    ['schedule.tasks', '[{"id":"wkdays","action":"orders.import","everyMinutes":5,"days":["mon"]}]', 'schedule.tasks.0.days', /task wkdays \(orders\.import\): days need a time/],
    ['schedule.tasks', '[{"id":"baddy","action":"orders.import","at":"03:00","days":["lundi"]}]', 'schedule.tasks.0.days.0', /expected one of "mon"/],
    ['schedule.tasks', '[{"id":"X!","action":"orders.import","everySeconds":30}]', 'schedule.tasks.0.id', /4 to 16 lowercase letters or digits/],
    ['schedule.tasks', '[{"action":"orders.import","cron":"61 * * * *"}]', 'schedule.tasks.0.cron', /cron expression of 5 fields/],
    ['schedule.tasks', '[{"action":"orders.importer","everyMinutes":5}]', 'schedule.tasks.0.action', /expected one of "gescom.check"/],
    ['schedule.tasks', '[{"action":"orders.import","cron":"every day"}]', 'schedule.tasks.0.cron', /cron expression of 5 fields/],
    ['name', '.hidden', 'name', /not starting with "\."/],
  ])('%s = %j', (key, raw, path, message) => {
    const err = rejection(() => setOption(minimal(), key, raw));
    expect(err.issues[0]?.path).toBe(path);
    expect(err.field).toBe(path);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
  });
});

describe('unknown keys', () => {
  it.each([
    ['orders.acountPrefix', 'orders.accountPrefix'],
    ['http.timeout', 'http.timeoutSeconds'],
    ['htp.delayMs', 'http.delayMs'],
    ['stock.sendNegativ', 'stock.sendNegative'],
  ])('%s suggests %s', (key, suggestion) => {
    const err = rejection(() => setOption(minimal(), key, '1'));
    expect(err).toBeInstanceOf(UnknownOptionError);
    expect((err as UnknownOptionError).suggestions).toContain(suggestion);
    expect(err.message).toContain(`"${key}"`);
    expect(err.message).toContain(suggestion);
  });

  it('explains that a section is not an option', () => {
    const err = rejection(() => setOption(minimal(), 'orders', 'x'));
    expect(err.message).toMatch(/^orders: is a group of options/);
  });

  it('getOption and getOptionInfo reject unknown keys too', () => {
    expect(() => getOption(minimal(), 'orders.nope')).toThrow(UnknownOptionError);
    expect(() => getOptionInfo('nope')).toThrow(UnknownOptionError);
  });
});

describe('validateProfile', () => {
  it('names every invalid field with a dotted path', () => {
    const err = rejection(() => validateProfile({
      name: 'demo',
      gescom: { kind: 'sage', db: '' },
      http: { timeoutSeconds: 'x', retries: 3 },
      orders: { acountPrefix: 'X', lines: { priceMode: 'TTX' } },
      foo: 1,
    }));
    const byPath = Object.fromEntries(err.issues.map((i) => [i.path, i.message]));
    expect(Object.keys(byPath).sort()).toEqual([
      'foo', 'gescom.db', 'gescom.kind', 'http.retries', 'http.timeoutSeconds', 'orders.acountPrefix', 'orders.lines.priceMode',
    ]);
    expect(byPath['http.timeoutSeconds']).toBe('expected a whole number between 1 and 600, got "x"');
    expect(byPath['gescom.kind']).toBe('expected one of "embedded", "sage50c", got "sage"');
    expect(byPath['orders.acountPrefix']).toMatch(/did you mean orders\.accountPrefix/);
    expect(byPath['foo']).toBe('unknown option');
    expect(err.message).toMatch(/^7 invalid options: /);
    expect(err.message).toContain('http.timeoutSeconds: expected a whole number');
    expect(err.entity).toBe('profile demo');
  });

  it.each<[unknown, string, RegExp]>([
    [{ gescom: MINIMAL.gescom }, 'name', /^is required/],
    [{ name: 'demo' }, 'gescom', /^is required/],
    [{ name: 'x'.repeat(65), gescom: MINIMAL.gescom }, 'name', /^expected 1 to 64 letters/],
    [{ ...MINIMAL, orders: { accountingAccountPrefix: '411WEB', accountingAccountLength: 6 } }, 'orders.accountingAccountLength', /prefix "411WEB"/],
    [null, '', /expected object/],
  ])('rejects %j at %s', (input, path, message) => {
    const err = rejection(() => validateProfile(input));
    expect(err.issues[0]?.path).toBe(path);
    expect(err.issues[0]?.message).toMatch(message);
  });
});

describe('listOptions', () => {
  const options = listOptions();
  const FEATURE_ID = /^(PRF|JRN|ART|CLI|CMD|DOC|WEB|ERP)-\d{2}$/;

  it('lists each option once, with a dotted key', () => {
    expect(options.length).toBeGreaterThan(250);
    expect(new Set(options.map((o) => o.key)).size).toBe(options.length);
    expect(options.map((o) => o.key)).toEqual(expect.arrayContaining([
      'http.timeoutSeconds', 'orders.accountPrefix', 'orders.mappings.payments', 'stock.kind', 'shop.oasis.ftp.passive',
    ]));
  });

  it.each(listOptions().map((o) => [o.key, o] as const))('%s has fr and en descriptions, a default and feature ids', (_key, o) => {
    for (const text of [o.description.fr, o.description.en]) {
      expect(text.trim().length).toBeGreaterThan(2);
      expect(text).not.toContain('\n');
    }
    if (!o.required) expect(o.default).not.toBeUndefined();
    expect(o.featureIds?.length).toBeGreaterThan(0);
    for (const id of o.featureIds ?? []) expect(id).toMatch(FEATURE_ID);
    expect(o.expected.length).toBeGreaterThan(0);
    if (o.type === 'enum') expect(o.enumValues).toContain(o.default ?? o.enumValues?.[0]);
    if (o.type === 'object-list') expect(o.itemFields?.length).toBeGreaterThan(0);
  });

  it('requires only the name and the GesCom', () => {
    expect(options.filter((o) => o.required).map((o) => o.key)).toEqual(['name', 'gescom.kind', 'gescom.db']);
  });

  it.each<[string, Partial<ReturnType<typeof getOptionInfo>>]>([
    ['http.timeoutSeconds', { type: 'number', default: 30, featureIds: ['PRF-08'] }],
    ['orders.accountPrefix', { type: 'string', default: 'WEB', featureIds: ['CMD-03'] }],
    ['orders.grouping.mode', { type: 'enum', enumValues: ['none', 'anonymous', 'guest', 'all'], featureIds: ['CMD-14'] }],
    ['stock.depots', { type: 'list', default: [] }],
    ['orders.mappings.taxes', { type: 'object-list', itemFields: ['name', 'rate', 'vatCode'] }],
    ['prices.lastTransferDate', { type: 'date', default: null, nullable: true }],
    ['smtp.password', { type: 'string', secret: true, default: '' }],
  ])('%s is described as %j', (key, expected) => {
    expect(getOptionInfo(key)).toMatchObject(expected);
  });

  it('describes sections in both languages', () => {
    const sections = listSections();
    expect(sections.map((s) => s.key)).toEqual(expect.arrayContaining(['orders', 'orders.mappings', 'http.basicAuth']));
    for (const s of sections) expect(s.description.fr && s.description.en).toBeTruthy();
  });
});

describe('secrets', () => {
  it.each(['gescom.password', 'shop.woocommerce.key', 'shop.woocommerce.secret', 'smtp.password', 'proxy.password', 'http.basicAuth.password',
    'shop.bigcommerce.accessToken', 'shop.oasis.ftp.password', 'shop.prestashop.key', 'shop.woocommerce.mediaPassword'])('%s is a secret', (key) => {
    expect(secretKeys()).toContain(key);
  });

  it('only marks string options as secret', () => {
    for (const key of secretKeys()) expect(getOptionInfo(key).type).toBe('string');
    expect(secretKeys()).not.toContain('shop.url');
  });

  it('masks non-empty secrets only, without touching the original', () => {
    let p = minimal();
    p = setOption(p, 'shop.woocommerce.key', 'ck_live');
    p = setOption(p, 'smtp.password', 'hunter2');
    const masked = maskSecrets(p);
    expect(masked.shop.woocommerce.key).toBe(MASK);
    expect(masked.smtp.password).toBe(MASK);
    expect(masked.shop.woocommerce.secret).toBe('');
    expect(masked.proxy.password).toBe('');
    expect(masked.http).toEqual(p.http);
    expect(p.shop.woocommerce.key).toBe('ck_live');
    expect(JSON.stringify(masked)).not.toMatch(/ck_live|hunter2/);
  });

  it('keeps the stored secret when the masked form is sent back', () => {
    const p = setOption(minimal(), 'shop.woocommerce.secret', 'cs_live');
    expect(setOption(p, 'shop.woocommerce.secret', MASK).shop.woocommerce.secret).toBe('cs_live');
    expect(setOption(p, 'shop.woocommerce.secret', '').shop.woocommerce.secret).toBe('');
  });
});

describe('option errors in one language', () => {
  it('the same error reads in French or in English, never both', () => {
    const err = rejection(() => setOption(minimal(), 'http.timeoutSeconds', 'abc'));
    const en = errorMessage(err, 'en');
    const fr = errorMessage(err, 'fr');
    expect(en).toBe('http.timeoutSeconds: expected a whole number between 1 and 600, got "abc"');
    expect(fr).toBe('http.timeoutSeconds : attendu : un nombre entier entre 1 et 600, reçu "abc"');
  });

  it('an unknown option suggests the close keys in the chosen language', () => {
    const err = rejection(() => setOption(minimal(), 'http.timeoutSecond', '30'));
    expect(errorMessage(err, 'fr')).toBe('http.timeoutSecond : option inconnue « http.timeoutSecond » ; vouliez-vous dire http.timeoutSeconds ?');
    expect(errorMessage(err, 'en')).toBe('http.timeoutSecond: unknown option "http.timeoutSecond"; did you mean http.timeoutSeconds?');
  });

  it('schema refinements carry catalogue keys with their parameters', () => {
    const input = { ...structuredClone(MINIMAL), orders: { accountPrefix: '411WEB', accountLength: 6 } };
    const err = rejection(() => validateProfile(input));
    expect(errorMessage(err, 'fr')).toBe('orders.accountLength : attendu : une longueur supérieure aux 6 caractères du préfixe « 411WEB », reçu 6');
    expect(errorMessage(err, 'en')).toBe('orders.accountLength: expected a length greater than the 6 characters of the prefix "411WEB", got 6');
  });

  it('listOptions renders the accepted values in the language asked', () => {
    const fr = listOptions('fr').find((o) => o.key === 'general.timezone')!;
    const en = listOptions('en').find((o) => o.key === 'general.timezone')!;
    expect(fr.expected).toBe('un fuseau horaire IANA comme Europe/Paris');
    expect(en.expected).toBe('an IANA time zone such as Europe/Paris');
  });
});

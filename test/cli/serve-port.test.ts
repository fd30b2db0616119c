/** `passerelle serve --port` / PASSERELLE_PORT: which values are a port, and the one line for the others. */
import { describe, expect, it } from 'vitest';
import { listenError, parsePort } from '../../src/cli/serve.js';
import { ConfigError, errorMessage } from '../../src/errors.js';

describe('parsePort', () => {
  const accepted: [string, number][] = [['8640', 8640], ['0', 0], ['65535', 65535], [' 8081 ', 8081], ['00080', 80]];
  for (const [value, port] of accepted) it(`"${value}" -> ${port}`, () => expect(parsePort(value)).toBe(port));

  const refused = ['65536', '99999', '-1', 'abc', '', '80.5', '1e3', '0x50', '8640abc', '123456'];
  for (const value of refused) {
    it(`"${value}" refused, naming the value and where to set it`, () => {
      let err: unknown;
      try {
        parsePort(value);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).field).toBe('port');
      expect(errorMessage(err, 'fr')).toBe(`port invalide « ${value} » : nombre entier de 0 à 65535 attendu (0 : un port libre) (--port ou PASSERELLE_PORT)`);
      expect(errorMessage(err, 'en')).toBe(`invalid port "${value}": whole number 0 to 65535 expected (0: any free port) (--port or PASSERELLE_PORT)`);
    });
  }
});

describe('listenError', () => {
  const cases: [string, string | null, string][] = [
    ['EADDRINUSE', 'port', 'port 8640 on 127.0.0.1 is already in use: stop the other service or pick another port (--port or PASSERELLE_PORT)'],
    ['EACCES', 'port', 'cannot listen on 127.0.0.1:8640: EACCES (--host, --port)'],
    ['EADDRNOTAVAIL', 'host', 'cannot listen on 127.0.0.1:8640: EADDRNOTAVAIL (--host, --port)'],
  ];
  for (const [code, field, en] of cases) {
    it(`${code}: one line naming the ${field}`, () => {
      const err = listenError(Object.assign(new Error(`listen ${code}`), { code }), '127.0.0.1', 8640);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).field).toBe(field);
      expect(errorMessage(err, 'en')).toBe(en);
    });
  }

  it('any other failure is passed through unchanged', () => {
    const original = Object.assign(new Error('boom'), { code: 'EWHATEVER' });
    expect(listenError(original, '127.0.0.1', 8640)).toBe(original);
  });
});

/** ART-09: the quantity a shop receives, per stock kind, over the chosen depots. */
import { describe, expect, it } from 'vitest';
import type { StockKind, StockLevel } from '../../src/gescom/model.js';
import { shopQuantity, type StockSettings } from '../../src/sync/mapping/stock.js';
import { levelsOf } from './sample.js';

const settings = (s: Partial<StockSettings> = {}): StockSettings => ({
  depots: [], kind: 'real', defaultQuantityUntracked: 0, sendNegative: false, ...s,
});

const level = (depotCode: string, real: string, reserved = '0', ordered = '0'): StockLevel => ({ articleCode: 'X', depotCode, real, reserved, ordered });

// AR0003: depot 0001 real 120, reserved 12, ordered 48; depot 0002 real -24.
const AR0003 = levelsOf('AR0003');

describe('the five stock kinds', () => {
  it.each<{ kind: StockKind; depots: string[]; expected: number }>([
    { kind: 'real', depots: ['0001'], expected: 120 },
    { kind: 'available', depots: ['0001'], expected: 108 }, // 120 - 12
    { kind: 'forecast', depots: ['0001'], expected: 156 }, // 120 - 12 + 48
    { kind: 'realPlusCustomerOrders', depots: ['0001'], expected: 132 }, // 120 + 12
    { kind: 'forecastMinusSupplierOrders', depots: ['0001'], expected: 108 }, // 156 - 48
    // Both depots: 0002 adds -24 to every kind.
    { kind: 'real', depots: ['0001', '0002'], expected: 96 },
    { kind: 'available', depots: ['0001', '0002'], expected: 84 },
    { kind: 'forecast', depots: ['0001', '0002'], expected: 132 },
    { kind: 'realPlusCustomerOrders', depots: ['0001', '0002'], expected: 108 },
    { kind: 'forecastMinusSupplierOrders', depots: ['0001', '0002'], expected: 84 },
  ])('AR0003 $kind over $depots -> $expected', ({ kind, depots, expected }) => {
    expect(shopQuantity(AR0003, true, settings({ kind, depots }), '0001')).toBe(expected);
  });

  it.each<{ code: string; kind: StockKind; expected: number }>([
    { code: 'AR0014', kind: 'real', expected: 10 },
    { code: 'AR0014', kind: 'available', expected: 8 },
    { code: 'AR0014', kind: 'forecast', expected: 14 },
    { code: 'AR0015', kind: 'real', expected: 5 },
    { code: 'AR0016', kind: 'real', expected: 0 },
    { code: 'AR0016', kind: 'forecast', expected: 12 },
    { code: 'AR0017', kind: 'real', expected: 8 },
    { code: 'AR0017', kind: 'available', expected: 7 },
  ])('$code $kind in depot 0001 -> $expected', ({ code, kind, expected }) => {
    expect(shopQuantity(levelsOf(code), true, settings({ kind, depots: ['0001'] }), '0001')).toBe(expected);
  });
});

describe('depots', () => {
  it.each([
    { what: 'AR0001 both depots summed', code: 'AR0001', depots: ['0001', '0002'], expected: 45 },
    { what: 'AR0001 secondary depot only', code: 'AR0001', depots: ['0002'], expected: 10 },
    { what: 'AR0011 both depots summed', code: 'AR0011', depots: ['0001', '0002'], expected: 192 },
    { what: 'a depot the article has no level in', code: 'AR0002', depots: ['0002'], expected: 0 },
    { what: 'an unknown depot', code: 'AR0002', depots: ['9999'], expected: 0 },
  ])('$what -> $expected', ({ code, depots, expected }) => {
    expect(shopQuantity(levelsOf(code), true, settings({ depots }), '0001')).toBe(expected);
  });

  it.each([
    { what: 'default depot 0001', defaultDepot: '0001', expected: 35 },
    { what: 'default depot 0002', defaultDepot: '0002', expected: 10 },
    { what: 'no default depot either: every depot', defaultDepot: null, expected: 45 },
  ])('no depot configured, $what -> $expected', ({ defaultDepot, expected }) => {
    expect(shopQuantity(levelsOf('AR0001'), true, settings({ depots: [] }), defaultDepot)).toBe(expected);
  });

  it('configured depots win over the default depot', () => {
    expect(shopQuantity(levelsOf('AR0001'), true, settings({ depots: ['0002'] }), '0001')).toBe(10);
  });

  it('no level at all -> 0', () => {
    expect(shopQuantity([], true, settings({ depots: ['0001'] }), '0001')).toBe(0);
  });
});

describe('negative stock', () => {
  it.each<{ what: string; levels: StockLevel[]; depots: string[]; kind: StockKind; sendNegative: boolean; expected: number }>([
    { what: 'AR0003 depot 0002 (-24), clamped', levels: AR0003, depots: ['0002'], kind: 'real', sendNegative: false, expected: 0 },
    { what: 'AR0003 depot 0002 (-24), sent', levels: AR0003, depots: ['0002'], kind: 'real', sendNegative: true, expected: -24 },
    { what: 'available below zero, clamped', levels: [level('A', '2', '5')], depots: [], kind: 'available', sendNegative: false, expected: 0 },
    { what: 'available below zero, sent', levels: [level('A', '2', '5')], depots: [], kind: 'available', sendNegative: true, expected: -3 },
    { what: 'positive stock unchanged when sending negative', levels: AR0003, depots: ['0001'], kind: 'available', sendNegative: true, expected: 108 },
  ])('$what -> $expected', ({ levels, depots, kind, sendNegative, expected }) => {
    expect(shopQuantity(levels, true, settings({ depots, sendNegative, kind }), null)).toBe(expected);
  });

  it('a negative depot lowers the sum of the others even when clamping', () => {
    expect(shopQuantity([level('A', '10'), level('B', '-4')], true, settings({ depots: ['A', 'B'] }), null)).toBe(6);
  });
});

describe('untracked articles', () => {
  it.each([
    // 0 = stock not managed in the shop (always available), not "out of stock".
    { defaultQuantityUntracked: 0, expected: null },
    { defaultQuantityUntracked: 50, expected: 50 },
    { defaultQuantityUntracked: 1_000_000, expected: 1_000_000 },
  ])('get the default quantity $defaultQuantityUntracked whatever their levels', ({ defaultQuantityUntracked, expected }) => {
    expect(shopQuantity(AR0003, false, settings({ defaultQuantityUntracked, depots: ['0001'] }), '0001')).toBe(expected);
    expect(shopQuantity(levelsOf('AR0012'), false, settings({ defaultQuantityUntracked }), '0001')).toBe(expected);
  });
});

describe('fractional stock is rounded down (never sell what is not there)', () => {
  it.each([
    { real: '2.75', sendNegative: false, expected: 2 },
    { real: '0.999', sendNegative: false, expected: 0 },
    { real: '3.0', sendNegative: false, expected: 3 },
    { real: '0.5', sendNegative: true, expected: 0 },
    { real: '-0.5', sendNegative: false, expected: 0 },
    { real: '-0.5', sendNegative: true, expected: -1 },
    { real: '-2.25', sendNegative: true, expected: -3 },
  ])('real $real (send negative $sendNegative) -> $expected', ({ real, sendNegative, expected }) => {
    expect(shopQuantity([level('A', real)], true, settings({ sendNegative }), 'A')).toBe(expected);
  });

  it('fractions of several depots are summed before rounding', () => {
    expect(shopQuantity([level('A', '1.5'), level('B', '1.5')], true, settings({ depots: ['A', 'B'] }), null)).toBe(3);
  });
});

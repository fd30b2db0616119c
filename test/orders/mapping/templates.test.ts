import { describe, expect, test } from 'vitest';
import { applyTemplate, formatDateFr, localDay, renderTemplate } from '../../../src/sync/orders/mapping/templates.js';
import { order } from './helpers.js';

describe('CMD-06 / CMD-11 templates', () => {
  const o = order({ id: '187', number: 'R-187', createdAt: '2019-01-22T10:15:00.000Z' });

  // The manual's examples: order 187 of John DOE on 22/01/2019.
  test.each([
    ['Web %OI - %CF %CL', 'Web 187 - John DOE'],
    ['Order %OI of %OD', 'Order 187 of 22/01/2019'],
    ['%OI', '187'],
    ['%CF %CL - %OI', 'John DOE - 187'],
    ['%OR / %CE / %CI / %PM', 'R-187 / john.doe@example.com / 530 / Carte bancaire'],
    ['%CC', ''],
    ['Réf %XX %OI', 'Réf %XX 187'],
  ])('%s -> %s', (template, expected) => {
    expect(renderTemplate(template, o, 'Europe/Paris')).toBe(expected);
  });

  test('%OD is the date in the profile time zone', () => {
    const late = order({ createdAt: '2019-01-21T23:30:00.000Z' });
    expect(renderTemplate('%OD', late, 'Europe/Paris')).toBe('22/01/2019');
    expect(renderTemplate('%OD', late, 'America/New_York')).toBe('21/01/2019');
    expect(formatDateFr('2026-07-07T10:00:00.000Z', 'UTC')).toBe('07/07/2026');
    expect(localDay('2026-11-28T23:30:00.000Z', 'Europe/Paris')).toBe('2026-11-29');
  });

  test('guest: %CI empty, company from the billing address', () => {
    const g = order({ customer: { id: null, email: 'a@b.fr', firstName: 'Ann', lastName: 'Lee', company: '' }, billing: { ...o.billing, company: 'ACME' } });
    expect(renderTemplate('%CI|%CC', g, 'UTC')).toBe('|ACME');
    expect(applyTemplate('%OI-%ZZ', { '%OI': '9' })).toBe('9-%ZZ');
  });
});

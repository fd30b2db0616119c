/** The run status rule and the exit codes, as tables. */
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeOf, verdictOf, worseExitCode } from '../../src/actions/run-status.js';
import { render } from '../../src/i18n/catalogue.js';
import type { EntityCounts } from '../../src/state/state-store.js';

const c = (o: Partial<EntityCounts>): EntityCounts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, ...o });

describe('verdictOf', () => {
  it.each([
    ['nothing to do', [], false, 'succeeded', null],
    ['all went through', [c({ created: 3, unchanged: 10 })], false, 'succeeded', null],
    ['skipped items are not failures', [c({ skipped: 5 })], false, 'succeeded', null],
    ['some failed, others created', [c({ created: 2, failed: 1 })], false, 'partial', '1 en erreur, 2 sans erreur'],
    ['some failed, others unchanged (another entity)', [c({ failed: 4 }), c({ unchanged: 4868 })], false, 'partial', '4 en erreur, 4868 sans erreur'],
    ['every item handled failed', [c({ failed: 4 })], false, 'failed', 'tous les éléments traités sont en erreur (4)'],
    ['every item handled failed, others skipped on purpose', [c({ failed: 2, skipped: 3 })], false, 'failed', 'tous les éléments traités sont en erreur (2)'],
    ['a check with one failed check', [c({ unchanged: 20, failed: 1 })], true, 'failed', '1 vérification(s) en échec'],
    ['a check with every check passed', [c({ unchanged: 20 })], true, 'succeeded', null],
  ] as const)('%s', (_name, counts, check, status, reason) => {
    const v = verdictOf(counts, check);
    expect(v.status).toBe(status);
    expect(v.reason ? render(v.reason, 'fr') : null).toBe(reason);
  });

  it('says why in English too', () => {
    expect(render(verdictOf([c({ created: 2, failed: 1 })], false).reason!, 'en')).toBe('1 failed, 2 without error');
    expect(render(verdictOf([c({ failed: 1 })], true).reason!, 'en')).toBe('1 check(s) failed');
  });
});

describe('exit codes', () => {
  it.each([
    ['succeeded', 0], ['partial', 3], ['failed', 1], ['interrupted', 130], ['running', 1],
  ] as const)('%s -> %i', (status, code) => {
    expect(exitCodeOf(status)).toBe(code);
    expect(EXIT_CODES[status]).toBe(code);
  });

  it.each([
    [0, 0, 0], [0, 3, 3], [3, 0, 3], [3, 1, 1], [1, 3, 1], [1, 130, 130], [130, 0, 130], [0, 1, 1],
  ])('the worse of %i and %i is %i', (a, b, worse) => {
    expect(worseExitCode(a, b)).toBe(worse);
  });
});

/** ART-06: articles sharing a master reference -> one variable product, every combination present once. */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/gescom/model.js';
import {
  buildVariationGroup, isGroupError, masterReference, type VariationGroup, type VariationSettings,
} from '../../src/sync/mapping/variations.js';
import { articleOf, articleSeeds } from './sample.js';
import { render } from '../../src/i18n/catalogue.js';

/** The demo profile's grouping: "Référence maître" + the "Gamme 1" / "Valeur Gamme 1" pair. */
const ONE: VariationSettings = {
  enabled: true,
  masterField: 'Référence maître',
  attributes: [{ nameField: 'Gamme 1', valueField: 'Valeur Gamme 1' }],
};
const TWO: VariationSettings = {
  ...ONE,
  attributes: [...ONE.attributes, { nameField: 'Gamme 2', valueField: 'Valeur Gamme 2' }],
};

const PULLS = ['AR0014', 'AR0015', 'AR0016', 'AR0017'];

/** A pull of the sample with a colour and a size (two-attribute grid). */
function sized(code: string, colour: string, size: string): Article {
  return articleOf('AR0014', {
    code,
    name: `Pull ${colour} ${size}`,
    customFields: { 'Gamme 1': 'Couleur', 'Valeur Gamme 1': colour, 'Gamme 2': 'Taille', 'Valeur Gamme 2': size },
  });
}

function group(master: string, articles: Article[], s: VariationSettings): VariationGroup {
  const g = buildVariationGroup(master, articles, s);
  if (isGroupError(g)) throw new Error(`unexpected refusal: ${render(g.message, 'en')}`);
  return g;
}

/** The refusal with its message as an English journal shows it. */
function refusal(master: string, articles: Article[], s: VariationSettings) {
  const g = buildVariationGroup(master, articles, s);
  if (!isGroupError(g)) throw new Error('expected the group to be refused');
  return { ...g, message: render(g.message, 'en') };
}

describe('masterReference', () => {
  it.each([
    { what: 'a sample pull, grouping on', code: 'AR0014', s: ONE, expected: 'PULL' },
    { what: 'the last sample pull', code: 'AR0017', s: ONE, expected: 'PULL' },
    { what: 'a plain article (no master field value)', code: 'AR0003', s: ONE, expected: '' },
    { what: 'a pull, grouping disabled', code: 'AR0014', s: { ...ONE, enabled: false }, expected: '' },
    { what: 'a pull, no master field configured', code: 'AR0014', s: { ...ONE, masterField: '' }, expected: '' },
    { what: 'a pull, master field unknown', code: 'AR0014', s: { ...ONE, masterField: 'Modèle' }, expected: '' },
  ])('$what -> "$expected"', ({ code, s, expected }) => {
    expect(masterReference(articleOf(code), s)).toBe(expected);
  });

  it('trims the value of the master field', () => {
    expect(masterReference(articleOf('AR0014', { customFields: { 'Référence maître': '  PULL  ' } }), ONE)).toBe('PULL');
  });

  it('only the four sample pulls carry a master reference, all PULL', () => {
    const masters = articleSeeds()
      .map((s) => ({ code: s.code, master: masterReference(articleOf(s.code), ONE) }))
      .filter((x) => x.master !== '');
    expect(masters).toEqual(PULLS.map((code) => ({ code, master: 'PULL' })));
  });
});

describe('buildVariationGroup: the sample pulls', () => {
  it('AR0014..AR0017 form one group with attribute Couleur [Rouge, Vert, Jaune, Bleu]', () => {
    const g = group('PULL', PULLS.map((c) => articleOf(c)), ONE);
    expect(g.master).toBe('PULL');
    expect(g.attributes).toEqual([{ name: 'Couleur', values: ['Rouge', 'Vert', 'Jaune', 'Bleu'] }]);
    expect(g.members.map((m) => [m.article.code, m.attributes])).toEqual([
      ['AR0014', [{ name: 'Couleur', value: 'Rouge' }]],
      ['AR0015', [{ name: 'Couleur', value: 'Vert' }]],
      ['AR0016', [{ name: 'Couleur', value: 'Jaune' }]],
      ['AR0017', [{ name: 'Couleur', value: 'Bleu' }]],
    ]);
  });

  it('values keep the order of first appearance (members given in another order)', () => {
    const g = group('PULL', ['AR0017', 'AR0014', 'AR0016', 'AR0015'].map((c) => articleOf(c)), ONE);
    expect(g.attributes).toEqual([{ name: 'Couleur', values: ['Bleu', 'Rouge', 'Jaune', 'Vert'] }]);
  });

  it('a single pull is a (one-variation) group', () => {
    const g = group('PULL', [articleOf('AR0016')], ONE);
    expect(g.attributes).toEqual([{ name: 'Couleur', values: ['Jaune'] }]);
  });

  it('a second, unused pair of fields changes nothing', () => {
    const g = group('PULL', PULLS.map((c) => articleOf(c)), TWO);
    expect(g.attributes).toEqual([{ name: 'Couleur', values: ['Rouge', 'Vert', 'Jaune', 'Bleu'] }]);
  });
});

describe('buildVariationGroup: two-attribute grid (Couleur x Taille)', () => {
  const full = [
    sized('V01', 'Rouge', 'M'), sized('V02', 'Rouge', 'L'),
    sized('V03', 'Bleu', 'M'), sized('V04', 'Bleu', 'L'),
  ];

  it('a complete grid is accepted with both attributes and their values', () => {
    const g = group('GRID', full, TWO);
    expect(g.attributes).toEqual([
      { name: 'Couleur', values: ['Rouge', 'Bleu'] },
      { name: 'Taille', values: ['M', 'L'] },
    ]);
    expect(g.members.find((m) => m.article.code === 'V04')!.attributes).toEqual([
      { name: 'Couleur', value: 'Bleu' }, { name: 'Taille', value: 'L' },
    ]);
  });

  it.each([
    { missing: 'V04', combination: 'Couleur=Bleu, Taille=L' },
    { missing: 'V01', combination: 'Couleur=Rouge, Taille=M' },
    { missing: 'V02', combination: 'Couleur=Rouge, Taille=L' },
  ])('without $missing it is refused, naming $combination', ({ missing, combination }) => {
    const members = full.filter((a) => a.code !== missing);
    const e = refusal('GRID', members, TWO);
    expect(e.master).toBe('GRID');
    expect(e.codes).toEqual(members.map((a) => a.code));
    expect(e.message).toContain('missing combination');
    expect(e.message).toContain(combination);
    // Only the one missing combination is named.
    for (const other of full.filter((a) => a.code !== missing)) {
      const [c, t] = [other.customFields['Valeur Gamme 1'], other.customFields['Valeur Gamme 2']];
      expect(e.message).not.toContain(`Couleur=${c}, Taille=${t}`);
    }
  });

  it('several missing combinations are all named (up to five, then a count)', () => {
    const members = [sized('V01', 'Rouge', 'S'), sized('V02', 'Vert', 'M'), sized('V03', 'Bleu', 'L')];
    const e = refusal('GRID', members, TWO);
    // 3 x 3 grid with 3 present: 6 missing, 5 named and "(+1)".
    expect(e.message).toContain('Couleur=Rouge, Taille=M');
    expect(e.message).toContain('(+1)');
  });
});

describe('buildVariationGroup: refusals', () => {
  it('a duplicate combination is refused, naming both codes', () => {
    const twin = articleOf('AR0015', { customFields: { 'Valeur Gamme 1': 'Rouge' } });
    const e = refusal('PULL', [articleOf('AR0014'), twin, articleOf('AR0016')], ONE);
    expect(e.message).toContain('AR0014');
    expect(e.message).toContain('AR0015');
    expect(e.message).toContain('Couleur=Rouge');
    expect(e.message).toContain('same combination');
  });

  it('a duplicate in a two-attribute grid names both codes and the combination', () => {
    const e = refusal('GRID', [sized('V01', 'Rouge', 'M'), sized('V02', 'Rouge', 'M')], TWO);
    expect(e.message).toMatch(/V01 .*V02/);
    expect(e.message).toContain('Couleur=Rouge, Taille=M');
  });

  it.each([
    { what: 'another attribute name', fields: { 'Gamme 1': 'Coloris' } as Record<string, string> },
    { what: 'an empty attribute value', fields: { 'Valeur Gamme 1': '' } as Record<string, string> },
    { what: 'an empty attribute name', fields: { 'Gamme 1': '' } as Record<string, string> },
  ])('a member with $what is refused, naming it', ({ fields }) => {
    const odd = articleOf('AR0016', { customFields: fields });
    const e = refusal('PULL', [articleOf('AR0014'), articleOf('AR0015'), odd, articleOf('AR0017')], ONE);
    expect(e.codes).toEqual(PULLS);
    expect(e.message).toContain('AR0016');
    expect(e.message).toContain("instead of the group's");
  });

  it('a member with a second attribute the others lack is refused', () => {
    const odd = articleOf('AR0017', { customFields: { 'Gamme 2': 'Taille', 'Valeur Gamme 2': 'M' } });
    const e = refusal('PULL', [articleOf('AR0014'), odd], TWO);
    expect(e.message).toContain('AR0017');
  });

  it('no attribute at all is refused, naming the fields', () => {
    const bare = ['AR0014', 'AR0015'].map((c) => articleOf(c, { customFields: { 'Gamme 1': null, 'Valeur Gamme 1': null } }));
    const e = refusal('PULL', bare, ONE);
    expect(e.message).toContain('Gamme 1/Valeur Gamme 1');
    expect(e.message).toContain('no attribute set');
  });

  it('an empty member list is refused', () => {
    expect(isGroupError(buildVariationGroup('PULL', [], ONE))).toBe(true);
  });
});

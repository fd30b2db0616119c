/** ART-02: category path (parents first) from families, article categories or custom fields; extra categories. */
import { describe, expect, it } from 'vitest';
import type { Article, Family } from '../../src/gescom/model.js';
import { categoryPath, type CategorySettings, type CategoryTrees, extraCategories } from '../../src/sync/mapping/categories.js';
import { articleOf, company } from './sample.js';

const trees: CategoryTrees = {
  families: new Map(company.families.map((f) => [f.code, f])),
  categories: new Map(company.articleCategories.map((c) => [c.code, c])),
};

const settings = (s: Partial<CategorySettings>): CategorySettings => ({
  source: 'families', customFields: [], extraField: '', extraFindBy: 'name', ...s,
});

describe('categoryPath: families', () => {
  it.each([
    { code: 'AR0002', names: ['Desserts et friandises', 'Chocolats'], keys: ['family:FA0002', 'family:FA0003'] },
    { code: 'AR0003', names: ['Desserts et friandises'], keys: ['family:FA0002'] },
    { code: 'AR0001', names: ['Épicerie fine', 'Boissons'], keys: ['family:FA0001', 'family:FA0006'] },
    { code: 'AR0014', names: ['Vêtements'], keys: ['family:FA0004'] },
    { code: 'AR0013', names: ['Arts de la table'], keys: ['family:FA0005'] },
  ])('$code -> $names', ({ code, names, keys }) => {
    expect(categoryPath(articleOf(code), settings({ source: 'families' }), trees)).toEqual({ names, keys });
  });

  it('an article whose family is FA0003 "Chocolats" gets its parent FA0002 first', () => {
    const a = articleOf('AR0003', { familyCode: 'FA0003' });
    expect(categoryPath(a, settings({}), trees)?.names).toEqual(['Desserts et friandises', 'Chocolats']);
  });

  it.each([
    { what: 'no family', familyCode: null },
    { what: 'an unknown family', familyCode: 'FA9999' },
  ])('$what -> null', ({ familyCode }) => {
    expect(categoryPath(articleOf('AR0003', { familyCode }), settings({}), trees)).toBeNull();
  });

  it('a missing parent ends the path at the last known family', () => {
    const families = new Map<string, Family>([['X2', { code: 'X2', name: 'Enfant', parentCode: 'GONE' }]]);
    const path = categoryPath(articleOf('AR0003', { familyCode: 'X2' }), settings({}), { ...trees, families });
    expect(path).toEqual({ names: ['Enfant'], keys: ['family:X2'] });
  });

  it('a cycle in the parents stops instead of looping', () => {
    const families = new Map<string, Family>([
      ['A', { code: 'A', name: 'A', parentCode: 'B' }],
      ['B', { code: 'B', name: 'B', parentCode: 'A' }],
    ]);
    const path = categoryPath(articleOf('AR0003', { familyCode: 'A' }), settings({}), { ...trees, families });
    expect(path).toEqual({ names: ['B', 'A'], keys: ['family:B', 'family:A'] });
  });

  it('a three-level tree is walked root first', () => {
    const families = new Map<string, Family>([
      ['R', { code: 'R', name: 'Racine', parentCode: null }],
      ['M', { code: 'M', name: 'Milieu', parentCode: 'R' }],
      ['F', { code: 'F', name: 'Feuille', parentCode: 'M' }],
    ]);
    expect(categoryPath(articleOf('AR0003', { familyCode: 'F' }), settings({}), { ...trees, families })?.names)
      .toEqual(['Racine', 'Milieu', 'Feuille']);
  });
});

describe('categoryPath: article categories', () => {
  it.each([
    { code: 'AR0002', names: ['Alimentaire', 'Chocolats'], keys: ['category:CAT01', 'category:CAT02'] },
    { code: 'AR0001', names: ['Alimentaire'], keys: ['category:CAT01'] },
    { code: 'AR0014', names: ['Textile'], keys: ['category:CAT03'] },
  ])('$code -> $names', ({ code, names, keys }) => {
    expect(categoryPath(articleOf(code), settings({ source: 'categories' }), trees)).toEqual({ names, keys });
  });

  it('no article category -> null', () => {
    expect(categoryPath(articleOf('AR0002', { categoryCode: null }), settings({ source: 'categories' }), trees)).toBeNull();
  });
});

describe('categoryPath: custom fields (levels 1..6)', () => {
  const fields = (values: (string | null)[]): Article =>
    articleOf('AR0004', { customFields: Object.fromEntries(values.map((v, i) => [`Niveau ${i + 1}`, v])) });
  const levels = (n: number) => Array.from({ length: n }, (_, i) => `Niveau ${i + 1}`);

  it.each([
    { what: 'AR0014 Catalogue 1/2', article: articleOf('AR0014'), customFields: ['Catalogue 1', 'Catalogue 2'],
      names: ['Vêtements', 'Pulls'], keys: ['fields:Vêtements', 'fields:Vêtements/Pulls'] },
    { what: 'AR0002 Catalogue 1/2', article: articleOf('AR0002'), customFields: ['Catalogue 1', 'Catalogue 2'],
      names: ['Desserts et friandises', 'Chocolats'], keys: ['fields:Desserts et friandises', 'fields:Desserts et friandises/Chocolats'] },
    { what: 'only level 1 configured', article: articleOf('AR0014'), customFields: ['Catalogue 1'],
      names: ['Vêtements'], keys: ['fields:Vêtements'] },
    { what: 'an empty level 2 stops the path (level 3 ignored)', article: fields(['A', '', 'C']), customFields: levels(3),
      names: ['A'], keys: ['fields:A'] },
    { what: 'a missing level 2 stops the path', article: fields(['A', null, 'C']), customFields: levels(3),
      names: ['A'], keys: ['fields:A'] },
    { what: 'a blank (spaces) level stops the path', article: fields(['A', 'B', '   ', 'D']), customFields: levels(4),
      names: ['A', 'B'], keys: ['fields:A', 'fields:A/B'] },
    { what: 'values are trimmed', article: fields([' A ', ' B']), customFields: levels(2),
      names: ['A', 'B'], keys: ['fields:A', 'fields:A/B'] },
    { what: 'six levels', article: fields(['1', '2', '3', '4', '5', '6']), customFields: levels(6),
      names: ['1', '2', '3', '4', '5', '6'], keys: ['fields:1', 'fields:1/2', 'fields:1/2/3', 'fields:1/2/3/4', 'fields:1/2/3/4/5', 'fields:1/2/3/4/5/6'] },
    { what: 'a seventh level is ignored', article: fields(['1', '2', '3', '4', '5', '6', '7']), customFields: levels(7),
      names: ['1', '2', '3', '4', '5', '6'], keys: ['fields:1', 'fields:1/2', 'fields:1/2/3', 'fields:1/2/3/4', 'fields:1/2/3/4/5', 'fields:1/2/3/4/5/6'] },
  ])('$what', ({ article, customFields, names, keys }) => {
    expect(categoryPath(article, settings({ source: 'customFields', customFields }), trees)).toEqual({ names, keys });
  });

  it.each([
    { what: 'empty first level', article: fields(['', 'B']), customFields: levels(2) },
    { what: 'no level configured', article: articleOf('AR0014'), customFields: [] },
    { what: 'article without the fields', article: articleOf('AR0004'), customFields: ['Catalogue 1', 'Catalogue 2'] },
  ])('$what -> null', ({ article, customFields }) => {
    expect(categoryPath(article, settings({ source: 'customFields', customFields }), trees)).toBeNull();
  });
});

describe('categoryPath: source none', () => {
  it.each(['AR0002', 'AR0003', 'AR0014'])('%s -> null', (code) => {
    expect(categoryPath(articleOf(code), settings({ source: 'none', customFields: ['Catalogue 1'] }), trees)).toBeNull();
  });
});

describe('extraCategories', () => {
  it.each([
    { what: 'AR0003, by name', code: 'AR0003', s: { extraField: 'Catégories supplémentaires' },
      expected: [{ by: 'name', value: 'Idées cadeaux' }, { by: 'name', value: 'Meilleures ventes' }] },
    { what: 'AR0003, field given as custom:<name>', code: 'AR0003', s: { extraField: 'custom:Catégories supplémentaires' },
      expected: [{ by: 'name', value: 'Idées cadeaux' }, { by: 'name', value: 'Meilleures ventes' }] },
    { what: 'AR0009, one category', code: 'AR0009', s: { extraField: 'Catégories supplémentaires' },
      expected: [{ by: 'name', value: 'Idées cadeaux' }] },
    { what: 'AR0003, by id', code: 'AR0003', s: { extraField: 'Catégories supplémentaires', extraFindBy: 'id' as const },
      expected: [{ by: 'id', value: 'Idées cadeaux' }, { by: 'id', value: 'Meilleures ventes' }] },
    { what: 'no extra field configured', code: 'AR0003', s: { extraField: '' }, expected: [] },
    { what: 'article without the field', code: 'AR0004', s: { extraField: 'Catégories supplémentaires' }, expected: [] },
  ])('$what', ({ code, s, expected }) => {
    expect(extraCategories(articleOf(code), settings(s))).toEqual(expected);
  });

  it.each([
    { raw: '12,15', by: 'id' as const, expected: ['12', '15'] },
    { raw: ' 12 , 15 ,, ', by: 'id' as const, expected: ['12', '15'] },
    { raw: ',', by: 'id' as const, expected: [] },
    { raw: 'Noël,Fête des mères', by: 'name' as const, expected: ['Noël', 'Fête des mères'] },
  ])('"$raw" by $by -> $expected', ({ raw, by, expected }) => {
    const a = articleOf('AR0004', { customFields: { Extra: raw } });
    expect(extraCategories(a, settings({ extraField: 'Extra', extraFindBy: by }))).toEqual(expected.map((value) => ({ by, value })));
  });

  it('a numeric custom value is read as text', () => {
    const a = articleOf('AR0004', { customFields: { Extra: 42 } });
    expect(extraCategories(a, settings({ extraField: 'Extra', extraFindBy: 'id' }))).toEqual([{ by: 'id', value: '42' }]);
  });
});

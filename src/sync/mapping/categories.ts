/**
 * ART-02: an article's shop category path, parents first, from its family, its
 * article category or up to six custom fields; and its extra categories.
 */
import type { Article, ArticleCategory, Family } from '../../gescom/model.js';
import type { CategoryPath } from '../drafts.js';
import { customValue } from './article-fields.js';

export interface CategorySettings {
  source: 'none' | 'families' | 'categories' | 'customFields';
  customFields: string[];
  extraField: string;
  extraFindBy: 'name' | 'id';
}

type Tree = { code: string; name: string; parentCode: string | null };

/** Walks up a family/category tree; a cycle or a missing parent stops the walk rather than looping. */
function pathInTree(code: string | null, nodes: Map<string, Tree>, prefix: string): CategoryPath | null {
  if (!code) return null;
  const names: string[] = [];
  const keys: string[] = [];
  const seen = new Set<string>();
  let cur = nodes.get(code);
  while (cur && !seen.has(cur.code)) {
    seen.add(cur.code);
    names.unshift(cur.name);
    keys.unshift(`${prefix}:${cur.code}`);
    cur = cur.parentCode ? nodes.get(cur.parentCode) : undefined;
  }
  return names.length ? { names, keys } : null;
}

export interface CategoryTrees {
  families: Map<string, Family>;
  categories: Map<string, ArticleCategory>;
}

export function categoryPath(article: Article, s: CategorySettings, trees: CategoryTrees): CategoryPath | null {
  switch (s.source) {
    case 'none':
      return null;
    case 'families':
      return pathInTree(article.familyCode, trees.families, 'family');
    case 'categories':
      return pathInTree(article.categoryCode, trees.categories, 'category');
    case 'customFields': {
      // "Champ catégorie 1..6": each level's value; an empty level ends the path.
      const names: string[] = [];
      for (const field of s.customFields.slice(0, 6)) {
        const v = customValue(article, field);
        if (!v) break;
        names.push(v);
      }
      if (!names.length) return null;
      return { names, keys: names.map((_, i) => `fields:${names.slice(0, i + 1).join('/')}`) };
    }
  }
}

/** "Catégories supplémentaires": comma-separated names or shop ids in one field. */
export function extraCategories(article: Article, s: CategorySettings): { by: 'name' | 'id'; value: string }[] {
  if (!s.extraField) return [];
  const raw = s.extraField.startsWith('custom:') ? customValue(article, s.extraField.slice(7)) : customValue(article, s.extraField);
  return raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((value) => ({ by: s.extraFindBy, value }));
}

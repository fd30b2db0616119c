/** ART-03: the value of a profile-named article field ("name", "notes", "custom:Matière", "" = unused). */
import type { Article } from '../../gescom/model.js';

export function articleFieldValue(article: Article, field: string): string {
  if (field === '') return '';
  if (field.startsWith('custom:')) {
    const v = article.customFields[field.slice('custom:'.length)];
    return v === null || v === undefined ? '' : String(v);
  }
  const v = (article as unknown as Record<string, unknown>)[field];
  return v === null || v === undefined ? '' : String(v);
}

/** A custom field's value, trimmed; '' when missing. Field names are the GesCom's own ("Couleur"). */
export function customValue(article: Article, name: string): string {
  const v = article.customFields[name];
  return v === null || v === undefined ? '' : String(v).trim();
}

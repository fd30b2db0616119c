/**
 * Display labels of stable tokens: a run's status is stored and sent as JSON as an
 * English token (`succeeded`, `failed`…) that scripts rely on; people read it in
 * their language.
 */
import { isMessageKey, tr, type Lang, type MessageKey } from './catalogue.js';

/** "Réussie" / "Succeeded" for `succeeded`; a token without a label (a newer status) is shown as it is. */
export function runStatusLabel(status: string, lang?: Lang): string {
  const key = `run.status.${status}`;
  return isMessageKey(key) ? tr(key, {}, lang) : status;
}

/** A run record with its status label added for display (`statusLabel`); the `status` token is unchanged. */
export function withStatusLabel<T extends { status: string; message?: string | null }>(run: T, lang?: Lang): T & { statusLabel: string } {
  return { ...run, statusLabel: runStatusLabel(run.status, lang), ...(run.message !== undefined ? { message: runMessageLabel(run.message, lang) } : {}) };
}

/**
 * A run's message for display: the state store records a run ended by a dead process
 * with a catalogue key (it has no language of its own); other messages were written
 * in the profile's language by the run itself.
 */
export function runMessageLabel(message: string | null, lang?: Lang): string | null {
  return message !== null && isMessageKey(message) ? tr(message, {}, lang) : message;
}

/** English first words of an entity, longest first, and their catalogue label. */
const ENTITY_KINDS: [string, MessageKey][] = ([
  ['data folder', 'entity.dataFolder'], ['profile', 'entity.profile'], ['article', 'entity.article'], ['customer', 'entity.customer'],
  ['document', 'entity.document'], ['order', 'entity.order'], ['file', 'entity.file'], ['settings', 'entity.settings'],
  ['state', 'entity.state'], ['payment', 'entity.payment'], ['depot', 'entity.depot'], ['backup', 'entity.backup'],
  ['shop', 'entity.shop'], ['category', 'entity.category'], ['variation', 'entity.variation'],
] as [string, MessageKey][]).sort((a, b) => b[0].length - a[0].length);

/** "profile demo" -> "profil demo" in French: the kind word translated, the name kept. Other entities are shown as they are. */
export function entityLabel(entity: string, lang?: Lang): string {
  for (const [word, key] of ENTITY_KINDS) {
    if (entity === word || entity.startsWith(`${word} `)) return tr(key, {}, lang) + entity.slice(word.length);
  }
  return entity;
}

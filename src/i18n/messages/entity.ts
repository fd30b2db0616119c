/**
 * The kind of thing an error is about, as the first word(s) of its entity
 * ("profile demo", "data folder"): code names it in English, people read it in
 * their language (src/i18n/labels.ts `entityLabel`).
 */
import type { MessageTable } from '../message-table.js';

export const entityMessages = {
  'entity.profile': { fr: 'profil', en: 'profile' },
  'entity.article': { fr: 'article', en: 'article' },
  'entity.customer': { fr: 'client', en: 'customer' },
  'entity.document': { fr: 'pièce', en: 'document' },
  'entity.order': { fr: 'commande', en: 'order' },
  'entity.file': { fr: 'fichier', en: 'file' },
  'entity.settings': { fr: 'réglages', en: 'settings' },
  'entity.dataFolder': { fr: 'dossier de données', en: 'data folder' },
  'entity.state': { fr: "base d'état", en: 'state' },
  'entity.payment': { fr: 'règlement', en: 'payment' },
  'entity.depot': { fr: 'dépôt', en: 'depot' },
  'entity.backup': { fr: 'sauvegarde', en: 'backup' },
  'entity.shop': { fr: 'boutique', en: 'shop' },
  'entity.category': { fr: 'catégorie', en: 'category' },
  'entity.variation': { fr: 'variation', en: 'variation' },
} as const satisfies MessageTable;

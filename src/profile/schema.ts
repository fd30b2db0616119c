/**
 * The profile document (PRF-01, PRF-02): every option of the product, with its default and a
 * one-line description in French and English carried as zod metadata (`.meta({ fr, en })`).
 * `src/profile/options.ts` walks this schema to list, read, set and validate options; the CLI and
 * the UI show the same descriptions. Every option has a default, so a profile needs only its name
 * and its GesCom; sections use `.prefault({})` because zod 4 returns a `.default()` value without
 * parsing it, which would leave the nested defaults out.
 *
 * Conventions: an empty string means "not configured" (the engine then uses the GesCom's or the
 * shop's own default, or skips the feature with a journal line); dates are ISO 8601 strings or
 * null for "never"; mappings are arrays of objects.
 */
import { randomBytes } from 'node:crypto';
import { Cron } from 'croner';
import { z } from 'zod';
import type { DocumentType, StockKind } from '../gescom/model.js';
import { msg } from '../i18n/catalogue.js';
import { SHOP_KINDS, SHOP_OPTION_SCHEMAS, type ShopKind } from '../shops/kinds.js';
import { carrierKey, isTrackingUrlTemplate } from '../sync/orders/tracking-url.js';
import {
  bool, date, describe, email, emailString, int, isTimeZone, list, objectList, oneOf, secret, section, text, url, type Extra,
} from './option-helpers.js';

export type { OptionMeta } from './option-helpers.js';
export { SHOP_KINDS, type ShopKind };

// ---------------------------------------------------------------------------------------------
// Value lists shared with the rest of the code base.

export const GESCOM_KINDS = ['embedded', 'sage50c'] as const;
export type GescomKind = (typeof GESCOM_KINDS)[number];

export const DOCUMENT_TYPE_VALUES = ['quote', 'order', 'deliveryPrep', 'deliveryNote', 'invoice'] as const;
export const STOCK_KIND_VALUES = [
  'real', 'available', 'forecast', 'realPlusCustomerOrders', 'forecastMinusSupplierOrders',
] as const;

// Compile-time guard: these tuples must stay equal to the GesCom model's unions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const documentTypesMatch: Same<(typeof DOCUMENT_TYPE_VALUES)[number], DocumentType> = true;
const stockKindsMatch: Same<(typeof STOCK_KIND_VALUES)[number], StockKind> = true;
void documentTypesMatch;
void stockKindsMatch;

/**
 * Actions a scheduled task can run (PRF-10), named as in the action registry (ActionDef.name);
 * a new action needs its name added here to be schedulable. Variants ("new only", a period) go in
 * the task's params.
 */
export const PROFILE_ACTIONS = [
  'gescom.check', 'shop.check', 'products.export', 'products.prices', 'products.stocks', 'products.status', 'categories.export',
  'customers.export', 'customers.groups', 'customers.disable', 'prospects.import', 'orders.import', 'orders.load-xml', 'orders.repair', 'orders.status',
  'invoices.send',
] as const;
export type ProfileAction = (typeof PROFILE_ACTIONS)[number];

/** Merge fields of the document templates (CMD-06, CMD-11), e.g. 'Web %OI - %CF %CL' -> 'Web 187 - John DOE'. */
export const MERGE_FIELDS = {
  '%OI': { fr: 'Identifiant de la commande dans la boutique', en: 'Shop order id' },
  '%OR': { fr: 'Référence / numéro affiché de la commande', en: 'Shop order reference / display number' },
  '%OD': { fr: 'Date de la commande (jj/mm/aaaa)', en: 'Order date (dd/mm/yyyy)' },
  '%CF': { fr: 'Prénom du client', en: 'Customer first name' },
  '%CL': { fr: 'Nom du client', en: 'Customer last name' },
  '%CC': { fr: 'Société du client', en: 'Customer company' },
  '%CE': { fr: 'E-mail du client', en: 'Customer e-mail' },
  '%CI': { fr: 'Identifiant du client dans la boutique', en: 'Shop customer id' },
  '%PM': { fr: 'Mode de paiement de la commande', en: 'Order payment method' },
} as const;

/** Standard article fields a shop text can come from (ART-03); custom fields are written 'custom:<name>'. */
export const ARTICLE_TEXT_FIELDS = [
  'code', 'name', 'description', 'descriptionRtf', 'notes', 'brand', 'barcode', 'unit', 'supplierRef',
] as const;


const MERGE_FIELD_TOKEN = /%[A-Z]{2}/g;

function template(def: string, fr: string, en: string, extra?: Extra) {
  const schema = z.string().max(255).superRefine((v, ctx) => {
    const unknown = [...v.matchAll(MERGE_FIELD_TOKEN)].map((m) => m[0]).filter((t) => !(t in MERGE_FIELDS));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        input: v,
        message: 'options.err.mergeField',
        params: { fields: [...new Set(unknown)].join(', '), known: Object.keys(MERGE_FIELDS).join(', ') },
      });
    }
  });
  return describe(schema.default(def), fr, en,
    { expected: msg('options.exp.template', { fields: Object.keys(MERGE_FIELDS).join(' ') }), ...extra });
}

/** '' (unused), a standard article field, or 'custom:<custom field name>'. */
function articleField(def: string, fr: string, en: string, extra?: Extra) {
  const standard: readonly string[] = ARTICLE_TEXT_FIELDS;
  const schema = z.string().max(255).superRefine((v, ctx) => {
    if (v === '' || standard.includes(v) || /^custom:.+/.test(v)) return;
    ctx.addIssue({ code: 'custom', input: v, message: 'options.err.articleField', params: { fields: ARTICLE_TEXT_FIELDS.join(', ') } });
  });
  return describe(schema.default(def), fr, en,
    { expected: msg('options.exp.articleField', { fields: ARTICLE_TEXT_FIELDS.join(', ') }), ...extra });
}

/** A parcel tracking URL template of the way back: an http(s) URL with {number} (src/sync/orders/tracking-url.ts). */
const trackingUrlTemplate = z.string().max(2048).refine(isTrackingUrlTemplate, { error: 'options.err.trackingUrl' });
const decimalRate = z.string().regex(/^\d{1,3}(?:\.\d{1,4})?$/, { error: 'options.err.rate' });
const required = z.string().min(1).max(255);
const CRON_FIELD = /^[\d*/,\-A-Za-z?LW#]+$/;
/** HH:MM, 00:00 to 23:59. */
export const DIGEST_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

// ---------------------------------------------------------------------------------------------
// Sections.

const gescomSection = describe(z.strictObject({
  kind: describe(z.enum(GESCOM_KINDS), 'Logiciel de gestion commerciale du profil', 'GesCom software of the profile'),
  db: describe(z.string().min(1).max(1024),
    'Fichier SQLite (intégrée) ou dossier de la base Sage 50c',
    'SQLite file (embedded) or Sage 50c database folder'),
  user: text('', 'Utilisateur de la base de gestion commerciale', 'GesCom database user'),
  password: secret('Mot de passe de la base de gestion commerciale', 'GesCom database password'),
}), 'Gestion commerciale', 'GesCom', { featureIds: ['PRF-01', 'ERP-01'] });

/**
 * The shop: what every platform shares (kind, url, identity), then each platform's own options
 * under its kind (`shop.woocommerce.key`, `shop.prestashop.shopId`…), the schema its adapter
 * declares in src/shops/<kind>/options.ts. Sub-sections rather than a union on the kind: the
 * option walker, `profile set/show`, secret encryption and the UI keep working on plain dotted keys,
 * and a merchant who switches kind keeps the other platform's keys. Only the selected kind's
 * credentials are required, when the shop is opened (src/shops/open-shop.ts).
 */
const shopSection = section({
  kind: oneOf(SHOP_KINDS, 'none', 'Type de boutique connectée au profil', 'Kind of shop connected to the profile'),
  url: url('URL de la boutique (URL du tableau de bord pour Wix)', 'Shop URL (dashboard URL for Wix)'),
  identity: text('', "Identité de la boutique (fixée à la création du profil) : clé des commandes importées avec leur numéro",
    "Shop identity (fixed when the profile is created): key of imported orders with their id", { featureIds: ['CMD-01'] }, 512),
  ...SHOP_OPTION_SCHEMAS,
}, 'Boutique', 'Shop', ['PRF-01', 'WEB-01']);

const generalSection = section({
  language: oneOf(['fr', 'en'], 'fr', 'Langue du journal et des messages', 'Language of the journal and messages',
    { featureIds: ['PRF-05'] }),
  timezone: describe(z.string().refine(isTimeZone, { error: 'options.err.timezone' })
    .default('Europe/Paris'), 'Fuseau horaire des dates affichées et des périodes', 'Time zone of displayed dates and periods',
  { expected: msg('options.exp.timezone') }),
  pricePrecision: int(2, 0, 6, 'Décimales des montants calculés par le connecteur',
    'Decimals of amounts the connector computes (roundings)'),
}, 'Général', 'General', ['PRF-02']);

const httpSection = section({
  method: oneOf(['POST', 'GET'], 'POST', 'Méthode HTTP des requêtes vers la boutique', 'HTTP method of requests to the shop'),
  tlsMin: oneOf(['TLSv1.2', 'TLSv1.3'], 'TLSv1.2', 'Version minimale de TLS', 'Minimum TLS version'),
  userAgent: text('Passerelle', 'User agent envoyé à la boutique', 'User agent sent to the shop'),
  timeoutSeconds: int(30, 1, 600, "Délai d'attente d'une requête, en secondes", 'Request timeout, in seconds'),
  delayMs: int(25, 0, 60000, 'Délai entre deux requêtes, en millisecondes', 'Delay between two requests, in milliseconds'),
  maxTries: int(3, 1, 10, "Nombre maximum d'essais d'une requête", 'Maximum tries of one request'),
  caFile: text('', "Certificat d'autorité supplémentaire (PEM) pour une boutique à certificat privé",
    'Extra certificate authority (PEM file) for a shop with a private certificate', undefined, 1024),
  basicAuth: section({
    enabled: bool(false, "Utiliser l'authentification HTTP", 'Use HTTP basic authentication'),
    user: text('', "Utilisateur de l'authentification HTTP", 'HTTP authentication user'),
    password: secret("Mot de passe de l'authentification HTTP", 'HTTP authentication password'),
  }, 'Authentification HTTP', 'HTTP authentication'),
  alternative: section({
    requests: bool(false, "Méthode alternative des requêtes (identifiants dans l'URL si l'hébergeur retire l'en-tête)",
      'Alternative request method (credentials in the query string when the host strips the header)'),
    download: bool(false, "Méthode alternative pour télécharger les fichiers (via l'API plutôt que l'URL directe)",
      'Alternative download method (through the API instead of the direct URL)'),
    upload: bool(false, 'Méthode alternative pour envoyer les fichiers (base64 dans le JSON)',
      'Alternative upload method (base64 inside the JSON body)'),
  }, 'Méthodes alternatives', 'Alternative methods'),
}, 'Options HTTP', 'HTTP options', ['PRF-08']);

const proxySection = section({
  enabled: bool(false, 'Utiliser un serveur proxy', 'Use a proxy server'),
  host: text('', 'Hôte du proxy', 'Proxy host'),
  port: int(8080, 1, 65535, 'Port du proxy', 'Proxy port'),
  user: text('', 'Utilisateur du proxy', 'Proxy user'),
  password: secret('Mot de passe du proxy', 'Proxy password'),
}, 'Proxy', 'Proxy', ['PRF-06']);

const smtpSection = section({
  host: text('', 'Serveur SMTP', 'SMTP server host'),
  port: int(587, 1, 65535, 'Port SMTP (465 ou 587 en général)', 'SMTP port (usually 465 or 587)'),
  user: text('', 'Utilisateur SMTP', 'SMTP user'),
  password: secret('Mot de passe SMTP', 'SMTP password'),
  ssl: bool(false, 'Utiliser SSL (connexion chiffrée dès le début, port 465)', 'Use SSL (encrypted from the start, port 465)'),
  tls: bool(true, 'Utiliser TLS (STARTTLS)', 'Use TLS (STARTTLS)'),
  fqdn: text('', 'Nom de domaine complet annoncé au serveur (FQDN)', 'Fully qualified domain name announced to the server'),
  from: email("Adresse de l'expéditeur des e-mails", 'Sender address of the e-mails'),
  testRecipients: list([], 'Destinataires de l\'e-mail de test', 'Recipients of the test e-mail', { item: emailString, maxItems: 20 }),
  allowSelfSigned: bool(false, 'Accepter le certificat du serveur SMTP même auto-signé ou non vérifiable',
    "Accept the SMTP server's certificate even when self-signed or unverifiable"),
}, 'SMTP', 'SMTP', ['PRF-07']);

const notificationSection = section({
  enabled: bool(false, 'Envoyer le résultat des traitements par e-mail', 'E-mail the result of runs'),
  recipients: list([], 'Destinataires des notifications', 'Notification recipients', { item: emailString, maxItems: 20 }),
  when: oneOf(['errors', 'always', 'digest'], 'errors',
    'Quand notifier : en cas d\'erreur (partielle, en échec, interrompue), après chaque exécution, ou un récapitulatif quotidien',
    'When to notify: on errors (partial, failed, interrupted), after each run, or a daily digest'),
  digestAt: describe(z.string().regex(DIGEST_TIME, { error: 'notify.err.digestAt' }).default('18:00'),
    'Heure du récapitulatif quotidien (HH:MM, fuseau horaire du profil)', 'Time of the daily digest (HH:MM, in the profile\'s time zone)',
    { expected: msg('notify.exp.digestAt') }),
  language: oneOf(['', 'fr', 'en'], '', 'Langue des e-mails (vide : celle du profil)', 'Language of the e-mails (empty: the profile\'s)'),
  attachJournal: bool(false, 'Joindre le journal du traitement', 'Attach the run journal'),
}, 'Notification par e-mail', 'E-mail notification', ['PRF-07']);

/** Days a weekly task can run on (`days`), Monday first as in France. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const TASK_ID = /^[a-z0-9]{4,16}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A new task id: short, random, kept by the task forever (the scheduler's state is keyed on it). */
export function newTaskId(): string {
  return randomBytes(4).toString('hex');
}

/** Whether croner reads the expression (5 fields, or 6 with seconds first). */
function isCron(v: string): boolean {
  const fields = v.trim().split(/\s+/);
  if (!(fields.length === 5 || fields.length === 6) || !fields.every((f) => CRON_FIELD.test(f))) return false;
  try {
    new Cron(v.trim());
    return true;
  } catch {
    return false;
  }
}

/**
 * One scheduled task (PRF-10): an action with its params and exactly one schedule, read in the
 * profile's time zone: every N seconds (`everySeconds`), every N minutes (`everyMinutes`), daily at
 * a time (`at`), on some days of the week at a time (`days` + `at`), or a cron expression.
 */
const scheduleTask = z.strictObject({
  id: z.string().regex(TASK_ID, { error: 'schedule.err.id' }).default(newTaskId),
  action: z.enum(PROFILE_ACTIONS),
  cron: z.string().max(100).default('').refine((v) => v === '' || isCron(v), { error: 'options.err.cron' }),
  everySeconds: z.number().int().min(0).max(86400).default(0),
  everyMinutes: z.number().int().min(0).max(10080).default(0),
  at: z.string().default('').refine((v) => v === '' || HH_MM.test(v), { error: 'schedule.err.at' }),
  days: z.array(z.enum(WEEKDAYS)).max(7).default([]),
  enabled: z.boolean().default(true),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
}).superRefine((t, ctx) => {
  const task = `${t.id} (${t.action})`;
  const given = [t.cron !== '' && 'cron', t.everySeconds > 0 && 'everySeconds', t.everyMinutes > 0 && 'everyMinutes', t.at !== '' && 'at']
    .filter((x): x is string => typeof x === 'string');
  if (given.length !== 1) {
    ctx.addIssue({ code: 'custom', input: undefined, message: 'schedule.err.oneSchedule', params: { task, given: given.join(', ') || '-' } });
  }
  if (t.days.length > 0 && t.at === '') {
    ctx.addIssue({ code: 'custom', path: ['days'], input: t.days, message: 'schedule.err.daysNeedAt', params: { task } });
  }
});

const scheduleSection = section({
  enabled: bool(true, 'Exécuter les tâches planifiées de ce profil', "Run this profile's scheduled tasks"),
  tasks: describe(z.array(scheduleTask).max(100).superRefine((tasks, ctx) => {
    // The scheduler's state and the commands find a task by its id: two tasks cannot share one.
    const seen = new Set<string>();
    tasks.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], input: t.id, message: 'schedule.err.idTaken', params: { task: t.id } });
      seen.add(t.id);
    });
  }).default([]),
    'Tâches planifiées : identifiant, action, paramètres, active, et toutes les N secondes ou minutes, chaque jour à HH:MM, certains jours à HH:MM ou cron',
    'Scheduled tasks: id, action, params, enabled, and every N seconds or minutes, daily at HH:MM, some days at HH:MM, or cron'),
}, 'Tâches planifiées', 'Scheduled tasks', ['PRF-10']);

/**
 * Order webhooks (the shop tells the service at once; the scheduled import stays the safety net
 * for lost deliveries). Set by `passerelle webhooks register`, which generates the secret.
 */
const webhooksSection = section({
  enabled: bool(false, "Recevoir les commandes par webhook (la boutique prévient le service dès qu'une commande arrive)",
    'Receive orders by webhook (the shop tells the service as soon as an order arrives)'),
  publicUrl: url("Adresse publique du service, jointe par la boutique (ex. https://passerelle.example.fr) ; vide : import planifié seul",
    'Public address of the service, reached by the shop (e.g. https://passerelle.example.fr); empty: scheduled import only'),
  secret: secret('Secret des signatures des webhooks (généré par « webhooks register »)',
    'Secret of the webhook signatures (generated by "webhooks register")'),
  checkEveryMinutes: int(15, 1, 1440, "Intervalle de vérification des webhooks de la boutique (réactivés s'ils sont désactivés ou absents), en minutes",
    "How often the shop's webhooks are checked (registered again when disabled or missing), in minutes"),
}, 'Webhooks des commandes', 'Order webhooks', ['PRF-10', 'CMD-01']);

const journalSection = section({
  maxFileSizeMb: int(10, 1, 1024, 'Taille maximale du fichier journal avant rotation, en Mo',
    'Maximum journal file size before rotation, in MB'),
  filesKept: int(10, 1, 1000, 'Nombre de fichiers journaux conservés', 'Number of journal files kept'),
  retentionDays: int(90, 0, 36500, "Durée de conservation de l'historique des exécutions et des lignes du journal, en jours (0 = sans limite)",
    'How long run history and journal lines are kept, in days (0 = forever)'),
}, 'Journal', 'Journal', ['JRN-02']);

// --- Articles (ART) ---------------------------------------------------------------------------

const articlesSection = section({
  enabled: bool(true, 'Créer et modifier les articles dans la boutique', 'Create and update products in the shop',
    { featureIds: ['ART-01'] }),
  categories: section({
    source: oneOf(['none', 'families', 'categories', 'customFields'], 'categories',
      'Source des catégories : aucune, familles, catégories ou champs des articles',
      'Category source: none, families, article categories or article fields'),
    customFields: list([], 'Champs catégorie 1 à 6 (du parent vers l\'enfant)', 'Category fields 1 to 6 (parent to child)',
      { maxItems: 6 }),
    extraField: text('', 'Champ des catégories supplémentaires (valeurs séparées par des virgules)',
      'Field of extra categories (comma-separated values)'),
    extraFindBy: oneOf(['name', 'id'], 'name', 'Trouver les catégories supplémentaires par nom ou par id',
      'Find extra categories by name or by id'),
    updateNames: bool(false, 'Modifier le nom et le slug des catégories existantes', 'Update name and slug of existing categories'),
  }, 'Catégories', 'Categories', ['ART-02']),
  texts: section({
    name: articleField('name', 'Champ du nom de l\'article', 'Field of the product name'),
    description: articleField('descriptionRtf', 'Champ de la description', 'Field of the description'),
    shortDescription: articleField('notes', 'Champ du résumé (description courte)', 'Field of the short description'),
    metaTitle: articleField('', 'Champ de la balise méta titre', 'Field of the meta title'),
    metaDescription: articleField('', 'Champ de la balise méta description', 'Field of the meta description'),
    metaKeywords: articleField('', 'Champ des mots-clés méta', 'Field of the meta keywords'),
    slug: articleField('', "Champ de l'URL simplifiée (slug)", 'Field of the URL slug'),
    rtfToHtml: bool(true, 'Convertir les textes RTF en HTML', 'Convert RTF texts to HTML'),
  }, 'Textes des articles', 'Product texts', ['ART-03']),
  taxes: section({
    mapping: objectList({ vatCode: required, shopTaxClass: required },
      'Code TVA de la gestion commerciale -> classe/règle de taxe de la boutique',
      'GesCom VAT code -> shop tax class/rule'),
    defaultTaxClass: text('', 'Classe de taxe par défaut de la boutique', 'Default shop tax class'),
    applyDefaultToAll: bool(false, 'Appliquer la taxe par défaut à tous les articles', 'Apply the default tax class to every product'),
    noVat: bool(false, "La boutique ne facture pas de TVA (franchise en base) : pas de refus d'un article sans classe de taxe",
      'The shop charges no VAT (French "franchise en base"): an article with no tax class is not refused'),
  }, 'TVA des articles', 'Product taxes', ['ART-04']),
  filters: section({
    publishableOnly: bool(true, "Ne lire que les articles « Publiable sur le Web »", "Read only 'published on the web' articles"),
    changedSinceLastTransfer: bool(false, 'Ne lire que les articles créés ou modifiés depuis le dernier transfert',
      'Read only articles created or changed since the last transfer'),
    lastTransferDate: date('Date du dernier transfert des articles (mise à jour à chaque export)',
      'Date of the last product transfer (updated after each export)'),
  }, 'Filtre des articles', 'Product filters', ['ART-05']),
  variations: section({
    enabled: bool(false, 'Regrouper les articles en déclinaisons/variations', 'Group articles into products with variations'),
    masterField: text('', 'Champ de la référence maître', 'Master reference field'),
    attributes: objectList({ nameField: required, valueField: required },
      "Jusqu'à 5 couples champ nom d'attribut / champ valeur d'attribut",
      'Up to 5 pairs of attribute name field / attribute value field', 5),
    updateMaster: bool(true, 'Mettre à jour le produit maître avec ses variations', 'Update the master product with its variations',
      { featureIds: ['ART-15'] }),
    copyImageToMaster: bool(true, "Copier l'image d'une variation si le produit maître n'en a pas",
      'Copy a variation image when the master product has none', { featureIds: ['ART-15'] }),
    imagesOnParent: bool(false, 'Associer les images au produit parent (Shopify)', 'Attach images to the parent product (Shopify)',
      { featureIds: ['WEB-03'] }),
    shopMasterField: text('custom.reference_maitre', 'Champ méta Shopify de la référence maître',
      'Shopify metafield holding the master reference', { featureIds: ['WEB-03'] }),
  }, 'Déclinaisons / variations', 'Variations', ['ART-06']),
  images: section({
    enabled: bool(true, 'Créer les images des articles', 'Send product images'),
    fromArticle: bool(true, "Envoyer l'image de la fiche article", 'Send the image of the article record'),
    fromDocuments: bool(false, "Envoyer les images (.jpg, .png) des documents de l'article", "Send the images (.jpg, .png) among the article's documents"),
    fromFolder: bool(false, 'Envoyer les images du dossier images (REF.jpg, REF_01.jpg…)', 'Send images from the images folder (REF.jpg, REF_01.jpg…)'),
    folder: text('', 'Dossier des images', 'Images folder', undefined, 1024),
    subfolderPerReference: bool(false, "Chercher les images dans un sous-dossier nommé d'après la référence",
      'Look for images in a sub-folder named after the reference'),
    deleteBeforeSend: bool(false, "Supprimer toutes les images de l'article avant d'envoyer les nouvelles",
      'Delete all product images before sending the new ones'),
  }, 'Images', 'Images', ['ART-07']),
  documents: section({
    enabled: bool(false, 'Créer les documents des articles', 'Send product documents'),
    extensions: list(['.pdf'], 'Extensions des documents envoyés (ex. .pdf, .docx)', 'Extensions of documents sent (e.g. .pdf, .docx)',
      { item: z.string().regex(/^\.[A-Za-z0-9]{1,10}$/, { error: 'options.err.extension' }), maxItems: 50 }),
    fromFolder: bool(false, 'Envoyer les documents du dossier documents', 'Send documents from the documents folder'),
    folder: text('', 'Dossier des documents', 'Documents folder', undefined, 1024),
    searchMethod: oneOf(['fileName', 'subfolder', 'contains'], 'fileName',
      'Recherche dans le dossier : nom = référence, sous-dossier = référence, nom contenant la référence',
      'Folder search: file named after the reference, sub-folder named after it, or name containing it'),
    bySupplierRef: bool(false, 'Chercher aussi les documents par la référence fournisseur', 'Also look documents up by supplier reference'),
    deleteBeforeSend: bool(false, "Supprimer les documents de l'article avant d'envoyer les nouveaux",
      'Delete product documents before sending the new ones'),
  }, 'Documents', 'Documents', ['ART-08']),
  features: section({
    enabled: bool(false, 'Créer les caractéristiques à partir des champs personnalisés', 'Create shop features from custom fields'),
    mapping: objectList({ customField: required, shopFeature: required },
      'Champ personnalisé -> caractéristique de la boutique', 'Custom field -> shop feature'),
  }, 'Caractéristiques', 'Features', ['ART-11']),
  dimensions: section({
    widthField: text('', 'Champ personnalisé numérique de la largeur', 'Numeric custom field of the width'),
    heightField: text('', 'Champ personnalisé numérique de la hauteur', 'Numeric custom field of the height'),
    depthField: text('', 'Champ personnalisé numérique de la profondeur', 'Numeric custom field of the depth'),
  }, "Dimensions de l'article", 'Product dimensions', ['ART-11']),
  activation: section({
    disableUnpublished: bool(true, "Désactiver les produits dont l'article n'est plus publiable", 'Disable products whose article is no longer published'),
    disableDormant: bool(true, 'Désactiver les produits des articles en sommeil', 'Disable products of dormant articles'),
    enableWhenPublished: bool(true, 'Réactiver les produits des articles à nouveau publiables', 'Re-enable products of articles published again'),
  }, 'Activation des articles', 'Product activation', ['ART-12']),
  brand: section({
    send: bool(true, 'Envoyer la marque (fabricant)', 'Send the brand (manufacturer)'),
    shopAttribute: text('', 'Attribut recevant la marque (WooCommerce)', 'Attribute receiving the brand (WooCommerce)', { featureIds: ['WEB-02'] }),
    createMissing: bool(false, "Créer la marque si elle n'existe pas (Perfect Brands)", 'Create the brand when missing (Perfect Brands)', { featureIds: ['WEB-02'] }),
  }, 'Marque', 'Brand', ['ART-13']),
  supplier: section({
    send: bool(true, 'Envoyer le fournisseur principal', 'Send the main supplier'),
    shopAttribute: text('', 'Attribut recevant le fournisseur (WooCommerce)', 'Attribute receiving the supplier (WooCommerce)', { featureIds: ['WEB-02'] }),
  }, 'Fournisseur', 'Supplier', ['ART-13']),
  barcode: section({
    send: bool(true, 'Envoyer le code barre (EAN/UPC)', 'Send the barcode (EAN/UPC)'),
    shopAttribute: text('', 'Attribut recevant le code barre (WooCommerce)', 'Attribute receiving the barcode (WooCommerce)', { featureIds: ['WEB-02'] }),
  }, 'Code barre', 'Barcode', ['ART-13']),
  sendUnit: bool(false, "Envoyer l'unité de vente", 'Send the sales unit', { featureIds: ['ART-13'] }),
  sendPackagings: bool(false, 'Envoyer les conditionnements', 'Send packagings', { featureIds: ['ART-13'] }),
  createPacks: bool(false, 'Créer les nomenclatures en packs (si tous les composants existent)',
    'Create bills of materials as packs (when every component exists)', { featureIds: ['ART-13', 'WEB-01'] }),
  updates: section({
    name: bool(true, 'Mettre à jour le nom', 'Update the name'),
    shortDescription: bool(true, 'Mettre à jour la description courte', 'Update the short description'),
    description: bool(true, 'Mettre à jour la description', 'Update the description'),
    seo: bool(true, 'Mettre à jour les balises méta et l\'URL simplifiée', 'Update meta tags and URL slug'),
    price: bool(true, 'Mettre à jour le prix', 'Update the price'),
    specificPrices: bool(true, 'Mettre à jour les prix spécifiques', 'Update specific prices'),
    quantity: bool(true, 'Mettre à jour la quantité en stock', 'Update the stock quantity'),
    location: bool(true, "Mettre à jour l'emplacement dans le dépôt", 'Update the warehouse location'),
    availabilityDate: bool(true, 'Mettre à jour la date de disponibilité', 'Update the availability date'),
    minQuantity: bool(true, 'Mettre à jour la quantité minimale', 'Update the minimum quantity'),
    weight: bool(true, 'Mettre à jour le poids', 'Update the weight'),
    dimensions: bool(true, 'Mettre à jour largeur, hauteur et profondeur', 'Update width, height and depth'),
    barcode: bool(true, 'Mettre à jour le code EAN/UPC', 'Update the EAN/UPC code'),
    manufacturer: bool(true, 'Mettre à jour le fabricant', 'Update the manufacturer'),
    supplier: bool(true, 'Mettre à jour le fournisseur', 'Update the supplier'),
    images: bool(false, 'Remplacer les images même si elles existent', 'Replace images even when they exist'),
    relinkImages: bool(false, 'Réassocier les images dont le lien est rompu', 'Re-link images whose link is broken'),
    documents: bool(false, 'Remplacer les documents même s\'ils existent', 'Replace documents even when they exist'),
    features: bool(false, 'Remplacer les caractéristiques', 'Replace features'),
    category: bool(false, 'Remplacer la catégorie par défaut', 'Replace the default category'),
    parentCategories: bool(false, 'Associer aussi aux catégories parentes', 'Also link to parent categories'),
    linkedProducts: bool(false, 'Mettre à jour les produits associés', 'Update linked products'),
    allLanguages: bool(false, 'Modifier les textes dans toutes les langues (WPML inclus)', 'Update texts in every language (WPML included)'),
    reindex: bool(false, 'Réindexer le produit après mise à jour', 'Reindex the product after the update'),
    attributePublicNames: bool(false, 'Mettre à jour le nom public des attributs', 'Update public names of attributes'),
    unitPrice: bool(false, "Mettre à jour l'unité de vente du prix", 'Update the unit of the price'),
    copyPriceToUnitPrice: bool(false, 'Copier le prix dans le prix de vente unitaire', 'Copy the price into the unit price'),
    yoastSeo: bool(false, 'Remplacer le SEO Yoast (requête cible, titre, méta description)', 'Replace Yoast SEO (focus keyword, title, meta description)',
      { featureIds: ['ART-14', 'WEB-02'] }),
  }, 'Modification des produits', 'Product updates', ['ART-14']),
  creation: section({
    active: bool(true, 'Créer les nouveaux produits actifs', 'Create new products as active'),
    defaultCategoryId: text('', 'Id de la catégorie des nouveaux produits si la leur est introuvable (vide = accueil)',
      'Category id of new products whose category is not found (empty = home)'),
  }, 'Création des produits', 'Product creation', ['ART-14']),
  linkedProducts: section({
    enabled: bool(false, 'Créer les produits liés', 'Create linked products'),
    linkType: oneOf(['upsell', 'crossSell'], 'upsell', 'Type de liaison : produit suggéré ou vente croisée', 'Link type: upsell or cross-sell'),
  }, 'Produits liés', 'Linked products', ['ART-15']),
  outOfStock: section({
    disableWhenZero: bool(false, 'Désactiver le produit quand il n\'est plus en stock', 'Disable the product when out of stock'),
    enableWhenBack: bool(false, 'Réactiver le produit quand il revient en stock', 'Re-enable the product when back in stock'),
    markOutOfStock: bool(false, 'Afficher « rupture de stock » quand le stock vaut 0', "Show 'out of stock' when stock is 0"),
  }, 'Rupture de stock', 'Out of stock', ['ART-15']),
}, 'Articles', 'Products', ['ART-01']);

// --- Stock and prices -------------------------------------------------------------------------

const stockSection = section({
  depots: list([], 'Dépôts lus et additionnés (vide = dépôt par défaut)', 'Depots read and summed (empty = default depot)'),
  kind: oneOf(STOCK_KIND_VALUES, 'real',
    'Stock envoyé : réel, disponible, à terme, réel + commandes clients, à terme - commandes fournisseurs',
    'Stock sent: real, available, forecast, real + customer orders, forecast - supplier orders'),
  weight: oneOf(['net', 'gross'], 'net', 'Poids envoyé : net ou brut', 'Weight sent: net or gross'),
  sendWeight: bool(true, 'Envoyer le poids avec le stock', 'Send the weight with the stock'),
  defaultQuantityUntracked: int(0, 0, 1_000_000, 'Quantité envoyée pour les articles non suivis en stock',
    'Quantity sent for articles without stock tracking'),
  ignorePublishable: bool(false, "Ignorer « Publiable sur le Web » pour le stock", "Ignore 'published on the web' for stock"),
  sendNegative: bool(false, 'Envoyer le stock négatif (sinon 0)', 'Send negative stock (otherwise 0)'),
  changedSinceLastTransfer: bool(false, 'Ne lire que les articles modifiés depuis le dernier transfert du stock',
    'Read only articles changed since the last stock transfer'),
  lastTransferDate: date('Date du dernier transfert du stock', 'Date of the last stock transfer'),
  sendMinQuantity: bool(false, 'Envoyer la quantité minimale de commande', 'Send the minimum order quantity'),
  sendBarcode: bool(false, 'Envoyer le code barre avec le stock', 'Send the barcode with the stock'),
  sendWarranty: bool(false, 'Envoyer la durée de garantie', 'Send the warranty duration'),
}, 'Stock des articles', 'Product stock', ['ART-09']);

/** Stock following sales across the shops of one GesCom (issue 9): src/app/stock-follow.ts, src/service/stock-watch.ts. */
const stockFollowSection = section({
  enabled: bool(true, "Mettre à jour le stock de la boutique dès qu'une vente ou un mouvement change le stock de la gestion commerciale (ventes des autres boutiques du même dossier comprises)",
    'Update the shop stock as soon as a sale or a movement changes the GesCom stock (sales of the other shops on the same company included)'),
  watchSeconds: int(60, 0, 86_400, 'Intervalle de surveillance du stock de la gestion commerciale par le service, en secondes (0 = pas de surveillance)',
    "Interval at which the service watches the GesCom stock, in seconds (0 = not watched)"),
}, 'Stock qui suit les ventes', 'Stock follows sales', ['ART-09', 'PRF-10']);

const pricesSection = section({
  precision: int(2, 0, 6, 'Précision des prix envoyés (décimales)', 'Precision of prices sent (decimals)'),
  ignorePublishable: bool(false, "Ignorer « Publiable sur le Web » pour les prix", "Ignore 'published on the web' for prices"),
  base: oneOf(['HT', 'TTC'], 'HT', 'Prix de vente de base envoyé : HT ou TTC', 'Base sale price sent: excluding (HT) or including tax (TTC)'),
  priceCategoryId: int(1, 1, 99, 'Catégorie tarifaire du prix de base (Tarif 1 = 1)', 'Price category of the base price (Tarif 1 = 1)'),
  useShopTaxSetting: bool(true, 'Suivre le réglage HT/TTC de la boutique (Shopify)', "Follow the shop's tax-included setting (Shopify)",
    { featureIds: ['ART-10', 'WEB-03'] }),
  sendPurchasePrice: bool(false, "Envoyer le prix d'achat", 'Send the purchase price'),
  sendEcotax: bool(false, "Envoyer le montant de l'écotaxe", 'Send the eco-tax amount'),
  sendTaxRate: bool(true, 'Envoyer le taux de taxe', 'Send the tax rate'),
  sendVariationPrices: bool(true, 'Envoyer les prix des déclinaisons', 'Send variation prices'),
  sendPackagingPrices: bool(false, 'Envoyer les prix des conditionnements', 'Send packaging prices'),
  sendPromotions: bool(false, 'Envoyer les soldes et promotions', 'Send sales and promotions'),
  sendGroupPrices: bool(false, 'Envoyer les prix des groupes de clients (voir customers.groups.mapping)',
    'Send customer group prices (see customers.groups.mapping)'),
  sendCustomerPrices: bool(false, "Envoyer les tarifs d'exception par client", 'Send per-customer exception prices'),
  sendFamilyDiscounts: bool(false, "Envoyer les remises par famille d'articles", 'Send discounts per article family'),
  sendFeatures: bool(false, 'Envoyer les caractéristiques avec les prix', 'Send features with prices', { featureIds: ['ART-11'] }),
  changedSinceLastTransfer: bool(false, 'Ne lire que les articles modifiés depuis le dernier transfert des prix',
    'Read only articles changed since the last price transfer'),
  lastTransferDate: date('Date du dernier transfert des prix', 'Date of the last price transfer'),
}, 'Prix des articles', 'Product prices', ['ART-10']);

// --- Customers (CLI) --------------------------------------------------------------------------

const customersSection = section({
  enabled: bool(true, 'Créer les clients dans la boutique', 'Create customers in the shop'),
  newOnly: bool(false, 'Ne créer que les nouveaux clients (pas de mise à jour)', 'Create new customers only (no updates)'),
  skipDormant: bool(true, 'Ignorer les clients en sommeil', 'Skip dormant customers'),
  skipInvalidEmail: bool(true, 'Ignorer les clients sans e-mail valide', 'Skip customers without a valid e-mail'),
  changedSinceLastTransfer: bool(false, 'Ne lire que les clients créés ou modifiés depuis le dernier transfert',
    'Read only customers created or changed since the last transfer'),
  lastTransferDate: date('Date du dernier transfert des clients', 'Date of the last customer transfer'),
  contacts: section({
    export: bool(false, 'Créer les contacts des clients sur le même compte', 'Create customer contacts on the same account'),
    skipWithoutEmail: bool(true, "Ne pas envoyer les contacts sans adresse e-mail", 'Skip contacts without an e-mail address'),
  }, 'Contacts', 'Contacts', ['CLI-01']),
  groups: section({
    export: bool(true, 'Créer les groupes de clients à partir des catégories tarifaires', 'Create customer groups from price categories'),
    mapping: objectList({
      priceCategoryId: z.number().int().min(1).max(99),
      shopGroup: required,
      taxDisplay: z.enum(['HT', 'TTC']).default('TTC'),
    }, 'Catégorie tarifaire -> groupe de la boutique, affichage HT/TTC (vide = un groupe par tarif)',
    'Price category -> shop group, HT/TTC display (empty = one group per price category)', 99),
    defaultTaxDisplay: oneOf(['HT', 'TTC'], 'TTC', 'Affichage des prix des nouveaux groupes : HT ou TTC', 'Price display of new groups: HT or TTC'),
    allModules: bool(true, 'Autoriser tous les modules pour les groupes créés', 'Allow every module for created groups'),
    allCategories: bool(true, 'Activer les groupes créés dans toutes les catégories', 'Enable created groups in every category'),
  }, 'Groupes de clients', 'Customer groups', ['CLI-02']),
  disable: section({
    dormant: bool(true, 'Désactiver les clients en sommeil', 'Disable dormant customers'),
    blocked: bool(true, 'Désactiver les clients bloqués', 'Disable blocked customers'),
  }, 'Désactivation des clients', 'Customer deactivation', ['CLI-03']),
  prospects: section({
    since: date('Importer les prospects créés ou modifiés depuis cette date', 'Import prospects created or changed since this date'),
  }, 'Import des prospects', 'Prospect import', ['CLI-04']),
  creation: section({
    passwordMode: oneOf(['random', 'resetLink'], 'random',
      'Mot de passe des nouveaux clients : aléatoire ou lien de réinitialisation',
      'Password of new customers: random or reset link'),
    newsletter: bool(false, 'Inscrire les nouveaux clients à la newsletter', 'Subscribe new customers to the newsletter'),
    optIn: bool(false, 'Inscrire les nouveaux clients aux offres partenaires (opt-in)', 'Opt new customers in to partner offers'),
    notify: bool(false, 'Envoyer un e-mail au client à la création de son compte', 'E-mail the customer when the account is created'),
  }, 'Création des clients', 'Customer creation', ['CLI-05']),
  updates: section({
    email: bool(false, "Remplacer l'e-mail (le client devra se reconnecter avec)", 'Replace the e-mail (the customer must log in with it)'),
    names: bool(false, 'Remplacer le prénom et le nom', 'Replace first and last name'),
    group: bool(true, 'Remplacer le groupe de clients', 'Replace the customer group'),
    defaultGroup: bool(true, 'Associer aussi le client au groupe par défaut', 'Also link the customer to the default group'),
    addresses: bool(true, 'Remplacer les adresses', 'Replace addresses'),
    notes: bool(true, 'Remplacer les notes / observations', 'Replace notes'),
    b2b: bool(true, 'Remplacer les données B2B', 'Replace B2B data'),
    role: bool(true, 'Remettre le rôle « Client » (WooCommerce)', "Reset the role to 'Customer' (WooCommerce)", { featureIds: ['CLI-05', 'WEB-02'] }),
    tags: bool(false, 'Remplacer les tags du client par son groupe (Shopify)', "Replace the customer's tags with the group (Shopify)",
      { featureIds: ['CLI-05', 'WEB-03'] }),
    globalDiscount: bool(false, 'Mettre à jour la remise globale du client (Customer Specific Pricing)',
      'Update the customer global discount (Customer Specific Pricing)', { featureIds: ['CLI-05', 'WEB-02'] }),
  }, 'Modification des clients', 'Customer updates', ['CLI-05']),
  b2b: section({
    erpCode: oneOf(['hidden', 'readonly', 'editable'], 'readonly',
      'Code client ERP sur la fiche boutique : masqué, lecture seule ou modifiable',
      'ERP customer code on the shop customer: hidden, read-only or editable'),
    sendSolvency: bool(false, 'Envoyer encours autorisé, délai de paiement et niveau de risque',
      'Send credit limit, payment delay and risk level'),
  }, 'B2B', 'B2B', ['CLI-06']),
}, 'Clients', 'Customers', ['CLI-01']);

// --- Orders (CMD) -----------------------------------------------------------------------------

const documentAddress = (fr: string, en: string) =>
  oneOf(['shopShipping', 'shopBilling', 'customerDelivery', 'customerBilling'], 'shopShipping', fr, en);

const ordersSection = section({
  defaultPeriod: oneOf(['today', 'yesterday', 'thisWeek', 'thisMonth'], 'today',
    "Période d'import par défaut (semaine du lundi au dimanche)", 'Default import period (weeks run Monday to Sunday)'),
  includeTransferred: bool(false, 'Inclure les commandes déjà transférées', 'Include orders already transferred'),
  updateStock: bool(false, "Mettre à jour le stock de la boutique après l'import", 'Update shop stock after the import'),
  statusMapping: objectList({ status: required, documentType: z.enum(DOCUMENT_TYPE_VALUES) },
    'Statuts importés -> type de document créé (devis, commande, préparation, livraison, facture)',
    'Imported statuses -> document type created (quote, order, delivery prep, delivery note, invoice)', 200,
    { featureIds: ['CMD-02'] }),
  shopIds: list([], 'Boutiques dont les commandes sont importées (vide = toutes)', 'Shops whose orders are imported (empty = all)',
    { extra: { featureIds: ['CMD-02'] } }),
  findBy: oneOf(['orderDate', 'invoiceDate'], 'orderDate', 'Trouver les commandes par date de commande ou de facture',
    'Find orders by order date or invoice date', { featureIds: ['CMD-02'] }),
  includeArchived: bool(false, 'Importer aussi les commandes archivées (Shopify)', 'Also import archived orders (Shopify)',
    { featureIds: ['CMD-02', 'WEB-03'] }),
  splitByShippingAddress: bool(true, "Un document par adresse de livraison d'une commande (BigCommerce)",
    'One document per shipping address of an order (BigCommerce)', { featureIds: ['CMD-15', 'WEB-04'] }),

  searchCustomerByEmail: bool(true, "Rechercher d'abord le client par son e-mail", 'Look the customer up by e-mail first',
    { featureIds: ['CMD-03'] }),
  accountMode: oneOf(['single', 'perCustomer'], 'perCustomer', 'Compte client unique ou un compte par client de la boutique',
    'One account for all orders or one account per shop customer', { featureIds: ['CMD-03'] }),
  singleAccount: text('', 'Compte client unique', 'Single customer account', { featureIds: ['CMD-03'] }),
  accountPrefix: text('WEB', 'Préfixe des comptes clients (différent de la numérotation de la gestion commerciale)',
    "Customer account prefix (unlike the GesCom's own numbering)", { featureIds: ['CMD-03'] }, 20),
  accountLength: int(9, 1, 20, 'Longueur des comptes clients (WEB + 530 sur 9 -> WEB000530)',
    'Customer account length (WEB + 530 on 9 -> WEB000530)', { featureIds: ['CMD-03'] }),
  guestAccount: text('', 'Compte client des commandes invité (vide = créer le client)', 'Customer account of guest orders (empty = create the customer)',
    { featureIds: ['CMD-03'] }),
  createGuestCustomers: bool(false, 'Créer les clients invités dans la gestion commerciale (BigCommerce)',
    'Create guest customers in the GesCom (BigCommerce)', { featureIds: ['CMD-03', 'WEB-04'] }),
  accountingAccountMode: oneOf(['single', 'perCustomer'], 'single', 'Compte comptable unique ou un compte par client',
    'One accounting account for all or one per customer', { featureIds: ['CMD-04'] }),
  accountingAccount: text('', 'Compte comptable unique (vide = celui de la gestion commerciale)', 'Single accounting account (empty = GesCom default)',
    { featureIds: ['CMD-04'] }),
  accountingAccountPrefix: text('411W', 'Préfixe des comptes comptables', 'Accounting account prefix', { featureIds: ['CMD-04'] }, 20),
  accountingAccountLength: int(10, 1, 20, 'Longueur des comptes comptables (411W + 530 sur 10 -> 411W000530)',
    'Accounting account length (411W + 530 on 10 -> 411W000530)', { featureIds: ['CMD-04'] }),

  representative: text('', 'Représentant des nouveaux clients', 'Representative of new customers', { featureIds: ['CMD-05'] }),
  customerFamily: text('', 'Famille des nouveaux clients', 'Family of new customers', { featureIds: ['CMD-05'] }),
  updateDeliveryAddresses: bool(false, 'Mettre à jour les adresses de livraison des clients existants',
    'Update delivery addresses of existing customers', { featureIds: ['CMD-05'] }),
  updateBillingAddresses: bool(false, 'Mettre à jour les adresses de facturation des clients existants',
    'Update billing addresses of existing customers', { featureIds: ['CMD-05'] }),
  removeAccents: bool(false, "Retirer les accents de l'intitulé client et des adresses", 'Remove accents from customer name and addresses',
    { featureIds: ['CMD-05'] }),
  uppercaseName: bool(false, "Mettre l'intitulé client en majuscules", 'Upper-case the customer name', { featureIds: ['CMD-05'] }),
  uppercaseAddresses: bool(false, 'Mettre les adresses en majuscules', 'Upper-case addresses', { featureIds: ['CMD-05'] }),
  addressName: oneOf(['company', 'contact'], 'company', "Nom de l'adresse : société (sinon contact) ou contact",
    'Address name: company (else contact) or contact', { featureIds: ['CMD-05'] }),

  documentDate: oneOf(['orderDate', 'invoiceDate', 'today'], 'orderDate', 'Date du document : date de commande, de facture ou du jour',
    'Document date: order date, invoice date or today', { featureIds: ['CMD-06'] }),
  depot: text('', 'Dépôt de sortie du stock (vide = dépôt par défaut)', 'Depot the stock leaves from (empty = default depot)',
    { featureIds: ['CMD-06'] }),
  referenceTemplate: template('Web %OI - %CF %CL', 'Modèle de la référence du document', 'Template of the document reference',
    { featureIds: ['CMD-06'] }),
  remarkTemplate: template('', 'Modèle de la remarque du document (vide : « Commande %OI du %OD » dans la langue du profil)',
    'Template of the document remark (empty: "Order %OI of %OD" in the profile\'s language)', { featureIds: ['CMD-06'] }),
  customerReferenceTemplate: template('%OI', 'Modèle de la référence client du document', 'Template of the customer reference',
    { featureIds: ['CMD-06'] }),
  useShopNumber: bool(false, 'Numéroter le document avec le numéro de la boutique (déconseillé)',
    'Number the document with the shop number (discouraged)', { featureIds: ['CMD-06'] }),
  copyMessages: oneOf(['none', 'firstCustomerMessage', 'allMessages'], 'firstCustomerMessage',
    'Messages de la commande recopiés dans les notes', 'Order messages copied to the notes', { featureIds: ['CMD-06'] }),
  omitPaymentMode: bool(false, 'Ne pas renseigner le mode de règlement dans le document', 'Leave the payment mode out of the document',
    { featureIds: ['CMD-06'] }),
  shippingAs: oneOf(['footer', 'article'], 'footer', 'Frais de port en pied de document ou en ligne d\'article',
    'Shipping in the document footer or as an article line', { featureIds: ['CMD-08'] }),

  lines: section({
    useDivers: bool(true, "Utiliser l'article Divers pour les références inconnues", 'Use the Divers article for unknown references'),
    useSubstitute: bool(false, "Utiliser l'article de substitution si l'article est hors stock ou désactivé",
      'Use the substitute article when the article is out of stock or disabled', { featureIds: ['CMD-07', 'ART-16'] }),
    useGescomDesignations: bool(false, 'Utiliser les désignations de la gestion commerciale (sauf Divers)',
      'Use GesCom designations (not for Divers)'),
    priceMode: oneOf(['auto', 'HT', 'TTC'], 'auto',
      'Lignes en HT ou en TTC (la gestion commerciale recalcule le HT) ; auto : TTC si la commande a été saisie TTC, sinon HT',
      'Lines excluding (HT) or including tax (TTC; the GesCom recomputes HT); auto: TTC when the order was entered with tax, else HT',
      { featureIds: ['CMD-07', 'CMD-10'] }),
    discountMode: oneOf(['lineDiscount', 'netPrice'], 'lineDiscount', 'Remises des lignes : remise sur la ligne ou prix net',
      'Line discounts: as a line discount or as a net price'),
    removeEcotax: bool(false, "Retirer l'écotaxe du prix HT des lignes", 'Remove the eco-tax from line prices excluding tax'),
    roundingDecimals: int(2, 0, 6, 'Arrondi des prix des commandes (décimales)', 'Rounding of order prices (decimals)'),
  }, 'Lignes des documents', 'Document lines', ['CMD-07']),
  discounts: section({
    splitPerVatRate: bool(true, 'Répartir les remises par taux de TVA au prorata des bases HT', 'Split discounts per VAT rate in proportion to HT bases'),
    couponDescriptionAsArticle: bool(false, 'Utiliser la description du bon de réduction comme code article',
      'Use the coupon description as article code'),
  }, 'Remises', 'Discounts', ['CMD-08']),
  specialArticles: section({
    divers: text('ZDIVERS', 'Article Divers (références inconnues)', 'Divers article (unknown references)'),
    packaging: text('ZDIVERS', 'Article Emballage (emballage cadeau)', 'Packaging article (gift wrapping)', { featureIds: ['CMD-12', 'CMD-08'] }),
    shipping: text('ZPORT', 'Article Frais de port', 'Shipping article', { featureIds: ['CMD-12', 'CMD-08'] }),
    discount: text('ZREMISE', 'Article Remise par défaut', 'Default discount article', { featureIds: ['CMD-12', 'CMD-08'] }),
    gap: text('ZECART', 'Article Écart de règlement', 'Payment difference article', { featureIds: ['CMD-12', 'CMD-11'] }),
    discountByVat: objectList({ vatCode: required, article: required },
      'Article remise par code TVA (sinon article remise par défaut)', 'Discount article per VAT code (else the default one)', 200,
      { featureIds: ['CMD-08'] }),
  }, 'Articles spéciaux', 'Special articles', ['CMD-12']),
  mappings: section({
    accountingCategoryBy: oneOf(['country', 'zone'], 'country', 'Catégorie comptable selon le pays ou la zone de la commande',
      'Accounting category by order country or zone'),
    includeCountryStates: bool(false, 'Détailler les pays par état/province (ex. ES-NA)', 'Split countries by state/province (e.g. ES-NA)',
      { featureIds: ['CMD-09', 'WEB-01'] }),
    accountingCategories: objectList({ key: required, withTax: z.string().max(255).default(''), withoutTax: z.string().max(255).default('') },
      'Pays ou zone -> catégorie comptable des ventes avec taxe / sans taxe', 'Country or zone -> accounting category for sales with / without tax'),
    defaultAccountingCategoryWithTax: text('', 'Catégorie comptable par défaut des ventes avec taxe', 'Default accounting category of sales with tax'),
    defaultAccountingCategoryWithoutTax: text('', 'Catégorie comptable par défaut des ventes sans taxe', 'Default accounting category of sales without tax'),
    taxes: objectList({ name: z.string().max(255).default(''), rate: decimalRate, vatCode: required },
      'Taxe de la boutique (nom + taux) -> code TVA de la gestion commerciale', 'Shop tax (name + rate) -> GesCom VAT code'),
    defaultVatCode: text('', 'Code TVA par défaut', 'Default VAT code'),
    payments: objectList({
      method: required,
      currency: z.string().max(3).default(''),
      paymentMode: z.string().max(255).default(''),
      bankJournal: z.string().max(255).default(''),
      customerAccount: z.string().max(255).default(''),
      accountingAccount: z.string().max(255).default(''),
      createPayment: z.boolean().default(true),
    }, 'Mode de paiement de la boutique (+ devise) -> mode de règlement, journal de banque, compte client, compte comptable, créer le règlement',
    'Shop payment method (+ currency) -> GesCom payment mode, bank journal, customer account, accounting account, create payment'),
    defaultPaymentMode: text('', 'Mode de règlement par défaut', 'Default GesCom payment mode'),
    defaultBankJournal: text('', 'Journal de banque par défaut', 'Default bank journal'),
    defaultCreatePayment: bool(false, 'Créer le règlement pour les modes de paiement non mappés', 'Create the payment for unmapped payment methods'),
    customPaymentMethods: list([], 'Modes de paiement supplémentaires (places de marché : EBAY, CDISCOUNT…)',
      'Extra payment methods (marketplaces: EBAY, CDISCOUNT…)'),
    currencies: objectList({ shopCurrency: required, gescomCurrency: required },
      'Devise de la boutique -> devise de la gestion commerciale', 'Shop currency -> GesCom currency'),
    documentAddress: section({
      quote: documentAddress('Adresse des devis', 'Address of quotes'),
      order: documentAddress('Adresse des commandes', 'Address of orders'),
      deliveryPrep: documentAddress('Adresse des préparations de livraison', 'Address of delivery preparations'),
      deliveryNote: documentAddress('Adresse des bons de livraison', 'Address of delivery notes'),
      invoice: documentAddress('Adresse des factures', 'Address of invoices'),
    }, 'Adresse du document par type', 'Document address per type'),
  }, 'Mappages des commandes', 'Order mappings', ['CMD-09']),
  taxes: section({
    compound: bool(true, 'Taxes cumulées par priorité (même priorité : addition, sinon composition)',
      'Cumulative taxes by priority (same priority adds, otherwise compounds)', { featureIds: ['CMD-15', 'WEB-04'] }),
    advancedRetrieval: bool(false, 'Récupération avancée des taxes (états, provinces, régions)', 'Advanced tax retrieval (states, provinces, regions)',
      { featureIds: ['CMD-09', 'WEB-03'] }),
    perCountry: bool(false, 'Distinguer les taxes par pays', 'Distinguish taxes per country', { featureIds: ['CMD-09', 'WEB-03'] }),
  }, 'Taxes des commandes', 'Order taxes', ['CMD-09']),
  validation: section({
    validate: bool(false, 'Valider le document (il ne sera plus modifiable)', 'Validate the document (it can no longer be changed)'),
    evenIfTotalDiffers: bool(false, 'Valider même si le total diffère de celui de la boutique', "Validate even if the total differs from the shop's"),
  }, 'Validation', 'Validation', ['CMD-10']),
  payments: section({
    create: bool(false, 'Créer le règlement de la commande', 'Create the order payment'),
    total: oneOf(['shop', 'gescom'], 'shop', 'Total du règlement : celui de la boutique ou de la gestion commerciale',
      "Payment total: the shop's or the GesCom's"),
    date: oneOf(['orderDate', 'invoiceDate', 'paymentDate', 'today'], 'orderDate', 'Date du règlement', 'Payment date'),
    labelTemplate: template('%CF %CL - %OI', 'Modèle de l\'intitulé du règlement', 'Template of the payment label'),
    fromIndividualPayments: bool(false, 'Créer les règlements à partir des paiements de la commande', "Create payments from the order's individual payments"),
    createGaps: bool(false, 'Créer les écarts de règlement (article Écart)', 'Create payment differences (gap article)'),
    validateDocument: bool(false, 'Valider le document quand le règlement est créé', 'Validate the document when the payment is created'),
    copyReference: bool(false, 'Recopier la référence de la commande dans le règlement', 'Copy the order reference to the payment'),
    copyNotes: bool(false, 'Recopier les observations de la commande dans le règlement', 'Copy the order notes to the payment'),
    excludeShopPayments: bool(false, 'Ignorer les paiements lus dans la commande', 'Ignore the payments read from the order'),
  }, 'Règlements', 'Payments', ['CMD-11']),
  grouping: section({
    mode: oneOf(['none', 'anonymous', 'guest', 'all'], 'none',
      'Regrouper les commandes du jour (lues le lendemain) : aucune, anonymes, invités, toutes',
      "Group a day's orders (read the next day): none, anonymous, guest, all"),
    account: text('', 'Compte client des commandes groupées', 'Customer account of grouped orders'),
    groupLines: bool(false, 'Regrouper les lignes identiques (référence, prix, remise)', 'Group identical lines (reference, price, discount)'),
    groupPayments: bool(false, 'Regrouper les paiements par mode', 'Group payments by method'),
  }, 'Regroupement des commandes', 'Order grouping', ['CMD-14']),
}, 'Commandes', 'Orders', ['CMD-01']);

const orderStatusSection = section({
  mapping: objectList({ documentState: z.enum([...DOCUMENT_TYPE_VALUES, 'paid']), shopStatus: required },
    'État du document (type ou réglé) -> statut de la commande dans la boutique', 'Document state (type or paid) -> shop order status', 50),
  copyDocumentNumber: bool(false, 'Copier le numéro du document dans la référence de la commande', 'Copy the document number into the order reference'),
  notifyCustomer: bool(false, 'Notifier le client du changement de statut', 'Notify the customer of the status change'),
  trackingUrls: describe(z.array(z.strictObject({ carrier: required, url: trackingUrlTemplate }))
    .max(100).superRefine((rows, ctx) => {
      // Carriers are matched ignoring case: two rows for one carrier would leave one unused.
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        const key = carrierKey(r.carrier);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'carrier'], input: r.carrier, message: 'options.err.carrierMappedTwice', params: { carrier: r.carrier } });
        seen.add(key);
      });
    }).default([]),
  'Lien de suivi du colis par transporteur : transporteur de la pièce (majuscules indifférentes) -> modèle d’URL avec {number} à la place du numéro de suivi (ex. Colissimo -> https://www.laposte.fr/outils/suivre-vos-envois?code={number})',
  'Parcel tracking link per carrier: carrier of the document (any case) -> URL template with {number} where the tracking number goes (e.g. Colissimo -> https://www.laposte.fr/outils/suivre-vos-envois?code={number})'),
  defaultTrackingUrl: describe(z.string().max(2048).refine((v) => v.trim() === '' || isTrackingUrlTemplate(v), { error: 'options.err.trackingUrl' }).default(''),
    'Modèle d’URL de suivi des transporteurs vides ou absents de la liste, avec {number} (vide = aucun lien)',
    'Tracking URL template for empty or unlisted carriers, with {number} (empty = no link)', { expected: msg('options.exp.trackingUrl') }),
}, 'Mise à jour des commandes', 'Order status update', ['CMD-13']);

const invoicesSection = section({
  enabled: bool(false, 'Envoyer les factures PDF dans le compte client de la boutique', "Send invoice PDFs to the shop customer's account"),
  since: date('Envoyer les factures créées depuis cette date', 'Send invoices created since this date'),
  customMessage: text('', 'Message affiché sur la page des factures', 'Message shown on the invoices page', undefined, 1000),
  showPendingProducts: bool(false, 'Afficher les produits en attente de livraison', 'Show products awaiting delivery'),
}, 'Factures PDF', 'Invoice PDFs', ['DOC-01']);

// ---------------------------------------------------------------------------------------------

const NAME = /^[\p{L}\p{N} ._-]{1,64}$/u;

/**
 * The profile document's format. A stored profile with an older one is migrated when it is read
 * (src/profile/migrations.ts): 2 = orders.lines.priceMode gained 'auto', its new default, and the
 * document remark's default became the profile's language's text (orders.remarkTemplate '');
 * 3 = the shop section keyed on the kind, each platform's options under `shop.<kind>`; 4 = the shop's identity;
 * 5 = each scheduled task has its stable `id`.
 */
export const PROFILE_FORMAT_VERSION = 5;

/** One profile document. */
export const profileSchema = z.strictObject({
  // The name is also the profile's file name: no leading dot (hidden file).
  name: describe(z.string().regex(NAME, {
    error: 'options.err.profileName',
  }).refine((v) => !v.startsWith('.'), {
    error: 'options.err.profileName',
  }), 'Nom du profil', 'Profile name',
  { featureIds: ['PRF-01'], expected: msg('options.exp.profileName') }),
  // Only the current format validates: older stored documents are migrated before validation (profile-store.ts).
  formatVersion: int(PROFILE_FORMAT_VERSION, PROFILE_FORMAT_VERSION, PROFILE_FORMAT_VERSION, 'Version du format du profil (mise à jour automatiquement)',
    'Profile format version (kept up to date automatically)', { featureIds: ['PRF-02'] }),
  gescom: gescomSection,
  shop: shopSection,
  general: generalSection,
  http: httpSection,
  proxy: proxySection,
  smtp: smtpSection,
  notification: notificationSection,
  schedule: scheduleSection,
  webhooks: webhooksSection,
  journal: journalSection,
  articles: articlesSection,
  stock: stockSection,
  stockFollow: stockFollowSection,
  prices: pricesSection,
  customers: customersSection,
  orders: ordersSection,
  orderStatus: orderStatusSection,
  invoices: invoicesSection,
}).superRefine((p, ctx) => {
  // Account numbers are prefix + zero-padded shop id: the prefix must leave room for digits.
  const o = p.orders;
  const room: [string, number, string][] = [
    [o.accountPrefix, o.accountLength, 'accountLength'],
    [o.accountingAccountPrefix, o.accountingAccountLength, 'accountingAccountLength'],
  ];
  for (const [prefix, length, key] of room) {
    if (prefix.length >= length) {
      ctx.addIssue({
        code: 'custom',
        path: ['orders', key],
        input: length,
        message: 'options.err.accountLength',
        params: { length: prefix.length, prefix },
      });
    }
  }
});

export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;

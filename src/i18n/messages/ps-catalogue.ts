/** PrestaShop adapter, catalogue side and webservice client: checks, refusals, skipped features. */
import type { MessageTable } from '../message-table.js';

export const psCatalogueMessages = {
  'ps.ws.unexpectedAnswer': { fr: 'réponse inattendue du webservice PrestaShop pour la ressource {resource}', en: 'unexpected PrestaShop webservice answer for the resource {resource}' },
  'ps.check.keyAccepted': { fr: 'clé du webservice PrestaShop acceptée', en: 'PrestaShop webservice key accepted' },
  'ps.check.keyRefused': { fr: 'clé du webservice refusée par PrestaShop (code {code}) : vérifiez la clé et qu\'elle est active (Paramètres avancés > Webservice)', en: 'webservice key refused by PrestaShop (code {code}): check the key and that it is enabled (Advanced Parameters > Webservice)' },
  'ps.check.keyForbidden': { fr: 'la clé du webservice n\'a pas ce droit (code {code}) : {reason}', en: 'the webservice key lacks this permission (code {code}): {reason}' },
  'ps.check.webserviceDisabled': { fr: 'le webservice PrestaShop est désactivé (code 22) : activez-le dans Paramètres avancés > Webservice', en: 'the PrestaShop webservice is disabled (code 22): enable it in Advanced Parameters > Webservice' },
  'ps.check.noWebservice': { fr: "pas de webservice PrestaShop à cette adresse (/api/ introuvable) : vérifiez l'URL et la réécriture d'URL", en: 'no PrestaShop webservice at this URL (/api/ not found): check the URL and URL rewriting' },
  'ps.check.resourceNotAllowed': { fr: "la clé n'a pas accès à la ressource {resource} : cochez-la dans les droits de la clé", en: 'the key may not use the resource {resource}: tick it in the key permissions' },
  'ps.check.methodsNotAllowed': { fr: "la clé n'a pas les méthodes {methods} sur la ressource {resource}", en: 'the key lacks the methods {methods} on the resource {resource}' },
  'ps.check.resourcesAllowed': { fr: 'la clé a accès à toutes les ressources du catalogue', en: 'the key may use every catalogue resource' },
  'ps.check.settingsRead': { fr: 'boutique en {currency}, taxes activées : {tax}', en: 'shop in {currency}, taxes enabled: {tax}' },
  'ps.check.settingsUnreadable': { fr: 'réglages de la boutique illisibles (configurations, currencies) : {reason}', en: 'shop settings unreadable (configurations, currencies): {reason}' },
  'ps.productPartFailed': { fr: 'article {key} : produit écrit, mais une partie a échoué : {reason}', en: 'article {key}: product written, but a part of it failed: {reason}' },
  'ps.groupUnknown': { fr: 'groupe de clients « {group} » introuvable dans PrestaShop : son prix spécifique n\'est pas envoyé', en: 'customer group "{group}" not found in PrestaShop: its specific price is not sent' },
  'ps.imagesUnsupported': { fr: "ce webservice n'envoie pas de fichiers : images non envoyées", en: 'this webservice sends no files: images not sent' },
  'ps.documentsUnsupported': { fr: "ce webservice n'envoie pas de fichiers : documents non envoyés", en: 'this webservice sends no files: documents not sent' },
  'ps.packQuantity': { fr: "article {key} : envoyé sans pack, PrestaShop ne compte les composants d'un pack qu'en unités entières (quantité {quantity})", en: 'article {key}: sent without its pack, PrestaShop counts pack components in whole units only (quantity {quantity})' },
  'ps.referenceTooLong': { fr: 'article {key} : la référence « {reference} » dépasse les {max} caractères du champ reference de PrestaShop', en: 'article {key}: the reference "{reference}" exceeds the {max} characters of PrestaShop\'s reference field' },
} satisfies MessageTable;

/** PrestaShop customers and groups (CLI-01..06): what the customer part of the adapter says. */
import type { MessageTable } from '../message-table.js';

export const prestashopCustomerMessages = {
  'prestashop.customers.nameUnusable': {
    fr: 'client {code} : champ {field} « {value} » inutilisable pour PrestaShop (chiffres ou caractères interdits, rien ne reste une fois nettoyé)',
    en: 'customer {code}: field {field} "{value}" unusable for PrestaShop (digits or forbidden characters, nothing left once cleaned)',
  },
  'prestashop.customers.nameCleaned': {
    fr: 'client {code} : champ {field} « {from} » envoyé comme « {to} » (PrestaShop refuse les chiffres et certains caractères dans les noms)',
    en: 'customer {code}: field {field} "{from}" sent as "{to}" (PrestaShop refuses digits and some characters in names)',
  },
  'prestashop.customers.groupNameUnusable': {
    fr: 'groupe de clients « {name} » : champ name vide une fois nettoyé pour PrestaShop',
    en: 'customer group "{name}": field name empty once cleaned for PrestaShop',
  },
  'prestashop.customers.groupUnknown': {
    fr: 'client {code} : groupe de clients « {group} » absent de la boutique (lancez customers.groups), client rattaché au groupe par défaut',
    en: 'customer {code}: customer group "{group}" not in the shop (run customers.groups), customer linked to the default group',
  },
  'prestashop.customers.addressFieldMissing': {
    fr: 'client {code}, adresse « {alias} » : champ {field} manquant ou vide une fois nettoyé',
    en: 'customer {code}, address "{alias}": field {field} missing or empty once cleaned',
  },
  'prestashop.customers.countryUnknown': {
    fr: 'client {code}, adresse « {alias} » : champ countryCode « {country} » inconnu de la boutique (/countries)',
    en: 'customer {code}, address "{alias}": field countryCode "{country}" unknown to the shop (/countries)',
  },
  'prestashop.customers.stateUnknown': {
    fr: 'client {code}, adresse « {alias} » : champ state « {state} » introuvable parmi les états de {country} (PrestaShop exige un état pour ce pays)',
    en: 'customer {code}, address "{alias}": field state "{state}" not found among the states of {country} (PrestaShop requires a state for this country)',
  },
  'prestashop.customers.emailTaken': {
    fr: 'client {code} : champ email « {email} » déjà utilisé par le compte {id} que le client {other} vient de créer dans la boutique',
    en: 'customer {code}: field email "{email}" already used by account {id} that customer {other} just created in the shop',
  },
  'prestashop.customers.notFound': {
    fr: 'client {id} introuvable dans la boutique',
    en: 'customer {id} not found in the shop',
  },
  'prestashop.customers.aliasBilling': { fr: 'Facturation', en: 'Billing' },
  'prestashop.customers.aliasShipping': { fr: 'Livraison', en: 'Shipping' },
  'prestashop.customers.resetLinkUnsupported': {
    fr: "PrestaShop exige un mot de passe à la création par le webservice et n'envoie pas de lien de réinitialisation : un mot de passe aléatoire est donné, le client utilise « Mot de passe oublié »",
    en: 'PrestaShop requires a password when the webservice creates a customer and sends no reset link: a random password is set, the customer uses "Forgot your password"',
  },
  'prestashop.customers.notifyUnsupported': {
    fr: "le webservice PrestaShop n'envoie pas l'e-mail de création de compte (customers.creation.notify ignoré)",
    en: 'the PrestaShop webservice sends no account creation e-mail (customers.creation.notify ignored)',
  },
  'prestashop.customers.groupAccessUnsupported': {
    fr: "le webservice PrestaShop ne donne pas accès aux modules et catégories d'un groupe (options customers.groups.allModules et customers.groups.allCategories) : réglez-les dans Clients > Groupes",
    en: "the PrestaShop webservice gives no access to a group's modules and categories (options customers.groups.allModules and customers.groups.allCategories): set them in Customers > Groups",
  },
} as const satisfies MessageTable;

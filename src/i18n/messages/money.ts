/** Money and taxes: order currencies, the documents' price mode, shop tax classes, document texts (issue 7). */
import type { MessageTable } from '../message-table.js';

export const moneyMessages = {
  'money.currencyNotMapped': {
    fr: "commande en {currency} : aucune devise de la gestion commerciale pour {currency} (la société tient ses comptes en {company}) ; ajoutez {currency} à l'option orders.mappings.currencies",
    en: 'order in {currency}: no GesCom currency for {currency} (the company keeps its books in {company}); add {currency} to option orders.mappings.currencies',
  },
  'money.currencyUnknown': {
    fr: 'devise {code} inconnue de la gestion commerciale (option orders.mappings.currencies, devise de la boutique {currency})',
    en: 'currency {code} unknown to the GesCom (option orders.mappings.currencies, shop currency {currency})',
  },
  'money.checkCurrencyNotMapped': {
    fr: "la boutique vend en {currency}, la société tient ses comptes en {company}, et le profil n'associe pas {currency} à une devise de la gestion commerciale : ses commandes seront refusées ; ajoutez {currency} à l'option orders.mappings.currencies",
    en: 'the shop sells in {currency}, the company keeps its books in {company}, and the profile maps {currency} to no GesCom currency: its orders will be refused; add {currency} to option orders.mappings.currencies',
  },
  'money.checkCurrencyForeign': {
    fr: 'la boutique vend en {currency} : les pièces seront en {code} (orders.mappings.currencies), la société tient ses comptes en {company}',
    en: 'the shop sells in {currency}: documents will be in {code} (orders.mappings.currencies), the company keeps its books in {company}',
  },
  'money.checkCurrencyOk': { fr: 'devise de la boutique : {currency}, pièces en {code}', en: 'shop currency: {currency}, documents in {code}' },
  'money.checkPriceModeAutoTtc': {
    fr: 'pièces des commandes en TTC : la boutique saisit ses prix TTC (orders.lines.priceMode auto)',
    en: 'order documents including tax (TTC): the shop enters its prices with tax (orders.lines.priceMode auto)',
  },
  'money.checkPriceModeAutoHt': {
    fr: 'pièces des commandes en HT : la boutique saisit ses prix HT (orders.lines.priceMode auto)',
    en: 'order documents excluding tax (HT): the shop enters its prices without tax (orders.lines.priceMode auto)',
  },
  'money.checkPriceModeNotTtc': {
    fr: "orders.lines.priceMode vaut {mode} mais la boutique saisit ses prix TTC : les totaux des pièces peuvent différer d'un centime de ceux de la boutique ; mettez orders.lines.priceMode à auto",
    en: "orders.lines.priceMode is {mode} but the shop enters its prices with tax: document totals may be a cent away from the shop's; set orders.lines.priceMode to auto",
  },
  'money.checkPriceModeNotHt': {
    fr: "orders.lines.priceMode vaut {mode} mais la boutique saisit ses prix HT : les totaux des pièces peuvent différer d'un centime de ceux de la boutique ; mettez orders.lines.priceMode à auto",
    en: "orders.lines.priceMode is {mode} but the shop enters its prices without tax: document totals may be a cent away from the shop's; set orders.lines.priceMode to auto",
  },

  'tax.noClassForRate': {
    fr: "aucune classe de taxe de la boutique au taux de {rate} % (code TVA {vatCode}) : l'article serait vendu au taux standard ; associez {vatCode} à une classe dans l'option articles.taxes.mapping ou créez ce taux dans la boutique",
    en: 'no shop tax class at {rate} % (VAT code {vatCode}): the product would be sold at the standard rate; map {vatCode} to a class in option articles.taxes.mapping or create that rate in the shop',
  },
  'tax.checkUncarried': {
    fr: "code TVA {vatCode} ({rate} %) : aucune classe de taxe de la boutique à ce taux ; ses articles seront refusés (option articles.taxes.mapping)",
    en: 'VAT code {vatCode} ({rate} %): no shop tax class at that rate; its articles will be refused (option articles.taxes.mapping)',
  },
  'tax.checkAllCarried': {
    fr: 'chaque code TVA de la gestion commerciale a sa classe de taxe dans la boutique',
    en: 'every GesCom VAT code has its tax class in the shop',
  },
  'tax.checkShopChargesNoTax': {
    fr: "la boutique ne calcule pas les taxes (WooCommerce > Réglages > Activer les taxes) : ses clients ne paient aucune TVA ; activez-les, ou mettez articles.taxes.noVat à oui si l'entreprise ne facture pas de TVA (franchise en base)",
    en: 'the shop calculates no tax (WooCommerce > Settings > Enable taxes): its customers pay no VAT; enable taxes, or set articles.taxes.noVat to yes if the business charges no VAT (franchise en base)',
  },
  'tax.checkNoVat': {
    fr: 'articles.taxes.noVat : la boutique ne facture pas de TVA, classes de taxe non vérifiées',
    en: 'articles.taxes.noVat: the shop charges no VAT, tax classes not checked',
  },

  'orderdoc.remark': { fr: 'Commande %OI du %OD', en: 'Order %OI of %OD' },
  'orderdoc.groupReference': { fr: 'Commandes groupées du {day}', en: 'Grouped orders of {day}' },
  'orderdoc.groupRemark': { fr: 'Commandes {ids}', en: 'Orders {ids}' },
} as const satisfies MessageTable;

/** Shopify adapter (WEB-03): Admin GraphQL errors, connection diagnosis, orders, catalogue, stock and customers. */
import type { MessageTable } from '../message-table.js';

export const shopifyMessages = {
  'shopify.grantRefused': {
    fr: 'Shopify a refusé le client ID et le client secret (HTTP {status}) : vérifier shop.shopify.clientId et shop.shopify.secret, et que l’application est installée sur cette boutique',
    en: 'Shopify refused the client id and secret (HTTP {status}): check shop.shopify.clientId and shop.shopify.secret, and that the app is installed on this shop',
  },
  'shopify.credentialsMissing': {
    fr: 'ni jeton d’accès (shop.shopify.accessToken) ni client ID et secret (shop.shopify.clientId, shop.shopify.secret)',
    en: 'neither an access token (shop.shopify.accessToken) nor a client id and secret (shop.shopify.clientId, shop.shopify.secret)',
  },
  'shopify.userErrors': { fr: '{entity} refusé par Shopify : {errors}', en: '{entity} refused by Shopify: {errors}' },
  'shopify.graphqlErrors': { fr: 'Shopify a refusé la requête ({codes}) : {message}', en: 'Shopify refused the request ({codes}): {message}' },
  'shopify.noData': { fr: 'réponse Shopify sans données pour {operation}', en: 'Shopify answer without data for {operation}' },
  'shopify.check.connected': { fr: 'boutique {name} ({domain}), devise {currency}', en: 'shop {name} ({domain}), currency {currency}' },
  'shopify.check.domain': {
    fr: 'boutique introuvable à {url} : indiquer le domaine en .myshopify.com dans shop.url',
    en: 'no shop found at {url}: give the .myshopify.com domain in shop.url',
  },
  'shopify.check.notMyshopify': {
    fr: '{host} n’est pas un domaine .myshopify.com : l’Admin API ne répond que sur le domaine .myshopify.com de la boutique',
    en: '{host} is no .myshopify.com domain: the Admin API only answers on the shop’s .myshopify.com domain',
  },
  'shopify.check.refused': {
    fr: 'identifiants refusés (HTTP {status}) : vérifier le jeton ou le client ID et secret de l’application',
    en: 'credentials refused (HTTP {status}): check the token or the app’s client id and secret',
  },
  'shopify.check.version': {
    fr: 'version d’API {version} refusée : la boutique sert {served}',
    en: 'API version {version} refused: the shop serves {served}',
  },
  'shopify.check.versionNotFound': {
    fr: 'version d’API {version} ou boutique introuvable (HTTP 404) à {url}',
    en: 'API version {version} or shop not found (HTTP 404) at {url}',
  },
  'shopify.check.scopes': { fr: 'Droits d’accès de l’application', en: 'App access scopes' },
  'shopify.check.scopesOk': { fr: 'tous présents ({scopes})', en: 'all granted ({scopes})' },
  'shopify.check.scopesMissing': {
    fr: 'manquants : {missing} (à ajouter à la version de l’application dans le Dev Dashboard, puis réinstaller)',
    en: 'missing: {missing} (add them to the app version in the Dev Dashboard, then reinstall)',
  },
  'shopify.check.allOrders': {
    fr: 'sans read_all_orders, seules les commandes des 60 derniers jours sont visibles',
    en: 'without read_all_orders, only the orders of the last 60 days are visible',
  },
  'shopify.check.location': { fr: 'Emplacement du stock', en: 'Stock location' },
  'shopify.groupPrices.needB2b': {
    fr: 'prix des groupes de clients non envoyés : Shopify ne les porte que par les listes de prix des catalogues B2B, que cette boutique n’a pas (les clients gardent leur tag de groupe)',
    en: 'customer group prices not sent: Shopify only holds them in B2B catalogue price lists, which this shop does not have (customers keep their group tag)',
  },
  'shopify.groupPrices.checkFailed': {
    fr: 'prix des groupes de clients non envoyés : impossible de savoir si la boutique a le B2B ({reason})',
    en: 'customer group prices not sent: could not tell whether the shop has B2B ({reason})',
  },
  'shopify.groupPrices.noPriceList': {
    fr: 'prix du groupe « {group} » non envoyés : aucune liste de prix Shopify « {priceList} » (listes : {names}) ; voir shop.shopify.priceLists',
    en: 'prices of group "{group}" not sent: no Shopify price list "{priceList}" (price lists: {names}); see shop.shopify.priceLists',
  },
  'shopify.groupPrices.currency': {
    fr: 'prix du groupe « {group} » non envoyés : la liste de prix « {priceList} » est en {currency}, la boutique Shopify en {shopCurrency}',
    en: 'prices of group "{group}" not sent: price list "{priceList}" is in {currency}, the Shopify shop in {shopCurrency}',
  },
  'shopify.groupPrices.staleRemoved': {
    fr: 'prix de groupe retirés de la liste de prix « {priceList} » (envoyés par Passerelle, plus demandés) : {count}',
    en: 'group prices removed from price list "{priceList}" (sent by Passerelle, no longer wanted): {count}',
  },
  'shopify.groupPrices.staleNotRemoved': {
    fr: 'prix de groupe de la variante {sku} non supprimé de la liste de prix « {priceList} » : {reason}',
    en: 'group price of variant {sku} not removed from price list "{priceList}": {reason}',
  },
  'shopify.groupPrices.staleKept': {
    fr: 'prix de groupe de Passerelle plus demandés laissés dans les listes de prix où aucun groupe ne mène plus ({priceLists}) : la liste du groupe « {group} » est introuvable, c’est peut-être l’une d’elles renommée ; voir shop.shopify.priceLists',
    en: 'group prices Passerelle sent and no longer wants left in the price lists no group leads to any more ({priceLists}): the list of group "{group}" is not found, it may be one of them renamed; see shop.shopify.priceLists',
  },
  'shopify.groupPrices.listGone': {
    fr: 'la liste de prix « {priceList} » ({id}), où Passerelle avait envoyé des prix de groupe, n’existe plus dans Shopify : Passerelle l’oublie',
    en: 'price list "{priceList}" ({id}), where Passerelle had sent group prices, no longer exists in Shopify: Passerelle forgets it',
  },
  'shopify.locationNotFound': {
    fr: 'emplacement Shopify « {location} » introuvable (emplacements actifs : {names})',
    en: 'Shopify location "{location}" not found (active locations: {names})',
  },
  'shopify.mappedLocationUnknown': {
    fr: '{field} : emplacement Shopify « {location} » (dépôt {depot}) introuvable (emplacements actifs : {names})',
    en: '{field}: Shopify location "{location}" (depot {depot}) not found (active locations: {names})',
  },
  'shopify.mappedLocationInactive': {
    fr: '{field} : l’emplacement Shopify « {location} » (dépôt {depot}) est désactivé (emplacements actifs : {names})',
    en: '{field}: Shopify location "{location}" (depot {depot}) is deactivated (active locations: {names})',
  },
  'shopify.orders60Days': {
    fr: 'Shopify ne montre que les commandes des 60 derniers jours sans le droit read_all_orders : les commandes d’avant le {date} ne sont pas lues (ajouter read_all_orders à l’application)',
    en: 'Shopify only shows the last 60 days of orders without the read_all_orders scope: orders before {date} are not read (add read_all_orders to the app)',
  },
  'shopify.dutyFee': { fr: 'Droits de douane {item}', en: 'Duties {item}' },
  'shopify.refundMessage': { fr: 'Remboursement de {amount} {currency} {note}', en: 'Refund of {amount} {currency} {note}' },
  'shopify.orderNotFound': { fr: 'commande introuvable dans Shopify', en: 'order not found in Shopify' },
  'shopify.nothingToFulfil': { fr: 'aucune ligne à expédier', en: 'nothing left to fulfil' },
  'shopify.trackingLeftAlone': {
    fr: 'commande {order} : numéro de suivi {tracking} non envoyé, ses {count} expéditions portent déjà chacune le leur',
    en: 'order {order}: tracking number {tracking} not sent, its {count} fulfilments already carry their own',
  },
  'shopify.trackingNoFulfilment': {
    fr: "commande {order} : numéro de suivi {tracking} non envoyé, la commande n'a aucune expédition réussie à laquelle le donner",
    en: 'order {order}: tracking number {tracking} not sent, the order has no successful fulfilment to give it to',
  },
  'shopify.tooManyOptions': {
    fr: '{count} attributs de déclinaison : Shopify en accepte 3 au plus par produit',
    en: '{count} variation attributes: Shopify takes at most 3 per product',
  },
  'shopify.tooManyVariants': {
    fr: '{count} déclinaisons : Shopify en accepte {max} au plus par produit',
    en: '{count} variations: Shopify takes at most {max} per product',
  },
  'shopify.masterLookupOff': {
    fr: 'les produits à déclinaisons ne sont pas cherchés par leur référence maître ({field}) : {error} ; seuls ceux déjà liés par Passerelle sont retrouvés',
    en: 'products with variations are not looked up by their master reference ({field}): {error}; only those Passerelle already bound are found',
  },
  'shopify.masterNotFilterable': {
    fr: 'la définition du champ méta existe sans le filtrage activé (à activer dans Shopify : Paramètres > Données personnalisées > Produits)',
    en: 'the metafield definition exists without filtering enabled (enable it in Shopify: Settings > Custom data > Products)',
  },
  'shopify.masterFilterNotReady': {
    fr: 'Shopify n’a pas fini de préparer le filtrage de la définition du champ méta (état {status}) : la recherche sera retentée à la prochaine synchronisation',
    en: 'Shopify has not finished preparing the metafield definition’s filtering (status {status}): the lookup will be tried again on the next sync',
  },
  'shopify.vatCheckUnavailable': {
    fr: 'le pays de la boutique n’a pas pu être lu ({error}) : le taux de TVA des articles n’est pas vérifié tant qu’il ne l’est pas',
    en: 'the shop’s country could not be read ({error}): the articles’ VAT rate is not checked until it is',
  },
  'shopify.vatRateUnknown': {
    fr: 'taux de TVA {rate} % (vatRate) inconnu {country} ({rates}) : Shopify applique les taux du pays de la boutique et facturerait un autre taux',
    en: 'VAT rate {rate} % (vatRate) unknown {country} ({rates}): Shopify applies the rates of the shop’s country and would charge another rate',
  },
  'shopify.inFrance': { fr: 'en France', en: 'in France' },
  'shopify.inMonaco': { fr: 'à Monaco', en: 'in Monaco' },
  'shopify.skuHeldByVariant': {
    fr: 'la référence {sku} est déjà celle d’une déclinaison du produit Shopify {product} : Shopify accepte deux fois la même référence, Passerelle non',
    en: 'SKU {sku} is already held by a variant of Shopify product {product}: Shopify takes a SKU twice, Passerelle does not',
  },
  'shopify.notVariantOfProduct': {
    fr: 'la variante {variant} n’est pas une déclinaison du produit {product}',
    en: 'variant {variant} is not a variant of product {product}',
  },
  'shopify.noInventoryItem': { fr: 'article de stock Shopify inconnu pour {sku}', en: 'Shopify inventory item unknown for {sku}' },
  'shopify.staleQuantity': {
    fr: 'le stock Shopify de {sku} à l’emplacement {location} a changé pendant l’envoi ({code}) : relu et renvoyé au prochain passage',
    en: 'the Shopify stock of {sku} at location {location} changed while it was sent ({code}): read again and sent on the next run',
  },
  'shopify.activateRefused': {
    fr: 'stock de {sku} non envoyé : Shopify refuse de le stocker à l’emplacement {location} ({errors})',
    en: 'stock of {sku} not sent: Shopify refuses to stock it at location {location} ({errors})',
  },
  'shopify.levelRefused': {
    fr: 'stock de {sku} à l’emplacement {location} refusé par Shopify : {errors}',
    en: 'stock of {sku} at location {location} refused by Shopify: {errors}',
  },
  'shopify.disabledTag': { fr: 'désactivé', en: 'disabled' },
  'shopify.bulkFailed': { fr: 'opération en masse {id} : {status} {code}', en: 'bulk operation {id}: {status} {code}' },
  'shopify.bulkTimeout': { fr: 'opération en masse {id} non terminée après {seconds} s', en: 'bulk operation {id} not finished after {seconds} s' },
  'shopify.uploadFailed': { fr: 'envoi du fichier {file} refusé (HTTP {status})', en: 'upload of {file} refused (HTTP {status})' },
  'shopify.noCustomerGroups': {
    fr: 'Shopify n’a pas de groupes de clients : le groupe est porté par un tag du client',
    en: 'Shopify has no customer groups: the group is carried by a customer tag',
  },
} as const satisfies MessageTable;

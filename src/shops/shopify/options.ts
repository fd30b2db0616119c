/** Shopify's own options, `shop.shopify.*` in the profile (WEB-03). */
import { z } from 'zod';
import { bool, describe, int, objectList, oneOf, secret, section, text } from '../../profile/option-helpers.js';

export const SHOPIFY_CONSENT = ['unchanged', 'subscribed', 'notSubscribed'] as const;

export const shopifyOptions = section({
  clientId: text('', "Client ID de l'application Shopify (Dev Dashboard, jeton par client credentials)",
    'Shopify app client id (Dev Dashboard, token through client credentials)'),
  secret: secret("Client secret de l'application Shopify (signe aussi les webhooks)", 'Shopify app client secret (also signs webhooks)'),
  accessToken: secret("Jeton d'accès Admin API d'une application personnalisée existante (shpat_…), à défaut de client ID",
    'Admin API access token of an existing custom app (shpat_…), instead of a client id'),
  location: text('', 'Emplacement Shopify du stock (nom ou gid://shopify/Location/…, vide = premier emplacement actif)',
    'Shopify location of the stock (name or gid://shopify/Location/…, empty = first active location)', { featureIds: ['WEB-03', 'ART-09'] }),
  locations: describe(z.array(z.strictObject({ depot: z.string().min(1).max(255), location: z.string().min(1).max(255) })).max(200)
    .superRefine((rows, ctx) => {
      // A depot's stock goes to one location: mapped twice, it would be counted twice.
      const seen = new Map<string, string>();
      rows.forEach((r, i) => {
        const first = seen.get(r.depot);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'depot'], input: r.depot, message: 'options.err.depotMappedTwice', params: { depot: r.depot, location: first } });
        else seen.set(r.depot, r.location);
      });
    }).default([]),
  'Stock par emplacement : dépôt de la gestion commerciale -> emplacement Shopify (nom ou gid) ; plusieurs dépôts vers un emplacement s’additionnent ; vide = un seul emplacement (shop.shopify.location) avec les dépôts additionnés',
  'Stock per location: GesCom depot -> Shopify location (name or gid); several depots to one location are summed; empty = one location (shop.shopify.location) with the depots summed',
  { featureIds: ['WEB-03', 'ART-09'] }),
  bulkThreshold: int(50, 1, 1_000_000, "Nombre d'articles d'un lot (ou de la boutique, pour les lectures) à partir duquel on passe par les opérations en masse",
    'Number of articles in a batch (or in the shop, for reads) from which bulk operations are used', { featureIds: ['WEB-03'] }),
  marketingConsent: oneOf(SHOPIFY_CONSENT, 'unchanged',
    'Consentement marketing e-mail donné aux clients créés : inchangé, inscrit, non inscrit',
    'E-mail marketing consent given to created customers: unchanged, subscribed, not subscribed', { featureIds: ['WEB-03', 'CLI-05'] }),
  keepMedia: bool(true, 'Garder les médias déjà sur le produit Shopify (productSet remplace sinon la liste)',
    'Keep the media already on the Shopify product (productSet replaces the list otherwise)', { featureIds: ['WEB-03', 'ART-07'] }),
  collectionsWithAncestors: bool(true,
    'Mettre aussi le produit dans les collections des familles et catégories parentes (les collections Shopify sont à plat : un menu imbriqué les montre pleines)',
    'Also put the product in the collections of the parent families and categories (Shopify collections are flat: a nested menu then shows them full)',
    { featureIds: ['WEB-03', 'ART-02'] }),
  keepTags: bool(true, 'Garder les tags déjà sur le produit Shopify', 'Keep the tags already on the Shopify product', { featureIds: ['WEB-03'] }),
  documentMetafield: text('custom.gescom_document', 'Champ méta de la commande recevant le numéro de pièce de la gestion commerciale',
    'Order metafield receiving the GesCom document number', { featureIds: ['WEB-03', 'CMD-13'] }),
  trackingCompany: text('', 'Transporteur déclaré sur les expéditions créées (vide = aucun)',
    'Carrier declared on the fulfilments created (empty = none)', { featureIds: ['WEB-03', 'CMD-13'] }),
  priceLists: objectList({ group: z.string().min(1).max(255), priceList: z.string().min(1).max(255) },
    'Groupe de clients -> liste de prix Shopify B2B (nom ou gid://shopify/PriceList/…) recevant ses prix ; vide = la liste de prix qui porte le nom du groupe',
    'Customer group -> Shopify B2B price list (name or gid://shopify/PriceList/…) receiving its prices; empty = the price list named after the group',
    99, { featureIds: ['WEB-03', 'ART-10', 'CLI-02'] }),
}, 'Shopify', 'Shopify', ['WEB-03']);

export type ShopifyOptions = z.infer<typeof shopifyOptions>;

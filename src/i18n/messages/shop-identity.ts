/** Two shops on one GesCom company: the shop identity of profiles, orders and customer accounts keyed by it. */
import type { MessageTable } from '../message-table.js';

export const shopIdentityMessages = {
  'profiles.identityRecomputed': {
    fr: 'profil « {name} » : il pointe sur une autre boutique, son identité de boutique devient {to} (était {from}, gardée par un autre profil)',
    en: 'profile "{name}": it points at another shop, its shop identity becomes {to} (was {from}, kept by another profile)',
  },
  'profiles.identityKept': {
    fr: "profil « {name} » : l'adresse de la boutique a changé ({now}) mais le profil garde l'identité {identity}, clé des commandes déjà importées ; si c'est une autre boutique, videz shop.identity pour la recalculer",
    en: 'profile "{name}": the shop address changed ({now}) but the profile keeps the identity {identity}, the key of orders already imported; if it is another shop, empty shop.identity to compute it again',
  },
  'orders.legacyDocument': {
    fr: '{entity} : la pièce {number} porte ce numéro de commande depuis avant la distinction des boutiques ; elle n’est pas refaite (orders repair la rattache à la boutique qui l’a importée)',
    en: '{entity}: document {number} has carried this order id since before shops were told apart; it is not made again (orders repair ties it to the shop that imported it)',
  },
  'orders.legacyAdopted': {
    fr: '{n} pièce(s) importée(s) avant la distinction des boutiques rattachée(s) à la boutique {shop}',
    en: '{n} document(s) imported before shops were told apart tied to shop {shop}',
  },
  'orders.accountOfOtherShop': {
    fr: 'le compte {code} appartient aux clients de la boutique {shop} : donnez à ce profil un autre préfixe de compte (orders.accountPrefix)',
    en: 'account {code} belongs to the customers of shop {shop}: give this profile another account prefix (orders.accountPrefix)',
  },
  'gescom.err.shopKeyFixed': {
    fr: 'la pièce {number} est déjà rattachée à la boutique {shop}',
    en: 'document {number} is already tied to shop {shop}',
  },
  'help.shopOfTheShopOrder': {
    fr: 'avec --shop-order : la boutique de la commande (son identité, shop.identity du profil)',
    en: "with --shop-order: the order's shop (its identity, the profile's shop.identity)",
  },
} as const satisfies MessageTable;

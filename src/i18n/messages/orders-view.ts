/** The orders view (web UI, GET/POST /api/profiles/:name/orders…) and the reset of transferred orders. */
import type { MessageTable } from '../message-table.js';

export const ordersViewMessages = {
  'ordersView.reset.stillInGesCom': {
    fr: 'commande {order} : la pièce {number} est toujours dans la GesCom ; un nouvel import la reprend sans en créer une autre (supprimez-la d’abord pour en créer une nouvelle)',
    en: 'order {order}: document {number} is still in the GesCom; the next import records it again and creates none (delete it first to get a new one)',
  },
  'ordersView.reason.excluded': {
    fr: 'statut « {status} » non sélectionné pour l’import (option orders.statusMapping)',
    en: 'status "{status}" is not selected for import (option orders.statusMapping)',
  },
  'ordersView.reason.notYet': { fr: 'pas encore importée', en: 'not imported yet' },
  'ordersView.reason.grouped': {
    fr: 'regroupée avec les commandes de son jour (option orders.grouping.mode) : importée le lendemain dans la pièce du jour',
    en: "grouped with its day's orders (option orders.grouping.mode): imported the next day in the day's document",
  },
  'ordersView.reason.importing': {
    fr: 'import commencé sans être terminé (traitement interrompu) : le prochain import le reprend',
    en: 'import started and not finished (run interrupted): the next import takes it up',
  },
  'ordersView.reason.inGesCom': {
    fr: 'pièce {number} dans la GesCom, non enregistrée comme transférée (réinitialisée) : un nouvel import l’enregistre sans créer de pièce',
    en: 'document {number} is in the GesCom but not recorded as transferred (reset): the next import records it and creates none',
  },
  'ordersView.reason.legacy': {
    fr: 'pièce {number} faite avant que les boutiques soient distinguées : lancez « passerelle orders repair » pour la rattacher',
    en: 'document {number} was made before shops were told apart: run "passerelle orders repair" to tie it to this shop',
  },
  'ordersView.reason.documentGone': {
    fr: 'pièce {number} absente de la GesCom : réinitialisez la commande pour l’importer à nouveau',
    en: 'document {number} is gone from the GesCom: reset the order to import it again',
  },
  'ordersView.reason.lastAttempt': {
    fr: 'dernier essai (traitement {run}) : {reason}',
    en: 'last attempt (run {run}): {reason}',
  },
  'ordersView.idsRequired': {
    fr: 'indiquez les commandes : une liste de numéros (ids) ou all: true',
    en: 'name the orders: a list of ids, or all: true',
  },
  'ordersView.unknownPeriod': {
    fr: 'période inconnue « {period} » (attendu : {known})',
    en: 'unknown period "{period}" (expected: {known})',
  },
} satisfies MessageTable;

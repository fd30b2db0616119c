/**
 * CMD-13 "Réinitialiser les commandes transférées", shared by `passerelle orders reset` and the
 * orders view (POST /api/profiles/:name/orders/reset): the listed orders (or ALL) of the profile's
 * shop are forgotten by the state store, so that the next import reads them again.
 *
 * The GesCom stays the truth of exactly-once import: an order whose document is still in the
 * GesCom is not imported a second time after a reset (the next import finds the document and
 * records it again). Those are named in the answer, with their document, so that the merchant knows
 * to delete the document first when a new one is wanted.
 */
import type { AppContext } from './app-context.js';
import { PasserelleError } from '../errors.js';
import { openGesCom } from '../gescom/open-gescom.js';
import type { GesComPort } from '../gescom/port.js';
import { msg } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import { orderScopeOf } from '../shops/identity.js';

export interface OrderResetResult {
  /** How many records were forgotten. */
  count: number;
  /** The orders forgotten. */
  reset: string[];
  /** Orders named that had no record (never imported, or reset already). */
  notRecorded: string[];
  /** Orders reset whose document is still in the GesCom: a re-import records it again, it makes no new one. */
  stillInGesCom: { orderId: string; documentNumber: string }[];
  /** False when the GesCom could not be opened to tell (the reset itself is done). */
  gescomChecked: boolean;
}

/** `124,3,48`, `ALL`, or a list: the ids to reset; refused naming `ids` when there are none. */
export function resetIdsOf(raw: string | readonly string[]): string[] | 'ALL' {
  const items = typeof raw === 'string' ? raw.split(',') : [...raw];
  const ids = [...new Set(items.map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 1 && ids[0]!.toUpperCase() === 'ALL') return 'ALL';
  if (!ids.length) throw new PasserelleError(msg('cli.idsExpected'), 'orders reset', 'ids');
  return ids;
}

export async function resetTransferredOrders(app: AppContext, profile: Profile, ids: string[] | 'ALL'): Promise<OrderResetResult> {
  // The orders of the profile's shop, whichever profile on that shop recorded them.
  const scope = orderScopeOf(profile);
  const recorded = app.state.transferredOrders(scope);
  const wanted = ids === 'ALL' ? null : new Set(ids);
  const forgotten = recorded.filter((t) => !wanted || wanted.has(t.shopOrderId));
  const count = app.state.resetOrders(scope, ids);
  const reset = [...new Set(forgotten.map((t) => t.shopOrderId))];
  const notRecorded = ids === 'ALL' ? [] : ids.filter((id) => !reset.includes(id));
  let gescom: GesComPort | null = null;
  const stillInGesCom: OrderResetResult['stillInGesCom'] = [];
  try {
    gescom = openGesCom(profile.gescom, profile.name);
    for (const id of reset) {
      const doc = await gescom.findDocumentByShopOrderId(id, scope.shop);
      if (doc) stillInGesCom.push({ orderId: id, documentNumber: doc.number });
    }
  } catch {
    // The reset is a state-store matter; the GesCom only tells what the next import will do.
    return { count, reset, notRecorded, stillInGesCom, gescomChecked: false };
  } finally {
    gescom?.close();
  }
  return { count, reset, notRecorded, stillInGesCom, gescomChecked: true };
}

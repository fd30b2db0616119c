/**
 * What a PrestaShop shop holds for the profile's mapping grids, through its webservice: tax rule
 * groups (product tax classes) and taxes, order states, carriers, customer groups, active
 * countries, zones and currencies. Payment modules are not exposed by the webservice: that list is
 * absent (the grid takes free text, as orders name them: ps_wirepayment…).
 */
import type { ShopReferenceLists } from '../port.js';
import { psText as text } from './ps-order-states.js';
import type { PsRecord, PsWebservice } from './webservice.js';

const id = (r: PsRecord) => String(r.id ?? '');
const plainRate = (rate: unknown) => {
  const s = String(rate ?? '').trim();
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
};

const on = (v: unknown) => v === true || String(v) === '1';

/** `langId`: the PrestaShop language of the labels (the profile's), else each text's first. */
export async function psReferenceLists(ws: PsWebservice, langId?: string): Promise<ShopReferenceLists> {
  const read = async (resource: string) => (await ws.list(resource, { display: 'full' })).filter((r) => !on(r.deleted));
  const [ruleGroups, taxes, states, carriers, groups, countries, zones, currencies] = await Promise.all(
    ['tax_rule_groups', 'taxes', 'order_states', 'carriers', 'groups', 'countries', 'zones', 'currencies'].map(read),
  ) as [PsRecord[], PsRecord[], PsRecord[], PsRecord[], PsRecord[], PsRecord[], PsRecord[], PsRecord[]];
  const psText = (v: unknown) => text(v, langId);
  return {
    taxClasses: ruleGroups.map((g) => ({ id: id(g), label: psText(g.name) })),
    taxes: taxes.map((t) => {
      const name = psText(t.name);
      const rate = plainRate(t.rate);
      return { id: id(t), label: `${name} - ${rate} %`, name, rate };
    }),
    // A profile names a state by its id or its name; the id survives a renamed state.
    orderStatuses: states.map((s) => ({ id: id(s), label: psText(s.name) })),
    carriers: carriers.map((c) => ({ id: psText(c.name), label: psText(c.name) })),
    customerGroups: groups.map((g) => ({ id: psText(g.name), label: psText(g.name) })),
    countries: countries.filter((c) => on(c.active)).map((c) => ({ id: String(c.iso_code ?? ''), label: psText(c.name) })),
    zones: zones.map((z) => ({ id: psText(z.name), label: psText(z.name) })),
    currencies: currencies.map((c) => ({ id: String(c.iso_code ?? ''), label: `${psText(c.name)} (${String(c.iso_code ?? '')})` })),
  };
}

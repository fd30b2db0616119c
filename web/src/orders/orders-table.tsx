/**
 * The period's orders as an accessible table: a caption, column and row headers, one labelled
 * checkbox per row (keyboard: Tab to it, Space to select), and per order its state in the GesCom:
 * the documents with the GesCom's totals, or why it is not there.
 */
import type { ApiOrderRow, ApiOrdersList } from '../../../src/service/api-types-orders.ts';
import { useT } from '../i18n/index.ts';
import { formatDateTime, formatDay, formatMoney } from './format.ts';

export function OrdersTable({ list, selected, onToggle, onToggleAll }: {
  list: ApiOrdersList;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (all: boolean) => void;
}) {
  const { t, lang } = useT();
  const tz = list.timezone;
  const caption = t('orders.caption', { from: formatDay(list.from, tz, lang), to: formatDay(list.to, tz, lang), n: list.orders.length });
  if (!list.orders.length) {
    return (
      <p className="orders-empty" role="status">
        {caption} — {t('orders.empty')}
      </p>
    );
  }
  const all = list.orders.every((o) => selected.has(o.id));
  return (
    <div className="orders-table-wrap">
      <table className="orders-table" data-testid="orders-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="select">
              <input type="checkbox" checked={all} aria-label={t('orders.selectAll')} onChange={(e) => onToggleAll(e.target.checked)} />
            </th>
            <th scope="col">{t('orders.col.number')}</th>
            <th scope="col">{t('orders.col.date')}</th>
            <th scope="col">{t('orders.col.customer')}</th>
            <th scope="col" className="amount">{t('orders.col.total')}</th>
            <th scope="col">{t('orders.col.shopStatus')}</th>
            <th scope="col">{t('orders.col.here')}</th>
          </tr>
        </thead>
        <tbody>
          {list.orders.map((o) => (
            <tr key={o.id} data-order={o.id} data-here={o.here} className={selected.has(o.id) ? 'selected' : undefined}>
              <td className="select">
                <input type="checkbox" checked={selected.has(o.id)} aria-label={t('orders.selectOrder', { number: o.number })} onChange={() => onToggle(o.id)} />
              </td>
              <th scope="row">{o.number}</th>
              <td>{formatDateTime(o.createdAt, tz, lang)}</td>
              <td>
                {o.customer}
                {o.email && o.email !== o.customer && <div className="muted">{o.email}</div>}
              </td>
              <td className="amount">{formatMoney(o.totalTtc, o.currency, lang)}</td>
              <td>{o.shopStatus}</td>
              <td><HereCell order={o} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HereCell({ order: o }: { order: ApiOrderRow }) {
  const { t, lang } = useT();
  const money = (v: string) => formatMoney(v, o.currency, lang);
  return (
    <div className="here-cell">
      <span className={`here-badge here-${o.here}`}>{t(`orders.here.${o.here}`)}</span>
      {o.documents.map((d) => (
        <div key={d.number} className="here-doc" data-document={d.number}>
          <strong>{d.number}</strong> {t(`orders.doc.${d.type}`)}
          <div className="here-totals">
            {t('orders.docTotals', { ht: money(d.totalHt), vat: money(d.totalVat), ttc: money(d.totalTtc) })}
            {d.due !== '0.00' && d.paid !== '0.00' && <> · {t('orders.docDue', { due: money(d.due) })}</>}
          </div>
        </div>
      ))}
      {o.totalsMatch === false && <div className="here-warning">{t('orders.totalsDiffer')}</div>}
      {/* "Not imported yet" says no more than the badge. */}
      {o.reason && o.here !== 'notImported' && <div className="here-reason">{o.reason}</div>}
      {o.field && !o.reason?.includes(o.field) && <div className="muted">{t('orders.option', { field: o.field })}</div>}
    </div>
  );
}

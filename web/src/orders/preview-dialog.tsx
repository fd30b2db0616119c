/**
 * The preview of the selected orders: the documents the import would create, as the GesCom would
 * hold them (lines, totals per VAT code, payments), from a preview run that writes nothing; a preview
 * run that did not succeed says so (its status and message), never "nothing would be created".
 */
import type { RefObject } from 'react';
import type { ApiOrdersPreview, ApiPreviewDocument } from '../../../src/service/api-types-orders.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { Modal, ModalClose } from '../components/modal.tsx';
import { useT } from '../i18n/index.ts';
import { formatDecimal, formatMoney, formatQuantity } from './format.ts';

export interface PreviewState {
  loading: boolean;
  result: ApiOrdersPreview | null;
  error: unknown;
}

export function PreviewDialog({ state, currency, onClose, returnFocus }: {
  state: PreviewState | null;
  currency: string;
  onClose: () => void;
  /** The button that opened it (not a Radix trigger): focus goes back there. */
  returnFocus: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useT();
  const r = state?.result;
  return (
    <Modal
      open={state !== null}
      title={t('orders.previewTitle')}
      description={r ? t('orders.previewIntro', { id: r.runId }) : t('orders.previewLoading')}
      onClose={onClose}
      wide
      testId="orders-preview"
      returnFocus={returnFocus}
    >
      {state?.loading && <p role="status">{t('orders.previewLoading')}</p>}
      <ErrorBanner error={state?.error} />
      {/* A preview that failed says so: its empty document list proves nothing. */}
      {r && r.status !== 'succeeded' && (
        <div role="alert" className="error-banner" data-testid="orders-preview-failed" data-status={r.status}>
          <p><strong>{t('orders.previewFailed', { status: r.statusLabel })}</strong></p>
          {r.message && <p>{r.message}</p>}
        </div>
      )}
      {r?.status === 'succeeded' && !r.documents.length && <p role="status">{t('orders.previewNothing')}</p>}
      {r?.documents.map((d) => <PreviewDocument key={d.number} doc={d} currency={currency} />)}
      {r && r.customers.length > 0 && <p>{t('orders.previewCustomers', { codes: r.customers.join(', ') })}</p>}
      {r && r.messages.length > 0 && (
        <section aria-label={t('orders.previewMessages')}>
          <h3>{t('orders.previewMessages')}</h3>
          <ul className="orders-preview-messages">
            {r.messages.map((m, i) => (
              <li key={i} className={`level-${m.level}`}>{m.text}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="modal-buttons">
        <ModalClose asChild>
          <button type="button">{t('orders.close')}</button>
        </ModalClose>
      </div>
    </Modal>
  );
}

/** Shipping and discounts the document carries in its footer (amounts in its price mode). */
function footerRows(d: ApiPreviewDocument, t: ReturnType<typeof useT>['t'], lang: ReturnType<typeof useT>['lang']): { key: string; label: string; value: string }[] {
  const f = d.footer;
  if (!f) return [];
  const rows = [];
  const zero = (v: string) => /^-?0*(\.0*)?$/.test(v);
  if (!zero(f.shippingAmount)) rows.push({ key: 'shipping', label: t('orders.footerShipping', { mode: d.priceMode, vat: f.shippingVatCode ?? '' }), value: f.shippingAmount });
  if (!zero(f.discountAmount)) rows.push({ key: 'discount', label: t('orders.footerDiscount', { mode: d.priceMode }), value: `-${f.discountAmount}` });
  if (!zero(f.discountPercent)) rows.push({ key: 'discountPercent', label: t('orders.footerDiscountPercent', { percent: formatDecimal(f.discountPercent, lang, 0) }), value: '' });
  return rows;
}

function PreviewDocument({ doc: d, currency }: { doc: ApiPreviewDocument; currency: string }) {
  const { t, lang } = useT();
  const money = (v: string) => formatMoney(v, currency, lang);
  return (
    <section className="orders-preview-doc" data-document={d.number}>
      <h3>{t('orders.previewDocument', { type: t(`orders.doc.${d.type}`), number: d.number, order: d.shopOrderId ?? '' })}</h3>
      <p>{t('orders.previewCustomer', { code: d.customerCode, mode: d.priceMode })}</p>
      <table className="orders-lines">
        <caption>{t('orders.previewLines', { number: d.number })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orders.line.article')}</th>
            <th scope="col">{t('orders.line.designation')}</th>
            <th scope="col" className="amount">{t('orders.line.quantity')}</th>
            <th scope="col" className="amount">{t('orders.line.unitPrice')}</th>
            <th scope="col" className="amount">{t('orders.line.discount')}</th>
            <th scope="col">{t('orders.line.vat')}</th>
            <th scope="col" className="amount">{t('orders.line.totalHt')}</th>
            <th scope="col" className="amount">{t('orders.line.totalTtc')}</th>
          </tr>
        </thead>
        <tbody>
          {d.lines.map((l) => (
            <tr key={l.position}>
              <td>{l.articleCode ?? ''}</td>
              <td>{l.designation}</td>
              <td className="amount">{formatQuantity(l.quantity, lang)}</td>
              <td className="amount">{money(l.unitPrice)}</td>
              <td className="amount">{formatDecimal(l.discountPercent, lang, 0)}</td>
              <td>{l.vatCode ?? ''}</td>
              <td className="amount">{money(l.totalHt)}</td>
              <td className="amount">{money(l.totalTtc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="orders-preview-totals">
        {[
          ...footerRows(d, t, lang),
          { key: 'ht', label: t('orders.totalHt'), value: d.totals.totalHt },
          ...d.totals.vatByCode.map((v) => ({ key: `vat-${v.vatCode}`, label: t('orders.vatBase', { code: v.vatCode, rate: formatDecimal(v.rate, lang, 0), base: money(v.baseHt) }), value: v.vat })),
          { key: 'vat', label: t('orders.totalVat'), value: d.totals.totalVat },
          { key: 'ttc', label: t('orders.totalTtc'), value: d.totals.totalTtc },
          ...d.payments.map((p, i) => ({ key: `pay-${i}`, label: t('orders.payment', { mode: p.modeCode }), value: p.amount })),
        ].map((row) => (
          <div key={row.key} data-total={row.key}>
            <dt>{row.label}</dt>
            <dd>{row.value ? money(row.value) : ''}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

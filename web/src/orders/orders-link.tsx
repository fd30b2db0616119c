/** The way to the orders view from elsewhere (the main window's Commandes tab), optionally for a period. */
import { useT } from '../i18n/index.ts';

export function ordersViewHref(q: { period?: string; from?: string; to?: string } = {}): string {
  const s = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]).toString();
  return `#/orders${s ? `?${s}` : ''}`;
}

export function OrdersViewLink(q: { period?: string; from?: string; to?: string }) {
  const { t } = useT();
  return <a href={ordersViewHref(q)}>{t('orders.openView')}</a>;
}

/** The orders view (#/orders): built in web/src/orders/. */
export { OrdersView as OrdersScreen } from '../orders/orders-view.tsx';

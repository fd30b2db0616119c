/** Placeholder until its screen is built. */
export function OrdersScreen() {
  return <p>orders</p>;
}

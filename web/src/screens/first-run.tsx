/** Placeholder until its screen is built. */
export function FirstRunScreen() {
  return <p>first-run</p>;
}

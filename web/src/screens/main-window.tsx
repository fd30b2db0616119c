/** Placeholder until its screen is built. */
export function MainWindowScreen() {
  return <p>main-window</p>;
}

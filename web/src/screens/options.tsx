/** Placeholder until its screen is built. */
export function OptionsScreen() {
  return <p>options</p>;
}

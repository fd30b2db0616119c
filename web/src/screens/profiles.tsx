/** Placeholder until its screen is built. */
export function ProfilesScreen() {
  return <p>profiles</p>;
}

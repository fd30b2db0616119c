/** Placeholder until its screen is built. */
export function ProfileDialogScreen() {
  return <p>profile-dialog</p>;
}

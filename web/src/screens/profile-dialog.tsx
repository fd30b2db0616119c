/** Route /profile: the profile dialog (web/src/profile-dialog). */
export { ProfileDialog as ProfileDialogScreen } from '../profile-dialog/profile-dialog.tsx';

import { defineTable } from './define.ts';

/** Texts of the profile-dialog screen(s). */
export const profileDialog = defineTable({
  fr: {
    title: 'TODO-profile-dialog',
  },
  en: {
    title: 'TODO-profile-dialog',
  },
});

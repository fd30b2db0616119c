import { defineTable } from './define.ts';

/** Texts of the profiles screen(s). */
export const profiles = defineTable({
  fr: {
    title: 'TODO-profiles',
  },
  en: {
    title: 'TODO-profiles',
  },
});

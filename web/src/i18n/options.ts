import { defineTable } from './define.ts';

/** Texts of the options screen(s). */
export const options = defineTable({
  fr: {
    title: 'TODO-options',
  },
  en: {
    title: 'TODO-options',
  },
});

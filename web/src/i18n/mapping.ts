import { defineTable } from './define.ts';

/** Texts of the mapping screen(s). */
export const mapping = defineTable({
  fr: {
    title: 'TODO-mapping',
  },
  en: {
    title: 'TODO-mapping',
  },
});

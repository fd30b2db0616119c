import { defineTable } from './define.ts';

/** Texts of the main-window screen(s). */
export const mainWindow = defineTable({
  fr: {
    title: 'TODO-main-window',
  },
  en: {
    title: 'TODO-main-window',
  },
});

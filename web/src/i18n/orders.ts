import { defineTable } from './define.ts';

/** Texts of the orders screen(s). */
export const orders = defineTable({
  fr: {
    title: 'TODO-orders',
  },
  en: {
    title: 'TODO-orders',
  },
});

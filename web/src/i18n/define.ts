/** A UI message table: the same keys in French and English, checked by the compiler. `{name}` marks a value. */
export function defineTable<const F extends Record<string, string>>(t: { fr: F; en: { [K in keyof F]: string } }) {
  return t;
}

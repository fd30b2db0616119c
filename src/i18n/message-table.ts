/** The shape of a message table: key -> one text per language, `{param}` placeholders. */
export type Lang = 'fr' | 'en';

export type MessageTable = Record<string, Record<Lang, string>>;

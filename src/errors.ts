/**
 * Typed errors: each names the entity and the field at fault, so that a journal
 * line or a CLI message can say exactly what to fix.
 */
import { render, type Lang, type Text } from './i18n/catalogue.js';

export class PasserelleError extends Error {
  /** The message as a catalogue text, when it was given as one: rendered again in another language by `errorMessage(err, lang)`. */
  readonly text?: Text;

  constructor(
    message: string | Text,
    /** What the error is about: "article AR0003", "profile demo", "customer CL0001". */
    readonly entity?: string,
    /** The field at fault, dotted: "orders.accountPrefix", "vatCode". */
    readonly field?: string,
  ) {
    super(typeof message === 'string' ? message : render(message));
    if (typeof message !== 'string') this.text = message;
    this.name = new.target.name;
  }

  /** The message in `lang`: the catalogue text rendered again, else the message as it was given. */
  messageIn(lang?: Lang): string {
    return this.text ? render(this.text, lang) : this.message;
  }
}

/** A GesCom read or write refused: unknown code, broken reference, immutable document. */
export class GesComError extends PasserelleError {}

/** The GesCom already holds a document for this shop order: the exactly-once guard fired. */
export class DuplicateShopOrderError extends GesComError {
  constructor(readonly shopOrderId: string, readonly existingNumber: string, readonly existingShopKey = '') {
    super(`shop order ${shopOrderId} is already document ${existingNumber}`, `order ${shopOrderId}`, 'shopOrderId');
  }
}

/** A profile value, a profile name or the data folder is wrong. */
export class ConfigError extends PasserelleError {}

/** No profile of that name: the API answers 404, whatever the message's wording or language. */
export class UnknownProfileError extends ConfigError {}

/** Another run of the same profile holds the lock. */
export class RunLockedError extends PasserelleError {}

/** What to journal for an error: its catalogue text when it has one (rendered in each journal's language), else its message. */
export function errorText(err: unknown): string | Text {
  if (err instanceof PasserelleError && err.text) return err.text;
  return errorMessage(err);
}

/** The error's message, in `lang` when it carries a catalogue text (default: the process's language). */
export function errorMessage(err: unknown, lang?: Lang): string {
  if (err instanceof PasserelleError) return err.messageIn(lang);
  if (err instanceof Error) return err.message;
  return String(err);
}

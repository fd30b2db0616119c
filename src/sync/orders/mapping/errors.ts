/**
 * Errors of the order mapping: each names the profile option to configure (dotted, e.g.
 * "orders.specialArticles.divers") so that the journal can say exactly what to fix.
 */
import { PasserelleError } from '../../../errors.js';
import type { Text } from '../../../i18n/catalogue.js';

/** A rule of the mapping cannot be applied; `field` is the profile option to configure. */
export class MappingError extends PasserelleError {
  declare readonly field: string;

  constructor(field: string, message: string | Text, entity?: string) {
    super(message, entity, field);
  }
}

/** An order cannot be mapped: nothing may be written for it until `field` is configured. */
export class OrderMappingError extends MappingError {
  declare readonly entity: string;

  constructor(readonly orderId: string, field: string, message: string | Text) {
    super(field, message, `order ${orderId}`);
  }

  /** Wraps a MappingError raised while mapping the order `orderId` (a catalogue text stays one, for the journal's language). */
  static from(orderId: string, err: MappingError): OrderMappingError {
    if (err instanceof OrderMappingError) return err;
    return new OrderMappingError(orderId, err.field, err.text ?? err.message);
  }
}

/** Runs `fn`, turning a MappingError into an OrderMappingError naming the order. */
export function forOrder<T>(orderId: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MappingError) throw OrderMappingError.from(orderId, err);
    throw err;
  }
}

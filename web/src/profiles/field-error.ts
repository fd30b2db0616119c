/** The server names the field at fault (ApiError.body.field): the form shows the message next to that field. */
import { ApiError } from '../api.ts';

/** The error's message when it is about `field` (or one of `fields`), else null. */
export function fieldError(error: unknown, ...fields: string[]): string | null {
  if (!(error instanceof ApiError) || !error.body.field) return null;
  return fields.includes(error.body.field) ? error.body.message : null;
}

/** An error that no field of the form shows: for the banner. */
export function unfieldedError(error: unknown, ...fields: string[]): unknown {
  return fieldError(error, ...fields) === null ? error : null;
}

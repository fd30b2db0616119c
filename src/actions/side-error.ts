/**
 * An error met while reading one side (GesCom or shop) for the UI, as the API's error bodies say
 * it: the message in the reader's language, the entity and the option to fix. A shop that refuses
 * the profile's credentials names the credential option its own message points at.
 */
import { errorMessage, PasserelleError } from '../errors.js';
import { HttpError } from '../http/http-error.js';
import { render, msg, type Lang } from '../i18n/catalogue.js';
import { entityLabel } from '../i18n/labels.js';
import type { Profile } from '../profile/schema.js';
import { adapterFor } from '../shops/registry.js';

export interface SideError {
  error: string;
  message: string;
  entity?: string;
  field?: string;
}

/** `shop.<kind>.<credential>`: the required option the shop's message names ("Consumer secret is invalid."), else the first one. */
export function credentialField(profile: Profile, shopMessage: string): string {
  const kind = profile.shop.kind;
  const required: readonly string[] = adapterFor(kind)?.required ?? [];
  const said = shopMessage.toLowerCase();
  const named = required.find((f) => said.includes(f.toLowerCase())) ?? required[0];
  return named ? `shop.${kind}.${named}` : `shop.${kind}`;
}

export function refusedCredentials(err: unknown): err is HttpError {
  return err instanceof HttpError && (err.status === 401 || err.status === 403);
}

export function sideError(err: unknown, profile: Profile, lang: Lang): SideError {
  const entity = `profile ${profile.name}`;
  if (refusedCredentials(err)) {
    const field = credentialField(profile, err.shopMessage ?? '');
    return {
      error: err.name, entity: entityLabel(entity, lang), field,
      message: render(msg('refLists.keysRefused', { code: String(err.code ?? err.status), field }), lang) + (err.shopMessage ? ` (${err.shopMessage})` : ''),
    };
  }
  if (err instanceof PasserelleError) {
    const out: SideError = { error: err.name, message: errorMessage(err, lang) };
    const e = err.entity ?? entity;
    out.entity = entityLabel(e, lang);
    // A shop that never answered: its address (or the network) is what to look at.
    const field = err.field ?? (err instanceof HttpError && !err.answered ? 'shop.url' : undefined);
    if (field !== undefined) out.field = field;
    return out;
  }
  return { error: err instanceof Error ? err.name : 'Error', message: errorMessage(err, lang), entity: entityLabel(entity, lang) };
}

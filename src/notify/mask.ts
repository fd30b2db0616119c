/**
 * Secrets out of e-mails: the journal already masks a profile's secrets in its lines, but an
 * e-mail also carries the server's answers and text built elsewhere, so everything that leaves
 * by mail goes through here once more.
 */
import { profileSecrets } from '../actions/runner.js';
import { redactText } from '../http/redact.js';
import type { Profile } from '../profile/schema.js';

const MASK = '********';

/** Every profile secret masked (longest first, so a secret holding another goes whole), then URL and header credentials. */
export function maskSecrets(text: string, profile: Profile): string {
  let out = text;
  for (const s of profileSecrets(profile).filter((v) => v.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(s).join(MASK);
  return redactText(out);
}

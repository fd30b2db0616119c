/**
 * Sends e-mail through the profile's SMTP server (PRF-07) with nodemailer: `smtp.ssl` is TLS from
 * the first byte (port 465), `smtp.tls` requires STARTTLS (port 587; when off, STARTTLS is still
 * used if the server offers it, so a password never goes in clear to a server that could encrypt),
 * `smtp.allowSelfSigned` accepts a certificate that cannot be verified. The profile's proxy is for
 * HTTP requests to the shop: SMTP connects directly.
 *
 * Every failure becomes one MailError naming the profile and the option to fix, quoting the
 * server's answer when there is one; the password and every other profile secret are masked in it.
 */
import nodemailer from 'nodemailer';
import type { SMTPTransportOptions, SMTPSentMessageInfo } from 'nodemailer/lib/smtp-transport';
import { ConfigError, PasserelleError } from '../errors.js';
import { msg, type Text } from '../i18n/catalogue.js';
import { emailString } from '../profile/option-helpers.js';
import { maskSecrets } from './mask.js';
import type { Profile } from '../profile/schema.js';

export interface MailAttachment {
  filename: string;
  content: string;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

/** What the server said: its last answer (`250 OK …`), and the recipients it accepted and refused. */
export interface MailReceipt {
  response: string;
  accepted: string[];
  rejected: string[];
  messageId: string;
}

/** Sending failed: the entity is the profile, the field the option to look at. */
export class MailError extends PasserelleError {}

/** Recipients typed by a person ("a@x.fr; b@y.fr"): each checked, a bad one named. */
export function parseRecipients(raw: string | string[], entity: string, field: string): string[] {
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((r) => r.split(/[;,]/)).map((a) => a.trim()).filter(Boolean);
  for (const address of list) {
    if (!emailString.safeParse(address).success) throw new ConfigError(msg('notify.err.badRecipient', { address }), entity, field);
  }
  return list;
}

/** The transport options of the profile's `smtp` section; a missing host or sender is named before any connection. */
export function transportOptions(profile: Profile): SMTPTransportOptions {
  const s = profile.smtp;
  const entity = `profile ${profile.name}`;
  if (!s.host.trim()) throw new ConfigError(msg('notify.err.noHost', { profile: profile.name }), entity, 'smtp.host');
  if (!s.from.trim()) throw new ConfigError(msg('notify.err.noSender', { profile: profile.name }), entity, 'smtp.from');
  return {
    host: s.host.trim(),
    port: s.port,
    secure: s.ssl,
    // STARTTLS makes no sense on a connection already encrypted.
    requireTLS: !s.ssl && s.tls,
    ...(s.fqdn ? { name: s.fqdn } : {}),
    ...(s.user ? { auth: { user: s.user, pass: s.password } } : {}),
    tls: { rejectUnauthorized: !s.allowSelfSigned },
    // Short enough that a run's notification never holds the service for minutes.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Sends one message through the profile's SMTP server. */
export async function sendMail(profile: Profile, mail: OutgoingMail): Promise<MailReceipt> {
  const options = transportOptions(profile);
  const transport = nodemailer.createTransport(options);
  try {
    const info: SMTPSentMessageInfo = await transport.sendMail({
      from: profile.smtp.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: 'text/plain; charset=utf-8' })) } : {}),
    });
    return {
      response: maskSecrets(String(info.response ?? ''), profile),
      accepted: (info.accepted ?? []).map(String),
      rejected: (info.rejected ?? []).map(String),
      messageId: String(info.messageId ?? ''),
    };
  } catch (err) {
    throw mailError(err, profile);
  } finally {
    transport.close();
  }
}

interface NodemailerError extends Error {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

/** A nodemailer failure as one line naming the profile and the option to fix, the server's answer quoted. */
export function mailError(raw: unknown, profile: Profile): MailError {
  const err = raw as NodemailerError;
  const s = profile.smtp;
  const clean = (t: string) => maskSecrets(t.replace(/\s+/g, ' ').trim(), profile);
  const base = { profile: profile.name, host: s.host, port: s.port };
  const response = clean(err.response ?? err.message ?? '');
  const detail = clean(err.message ?? String(raw));
  const system = err.originalCode ?? '';
  const make = (text: Text, field: string) => new MailError(text, `profile ${profile.name}`, field);
  if (system === 'ECONNREFUSED' || /ECONNREFUSED/.test(err.message ?? '')) return make(msg('notify.err.refused', base), 'smtp.port');
  if (err.code === 'EDNS' || system === 'ENOTFOUND' || system === 'EAI_AGAIN') return make(msg('notify.err.hostNotFound', base), 'smtp.host');
  if (err.code === 'ETIMEDOUT' || system === 'ETIMEDOUT') return make(msg('notify.err.timeout', base), 'smtp.port');
  if (err.code === 'ETLS' && err.command === 'STARTTLS' && err.response) return make(msg('notify.err.noStartTls', base), 'smtp.tls');
  // A plain server answering a TLS hello: OpenSSL's words say nothing to a merchant.
  if (s.ssl && /wrong version number|packet length too long|unknown protocol/i.test(err.message ?? '')) return make(msg('notify.err.notTls', base), 'smtp.ssl');
  if (err.code === 'ETLS' || /certificate|SSL routines/i.test(err.message ?? '')) {
    return make(msg('notify.err.tls', { ...base, detail }), s.ssl ? 'smtp.ssl' : 'smtp.tls');
  }
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') return make(msg('notify.err.auth', { ...base, user: s.user, response }), 'smtp.password');
  if (err.responseCode === 530) return make(msg('notify.err.authRequired', { ...base, response }), 'smtp.user');
  if (err.code === 'EENVELOPE') return make(msg('notify.err.envelope', { ...base, response }), 'smtp.from');
  return make(msg('notify.err.send', { ...base, detail }), 'smtp.host');
}

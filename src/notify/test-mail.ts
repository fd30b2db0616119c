/** `passerelle mail test` and `POST /api/profiles/:name/mail/test`: one message to check the profile's SMTP settings. */
import { ConfigError } from '../errors.js';
import { msg, type Messages } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import { parseRecipients, sendMail, type MailReceipt } from './mailer.js';
import { maskSecrets } from './mask.js';
import { testReport } from './run-report.js';

export interface TestMailResult extends MailReceipt {
  host: string;
  port: number;
  to: string[];
}

/** Sends the test message to `to` (addresses typed by a person) or to `smtp.testRecipients`. */
export async function sendTestMail(messages: Messages, profile: Profile, to?: string | string[]): Promise<TestMailResult> {
  const given = to === undefined ? [] : parseRecipients(to, `profile ${profile.name}`, 'to');
  const recipients = given.length ? given : profile.smtp.testRecipients;
  if (recipients.length === 0) {
    throw new ConfigError(msg('notify.err.noRecipients', { profile: profile.name, field: 'smtp.testRecipients, --to' }),
      `profile ${profile.name}`, 'smtp.testRecipients');
  }
  const content = testReport(messages, profile);
  const receipt = await sendMail(profile, {
    to: recipients, subject: maskSecrets(content.subject, profile), text: maskSecrets(content.text, profile), html: maskSecrets(content.html, profile),
  });
  return { ...receipt, host: profile.smtp.host, port: profile.smtp.port, to: recipients };
}
